"""Page images for the web UI: a file's page sizes, and one page rendered to PNG at a given width.

The PNG shows the page in the same frame as the document model's boxes (points, origin top left),
so a citation box scales onto it by `rendered width / page width`:

* PDF: PDFium renders the crop box with the page's /Rotate applied, as the PDF parser reads it.
* Images: the frame with EXIF orientation applied, resized.
* Formats without page images (DOCX, HTML, text, XLSX, ...): a white page with the parsed words
  drawn at their boxes, from the same (cached) parse the extract jobs use.

Renders are cached in the blob store under `page-images/<sha256 of the file>/`, so a file's pages
are drawn once per width whichever project asks (the caller has already checked access).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw, ImageFont, ImageOps

from assay.errors import DocumentError, DocumentTooLargeError, NotFoundError
from assay.parsers import pdfium_guard

if TYPE_CHECKING:
    from assay.domain.document import Document
    from assay.runtime import Runtime
    from assay.services.accounts import Principal

MIN_WIDTH = 100
MAX_WIDTH = 2000
MAX_PIXELS = 24_000_000  # a very tall virtual page is drawn narrower rather than as a huge bitmap
RENDER_VERSION = "v1"  # bump when the drawing changes, so cached PNGs are not reused
PARSE_TIER = "cost_effective"  # the default extract tier's parse: shares the jobs' parse cache


@dataclass(frozen=True, slots=True)
class FileRef:
    """What rendering needs of a file record, read in a short transaction of its own (rendering and
    parsing take a while, and must not hold a database transaction open)."""

    id: str
    blob_key: str
    sha256: str
    mime_type: str


def lookup(runtime: Runtime, principal: Principal, file_id: str) -> FileRef:
    """The caller's file, or NotFoundError (also for another project's file)."""
    from assay.services import files

    with runtime.db.session() as session:
        record = files.get(session, principal, file_id)
        return FileRef(record.id, record.blob_key, record.sha256, record.mime_type or "")


@dataclass(frozen=True, slots=True)
class PageSize:
    number: int  # 1-based
    width: float  # points
    height: float


def kind(record: FileRef) -> str:
    """How the file's pages are drawn: `pdf`, `image`, or `text` (words drawn on a white page)."""
    if record.mime_type == "application/pdf":
        return "pdf"
    if record.mime_type.startswith("image/"):
        return "image"
    return "text"


def page_sizes(runtime: Runtime, record: FileRef) -> list[PageSize]:
    """Every page's size in points, in the frame citations use."""
    how = kind(record)
    if how == "pdf":
        return _pdf_sizes(runtime.blobs.read(record.blob_key))
    if how == "image":
        return _image_sizes(runtime.blobs.read(record.blob_key))
    return [PageSize(p.number, p.width, p.height) for p in _parsed(runtime, record).pages]


def render_png(runtime: Runtime, record: FileRef, number: int, width: int) -> bytes:
    """Page `number` (1-based) as a PNG `width` pixels wide (narrower only for a huge virtual page)."""
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        raise DocumentError(f"width must be between {MIN_WIDTH} and {MAX_WIDTH} pixels.")
    key = f"page-images/{record.sha256}/{RENDER_VERSION}/{number}-{width}.png"
    if runtime.blobs.exists(key):
        return runtime.blobs.read(key)
    how = kind(record)
    if how == "pdf":
        image = _render_pdf(runtime.blobs.read(record.blob_key), number, width)
    elif how == "image":
        image = _render_image(runtime.blobs.read(record.blob_key), number, width)
    else:
        image = _render_words(_parsed(runtime, record), number, width)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False, compress_level=6)
    png = buffer.getvalue()
    runtime.blobs.put_bytes(key, png)
    return png


def page_words(runtime: Runtime, record: FileRef, number: int) -> tuple[PageSize, list[tuple[str, tuple[float, ...]]]]:
    """Page `number`'s size and printed words (text, (x, y, w, h) in points), from the parse the page
    images and the default extraction share: what a reviewer clicks on to cite a value."""
    document = _parsed(runtime, record)
    page = next((p for p in document.pages if p.number == number), None)
    if page is None:
        raise _missing_page(number, len(document.pages))
    words = [(w.text, (round(w.box.x, 2), round(w.box.y, 2), round(w.box.w, 2), round(w.box.h, 2)))
             for w in page.words]
    return PageSize(page.number, page.width, page.height), words


