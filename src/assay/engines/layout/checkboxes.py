"""Tick boxes → booleans and enums.

Boxes come from the parser alone (`Page.checkboxes`: drawn squares and rings, glyphs of any shape,
bracket groups, bare tick marks); this module knows no glyphs. Each box is labelled by the words just
right of it; a bare mark (✓ with no box) by the words on its nearer side. A boolean field is answered by
a Yes/No pair on the row of a question that names it, or by a single box whose label names it (a
consent line: ticked → true, unticked → false). An enum field takes the option whose box is ticked
among boxes labelled with its allowed values, over rows that wrap. Nothing ticked → null.

A question names a field by the stems of the field's words ("Smoking" ~ smoker); where no stem
matches, by meaning (`semantics.match`), when the field leads every other tick-box field of the
schema for that question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from assay.domain import values as V
from assay.domain.document import Box, Word
from assay.domain.fields import Field
from assay.engines.layout.candidates import Candidate
from assay.engines.layout.geometry import PageLayout
from assay.engines.layout.keyvalue import LabelIndex, field_text
from assay.semantics import match

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
# Once a row is known as the enum's options, its boxes still unnamed take the options still unclaimed by
# elimination: the closest pair first ("Own business" ~ self_employed), then the next, each label taking
# an option it names at least OPTION_BY_ELIMINATION and by OPTION_MARGIN more than any other option still
# open to it ("Between jobs": unemployed 0.24, retired 0.16); else it abstains. A value so read is a guess
# among few: its score is ELIMINATED_FIT of a spelled one.
OPTION_BY_ELIMINATION = 0.2
OPTION_MARGIN = 0.05
ELIMINATED_FIT = 0.8
# Where no word of a field is printed by its question, the question names the field by meaning at this
# `match` score, leading the schema's next tick-box field by QUESTION_MARGIN ("Tobacco use" ~ smoker).
QUESTION_BY_MEANING = 0.25
QUESTION_MARGIN = 0.1
# An enum's options may wrap onto the next rows: rows of boxes this many line heights apart are one list.
WRAP_ROWS = 2.0
# A single bare mark (✓ beside one option, the others unmarked) answers an enum at this share of a row's score.
BARE_MARK = 0.8
_SUFFIXES = ("ments", "ment", "ings", "ing", "ers", "er", "ed", "es", "s", "e")


@dataclass(slots=True)
class TickBox:
    box: Box
    checked: bool
    label: list[Word]
    page: int
    row_y: float
    mark: bool = False  # a bare tick with no box: it answers alone, the other options left unmarked

    @property
    def label_text(self) -> str:
        return " ".join(w.text for w in self.label)

    def evidence(self) -> Box:
        return Box.union([self.box, *(w.box for w in self.label)])


def tick_boxes(layout: PageLayout) -> list[TickBox]:
    checks = layout.page.checkboxes
    inside = {id(w) for w in layout.page.words
              if any(c.box.holds_centre(w.box) for c in checks)}  # the glyph or "[x]" of the box itself
    others = [c.box for c in checks]
    out = []
    for c in checks:
        label = _label_right_of(c.box, layout, inside, others)
        if c.mark and label and _answer(label[0]):
            label = label[:1]  # "✓ YES / NO": a bare mark answers the word beside it
        if c.mark:
            left = _label_left_of(c.box, layout, inside, others)
            if left and (not label or c.box.x - left[-1].box.right < label[0].box.x - c.box.right):
                label = left
        out.append(TickBox(c.box, c.checked, label, layout.number, c.box.cy, c.mark))
    _labels_before(out, layout, inside, others)
    return out


def _labels_before(boxes: list[TickBox], layout: PageLayout, skip: set[int], all_boxes: list[Box]) -> None:
    """A row of boxes whose last has no words after it and each has words just before it prints its labels
    before the boxes ("Do you smoke? Yes [ ] No [X]"): each box takes the words before it (in place)."""
    rows: dict[int, list[TickBox]] = {}
    for b in boxes:
        row = _row_of(b.box, layout)
        if row is not None and not b.mark:
            rows.setdefault(id(row), []).append(b)
    for group in rows.values():
        group.sort(key=lambda b: b.box.x)
        if group[-1].label:
            continue
        before = [_label_left_of(b.box, layout, skip, all_boxes) for b in group]
        if all(before):
            for b, words in zip(group, before, strict=True):
                b.label = words


def _row_of(box: Box, layout: PageLayout):
    row = min(layout.rows, key=lambda r: abs(r.box.cy - box.cy), default=None)
    return None if row is None or abs(row.box.cy - box.cy) > layout.em else row


def _label_right_of(box: Box, layout: PageLayout, skip: set[int], all_boxes: list[Box]) -> list[Word]:
    row = _row_of(box, layout)
    if row is None:
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


def _label_left_of(box: Box, layout: PageLayout, skip: set[int], all_boxes: list[Box]) -> list[Word]:
    """The words just left of a bare mark ("Yes ✓"), back to a wide gap, a colon or another box."""
    row = _row_of(box, layout)
    if row is None:
        return []
    prev_box = max((b.right for b in all_boxes if b.right < box.x and abs(b.cy - box.cy) < layout.em),
                   default=float("-inf"))
    out: list[Word] = []
    first = box.x
    for w in reversed(row.words):
        if id(w) in skip or w.box.right > box.x + 1 or w.box.x <= prev_box:
            continue
        if first - w.box.right > 1.5 * layout.em or w.text.endswith((":", "?")):
            break
        out.insert(0, w)
        first = w.box.x
        if len(out) == 1 and _answer(w):
            break  # "Smoker YES / NO ✓": the mark answers the word beside it, not the question
    return out


def _answer(w: Word) -> bool:
    """A yes or a no in words ("NO", "Yes"), not a glyph."""
    return w.text.isalpha() and V.parse_bool(w.text) is not None


def _stem(word: str) -> str:
    """A word's stem, so that one word's forms meet: smoker, smoking, smoke → smok; pets, pet → pet."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:5]


