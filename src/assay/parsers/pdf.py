"""PDF documents through PDFium: the text layer where a page has one, OCR where it has none, and
OCR of the pictures on a page that has one (`pdfimages`: a logo, an IBAN pasted in as an image).

Pages are processed one at a time and closed at once, so memory stays flat on long documents.
Pages that need OCR, and the pictures of pages that have some, are rendered in the main thread
(PDFium is not thread-safe) and recognised in parallel, a batch at a time.

A page that fails on its own gets `Page.error` (and the job a `pages_not_read` warning); the other
pages go on.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import logging
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from assay.domain.document import Document, Page, TextSource, Word
from assay.errors import DocumentError, EncryptedDocumentError
from assay.parsers import ocr
from assay.parsers.analysis import build_page
from assay.parsers.checkboxes import text_checkboxes
from assay.parsers.layout import looks_like_item, stream_blocks
from assay.parsers.limits import check_page_count
from assay.parsers.pdfgraphics import Graphics, page_graphics
from assay.parsers.pdfimages import Picture, picture_regions, read_pictures, render_pictures
from assay.parsers.pdftext import BLOCK_START, TextLayer, page_frame, text_layer
from assay.parsers.selection import parse_page_selection
from assay.parsers.sniff import PDF
from assay.parsers.tables import link_continued_tables

log = logging.getLogger(__name__)

OCR_DPI = 300
_MIN_TEXT_CHARS = 12  # fewer visible characters than this: the page is treated as having no text layer


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedDocumentError(
                "The PDF is password-protected; remove the password and upload it again"
            ) from exc
        if exc.err_code == pdfium_c.FPDF_ERR_SECURITY:
            raise EncryptedDocumentError("The PDF uses an unsupported security handler") from exc
        raise DocumentError(f"The PDF is damaged or not a PDF ({exc})") from exc


def parse_pdf(
    data: bytes,
    *,
    target_pages: str | None = None,
    max_pages: int | None = None,
    tier: str = "cost_effective",
    max_page_count: int | None = None,
    image_ocr: bool = True,
) -> Document:
    """`image_ocr`: read the pictures on pages that have a text layer (never in the `fast` tier)."""
    doc = open_pdf(data)
    pictures = image_ocr and tier != "fast" and ocr.tesseract_path() is not None
    try:
        page_count = len(doc)
        if page_count == 0:
            raise DocumentError("The PDF has no pages")
        numbers = parse_page_selection(target_pages, max_pages, page_count)
        check_page_count(len(numbers), max_page_count)
        pages: list[Page] = []
        scanned: list[int] = []  # indexes into `pages` that need OCR
        pictured: list[tuple[int, _Pictured]] = []  # pages waiting for their pictures' words
        with _gc_paused():
            for number in numbers:
                page, needs_ocr = _text_layer_page(doc, number, tier, pictures)
                if needs_ocr:
                    scanned.append(len(pages))
                if isinstance(page, _Pictured):
                    pictured.append((len(pages), page))
                    page = page.placeholder()
                pages.append(page)
                if len(pictured) >= 2 * ocr.worker_count():  # a batch at a time: the images stay few
                    _read_pictured(pages, pictured)
                    pictured = []
        if pictured:
            _read_pictured(pages, pictured)
        if scanned:
            _ocr_pages(doc, pages, scanned, tier)
        metadata = _metadata(doc)
    finally:
        doc.close()
    link_continued_tables(pages)
    return Document(pages=pages, mime_type=PDF, page_count=page_count, metadata=metadata)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """The text layer makes ~1,000 small objects a page and keeps them all: left on, the cyclic
    collector walks that growing heap again and again (a fifth of the time on 1,000 pages). They
    hold no cycles, so the collector waits until the pages are read, and then they go straight to
    the oldest generation (freeze + unfreeze moves every tracked object there, without a walk)
    instead of being walked once more as young objects: ~0.1 s per 1,000 pages. Not when the
    application has frozen objects itself, which unfreeze would let go."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def _metadata(doc: pdfium.PdfDocument) -> dict[str, str]:
    try:
        return {k.lower(): v for k, v in doc.get_metadata_dict(skip_empty=True).items()}
    except Exception:  # metadata is a courtesy; a broken info dictionary must not fail the parse
        return {}


@dataclass(slots=True)
class _Pictured:
    """A text-layer page with pictures to read before it is laid out."""

    number: int
    width: float
    height: float
    rotation: int
    words: list[Word]
    graphics: Graphics
    pictures: list[Picture]
    replaced: int

    def placeholder(self) -> Page:
        return Page(number=self.number, width=self.width, height=self.height, rotation=self.rotation)

    def build(self, found: list[Word]) -> Page:
        page = build_page(self.number, self.width, self.height, self.words + found, graphics=self.graphics,
                          rotation=self.rotation, source=TextSource.TEXT_LAYER)
        page.replaced_chars = self.replaced
        return page


