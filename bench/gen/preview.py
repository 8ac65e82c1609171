"""Render a case's pages with its evidence boxes drawn on them, to check a case by eye.

    python bench/gen/preview.py CASE_DIR OUT_DIR [--dpi 80]

Develop cases only: the frozen split is scored, never looked at.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw


def pages(document: Path, dpi: int) -> list[Image.Image]:
    if document.suffix == ".pdf":
        pdf = pdfium.PdfDocument(str(document))
        return [pdf[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(pdf))]
    image = Image.open(document).convert("RGB")
    return [image.resize((int(image.width * dpi / 200), int(image.height * dpi / 200)))]


def preview(case: Path, out: Path, dpi: int = 80) -> list[Path]:
    evidence = json.loads((case / "evidence.json").read_text())
    images = pages(next(case.glob("document.*")), dpi)
    written = []
    for number, image in enumerate(images, 1):
        draw = ImageDraw.Draw(image)
        for entry in evidence:
            if entry["page"] != number:
                continue
            scale = image.width / entry["page_width"]
            for box in entry.get("line_boxes") or [entry["bbox"]]:
                x, y, w, h = (box[k] * scale for k in ("x", "y", "w", "h"))
                draw.rectangle([x, y, x + w, y + h], outline=(220, 0, 0) if entry.get("kind") is None
                               else (0, 0, 220))
        out.mkdir(parents=True, exist_ok=True)
        path = out / f"{case.name}_p{number}.png"
        image.save(path)
        written.append(path)
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("case", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--dpi", type=int, default=80)
    a = ap.parse_args()
    for path in preview(a.case, a.out, a.dpi):
        print(path)


if __name__ == "__main__":
    main()
