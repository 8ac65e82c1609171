"""Real documents made in the tests (never read from outside the repository)."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas


def tiny_pdf(*lines: str) -> bytes:
    """A one-page Letter PDF with `lines` in Helvetica 11 from the top left."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter)
    y = 720
    for line in lines:
        pdf.setFont("Helvetica", 11)
        pdf.drawString(72, y, line)
        y -= 16
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


INVOICE_SCHEMA = {
    "type": "object",
    "properties": {
        "invoice_number": {"type": "string", "description": "The invoice number"},
        "invoice_date": {"type": "string", "format": "date"},
        "total": {"type": "number", "description": "Total amount due"},
        "line_items": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "description": {"type": "string"},
                    "quantity": {"type": "number"},
                    "amount": {"type": "number"},
                },
            },
        },
    },
}


def invoice_pdf(number: str = "INV-1042", *, rows: int = 3, pages: int = 1) -> bytes:
    """An invoice: labelled header fields, a line-item table, a total; `pages` - 1 extra filler pages."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter)
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawString(72, 720, "INVOICE")
    pdf.setFont("Helvetica", 11)
    pdf.drawString(72, 690, f"Invoice Number: {number}")
    pdf.drawString(72, 674, "Invoice Date: 2026-03-14")
    y = 630
    pdf.setFont("Helvetica-Bold", 11)
    for x, head in ((72, "Description"), (350, "Quantity"), (470, "Amount")):
        pdf.drawString(x, y, head)
    pdf.setFont("Helvetica", 11)
    total = 0.0
    for i in range(rows):
        y -= 18
        amount = 10.0 * (i + 1)
        total += amount
        pdf.drawString(72, y, f"Widget model {chr(65 + i % 26)}{i}")
        pdf.drawString(350, y, str(i + 1))
        pdf.drawRightString(520, y, f"{amount:,.2f}")
    pdf.drawString(350, y - 36, "Total:")
    pdf.drawRightString(520, y - 36, f"{total:,.2f}")
    pdf.showPage()
    for page in range(1, pages):
        pdf.setFont("Helvetica", 11)
        for line in range(40):
            pdf.drawString(72, 740 - 16 * line, f"Terms and conditions, page {page + 1}, paragraph {line + 1}.")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


# Pages of a bundle (classify and split). A page: (title or None, body lines, printed page mark or None)
PageSpec = tuple[str | None, list[str], str | None]

INVOICE = (["Northwind Supplies Ltd, 12 Market Street, Leeds", "Invoice No: INV-20417   Date: 2026-03-14",
            "Bill To: Cedar Logistics GmbH", "Description          Qty    Unit price    Amount",
            "Toner cartridge        2        45.00        90.00", "Subtotal 90.00   VAT 18.00   Total due 108.00",
            "Payment terms: net 30 days. Please pay by bank transfer."])
CONTRACT = (["This Agreement is made between Harbor Consulting Inc. (the Provider) and Summit Foods plc",
             "(the Client). The parties agree to the following terms and obligations.",
             "1. Services. The Provider shall perform the services in Schedule A.",
             "2. Fees. The Client shall pay the fees within thirty days of each invoice.",
             "3. Term. This Agreement continues for twelve months unless terminated."])
CONTRACT_MORE = (["4. Termination. Either party may terminate this Agreement on thirty days' notice.",
                  "5. Liability. Neither party is liable for indirect loss under this Agreement.",
                  "6. Governing law. This Agreement is governed by the laws of England.",
                  "Signed for the Provider: ________   Signed for the Client: ________"])
RECIPE = (["Serves four. Preheat the oven to 180 degrees.", "Whisk two eggs with sugar and butter until pale.",
           "Fold in the flour and lemon zest, then bake for forty minutes.", "Dust with icing sugar to serve."])

def pdf(*pages: PageSpec) -> bytes:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=letter)
    for title, lines, mark in pages:
        y = 730
        if title:
            c.setFont("Helvetica-Bold", 20)
            c.drawString(60, y, title)
            y -= 36
        c.setFont("Helvetica", 10)
        for line in lines:
            c.drawString(60, y, line)
            y -= 16
        if mark:
            c.setFont("Helvetica", 8)
            c.drawCentredString(306, 40, mark)
        c.showPage()
    c.save()
    return buffer.getvalue()


# Text layers that say more than the glyphs show. A PDF font's ToUnicode map says which characters a
# glyph code stands for, whatever the glyph looks like; papers map their italic "x" to U+1D465, emoji
# fonts map to U+1F600 and beyond. `mapped_text_pdf` draws each line with Helvetica glyph codes and
# maps every code to the character it stands for, so the text layer holds any Unicode without a font
# that has those glyphs; `mapped=False` leaves the map out (the text layer then reads the plain glyph
# codes, at the very same places: the oracle for the words' boxes).
_CODES = [chr(c) for c in range(0x21, 0x7F) if chr(c) not in "()\\"]


def mapped_text_pdf(lines: list[str], *, mapped: bool = True, utf16: dict[str, bytes] | None = None) -> bytes:
    """A one-page Letter PDF, Helvetica 14, one line of `lines` every 24 points from the top left.

    Every distinct non-space character gets a glyph code of its own (returned by `glyph_codes`);
    `utf16` overrides what a character's code maps to (raw UTF-16BE, e.g. a lone surrogate)."""
    codes = glyph_codes(lines)
    stream = "BT /F1 14 Tf 24 TL 72 720 Td\n" + "".join(
        "(" + "".join(codes.get(ch, ch) for ch in line) + ") Tj T*\n" for line in lines) + "ET"
    entries = [f"<{ord(code):02X}> <{(utf16 or {}).get(ch, ch.encode('utf-16-be')).hex().upper()}>"
               for ch, code in codes.items()]
    cmap = "\n".join([
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
        "1 begincodespacerange <00> <FF> endcodespacerange",
        f"{len(entries)} beginbfchar", *entries, "endbfchar",
        "endcmap CMapName currentdict /CMap defineresource pop end end"])
    font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding"
    return _pdf_file([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        (font + (" /ToUnicode 6 0 R >>" if mapped else " >>")).encode(),
        _stream(stream.encode("latin-1")),
        _stream(cmap.encode()),
    ])