def _read_pictured(pages: list[Page], pictured: list[tuple[int, _Pictured]]) -> None:
    """OCR the batch's pictures in parallel (Tesseract processes) and lay out their pages."""

    def read(item: _Pictured) -> list[Word]:
        try:
            return read_pictures(item.pictures, item.words)
        except Exception as exc:  # the page keeps its text layer; its pictures stay unread
            log.warning("the pictures of page %d could not be read: %s", item.number, exc)
            return []

    with ThreadPoolExecutor(max_workers=max(1, min(ocr.worker_count(), len(pictured)))) as pool:
        found = list(pool.map(read, [item for _, item in pictured]))
    for (index, item), words in zip(pictured, found, strict=True):
        try:
            pages[index] = item.build(words)
        except Exception as exc:  # one bad page must not sink the document
            log.warning("page %d failed: %s", item.number, exc, exc_info=True)
            pages[index].error = f"page could not be read: {exc}"


def _text_layer_page(doc: pdfium.PdfDocument, number: int, tier: str, pictures: bool = False
                     ) -> tuple[Page | _Pictured, bool]:
    try:
        page = doc[number - 1]
    except Exception as exc:
        log.warning("page %d could not be loaded: %s", number, exc)
        return Page(number=number, width=612.0, height=792.0, error=f"page could not be loaded: {exc}"), False
    try:
        frame = page_frame(page)
        textpage = page.get_textpage()
        try:
            layer = text_layer(textpage, frame)
        finally:
            textpage.close()
        words = layer.words
        if tier == "fast":  # no OCR in this tier, so no need to tell whether the page wants it
            fast = _stream_page(number, frame.width, frame.height, frame.rotation, layer)
            fast.replaced_chars = layer.replaced
            return fast, False
        text = "".join([w.text for w in words])
        visible = len(text)
        needs_ocr = visible == 0 or (
            (visible < _MIN_TEXT_CHARS or _garbled(text)) and _has_big_image(page, frame)
        )
        if needs_ocr:
            # the rendered page will be OCR'd later; keep the text-layer words out of it
            return Page(number=number, width=frame.width, height=frame.height, rotation=frame.rotation,
                        text_source=TextSource.OCR), True
        graphics = page_graphics(page, frame)
        regions = picture_regions(graphics, words, frame.width, frame.height) if pictures else []
        if regions:
            return _Pictured(number, frame.width, frame.height, frame.rotation, words, graphics,
                             render_pictures(page, frame, regions, words), layer.replaced), False
        built = build_page(number, frame.width, frame.height, words, graphics=graphics,
                           rotation=frame.rotation, source=TextSource.TEXT_LAYER)
        built.replaced_chars = layer.replaced
        return built, False
    except Exception as exc:  # one bad page must not sink the document
        log.warning("page %d failed: %s", number, exc, exc_info=True)
        return Page(number=number, width=612.0, height=792.0, error=f"page could not be read: {exc}"), False
    finally:
        page.close()


def _stream_page(number: int, width: float, height: float, rotation: int, layer: TextLayer) -> Page:
    """The `fast` tier's page: the text layer's lines in the PDF's own order, no layout analysis."""
    lines, flags = layer.lines, layer.line_flags
    heights = sorted([line.words[0].box.h for line in lines])
    body = heights[len(heights) // 2] if heights else 10.0
    starts = [i for i in itertools.compress(itertools.count(), flags)
              if flags[i] & BLOCK_START or looks_like_item(lines[i])]
    return Page(number=number, width=width, height=height, words=layer.words, lines=lines,
                blocks=stream_blocks(lines, starts, body), checkboxes=text_checkboxes(layer.words),
                rotation=rotation, text_source=TextSource.TEXT_LAYER)


_UNREADABLE = dict.fromkeys([0xFFFD, *range(32)])  # str.translate deletes these


def _garbled(text: str) -> bool:
    if not text:
        return True
    bad = len(text) - len(text.translate(_UNREADABLE))
    return bad > 0.3 * len(text)


def _has_big_image(page: pdfium.PdfPage, frame) -> bool:
    area = frame.width * frame.height
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        if (right - left) * (top - bottom) > 0.5 * area:
            return True
    return False


def _ocr_pages(doc: pdfium.PdfDocument, pages: list[Page], indexes: list[int], tier: str) -> None:
    ocr.require_tesseract()
    batch = max(1, ocr.worker_count()) * 2
    for start in range(0, len(indexes), batch):
        chunk = indexes[start : start + batch]
        images = []
        for i in chunk:
            page = doc[pages[i].number - 1]
            try:
                bitmap = page.render(scale=OCR_DPI / 72, grayscale=True)
                images.append(bitmap.to_pil())
                bitmap.close()
            except Exception as exc:
                images.append(exc)
            finally:
                page.close()
        results = ocr.recognise_many([im for im in images if not isinstance(im, Exception)], OCR_DPI)
        it = iter(results)
        for i, image in zip(chunk, images, strict=True):
            old = pages[i]
            result = image if isinstance(image, Exception) else next(it)
            if isinstance(result, Exception):
                old.error = f"OCR failed: {result}"
                continue
            pages[i] = build_page(old.number, old.width, old.height, result.words,
                                  graphics=Graphics(rules=result.rules),
                                  rotation=(old.rotation + result.rotation) % 360, source=TextSource.OCR,
                                  tables=True, ocr_confidence=result.confidence, to_page=result.to_page,
                                  deskew=result.deskew)
        del images

