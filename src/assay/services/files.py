"""Files: upload (streamed to the blob store), list, get, signed download links, delete."""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import PurePosixPath, PureWindowsPath
from typing import IO, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from assay.errors import InvalidFieldError, InvalidRequestError, NotFoundError
from assay.services import pages
from assay.services.accounts import Principal, server_secret
from assay.storage import tables
from assay.storage.blobs import BlobStore

PURPOSES = ("user_data", "parse", "extract", "split", "classify", "sheet", "agent_app")
ORDERS = ("created_at desc", "name", "id")
MAX_NAME = 3000
SNIFF_BYTES = 8192

EXTENSIONS = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/tiff": "tiff",
    "image/webp": "webp",
    "image/gif": "gif",
    "image/bmp": "bmp",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "text/csv": "csv",
    "text/html": "html",
    "text/markdown": "md",
    "text/plain": "txt",
    "message/rfc822": "eml",
    "application/zip": "zip",
}


def sanitize_name(name: str | None) -> str:
    """The file's base name, without any folder, control characters or excess length."""
    name = unicodedata.normalize("NFC", name or "")
    name = PureWindowsPath(PurePosixPath(name).name).name
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip().lstrip(".") or "upload"
    if len(name) > MAX_NAME:
        stem, dot, ext = name.rpartition(".")
        name = stem[: MAX_NAME - len(ext) - 1] + dot + ext if dot and len(ext) <= 16 else name[:MAX_NAME]
    return name


def detect_type(head: bytes, name: str) -> tuple[str, str | None]:
    """(MIME type from the bytes, file_type as the vendor reports it: an extension without the dot)."""
    from assay.parsers import sniff_mime

    mime = sniff_mime(head, name)
    ext = EXTENSIONS.get(mime)
    if ext is None:
        suffix = PurePosixPath(name).suffix.lower().lstrip(".")
        ext = suffix or None
    return mime, ext


def upload(
    session: Session,
    blobs: BlobStore,
    principal: Principal,
    *,
    source: IO[bytes],
    name: str | None,
    purpose: str,
    external_file_id: str | None = None,
    max_bytes: int,
) -> tables.File:
    if purpose not in PURPOSES:
        raise InvalidFieldError(f"Unknown purpose {purpose!r}; expected one of {', '.join(PURPOSES)}.")
    name = sanitize_name(name)
    head = source.read(SNIFF_BYTES)
    if not head:
        raise InvalidRequestError("The uploaded file is empty.")
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        head += source.read(max_bytes)  # a ZIP's directory is at its end: DOCX/XLSX/PPTX are sniffed whole
    source.seek(0)
    mime, file_type = detect_type(head, name)
    record = tables.File(
        id=tables.new_id("dfl"),
        project_id=principal.project_id,
        name=name,
        name_key=tables.name_key(name),
        purpose=purpose,
        external_file_id=external_file_id,
        mime_type=mime,
        file_type=file_type,
    )
    record.blob_key = f"files/{record.project_id}/{record.id}"
    record.size, record.sha256 = blobs.put_stream(record.blob_key, source, max_bytes=max_bytes)
    if mime == "application/pdf":
        source.seek(0)
        record.page_count = _pdf_page_count(source)
    session.add(record)
    session.flush()
    return record


def _pdf_page_count(source: IO[bytes]) -> int | None:
    import pypdfium2

    from assay.parsers.pdfium_guard import LOCK

    with LOCK:
        try:
            pdf = pypdfium2.PdfDocument(source)
        except Exception:  # an unreadable PDF is still a file; its parse job will explain the problem
            return None
        try:
            return len(pdf)
        finally:
            pdf.close()


def get(session: Session, principal: Principal, file_id: str) -> tables.File:
    record = session.get(tables.File, file_id)
    if record is None or record.project_id != principal.project_id:
        raise NotFoundError(f"File {file_id} not found.")
    return record


def delete(session: Session, blobs: BlobStore, principal: Principal, file_id: str) -> None:
    record = get(session, principal, file_id)
    session.delete(record)
    session.flush()
    blobs.delete(record.blob_key)


@dataclass(slots=True)
class FilePage:
    items: list[tables.File]
    next_page_token: str | None
    total_size: int


def list_files(
    session: Session,
    principal: Principal,
    *,
    file_ids: list[str] | None = None,
    file_name: str | None = None,
    external_file_id: str | None = None,
    order_by: str | None = None,
    page_size: int,
    page_token: str | None = None,
) -> FilePage:
    order = (order_by or "created_at desc").strip().lower()
    if order not in ORDERS:
        raise InvalidRequestError(f"Invalid order_by {order_by!r}; expected one of: {', '.join(ORDERS)}.")
    File = tables.File
    conditions: list[Any] = [File.project_id == principal.project_id]
    if file_ids:
        conditions.append(File.id.in_(file_ids))
    if file_name is not None:
        conditions += [File.name_key == tables.name_key(file_name), File.name == file_name]
    if external_file_id is not None:
        conditions.append(File.external_file_id == external_file_id)
    total = session.scalar(select(func.count()).select_from(File).where(*conditions)) or 0
    query = select(File).where(*conditions)
    if order == "created_at desc":
        query = pages.after_desc(query, File.created_at, File.id, page_token)
    else:
        key = File.name if order == "name" else File.id
        query = pages.after_asc(query, key, File.id, page_token)
    rows = list(session.scalars(query.limit(page_size + 1)))
    token = None
    if len(rows) > page_size:
        rows = rows[:page_size]
        last = rows[-1]
        first_key = last.created_at if order == "created_at desc" else (last.name if order == "name" else last.id)
        token = pages.encode_token([first_key, last.id])
    return FilePage(items=rows, next_page_token=token, total_size=total)


def download_signature(secret: str, file_id: str, expires: int) -> str:
    return hmac.new(secret.encode(), f"{file_id}:{expires}".encode(), hashlib.sha256).hexdigest()


def presign(session: Session, record: tables.File, base_url: str, ttl_seconds: int = 3600) -> dict[str, Any]:
    """An absolute link that downloads the file without the Authorization header, until it expires."""
    if ttl_seconds < 1:
        raise InvalidRequestError("expires_at_seconds must be at least 1.")
    expires_at = datetime.now(UTC) + timedelta(seconds=ttl_seconds)
    expires = int(expires_at.timestamp())
    signature = download_signature(server_secret(session, "download"), record.id, expires)
    url = f"{base_url.rstrip('/')}/api/v1/beta/files/{record.id}/download?expires={expires}&signature={signature}"
    return {"url": url, "expires_at": expires_at, "form_fields": None}


def verify_download(session: Session, file_id: str, expires: int, signature: str) -> tables.File:
    expected = download_signature(server_secret(session, "download"), file_id, expires)
    record = session.get(tables.File, file_id)
    if (
        record is None
        or not hmac.compare_digest(expected, signature)
        or expires < datetime.now(UTC).timestamp()
    ):
        raise NotFoundError("This download link is invalid or has expired.")
    return record
