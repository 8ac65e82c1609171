"""OCR for rasters: word boxes in points, in the frame of the original image.

Words are read by PP-OCR (`assay.parsers.ppocr`, on onnxruntime), or by Tesseract where ASSAY_OCR=tesseract;
Tesseract also decides a page's orientation and rereads ink no word covers. Pages run in parallel, one per
core, each single-threaded (a Tesseract process with OMP_THREAD_LIMIT=1, ~6× faster per page than its own
threading on many pages; onnxruntime on one thread).

Before recognition a page is
* deskewed: the small angle (±3°) that makes the row profile of the ink sharpest is estimated
  on a thumbnail and undone;
* turned upright when it is sideways or upside down: only when the first pass reads poorly, the
  orientation check (`--psm 0`) runs, and its answer is used only when Tesseract is confident.

* cleared of tick boxes: squares found in the pixels (`assay.parsers.pixels`) are painted out,
  since Tesseract reads a box as "O" or "[]" and then loses its label, and come back as ☑ / ☐
  words at their place (so `text_checkboxes` turns them into the page's checkboxes);
* cleared of table rules: long thin strokes, found in faint ink too (a scan blurs a thin rule to grey),
  are painted out, since Tesseract reads a rule as "|", "T" or "1" and fuses the cells on either side
  ("11|EA"), and come back as `OcrResult.rules`, so that the page's ruled tables are found as on a
  digital page.

After the first pass, ink of text size that no word covers (Tesseract's page segmentation can drop
a whole column of amounts as "not text") is read again, in one more run over a canvas of just
those regions.

Recognition happens in that upright, deskewed working frame (so lines stay horizontal for the
layout). A page that was only deskewed keeps its words in that straightened frame (the canvas
the size of the page, turned about its centre) and says so in `OcrResult.deskew`, which becomes
`Page.deskew`: boxes are mapped to the original page only where they leave the system (citations,
parse items). A page that was also turned a quarter turn has `OcrResult.to_page`, which maps any
working-frame box back to the axis-aligned box in the original image, in points, when the page is
built.
"""

from __future__ import annotations

import io
import itertools
import math
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from PIL import Image, ImageDraw

from assay.domain.document import Box, Word
from assay.errors import OcrUnavailableError
from assay.parsers import pixels, ppocr
from assay.parsers.checkboxes import CHECKED, UNCHECKED

_TIMEOUT_S = 180
_DESKEW_MIN = 0.15  # degrees; below this the page is left as is
_DESKEW_MAX = 3.0
_EM_PT = 10.0  # body text size assumed for pixel sizes (tick boxes, gaps)


@dataclass(slots=True)
class OcrResult:
    words: list[Word]  # in the working frame, points
    confidence: float | None  # mean word confidence, 0..1
    rotation: int  # degrees clockwise the image was turned to read upright
    skew: float  # degrees counter-clockwise the upright image was turned to deskew it
    to_page: Callable[[Box], Box] | None  # working frame → original page, when words need mapping now
    deskew: tuple[float, float, float] | None = None  # words are in the straightened page: Page.deskew
    rules: list[Box] = field(default_factory=list)  # the table rules drawn on the scan, in the words' frame


ENGINE_SWITCH = "ASSAY_OCR"  # "tesseract" reads pages with Tesseract alone; by default PP-OCR reads them


def _ppocr_on() -> bool:
    return os.environ.get(ENGINE_SWITCH, "ppocr").strip().lower() != "tesseract" and ppocr.available()


def tesseract_path() -> str | None:
    return shutil.which("tesseract")


def require_tesseract() -> str:
    path = tesseract_path()
    if path is None:
        raise OcrUnavailableError(
            "This document needs OCR but Tesseract is not installed "
            "(Debian/Ubuntu: apt-get install tesseract-ocr; macOS: brew install tesseract)"
        )
    return path


