"""Key–value pairs: a printed label and the value next to it.

Four arrangements cover most forms and document headers: "Label: value" in one phrase, a label
with its value further right on the row, a label with its value underneath (boxed form cells,
header strips), and a label that names a parent section ("EMERGENCY CONTACT") for the fields
under it. A value that itself reads as a label means the field was left blank: it stays null.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from assay.domain import values as V
from assay.domain.document import Word
from assay.domain.fields import Field, ReadContext, read_scalar
from assay.domain.labels import NUMBERING, SYNONYMS, clean_label, label_score, role_labels
from assay.engines.layout import abbrev
from assay.engines.layout.addresses import parse_address, split_parts
from assay.engines.layout.candidates import TYPE_FIT_FLOOR, TYPE_FIT_SHARE, Candidate
from assay.engines.layout.geometry import PageLayout, Row, Segment, below
from assay.semantics import match

# A phrase labels a field when it matches one of the field's label variants this well (1.0: the field's
# own name; synonyms and abbreviations score a little less). Lower admits look-alike labels; higher
# misses OCR-damaged and abbreviated ones. Also where a value stops: at the next phrase this labelled.
MIN_LABEL = 0.8
# A phrase that matches some field's labels this well is a label, never a value (the slot of a blank
# field often holds the next label). Lower, and values that merely resemble a label are dropped.
IS_LABEL = 0.9
# Where a value sits relative to its label: inside the label's phrase ("Total: 5.00") is surest, right
# of it on its row nearly as sure, under it (boxed forms, header strips) a little less, since the
# phrase under a label may belong to the label beside it.
INLINE_WEIGHT = 1.0
RIGHT_WEIGHT = 0.97
BELOW_WEIGHT = 0.93
# A form's caption printed under the line its value is written on ("Jane Roe" over a rule, "Full name" under
# it): read only where the caption has no colon, nothing beside or under it is its value and no label above
# claims the phrase; below the other readings, as the rarer arrangement.
ABOVE_WEIGHT = 0.85
# A contact detail's one-letter tag ("T:", "E:"): a label of the detail's kind, just over the table's weakest.
TAG_LABEL = 0.85
_CONTACT_KINDS = {"phone": ("phone", "tel", "mobile"), "email": ("email",), "website": ("website", "web", "url")}
_TAGS = {"phone": "tpm", "email": "e", "website": "w"}
# A value right of its label lies within this many line heights (most of a page's width): farther,
# the phrase is in another column. Wider pairs labels with the next column's values. A row of only a label
# and a figure is read at any width (_totals_line).
RIGHT_GAP_EM = 25
# A typed value read from the start of a longer phrase ("Net 30 days", "12/03/2024 (est.)") fits this
# much less than a phrase that is the value whole.
PREFIX_FIT = 0.9
# "Landlord: Jane Roe" for landlord_name: a role printed with a colon labels the name, at this share of
# a label that names the field itself.
ROLE_LABEL = 0.9
# A bare "Date" in a signature row or block labels the signature date, slightly below a label that
# says "Signature date" itself.
SIGNATURE_DATE_LABEL = 0.95
_MAX_LABEL_WORDS = 6
_MAX_PHRASE = 9  # longer phrases are sentences, neither labels nor values
# "Sales Tax (8.25%):" and "VAT 20%:" are labelled "Sales Tax" and "VAT": a rate, a unit or a note qualifies a
# label without naming another field.
_QUALIFIER = re.compile(r"\([^()]*\)|\b\d+(?:[.,]\d+)?\s?%")
_TICK_BOXES = set("☐☑☒□■✓✔✗✘")
_COLONS = {":", ";", "::"}


@dataclass(slots=True)
class LabelSpot:
    """The first `k` words of a segment read as a label; `rest` is what follows in the segment; `printed` is the
    label's words as printed, `text` as cleaned for matching."""

    seg: Segment
    label: list[Word]
    rest: list[Word]
    printed: str
    text: str
    beside: list[Word] = field(default_factory=list)  # the row's next phrase, where the label is its whole phrase

    @property
    def has_colon(self) -> bool:
        return self.label[-1].text.endswith(":")

    @property
    def numbered(self) -> bool:
        """The label ends with a numbering word and one word with a figure follows it, in its phrase or as the
        row's next phrase ("Bill No. 80534", "Document No. | 45713"): the numbering word ends the label as a colon
        would, and announces an identifier."""
        value = self.rest or self.beside
        return (len(value) == 1 and any(c.isdigit() for c in value[0].text)
                and clean_label(self.label[-1].text) in NUMBERING)


def is_tick_box(word: Word) -> bool:
    """The word is a tick box printed as a glyph ("☐", "☑ Phone")."""
    return word.text[:1] in _TICK_BOXES


def label_spots(layout: PageLayout) -> list[LabelSpot]:
    """Every way to read the start of a phrase as a label: up to the colon where there is one, else
    its first one to six words. A line that carries on a sentence is read only up to a colon."""
    spots: list[LabelSpot] = []
    for seg in layout.segments():
        words = seg.words
        colon = next((i for i, w in enumerate(words[:_MAX_LABEL_WORDS + 1]) if w.text.endswith(":")), None)
        if colon is None and continues_sentence(seg, layout):
            continue  # "... become the property of / Landlord and remain on ...": a wrapped line, not a label
        if is_tick_box(words[0]):
            continue  # "☑ Phone": a tick box's option, which the box answers (checkboxes), no label
        if colon is None and len(words) > 1 and words[0].text.isdigit():
            continue  # "14 Quay Street", "3 Quarterly maintenance visit": a house number or a count, not a
            # numbered label (those print "1." or "1)", or a colon)
        cuts = [colon + 1] if colon is not None else range(1, min(len(words), _MAX_LABEL_WORDS) + 1)
        for k in cuts:
            label = words[:k]
            if k > 1 and is_tick_box(label[-1]):
                break  # "Employment Status ☐ Employed": a label ends before the first box of its options
            printed = " ".join(w.text for w in label)
            text = clean_label(_without_qualifiers(printed)) or clean_label(printed)
            if text:
                row = layout.rows[seg.row].segments
                beside = row[seg.index + 1].words if k == len(words) and seg.index + 1 < len(row) else []
                spots.append(LabelSpot(seg, label, words[k:], printed, text, beside))
    return spots


def _without_qualifiers(text: str) -> str:
    """The label without the notes that qualify it ("Sales Tax (8.25%)" → "Sales Tax"), but with a bracketed
    note that leaves part out: "Total Sales (Excluding GST)" names no plain total; and without the words that
    make it a part of the line above ("of which VAT", "incl. VAT": the VAT)."""
    text = _PART_OF.sub("", text)
    return _QUALIFIER.sub(lambda m: m.group(0).strip("()") if match.narrows(m.group(0).strip("()")) else " ", text)


_PART_OF = re.compile(r"(?i)^\s*(?:of\s+which|thereof|whereof|incl\.?|including)\s+(?=\w)")


