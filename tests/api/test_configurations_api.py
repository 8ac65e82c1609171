"""Saved configurations and schema generation through the official SDK, on SQLite and PostgreSQL."""

from __future__ import annotations

import secrets
from concurrent.futures import ThreadPoolExecutor

import pytest
from llama_cloud import BadRequestError, ConflictError, NotFoundError, UnprocessableEntityError

from tests import pace
from tests.conftest import LiveServer
from tests.documents import INVOICE_SCHEMA, invoice_pdf

EXTRACT = {"product_type": "extract_v2", "data_schema": INVOICE_SCHEMA}


def upload(live: LiveServer, data: bytes, name: str = "invoice.pdf") -> str:
    return live.sdk().files.create(file=(name, data, "application/pdf"), purpose="extract").id


def wait_done(live: LiveServer, job_id: str, timeout: float = 60):  # type: ignore[no-untyped-def]
    client = live.sdk()
    return pace.wait_until(lambda: (j := client.extract.get(job_id, expand=["configuration"])).status in (
        "COMPLETED", "FAILED", "CANCELLED") and j, timeout, f"job {job_id} to finish")


def test_create_get_update_delete(api_server: LiveServer) -> None:
    client = api_server.sdk()
    created = client.configurations.create(name="invoices", parameters=EXTRACT)
    assert created.id.startswith("cfg-")
    assert created.product_type == "extract_v2"
    assert created.parameters.product_type == "extract_v2"
    assert created.parameters.data_schema == INVOICE_SCHEMA
    assert created.version == created.updated_at.isoformat()

    got = client.configurations.retrieve(created.id)
    assert (got.id, got.name, got.version) == (created.id, "invoices", created.version)

    updated = client.configurations.update(created.id, parameters={**EXTRACT, "tier": "agentic"})
    assert updated.id == created.id
    assert updated.name == "invoices"
    assert updated.parameters.tier == "agentic"
    assert updated.version > created.version
    renamed = client.configurations.update(created.id, name="invoices-v2")
    assert renamed.name == "invoices-v2"
    assert renamed.parameters.tier == "agentic"

    client.configurations.delete(created.id)
    with pytest.raises(NotFoundError):
        client.configurations.retrieve(created.id)
    with pytest.raises(NotFoundError):
        client.configurations.update(created.id, name="x")


def test_create_is_an_upsert_by_name_and_product_type(api_server: LiveServer) -> None:
    client = api_server.sdk()
    first = client.configurations.create(name="same", parameters=EXTRACT)
    second = client.configurations.create(name="same", parameters={**EXTRACT, "cite_sources": True})
    assert second.id == first.id
    assert second.version != first.version
    assert second.parameters.cite_sources is True
    other_kind = client.configurations.create(
        name="same", parameters={"product_type": "parse_v2", "tier": "fast", "version": "latest"}
    )
    assert other_kind.id != first.id
    assert other_kind.product_type == "parse_v2"


def test_list_versions_filters_and_pages(api_server: LiveServer) -> None:
    client = api_server.sdk()
    cfg = client.configurations.create(name="a", parameters=EXTRACT)
    client.configurations.update(cfg.id, parameters={**EXTRACT, "tier": "agentic"})
    client.configurations.update(cfg.id, parameters={**EXTRACT, "tier": "agentic_plus"})
    client.configurations.create(name="b", parameters=EXTRACT)
    client.configurations.create(
        name="p", parameters={"product_type": "parse_v2", "tier": "fast", "version": "latest"}
    )

    every = list(client.configurations.list(page_size=2))  # follows next_page_token
    assert len(every) == 3 + 1 + 1
    assert [v.parameters.tier for v in every if v.id == cfg.id] == ["agentic_plus", "agentic", None]
    assert len({(v.id, v.version) for v in every}) == 5

    latest = list(client.configurations.list(latest_only=True))
    assert sorted(v.name for v in latest) == ["a", "b", "p"]
    assert next(v for v in latest if v.id == cfg.id).parameters.tier == "agentic_plus"

    assert {v.name for v in client.configurations.list(product_type=["parse_v2"])} == {"p"}
    both = client.configurations.list(product_type=["parse_v2", "extract_v2"], latest_only=True)
    assert {v.name for v in both} == {"a", "b", "p"}
    assert [v.name for v in client.configurations.list(name="b")] == ["b"]
    page = client.configurations.list(latest_only=True, page_size=1)
    assert page.total_size == 3
    assert len(page.items) == 1
    assert page.next_page_token