def worker_count() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def recognise_many(images: Sequence[Image.Image], dpi: float) -> list[OcrResult | Exception]:
    """OCR several pages in parallel; a page that fails yields its exception instead of a result."""
    require_tesseract()

    def one(image: Image.Image) -> OcrResult | Exception:
        try:
            return recognise(image, dpi)
        except Exception as exc:  # reported on the page, the other pages go on
            return exc

    if len(images) <= 1:
        return [one(im) for im in images]
    with ThreadPoolExecutor(max_workers=min(worker_count(), len(images))) as pool:
        return list(pool.map(one, images))


def recognise(image: Image.Image, dpi: float) -> OcrResult:
    gray = image.convert("L") if image.mode != "L" else image
    result = _recognise_upright(gray, 0, dpi)
    if (not _ppocr_on() and _small_print(result[0])
            and 4 * gray.width * gray.height <= _LARGEST_REREAD_PX):
        # Tesseract misreads letters under ~20 pixels tall: read the page again at twice the size
        big = gray.resize((gray.width * 2, gray.height * 2), Image.Resampling.LANCZOS)
        larger = _recognise_upright(big, 0, dpi * 2)
        if (larger[1] or 0.0) > (result[1] or 0.0):
            gray, dpi, result = big, dpi * 2, larger
    width, height = gray.size
    scale = 72.0 / dpi
    if _reads_poorly(result) or _looks_sideways(gray):
        turn = _orientation(gray, dpi)
        if turn:
            other = _recognise_upright(_turn(gray, turn), turn, dpi)
            if _score(other) > _score(result):
                result = other
    words_px, conf, turn, skew, work_size, rules_px = result
    # keep a page that was only deskewed in its straightened frame: a canvas of the page's own size turned
    # about its centre; map any other from its working frame when the page is built (to_page)
    straightened = turn == 0 and bool(skew)
    ox, oy = ((work_size[0] - width) / 2, (work_size[1] - height) / 2) if straightened else (0.0, 0.0)

    def points(x: float, y: float, w: float, h: float) -> Box:
        return Box((x - ox) * scale, (y - oy) * scale, w * scale, h * scale)

    words = [Word(t, points(x, y, w, h), c) for t, x, y, w, h, c in words_px]
    rules = [points(left, top, right - left, bottom - top) for left, top, right, bottom in rules_px]
    if straightened:
        return OcrResult(words=words, confidence=conf, rotation=0, skew=skew, to_page=None,
                         deskew=(skew, width * scale / 2, height * scale / 2), rules=rules)
    to_page = _mapper(turn, skew, (width, height), work_size, scale) if turn or skew else None
    return OcrResult(words=words, confidence=conf, rotation=turn, skew=skew, to_page=to_page, rules=rules)


_PxWord = ppocr.PxWord  # text, left, top, width, height, confidence 0..1
_Pass = tuple[list[_PxWord], float | None, int, float, tuple[int, int], list[pixels.PxBox]]


def _recognise_upright(upright: Image.Image, turn: int, dpi: float) -> _Pass:
    skew = estimate_skew(upright)
    ink, paper = pixels.ink_mask(upright)
    work = upright
    if abs(skew) >= _DESKEW_MIN:
        # fill with the paper's grey: a white wedge on grey paper reads as an edge to Tesseract
        work = upright.rotate(skew, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=paper)
        ink, paper = pixels.ink_mask(work)
    else:
        skew = 0.0
    em = _EM_PT * dpi / 72
    ticks = pixels.tick_boxes(ink, em)
    squares = [t for t in ticks if not t.ring]
    thick = max(3, int(em / 6))
    ruled = pixels.drawn_rules(work, int(4 * em), thick)
    clean = work
    if squares or ruled:  # Tesseract reads a box as "O", "[]" or "I" and a table's rule as "|", "T" or "1",
        clean = work.copy()  # fusing cells ("11|EA"): paint them out
        draw = ImageDraw.Draw(clean)
        for t in squares:
            left, top, right, bottom = t.box
            draw.rectangle((left - 2, top - 2, right + 1, bottom + 1), fill=paper)
        for left, top, right, bottom in ruled:
            draw.rectangle((left - 2, top - 2, right + 1, bottom + 1), fill=paper)
    words, conf = ppocr.read(clean, ink) if _ppocr_on() else run_tesseract(clean, dpi)
    words, ticks = _rings_read(words, ticks)
    words += _reread(clean, ink, words, ticks, paper, em, dpi)
    words += [(CHECKED if t.checked else UNCHECKED, float(t.box[0]), float(t.box[1]),
               float(t.box[2] - t.box[0]), float(t.box[3] - t.box[1]), 1.0) for t in ticks]
    return words, conf, turn, skew, work.size, ruled