def continues_sentence(seg: Segment, layout: PageLayout) -> bool:
    """`seg` is the next line of a wrapped sentence: it starts its row, right under a line of prose
    (one phrase longer than a label or value could be) at the same left edge, and that line stops
    without ending its sentence."""
    if seg.index > 0 or seg.row == 0:
        return False
    above = layout.rows[seg.row - 1]
    if len(above.segments) != 1 or len(above.words) <= _MAX_PHRASE:
        return False
    line = above.segments[0]
    if re.search(r"[.:;!?]['\"”’)]*$", line.text):
        return False
    aligned = abs(line.box.x - seg.box.x) < layout.em
    return aligned and 0 <= seg.box.y - line.box.bottom < layout.em


class LabelIndex:
    """All the schema's labels: tells a value apart from the label of another (blank) field."""

    def __init__(self, fields: list[Field], sections: list[Field] | None = None) -> None:
        self.fields = fields
        self.sections = sections or []  # the arrays: their names head sections, not values
        self._cache: dict[str, float] = {}
        self._own_cache: dict[str, float] = {}
        self._own = [f for f in fields if not any(f.path[:len(a.path)] == a.path for a in self.sections)]
        self.meant: frozenset[str] = frozenset()  # phrases meaning names a field for (engines.layout.meaning)

    def labelness(self, text: str) -> float:
        key = clean_label(text)
        if key not in self._cache:
            self._cache[key] = max((label_score(key, f.labels) for f in self.fields), default=0.0)
        return self._cache[key]

    def names_a_field(self, text: str) -> bool:
        """A label the table knows (IS_LABEL) of a field outside the schema's lists (a list's column header,
        "Amount", is also printed in the labels of totals: "Net Amount")."""
        if self.labelness(text) < IS_LABEL:
            return False  # no field at all, lists' or not: the cheap answer for most phrases
        key = clean_label(text)
        if key not in self._own_cache:
            self._own_cache[key] = max((label_score(key, f.labels) for f in self._own), default=0.0)
        return self._own_cache[key] >= IS_LABEL

    def looks_like_label(self, words: list[Word]) -> bool:
        text = " ".join(w.text for w in words)
        if text.rstrip().endswith((":", "?")):  # a label or a question, never an answer
            return True
        head = next((i for i, w in enumerate(words) if w.text.endswith(":")), None)
        if head is not None and head < 4:
            return True
        return self.labelness(text) >= IS_LABEL


def kv_candidates(f: Field, layouts: list[PageLayout], spots: dict[int, list[LabelSpot]],
                  ctx: ReadContext, index: LabelIndex,
                  meaning: Callable[[LabelSpot, Field], float] | None = None) -> list[Candidate]:
    """Every label-anchored value for `f` in the document; `meaning` scores a label the table does not
    know (engines.layout.meaning)."""
    out: list[Candidate] = []
    labels = f.labels
    role = _names_a_party(f)
    for layout in layouts:
        for spot in spots[layout.number]:
            if len(spot.seg.words) > _MAX_PHRASE and not spot.has_colon:
                continue  # a sentence, not a label: prose is read by the prose reader
            initials = abbrev.initials_score(spot.printed, f.name, f.description)
            if initials and index.labelness(spot.text) >= IS_LABEL:
                initials = 0.0  # "P.O." the table knows as a purchase order's: no postal code's initials
            sim = max(label_score(spot.text, labels), _signature_date_score(spot, layout, f),
                      _role_score(spot, f) if role else 0.0, initials, _tag_score(spot, f))
            if MIN_LABEL <= sim < IS_LABEL and index.names_a_field(spot.text):
                continue  # "Height" is a near spelling of "Weight", but another field's label as printed
            guessed = meaning(spot, f) if meaning is not None and sim < MIN_LABEL else 0.0
            if guessed >= MIN_LABEL and _head_names_another(spot.text, f):
                guessed = 0.0  # "Total GST" for total: its head word names a tax, the words before qualify it
            if guessed >= MIN_LABEL:
                out.extend(guessed_values(f, spot, guessed, layout, ctx, index))
            elif sim >= MIN_LABEL:
                found = _values_for_spot(f, spot, sim, layout, ctx, index)
                if sim < IS_LABEL and match.head_kind(spot.text) in (None, *_other_kinds(f)):
                    # "Employee | Jane Roe": a name, no employee_id; "Customer Ref.: AC-2159" no customer's name
                    found = [c for c in found if _fits_kind(c, f)]
                elif f.type == "string" and match.head_kind(" ".join(f.words)) == "id":
                    found = [c for c in found if _numbered(c)]  # "Delivery Note" over "# Material": no number
                out.extend(found)
    return out


# Each one-word label of the synonym table, with its concept's name and one-word labels ("gst" → tax, vat, ...).
_CONCEPT_OF: dict[str, set[str]] = {}
for _key, _alts in SYNONYMS.items():
    _words = set(_key.split()) | {a for a in _alts if " " not in a}
    for _alt in _words:
        _CONCEPT_OF.setdefault(_alt, set()).update(_words)


_PREPOSITIONS = {"for", "of", "to", "at", "in", "on", "by", "from", "with", "per", "as"}
# A demonstrative opens a phrase that says when or which, after the head: "Usage | this period".
_DEMONSTRATIVES = {"this", "that", "these", "those"}
# Head words that only say the kind of value ("No.", "Date", "Name"), not the thing it belongs to.
_KIND_ONLY = {"id", "date", "time", "name"}
_SUMS = {"total", "amount"} | {a for a in (*SYNONYMS["total"], *SYNONYMS["amount"]) if " " not in a}


def _head_names_another(label: str, f: Field) -> bool:
    """A label read by meaning whose last word (its head: "Total GST", "Total Qty") is a label the synonym table
    knows for a concept that has none of the field's words: the label names that concept, qualified."""
    ws = label.split()
    # the head comes before a preposition, a demonstrative or a qualifier: "Last Date | for Payment", "Usage |
    # this period", "Total | before Tax"
    ws = ws[:next((i for i, w in enumerate(ws)
                   if i and (w in _PREPOSITIONS or w in _DEMONSTRATIVES or match.qualifies(w))), len(ws))]
    ws = [w for w in ws if not match.postmodifies(w)]
    if len(ws) < 2 or ws[-1] not in _CONCEPT_OF or ws[-1] in _SUMS:
        return False  # "Net Amount", "Net Total": a head that names any sum says nothing against the field
    if match.head_kind(ws[-1]) in _KIND_ONLY:
        return False  # "Article Number", "Shipment Date": the head says what kind of value follows, not whose
    if abbrev.spelled_out(ws[-1].upper(), f.description or ""):
        return False  # "Customer PO" where the field is described as "the customer's purchase order number"
    return not ((_CONCEPT_OF[ws[-1]] - _SUMS) & set(f.words))


def guessed_values(f: Field, spot: LabelSpot, sim: float, layout: PageLayout, ctx: ReadContext,
                   index: LabelIndex) -> list[Candidate]:
    """The values a label the table does not know would give `f`, where they sit as a guessed label's must."""
    found = _values_for_spot(f, spot, sim, layout, ctx, index)
    strip = any(c.how == "below" for c in found) and over_its_value(spot, layout, index)
    return [c for c in found if _guess_placed(c, spot, f, strip)]


