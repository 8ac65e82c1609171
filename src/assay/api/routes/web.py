"""The web UI: `/` serves index.html, `/static/...` its CSS, ES modules and icons (no build step)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse

from assay.errors import NotFoundError

router = APIRouter(include_in_schema=False)

STATIC = Path(__file__).resolve().parents[2] / "web" / "static"
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".json": "application/json",
}
# Everything comes from this server; page images arrive as blob: URLs made from authenticated fetches.
CSP = ("default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}


@router.get("/")
def index(request: Request) -> HTMLResponse:
    """The single page; `<base>` follows the root_path the server is mounted under."""
    base = request.scope.get("root_path", "").rstrip("/") + "/"
    html = (STATIC / "index.html").read_text(encoding="utf-8").replace('<base href="/">', f'<base href="{base}">')
    return HTMLResponse(html, headers={**HEADERS, "Content-Security-Policy": CSP, "Referrer-Policy": "no-referrer"})


@router.get("/static/{path:path}")
def static(path: str) -> FileResponse:
    target = (STATIC / path).resolve()
    if not target.is_relative_to(STATIC) or not target.is_file() or target.suffix not in TYPES:
        raise NotFoundError(f"No static file {path!r}.")
    return FileResponse(target, media_type=TYPES[target.suffix], headers=HEADERS)
