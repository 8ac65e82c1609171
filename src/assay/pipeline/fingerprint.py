"""A layout's fingerprint: what stays the same on every document a sender prints from one form.

The fixed words of a layout are its letterhead, labels, headings and column headers: words of letters,
printed at the same places whatever the values. A document's fingerprint is the set of tokens such
words make on its first page, with the page size:

    w:<word>                  the word anywhere (robust to any shift)
    x:<word>:<column>         the word and the twentieth of the page width its left edge is in
                              (robust to rows added above it, which move it down only)
    b:<word> <word>           two words side by side on one line ("invoice no", "bill to")
    p:<width>x<height>        the page size, in tens of points, and its width alone (a receipt's
    p:<width>                 length follows its items)

Words with digits, lines with two or more of them or with a number in a column of numbers (rows of
a table: a description beside its quantity and amount) and the body rows of detected tables are left
out: they are where values change. The
tokens are compared by their Jaccard similarity, estimated from a MinHash signature of `HASHES`
numbers; `bands` cuts the signature into `BANDS` bands of `ROWS` numbers each, whose hashes are what a
store indexes (locality-sensitive hashing: two fingerprints share a band with probability
1 - (1 - J^ROWS)^BANDS, 0.88 at J = 0.4, 0.03 at J = 0.1), so that finding the layouts a document may
match takes a few index lookups however many are remembered.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np

from assay.domain import values as V
from assay.domain.document import Document, Page, Word

BANDS, ROWS = 32, 3
HASHES = BANDS * ROWS
COLUMNS = 20
SAME = 0.4  # the least Jaccard similarity (of the stored tokens) at which two documents share a layout

_rng = np.random.default_rng(20261203)
# multiply-shift hashing: ((a * h + b) mod 2^64) >> 32, with odd a; numpy's uint64 arithmetic wraps
_A = _rng.integers(0, 1 << 63, HASHES, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
_B = _rng.integers(0, 1 << 63, HASHES, dtype=np.uint64)
_EMPTY = 1 << 32
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(slots=True)
class Fingerprint:
    tokens: list[str]  # sorted
    signature: list[int]  # HASHES MinHash values

    @property
    def bands(self) -> list[str]:
        return bands(self.signature)


def fingerprint(document: Document, skip: set[int] | None = None) -> Fingerprint:
    """The document's fingerprint; `skip`: ids of first-page words to leave out (a reviewed example's values)."""
    page = document.pages[0] if document.pages else Page(1, 612.0, 792.0)
    return of_tokens(page_tokens(page, skip or set()))


def of_tokens(tokens: set[str]) -> Fingerprint:
    ordered = sorted(tokens)
    return Fingerprint(ordered, signature(ordered))


def page_tokens(page: Page, skip: set[int]) -> set[str]:
    tokens = {f"p:{round(page.width / 10)}x{round(page.height / 10)}", f"p:{round(page.width / 10)}"}
    body = _table_body(page)
    width = page.width or 1.0
    lines = text_lines(page.words)
    for line in lines:
        if _value_row(line, lines):
            continue  # a row of values (a table row: quantity, price, amount) with whatever words it has
        previous = None
        for word in line:
            text = fixed_text(word)
            if text is None or id(word) in skip or id(word) in body:
                previous = None
                continue
            tokens.add(f"w:{text}")
            tokens.add(f"x:{text}:{int(word.box.x / width * COLUMNS)}")
            if previous is not None:
                tokens.add(f"b:{previous} {text}")
            previous = text
    return tokens


def _value_row(line: list[Word], lines: list[list[Word]]) -> bool:
    """Two numbers on the line, or a number whose right edge lines up with numbers on two other lines (a column)."""
    numbers = [w for w in line if any(c.isdigit() for c in w.text)]
    if len(numbers) >= 2:
        return True
    if not numbers:
        return False
    edge = numbers[-1].box.right
    aligned = sum(1 for other in lines if other is not line
                  and any(abs(w.box.right - edge) < 2.0 and any(c.isdigit() for c in w.text) for w in other))
    return aligned >= 2


def fixed_text(word: Word) -> str | None:
    """The word as a fingerprint compares it (folded, letters only), or None for a word that may be a value."""
    if any(c.isdigit() for c in word.text):
        return None
    letters = _WORD.findall(V.fold(word.text).lower())
    return "".join(letters) if letters else None


def text_lines(words: list[Word]) -> list[list[Word]]:
    """The words in printed lines, top to bottom, each left to right."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (round(w.box.cy), w.box.x)):
        last = lines[-1][-1] if lines else None
        if last is not None and abs(last.box.cy - w.box.cy) < 0.5 * max(w.box.h, last.box.h, 1.0):
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(line, key=lambda w: w.box.x) for line in lines]


def _table_body(page: Page) -> set[int]:
    out: set[int] = set()
    for table in page.tables:
        first = max(table.header_rows, 1)
        for cell in table.cells:
            if cell.row >= first:
                out.update(id(w) for w in cell.words)
    return out


def signature(tokens: list[str]) -> list[int]:
    if not tokens:
        return [_EMPTY] * HASHES
    h = np.array([int.from_bytes(hashlib.blake2b(t.encode(), digest_size=8).digest(), "little") for t in tokens],
                 dtype=np.uint64)
    return [int(v) for v in ((h[:, None] * _A + _B) >> np.uint64(32)).min(axis=0)]


def bands(sig: list[int]) -> list[str]:
    """One short hash per band of the signature, prefixed by its band number."""
    out = []
    for b in range(BANDS):
        part = ",".join(map(str, sig[b * ROWS:(b + 1) * ROWS]))
        out.append(f"{b}:{hashlib.blake2b(part.encode(), digest_size=8).hexdigest()}")
    return out


def estimate(a: list[int], b: list[int]) -> float:
    """Jaccard similarity estimated from two signatures."""
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a) if a else 0.0


def jaccard(a: list[str], b: list[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa or sb else 0.0