def _rings_read(words: list[_PxWord], ticks: list[pixels.TickBox]) -> tuple[list[_PxWord], list[pixels.TickBox]]:
    """Radio buttons checked against the recognised words. A ring the recognition read as a symbol of its own
    ("O", "©", "@") or as the start of its label ("OPhone") is a button, and the symbol gives way to it; a
    ring inside a word that starts before it is the letter "o" of letter-spaced print ("Contoso")."""
    kept: list[pixels.TickBox] = []
    words = list(words)
    dropped: set[int] = set()
    for tick in ticks:
        if not tick.ring:
            kept.append(tick)
            continue
        left, top, right, bottom = tick.box
        side = right - left
        over = [i for i, (_, x, y, w, h, _) in enumerate(words)
                if x < right and left < x + w and y < bottom and top < y + h]
        if any(len(words[i][0]) > 2 and words[i][1] < left - side / 2 for i in over):
            continue
        kept.append(tick)
        for i in over:
            text, x, y, w, h, c = words[i]
            if len(text) <= 2 or x + w <= right + side / 2:
                dropped.add(i)
                continue
            rest = text[1:] if text[0] in _RING_READINGS else text  # the label read glued to its button
            words[i] = (rest, right + side / 4, y, x + w - right - side / 4, h, c)
    return [w for i, w in enumerate(words) if i not in dropped], kept


_RING_READINGS = "Oo0Q©@®"


def _reread(image: Image.Image, ink: Any, words: list[_PxWord], ticks: list[pixels.TickBox],
            paper: int, em: float, dpi: float) -> list[_PxWord]:
    """OCR again the ink that the first pass did not read (a dropped column of numbers, a field
    value beside a box); the regions are stacked on one canvas so that it costs one more run."""
    covered = [(round(x - 0.2 * h), round(y - 0.25 * h), round(x + w + 0.2 * h), round(y + 1.25 * h))
               for _, x, y, w, h, _ in words]
    covered += [t.box for t in ticks]
    thick = max(3, int(em / 6))
    covered += [(left - thick, top - thick, right + thick, bottom + thick)
                for left, top, right, bottom in pixels.rules(ink, int(4 * em), thick)]
    return _read_regions(image, ink, covered, len(words), paper, em, dpi)


def read_uncovered(image: Image.Image, covered: list[pixels.PxBox], dpi: float, min_confidence: float
                   ) -> list[Word]:
    """Words in the ink of `image` that lies outside every `covered` box (pixels), in points of
    `image`: what a picture on a digital page says beside the page's own words (`pdfimages`)."""
    gray = image.convert("L") if image.mode != "L" else image
    ink, paper = pixels.ink_mask(gray)
    scale = 72.0 / dpi
    found = _read_regions(gray, ink, covered, len(covered), paper, _EM_PT * dpi / 72, dpi, min_confidence)
    return [Word(t, Box(x * scale, y * scale, w * scale, h * scale), c) for t, x, y, w, h, c in found]


