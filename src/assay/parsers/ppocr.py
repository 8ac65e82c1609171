"""PP-OCRv6 text recognition on the CPU: a page image → words with pixel boxes and confidences.

The models are PaddleOCR's PP-OCRv6 small text detector and recogniser (Apache-2.0, Baidu / the PaddleOCR
authors), as the ONNX files the RapidOCR project publishes in its PyPI wheel `rapidocr` 3.10.0, copied into
`ppocr_models/` (sha256 in ppocr_models/NOTICE.md). They run on onnxruntime, which Assay has for its
sentence model; the image work around them is numpy and Pillow (no OpenCV), after RapidOCR's and PaddleOCR's
own pre- and post-processing:

1. detection: the page, scaled so its longer side is at most 1,600 px (and its shorter at least 736), gives
   a map of text likelihood; each connected blob above 0.3 whose mean likelihood is at least 0.5 is a text
   line's core, grown back to the line by PaddleOCR's "unclip" distance (area × 1.6 / perimeter);
2. recognition: each line, cut out and scaled to 48 px high, is read by the recogniser, whose output is one
   character distribution per 8-pixel column (CTC); the best path gives the text, and where each character
   fell, with a space where the path passed over one the columns between two characters make likely;
3. words: a line's text splits at its spaces (and at a gap of more than five columns), each word's box is
   the span of its characters' columns, tightened to the ink inside it, and as tall as its line's type (from
   the line's highest ink to its descenders' depth, as a PDF gives a line's words its font's height), and
   its confidence the product of its characters' (the chance that all of them are right: one unsure letter
   makes an unsure word).

It reads photographed receipts, small print and letter-spaced type better than Tesseract (measured in
docs/ocr-engines.md); Tesseract stays for a page's orientation, for ink no detected line covers
(`ocr._reread`), for pictures on digital pages and wherever ASSAY_OCR=tesseract.
"""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from assay.parsers import pixels

MODELS = Path(__file__).parent / "ppocr_models"
_DETECTOR = "PP-OCRv6_det_small.onnx"
_RECOGNISER = "PP-OCRv6_rec_small.onnx"

_LONGEST_SIDE = 1600  # the page is scaled down to this before detection (RapidOCR: 2,000; half the time)...
_SHORTEST_SIDE = 736  # ... and up to this
_TEXT = 0.3  # likelihood of text above which a map pixel is text
_LINE = 0.5  # mean likelihood a blob needs to be a line
_UNCLIP = 1.6
_MAX_LINES = 1000
_HEIGHT = 48  # the recogniser's input height
_MIN_WIDTH = 96  # ... and the least width a batch is padded to (RapidOCR's 320 doubles the work on short words)
_BATCH = 8
_WORD_GAP = 5  # columns (of 8 px at 48 px high) between two characters that part two words
_MIN_READ = 0.5  # mean character confidence below which a line is dropped as not text
# The best path drops the space between letter-spaced words ("SANYUSTATIONERY", "JALANAIR"): where a column
# between two characters gives a space this likely, a space is read there (between two digits of one number,
# 0.05 or less on dev's scans and SROIE receipts)
_SPACE_SEEN = 0.2

PxWord = tuple[str, float, float, float, float, float]  # text, left, top, width, height, confidence 0..1


def available() -> bool:
    """Whether the models and onnxruntime are here."""
    return _sessions() is not None


@cache
def _sessions() -> tuple[Any, Any, list[str]] | None:
    try:
        import onnxruntime as ort
    except ImportError:
        return None
    if not (MODELS / _DETECTOR).exists() or not (MODELS / _RECOGNISER).exists():
        return None
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1  # pages are read in parallel already, one core each
    options.inter_op_num_threads = 1
    # onnxruntime's arena keeps the largest page's buffers: 4 scanned pages peaked at 1.8 GB with it, 1.1 without
    options.enable_cpu_mem_arena = False
    det = ort.InferenceSession(str(MODELS / _DETECTOR), options, providers=["CPUExecutionProvider"])
    rec = ort.InferenceSession(str(MODELS / _RECOGNISER), options, providers=["CPUExecutionProvider"])
    characters = rec.get_modelmeta().custom_metadata_map["character"].splitlines()
    return det, rec, ["", *characters, " "]  # index 0 is CTC's blank; the last, a space


def read(image: Image.Image, ink: np.ndarray) -> tuple[list[PxWord], float | None]:
    """Words of a greyscale page image, in its pixels, and their mean confidence; `ink` is the page's ink mask
    (`pixels.ink_mask`), to which word boxes are tightened."""
    sessions = _sessions()
    if sessions is None:
        raise RuntimeError("the PP-OCR models or onnxruntime are not installed")
    det, rec, characters = sessions
    gray = image if image.mode == "L" else image.convert("L")
    lines = _detect(det, gray)
    words: list[PxWord] = []
    for box, (text, columns, confs, column_px) in zip(lines, _recognise(rec, characters, gray, lines),
                                                      strict=True):
        if text.strip() and float(np.mean(confs)) >= _MIN_READ:
            words += _words(box, text, columns, confs, column_px, ink)
    confidence = sum(w[5] for w in words) / len(words) if words else None
    return words, confidence


