"""A virtual page for formats without geometry (DOCX, HTML, Markdown, text, e-mail, sheets, slides).

Text is set in a notional 10 pt monospace face (advance 6 pt, line height 12 pt) on a page 612 pt
wide with 36 pt margins. Paragraphs wrap at the right margin; preformatted text keeps its spaces,
so column-aligned plain text stays aligned (and the page widens rather than wrap it). The page
grows as tall as its content: one tall page, no pagination, so every citation is on page 1 of the
source, as the source itself has no pages.
"""

from __future__ import annotations

from collections.abc import Sequence

from assay.domain.document import Block, BlockKind, Box, Cell, Line, Page, Table, TextSource, Word
from assay.parsers.checkboxes import text_checkboxes

SIZE = 10.0
ADVANCE = 6.0
LEADING = 12.0
MARGIN = 36.0
WIDTH = 612.0
_CELL_MAX_CHARS = 40


class Flow:
    def __init__(self, number: int = 1, width: float = WIDTH) -> None:
        self.number = number
        self.width = width
        self.y = MARGIN
        self.words: list[Word] = []
        self.lines: list[Line] = []
        self.blocks: list[Block] = []
        self.tables: list[Table] = []
        self.has_preformatted = False  # column-aligned text kept as is (worth a look for tables)

    @property
    def _columns(self) -> int:
        return int((self.width - 2 * MARGIN) // ADVANCE)

    def _line(self, text_words: Sequence[tuple[int, str]], size: float = SIZE, x0: float = MARGIN) -> Line | None:
        """Words at character columns on the current baseline; advances y."""
        scale = size / SIZE
        words = [Word(t, Box(x0 + col * ADVANCE * scale, self.y, len(t) * ADVANCE * scale, size))
                 for col, t in text_words if t]
        self.y += LEADING * scale
        if not words:
            return None
        self.words.extend(words)
        line = Line(words)
        self.lines.append(line)
        return line

    def gap(self, lines: float = 0.5) -> None:
        self.y += LEADING * lines

    def paragraph(self, text: str, kind: BlockKind = BlockKind.TEXT, indent: int = 0) -> None:
        size = 14.0 if kind is BlockKind.HEADING else SIZE
        width = max(10, int(self._columns * SIZE / size) - indent)
        lines = []
        for raw in text.splitlines() or [""]:
            for wrapped in _wrap(raw.split(), width):
                line = self._line(wrapped, size, MARGIN + indent * ADVANCE)
                if line:
                    lines.append(line)
        if lines:
            self.blocks.append(Block(lines, kind))
            self.gap(0.5)

    def preformatted(self, text: str) -> None:
        """Lines as they are, spaces kept; blank lines end blocks."""
        block: list[Line] = []
        longest = max((len(r.expandtabs(8)) for r in text.splitlines()), default=0)
        self.width = max(self.width, 2 * MARGIN + longest * ADVANCE)
        for raw in text.splitlines():
            raw = raw.expandtabs(8).rstrip()
            if not raw.strip():
                if block:
                    self.blocks.append(Block(block))
                    block = []
                self.y += LEADING
                continue
            line = self._line(_tokens(raw))
            if line:
                block.append(line)
        if block:
            self.blocks.append(Block(block))

    def table(self, rows: Sequence[Sequence[str]], header_rows: int = 0) -> None:
        """A ruled grid of cells; a blank row is no row of it but keeps its height (a sheet's blocks stay apart)."""
        blank_before = []  # blank rows right above each row kept
        kept: list[list[str]] = []
        blanks = 0
        for r in rows:
            if any(c.strip() for c in r):
                kept.append(list(r))
                blank_before.append(blanks)
                blanks = 0
            elif kept:
                blanks += 1
        rows = kept
        if not rows:
            return
        n_cols = max(len(r) for r in rows)
        rows = [r + [""] * (n_cols - len(r)) for r in rows]
        widths = [min(_CELL_MAX_CHARS, max(3, *(max((len(x) for x in c.splitlines()), default=0)
                                                for c in (r[i] for r in rows)))) for i in range(n_cols)]
        needed = MARGIN * 2 + (sum(widths) + 2 * n_cols) * ADVANCE
        self.width = max(self.width, needed)
        xs, x = [], MARGIN
        for w in widths:
            xs.append(x)
            x += (w + 2) * ADVANCE
        top = self.y
        cells: list[Cell] = []
        for r, row in enumerate(rows):
            self.y += LEADING * blank_before[r]
            wrapped = [[ln for part in cell.splitlines() for ln in _wrap(part.split(), widths[c])]
                       for c, cell in enumerate(row)]
            height = max(1, *(len(w) for w in wrapped))
            row_top = self.y
            cell_words: list[list[Word]] = [[] for _ in range(n_cols)]
            row_lines = []
            for k in range(height):
                for c in range(n_cols):
                    if k < len(wrapped[c]):
                        save = self.y
                        line = self._line(wrapped[c][k], SIZE, xs[c])
                        self.y = save
                        if line:
                            cell_words[c].extend(line.words)
                            row_lines.append(line)
                self.y += LEADING
            if row_lines:
                self.blocks.append(Block(row_lines))
            for c in range(n_cols):
                box = Box(xs[c], row_top, widths[c] * ADVANCE, height * LEADING)
                cells.append(Cell(row=r, col=c, text=row[c].strip(), box=box, words=cell_words[c],
                                  is_header=r < header_rows))
        box = Box.from_edges(MARGIN, top, xs[-1] + widths[-1] * ADVANCE, self.y)
        self.tables.append(Table(cells=cells, n_rows=len(rows), n_cols=n_cols, box=box,
                                 header_rows=min(header_rows, len(rows)), ruled=True))
        self.gap(1.0)  # a full blank line: what follows (a totals table, a note) is not a wrapped row

    def page(self) -> Page:
        height = max(self.y + MARGIN, 792.0)
        return Page(number=self.number, width=self.width, height=height, words=self.words, lines=self.lines,
                    blocks=self.blocks, tables=self.tables, checkboxes=text_checkboxes(self.words),
                    text_source=TextSource.NATIVE)


def _wrap(words: list[str], width: int) -> list[list[tuple[int, str]]]:
    lines: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    col = 0
    for word in words:
        while len(word) > width:  # a token longer than the line is cut
            if current:
                lines.append(current)
                current, col = [], 0
            lines.append([(0, word[:width])])
            word = word[width:]
        if current and col + 1 + len(word) > width:
            lines.append(current)
            current, col = [], 0
        start = col + 1 if current else 0
        current.append((start, word))
        col = start + len(word)
    if current:
        lines.append(current)
    return lines


def _tokens(raw: str) -> list[tuple[int, str]]:
    out, i = [], 0
    while i < len(raw):
        if raw[i] == " ":
            i += 1
            continue
        j = raw.find(" ", i)
        j = len(raw) if j < 0 else j
        out.append((i, raw[i:j]))
        i = j
    return out
