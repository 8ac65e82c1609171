"""Tick boxes → booleans and enums.

Boxes come from the parser (drawn squares, `Page.checkboxes`) and from glyphs in the text
(☑ ☒ ☐ [x] [ ]). Each box is labelled by the words just right of it. A boolean field is answered by
a Yes/No pair on the row of a question that names it, or by a single box whose label names it (a
consent line: ticked → true, unticked → false). An enum field takes the option whose box is ticked
among boxes labelled with its allowed values. Nothing ticked → null.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assay.domain import values as V
from assay.domain.document import Box, Word
from assay.domain.fields import Field
from assay.engines.layout.candidates import Candidate
from assay.engines.layout.geometry import PageLayout
from assay.engines.layout.keyvalue import LabelIndex
from assay.semantics import match

_CHECKED_GLYPHS = {"☑", "☒", "✓", "✔", "[x]", "[X]", "(x)", "■", "▣", "✗", "✘"}
_EMPTY_GLYPHS = {"☐", "[ ]", "[]", "( )", "□", "❑"}
_STOP = {"has", "is", "are", "was", "the", "a", "an", "of", "to", "do", "you", "any", "your", "if", "for",
         "allowed", "status", "answer", "box", "checked", "true", "false", "else", "yes", "no", "null",
         "none", "question", "and", "or", "in", "on", "be", "will", "with", "preferred"}
_ENUM_SYNONYMS = {"mail": ("post", "letter", "postal"), "phone": ("call", "telephone", "phone call"),
                  "text": ("sms", "text message"), "email": ("e-mail",)}

# How tick boxes answer fields. A question's "cue" is the share of the field's name words printed
# beside the boxes; when none of them is, the description's words count, less (DESCRIPTION_CUE),
# since descriptions are wordy. A pair or box needs at least MIN_CUE of the field in its question to answer it: lower,
# and one form's yes/no pairs answer every boolean field.
DESCRIPTION_CUE = 0.6
MIN_CUE = 0.5
# A ticked "Yes ☐ No ☑" pair is the surest reading of a boolean; a single box labelled with the
# question ("☑ I have pets") a little less (an unticked one may just be unanswered); a pair with no
# box or both ticked is an explicit null, weaker than any real answer elsewhere.
YES_NO_PAIR = 0.9
LABELLED_BOX = 0.85
UNANSWERED_PAIR = 0.5
# A row of boxes is an enum's options when at least ENUM_ROW_SHARE of its boxes name an option; the
# more of the enum's options it shows, the surer (ENUM_FLOOR + ENUM_SHARE × share of the options).
# A row with none ticked is an explicit null at UNANSWERED_ENUM of that.
ENUM_ROW_SHARE = 0.6
ENUM_FLOOR = 0.6
ENUM_SHARE = 0.4
UNANSWERED_ENUM = 0.6
# In a row recognised as an enum's options, a box whose label names no option by its spelling takes the
# option left over that its label names this well by meaning (semantics.match), each the other's best.
# Option names are single words, so their scores run low: "In employment" ~ employed 0.42.
OPTION_BY_MEANING = 0.3


@dataclass(slots=True)
class TickBox:
    box: Box
    checked: bool
    label: list[Word]
    page: int
    row_y: float

    @property
    def label_text(self) -> str:
        return " ".join(w.text for w in self.label)

    def evidence(self) -> Box:
        return Box.union([self.box, *(w.box for w in self.label)])


def tick_boxes(layout: PageLayout) -> list[TickBox]:
    boxes: list[tuple[Box, bool]] = [(c.box, c.checked) for c in layout.page.checkboxes]
    glyph_words: set[int] = set()
    for w in layout.page.words:
        t = w.text.strip()
        if t in _CHECKED_GLYPHS or t in _EMPTY_GLYPHS:
            glyph_words.add(id(w))
            if not any(_same_place(w.box, b) for b, _ in boxes):  # the parser may print drawn boxes as glyphs
                boxes.append((w.box, t in _CHECKED_GLYPHS))
    out = []
    for box, checked in boxes:
        label = _label_right_of(box, layout, glyph_words, [b for b, _ in boxes])
        out.append(TickBox(box, checked, label, layout.number, box.cy))
    return out


def _same_place(a: Box, b: Box) -> bool:
    return abs(a.cx - b.cx) < max(a.w, b.w) and abs(a.cy - b.cy) < max(a.h, b.h)


def _label_right_of(box: Box, layout: PageLayout, skip: set[int], all_boxes: list[Box]) -> list[Word]:
    row = min(layout.rows, key=lambda r: abs(r.box.cy - box.cy), default=None)
    if row is None or abs(row.box.cy - box.cy) > layout.em:
        return []
    next_box = min((b.x for b in all_boxes if b.x > box.right and abs(b.cy - box.cy) < layout.em),
                   default=float("inf"))
    out: list[Word] = []
    last = box.right
    for w in row.words:
        if id(w) in skip or w.box.x < box.right - 1 or w.box.x >= next_box:
            continue
        if w.box.x - last > 1.5 * layout.em:
            break
        out.append(w)
        last = w.box.right
        if w.text.endswith("?"):
            break
    return out


def _stems(text: str) -> set[str]:
    return {t[:5] for t in re.findall(r"[a-z]+", V.fold(text)) if t not in _STOP and len(t) > 2}


def cue_score(f: Field, text: str) -> float:
    """Share of the field's own words (name, then description) found in `text`."""
    have = _stems(text)
    name = _stems(" ".join(f.words))
    if name and name & have:
        return len(name & have) / len(name)
    desc = _stems(f.description) - {"descr", "field", "blank", "whether"}
    return DESCRIPTION_CUE * len(desc & have) / max(3, len(desc)) if desc else 0.0


