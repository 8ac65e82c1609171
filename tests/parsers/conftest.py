"""Documents generated in the test: reportlab PDFs, Pillow rasters, Office files."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas
from tests import system_parts

FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    str(Path(canvas.__file__).parent.parent / "fonts" / "Vera.ttf"),
]


@pytest.fixture(scope="session")
def ttf_font() -> str:
    for path in FONT_CANDIDATES:
        if Path(path).exists():
            return path
    pytest.skip("no TrueType font found for rendering OCR test images")


@pytest.fixture
def make_pdf() -> Callable[..., bytes]:
    """make_pdf(draw_page_1, draw_page_2, ...) → bytes; each draw gets a reportlab canvas."""

    def build(*draws: Callable[[canvas.Canvas], None], pagesize=letter, encrypt: str | None = None) -> bytes:
        buffer = io.BytesIO()
        c = canvas.Canvas(buffer, pagesize=pagesize, encrypt=encrypt)
        for draw in draws:
            draw(c)
            c.showPage()
        c.save()
        return buffer.getvalue()

    return build


@pytest.fixture
def tesseract() -> None:
    if shutil.which("tesseract") is None:
        system_parts.missing("Tesseract", "the OCR tests need it (scripts/system-deps: apt-get install tesseract-ocr)")
