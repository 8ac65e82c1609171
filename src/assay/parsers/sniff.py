"""What a file is, from its bytes first and its name only as a fallback."""

from __future__ import annotations

import io
import zipfile

from assay.errors import UnsupportedFormatError

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
WEBP = "image/webp"
GIF = "image/gif"
BMP = "image/bmp"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
CSV = "text/csv"
HTML = "text/html"
MARKDOWN = "text/markdown"
TEXT = "text/plain"
EML = "message/rfc822"

IMAGES = frozenset({PNG, JPEG, TIFF, WEBP, GIF, BMP})

SUPPORTED_TYPES = (
    "PDF, PNG, JPEG, TIFF, WebP, GIF, BMP, DOCX, XLSX, PPTX, CSV, HTML, Markdown, plain text, EML (email)"
)

_EXTENSIONS = {
    "pdf": PDF, "png": PNG, "jpg": JPEG, "jpeg": JPEG, "tif": TIFF, "tiff": TIFF, "webp": WEBP, "gif": GIF,
    "bmp": BMP, "docx": DOCX, "xlsx": XLSX, "xlsm": XLSX, "pptx": PPTX, "csv": CSV, "tsv": CSV, "html": HTML,
    "htm": HTML, "xhtml": HTML, "md": MARKDOWN, "markdown": MARKDOWN, "txt": TEXT, "text": TEXT, "log": TEXT,
    "eml": EML,
}
_EMAIL_HEADERS = (b"from:", b"to:", b"subject:", b"date:", b"message-id:", b"mime-version:", b"received:",
                  b"return-path:", b"delivered-to:", b"cc:", b"reply-to:", b"content-type:")


def has_document_extension(filename: str) -> bool:
    """Whether a file's name says it is a kind of document Assay reads (how a folder's documents are picked)."""
    return _extension(filename) is not None


def unsupported(detail: str = "") -> UnsupportedFormatError:
    prefix = f"{detail}; " if detail else ""
    return UnsupportedFormatError(f"{prefix}unsupported file type. Supported types: {SUPPORTED_TYPES}")


def sniff_mime(data: bytes, filename: str | None = None) -> str:
    """The document's MIME type: magic bytes first, then text heuristics, then the file extension."""
    head = data[:16]
    if data[:1024].lstrip(b"\x00\t\r\n \xef\xbb\xbf").startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return TIFF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if head[:2] == b"BM" and len(data) > 26:
        return BMP
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(data, filename)
    ext = _extension(filename)
    text = _as_text(data[:65536])
    if text is None:
        if ext in (CSV, HTML, MARKDOWN, TEXT, EML):
            raise unsupported(f"{filename} is not text")
        raise unsupported("unrecognised binary content")
    return _sniff_text(text, ext)


def _extension(filename: str | None) -> str | None:
    if not filename or "." not in filename:
        return None
    return _EXTENSIONS.get(filename.rsplit(".", 1)[1].lower())


def _sniff_zip(data: bytes, filename: str | None) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise unsupported("a damaged ZIP archive") from exc
    if "[Content_Types].xml" in names:
        if any(n.startswith("word/") for n in names):
            return DOCX
        if any(n.startswith("xl/") for n in names):
            return XLSX
        if any(n.startswith("ppt/") for n in names):
            return PPTX
    raise unsupported("a ZIP archive that is not a DOCX, XLSX or PPTX document")


def _as_text(chunk: bytes) -> str | None:
    if not chunk:
        return ""
    if chunk.startswith((b"\xff\xfe", b"\xfe\xff")):
        return chunk.decode("utf-16", errors="replace")
    if b"\x00" in chunk:
        return None
    try:
        text = chunk.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(chunk) - 4:  # a character cut by the 64 KiB window
            text = chunk[: exc.start].decode("utf-8")
        else:
            text = chunk.decode("latin-1")
    controls = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\t\r\n\f")
    return None if controls > 0.02 * max(1, len(text[:4096])) else text


def _sniff_text(text: str, ext: str | None) -> str:
    start = text.lstrip("\ufeff \t\r\n")[:1024].lower()
    if start.startswith(("<!doctype html", "<html", "<head", "<body")) or (
        start.startswith("<") and ("<table" in start or "<div" in start or "<p>" in start or "<p " in start)
    ):
        return HTML
    first_lines = [ln.strip().lower().encode() for ln in text.lstrip("\ufeff").splitlines()[:20] if ln.strip()]
    headers = sum(1 for ln in first_lines[:10] if ln.startswith(_EMAIL_HEADERS))
    if headers >= 2 and first_lines and first_lines[0].startswith(_EMAIL_HEADERS):
        return EML
    if ext in (CSV, MARKDOWN, HTML, EML):
        return ext
    if _looks_like_csv(text):
        return CSV
    if _looks_like_markdown(text):
        return MARKDOWN
    return TEXT


def _looks_like_csv(text: str) -> bool:
    lines = [ln for ln in text.splitlines()[:30] if ln.strip()]
    if len(lines) < 2:
        return False
    for sep in (",", ";", "\t"):
        counts = [ln.count(sep) for ln in lines]
        if counts[0] >= 1 and all(c == counts[0] for c in counts) and not any(ln.startswith("#") for ln in lines):
            return sep != "," or counts[0] >= 2 or all(len(ln) < 120 for ln in lines)
    return False


def _looks_like_markdown(text: str) -> bool:
    lines = text.splitlines()[:200]
    score = sum(1 for ln in lines if ln.startswith(("# ", "## ", "### ", "```", "|---", "| --", "|:--")))
    return score >= 1 and any(ln.startswith(("#", "|")) for ln in lines)