def _guess_placed(c: Candidate, spot: LabelSpot, f: Field, strip: bool = False) -> bool:
    """A label read by meaning only has less to say for itself than one the table knows: its phrase must
    look like a label where a value of any text could follow. For a text field, a colon, the value right
    of it on its row, or under it among labels over values (over_its_value; under any other phrase without a
    colon is too often the next line of a title, a heading or a signature block); for a yes/no field, a
    colon ("Do you smoke? ☐ Yes ☐ No" is answered by its boxes, not by the word beside the question). A label
    with words after its colon has its value there."""
    if f.type == "boolean":
        return spot.has_colon
    if spot.has_colon and spot.rest and not spot.rest[-1].text.endswith(":") and c.how != "inline":
        return False  # "Server: Tom": the label's value follows its colon; the figure under it is another line's
        # ("Paid: On: | 12/31/25" prints a label after the colon, not a value)
    typed = f.type != "string" or f.is_date or f.is_time or f.is_month or bool(f.enum)
    if strip and c.how == "right":
        return False  # right of a label in a strip of labels over their values is the next label
    placed = c.how in ("inline", "right") or (strip and c.how == "below" and own_identifier(spot.text, f))
    return (typed or spot.has_colon or placed) and _fits_kind(c, f)


def own_identifier(phrase: str, f: Field) -> bool:
    """A label without a colon names an identifier field only with words the field uses (its name or its
    description: "Order ref." for a purchase order number described as one) besides kind words and short ones
    ("Reference", "Our ref"): "Customer ID" is the customer's, no tax ID, whatever meaning scores. Beside one
    such word the phrase may have others the field does not use ("Contract Account" for an account number, "Meter
    Serial No." for a meter number). Other fields pass."""
    if f.type != "string" or f.is_date or match.head_kind(" ".join(f.words)) != "id":
        return True
    text = field_text(f)
    content = [w for w in match.words(phrase) if len(w) > 3 and match.head_kind(w) is None]
    return not content or any(match.mentions(w, text) for w in content)


def field_text(f: Field) -> match.FieldText:
    """What the schema says of a field; a nested field is named with its parents ('ship_to name')."""
    title = f.node.get("title", "") or ""
    return match.FieldText("_".join(f.path), title if isinstance(title, str) else "", f.description, f.context)


def in_label_strip(spot: LabelSpot, layout: PageLayout, index: LabelIndex) -> bool:
    """The spot is one of a strip of labels over a strip of values: a whole phrase in a row of two or more
    phrases of words, each over a phrase of the row right under it, one of the others a label the table
    knows ("Document # | Invoice Date | Payable by" over "A-5521 | 04.03.2026 | 03.04.2026") or any of them one
    meaning names a field for (once meaning has read the document: LabelIndex.meant) where the row is not one of
    a column of "label | value" pairs (_under_a_pair), and no
    table's header (in_table_header: rows of figures under it; a column of figures under two phrases)."""
    if spot.rest or spot.seg.row + 1 >= len(layout.rows):
        return False
    row = _region(layout.rows[spot.seg.row], spot.seg, layout)
    if len(row) < 2 or any(re.search(r"\d", s.text) for s in row):
        return False
    under = _region(layout.rows[spot.seg.row + 1], spot.seg, layout)
    if len(under) > len(row) or not all(any(below(s.box, v.box, layout.em, 1.5) for v in under) for s in row):
        return False
    known = (any(index.labelness(s.text) >= IS_LABEL for s in row if s is not spot.seg)
             or (any(clean_label(s.text) in index.meant for s in row) and not _under_a_pair(row, spot.seg.row,
                                                                                              layout, index))
             or any(V.parse_date(v.text) is not None for v in under))  # a date is a value, no header
    after = layout.rows[spot.seg.row + 2] if spot.seg.row + 2 < len(layout.rows) else None
    return known and not in_table_header(spot.seg, layout) and not (
        after and _figure_column(layout.rows[spot.seg.row + 1], after, layout))


def _under_a_pair(row: list[Segment], r: int, layout: PageLayout, index: LabelIndex) -> bool:
    """The row above row `r` is a known label and its value lined up with the row's first two phrases ("Order No.
    | PO-20780" over "Transport | DB Schenker"): the row is one of a column of "label | value" pairs, no strip of
    labels over values ("Staff Member | Payroll No." over "Maja Eriksson | EMP5048")."""
    if r == 0 or len(row) < 2:
        return False
    above = layout.rows[r - 1].segments
    label = next((s for s in above if abs(s.box.x - row[0].box.x) <= layout.em), None)
    value = next((s for s in above if abs(s.box.x - row[1].box.x) <= layout.em), None)
    return (label is not None and value is not None
            and (index.labelness(label.text) >= IS_LABEL or clean_label(label.text) in index.meant))


def over_its_value(spot: LabelSpot, layout: PageLayout, index: LabelIndex) -> bool:
    """The spot is one of a set of labels each printed over its value: side by side (in_label_strip) or one
    under the other in a column (in_label_stack)."""
    return in_label_strip(spot, layout, index) or in_label_stack(spot, layout, index)


def in_label_stack(spot: LabelSpot, layout: PageLayout, index: LabelIndex) -> bool:
    """The spot is one of a stack of labels over their values in one column ("Document #" over "A-5521" over
    "Invoice Date" over "04.03.2026"): a whole short phrase of no digit with a phrase of no label right under
    it, in a column of such pairs, one of whose other labels the table knows; right of it on its row, if
    anything, another label (of a stack beside), not a value of digits ("Contract Account | AC-43059916"
    over "Invoice Date | 03/07/2026" is a column of labels beside their values)."""
    if spot.rest or not _label_shaped(spot.seg) or _stacked_value(spot.seg, layout, index) is None:
        return False
    row = phrases(layout.rows[spot.seg.row])
    k = next((i for i, p in enumerate(row) if p is spot.seg), len(row))
    if k + 1 < len(row) and re.search(r"\d", row[k + 1].text):
        return False
    return any(index.labelness(label.text) >= IS_LABEL for label in _stack(spot.seg, layout, index)
               if label is not spot.seg)


def _stack(seg: Segment, layout: PageLayout, index: LabelIndex) -> list[Segment]:
    """The labels of the stack of label-over-value pairs `seg` is a label of, up and down its column."""
    labels = [seg]
    label = seg
    while (value := _stacked_value(label, layout, index)) is not None:
        nxt = _segment_below(value, layout)
        if (nxt is None or nxt.box.y - value.box.bottom > 1.2 * layout.em or not _column_aligned(nxt, seg, layout.em)
                or not _label_shaped(nxt) or _stacked_value(nxt, layout, index) is None):
            break
        labels.append(label := nxt)
    label = seg
    while (value := _segment_above(label, layout)) is not None and not index.looks_like_label(value.words):
        prior = _segment_above(value, layout)
        if (prior is None or not _column_aligned(prior, seg, layout.em) or not _label_shaped(prior)
                or _stacked_value(prior, layout, index) is not value):
            break
        labels.append(label := prior)
    return labels


def _label_shaped(seg: Segment) -> bool:
    return len(seg.words) <= 4 and not re.search(r"\d", seg.text)