def candidates(f: Field, layouts: list[PageLayout], index: LabelIndex) -> list[Candidate]:
    if f.type != "boolean" and not f.enum:
        return []
    out: list[Candidate] = []
    for layout in layouts:
        boxes = tick_boxes(layout)
        if not boxes:
            continue
        if f.type == "boolean":
            out += _boolean(f, boxes, layout)
        else:
            out += _enum(f, boxes, layout)
    return out


def _groups(boxes: list[TickBox], em: float) -> list[list[TickBox]]:
    """Boxes on one row, each row read left to right. On a level row the boxes' heights still differ
    by a fraction of a point (a ticked box's ink), so a row is ordered by x, never by y."""
    rows: list[list[TickBox]] = []
    for b in sorted(boxes, key=lambda b: (b.row_y, b.box.x)):
        if rows and abs(rows[-1][0].row_y - b.row_y) < 0.6 * em:
            rows[-1].append(b)
        else:
            rows.append([b])
    return [sorted(r, key=lambda b: b.box.x) for r in rows]


def _question_left(group: list[TickBox], first: int, layout: PageLayout) -> str:
    """Text on the row left of box `first`, back to the previous box group."""
    x1 = group[first].box.x
    x0 = group[first - 1].box.right if first > 0 else 0.0
    prev_labels = {id(w) for b in group[:first] for w in b.label}
    row = min(layout.rows, key=lambda r: abs(r.box.cy - group[first].row_y))
    return " ".join(w.text for w in row.words if x0 <= w.box.x < x1 and id(w) not in prev_labels)


def _boolean(f: Field, boxes: list[TickBox], layout: PageLayout) -> list[Candidate]:
    out: list[Candidate] = []
    for group in _groups(boxes, layout.em):
        for i, b in enumerate(group):
            kind = V.parse_bool(b.label_text)
            if kind is True and i + 1 < len(group) and V.parse_bool(group[i + 1].label_text) is False:
                question = _question_left(group, i, layout)
                cue = cue_score(f, question)
                if cue < MIN_CUE:
                    continue
                pair = (b, group[i + 1])
                ticked = [x for x in pair if x.checked]
                if len(ticked) != 1:
                    out.append(Candidate(None, b.page, [], UNANSWERED_PAIR * cue, "checkbox", label_sim=cue))
                    continue
                t = ticked[0]
                out.append(Candidate(t is b, t.page, t.label, YES_NO_PAIR * cue, "checkbox", label_sim=cue,
                                     boxes=[t.evidence()], inferred=True))
            elif kind is None and len(b.label) >= 2:
                cue = cue_score(f, b.label_text)
                if cue >= MIN_CUE:
                    out.append(Candidate(b.checked, b.page, b.label, LABELLED_BOX * cue, "checkbox", label_sim=cue,
                                         boxes=[b.evidence()], inferred=True))
    return out


def _option_of(f: Field, text: str) -> object | None:
    options = [o for o in f.enum or [] if o is not None]
    got = V.match_enum(text, options)
    if got:
        return got[0]
    folded = V.fold(text).strip()
    first = folded.split()[0] if folded.split() else ""
    for o in options:
        key = V.fold(str(o)).replace("_", " ")
        if first == key or any(folded == s or first == s for s in _ENUM_SYNONYMS.get(key, ())):
            return o
    return None


def _rest_by_meaning(f: Field, options: list[tuple[TickBox, object | None]]) -> list[tuple[TickBox, object | None]]:
    """In a row already known as the enum's options, a box whose label names no option by its spelling
    ("In employment", "Own business", "Letter") takes the option left over that its label names best by
    meaning, where that option also names that label best of the row's unmatched labels."""
    taken = {o for _, o in options if o is not None}
    rest = [o for o in f.enum or [] if o is not None and o not in taken]
    loose = [i for i, (b, o) in enumerate(options) if o is None and b.label]
    if not rest or not loose:
        return options
    scores = match.score_matrix([options[i][0].label_text for i in loose], [match.FieldText(str(o)) for o in rest])
    out = list(options)
    for r, i in enumerate(loose):
        c = int(scores[r].argmax())
        if scores[r, c] >= OPTION_BY_MEANING and int(scores[:, c].argmax()) == r:
            out[i] = (options[i][0], rest[c])
    return out


def _enum(f: Field, boxes: list[TickBox], layout: PageLayout) -> list[Candidate]:
    out: list[Candidate] = []
    for group in _groups(boxes, layout.em):
        options = [(b, _option_of(f, b.label_text)) for b in group]
        matched = [(b, o) for b, o in options if o is not None]
        if len(matched) < 2 or len(matched) < ENUM_ROW_SHARE * len(group):
            continue
        matched = [(b, o) for b, o in _rest_by_meaning(f, options) if o is not None]
        first = group.index(matched[0][0])
        cue = max(cue_score(f, _question_left(group, first, layout)), MIN_CUE)
        share = len(matched) / max(1, len([o for o in f.enum or [] if o is not None]))
        score = min(1.0, ENUM_FLOOR + ENUM_SHARE * share) * cue
        ticked = [(b, o) for b, o in matched if b.checked]
        if len(ticked) == 1:
            b, o = ticked[0]
            out.append(Candidate(o, b.page, b.label, score, "checkbox", label_sim=cue,
                                 boxes=[b.evidence()], inferred=True))
        elif not ticked:
            out.append(Candidate(None, group[0].page, [], UNANSWERED_ENUM * score, "checkbox", label_sim=cue))
    return out
