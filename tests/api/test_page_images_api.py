"""Page images for the web UI: sizes, PNG renders at a width, the server-side cache, project scoping."""

from __future__ import annotations

import io

from PIL import Image

from tests import pace
from tests.conftest import LiveServer
from tests.documents import invoice_pdf


def upload(live: LiveServer, name: str, data: bytes, api_key: str | None = None) -> str:
    response = live.http(api_key).post("/api/v1/beta/files", files={"file": (name, data)}, data={"purpose": "extract"})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def test_pdf_page_renders_at_the_requested_width_and_is_cached(api_server: LiveServer) -> None:
    http = api_server.http()
    file_id = upload(api_server, "invoice.pdf", invoice_pdf(pages=2))

    listing = http.get(f"/api/v1/beta/files/{file_id}/pages").json()
    assert listing == {"file_id": file_id, "page_count": 2, "render": "pdf", "pages": [
        {"page": 1, "width": 612.0, "height": 792.0}, {"page": 2, "width": 612.0, "height": 792.0}]}

    first = http.get(f"/api/v1/beta/files/{file_id}/pages/1.png", params={"width": 800})
    assert first.status_code == 200
    assert first.headers["content-type"] == "image/png"
    image = Image.open(io.BytesIO(first.content))
    assert image.size == (800, round(800 * 792 / 612))
    assert image.convert("L").getextrema()[0] < 64  # the text is drawn, not a blank page

    # the render is kept in the blob store: what is stored there is what the next request gets
    sha256 = http.get(f"/api/v1/beta/files/{file_id}").json()["sha256"]
    blobs = api_server.runtime.blobs
    key = f"page-images/{sha256}/v1/1-800.png"
    assert blobs.read(key) == first.content
    blobs.put_bytes(key, b"cached")
    assert http.get(f"/api/v1/beta/files/{file_id}/pages/1.png", params={"width": 800}).content == b"cached"
    not_modified = http.get(f"/api/v1/beta/files/{file_id}/pages/1.png", params={"width": 800},
                            headers={"If-None-Match": first.headers["etag"]})
    assert not_modified.status_code == 304

    small = Image.open(io.BytesIO(http.get(f"/api/v1/beta/files/{file_id}/pages/2.png?width=100").content))
    assert small.size == (100, round(100 * 792 / 612))


def test_bad_width_and_missing_page(api_server: LiveServer) -> None:
    http = api_server.http()
    file_id = upload(api_server, "invoice.pdf", invoice_pdf())
    assert http.get(f"/api/v1/beta/files/{file_id}/pages/1.png?width=99").status_code == 422
    assert http.get(f"/api/v1/beta/files/{file_id}/pages/1.png?width=2001").status_code == 422
    missing = http.get(f"/api/v1/beta/files/{file_id}/pages/2.png")
    assert missing.status_code == 404
    assert missing.json()["detail"] == "Page 2 does not exist; the file has 1 page."
    assert http.get(f"/api/v1/beta/files/{file_id}/pages/0.png").status_code == 404


def test_another_projects_file_is_404(api_server: LiveServer) -> None:
    from assay.services import accounts

    with api_server.runtime.db.session() as session:
        other = accounts.create_project(session, "other")
        other_key, _ = accounts.create_key(session, other.id)
    mine = upload(api_server, "invoice.pdf", invoice_pdf())
    theirs = api_server.http(other_key)
    assert theirs.get(f"/api/v1/beta/files/{mine}/pages").status_code == 404
    assert theirs.get(f"/api/v1/beta/files/{mine}/pages/1.png").status_code == 404
    assert api_server.http("llx-wrong").get(f"/api/v1/beta/files/{mine}/pages/1.png").status_code == 401
    assert api_server.http().get(f"/api/v1/beta/files/{mine}/pages/1.png").status_code == 200


def test_images_and_text_files_render(api_server: LiveServer) -> None:
    http = api_server.http()
    buffer = io.BytesIO()
    Image.new("RGB", (400, 200), "navy").save(buffer, format="PNG", dpi=(144, 144))
    image_id = upload(api_server, "scan.png", buffer.getvalue())
    listing = http.get(f"/api/v1/beta/files/{image_id}/pages").json()
    assert listing["render"] == "image"
    assert listing["pages"] == [{"page": 1, "width": 200.0, "height": 100.0}]
    png = Image.open(io.BytesIO(http.get(f"/api/v1/beta/files/{image_id}/pages/1.png?width=300").content))
    assert png.size == (300, 150)

    text_id = upload(api_server, "note.txt", b"Invoice Number: INV-9\nTotal: 12.00\n")
    listing = http.get(f"/api/v1/beta/files/{text_id}/pages").json()
    assert listing["render"] == "text"
    assert listing["page_count"] == 1
    page = listing["pages"][0]
    png = Image.open(io.BytesIO(http.get(f"/api/v1/beta/files/{text_id}/pages/1.png?width=612").content))
    assert png.size == (612, round(page["height"]))
    gray = png.convert("L")
    assert gray.getpixel((600, png.height - 2)) == 255  # white page, dark words
    assert gray.getextrema()[0] < 100


def test_ui_is_served_with_content_types(api_server: LiveServer) -> None:
    import httpx

    index = httpx.get(api_server.base_url + "/", timeout=pace.seconds(10))
    assert index.status_code == 200
    assert index.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in index.headers["content-security-policy"]
    assert '<base href="/">' in index.text
    script = httpx.get(api_server.base_url + "/static/app.js", timeout=pace.seconds(10))
    assert script.headers["content-type"].startswith("text/javascript")
    style = httpx.get(api_server.base_url + "/static/app.css", timeout=pace.seconds(10))
    assert style.headers["content-type"].startswith("text/css")
    assert httpx.get(api_server.base_url + "/static/../api/app.py", timeout=pace.seconds(10)).status_code == 404
    assert httpx.get(api_server.base_url + "/static/%2e%2e/api/app.py", timeout=pace.seconds(10)).status_code == 404
