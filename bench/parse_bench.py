"""Parser speed and memory, side by side with pdfplumber, pdfminer.six and raw pypdfium2.

    pip install -e ".[bench]"
    python bench/parse_bench.py [--pages 50,1000] [--scanned 4] [--pictured 20] [--repeat 3] [--skip-slow]

Generates the PDFs itself (reportlab): invoice-like digital pages (no images), image-only pages for
OCR, and digital pages with a picture of a company block each (read by OCR of just the picture).
Speed is CPU time (process time: on a shared machine wall time varies with the neighbours), every
parser in one process, interleaved, best of `--repeat` runs, imports untimed. Peak memory (ru_maxrss)
comes from a process per parser, so one library's memory never pollutes another's. Each assay row
ends with its speed as a ratio of the others'. Prints figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from machine import describe

# name → (setup, timed code): imports are set up before the clock starts; the timed code sets `n`
RUNNERS = {
    "assay fast (text layer)": (
        "from assay.parsers import parse_document; import assay.parsers.pdf",
        "doc = parse_document(data, tier='fast'); n = len(doc.pages)",
    ),
    "assay cost_effective": (
        "from assay.parsers import parse_document; import assay.parsers.pdf",
        "doc = parse_document(data); n = len(doc.pages)",
    ),
    "pypdfium2 get_text_range": ("import pypdfium2 as pdfium", """
pdf = pdfium.PdfDocument(data); n = 0
for i in range(len(pdf)):
    page = pdf[i]; tp = page.get_textpage(); tp.get_text_range(); tp.close(); page.close(); n += 1
pdf.close()
"""),
    "pdfplumber extract_words": ("import io, pdfplumber", """
n = 0
with pdfplumber.open(io.BytesIO(data)) as pdf:
    for page in pdf.pages:
        page.extract_words(); page.close(); n += 1
"""),
    "pdfminer.six extract_pages": ("import io; from pdfminer.high_level import extract_pages",
                                   "n = sum(1 for _ in extract_pages(io.BytesIO(data)))"),
}

# Speed: one process runs every parser in turn, `repeat` rounds, and keeps each one's fastest run (as
# timeit does), so that all of them see the same machine: on a shared VM the speed drifts by tens of
# percent from one minute to the next. Memory: a process per parser and one run, so that one
# library's peak never pollutes another's.
SPEED_CHILD = """
import gc, json, sys, time
data = open(sys.argv[1], "rb").read()
rounds = int(sys.argv[2])
runs, best = {{}}, {{}}
{runners}
for _ in range(rounds):
    for name, run in runs.items():
        doc = pdf = None  # the last run's result is freed before the clock starts
        gc.collect()
        t, cpu = time.perf_counter(), time.process_time()
        n = run()
        elapsed, cpu = time.perf_counter() - t, time.process_time() - cpu
        if name not in best or cpu < best[name]["cpu"]:
            best[name] = {{"pages": n, "seconds": elapsed, "cpu": cpu}}
print(json.dumps(best))
"""

MEMORY_CHILD = """
import resource, sys
data = open(sys.argv[1], "rb").read()
{setup}
{code}
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def _runner(name: str) -> str:
    """`name`'s setup, then a function `runs[name]()` that parses `data` and returns the page count;
    a parser that is not installed is reported as such."""
    setup, body = RUNNERS[name]
    body = textwrap.indent(textwrap.dedent(body).strip(), "    ")
    run = f"{setup}\ndef _run():\n    global doc, pdf\n{body}\n    return n\nruns[{name!r}] = _run"
    return (f"try:\n{textwrap.indent(run, '    ')}\n"
            f"except ImportError as exc:\n    best[{name!r}] = {{'error': str(exc)}}\n")


def digital_pdf(pages: int, picture=None) -> bytes:
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=letter)
    reader = ImageReader(picture) if picture is not None else None
    for p in range(pages):
        if reader is not None:
            c.drawImage(reader, 340, 735, width=225, height=50)
        c.setFont("Helvetica-Bold", 16)
        c.drawString(50, 740, f"INVOICE INV-{p:05d}")
        c.setFont("Helvetica", 9)
        for i, line in enumerate(textwrap.wrap("Terms and conditions apply to every order placed. " * 6, 100)):
            c.drawString(50, 715 - 11 * i, line)
        y = 640
        for x, head in zip((50, 120, 380, 440, 510), ("Item", "Description", "Qty", "Price", "Amount"), strict=True):
            c.drawString(x, y, head)
        for r in range(38):
            y -= 14
            c.line(50, y + 11, 560, y + 11)
            for x, text in zip((50, 120, 380, 440, 510),
                               (f"SKU{r:04d}", f"Widget model {r} with extras", str(r % 7 + 1), f"${r * 3.17:.2f}",
                                f"${r * 9.51:,.2f}"), strict=True):
                c.drawString(x, y, text)
        c.showPage()
    c.save()
    return buffer.getvalue()


