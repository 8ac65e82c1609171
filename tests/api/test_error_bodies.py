"""Every error body has a stable `code`, also for bodies the wire models refuse; every operation id is unique."""

from __future__ import annotations

import re
from collections import Counter

import httpx
import pytest

from tests import pace
from tests.conftest import LiveServer

MALFORMED = [[], "text", {"data_schema": ""}, {"file_input": 5, "configuration": {"data_schema": None}},
             {"configuration": {"data_schema": ""}, "file_input": "dfl-x"}]


def _operations(live: LiveServer) -> list[tuple[str, str, dict]]:
    spec = httpx.get(live.base_url + "/openapi.json", timeout=pace.seconds(10)).json()
    return [(method.upper(), path, op) for path, ops in spec["paths"].items()
            for method, op in ops.items() if method in ("get", "post", "put", "patch", "delete")]


def test_malformed_bodies_get_a_code_on_every_route(api_server: LiveServer) -> None:
    http = api_server.http()
    checked = 0
    for method, path, op in _operations(api_server):
        if "requestBody" not in op:
            continue
        url = re.sub(r"\{[^}]+\}", "x-1", path)
        for body in MALFORMED:
            response = http.request(method, url, json=body)
            if response.status_code < 400:
                continue  # a body every field of which is optional, and the route found what it names
            assert response.status_code < 500, (method, path, body, response.text)
            assert "code" in response.json(), (method, path, body, response.text)
            checked += 1
    assert checked > 20


@pytest.mark.parametrize("data_schema", ["", None, "{}", 5])
def test_a_data_schema_that_is_not_an_object_is_refused_with_a_code(api_server: LiveServer, data_schema) -> None:  # type: ignore[no-untyped-def]
    http = api_server.http()
    for path, body in [("/api/v2/extract", {"file_input": "dfl-x", "configuration": {"data_schema": data_schema}}),
                       ("/api/v2/extract/schema/validation", {"data_schema": data_schema})]:
        response = http.post(path, json=body)
        assert response.status_code in (400, 422), response.text
        error = response.json()
        assert error["code"] in ("invalid_field", "invalid_schema", "invalid_request"), error
        assert any("data_schema" in map(str, d.get("loc", [])) for d in error["detail"]) \
            if isinstance(error["detail"], list) else "data_schema" in error["detail"]


def test_unknown_paths_and_methods_have_a_code(api_server: LiveServer) -> None:
    http = api_server.http()
    assert http.get("/api/v2/nothing-here").json()["code"] == "not_found"
    response = http.request("PATCH", "/api/v2/extract")
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


def test_every_operation_id_is_unique(api_server: LiveServer) -> None:
    ids = Counter(op["operationId"] for _, _, op in _operations(api_server))
    assert [i for i, n in ids.items() if n > 1] == []