def _missing_page(number: int, count: int) -> NotFoundError:
    return NotFoundError(f"Page {number} does not exist; the file has {count} page{'s' if count != 1 else ''}.")


def _target_size(width_pt: float, height_pt: float, width: int) -> tuple[int, int]:
    height = max(1, round(width * height_pt / width_pt))
    if width * height > MAX_PIXELS:
        shrink = (MAX_PIXELS / (width * height)) ** 0.5
        width, height = max(1, int(width * shrink)), max(1, int(height * shrink))
    return width, height


def _pdf_sizes(data: bytes) -> list[PageSize]:
    from assay.parsers.pdftext import page_frame

    with pdfium_guard.LOCK:
        pdf = _open_pdf(data)
        try:
            sizes = []
            for index in range(len(pdf)):
                page = pdf[index]
                try:
                    frame = page_frame(page)
                finally:
                    page.close()
                sizes.append(PageSize(index + 1, frame.width, frame.height))
            return sizes
        finally:
            pdf.close()


def _open_pdf(data: bytes):  # type: ignore[no-untyped-def]
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise DocumentError(f"The PDF cannot be opened ({exc}).") from exc


def _render_pdf(data: bytes, number: int, width: int) -> Image.Image:
    from assay.parsers.pdftext import page_frame

    with pdfium_guard.LOCK:
        pdf = _open_pdf(data)
        try:
            if not 1 <= number <= len(pdf):
                raise _missing_page(number, len(pdf))
            page = pdf[number - 1]
            try:
                frame = page_frame(page)
                size = _target_size(frame.width, frame.height, width)
                bitmap = page.render(scale=size[0] / frame.width, may_draw_forms=True)
                image = bitmap.to_pil().convert("RGB")
            finally:
                page.close()
        finally:
            pdf.close()
    return image if image.size == size else image.resize(size, Image.Resampling.LANCZOS)


def _open_image(data: bytes) -> Image.Image:
    from assay.parsers.limits import MAX_IMAGE_PIXELS, check_pixels

    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        image = Image.open(io.BytesIO(data))
        check_pixels(*image.size)
    except DocumentTooLargeError:
        raise
    except Exception as exc:
        raise DocumentError(f"The image cannot be read ({exc}).") from exc
    return image


def _image_sizes(data: bytes) -> list[PageSize]:
    from assay.parsers.images import image_dpi

    image = _open_image(data)
    sizes = []
    for index in range(getattr(image, "n_frames", 1)):
        image.seek(index)
        dpi = image_dpi(image)
        frame = ImageOps.exif_transpose(image)
        sizes.append(PageSize(index + 1, frame.width * 72 / dpi, frame.height * 72 / dpi))
    return sizes


def _render_image(data: bytes, number: int, width: int) -> Image.Image:
    image = _open_image(data)
    count = getattr(image, "n_frames", 1)
    if not 1 <= number <= count:
        raise _missing_page(number, count)
    image.seek(number - 1)
    frame = ImageOps.exif_transpose(image).convert("RGB")
    size = _target_size(frame.width, frame.height, width)
    return frame.resize(size, Image.Resampling.LANCZOS)


def _parsed(runtime: Runtime, record: FileRef) -> Document:
    from assay import metrics
    from assay.pipeline.parse import ParseSettings, direct, parse_cached
    from assay.storage.parses import StoredParses

    settings = ParseSettings(PARSE_TIER, max_page_count=runtime.settings.max_pages,
                             image_ocr=runtime.settings.image_ocr)
    return parse_cached(StoredParses(runtime.db, runtime.blobs), record.id, settings,
                        call=metrics.timed("parse", direct))


@lru_cache(maxsize=64)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _render_words(document: Document, number: int, width: int) -> Image.Image:
    page = next((p for p in document.pages if p.number == number), None)
    if page is None:
        raise _missing_page(number, len(document.pages))
    size = _target_size(page.width, page.height, width)
    scale = size[0] / page.width
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    for table in page.tables:
        for cell in table.cells:
            b = cell.box
            draw.rectangle((b.x * scale, b.y * scale, b.right * scale, b.bottom * scale), outline="#c8ccd2")
    for word in page.words:
        b = word.box
        font = _font(max(6, round(b.h * scale * 0.8)))
        draw.text((b.x * scale, b.y * scale + b.h * scale / 2), word.text, fill="#1f2328", font=font, anchor="lm")
    return image