def _stacked_value(seg: Segment, layout: PageLayout, index: LabelIndex) -> Segment | None:
    """The phrase right under `seg`, in its column, when it is no label."""
    under = _segment_below(seg, layout)
    if (under is None or under.box.y - seg.box.bottom > 1.2 * layout.em or not _column_aligned(under, seg, layout.em)
            or index.looks_like_label(under.words)):
        return None
    return under


def _column_aligned(a: Segment, b: Segment, em: float) -> bool:
    return abs(a.box.x - b.box.x) <= em or abs(a.box.right - b.box.right) <= em


FIGURE = re.compile(r"^\W{0,2}\d[\d.,' ]*-?$")


def _figure_column(row: Row, nxt: Row, layout: PageLayout) -> bool:
    """A figure alone in a phrase of `row` stands over another in `nxt`, right under it: the two are rows of a
    table ("Monthly salary | 41,250.00" over "Overtime | 1,200.00"), not a strip of values and what follows."""
    return any(FIGURE.match(s.text.strip()) and FIGURE.match(t.text.strip()) and below(s.box, t.box, layout.em, 1.5)
               for s in row.segments for t in nxt.segments)


# A phone number has at least this many digits (a local number without its area code).
PHONE_DIGITS = 6


def _phone_shaped(text: str) -> bool:
    """PHONE_DIGITS digits or more, more digits than letters, and no date ("2026-02-17", "21 Jul 2026")."""
    digits, letters = sum(ch.isdigit() for ch in text), sum(ch.isalpha() for ch in text)
    return digits >= PHONE_DIGITS and digits > letters and V.parse_date(text) is None


def _fits_kind(c: Candidate, f: Field) -> bool:
    """A text value has the shape the field's head word announces: a name has more letters than digits
    (not "+1 165 350 8591" for customer_name), an identifier a digit; any value a letter or a digit (not a
    dotted leader or a signature line), and not one word that only names a kind of value: "Landlord
    signature || Date" is two labels."""
    text = " ".join(w.text for w in c.words)
    letters, digits = sum(ch.isalpha() for ch in text), sum(ch.isdigit() for ch in text)
    if len(c.words) == 1 and not digits and match.head_kind(text) is not None:
        return False
    if f.type == "string" and not f.enum and _answer(c.words):
        return False  # "Pet owner | O Yes | O No": a yes/no question's answer (its box read as "O"), no text value
    kind = match.head_kind(" ".join(f.words))
    if kind == "name":
        return letters > digits
    if kind == "id" and f.type == "string":
        return digits > 0
    return letters + digits > 0


def _answer(words: list[Word]) -> bool:
    """A yes or a no alone, maybe after the box a scan read as a letter ("O Yes", "☐ No")."""
    if len(words) == 2 and len(words[0].text) == 1 and not words[0].text.isdigit():
        words = words[1:]
    return len(words) == 1 and V.parse_bool(words[0].text) is not None and len(words[0].text) > 1


def _other_kinds(f: Field) -> tuple[str, ...]:
    """The kinds of value a label's head word may announce (match.head_kind) other than the field's own."""
    own = match.head_kind(" ".join(f.words))
    return tuple(k for k in ("name", "id") if k != own)


def _numbered(c: Candidate) -> bool:
    """A number's value has a digit or is a code printed in capitals ("INV-BIG", a booking reference "XKJQPL"):
    a word of lower-case letters under or after a number's label ("# Material", "No. | Description") is a
    header's or a heading's, not the number."""
    text = "".join(w.text for w in c.words)
    return any(ch.isdigit() for ch in text) or not any(ch.islower() for ch in text)


def _role_score(spot: LabelSpot, f: Field) -> float:
    """"Landlord: Jane Roe" for landlord_name, "Sold To" for customer_name (labels.role_labels): a party's role
    printed with a colon, or as a phrase of its own, labels its name. A role word that starts a longer phrase
    without a colon starts a sentence or another label ("Landlord signature")."""
    if not (spot.has_colon or not spot.rest) or not _names_a_party(f):
        return 0.0
    return ROLE_LABEL * label_score(spot.text, role_labels(" ".join(f.words[:-1])))


def _tag_score(spot: LabelSpot, f: Field) -> float:
    """"T: 0113 496 0123", "M +44 7700 900123", "E: info@harbour.co.uk": the one-letter tag a letterhead or a
    receipt prints before a contact detail, the initial of its kind, labels a field of that kind (whose value
    must then have the kind's shape: six digits for a phone, an @ for an email)."""
    printed = spot.printed.rstrip(":.")
    if len(printed) != 1 or not (printed.isupper() or spot.has_colon):
        return 0.0
    kind = next((k for k, names in _CONTACT_KINDS.items() if f.wants(*names) and not f.wants("fax")), None)
    return TAG_LABEL if kind is not None and printed.lower() in _TAGS[kind] else 0.0


def _names_a_party(f: Field) -> bool:
    """A name field with an owner word before 'name' (landlord_name): the fields _role_score reads."""
    words = f.words
    return len(words) >= 2 and words[-1] == "name"


_SIGNATURE_WORDS = {"signature", "signed", "sign"}


def _signature_date_score(spot: LabelSpot, layout: PageLayout, f: Field) -> float:
    """A bare "Date" printed beside or under a "Signature" label is the signature's date: scored as
    the label "signature date" for `f`, slightly below a label that says so itself."""
    if spot.text not in ("date", "dated") or not _in_signature_block(spot.seg, layout):
        return 0.0
    return SIGNATURE_DATE_LABEL * label_score("signature date", f.labels)


def _in_signature_block(seg: Segment, layout: PageLayout) -> bool:
    """Whether a phrase on `seg`'s row, or one just above it, names a signature."""
    row = layout.rows[seg.row]
    near = [s for s in row.segments if s is not seg]
    above = [s for r in layout.rows[max(0, seg.row - 2): seg.row] for s in r.segments]
    near += [s for s in above if below(s.box, seg.box, layout.em)]
    return any(_SIGNATURE_WORDS & set(clean_label(s.text).split()) for s in near)


