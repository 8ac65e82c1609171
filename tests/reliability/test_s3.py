"""The blob store on a real S3-compatible server (moto in server mode, on loopback): upload, download by
the signed content link, delete, and jobs run by an `assay worker` process reading from S3. Credentials
and the endpoint come from the environment, as in a deployment."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests import pace
from tests.conftest import LiveServer, make_settings, start_server
from tests.documents import INVOICE_SCHEMA, invoice_pdf
from tests.processes import spawn_worker, stop, wait_until

moto_server = pytest.importorskip("moto.server", reason="pip install 'moto[server]' s3fs")
BUCKET = "assay-test"


@pytest.fixture
def s3(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """A moto S3 server on loopback with an empty bucket; AWS_* variables point every process at it."""
    import boto3

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                        "AWS_DEFAULT_REGION": "us-east-1", "AWS_ENDPOINT_URL": f"http://{host}:{port}"}.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3")
    client.create_bucket(Bucket=BUCKET)
    yield client
    server.stop()


@pytest.fixture
def live(s3: object, tmp_path: Path) -> Iterator[LiveServer]:
    settings = make_settings(tmp_path, f"sqlite:///{tmp_path / 'a.db'}", storage_url=f"s3://{BUCKET}/blobs")
    yield from start_server(settings, workers=0)


def _keys(s3: object) -> set[str]:
    listing = s3.list_objects_v2(Bucket=BUCKET)  # type: ignore[attr-defined]
    return {item["Key"] for item in listing.get("Contents", [])}


def test_files_live_in_s3_and_jobs_run_from_it(s3: object, live: LiveServer) -> None:
    http = live.http()
    assert http.get("/ready").json() == {"status": "ready"}  # an empty prefix of a reachable bucket is fine
    data = invoice_pdf("INV-S3")
    created = http.post("/api/v1/beta/files", data={"purpose": "extract"}, files={"file": ("s3.pdf", data)})
    assert created.status_code == 201, created.text
    file_id = created.json()["id"]
    blob = f"blobs/files/{created.json()['project_id']}/{file_id}"
    assert blob in _keys(s3)

    link = http.get(f"/api/v1/beta/files/{file_id}/content").json()["url"]
    download = httpx.get(link, timeout=pace.seconds(10))  # no Authorization: the link's signature is the credential
    assert download.status_code == 200
    assert download.content == data

    job = http.post("/api/v2/extract", json={"file_input": file_id,
                                             "configuration": {"data_schema": INVOICE_SCHEMA}}).json()
    worker = spawn_worker(live.settings)  # inherits AWS_* from the environment, like any deployment
    try:
        wait_until(lambda: http.get(f"/api/v2/extract/{job['id']}").json()["status"] in ("COMPLETED", "FAILED"),
                   timeout=90, what="the job")
    finally:
        stop(worker)
    done = http.get(f"/api/v2/extract/{job['id']}").json()
    assert done["status"] == "COMPLETED", done
    assert done["extract_result"]["invoice_number"] == "INV-S3"
    assert any(key.startswith("blobs/parse-cache/") for key in _keys(s3))

    assert http.delete(f"/api/v1/beta/files/{file_id}").status_code == 204
    assert blob not in _keys(s3)
    assert httpx.get(link, timeout=pace.seconds(10)).status_code == 404