def pictured_pdf(pages: int) -> bytes:
    """`digital_pdf`'s pages, each with a company block printed as a picture at the top right."""
    from PIL import Image, ImageDraw, ImageFont

    font_path = next((p for p in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",) if Path(p).exists()), None)
    font = ImageFont.truetype(font_path, 36) if font_path else ImageFont.load_default()
    picture = Image.new("L", (900, 200), 255)
    draw = ImageDraw.Draw(picture)
    for i, line in enumerate(("Bellweather Tools GmbH", "IBAN DE89 3704 0044 0532 0130 00")):
        draw.text((20, 30 + 80 * i), line, font=font, fill=0)
    return digital_pdf(pages, picture)


def scanned_pdf(pages: int) -> bytes:
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    font_path = next((p for p in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",) if Path(p).exists()), None)
    font = ImageFont.truetype(font_path, 30) if font_path else ImageFont.load_default()
    image = Image.new("L", (1700, 2200), 255)
    draw = ImageDraw.Draw(image)
    for i in range(40):
        draw.text((120, 120 + 50 * i), f"Line {i:02d}  Widget model {i} with extras   {i % 7 + 1}   ${i * 9.51:,.2f}",
                  font=font, fill=0)
    image = image.rotate(0.8, fillcolor=255)
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=letter)
    reader = ImageReader(image)
    for _ in range(pages):
        c.drawImage(reader, 0, 0, width=612, height=792)
        c.showPage()
    c.save()
    return buffer.getvalue()


def _child(code: str, args: list[str], timeout: float) -> str | dict:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    try:
        out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                             timeout=timeout, env=env, check=True)
    except subprocess.TimeoutExpired:
        return {"error": f"timeout after {timeout:.0f}s"}
    except subprocess.CalledProcessError as exc:
        return {"error": exc.stderr.strip().splitlines()[-1] if exc.stderr.strip() else "failed"}
    return out.stdout.strip().splitlines()[-1]


def speeds(names: list[str], path: str, timeout: float, repeat: int) -> dict:
    code = SPEED_CHILD.format(runners="\n".join(_runner(name) for name in names))
    out = _child(code, [path, str(repeat)], timeout)
    return out if isinstance(out, dict) else json.loads(out)


def peak_mb(name: str, path: str, timeout: float) -> float | None:
    setup, body = RUNNERS[name]
    out = _child(MEMORY_CHILD.format(setup=setup, code=textwrap.dedent(body).strip()), [path], timeout)
    return None if isinstance(out, dict) else float(out)


def report(title: str, path: str, names: list[str], timeout: float, repeat: int, ratios: bool = True) -> None:
    print(f"\n{title}  ({Path(path).stat().st_size / 1e6:.1f} MB)")
    print(f"  {'parser':28} {'pages/s':>9} {'seconds':>9} {'CPU s':>9} {'peak MB':>9}")
    results = speeds(names, path, timeout * repeat * len(names), repeat)
    if "error" in results:
        print(f"  failed: {results['error']}")
        return
    for name in names:
        r = results[name]
        if "error" in r:
            print(f"  {name:28} {'-':>9} {'-':>9} {'-':>9} {'-':>9}  {r['error']}")
            continue
        peak = peak_mb(name, path, timeout)
        peak_text = f"{peak:9.0f}" if peak is not None else f"{'-':>9}"
        print(f"  {name:28} {r['pages'] / r['seconds']:9.1f} {r['seconds']:9.2f} {r['cpu']:9.2f} {peak_text}")
    # pages per CPU second
    speed = {name: r["pages"] / max(r["cpu"], 1e-9) for name, r in results.items() if "error" not in r}
    for name in (n for n in speed if n.startswith("assay") and ratios):
        against = [f"{speed[name] / speed[base]:.0%} of {base}" if "pypdfium2" in base
                   else f"{speed[name] / speed[base]:.1f}x {base}"
                   for base in speed if not base.startswith("assay")]
        print(f"  {name}, pages per CPU second: {', '.join(against)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", default="50,1000", help="digital PDF sizes (comma separated)")
    parser.add_argument("--scanned", type=int, default=4, help="image-only pages to OCR (0 to skip)")
    parser.add_argument("--pictured", type=int, default=0,
                        help="digital pages with a picture each, read by OCR of the picture (0 to skip)")
    parser.add_argument("--skip-slow", action="store_true", help="skip pdfplumber/pdfminer on the largest file")
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the fastest is kept")
    args = parser.parse_args()
    print(describe())
    all_names = list(RUNNERS)
    with tempfile.TemporaryDirectory() as tmp:
        sizes = [int(s) for s in args.pages.split(",") if s]
        for pages in sizes:
            path = os.path.join(tmp, f"digital-{pages}.pdf")
            t = time.perf_counter()
            Path(path).write_bytes(digital_pdf(pages))
            print(f"(generated {pages} digital pages in {time.perf_counter() - t:.1f}s)")
            names = all_names
            if args.skip_slow and pages == max(sizes) and pages > 100:
                names = all_names[:3]
            report(f"Digital PDF, {pages} pages", path, names, args.timeout, args.repeat)
        if args.scanned:
            path = os.path.join(tmp, "scanned.pdf")
            Path(path).write_bytes(scanned_pdf(args.scanned))
            # Tesseract runs in child processes, which CPU time does not count: read the wall time here,
            # and no ratios (the others find no text on these pages)
            report(f"Image-only PDF, {args.scanned} pages (OCR, {os.cpu_count()} cores)", path,
                   ["assay cost_effective", "pypdfium2 get_text_range", "pdfplumber extract_words"],
                   args.timeout, args.repeat, ratios=False)
        if args.pictured:
            path = os.path.join(tmp, "pictured.pdf")
            Path(path).write_bytes(pictured_pdf(args.pictured))
            # the pictures' OCR runs in Tesseract processes too: wall time, as for the scans
            report(f"Digital PDF with a picture on each page, {args.pictured} pages (picture OCR)", path,
                   ["assay fast (text layer)", "assay cost_effective", "pypdfium2 get_text_range"],
                   args.timeout, args.repeat, ratios=False)


if __name__ == "__main__":
    main()