def test_parameters_are_validated(api_server: LiveServer) -> None:
    client = api_server.sdk()
    with pytest.raises(UnprocessableEntityError) as missing:
        client.configurations.create(name="x", parameters={"product_type": "extract_v2"})
    assert "data_schema" in str(missing.value.body)
    with pytest.raises(UnprocessableEntityError) as bad:
        client.configurations.create(
            name="x", parameters={"product_type": "extract_v2", "data_schema": {"type": "array"}}
        )
    assert "root" in str(bad.value.body)
    with pytest.raises(BadRequestError, match="tier"):
        client.configurations.create(name="x", parameters={**EXTRACT, "tier": "platinum"})
    with pytest.raises(UnprocessableEntityError):
        client.configurations.create(name="x", parameters={"data_schema": INVOICE_SCHEMA})  # type: ignore[arg-type]
    cfg = client.configurations.create(name="x", parameters=EXTRACT)
    with pytest.raises(BadRequestError, match="cannot change"):
        client.configurations.update(
            cfg.id, parameters={"product_type": "parse_v2", "tier": "fast", "version": "latest"}
        )
    with api_server.http() as http:  # PATCH is accepted as well as the SDK's PUT
        response = http.patch(f"/api/v1/beta/configurations/{cfg.id}", json={"name": "patched"})
        assert response.status_code == 200
        assert response.json()["name"] == "patched"
        assert (
            http.post("/api/v1/beta/configurations", json={"name": "y", "parameters": EXTRACT}).status_code
            == 201
        )


def test_a_job_keeps_the_configuration_it_ran_with(server: LiveServer) -> None:
    client = server.sdk()
    cfg = client.configurations.create(name="inv", parameters={**EXTRACT, "cite_sources": True})
    job = client.extract.create(file_input=upload(server, invoice_pdf("INV-55")), configuration_id=cfg.id)
    assert job.configuration_id == cfg.id
    assert job.model_extra["configuration_version"] == cfg.version
    changed = {"type": "object", "properties": {"total": {"type": "number"}}}
    updated = client.configurations.update(cfg.id, parameters={"product_type": "extract_v2", "data_schema": changed})
    assert updated.version != cfg.version

    done = wait_done(server, job.id)
    assert done.status == "COMPLETED"
    assert done.configuration.data_schema == INVOICE_SCHEMA
    assert done.configuration.cite_sources is True
    assert done.model_extra["configuration_version"] == cfg.version  # the version it ran with
    assert done.extract_result["invoice_number"] == "INV-55"

    client.configurations.delete(cfg.id)
    assert client.extract.get(job.id, expand=["configuration"]).configuration.data_schema == INVOICE_SCHEMA
    with pytest.raises(NotFoundError):
        client.extract.create(file_input=done.file_input, configuration_id=cfg.id)


