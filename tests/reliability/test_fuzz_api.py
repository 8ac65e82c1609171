"""Fuzz every operation of the served OpenAPI schema with schemathesis: no input may cause a 5xx.
Bounded: a few examples per operation, one server, well under a minute on two cores."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator

import httpx
import pytest
import requests

from tests import pace
from tests.conftest import LiveServer, make_settings, start_server
from tests.documents import invoice_pdf

schemathesis = pytest.importorskip("schemathesis", reason="pip install schemathesis")
hypothesis = pytest.importorskip("hypothesis")

EXAMPLES = int(os.environ.get("ASSAY_FUZZ_EXAMPLES", "25"))


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    tmp = tmp_path_factory.mktemp("fuzz")
    yield from start_server(make_settings(tmp, f"sqlite:///{tmp / 'a.db'}"), workers=1)


def test_no_input_causes_a_server_error(live: LiveServer) -> None:
    http = live.http()
    file_id = http.post("/api/v1/beta/files", data={"purpose": "extract"},
                        files={"file": ("a.pdf", invoice_pdf())}).json()["id"]
    schema = schemathesis.openapi.from_dict(httpx.get(live.base_url + "/openapi.json", timeout=pace.seconds(10)).json())
    auth = {"Authorization": f"Bearer {live.api_key}"}
    failures: list[str] = []
    statuses: Counter[int] = Counter()
    session = requests.Session()
    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:
        @hypothesis.settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                             suppress_health_check=list(hypothesis.HealthCheck), phases=[hypothesis.Phase.generate])
        @hypothesis.given(case=operation.as_strategy())
        def fuzz(case) -> None:  # type: ignore[no-untyped-def]
            if case.path_parameters and "file_id" in case.path_parameters and sum(statuses.values()) % 2:
                case.path_parameters["file_id"] = file_id  # reach past the 404 sometimes
            response = case.call(base_url=live.base_url, session=session, headers=auth, timeout=30)
            statuses[response.status_code] += 1
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} → {response.status_code}: "
                                f"{response.text[:300]}  body={str(case.body)[:300]}")

        fuzz()
    print(f"\nfuzzed {len(operations)} operations, {sum(statuses.values())} requests: {dict(sorted(statuses.items()))}")
    assert not failures, "\n".join(failures)
    assert http.get("/health").status_code == 200