def _values_for_spot(f: Field, spot: LabelSpot, sim: float, layout: PageLayout, ctx: ReadContext,
                     index: LabelIndex) -> list[Candidate]:
    out: list[Candidate] = []
    if f.type == "boolean" and _offers_both(spot, layout):
        return out  # "Smoker | YES / NO ✓": the answers to choose from, which the tick settles (checkboxes)
    if (not spot.has_colon and not spot.numbered and index.labelness(spot.seg.text) < IS_LABEL
            and _is_value_slot(spot.seg, layout, index)):
        return out  # "Terms || Net 60": this phrase is the value of the label before it, not a label (but
        # "Document No. | 45713" is a label, its numbering word as good as a colon, whatever is over it)
    if spot.rest:
        if not spot.has_colon and V.fold(spot.rest[0].text) in _PREPOSITIONS:
            return out  # "Relationship | to applicant": the label goes on; a longer reading of it has the value
        if (not spot.has_colon and len(spot.rest) > 1 and f.words[-1:] in (["number"], ["no"])
                and clean_label(spot.rest[0].text) in NUMBERING):
            return out  # "Txn | No. S10-503359": the numbering word is the label's ("Txn No."), not the number's
        if match.narrows(" ".join(w.text for w in spot.rest[:3])):
            return out  # "Total | excl. VAT": the phrase names a part of the total, not the total
        rest = _trim_at_label(spot.rest, index)
        if len(rest) <= 3 and index.labelness(" ".join(w.text for w in rest)) >= IS_LABEL:
            return _under_label(f, spot, sim, layout, ctx)  # "First Name": the rest of a label is not its value
        c = _candidate(f, rest, spot, sim, "inline", INLINE_WEIGHT, layout, ctx)
        if c:
            out.append(c)
            return out
        if len(spot.rest) > 2 or (not spot.has_colon and _names_more(spot.rest)):
            return out
    if in_table_header(spot.seg, layout, index):
        return out  # a column header: what sits right of it or under it is another header or a row's cell
    row = layout.rows[spot.seg.row]
    nxt = spot.seg.index + 1
    while nxt + 1 < len(row.segments) and row.segments[nxt].text.strip() in _COLONS:
        nxt += 1  # "Total Sales | : | 465.34": a colon set apart from its label
    if nxt < len(row.segments):
        seg = row.segments[nxt]
        gap = seg.box.x - spot.seg.box.right
        colon_after = nxt + 1 < len(row.segments) and row.segments[nxt + 1].text.strip() in _COLONS
        meant = clean_label(seg.text) in index.meant  # "Employer Name | Income per month ($)": the next label
        if not (index.looks_like_label(seg.words) or meant or colon_after) and (
                gap < RIGHT_GAP_EM * layout.em or _totals_line(f, row) or _flush_right_pair(spot, layout)):
            c = _candidate(f, _trim_at_label(seg.words, index), spot, sim, "right", RIGHT_WEIGHT, layout, ctx)
            if c is None and f.type in ("number", "integer"):
                c = _figure_further_right(f, spot, row, layout, ctx, sim)
            if c:
                out.append(c)
    seg_below = _segment_below(spot.seg, layout)
    if (seg_below is not None and not index.looks_like_label(seg_below.words)
            and not _next_heading(spot.seg, seg_below, layout) and not _asks_options(seg_below, layout)):
        c = _candidate(f, seg_below.words, spot, sim, "below", BELOW_WEIGHT, layout, ctx)
        if c:
            out.append(c)
    if not out and (f.type in ("number", "integer") or f.is_date):
        under = _figure_under_alone(spot.seg, layout)
        c = _candidate(f, under.words, spot, sim, "below", BELOW_WEIGHT, layout, ctx) if under else None
        if c:
            out.append(c)
    if not out and not spot.has_colon and not spot.rest:
        over = _segment_above(spot.seg, layout)
        if (over is not None and not index.looks_like_label(over.words)
                and not _is_value_slot(over, layout, index)):
            c = _candidate(f, over.words, spot, sim, "above", ABOVE_WEIGHT, layout, ctx)
            if c:
                out.append(c)
    return out


def _offers_both(spot: LabelSpot, layout: PageLayout) -> bool:
    """The words after the label on its row print both answers of a yes/no question ("YES / NO", "Y N")."""
    row = layout.rows[spot.seg.row]
    after = [*spot.rest, *(w for s in row.segments[spot.seg.index + 1:] for w in s.words)]
    return {V.parse_bool(w.text) for w in after if w.text.strip(".:/").isalpha()} >= {True, False}


def _figure_under_alone(seg: Segment, layout: PageLayout) -> Segment | None:
    """"TOTAL AMOUNT DUE" alone on its row, its amount alone on the next, set at the right margin: a label
    stacked over its figure, however far apart across the row (nothing else on either row could be read)."""
    row = layout.rows[seg.row]
    if len(row.segments) != 1 or seg.row + 1 >= len(layout.rows):
        return None
    nxt = layout.rows[seg.row + 1]
    if len(nxt.segments) != 1 or nxt.box.y - seg.box.bottom > 1.2 * layout.em or not re.search(r"\d", nxt.text):
        return None
    return nxt.segments[0]


def _names_more(rest: list[Word]) -> bool:
    """The words after a label's first words name what it is ("Total | GST", "Total | Qty", "Invoice | Date"):
    the label is the whole phrase, read as a spot of its own. A qualifier ("Total | incl. GST"), a word that
    says where the value stands ("Total | Rounded", "Total | Due"), a currency ("Total | RM") or a note in
    brackets leaves the first words the label."""
    text = " ".join(w.text for w in rest)
    named = [w for w in rest if not V.is_currency_mark(w.text)]
    if any(ch.isdigit() for ch in text) or text.startswith("(") or match.qualifies(text) or not named:
        return False
    return not match.postmodifies(" ".join(w.text for w in named)) and any(ch.isalpha() for ch in text)


def _totals_line(f: Field, row: Row) -> bool:
    """A row of just a label and an amount or a date, however far apart ("Total to Pay: ........ $151.98" on
    a bill whose labels sit at the left margin and figures at the right): nothing between them can be
    another column's value."""
    phrases = [s for s in row.segments if s.text.strip() not in _COLONS]
    return len(phrases) == 2 and (f.type in ("number", "integer") or f.is_date)


def _flush_right_pair(spot: LabelSpot, layout: PageLayout) -> bool:
    """A "Label:" at the margin and one phrase flush right on its row, in a column of such pairs (a payslip's
    "Employee: ...... Priya Moreau" with its dots left out): the rows beside it pair a label at the same margin
    with a phrase ending where this one does, so the phrase is the label's value however far it is."""
    row = layout.rows[spot.seg.row]
    phrases = [s for s in row.segments if s.text.strip() not in _COLONS]
    if not spot.has_colon or len(phrases) != 2 or phrases[0] is not spot.seg:
        return False

    def pairs(other: Row) -> bool:
        got = [s for s in other.segments if s.text.strip() not in _COLONS]
        return (len(got) == 2 and abs(got[0].box.x - spot.seg.box.x) <= layout.em
                and got[0].text.rstrip().endswith(":") and abs(got[1].box.right - phrases[1].box.right) <= layout.em)

    near = layout.rows[max(0, spot.seg.row - 2):spot.seg.row] + layout.rows[spot.seg.row + 1:spot.seg.row + 3]
    return any(pairs(other) for other in near)


def _figure_further_right(f: Field, spot: LabelSpot, row: Row, layout: PageLayout, ctx: ReadContext,
                          sim: float) -> Candidate | None:
    """"Total | Incl. | GST@6% | RM | 2.70": the label's qualifiers and the amount's currency printed apart
    (a receipt's wide spacing), the amount last. The first figure right of the label, its currency sign
    with it, where every phrase between holds none and none is a "Label:"."""
    between: list[Word] = []
    for seg in row.segments[spot.seg.index + 1:]:
        if seg.text.strip() in _COLONS:
            continue  # "Total Sales | : | 465.34": the colons of a receipt's labels, set in a column of their own
        if any(w.text.endswith(":") for w in seg.words):
            return None
        sign = between[-1:] if between and V.is_currency_mark(between[-1].text) else []
        words = sign + seg.words  # "RM" | "2.70": the sign printed apart goes with its amount
        c = _candidate(f, words, spot, sim, "right", RIGHT_WEIGHT, layout, ctx)
        if c is not None:
            return c
        between += seg.words
    return None