def _detect(session: Any, image: Image.Image) -> list[tuple[int, int, int, int]]:
    """Text lines as (left, top, right, bottom) pixel boxes of a greyscale `image`, top to bottom."""
    width, height = image.size
    scale = min(1.0, _LONGEST_SIDE / max(width, height))
    if min(width, height) * scale < _SHORTEST_SIDE:  # up, but a strip's long side no more than 4 × the limit
        scale = min(_SHORTEST_SIDE / min(width, height), 4 * _LONGEST_SIDE / max(width, height))
    w32 = max(32, round(width * scale / 32) * 32)
    h32 = max(32, round(height * scale / 32) * 32)
    small = np.asarray(image.resize((w32, h32), Image.Resampling.BILINEAR), dtype=np.float32)
    plane = small / 127.5 - 1.0
    likelihood = session.run(None, {"x": np.broadcast_to(plane, (1, 3, h32, w32)).copy()})[0][0, 0]
    text = likelihood > _TEXT
    text[1:, :] |= text[:-1, :].copy()  # PaddleOCR's 2 × 2 dilation
    text[:, 1:] |= text[:, :-1].copy()
    fx, fy = width / w32, height / h32
    lines = []
    for left, top, right, bottom in _blobs(text)[:_MAX_LINES]:
        w, h = right - left, bottom - top
        if min(w, h) < 3 or float(likelihood[top:bottom, left:right].mean()) < _LINE:
            continue
        grow = w * h * _UNCLIP / (2 * (w + h))
        if min(w, h) + 2 * grow < 5:
            continue
        lines.append((max(0, math.floor((left - grow) * fx)), max(0, math.floor((top - grow) * fy)),
                      min(width, math.ceil((right + grow) * fx)), min(height, math.ceil((bottom + grow) * fy))))
    return sorted(lines, key=lambda b: (b[1], b[0]))


