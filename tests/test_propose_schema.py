"""Schema proposals from documents, prompts and schemas (pipeline.propose_schema)."""

from __future__ import annotations

import pytest

import assay
from assay.errors import InvalidRequestError, SchemaError
from assay.pipeline.propose_schema import propose_schema, register_proposer, suggest_name
from tests.documents import invoice_pdf


@pytest.mark.parametrize(
    ("prompt", "fields"),
    [
        pytest.param(
            "Extract the invoice number, date, total and line items",
            {"invoice_number": "string", "date": "string", "total": "number", "line_items": "array"},
            id="invoice_list",
        ),
        pytest.param(
            "vendor name; PO number\nis paid",
            {"vendor_name": "string", "po_number": "string", "is_paid": "boolean"},
            id="separators_and_boolean",
        ),
        pytest.param(
            "Get these fields: customer email and due date",
            {"customer_email": "string", "due_date": "string"},
            id="colon_intro",
        ),
    ],
)
def test_prompt_fields_and_types(prompt: str, fields: dict[str, str]) -> None:
    schema = propose_schema(prompt=prompt)
    assert {k: v["type"] for k, v in schema["properties"].items()} == fields
    assert all(v["description"] for v in schema["properties"].values())


def test_prompt_groups_become_item_fields() -> None:
    schema = propose_schema(prompt="receipt merchant, total and items (name, price, quantity)")
    items = schema["properties"]["items"]["items"]["properties"]
    assert list(items) == ["name", "price", "quantity"]
    assert items["price"]["type"] == "number"
    assert suggest_name(schema, "receipt merchant") == "receipt-schema"


def test_document_labels_tables_and_values_types() -> None:
    schema = propose_schema(document=assay.parse(invoice_pdf()))
    props = schema["properties"]
    assert schema["title"] == "Invoice"
    assert props["invoice_number"] == {
        "title": "Invoice Number",
        "type": "string",
        "description": "Invoice Number, as printed next to the label 'Invoice Number'.",
    }
    assert props["invoice_date"]["format"] == "date"
    assert props["total"]["type"] == "number"
    assert list(props["line_items"]["items"]["properties"]) == ["description", "quantity", "amount"]


def test_document_proposal_round_trips_through_the_layout_engine() -> None:
    proposed = propose_schema(document=assay.parse(invoice_pdf("INV-1")))
    result = assay.extract(invoice_pdf("INV-2", rows=5), proposed).result
    assert result["invoice_number"] == "INV-2"
    assert result["total"] == 150
    assert len(result["line_items"]) == 5
    assert all(v is not None for r in result["line_items"] for v in r.values())


def test_tick_boxes_become_booleans() -> None:
    html = "<p>Name: Ada Lovelace</p><p>☑ Subscribe to newsletter</p><p>☐ Share my data</p>".encode()
    props = propose_schema(document=assay.parse(html, filename="form.html"))["properties"]
    assert props["name"]["type"] == "string"
    assert props["subscribe_to_newsletter"]["type"] == "boolean"
    assert props["share_my_data"]["type"] == "boolean"
    assert assay.extract(html, {"type": "object", "properties": props}, filename="form.html").result == {
        "name": "Ada Lovelace",
        "subscribe_to_newsletter": True,
        "share_my_data": False,
    }


def test_prompt_with_a_document_keeps_the_asked_fields() -> None:
    props = propose_schema(
        document=assay.parse(invoice_pdf()), prompt="invoice number, total, customer email"
    )
    assert list(props["properties"]) == ["invoice_number", "total", "customer_email"]


def test_refine_fills_types_and_descriptions_and_keeps_given_ones() -> None:
    schema = propose_schema(
        data_schema={
            "type": "object",
            "properties": {
                "issue_date": {},
                "amount_due": {"description": "Mine"},
                "is_signed": {},
                "notes": {"type": "string"},
            },
        },
        prompt="payment terms",
    )
    props = schema["properties"]
    assert props["issue_date"] == {"type": "string", "format": "date", "description": "Issue date."}
    assert props["amount_due"] == {"type": "number", "description": "Mine"}
    assert props["is_signed"]["type"] == "boolean"
    assert props["notes"]["description"] == "Notes."
    assert "payment_terms" in props


def test_bad_inputs() -> None:
    with pytest.raises(InvalidRequestError):
        propose_schema()
    with pytest.raises(SchemaError):
        propose_schema(data_schema={"type": "object", "properties": {"a": {"type": "decimal"}}})
    with pytest.raises(InvalidRequestError, match="No fields"):
        propose_schema(prompt="the")


def test_a_registered_proposer_is_used_by_name() -> None:
    class Fixed:
        def propose(self, document, prompt, data_schema):  # type: ignore[no-untyped-def]
            return {"type": "object", "properties": {"answer": {"type": "string"}}}

    register_proposer("fixed", Fixed())
    assert propose_schema(prompt="anything", proposer="fixed")["properties"] == {"answer": {"type": "string"}}
    with pytest.raises(InvalidRequestError, match="Unknown schema proposer"):
        propose_schema(prompt="x", proposer="nope")