def _under_label(f: Field, spot: LabelSpot, sim: float, layout: PageLayout, ctx: ReadContext) -> list[Candidate]:
    """A phrase of column headers set one space apart ("VAT Total" over "1.98 23.92"): the label's value
    is the figure of the phrase under it that sits under the label's own words."""
    below_seg = _segment_below(spot.seg, layout)
    if below_seg is None or f.type not in ("number", "integer"):
        return []
    x0, x1 = spot.label[0].box.x, spot.label[-1].box.right
    words = [w for w in below_seg.words if min(w.box.right, x1) > max(w.box.x, x0)]
    if not words or len(words) == len(below_seg.words):
        return []
    c = _candidate(f, words, spot, sim, "below", BELOW_WEIGHT, layout, ctx)
    return [c] if c else []


def _asks_options(seg: Segment, layout: PageLayout) -> bool:
    """Tick boxes follow the phrase on its row ("Any pets  ○ Yes ◉ No"): it is a question, a label of its own,
    not the value of a label over it (a blank "Employer:" above)."""
    box = seg.box
    return any(c.box.x >= box.right and box.y <= c.box.y + c.box.h / 2 <= box.bottom for c in layout.page.checkboxes)


def _segment_below(seg: Segment, layout: PageLayout) -> Segment | None:
    """The first phrase under `seg` that overlaps it horizontally, within a few line heights."""
    for row in layout.rows[seg.row + 1: seg.row + 4]:
        hits = [s for s in row.segments if below(seg.box, s.box, layout.em)]
        if hits:
            return max(hits, key=lambda s: min(s.box.right, seg.box.right) - max(s.box.x, seg.box.x))
        if row.box.y - seg.box.bottom > 2.6 * layout.em:
            return None
    return None


def _segment_above(seg: Segment, layout: PageLayout) -> Segment | None:
    """The phrase right over `seg` that overlaps it horizontally, within a line and a half; a rule of
    underscores, dots or dashes between them ("__________", the line the value was written on) is passed over."""
    for row in layout.rows[max(0, seg.row - 3): seg.row][::-1]:
        hits = [s for s in row.segments if below(s.box, seg.box, layout.em, 1.5)]
        words = [s for s in hits if not _RULE.fullmatch(s.text.replace(" ", ""))]
        if words:
            return max(words, key=lambda s: min(s.box.right, seg.box.right) - max(s.box.x, seg.box.x))
        if not hits:
            return None
    return None


_RULE = re.compile(r"[_.\-–—…]{3,}")


def _aligned(row: list[Segment], other: list[Segment]) -> int:
    """How many phrases of `row` have a phrase of `other` in their column."""
    return sum(1 for s in row if any(min(o.box.right, s.box.right) > max(o.box.x, s.box.x) for o in other))


def _header_like(row: list[Segment]) -> bool:
    """Three or more phrases of words, none a "Label: value" pair or a number."""
    return len(row) >= 3 and not any(":" in s.text or re.search(r"\d", s.text) for s in row)


def _region(row: Row, seg: Segment, layout: PageLayout) -> list[Segment]:
    """The phrases of `row` on `seg`'s side of a party's block beside others: where the row's first phrase is a
    line of a name and address that stands apart from the rest (beside_a_party), the phrases right of it when
    `seg` stands right of it, else that line alone; the whole row otherwise."""
    segs = row.segments
    if len(segs) >= 2 and beside_a_party(segs[0], layout):
        return segs[1:] if seg.box.x >= segs[1].box.x - layout.em else segs[:1]
    return segs


# How many rows under a header row are looked at for its figures; rows of one phrase are passed over (a statement's
# rows may alternate with the headings of their days, "December 2, 2025"), up to as many again.
HEADER_ROWS = 3


def in_table_header(seg: Segment, layout: PageLayout, index: LabelIndex | None = None) -> bool:
    """`seg` is a cell of a table's header row: a row of three or more word phrases with at least two rows of
    figures among the HEADER_ROWS under it that line up with three of them, before the next such row of words
    (another table's header: the rows under it are its own); of each row, the phrases on `seg`'s side of a
    party's block beside others (_region). With the `index`, a row under it holding two labels the table knows
    is no table's row but a form's row of "label | value" pairs ("Family Name | Kapoor | Birth Date | 1961-07-18")."""
    row = _region(layout.rows[seg.row], seg, layout)
    if not _header_like(row):
        return False
    below = (_region(r, seg, layout) for r in layout.rows[seg.row + 1: seg.row + 1 + 2 * HEADER_ROWS])
    rows = list(itertools.islice((r for r in below if len(r) > 1), HEADER_ROWS))  # a phrase alone heads its rows
    own = next((k for k, r in enumerate(rows) if _header_like(r)), len(rows))  # lined up with it or not
    under = [r for r in rows[:own] if len(r) >= 3 and _aligned(row, r) >= 3]
    data = [r for r in under if any(re.search(r"\d", s.text) for s in r) and not any(":" in s.text for s in r)
            and (index is None or sum(index.labelness(s.text) >= IS_LABEL for s in r) < 2)]
    return len(data) >= 2


def in_grid(seg: Segment, layout: PageLayout) -> bool:
    """`seg` is a cell of a table (header or body): its row and a neighbouring row line up in three
    or more columns, and its row holds no "Label: value" pair; of each row, the phrases on `seg`'s side of a
    party's block beside others (_region)."""
    row = _region(layout.rows[seg.row], seg, layout)
    if len(row) < 3 or any(":" in s.text for s in row):
        return False
    near = [r for r in layout.rows[max(0, seg.row - 2): seg.row + 3] if r is not layout.rows[seg.row]]
    return any(len(other) >= 3 and _aligned(row, other) >= 3 for r in near
               if (other := _region(r, seg, layout)))


def _next_heading(label: Segment, seg: Segment, layout: PageLayout) -> bool:
    """The phrase under a blank field is the next section's heading: set apart by a gap, alone on
    its row, in capitals or in a larger type than the label."""
    gap = seg.box.y - label.box.bottom
    if gap <= 1.2 * layout.em or len(layout.rows[seg.row].segments) > 1 or len(seg.words) > 4:
        return False
    letters = "".join(c for c in seg.text if c.isalpha())
    if len(letters) < 2:
        return False  # a date or an amount ("07/08/2026"), never a heading, whatever its height
    larger = max(w.box.h for w in seg.words) >= 1.2 * max(w.box.h for w in label.words)
    return larger or (letters.isupper() and len(letters) >= 4)


def _trim_at_label(words: list[Word], index: LabelIndex) -> list[Word]:
    """'Anabel Middle name:' → 'Anabel': a value stops where the next label begins."""
    for i in range(1, len(words)):
        if words[i].text.endswith(":"):
            for j in range(max(1, i - 3), i + 1):
                if index.labelness(" ".join(w.text for w in words[j:i + 1])) >= MIN_LABEL:
                    return words[:j]
            return words[:i]
    return words


