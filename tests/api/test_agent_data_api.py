"""The SDK's agent-data store (`client.beta.agent_data`) against a real server, on SQLite and PostgreSQL:
create (from `ExtractedData.from_extract_job`), get, update, delete, search with each filter operator,
order_by, pages and include_total, aggregate, delete by query."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from llama_cloud import BadRequestError, NotFoundError, UnprocessableEntityError
from llama_cloud.types.beta.extracted_data import ExtractedData
from pydantic import BaseModel

from tests.conftest import LiveServer
from tests.documents import invoice_pdf

DEPLOYMENT = "invoices-agent"


class Invoice(BaseModel):
    invoice_number: str | None = None
    total: float | None = None


PEOPLE = [  # name, age, team, city (None: no city field at all)
    ("Ada", 36, "core", "London"),
    ("Brian", 52, "core", "Paris"),
    ("Chen", 29, "infra", None),
    ("Dana", 41, "infra", "London"),
    ("Eve", 23, "sales", "Berlin"),
]


def _people(live: LiveServer, collection: str = "people") -> dict[str, str]:
    client = live.sdk()
    ids = {}
    for name, age, team, city in PEOPLE:
        data: dict[str, object] = {"name": name, "age": age, "team": team, "joined": f"20{age}-01-01",
                                   "profile": {"level": age // 10}}
        if city is not None:
            data["city"] = city
        ids[name] = client.beta.agent_data.create(deployment_name=DEPLOYMENT, collection=collection, data=data).id
    return ids


def _names(live: LiveServer, **kwargs: object) -> list[str]:
    page = live.sdk().beta.agent_data.search(deployment_name=DEPLOYMENT, collection="people", **kwargs)
    return [item.data["name"] for item in page]


def test_create_from_an_extract_job_get_update_delete(server: LiveServer) -> None:
    client = server.sdk()
    file_id = client.files.create(file=("i.pdf", invoice_pdf("INV-77"), "application/pdf"), purpose="extract").id
    job = client.extract.run(file_input=file_id, polling_interval=0.1, configuration={
        "data_schema": Invoice.model_json_schema(), "cite_sources": True, "confidence_scores": True})
    extracted = ExtractedData.from_extract_job(client.extract.get(job.id, expand=["extract_metadata"]), Invoice)
    created = client.beta.agent_data.create(deployment_name=DEPLOYMENT, collection="invoices",
                                            data=extracted.model_dump(mode="json"))
    assert created.id
    assert created.deployment_name == DEPLOYMENT
    assert created.collection == "invoices"
    assert created.project_id
    assert created.created_at
    assert created.updated_at

    got = client.beta.agent_data.get(created.id)
    again = ExtractedData[Invoice].model_validate(got.data)  # the stored item reads back as the SDK's type
    assert again.data.invoice_number == "INV-77"
    assert again.status == "pending_review"
    assert again.file_id == file_id
    assert again.metadata["job_id"] == job.id
    assert again.field_metadata["invoice_number"].citation[0].page == 1
    assert again.overall_confidence == extracted.overall_confidence

    again.data.total = 99.5
    again.status = "accepted"
    updated = client.beta.agent_data.update(created.id, data=again.model_dump(mode="json"))
    assert updated.data["data"]["total"] == 99.5
    assert updated.data["status"] == "accepted"
    assert updated.updated_at >= created.updated_at
    assert updated.created_at == created.created_at

    assert client.beta.agent_data.delete(created.id) == {"id": created.id}
    with pytest.raises(NotFoundError):
        client.beta.agent_data.get(created.id)
    with pytest.raises(NotFoundError):
        client.beta.agent_data.update(created.id, data={})
    with pytest.raises(NotFoundError):
        client.beta.agent_data.delete(created.id)


def test_search_with_each_filter_operator(api_server: LiveServer) -> None:
    _people(api_server)
    _people(api_server, collection="other")  # another collection in the same deployment: never seen below
    api_server.sdk().beta.agent_data.create(deployment_name="elsewhere", collection="people",
                                            data={"name": "Zed", "age": 36})
    by_name = {"order_by": "data.name"}
    assert _names(api_server, **by_name) == ["Ada", "Brian", "Chen", "Dana", "Eve"]
    assert _names(api_server, filter={"team": {"eq": "core"}}, **by_name) == ["Ada", "Brian"]
    assert _names(api_server, filter={"age": {"eq": 36}}) == ["Ada"]
    assert _names(api_server, filter={"age": {"gt": 36}}, **by_name) == ["Brian", "Dana"]
    assert _names(api_server, filter={"age": {"gte": 36}}, **by_name) == ["Ada", "Brian", "Dana"]
    assert _names(api_server, filter={"age": {"lt": 36}}, **by_name) == ["Chen", "Eve"]
    assert _names(api_server, filter={"age": {"lte": 36}}, **by_name) == ["Ada", "Chen", "Eve"]
    assert _names(api_server, filter={"age": {"gt": 25, "lt": 45}}, **by_name) == ["Ada", "Chen", "Dana"]
    assert _names(api_server, filter={"city": {"includes": ["London", "Berlin"]}}, **by_name) == ["Ada", "Dana", "Eve"]
    # excludes keeps the item without a city
    assert _names(api_server, filter={"city": {"excludes": ["London", "Berlin"]}}, **by_name) == ["Brian", "Chen"]
    assert _names(api_server, filter={"city": {"ne": "London"}}, **by_name) == ["Brian", "Chen", "Eve"]
    assert _names(api_server, filter={"city": {"eq": None}}) == ["Chen"]
    assert _names(api_server, filter={"data.profile.level": {"eq": 4}}, **by_name) == ["Dana"]
    assert _names(api_server, filter={"joined": {"gte": "2041-01-01"}}, **by_name) == ["Brian", "Dana"]
    assert _names(api_server, filter={"name": {"gt": 30}}) == []  # a number never matches a string
    assert _names(api_server, filter={"team": {"eq": "core"}, "city": {"eq": "Paris"}}) == ["Brian"]
    future = datetime.now(UTC) + timedelta(hours=1)
    assert _names(api_server, filter={"created_at": {"gt": future}}) == []
    assert len(_names(api_server, filter={"created_at": {"lte": future}})) == 5


def test_search_orders_pages_and_counts(api_server: LiveServer) -> None:
    _people(api_server)
    assert _names(api_server) == ["Eve", "Dana", "Chen", "Brian", "Ada"]  # newest first by default
    assert _names(api_server, order_by="data.age desc") == ["Brian", "Dana", "Ada", "Chen", "Eve"]
    assert _names(api_server, order_by="team, data.age desc") == ["Brian", "Ada", "Dana", "Chen", "Eve"]
    assert _names(api_server, order_by="created_at") == ["Ada", "Brian", "Chen", "Dana", "Eve"]
    client = api_server.sdk()
    first = client.beta.agent_data.search(deployment_name=DEPLOYMENT, collection="people", page_size=2,
                                          order_by="data.name", include_total=True)
    assert [i.data["name"] for i in first.items] == ["Ada", "Brian"]
    assert first.total_size == 5
    assert first.next_page_token
    all_pages = [[i.data["name"] for i in page.items] for page in first.iter_pages()]
    assert all_pages == [["Ada", "Brian"], ["Chen", "Dana"], ["Eve"]]
    assert _names(api_server, order_by="data.name", offset=3) == ["Dana", "Eve"]
    filtered = client.beta.agent_data.search(deployment_name=DEPLOYMENT, collection="people", include_total=True,
                                             filter={"team": {"eq": "infra"}})
    assert filtered.total_size == 2
    assert client.beta.agent_data.search(deployment_name=DEPLOYMENT, collection="people").total_size is None


def test_aggregate_groups_counts_and_first_items(api_server: LiveServer) -> None:
    _people(api_server)
    client = api_server.sdk()
    groups = list(client.beta.agent_data.aggregate(deployment_name=DEPLOYMENT, collection="people",
                                                   group_by=["team"], count=True, first=True))
    assert [(g.group_key, g.count, g.first_item["name"]) for g in groups] == [
        ({"team": "core"}, 2, "Ada"), ({"team": "infra"}, 2, "Chen"), ({"team": "sales"}, 1, "Eve")]
    by_two = list(client.beta.agent_data.aggregate(
        deployment_name=DEPLOYMENT, collection="people", group_by=["data.team", "city"], count=True,
        filter={"age": {"gte": 30}}, order_by="data.team desc"))
    assert [(g.group_key["data.team"], g.group_key["city"], g.count) for g in by_two] == [
        ("infra", "London", 1), ("core", "London", 1), ("core", "Paris", 1)]
    assert all(g.first_item is None for g in by_two)
    (everything,) = client.beta.agent_data.aggregate(deployment_name=DEPLOYMENT, collection="people", count=True)
    assert everything.group_key == {}
    assert everything.count == 5
    paged = client.beta.agent_data.aggregate(deployment_name=DEPLOYMENT, collection="people", group_by=["team"],
                                             page_size=2)
    assert len(paged.items) == 2
    assert paged.next_page_token
    assert [g.group_key["team"] for g in paged.iter_pages() for g in g.items] == ["core", "infra", "sales"]


def test_delete_by_query(api_server: LiveServer) -> None:
    ids = _people(api_server)
    _people(api_server, collection="other")
    client = api_server.sdk()
    gone = client.beta.agent_data.delete_by_query(deployment_name=DEPLOYMENT, collection="people",
                                                  filter={"age": {"lt": 40}})
    assert gone.deleted_count == 3
    assert sorted(_names(api_server)) == ["Brian", "Dana"]
    with pytest.raises(NotFoundError):
        client.beta.agent_data.get(ids["Ada"])
    assert client.beta.agent_data.delete_by_query(deployment_name=DEPLOYMENT, collection="people").deleted_count == 2
    assert _names(api_server) == []
    other = client.beta.agent_data.search(deployment_name=DEPLOYMENT, collection="other", include_total=True)
    assert other.total_size == 5  # the other collection is untouched


def test_bad_queries_get_clear_errors(api_server: LiveServer) -> None:
    client = api_server.sdk(max_retries=0)
    with pytest.raises(BadRequestError) as bad_order:
        client.beta.agent_data.search(deployment_name=DEPLOYMENT, order_by="age sideways")
    assert bad_order.value.body["code"] == "invalid_request"
    with pytest.raises(UnprocessableEntityError) as bad_name:
        client.beta.agent_data.search(deployment_name=DEPLOYMENT, filter={'a"b': {"eq": 1}})
    assert bad_name.value.body["code"] == "invalid_field"
    with pytest.raises(UnprocessableEntityError):
        client.beta.agent_data.search(deployment_name=DEPLOYMENT, filter={"created_at": {"gt": "yesterday"}})
    with pytest.raises(UnprocessableEntityError) as bad_operator:
        client.beta.agent_data.search(deployment_name=DEPLOYMENT, extra_body={"filter": {"age": {"like": 3}}})
    assert bad_operator.value.body["code"] == "invalid_field"
    assert "like" in bad_operator.value.body["detail"]
    with pytest.raises(UnprocessableEntityError):
        client.beta.agent_data.create(deployment_name=" ", data={})
    with pytest.raises(BadRequestError):
        client.beta.agent_data.search(deployment_name=DEPLOYMENT, page_token="not-a-token")