def _read_regions(image: Image.Image, ink: Any, covered: list[pixels.PxBox], masked_count: int, paper: int,
                  em: float, dpi: float, min_confidence: float = 0.5) -> list[_PxWord]:
    """Tesseract over the text-sized ink outside `covered` (the first `masked_count` boxes are
    painted out first, so that no read word is read twice), stacked on one canvas: one run; words
    below `min_confidence` or without a letter or digit are dropped."""
    regions = pixels.unread_regions(ink, covered, em)
    if not regions:
        return []
    masked = image.copy()
    draw = ImageDraw.Draw(masked)
    for left, top, right, bottom in covered[:masked_count]:
        draw.rectangle((left, top, right, bottom), fill=paper)
    gap = int(em)
    width = max(r[2] - r[0] for r in regions) + 2 * gap
    height = sum(r[3] - r[1] + gap for r in regions) + gap
    canvas = Image.new("L", (width, height), paper)
    slots = []
    y = gap
    for region in regions:
        canvas.paste(masked.crop(region), (gap, y))
        slots.append((y, y + region[3] - region[1], region))
        y += region[3] - region[1] + gap
    found, _ = run_tesseract(canvas, dpi, psm="6")
    out = []
    for text, x, y, w, h, c in found:
        if c < min_confidence or not any(ch.isalnum() for ch in text):
            continue
        cy = y + h / 2
        for top, bottom, region in slots:
            if top <= cy < bottom:
                out.append((text, x - gap + region[0], y - top + region[1], w, h, c))
                break
    return out


_SMALL_PRINT_PX = 16  # median height of a page's words (of three letters or more) below which it is read again larger
_LARGEST_REREAD_PX = 64_000_000  # ... when the enlarged page stays this small (a 12-megapixel photo doubled: 48M)


def _small_print(words: list[_PxWord]) -> bool:
    heights = sorted(h for text, _, _, _, h, _ in words if len(text) >= 3 and text.isalpha())
    return len(heights) >= 5 and heights[len(heights) // 2] < _SMALL_PRINT_PX


def _reads_poorly(result: _Pass) -> bool:
    words, conf = result[0], result[1]  # conf is None where the recogniser kept no line (sideways text)
    return len(words) < 5 or conf is None or conf < 0.75


def _ink_thumb(image: Image.Image) -> Image.Image:
    thumb = image
    if max(image.size) > 1000:
        f = 1000 / max(image.size)
        thumb = image.resize((max(1, round(image.width * f)), max(1, round(image.height * f))), Image.Resampling.BOX)
    return thumb.convert("L").point(lambda v: 255 if v < 160 else 0)  # ink is 255 on 0


def _column(image: Image.Image) -> list[int]:
    """Mean ink per row, top to bottom."""
    squeezed = image.resize((1, image.height), Image.Resampling.BOX)
    getter = getattr(squeezed, "get_flattened_data", None) or squeezed.getdata
    return list(getter())


def _profile_sharpness(ink: Image.Image) -> float:
    rows = _column(ink)
    return sum((rows[i + 1] - rows[i]) ** 2 for i in range(len(rows) - 1)) / max(1, len(rows))


def _looks_sideways(image: Image.Image) -> bool:
    """Text lines run vertically: the column profile is much sharper than the row profile."""
    ink = _ink_thumb(image)
    if ink.getbbox() is None:
        return False
    return _profile_sharpness(ink.transpose(Image.Transpose.ROTATE_90)) > 1.5 * _profile_sharpness(ink)


def _score(result: _Pass) -> float:
    words, conf = result[0], result[1]
    return sum(c for *_, c in words if len(_[0]) > 1) + (conf or 0)


def _turn(image: Image.Image, clockwise: int) -> Image.Image:
    return {
        90: lambda: image.transpose(Image.Transpose.ROTATE_270),
        180: lambda: image.transpose(Image.Transpose.ROTATE_180),
        270: lambda: image.transpose(Image.Transpose.ROTATE_90),
    }[clockwise]()


def _orientation(image: Image.Image, dpi: float) -> int:
    """Degrees clockwise to turn the page upright per Tesseract's OSD, or 0 when unsure."""
    try:
        out = _run(image, ["--psm", "0", "--dpi", str(round(dpi))], None, timeout=60)
    except Exception:  # OSD fails on sparse pages: treat as upright
        return 0
    rotate, confidence = 0, 0.0
    for line in out.splitlines():
        if line.startswith("Rotate:"):
            rotate = int(line.split(":")[1])
        elif line.startswith("Orientation confidence:"):
            confidence = float(line.split(":")[1])
    return rotate % 360 if confidence >= 1.5 and rotate % 90 == 0 else 0


def estimate_skew(image: Image.Image) -> float:
    """The small rotation (degrees, counter-clockwise) that best levels the text lines."""
    ink = _ink_thumb(image)
    if ink.getbbox() is None:
        return 0.0

    def sharpness(angle: float) -> float:
        rotated = ink.rotate(angle, resample=Image.Resampling.NEAREST, expand=False, fillcolor=0)
        rows = _column(rotated)
        return sum((rows[i + 1] - rows[i]) ** 2 for i in range(len(rows) - 1))

    best = max((a / 2 for a in range(-6, 7)), key=sharpness)  # ±3° by 0.5°
    fine = max((best + a / 10 for a in range(-4, 5)), key=sharpness)
    return fine if abs(fine) <= _DESKEW_MAX else 0.0


def run_tesseract(image: Image.Image, dpi: float, psm: str = "3") -> tuple[list[_PxWord], float | None]:
    """Words as (text, left, top, width, height, confidence 0..1), in pixels of `image`."""
    tsv = _run(image, ["--psm", psm, "--dpi", str(round(dpi))], "tsv", timeout=_TIMEOUT_S)
    lines: dict[tuple[str, ...], list[_PxWord]] = {}
    for line in tsv.splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) < 12 or parts[0] != "5":
            continue
        text = parts[11].strip()
        conf = float(parts[10])
        if not text or conf < 0:
            continue
        left, top, w, h = (float(v) for v in parts[6:10])
        cleaned = _clean(text, left, w, conf / 100.0)
        if cleaned is not None:
            text, left, w = cleaned
            lines.setdefault(tuple(parts[1:5]), []).append((text, left, top, w, h, conf / 100.0))
    words = [word for line_words in lines.values()
             for word in _join_at_signs(_separators_kept(_bullet_read(line_words)))]
    confidence = sum(w[5] for w in words) / len(words) if words else None
    return words, confidence