_LEADER = re.compile(r"^[.·…_\-–—]{3,}$")


def _strip_leaders(words: list[Word]) -> list[Word]:
    """'Order Ref.: ........ PO-41285' → 'PO-41285': the dots or rules that lead the eye from a label to its
    value (or fill a blank) are no part of it."""
    start, end = 0, len(words)
    while start < end and _LEADER.match(words[start].text):
        start += 1
    while end > start and _LEADER.match(words[end - 1].text):
        end -= 1
    return words[start:end]


def _candidate(f: Field, words: list[Word], spot: LabelSpot, sim: float, how: str, weight: float,
               layout: PageLayout, ctx: ReadContext) -> Candidate | None:
    words = _strip_leaders(words)
    if not words or len(words) > _MAX_PHRASE:
        return None
    text = " ".join(w.text for w in words)
    if text[:1] in _TICK_BOXES or _holds_a_box(words, layout):
        return None  # a tick-box option ("☐ Self-employed", "[ ] Employed [X] Student") answers a checkbox
    got = read_scalar(text, f, ctx)
    if got is None:
        got, words = _read_prefix(words, f, ctx)
        if got is None:
            return None
    value, fit = got
    if f.type == "string" and match.head_kind(" ".join(f.words)) == "phone" and not _phone_shaped(text):
        return None  # "Phone" over "21 Jul 2026": no phone number
    score = sim * weight * (TYPE_FIT_FLOOR + TYPE_FIT_SHARE * fit)
    return Candidate(value, layout.number, words, score, how, label_sim=sim, fit=fit, row=spot.seg.row)


def _holds_a_box(words: list[Word], layout: PageLayout) -> bool:
    """Some word of the phrase is a tick box the parser found ("[", "]", "[X]", "○")."""
    return any(c.box.holds_centre(w.box) for w in words for c in layout.page.checkboxes)


def _read_prefix(words: list[Word], f: Field, ctx: ReadContext):
    """A typed value at the start of a longer phrase: 'Net 30 days' for a number, '12/03/2024 (est.)'."""
    if f.type == "string" and not (f.is_date or f.is_time or f.is_month or f.enum):
        return None, words
    for n in range(min(len(words), 5), 0, -1):
        got = read_scalar(" ".join(w.text for w in words[:n]), f, ctx)
        if got is not None:
            return (got[0], got[1] * PREFIX_FIT), words[:n]
    return None, words


def _is_value_slot(seg: Segment, layout: PageLayout, index: LabelIndex) -> bool:
    """`seg` is the value of a label printed left of it on its row, or of a label right above it (in type no
    larger than its own by TITLE_SIZE: a title over a phrase is no label over its value; a phrase alone on its row
    over a row of three phrases or more heads that row, it labels no one of them)."""
    row = layout.rows[seg.row]
    if seg.index > 0 and index.looks_like_label(row.segments[seg.index - 1].words):
        return not _value_below(row.segments[seg.index - 1], seg, layout, index)
    for r in layout.rows[max(0, seg.row - 2): seg.row][::-1]:
        hits = [s for s in r.segments if below(s.box, seg.box, layout.em, 1.5)]
        if hits:
            heading = len(r.segments) == 1 and len(row.segments) >= 3  # "APPLICANT" over a row of pairs
            return not heading and any(index.looks_like_label(s.words) and _label_strip(s, layout, index)
                                       and s.box.h <= TITLE_SIZE * seg.box.h for s in hits)
    return False


# A phrase set this many times taller than the phrase under it is a title or a heading over it.
TITLE_SIZE = 1.5
# Phrases this many ems apart on a row stand in columns of their own (a customer's block beside the invoice's
# "label | value" rows); closer, a label and its value may be set that far apart.
COLUMN_GAP = 4.0


def phrases(row: Row) -> list[Segment]:
    """The row's phrases, without colons set apart from their labels."""
    return [s for s in row.segments if s.text.strip() not in (":", ";")]


def own_column(seg: Segment, layout: PageLayout) -> list[Segment]:
    """The phrases of `seg`'s row from it on where those before it stand apart (COLUMN_GAP), in a column of
    their own ("27 Rue de Lyon" of the customer's block beside "Payment Deadline | 17 Nov 2026"); else all."""
    row = phrases(layout.rows[seg.row])
    k = next((i for i, p in enumerate(row) if p is seg), 0)
    return row[k:] if k and seg.box.x - row[k - 1].box.right > COLUMN_GAP * layout.em else row


def beside_a_block(seg: Segment, layout: PageLayout, index: LabelIndex) -> bool:
    """`seg` opens a "label | value" pair in a column of its own beside phrases that stand apart (a customer's
    block), its value no bare figure or a label the table knows opening a pair within two rows of it in that
    column: a key-value block beside another, however its rows line up with the other's (a grid's rows do too;
    a table's row beside its column of dates or codes is a description and a bare figure)."""
    pair = own_column(seg, layout)
    if len(pair) != 2 or pair[0] is not seg or len(pair) == len(phrases(layout.rows[seg.row])):
        return False
    if not FIGURE.match(pair[1].text.strip()):
        return True
    for r in range(max(0, seg.row - 2), min(len(layout.rows), seg.row + 3)):
        near = [p for p in phrases(layout.rows[r]) if abs(p.box.x - seg.box.x) <= layout.em] if r != seg.row else []
        if near and len(own_column(near[0], layout)) == 2 and index.labelness(near[0].text) >= IS_LABEL:
            return True
    return False


# A form sets its "label | value" pairs out two or more a row, lined up as a grid is; a phrase is a label there
# where a label the table knows starts where it starts within this many rows, a value after it.
PAIR_GRID_ROWS = 3


def in_pair_grid(seg: Segment, layout: PageLayout, index: LabelIndex) -> bool:
    """`seg` stands in a grid of "label | value" pairs ("Forename | Arjun | Other Names" over "Family Name | Kapoor
    | Birth Date | 1961-07-18"): a phrase starting where it starts, within PAIR_GRID_ROWS rows, is a label the
    table knows with a phrase after it that is none."""
    for r in range(max(0, seg.row - PAIR_GRID_ROWS), min(len(layout.rows), seg.row + PAIR_GRID_ROWS + 1)):
        segs = layout.rows[r].segments if r != seg.row else []
        for k, s in enumerate(segs[:-1]):
            if (abs(s.box.x - seg.box.x) <= layout.em and index.labelness(s.text) >= IS_LABEL
                    and index.labelness(segs[k + 1].text) < IS_LABEL):
                return True
    return False


def beside_a_party(seg: Segment, layout: PageLayout) -> bool:
    """`seg` is a line of a postal address block (BLOCK_LINES or more lines set close in one type size, starting
    where it starts, that read as an address) and the phrase after it on its row stands apart (COLUMN_GAP): a
    customer's name and address beside the bill's "Account No. | 8812004" rows, however their rows line up
    (a table's first column, under its header, reads as no address)."""
    known = layout.party_lines.get(id(seg))
    if known is None:
        known = layout.party_lines[id(seg)] = _beside_a_party(seg, layout)
    return known


