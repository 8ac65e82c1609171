"""The Files API through the official llama_cloud SDK against a real server, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import secrets

import httpx
import pytest
from llama_cloud import AuthenticationError, BadRequestError, NotFoundError, UnprocessableEntityError

from tests import pace
from tests.conftest import LiveServer, make_settings, start_server
from tests.documents import tiny_pdf

PNG_BYTES = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000100e221bc330000000049454e44ae426082")


def test_upload_list_get_download_delete_through_the_sdk(api_server: LiveServer) -> None:
    client = api_server.sdk()
    pdf = tiny_pdf("Invoice 42")
    created = client.files.create(file=("invoice.pdf", pdf, "application/pdf"), purpose="extract",
                                  external_file_id="ext-42")
    assert created.id.startswith("dfl-")
    assert created.name == "invoice.pdf"
    assert created.file_type == "pdf"
    assert created.purpose == "extract"
    assert created.external_file_id == "ext-42"
    extra = created.model_extra or {}
    assert extra["page_count"] == 1
    assert extra["file_size"] == len(pdf)

    for i in range(4):
        client.files.create(file=(f"note{i}.txt", f"note {i}".encode(), "text/plain"), purpose="user_data")
    first = client.files.list(page_size=3)
    assert len(first.items) == 3
    assert first.total_size == 5
    assert first.next_page_token
    every = [f.id for f in client.files.list(page_size=3)]  # the SDK follows next_page_token
    assert len(every) == len(set(every)) == 5
    assert every[-1] == created.id  # newest first
    by_name = [f.name for f in client.files.list(order_by="name")]
    assert by_name == sorted(by_name)

    fetched = client.files.retrieve(created.id, expand=["download_url"])
    assert fetched.id == created.id
    assert fetched.download_url is not None
    link = client.files.content(created.id)
    assert link.url.startswith("http://127.0.0.1:")
    assert httpx.get(link.url, timeout=pace.seconds(10)).content == pdf  # no Authorization header needed
    tampered = link.url.replace("signature=", "signature=0")
    assert httpx.get(tampered, timeout=pace.seconds(10)).status_code == 404

    queried = client.files.query(filter={"file_name": "invoice.pdf"})
    assert [f.id for f in queried.items] == [created.id]

    client.files.delete(created.id)
    with pytest.raises(NotFoundError):
        client.files.retrieve(created.id)
    assert httpx.get(link.url, timeout=pace.seconds(10)).status_code == 404


def test_a_second_project_sees_nothing_of_the_first(api_server: LiveServer) -> None:
    from assay.services import accounts

    with api_server.runtime.db.session() as session:
        other = accounts.create_project(session, "other")
        other_key, _ = accounts.create_key(session, other.id)
    mine = api_server.sdk().files.create(file=("a.txt", b"secret", "text/plain"), purpose="user_data")
    theirs = api_server.sdk(api_key=other_key)
    with pytest.raises(NotFoundError):
        theirs.files.retrieve(mine.id)
    with pytest.raises(NotFoundError):
        theirs.files.content(mine.id)
    with pytest.raises(NotFoundError):
        theirs.files.delete(mine.id)
    assert list(theirs.files.list()) == []
    assert theirs.files.query(filter={"file_ids": [mine.id]}).items == []
    with pytest.raises(NotFoundError):  # naming the other project explicitly does not help
        theirs.files.list(project_id=api_server.sdk().projects.list()[0].id)
    assert api_server.sdk().files.retrieve(mine.id).id == mine.id


def test_missing_wrong_and_revoked_keys_are_401(api_server: LiveServer) -> None:
    from assay.services import accounts

    assert httpx.get(api_server.base_url + "/api/v1/beta/files", timeout=pace.seconds(10)).status_code == 401
    with pytest.raises(AuthenticationError):
        api_server.sdk(api_key="llx-wrong").files.list().items  # noqa: B018
    with api_server.runtime.db.session() as session:
        key, record = accounts.create_key(session, accounts.default_project(session).id)
    assert len(list(api_server.sdk(api_key=key).files.list())) == 0
    with api_server.runtime.db.session() as session:
        accounts.revoke_key(session, record.id)
    with pytest.raises(AuthenticationError):
        api_server.sdk(api_key=key).files.list().items  # noqa: B018


def test_empty_upload_is_400_and_missing_purpose_422(api_server: LiveServer) -> None:
    client = api_server.sdk()
    with pytest.raises(BadRequestError, match="empty"):
        client.files.create(file=("empty.pdf", b"", "application/pdf"), purpose="extract")
    with pytest.raises(UnprocessableEntityError):
        client.post("/api/v1/beta/files", cast_to=object, files=[("file", ("a.txt", b"x"))], body={})
    with pytest.raises(UnprocessableEntityError, match="purpose"):
        client.files.create(file=("a.txt", b"x", "text/plain"), purpose="nonsense")


def test_names_are_stored_safely_and_types_sniffed(api_server: LiveServer) -> None:
    client = api_server.sdk()
    traversal = client.files.create(file=("../../etc/passwd", b"root:x:0:0", "text/plain"), purpose="user_data")
    assert traversal.name == "passwd"
    windows = client.files.create(file=("..\\..\\boot.ini", b"[boot]", "text/plain"), purpose="user_data")
    assert windows.name == "boot.ini"
    long = client.files.create(file=("a" * 2900 + ".txt", b"hello", "text/plain"), purpose="user_data")
    assert long.name == "a" * 2900 + ".txt"
    # random text does not compress: too long for a PostgreSQL index entry, if names were indexed as such
    random_name = secrets.token_hex(1450) + ".txt"
    stored = client.files.create(file=(random_name, b"hello", "text/plain"), purpose="user_data")
    assert stored.name == random_name
    assert [f.id for f in client.files.list(file_name=random_name)] == [stored.id]
    with pytest.raises(BadRequestError):  # a multipart header this long is refused cleanly, not a 500
        client.files.create(file=("a" * 20000 + ".txt", b"hello", "text/plain"), purpose="user_data")
    disguised = client.files.create(file=("photo.pdf", PNG_BYTES, "application/pdf"), purpose="user_data")
    assert disguised.file_type == "png"
    raw = client.files.create(file=tiny_pdf("raw bytes"), purpose="extract")  # SDK names it "upload"
    assert raw.file_type == "pdf"


def test_oversized_upload_is_413(tmp_path, database_url) -> None:  # type: ignore[no-untyped-def]
    settings = make_settings(tmp_path, database_url, max_upload_bytes=1000)
    for live in start_server(settings, workers=0):
        response = live.http().post("/api/v1/beta/files", data={"purpose": "extract"},
                                    files={"file": ("big.bin", io.BytesIO(b"x" * 5000))})
        assert response.status_code == 413
        assert "limit" in response.json()["detail"]
        assert live.sdk().files.list().items == []


def test_health_ready_and_projects(api_server: LiveServer) -> None:
    assert httpx.get(api_server.base_url + "/health", timeout=pace.seconds(10)).json() == {"status": "ok"}
    assert httpx.get(api_server.base_url + "/ready", timeout=pace.seconds(10)).json() == {"status": "ready"}
    client = api_server.sdk()
    projects = client.projects.list()
    assert len(projects) == 1
    assert projects[0].id.startswith("prj-")
    assert projects[0].is_default
    assert projects[0].organization_id.startswith("org-")
    assert client.projects.get(projects[0].id).name == "Default"
    with pytest.raises(NotFoundError):
        client.projects.get("prj-00000000-0000-0000-0000-000000000000")


def test_sanitize_name_cuts_long_names_keeping_the_extension() -> None:
    from assay.services.files import sanitize_name

    assert sanitize_name("b" * 5000 + ".pdf") == "b" * 2996 + ".pdf"
    assert sanitize_name("dir/\x00evil\x1f.txt") == "evil.txt"
    assert sanitize_name("") == "upload"
    assert sanitize_name("..") == "upload"


def test_mounted_under_a_path_prefix(tmp_path, database_url) -> None:  # type: ignore[no-untyped-def]
    """The SDK appends paths to a base URL with a prefix; links the server makes keep the prefix."""
    for live in start_server(make_settings(tmp_path, database_url, root_path="/llama"), workers=0):
        assert live.base_url.endswith("/llama")
        client = live.sdk()
        created = client.files.create(file=("a.txt", b"hello", "text/plain"), purpose="user_data")
        link = client.files.content(created.id).url
        assert "/llama/api/v1/beta/files/" in link
        assert httpx.get(link, timeout=pace.seconds(10)).content == b"hello"
        health = httpx.get(live.base_url.removesuffix("/llama") + "/health", timeout=pace.seconds(10))
        assert health.status_code == 200  # proxy-stripped
