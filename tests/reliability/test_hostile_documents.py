"""Malformed and hostile documents end as FAILED jobs with a clear reason, and the worker keeps serving;
page and pixel limits are enforced through a job."""

from __future__ import annotations

import io
import random
import struct
import time
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import LiveServer, make_settings, start_server
from tests.documents import INVOICE_SCHEMA, invoice_pdf


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims `width` x `height` pixels but holds almost no data (a decompression-bomb probe)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + \
        chunk(b"IEND", b"")


def zip_bomb(main_part: str, content_type: str) -> bytes:
    """An OOXML package whose main part inflates 1000× to 64 MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                         f'package/2006/content-types"><Override PartName="/{main_part}" ContentType="{content_type}"/>'
                         "</Types>")
        archive.writestr(main_part, b"<" + b"\0" * (64 * 1024 * 1024))
    return buffer.getvalue()


def hostile_documents() -> dict[str, bytes]:
    rng = random.Random(7)
    good = invoice_pdf()
    return {
        "truncated.pdf": good[: len(good) // 2],
        "random-with-header.pdf": b"%PDF-1.7\n" + rng.randbytes(20_000),
        "header-only.pdf": b"%PDF-1.4\n%%EOF\n",
        "bomb.docx": zip_bomb("word/document.xml", "application/vnd.openxmlformats-officedocument."
                              "wordprocessingml.document.main+xml"),
        "bomb.xlsx": zip_bomb("xl/workbook.xml", "application/vnd.openxmlformats-officedocument."
                              "spreadsheetml.sheet.main+xml"),
        "huge.png": png_header(40_000, 40_000),
        "noise.bin": rng.randbytes(4096),
        "empty.pdf": b"",
    }


@pytest.fixture
def live(tmp_path: Path) -> Iterator[LiveServer]:
    yield from start_server(make_settings(tmp_path, f"sqlite:///{tmp_path / 'a.db'}", max_pages=3), workers=1)


def _job(http: httpx.Client, name: str, data: bytes) -> str:
    upload = http.post("/api/v1/beta/files", data={"purpose": "extract"}, files={"file": (name, data)})
    assert upload.status_code == 201, (name, upload.status_code, upload.text)
    created = http.post("/api/v2/extract", json={"file_input": upload.json()["id"],
                                                 "configuration": {"data_schema": INVOICE_SCHEMA}})
    assert created.status_code == 200, (name, created.text)
    return str(created.json()["id"])


def _finish(http: httpx.Client, ids: dict[str, str], timeout: float = 120) -> dict[str, dict]:
    deadline, jobs = time.monotonic() + timeout, {}
    while time.monotonic() < deadline:
        jobs = {name: http.get(f"/api/v2/extract/{i}").json() for name, i in ids.items()}
        if all(j["status"] in ("COMPLETED", "FAILED", "CANCELLED") for j in jobs.values()):
            return jobs
        time.sleep(0.2)
    raise AssertionError(f"jobs not finished: { {n: j['status'] for n, j in jobs.items()} }")


REFUSED_AT_UPLOAD = {"noise.bin": 415, "empty.pdf": 400}  # content no parser reads: refused before any job


def test_unreadable_uploads_are_refused_with_reasons(live: LiveServer) -> None:
    http = live.http()
    documents = hostile_documents()
    for name, status in REFUSED_AT_UPLOAD.items():
        upload = http.post("/api/v1/beta/files", data={"purpose": "extract"}, files={"file": (name, documents[name])})
        assert upload.status_code == status, upload.text
        assert upload.json()["detail"]


def test_hostile_documents_fail_with_reasons_and_the_worker_keeps_serving(live: LiveServer) -> None:
    http = live.http()
    ids = {name: _job(http, name, data) for name, data in hostile_documents().items()
           if name not in REFUSED_AT_UPLOAD}
    ids["after.pdf"] = _job(http, "after.pdf", invoice_pdf("INV-2001"))
    jobs = _finish(http, ids)
    after = jobs.pop("after.pdf")
    assert after["status"] == "COMPLETED"
    assert after["extract_result"]["invoice_number"] == "INV-2001"
    for name, job in jobs.items():
        assert job["status"] == "FAILED", (name, job)
        message = job["error_message"] or ""
        assert len(message) > 10, (name, message)
        assert "Internal error" not in message, (name, message)
        assert "Traceback" not in message, (name, message)
    assert "zip bomb" in jobs["bomb.docx"]["error_message"]
    assert "zip bomb" in jobs["bomb.xlsx"]["error_message"]
    assert "pixels" in jobs["huge.png"]["error_message"]
    print("\n" + "\n".join(f"{name}: {job['error_message']}" for name, job in jobs.items()))


def test_page_limit_is_enforced_through_a_job(live: LiveServer) -> None:
    http = live.http()
    jobs = _finish(http, {"long": _job(http, "long.pdf", invoice_pdf(pages=5))})
    assert jobs["long"]["status"] == "FAILED"
    assert "at most 3 pages" in jobs["long"]["error_message"]