def _stems(text: str) -> set[str]:
    return {_stem(t) for t in re.findall(r"[a-z]+", V.fold(text)) if t not in _STOP and len(t) > 2}


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
    rivals = [g for g in index.fields if g.type == "boolean" or g.enum]
    out: list[Candidate] = []
    for layout in layouts:
        boxes = tick_boxes(layout)
        if not boxes:
            continue
        if f.type == "boolean":
            out += _boolean(f, boxes, layout, rivals)
        else:
            out += _enum(f, boxes, layout, rivals)
    return out


def question_cue(f: Field, text: str, rivals: list[Field]) -> float:
    """How well a question names `f`: by its words' stems (cue_score); where no tick-box field of the
    schema is named so, by meaning, when `f` leads the others (then just enough to answer, MIN_CUE)."""
    cue = cue_score(f, text)
    if cue >= MIN_CUE or not _stems(text) or any(cue_score(g, text) >= MIN_CUE for g in rivals):
        return cue
    paths = [g.path for g in rivals]
    if f.path not in paths:
        return cue
    scores = _meaning_scores(text, tuple(field_text(g) for g in rivals))
    mine = scores[paths.index(f.path)]
    runner_up = max((s for g, s in zip(rivals, scores, strict=True) if g.path != f.path), default=0.0)
    return MIN_CUE if mine >= QUESTION_BY_MEANING and mine - runner_up >= QUESTION_MARGIN else cue


@lru_cache(maxsize=4096)
def _meaning_scores(text: str, fields: tuple[match.FieldText, ...]) -> tuple[float, ...]:
    return tuple(float(s) for s in match.score_matrix([text], list(fields))[0])


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


def _boolean(f: Field, boxes: list[TickBox], layout: PageLayout, rivals: list[Field]) -> list[Candidate]:
    out: list[Candidate] = []
    for group in _groups(boxes, layout.em):
        for i, b in enumerate(group):
            kind = V.parse_bool(b.label_text)
            if b.mark and kind is not None and len(group) == 1:  # "Smoker?  No ✓"
                cue = question_cue(f, _question_left(group, i, layout), rivals)
                if cue >= MIN_CUE:
                    out.append(Candidate(kind, b.page, b.label, YES_NO_PAIR * cue, "checkbox", label_sim=cue,
                                         boxes=[b.evidence()], inferred=True))
            elif kind is True and i + 1 < len(group) and V.parse_bool(group[i + 1].label_text) is False:
                question = _question_left(group, i, layout)
                cue = question_cue(f, question, rivals)
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
                cue = question_cue(f, b.label_text, rivals)
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


def _leftovers(f: Field, options: list[tuple[TickBox, object | None]]) -> tuple[list, list[int], np.ndarray | None]:
    """The enum's options no box of the row names yet, the indices of the labelled boxes naming none, and
    their labels' meaning scores against those options (rows: boxes, columns: options)."""
    taken = {o for _, o in options if o is not None}
    rest = [o for o in f.enum or [] if o is not None and o not in taken]
    loose = [i for i, (b, o) in enumerate(options) if o is None and b.label]
    if not rest or not loose:
        return rest, loose, None
    return rest, loose, match.score_matrix([options[i][0].label_text for i in loose],
                                           [match.FieldText(str(o)) for o in rest])


def _rest_by_meaning(f: Field, options: list[tuple[TickBox, object | None]]) -> list[tuple[TickBox, object | None]]:
    """In a row already known as the enum's options, a box whose label names no option by its spelling
    ("In employment", "Own business", "Letter") takes the option left over that its label names best by
    meaning, where that option also names that label best of the row's unmatched labels."""
    rest, loose, scores = _leftovers(f, options)
    if not rest or not loose:
        return options
    out = list(options)
    for r, i in enumerate(loose):
        c = int(scores[r].argmax())
        if scores[r, c] >= OPTION_BY_MEANING and int(scores[:, c].argmax()) == r:
            out[i] = (options[i][0], rest[c])
    return out


