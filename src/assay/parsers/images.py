"""Raster images (PNG, JPEG, TIFF with its pages, WebP, GIF, BMP): OCR in every tier.

Boxes are in points of the image as displayed (EXIF orientation applied): pixel × 72 / dpi, with the
dpi the file declares, or `DEFAULT_DPI` when it declares none or an implausible one (a phone photo's
72 dpi says nothing about the paper).
"""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from assay.domain.document import Document, Page, TextSource
from assay.errors import DocumentError, DocumentTooLargeError
from assay.parsers import ocr
from assay.parsers.analysis import build_page
from assay.parsers.limits import MAX_IMAGE_PIXELS, check_page_count, check_pixels
from assay.parsers.pdfgraphics import Graphics
from assay.parsers.selection import parse_page_selection
from assay.parsers.tables import link_continued_tables

DEFAULT_DPI = 200.0


def image_dpi(image: Image.Image) -> float:
    dpi = image.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        value = 0.0
    return round(value) if 96 <= value <= 1200 else DEFAULT_DPI


def parse_image(data: bytes, mime: str, *, target_pages: str | None = None, max_pages: int | None = None,
                tier: str = "cost_effective", max_page_count: int | None = None) -> Document:
    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            check_pixels(*image.size)
            frames = getattr(image, "n_frames", 1) if mime == "image/tiff" else 1
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise DocumentTooLargeError(f"the image is too large to decode safely ({exc})") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise DocumentError(f"The image is damaged or truncated ({exc})") from exc
    numbers = parse_page_selection(target_pages, max_pages, frames)
    check_page_count(len(numbers), max_page_count)
    ocr.require_tesseract()
    pages: list[Page] = []
    batch = ocr.worker_count() * 2
    for start in range(0, len(numbers), batch):
        chunk = numbers[start : start + batch]
        loaded: list[tuple[int, Image.Image | Exception, float]] = []
        for number in chunk:
            try:
                image.seek(number - 1)
                check_pixels(*image.size)
                frame = ImageOps.exif_transpose(image.convert("L") if image.mode not in ("L", "RGB") else image)
                loaded.append((number, frame.convert("L"), image_dpi(image)))
            except DocumentTooLargeError:
                raise
            except Exception as exc:
                loaded.append((number, exc, DEFAULT_DPI))
        good = [(n, im, dpi) for n, im, dpi in loaded if not isinstance(im, Exception)]
        results = iter(ocr.recognise_many([im for _, im, _ in good], good[0][2]) if good else [])
        for number, im, dpi in loaded:
            if isinstance(im, Exception):
                pages.append(Page(number=number, width=612.0, height=792.0, text_source=TextSource.OCR,
                                  error=f"image frame could not be decoded: {im}"))
                continue
            width, height = im.width * 72 / dpi, im.height * 72 / dpi
            result = next(results)
            if isinstance(result, Exception):
                pages.append(Page(number=number, width=width, height=height, text_source=TextSource.OCR,
                                  error=f"OCR failed: {result}"))
                continue
            pages.append(build_page(number, width, height, result.words, graphics=Graphics(rules=result.rules),
                                    rotation=result.rotation,
                                    source=TextSource.OCR, tables=tier != "fast",
                                    ocr_confidence=result.confidence, to_page=result.to_page,
                                    deskew=result.deskew))
    link_continued_tables(pages)
    return Document(pages=pages, mime_type=mime, page_count=frames)
