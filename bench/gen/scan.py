"""Scanned variants: a digital case printed, scanned at 200 dpi a little askew, with blur and noise.

Evidence boxes go through the same rotation (each line box becomes the axis-aligned box of its
turned corners), as the dev set's scanned cases do. PNG and JPG pages keep points as their unit
(pixel x 72 / 200).
"""

from __future__ import annotations

import io
import math
from dataclasses import replace

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from gen.case import Case
from gen.pick import Pick
from gen.sheet import Box, Cite

DPI = 200


def scan(case: Case, p: Pick, file_type: str) -> Case:
    if file_type != "pdf" and len(case.page_sizes) != 1:
        raise ValueError("an image file holds one page")
    angle = p.rng.uniform(0.3, 1.5) * (1 if p.chance(0.5) else -1)
    blur = p.rng.uniform(0.3, 1.0)
    noise = p.rng.uniform(4.0, 12.0)
    rng = np.random.default_rng(p.rng.getrandbits(32))
    document = pdfium.PdfDocument(case.document)
    images = []
    for index in range(len(document)):
        page = document[index].render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
        page = page.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
        page = page.filter(ImageFilter.GaussianBlur(blur))
        pixels = np.asarray(page, dtype=np.float32) + rng.normal(0.0, noise, (page.height, page.width))
        images.append(Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)))
    document.close()
    sizes = [(img.width * 72 / DPI, img.height * 72 / DPI) for img in images] if file_type != "pdf" else case.page_sizes
    cites = [Cite(c.path, c.page, c.text, [_turn(b, angle, *sizes[c.page - 1]) for b in c.lines], c.kind)
             for c in case.cites]
    if file_type == "pdf":
        data = _image_pdf(images, case.page_sizes)
    else:
        buffer = io.BytesIO()
        if file_type == "png":
            images[0].save(buffer, "PNG")
        else:
            images[0].save(buffer, "JPEG", quality=82)
        data = buffer.getvalue()
    tags = [*case.tags, "scanned", f"src:{case.family}", f"src_layout:{case.layout}", f"rotation:{angle:+.2f}"]
    tags += ["image_file"] if file_type != "pdf" else []
    return replace(case, family="scanned", layout=f"scan-{file_type}-g", cites=cites, page_sizes=sizes,
                   document=data, file_type=file_type, tags=tags,
                   extra={"source_family": case.family, "source_layout": case.layout})


def _turn(box: Box, angle: float, width: float, height: float) -> Box:
    """The axis-aligned box of `box` turned `angle` degrees counter-clockwise about the page centre."""
    theta = math.radians(angle)
    cx, cy = width / 2, height / 2
    xs, ys = [], []
    for x, y in ((box.x, box.y), (box.x + box.w, box.y), (box.x, box.y + box.h), (box.x + box.w, box.y + box.h)):
        dx, dy = x - cx, y - cy
        xs.append(cx + dx * math.cos(theta) + dy * math.sin(theta))
        ys.append(cy - dx * math.sin(theta) + dy * math.cos(theta))
    left, top = max(0.0, min(xs)), max(0.0, min(ys))
    return Box(left, top, min(width, max(xs)) - left, min(height, max(ys)) - top)


def _image_pdf(images: list[Image.Image], sizes: list[tuple[float, float]]) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=sizes[0], invariant=1)
    for image, size in zip(images, sizes, strict=True):
        jpeg = io.BytesIO()
        image.save(jpeg, "JPEG", quality=80)
        pdf.setPageSize(size)
        pdf.drawImage(ImageReader(io.BytesIO(jpeg.getvalue())), 0, 0, size[0], size[1])
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()
