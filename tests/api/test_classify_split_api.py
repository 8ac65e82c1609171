"""Classify and split jobs through the official SDK against a real server with a real worker, on SQLite and
PostgreSQL: every method of `client.classify`, `client.split` and `client.beta.split`."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from llama_cloud import BadRequestError, ConflictError, NotFoundError, UnprocessableEntityError

from tests import pace
from tests.conftest import LiveServer
from tests.documents import CONTRACT, CONTRACT_MORE, INVOICE, RECIPE, pdf
from tests.receiver import Receiver

RULES = [{"type": "invoice", "description": "A bill from a supplier requesting payment for goods or services"},
         {"type": "contract", "description": "A service agreement between two parties setting out terms"}]
CATEGORIES = [{"name": r["type"], "description": r["description"]} for r in RULES]
BUNDLE = pdf(("INVOICE", INVOICE, None), ("Lemon Drizzle Cake", RECIPE, None),
             ("SERVICES AGREEMENT", CONTRACT, None), (None, CONTRACT_MORE, None))


def upload(live: LiveServer, data: bytes, name: str = "bundle.pdf") -> str:
    return live.sdk().files.create(file=(name, data, "application/pdf"), purpose="extract").id


def parse_job(live: LiveServer, file_id: str) -> str:
    return live.sdk().parsing.parse(tier="fast", version="latest", file_id=file_id, expand=["text"],
                                   polling_interval=0.1).job.id


def wait_split(live: LiveServer, job_id: str, timeout: float = 60) -> object:
    client = live.sdk()
    return pace.wait_until(lambda: (j := client.split.get(job_id)).status in ("completed", "failed", "cancelled")
                           and j, timeout, f"split job {job_id} to finish")


def test_classify_run_get_list_delete(server: LiveServer) -> None:
    client = server.sdk()
    invoice = upload(server, pdf(("INVOICE", INVOICE, None)))
    job = client.classify.run(file_input=invoice, configuration={"rules": RULES}, polling_interval=0.1)
    assert job.id.startswith("cls-")
    assert job.status == "COMPLETED"
    assert job.document_input_type == "file_id"
    assert job.configuration.rules[0].type == "invoice"
    assert job.result.type == "invoice"
    assert 0.5 < job.result.confidence <= 1.0
    assert "Page 1" in job.result.reasoning
    assert "invoice" in job.result.reasoning.lower()
    assert job.usage.parse_credits is not None

    recipe = upload(server, pdf(("Lemon Drizzle Cake", RECIPE, None)))
    unmatched = client.classify.run(file_input=recipe, configuration={"rules": RULES}, polling_interval=0.1)
    assert unmatched.result.type is None
    assert 0.0 <= unmatched.result.confidence <= 1.0

    assert client.classify.get(job.id).result.type == "invoice"
    listed = list(client.classify.list(page_size=1))  # the SDK follows the cursor, one job a page
    assert [j.id for j in listed] == [unmatched.id, job.id]
    assert [j.id for j in client.classify.list(status="COMPLETED", job_ids=[job.id])] == [job.id]
    assert list(client.classify.list(status="FAILED")) == []
    future = datetime.now(UTC) + timedelta(hours=1)
    assert list(client.classify.list(created_at_on_or_after=future)) == []
    assert len(list(client.classify.list(created_at_on_or_before=future))) == 2

    deleted = client.classify.delete(job.id)
    assert deleted.id == job.id
    with pytest.raises(NotFoundError):
        client.classify.get(job.id)
    with pytest.raises(NotFoundError):
        client.classify.delete(job.id)


def test_classify_a_parse_job_with_a_saved_configuration_and_a_page_selection(server: LiveServer) -> None:
    client = server.sdk()
    bundle = upload(server, pdf(("Lemon Drizzle Cake", RECIPE, None), ("SERVICES AGREEMENT", CONTRACT, None)))
    saved = client.configurations.create(name="sorter", parameters={
        "product_type": "classify_v2", "rules": RULES, "parsing_configuration": {"target_pages": "2"}})
    parsed = parse_job(server, bundle)
    job = client.classify.run(file_input=parsed, configuration_id=saved.id, polling_interval=0.1)
    assert job.status == "COMPLETED"
    assert job.document_input_type == "parse_job_id"
    assert job.parse_job_id == parsed
    assert job.configuration_id == saved.id
    assert job.result.type == "contract"
    assert "Page 2" in job.result.reasoning  # numbered as in the input
    assert job.usage.credits == 0
    assert job.usage.parse_credits is None
    assert [j.id for j in client.classify.list(configuration_id=saved.id)] == [job.id]

    first_page = client.classify.run(file_input=bundle, configuration={
        "rules": RULES, "parsing_configuration": {"target_pages": "1"}}, polling_interval=0.1)
    assert first_page.result.type is None


def test_classify_transaction_id_returns_the_first_job(api_server: LiveServer) -> None:
    client = api_server.sdk()
    file_id = upload(api_server, pdf(("INVOICE", INVOICE, None)))
    first = client.classify.create(file_input=file_id, configuration={"rules": RULES}, transaction_id="t-1")
    again = client.classify.create(file_input=file_id, configuration={"rules": RULES[:1]}, transaction_id="t-1")
    assert again.id == first.id
    assert again.transaction_id == "t-1"
    assert client.classify.create(file_input=file_id, configuration={"rules": RULES}).id != first.id
    # a transaction id is per product: the same one creates a split job
    split = client.split.create(file_input=file_id, configuration={"categories": CATEGORIES}, transaction_id="t-1")
    assert split.id.startswith("spl-")


def test_classify_cancel_and_delete_rules(api_server: LiveServer) -> None:
    client = api_server.sdk()  # no worker: the job stays PENDING
    job = client.classify.create(file_input=upload(api_server, pdf(("INVOICE", INVOICE, None))),
                                 configuration={"rules": RULES})
    assert job.status == "PENDING"
    with pytest.raises(ConflictError):
        client.classify.delete(job.id)
    cancelled = client.classify.cancel(job.id)
    assert cancelled.status == "CANCELLED"
    with pytest.raises(ConflictError):
        client.classify.cancel(job.id)
    assert client.classify.delete(job.id).id == job.id


def test_classify_events_reach_a_webhook(server: LiveServer, receiver: Receiver) -> None:
    client = server.sdk()
    job = client.classify.create(file_input=upload(server, pdf(("INVOICE", INVOICE, None))),
                                 configuration={"rules": RULES},
                                 webhook_configurations=[{"webhook_url": receiver.url,
                                                          "webhook_output_format": "json"}])
    receiver.wait_for(3)
    payloads = [json.loads(body) for _, body in receiver.events]
    assert [p["event_type"] for p in payloads] == ["classify.pending", "classify.running", "classify.success"]
    assert payloads[-1]["data"]["id"] == job.id
    assert payloads[-1]["data"]["result"]["type"] == "invoice"


def _code(exc: pytest.ExceptionInfo) -> str:
    return exc.value.body["code"]  # type: ignore[attr-defined,index]


def test_bad_classify_and_split_requests_get_a_clear_4xx(api_server: LiveServer) -> None:
    client = api_server.sdk()
    file_id = upload(api_server, pdf(("INVOICE", INVOICE, None)))
    with pytest.raises(UnprocessableEntityError, match="at least one rule") as caught:
        client.classify.create(file_input=file_id, configuration={"rules": []})
    assert _code(caught) == "invalid_field"
    with pytest.raises(UnprocessableEntityError, match="non-empty type"):
        client.classify.create(file_input=file_id, configuration={"rules": [{"type": " ", "description": "x"}]})
    with pytest.raises(BadRequestError, match="exactly one") as caught:
        client.classify.create(file_input=file_id)
    assert _code(caught) == "invalid_request"
    with pytest.raises(NotFoundError) as caught:
        client.classify.create(file_input="dfl-00000000-0000-0000-0000-000000000000", configuration={"rules": RULES})
    assert _code(caught) == "not_found"
    with pytest.raises(NotFoundError):
        client.classify.create(file_input=file_id, configuration_id="cfg-nope")
    with pytest.raises(UnprocessableEntityError, match="at least one rule"):  # saved ones are checked alike
        client.configurations.create(name="empty", parameters={"product_type": "classify_v2", "rules": []})
    with pytest.raises(UnprocessableEntityError, match="at least one category"):
        client.configurations.create(name="empty", parameters={"product_type": "split_v1", "categories": []})
    with pytest.raises(NotFoundError):
        client.classify.get("cls-nope")
    with pytest.raises(NotFoundError):
        client.classify.cancel("cls-nope")
    with pytest.raises(BadRequestError, match="selects no page"):
        client.classify.create(file_input=file_id, configuration={
            "rules": RULES, "parsing_configuration": {"target_pages": "7"}})

    with pytest.raises(UnprocessableEntityError, match="at least one category") as caught:
        client.split.create(file_input=file_id, configuration={"categories": []})
    assert _code(caught) == "invalid_field"
    with pytest.raises(UnprocessableEntityError, match="allow_uncategorized"):
        client.split.create(file_input=file_id, configuration={
            "categories": CATEGORIES, "splitting_strategy": {"allow_uncategorized": "maybe"}})
    with pytest.raises(UnprocessableEntityError, match="min_pages_per_split"):
        client.split.create(file_input=file_id, configuration={
            "categories": CATEGORIES, "splitting_strategy": {"min_pages_per_split": 0}})
    with pytest.raises(BadRequestError, match="parse job"):
        client.split.create(file_input=file_id, configuration={"categories": CATEGORIES, "target_pages": "1"})
    with pytest.raises(NotFoundError):
        client.split.get("spl-nope")
    with pytest.raises(NotFoundError):
        client.beta.split.get("spl-nope")
    with pytest.raises(NotFoundError):
        client.split.create(file_input=file_id, configuration={"categories": CATEGORIES,
                                                                "parse_config_id": "cfg-nope"})
    with pytest.raises(BadRequestError, match="file_id"):
        client.beta.split.create(document_input={"type": "parse_job_id", "value": file_id},
                                 configuration={"categories": CATEGORIES})

    # a file of the wrong kind is refused at upload; a job of the wrong kind as input, at create
    with pytest.raises(Exception, match="unsupported file type"):
        client.files.create(file=("a.zip", b"PK\x05\x06" + bytes(18), "application/zip"), purpose="extract")
    other = client.classify.create(file_input=file_id, configuration={"rules": RULES})
    with pytest.raises(BadRequestError, match="is a classify job") as caught:
        client.split.create(file_input=other.id, configuration={"categories": CATEGORIES})
    assert _code(caught) == "invalid_request"

    # a parse job that was cancelled (or is not finished) cannot be read
    parse = client.parsing.create(tier="fast", version="latest", file_id=file_id)
    client.parsing.cancel(parse.id)
    for create in (lambda: client.classify.create(file_input=parse.id, configuration={"rules": RULES}),
                   lambda: client.split.create(file_input=parse.id, configuration={"categories": CATEGORIES})):
        with pytest.raises(BadRequestError, match="CANCELLED") as caught:
            create()
        assert _code(caught) == "invalid_request"


def test_split_a_bundle_into_segments(server: LiveServer) -> None:
    client = server.sdk()
    file_id = upload(server, BUNDLE)
    created = client.split.create(file_input=file_id, configuration={
        "categories": CATEGORIES, "splitting_strategy": {"allow_uncategorized": "include"}})
    assert created.id.startswith("spl-")
    assert created.status == "pending"
    assert created.categories[0].name == "invoice"
    job = wait_split(server, created.id)
    assert job.status == "completed"
    assert job.parse_tier is None
    assert job.splitting_strategy.allow_uncategorized == "include"
    assert [(s.category, s.pages) for s in job.result.segments] == [
        ("invoice", [1]), ("uncategorized", [2]), ("contract", [3, 4])]
    assert all(s.confidence_category in ("high", "medium", "low") for s in job.result.segments)

    omitted = wait_split(server, client.split.create(file_input=file_id, configuration={
        "categories": CATEGORIES, "splitting_strategy": {"allow_uncategorized": "omit"}}).id)
    assert [s.category for s in omitted.result.segments] == ["invoice", "contract"]
    forbidden = wait_split(server, client.split.create(file_input=file_id, configuration={
        "categories": CATEGORIES, "parse_tier": "cost_effective",
        "splitting_strategy": {"allow_uncategorized": "forbid"}}).id)
    assert "uncategorized" not in [s.category for s in forbidden.result.segments]
    assert sorted(p for s in forbidden.result.segments for p in s.pages) == [1, 2, 3, 4]
    assert forbidden.parse_tier == "cost_effective"

    assert [j.id for j in client.split.list(page_size=2)] == [forbidden.id, omitted.id, job.id]
    assert [j.id for j in client.split.list(status="completed", job_ids=[job.id])] == [job.id]
    assert list(client.split.list(status="processing")) == []
    with pytest.raises(BadRequestError):
        list(client.split.list(status="COMPLETED"))
    client.split.delete(job.id)
    with pytest.raises(NotFoundError):
        client.split.get(job.id)


def test_split_a_parse_job_and_extract_a_segment(server: LiveServer) -> None:
    client = server.sdk()
    file_id = upload(server, BUNDLE)
    parsed = parse_job(server, file_id)
    job = wait_split(server, client.split.create(file_input=parsed, configuration={
        "categories": CATEGORIES, "target_pages": "3-4"}).id)
    assert job.status == "completed"
    assert job.document_input_type == "parse_job_id"
    assert job.target_pages == "3-4"
    assert [(s.category, s.pages) for s in job.result.segments] == [("contract", [3, 4])]

    # a segment is extracted directly: its pages are the extract job's target_pages, and the citations
    # number pages as in the whole file
    contract_first = upload(server, pdf(("SERVICES AGREEMENT", CONTRACT, None), (None, CONTRACT_MORE, None),
                                        ("INVOICE", INVOICE, None)))
    whole = wait_split(server, client.split.create(file_input=contract_first,
                                                   configuration={"categories": CATEGORIES}).id)
    invoice = next(s for s in whole.result.segments if s.category == "invoice")
    assert invoice.pages == [3]
    schema = {"type": "object", "properties": {"invoice_number": {"type": "string"}, "total": {"type": "number"}}}
    extracted = client.extract.run(file_input=contract_first, polling_interval=0.1, configuration={
        "data_schema": schema, "cite_sources": True, "target_pages": ",".join(map(str, invoice.pages))})
    assert extracted.extract_result["invoice_number"] == "INV-20417"
    citation = extracted.extract_metadata.field_metadata.document_metadata["invoice_number"]["citation"][0]
    assert citation["page"] == 3


def test_split_cancel_and_the_beta_resource(api_server: LiveServer) -> None:
    client = api_server.sdk()
    file_id = upload(api_server, BUNDLE)
    job = client.beta.split.create(document_input={"type": "file_id", "value": file_id},
                                   configuration={"categories": CATEGORIES})
    assert job.status == "pending"
    assert job.document_input.type == "file_id"
    assert job.document_input.value == file_id
    assert client.beta.split.get(job.id).id == job.id
    assert [j.id for j in client.beta.split.list(status="pending")] == [job.id]
    with pytest.raises(ConflictError):
        client.split.delete(job.id)
    assert client.split.cancel(job.id).status == "cancelled"
    assert [j.id for j in client.split.list(status="cancelled")] == [job.id]
    client.split.delete(job.id)
    assert list(client.beta.split.list()) == []


def test_beta_split_helper_waits_for_the_result(server: LiveServer, receiver: Receiver) -> None:
    client = server.sdk()
    file_id = upload(server, BUNDLE)
    job = client.beta.split.split(categories=CATEGORIES, document_input={"type": "file_id", "value": file_id},
                                  splitting_strategy={"allow_uncategorized": "omit", "min_pages_per_split": 1},
                                  polling_interval=0.1)
    assert job.status == "completed"
    assert [(s.category, s.pages) for s in job.result.segments] == [("invoice", [1]), ("contract", [3, 4])]

    created = client.split.create(file_input=file_id, configuration={"categories": CATEGORIES},
                                  webhook_configurations=[{"webhook_url": receiver.url,
                                                           "webhook_output_format": "json"}])
    receiver.wait_for(3)
    payloads = [json.loads(body) for _, body in receiver.events]
    assert [p["event_type"] for p in payloads] == ["split.pending", "split.processing", "split.success"]
    assert payloads[-1]["data"]["id"] == created.id
    assert payloads[-1]["data"]["status"] == "completed"