def test_generate_from_an_example_file_fills_when_extracted(server: LiveServer) -> None:
    client = server.sdk()
    file_id = upload(server, invoice_pdf("INV-9001", rows=4))
    generated = client.extract.generate_schema(file_id=file_id)
    schema = generated.parameters.data_schema
    assert generated.parameters.product_type == "extract_v2"
    assert generated.name == "invoice-schema"
    props = schema["properties"]
    assert {"invoice_number", "invoice_date", "total", "line_items"} <= set(props)
    assert props["invoice_date"]["format"] == "date"
    assert props["total"]["type"] == "number"
    item = props["line_items"]["items"]["properties"]
    assert set(item) == {"description", "quantity", "amount"}
    assert item["amount"]["type"] == "number"
    assert all(node.get("description") for node in props.values())

    saved = client.configurations.create(name=generated.name, parameters=generated.parameters.to_dict())
    job = client.extract.run(
        file_input=upload(server, invoice_pdf("INV-77", rows=2)),
        configuration_id=saved.id,
        polling_interval=0.1,
    )
    result = job.extract_result
    assert result["invoice_number"] == "INV-77"
    assert result["invoice_date"] == "2026-03-14"
    assert result["total"] == 30.0
    assert len(result["line_items"]) == 2
    assert all(v is not None for row in result["line_items"] for v in row.values())


def test_generate_from_prompt_schema_and_nothing(api_server: LiveServer) -> None:
    client = api_server.sdk()
    generated = client.extract.generate_schema(
        prompt="Extract the invoice number, date, total and line items"
    )
    props = generated.parameters.data_schema["properties"]
    assert list(props) == ["invoice_number", "date", "total", "line_items"]
    assert props["line_items"]["type"] == "array"
    assert props["total"]["type"] == "number"

    refined = client.extract.generate_schema(
        name="mine", data_schema={"type": "object", "properties": {"due_date": {}, "amount_due": {}}}
    )
    props = refined.parameters.data_schema["properties"]
    assert refined.name == "mine"
    assert props["due_date"]["format"] == "date"
    assert props["amount_due"]["type"] == "number"
    assert props["due_date"]["description"] == "Due date."

    with pytest.raises(BadRequestError):
        client.extract.generate_schema()
    with pytest.raises(UnprocessableEntityError):
        client.extract.generate_schema(data_schema={"type": "array"})
    with pytest.raises(NotFoundError):
        client.extract.generate_schema(file_id="dfl-00000000-0000-0000-0000-000000000000")


def test_one_configuration_per_name_even_under_concurrent_creates(api_server: LiveServer) -> None:
    name = "shared-" + secrets.token_hex(4)
    with ThreadPoolExecutor(8) as pool:
        made = list(pool.map(lambda _: api_server.sdk().configurations.create(name=name, parameters=EXTRACT),
                             range(8)))
    assert len({c.id for c in made}) == 1
    listed = list(api_server.sdk().configurations.list(name=name, latest_only=True))
    assert [c.id for c in listed] == [made[0].id]


def test_long_names_and_renames(api_server: LiveServer) -> None:
    client = api_server.sdk()
    long_name = secrets.token_hex(1500)  # 3,000 random characters: no index entry could hold them
    created = client.configurations.create(name=long_name, parameters=EXTRACT)
    assert client.configurations.create(name=long_name, parameters=EXTRACT).id == created.id
    other = client.configurations.create(name="other-" + secrets.token_hex(4), parameters=EXTRACT)
    with pytest.raises(ConflictError):
        client.configurations.update(other.id, name=long_name)
    renamed = client.configurations.update(other.id, name="renamed-" + secrets.token_hex(4))
    assert renamed.name.startswith("renamed-")


def test_a_rename_onto_a_taken_name_is_a_conflict_at_the_service(database_url: str) -> None:
    from assay.errors import ConflictError as Conflict
    from assay.services import accounts, configurations
    from assay.services.accounts import Principal
    from assay.storage.db import Database

    db = Database(database_url)
    db.migrate()
    try:
        with db.session() as session:
            accounts.bootstrap(session, first_key=None)
            project = accounts.default_project(session)
            principal = Principal(project.id, project.organization_id, None)
            mine = configurations.create(session, principal, name="mine", parameters=EXTRACT).id
        with db.session() as session:
            configurations.create(session, principal, name="wanted", parameters=EXTRACT)
        # the unique index decides, so a request that took the name a moment ago counts the same
        with pytest.raises(Conflict), db.session() as session:
            configurations.update(session, principal, mine, name="wanted")
    finally:
        db.dispose()
