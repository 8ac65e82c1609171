"""Every input format → one `Document` (see `assay.domain.document`).

    parse_document(data, filename=..., target_pages="1,3-5", max_pages=10, tier="cost_effective")

Tiers:

* ``fast``: the text layer only. Digital PDF pages get words, lines and blocks in the order the PDF
  draws them (PDFium's, without layout analysis: a table row is one line); pages without a text
  layer come back empty (no OCR) and no tables or tick boxes are detected. Images still need OCR,
  so they are OCR'd in every tier.
* any other tier (``cost_effective``, ``agentic``, ...): adds OCR for PDF pages without a usable text
  layer and for the pictures on pages that have one (a logo, an IBAN pasted in as an image; off with
  `image_ocr=False`, the server's ASSAY_IMAGE_OCR), tables (ruled and unruled) and tick boxes.

Page selection (`target_pages`, then `max_pages`) is applied before any page is read; `Page.number`
keeps the page's number in the source. `max_page_count` caps the number of selected pages.

Formats without page geometry (DOCX, HTML, Markdown, text, e-mail) are laid out on one virtual page
612 points wide that grows as tall as the content; XLSX gives a page per sheet, PPTX a page per
slide, CSV one page. Their words still all have boxes, and `text_source` is NATIVE.
"""

from __future__ import annotations

from assay.domain.document import Document
from assay.parsers.selection import page_ranges, parse_page_selection
from assay.parsers.serialize import document_from_json, document_to_json, document_to_markdown
from assay.parsers.sniff import SUPPORTED_TYPES, sniff_mime

__all__ = [
    "SUPPORTED_TYPES",
    "document_from_json",
    "document_to_json",
    "document_to_markdown",
    "page_ranges",
    "parse_document",
    "parse_page_selection",
    "sniff_mime",
]

def parse_document(
    data: bytes,
    *,
    filename: str | None = None,
    target_pages: str | None = None,
    max_pages: int | None = None,
    tier: str = "cost_effective",
    max_page_count: int | None = None,
    image_ocr: bool = True,
) -> Document:
    """Parse any supported document into the shared document model. `image_ocr`: OCR the pictures on
    PDF pages that have a text layer (`parsers.pdfimages`; never in the `fast` tier).

    Raises UnsupportedFormatError, EncryptedDocumentError, DocumentTooLargeError,
    OcrUnavailableError, DocumentError (damaged input) and InvalidRequestError (bad page selection).
    """
    from assay.parsers import sniff

    mime = sniff_mime(data, filename)
    options = {"target_pages": target_pages, "max_pages": max_pages, "tier": tier,
               "max_page_count": max_page_count}
    if mime == sniff.PDF:
        from assay.parsers.pdf import parse_pdf
        from assay.parsers.pdfium_guard import LOCK

        with LOCK:
            return parse_pdf(data, **options, image_ocr=image_ocr)
    if mime in sniff.IMAGES:
        from assay.parsers.images import parse_image

        return parse_image(data, mime, **options)
    if mime in (sniff.DOCX, sniff.XLSX, sniff.PPTX):
        from assay.parsers import office

        return office.PARSERS[mime](data, **options)
    from assay.parsers.textformats import parse_text_format

    return parse_text_format(data, mime, **options)