def _beside_a_party(seg: Segment, layout: PageLayout) -> bool:
    row = phrases(layout.rows[seg.row])
    k = next((i for i, p in enumerate(row) if p is seg), None)
    if k is None or k + 1 >= len(row) or row[k + 1].box.x - seg.box.right <= COLUMN_GAP * layout.em:
        return False
    lines = _block_lines(seg, layout)
    if len(lines) < BLOCK_LINES or any(V.parse_date(line.text) is not None for line in lines):
        return False  # a date is no line of an address: a statement's column of dates and descriptions
    found = parse_address(split_parts([line.words for line in lines]))
    return found is not None and bool(found.street) and bool(found.postal_code or found.city)


# A party's block beside others (a name over a postal address) has at least this many lines; as many are looked
# for above a line and below it.
BLOCK_LINES = 3


def _block_lines(seg: Segment, layout: PageLayout) -> list[Segment]:
    """The lines of `seg`'s block, top to bottom: the phrases of its type size starting where it starts, one
    right under the other, up and down from it (a title over a label is no line of its block)."""
    lines = [seg]
    for step in (_segment_below, _segment_above):
        line = seg
        for _ in range(BLOCK_LINES):
            nxt = step(line, layout)
            gap = (nxt.box.y - line.box.bottom if step is _segment_below else line.box.y - nxt.box.bottom) if nxt else 0
            if (nxt is None or abs(nxt.box.x - seg.box.x) > layout.em or gap > 1.2 * layout.em
                    or abs(nxt.box.h - seg.box.h) > 0.25 * seg.box.h):
                break
            lines.append(line := nxt)
    return sorted(lines, key=lambda s: s.box.y)


def _value_below(label: Segment, seg: Segment, layout: PageLayout, index: LabelIndex) -> bool:
    """The label's value is the phrase under it, and `seg` stands apart right of it, in a column of its own
    ("Sold To:" over the customer's name, beside "Invoice Code | A90289")."""
    under = _segment_below(label, layout)
    return (seg.box.x - label.box.right > COLUMN_GAP * layout.em and under is not None
            and under.box.y - label.box.bottom < 1.2 * layout.em and not index.looks_like_label(under.words))


def _label_strip(seg: Segment, layout: PageLayout, index: LabelIndex) -> bool:
    """`seg` is a label with no value beside it: right of it on its row is another label or nothing."""
    row = layout.rows[seg.row]
    nxt = row.segments[seg.index + 1] if seg.index + 1 < len(row.segments) else None
    return ":" not in seg.text[:-1] and (nxt is None or index.looks_like_label(nxt.words))


_START_WORDS = {"start", "from", "begin", "beginning", "first"}
_END_WORDS = {"end", "to", "until", "last", "through"}
_RANGE_WORDS = {"to", "through", "thru", "until", "till", "-", "–", "—"}
# A labelled date range ("Statement Period: 08/01 to 08/31") needs a label this close to its object's
# name (or one that names it by meaning at all), and scores its two dates slightly below a plain inline value.
_RANGE_LABEL = 0.85
RANGE_WEIGHT = 0.95


def range_candidates(obj: Field, layouts: list[PageLayout], spots: dict[int, list[LabelSpot]],
                     ctx: ReadContext, meaning: Callable[[LabelSpot, Field], float] | None = None,
                     sole: bool = False) -> dict[tuple[str, ...], Candidate]:
    """'Statement Period: 08/01/2026 to 08/31/2026' → the start and end date children of the object
    the label names (by the table, or by `meaning`: "Service Period" for billing_period); the range is
    inline, right of the label (one phrase or two) or under it. Where the object is the schema's `sole` date
    range, any label with a colon, or alone before one phrase on its row, before two dates joined by a range word
    names it, at the bottom of the scale ("Covering: 1 Jul - Jul 31, 2026"): no other field holds two dates."""
    ends = range_ends(obj)
    if ends is None:
        return {}
    start, end = ends
    best: dict[tuple[str, ...], Candidate] = {}
    for layout in layouts:
        for spot in spots[layout.number]:
            table = label_score(spot.text, obj.labels)
            guessed = meaning(spot, obj) if meaning is not None and table < _RANGE_LABEL else 0.0
            unnamed = table < _RANGE_LABEL and guessed < MIN_LABEL
            if unnamed and not (sole and (spot.has_colon or pair_row(spot, layout))):
                continue  # neither the table's label nor the field the phrase names best by meaning
            sim = MIN_LABEL if unnamed else max(table, guessed)
            got = next((d for a, b, joined in _range_options(spot, layout) if (joined or not unnamed)
                        and (d := _date_pair(a, b, ctx))), None)
            score = RANGE_WEIGHT * sim
            if got is not None and (start.path not in best or best[start.path].score < score):
                for f, (value, words) in zip((start, end), got, strict=True):
                    best[f.path] = Candidate(value, layout.number, words, score, "inline", label_sim=sim,
                                             row=spot.seg.row)
    return best


def pair_row(spot: LabelSpot, layout: PageLayout) -> bool:
    """The spot is a whole phrase, the first of the two on its row in its column ("Covering | Aug 01, 2026 - Aug
    31, 2026")."""
    pair = own_column(spot.seg, layout)
    return not spot.rest and len(pair) == 2 and pair[0] is spot.seg


def range_ends(obj: Field) -> tuple[Field, Field] | None:
    """The start and end date children of a date range's object (a billing period), else None."""
    kids = [c for c in obj.children() if c.is_date]
    start = next((c for c in kids if set(c.words) & _START_WORDS), None)
    end = next((c for c in kids if set(c.words) & _END_WORDS), None)
    return None if start is None or end is None else (start, end)


def _range_options(spot: LabelSpot, layout: PageLayout) -> Iterator[tuple[list[Word], list[Word], bool]]:
    """(start words, end words, joined by a range word) where a labelled range may be printed."""
    right = layout.rows[spot.seg.row].segments[spot.seg.index + 1:]
    under = _segment_below(spot.seg, layout)
    phrases = [spot.rest, [w for s in right[:2] for w in s.words], under.words if under else []]
    for words in phrases:
        k = next((i for i in range(1, len(words) - 1) if words[i].text.lower() in _RANGE_WORDS), None)
        if k is not None:
            yield words[:k], words[k + 1:], True
    if spot.rest and right:  # "Billing Period: 2024-10-07 || 2025-01-06"
        yield spot.rest, right[0].words, False
    if len(right) >= 2:
        yield right[0].words, right[1].words, False


def _date_pair(a: list[Word], b: list[Word], ctx: ReadContext) -> tuple[tuple[str, list[Word]], ...] | None:
    """Two dates, the first not after the second; the first may leave out the year the second prints
    ("1 Jul - Jul 31, 2026")."""
    db = ctx.date(" ".join(w.text for w in b))
    da = ctx.date(" ".join(w.text for w in a), reference=dt.date.fromisoformat(db[0])) if db else None
    if da is None or db is None or da[0] > db[0]:
        return None
    return (da[0], a), (db[0], b)