def _blobs(mask: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Bounding boxes (left, top, right, bottom; right and bottom exclusive) of the 8-connected blobs of True."""
    rows, starts, ends = pixels.runs(mask)
    parent = list(range(len(rows)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    row_list, start_list, end_list = rows.tolist(), starts.tolist(), ends.tolist()
    previous: list[int] = []  # runs of the row above
    current: list[int] = []
    row = -1
    for i, r in enumerate(row_list):
        if r != row:
            previous = current if r == row + 1 else []
            current, row = [], r
        s, e = start_list[i], end_list[i]
        for j in previous:
            if start_list[j] <= e and s <= end_list[j]:  # touching, diagonals too
                a, b = root(i), root(j)
                if a != b:
                    parent[a] = b
        current.append(i)
    boxes: dict[int, list[int]] = {}
    for i in range(len(row_list)):
        r = root(i)
        box = boxes.get(r)
        if box is None:
            boxes[r] = [start_list[i], row_list[i], end_list[i], row_list[i] + 1]
        else:
            box[0] = min(box[0], start_list[i])
            box[1] = min(box[1], row_list[i])
            box[2] = max(box[2], end_list[i])
            box[3] = max(box[3], row_list[i] + 1)
    return [tuple(b) for b in boxes.values()]  # type: ignore[misc]


def _recognise(session: Any, characters: list[str], image: Image.Image, lines: list[tuple[int, int, int, int]]
               ) -> list[tuple[str, list[int], list[float], float]]:
    """Per line of a greyscale `image`: its text, the output column of each character, their confidences, and
    the width in pixels of the line image that one output column stands for."""
    crops = [image.crop(box) for box in lines]
    ratios = [c.width / max(1, c.height) for c in crops]
    out: list[tuple[str, list[int], list[float], float]] = [("", [], [], 1.0)] * len(crops)
    order = sorted(range(len(crops)), key=lambda i: ratios[i])
    for start in range(0, len(order), _BATCH):
        batch = order[start:start + _BATCH]
        width = max(_MIN_WIDTH, max(math.ceil(_HEIGHT * ratios[i]) for i in batch))
        planes = np.zeros((len(batch), 3, _HEIGHT, width), dtype=np.float32)
        sizes = []
        for row, i in enumerate(batch):
            w = min(width, max(1, math.ceil(_HEIGHT * ratios[i])))
            scaled = np.asarray(crops[i].resize((w, _HEIGHT), Image.Resampling.BILINEAR), dtype=np.float32)
            planes[row, :, :, :w] = scaled / 127.5 - 1.0
            sizes.append(w)
        probs = session.run(None, {"x": planes})[0]  # (batch, columns, classes)
        column_px_scaled = width / probs.shape[1]
        for row, i in enumerate(batch):
            text, columns, confs = _decode(probs[row], characters)
            out[i] = (text, columns, confs, column_px_scaled * crops[i].width / sizes[row])
    return out


def _decode(probs: np.ndarray, characters: list[str]) -> tuple[str, list[int], list[float]]:
    """CTC's best path through one line's (columns, classes) probabilities: the text, each character's column
    and probability; a space is put where the path passed over one that a column between two characters makes
    at least `_SPACE_SEEN` likely."""
    space = len(characters) - 1
    path = probs.argmax(axis=1).tolist()
    text: list[str] = []
    columns: list[int] = []
    confs: list[float] = []
    for t, k in enumerate(path):
        if k == 0 or (t and path[t - 1] == k):
            continue
        if k != space and text and text[-1] != " " and t - columns[-1] > 1:
            between = probs[columns[-1] + 1 : t, space]
            if between.max() >= _SPACE_SEEN:
                text.append(" ")
                columns.append(columns[-1] + 1 + int(between.argmax()))
                confs.append(float(between.max()))
        text.append(characters[k] if k < len(characters) else "")
        columns.append(t)
        confs.append(float(probs[t, k]))
    return "".join(text), columns, confs


def _words(box: tuple[int, int, int, int], text: str, columns: list[int], confs: list[float], column_px: float,
           ink: np.ndarray) -> list[PxWord]:
    """A recognised line cut into words at its spaces and at wide gaps between its columns, each boxed by its
    columns and its ink."""
    left, top, right, bottom = box
    groups: list[list[int]] = []
    for k, ch in enumerate(text):
        if ch.isspace():
            groups.append([])
            continue
        if not groups or (groups[-1] and (columns[k] - columns[groups[-1][-1]] > _WORD_GAP)):
            groups.append([])
        groups[-1].append(k)
    words = []
    for group in (g for g in groups if g):
        first, last = columns[group[0]], columns[group[-1]]
        # a character's column is about its middle; half a character's pitch on either side
        pitch = (last - first) / max(1, len(group) - 1) if len(group) > 1 else 2.0
        x0 = left + max(0.0, (first - 0.5 * pitch - 0.5) * column_px)
        x1 = left + min(right - left, (last + 0.5 * pitch + 1.5) * column_px)
        word = "".join(text[k] for k in group)
        words.append((word, *_tight(ink, int(x0), top, math.ceil(x1), bottom),
                      math.prod(confs[k] for k in group)))
    return _line_height(words)


# Characters that reach below the baseline, and how deep type's descenders go, as a share of the height from the
# capitals' tops to the baseline (about 0.21 against 0.72 of the type's size in common faces).
_DESCENDERS = frozenset("gjpqy()")  # commas and slashes barely do
_DESCENT = 0.29


def _line_height(words: list[PxWord]) -> list[PxWord]:
    """The words of one line given the line's height: from its highest ink to its lowest, as a PDF gives every
    word of a line its font's height. Each word's own ink would make "of" half as tall as "budget" and the
    page's type look smaller than it is (the layout measures spacing and headings in word heights)."""
    if not words:
        return words
    top = min(w[2] for w in words)
    bottom = max(w[2] + w[4] for w in words)
    text = "".join(w[0] for w in words)
    if not _DESCENDERS.intersection(text):  # the ink ends on the baseline: add the descenders' depth
        bottom += _DESCENT * (bottom - top)
    return [(w[0], w[1], top, w[3], bottom - top, w[5]) for w in words]


def _tight(ink: np.ndarray, left: int, top: int, right: int, bottom: int) -> tuple[float, float, float, float]:
    """(left, top, width, height) of the ink inside the box, or the box where it holds none. The box is the
    detector's line grown on every side, so it may reach into the lines above and below it or over a form's
    ruling: of the bands of inked rows (a blank row sets them apart), only those that reach into the box's middle
    third, the line's own core, count (all of them where none does)."""
    patch = ink[top:bottom, left:right]
    _, starts, ends = pixels.runs(patch.any(axis=1)[None, :])  # the bands of inked rows, end exclusive
    if not len(starts):
        return float(left), float(top), float(right - left), float(bottom - top)
    third = len(patch) / 3
    own = [(a, b) for a, b in zip(starts.tolist(), ends.tolist(), strict=True) if b - 1 >= third and a < 2 * third]
    first, last = (own[0][0], own[-1][1] - 1) if own else (int(starts[0]), int(ends[-1]) - 1)
    cols = np.flatnonzero(patch[first:last + 1].any(axis=0))
    return float(left + cols[0]), float(top + first), float(cols[-1] - cols[0] + 1), float(last - first + 1)