def _by_elimination(f: Field, options: list[tuple[TickBox, object | None]],
                    guessed: set[int]) -> list[tuple[TickBox, object | None]]:
    """A row known as the enum's options: its unnamed boxes take the unclaimed options by elimination,
    closest pair first, where the pair's score clears OPTION_BY_ELIMINATION and leads that label's next
    open option by OPTION_MARGIN. The boxes so named are added to `guessed` (by id)."""
    rest, loose, scores = _leftovers(f, options)
    if not rest or not loose:
        return options
    out = list(options)
    open_rows, open_cols = set(range(len(loose))), set(range(len(rest)))
    while open_rows and open_cols:
        r, c = max(((r, c) for r in open_rows for c in open_cols), key=lambda rc: scores[rc])
        others = [scores[r, k] for k in open_cols if k != c]
        open_rows.discard(r)
        if scores[r, c] < OPTION_BY_ELIMINATION or (others and scores[r, c] - max(others) < OPTION_MARGIN):
            continue
        open_cols.discard(c)
        out[loose[r]] = (options[loose[r]][0], rest[c])
        guessed.add(id(options[loose[r]][0]))
    return out


def _options(f: Field, group: list[TickBox]) -> list[tuple[TickBox, object | None]]:
    """Each box of a row with the option its label names, by spelling, else by meaning (or None)."""
    return _rest_by_meaning(f, [(b, _option_of(f, b.label_text)) for b in group])


def _option_rows(f: Field, rows: list[list[TickBox]], em: float,
                 guessed: set[int]) -> list[list[tuple[TickBox, object | None]]]:
    """Rows of boxes that list the enum's options, each joined by the rows its list wraps onto: rows
    within WRAP_ROWS line heights below whose boxes name further options; their boxes left unnamed then
    take options by elimination (their ids added to `guessed`)."""
    lists: list[list[tuple[TickBox, object | None]]] = []
    taken: set[int] = set()
    for r, group in enumerate(rows):
        if r in taken:
            continue
        options = _options(f, group)
        named = [o for _, o in options if o is not None]
        if len(named) < 2 or len(named) < ENUM_ROW_SHARE * len(group):
            continue
        last = group[0].row_y
        for k in range(r + 1, len(rows)):
            nxt = rows[k]
            if nxt[0].row_y - last > WRAP_ROWS * 1.2 * em:
                break
            more = _options(f, nxt)
            new = [o for _, o in more if o is not None]
            if not new or len(new) < ENUM_ROW_SHARE * len(nxt) or set(new) & set(named):
                break
            options += more
            named += new
            taken.add(k)
            last = nxt[0].row_y
        lists.append(_by_elimination(f, options, guessed))
    return lists


def _enum(f: Field, boxes: list[TickBox], layout: PageLayout, rivals: list[Field]) -> list[Candidate]:
    out: list[Candidate] = []
    n_options = max(1, len([o for o in f.enum or [] if o is not None]))
    rows = _groups(boxes, layout.em)
    guessed: set[int] = set()
    for options in _option_rows(f, rows, layout.em, guessed):
        group = [b for b, _ in options]
        matched = [(b, o) for b, o in options if o is not None]
        first = group.index(matched[0][0])
        row = next(r for r in rows if matched[0][0] in r)
        cue = max(question_cue(f, _question_left(row, row.index(matched[0][0]), layout), rivals), MIN_CUE)
        share = len(matched) / n_options
        score = min(1.0, ENUM_FLOOR + ENUM_SHARE * share) * cue
        ticked = [(b, o) for b, o in matched if b.checked]
        if len(ticked) == 1:
            b, o = ticked[0]
            fit = ELIMINATED_FIT if id(b) in guessed else 1.0
            out.append(Candidate(o, b.page, b.label, score * fit, "checkbox", label_sim=cue, fit=fit,
                                 boxes=[b.evidence()], inferred=True))
        elif not ticked:
            out.append(Candidate(None, group[first].page, [], UNANSWERED_ENUM * score, "checkbox", label_sim=cue))
    for group in rows:  # "Contact by: Email  Phone ✓  Mail": one bare mark beside an option answers alone
        if len(group) == 1 and group[0].mark and (o := _option_of(f, group[0].label_text)) is not None:
            b = group[0]
            cue = max(question_cue(f, _question_left(group, 0, layout), rivals), MIN_CUE)
            score = BARE_MARK * min(1.0, ENUM_FLOOR + ENUM_SHARE / n_options) * cue
            out.append(Candidate(o, b.page, b.label, score, "checkbox", label_sim=cue,
                                 boxes=[b.evidence()], inferred=True))
    return out