def _bullet_read(line: list[_PxWord]) -> list[_PxWord]:
    """A line's first word that is one small square mark, under two thirds as tall as the words after it and no
    letter or digit ("¢", "«", "*" where "•" is printed), is the bullet Tesseract misread: "•", as a PDF's text
    layer gives it."""
    if len(line) < 2 or len(line[0][0]) != 1 or line[0][0].isalnum():
        return line
    _, x, y, w, h, c = line[0]
    rest = sorted(word[4] for word in line[1:])
    if 0.6 <= w / max(h, 1.0) <= 1.6 and h <= 0.65 * rest[len(rest) // 2]:
        return [("•", x, y, w, h, c), *line[1:]]
    return line


def _separators_kept(line: list[_PxWord]) -> list[_PxWord]:
    """A lone "|" between two words of its line, each at most two spaces away, is printed text, a separator
    ("88 Deansgate | Manchester"), as a PDF's text layer would give it; anywhere else it is a rule's remains."""
    out = []
    for i, word in enumerate(line):
        if word[0] == "|":
            before, after = line[i - 1] if i else None, line[i + 1] if i + 1 < len(line) else None
            if (before is None or after is None or before[0] == "|" or after[0] == "|"
                    or word[1] - (before[1] + before[3]) > 2 * word[4] or after[1] - (word[1] + word[3]) > 2 * word[4]):
                continue
        out.append(word)
    return out


_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(\.[\w\-]+)*\.[^\W\d_]{2,}[.,;]?")


def _join_at_signs(line: list[_PxWord]) -> list[_PxWord]:
    """An e-mail address that Tesseract split at its "@" ("paula.morales @ example.org", "name @domain.org")
    made one word again: two or three words of one line, each a space or less from the next, joined when one
    of them ends or starts with the "@" and together they are an address. An address holds no space, so
    such a split is the recognition's, not the page's ("2 @ 8.20" is no address and stays apart)."""
    out: list[_PxWord] = []
    i = 0
    while i < len(line):
        for n in (3, 2):
            words = line[i : i + n]
            if len(words) == n and _EMAIL.fullmatch("".join(w[0] for w in words)) and all(
                    b[1] - (a[1] + a[3]) <= max(a[4], b[4]) and (a[0].endswith("@") or b[0].startswith("@"))
                    for a, b in itertools.pairwise(words)):
                top = min(w[2] for w in words)
                out.append(("".join(w[0] for w in words), words[0][1], top, words[-1][1] + words[-1][3] - words[0][1],
                            max(w[2] + w[4] for w in words) - top, min(w[5] for w in words)))
                i += n
                break
        else:
            out.append(line[i])
            i += 1
    return out


_RULE_CHARS = "|_[]{}()—–-=~.,:;'\"‘’“”!/\\¦"


def _clean(text: str, left: float, width: float, conf: float) -> tuple[str, float, float] | None:
    """Drop table rules read as text ("|", "_") and low-confidence noise; trim stray bars."""
    if conf < 0.2:
        return None
    if not any(c.isalnum() for c in text):
        if conf < 0.7 or (all(c in "|_¦" for c in text) and text != "|"):
            return None
        return text, left, width  # a lone "|" stays only as a separator between words (`_separators_kept`)
    per_char = width / len(text)
    head = len(text) - len(text.lstrip("|¦_"))
    tail = len(text) - len(text.rstrip("|¦_"))
    if head or tail:
        text = text[head : len(text) - tail]
        left += head * per_char
        width -= (head + tail) * per_char
    return text, left, width


def _run(image: Image.Image, args: list[str], config: str | None, timeout: float) -> str:
    buffer = io.BytesIO()
    dpi = next((int(a) for a in args[args.index("--dpi") + 1 :][:1]), 300) if "--dpi" in args else 300
    image.save(buffer, format="PNG", compress_level=1, dpi=(dpi, dpi))
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    proc = subprocess.run(
        [require_tesseract(), "stdin", "stdout", *args, *([config] if config else [])],
        input=buffer.getvalue(), capture_output=True, timeout=timeout, env=env, check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"tesseract exited {proc.returncode}: {proc.stderr.decode(errors='replace')[-300:]}")
    return proc.stdout.decode("utf-8", errors="replace")


def _mapper(turn: int, skew: float, original: tuple[int, int], work: tuple[int, int], scale: float
            ) -> Callable[[Box], Box]:
    """Working-frame points → original-image points (axis-aligned box of the mapped corners)."""
    ow, oh = original
    uw, uh = (oh, ow) if turn in (90, 270) else (ow, oh)  # upright size
    ww, wh = work
    theta = math.radians(skew)
    cos, sin = math.cos(theta), math.sin(theta)

    def point(x: float, y: float) -> tuple[float, float]:
        # undo the deskew: PIL rotated the upright image counter-clockwise by `skew` about its centre
        dx, dy = x - ww / 2, y - wh / 2
        ux = dx * cos - dy * sin + uw / 2
        uy = dx * sin + dy * cos + uh / 2
        # undo the quarter turn
        if turn == 90:
            return uy, oh - ux
        if turn == 180:
            return ow - ux, oh - uy
        if turn == 270:
            return ow - uy, ux
        return ux, uy

    def to_page(box: Box) -> Box:
        corners = [point(x / scale, y / scale) for x, y in
                   ((box.x, box.y), (box.right, box.y), (box.x, box.bottom), (box.right, box.bottom))]
        xs = [c[0] for c in corners]
        ys = [c[1] for c in corners]
        return Box.from_edges(max(0.0, min(xs)) * scale, max(0.0, min(ys)) * scale,
                              min(ow, max(xs)) * scale, min(oh, max(ys)) * scale)

    if turn == 0 and skew == 0:
        return lambda box: box
    return to_page