def _pdf_file(objects: list[bytes]) -> bytes:
    """A PDF of `objects` (numbered from 1; the first is the catalog) with its cross-reference table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def broken_page_pdf(*lines: str) -> bytes:
    """Two pages: `lines` in Helvetica 12 on page 1, and a page 2 whose page-tree entry is not a page
    (PDFium counts it and fails to load it: a damaged file, as a broken upload gives)."""
    content = "BT /F1 12 Tf 16 TL 72 720 Td " + "".join(f"({line}) Tj T* " for line in lines) + "ET"
    return _pdf_file([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"(not a page)",
        _stream(content.encode("latin-1")),
    ])


def glyph_codes(lines: list[str]) -> dict[str, str]:
    """The Helvetica glyph code `mapped_text_pdf` draws for each distinct non-space character."""
    chars = list(dict.fromkeys(ch for line in lines for ch in line if not ch.isspace()))
    assert len(chars) <= len(_CODES), "more distinct characters than glyph codes"
    return dict(zip(chars, _CODES, strict=False))


def _stream(data: bytes) -> bytes:
    return f"<< /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"


def picture_invoice_pdf(font: str, lines: tuple[str, ...] = ("Company: Bellweather Tools GmbH",
                                                             "IBAN: DE89 3704 0044 0532 0130 00")
                        ) -> tuple[bytes, tuple[float, float, float, float]]:
    """A digital invoice (a text layer) whose company block is a picture: `lines` drawn in the TrueType
    `font` into a PNG placed at the top left. Returns the PDF and the picture's place on the page
    (left, top, right, bottom in top-left points)."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader

    face = ImageFont.truetype(font, 40)
    image = Image.new("RGB", (1400, 70 * len(lines) + 40), "white")
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((20, 20 + 70 * i), line, fill="black", font=face)
    width = 350.0
    height = width * image.height / image.width
    left, top = 50.0, 95.0
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter)
    pdf.drawImage(ImageReader(image), left, letter[1] - top - height, width=width, height=height)
    pdf.setFont("Helvetica", 10)
    for i, (label, value) in enumerate((("Invoice No.:", "INV-2042"), ("Invoice Date:", "March 3, 2025"),
                                        ("Total:", "$1,250.00"))):
        pdf.drawString(50, letter[1] - 200 - 16 * i, label)
        pdf.drawString(150, letter[1] - 200 - 16 * i, value)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue(), (left, top, left + width, top + height)


def till_roll_photo(font: str, lines: list[str], *, size: tuple[int, int], type_px: int, left: int, top: int,
                    step: int, paper: int, ink: int, blur: float, quality: int) -> bytes:
    """A photographed till roll as a JPEG: `lines` in `type_px` type on grey paper, blurred, in JPEG's blocks."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    image = Image.new("L", size, paper)
    draw = ImageDraw.Draw(image)
    face = ImageFont.truetype(font, type_px)
    for i, text in enumerate(lines):
        draw.text((left, top + i * step), text, font=face, fill=ink)
    buffer = io.BytesIO()
    image.filter(ImageFilter.GaussianBlur(blur)).save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()
