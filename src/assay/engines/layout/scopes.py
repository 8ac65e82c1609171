"""Sections that belong to an object of the schema.

On a form, "Phone" appears under "APPLICANT" and again under "EMERGENCY CONTACT". A heading that
names an object opens its section, and any other heading ("PERSON TO NOTIFY", a section no label names) ends
it; a candidate inside the section of its own parent object is preferred, one inside another object's section
is discounted.
"""

from __future__ import annotations

from collections import Counter

from assay.domain.fields import Field
from assay.domain.labels import label_score
from assay.engines.layout.candidates import Candidate
from assay.engines.layout.geometry import PageLayout, Row, Segment
from assay.engines.layout.keyvalue import is_tick_box

# A heading's section runs this many rows down its page (or to the next heading). Longer, and fields
# far below a heading are still scoped to it; shorter, and the last fields of a long section are not.
_SECTION_ROWS = 25
# A short phrase opening its row heads an object's section when it matches the object's labels this
# well ("EMERGENCY CONTACT" for emergency_contact). Lower, and ordinary field labels open sections.
HEADING_LABEL = 0.85
# A candidate inside its own object's section gains, one inside another object's section loses:
# "Phone" under APPLICANT fills applicant.phone, not emergency_contact.phone. The gap decides how far
# a better label match elsewhere can outweigh the section.
IN_OWN_SECTION = 1.1
IN_OTHER_SECTION = 0.8


class Scopes:
    def __init__(self, objects: list[Field], layouts: list[PageLayout], loose: list[Field]) -> None:
        """`loose`: the schema's fields of no object (its top level's)."""
        # (page, row, object path, x where the next column starts) of each heading, in reading order: a
        # heading that shares its row with another column's phrase ("Sold To: | Invoice No. 123") heads only
        # its own column; one alone on its row, the width of the page
        self.heads: list[tuple[int, int, tuple[str, ...], float]] = []
        for layout in layouts:
            for seg in layout.segments():
                if len(seg.words) > 5 or seg.index > 0:
                    continue
                best = max(((label_score(seg.text, o.labels), o) for o in objects),
                           key=lambda t: t[0], default=(0.0, None))
                if best[1] is not None and best[0] >= HEADING_LABEL:
                    beside = layout.rows[seg.row].segments[1:]
                    self.heads.append((layout.number, seg.row, best[1].path,
                                       beside[0].box.x if beside else float("inf")))
                elif _heading(seg, layout):  # "PERSON TO NOTIFY": some section starts, no object's the table knows
                    self.heads.append((layout.number, seg.row, (), float("inf")))
        self.heads.sort()
        pages = {layout.number: layout for layout in layouts}
        leaves = {o.path: [f for f in o.children() if f.type not in ("object", "array")] for o in objects}
        leaves[()] = loose
        for k, (page, row, path, edge) in enumerate(self.heads):
            if not path:  # the object its labels name, if they name one
                end = next((hr for hp, hr, _, _ in self.heads[k + 1:] if hp == page), row + 1 + _SECTION_ROWS)
                rows = pages[page].rows[row + 1:min(end, row + 1 + _SECTION_ROWS)]
                self.heads[k] = (page, row, _named_by_labels(rows, leaves), edge)

    def section_of(self, page: int, row: int, x: float = 0.0) -> tuple[str, ...] | None:
        current = None
        for hp, hr, path, edge in self.heads:
            if (hp, hr) > (page, row):
                break
            if hp == page and row - hr <= _SECTION_ROWS and path:
                current = path if x < edge else None
            else:
                current = None
        return current

    def factor(self, f: Field, c: Candidate) -> float:
        if not self.heads or not c.words:
            return 1.0
        row = _row_of(c)
        if row is None:
            return 1.0
        section = self.section_of(c.page, row, min(w.box.x for w in c.words))
        if section is None:
            return 1.0
        if f.path[: len(section)] == section:
            return IN_OWN_SECTION
        return IN_OTHER_SECTION


# A label names a field of one object when it matches that field's labels this well (keyvalue.IS_LABEL); a
# section whose heading names nothing is an object's where this many of its labels name that object's fields
# alone (one is too few: "Preferred contact" under "OTHER DETAILS" names the applicant's phone by its word).
OWN_LABEL = 0.9
SECTION_VOTES = 2


def _named_by_labels(rows: list[Row], leaves: dict[tuple[str, ...], list[Field]]) -> tuple[str, ...]:
    """The object a section's labels name (`leaves`: each object's scalar fields, and under () the fields of no
    object): the one SECTION_VOTES or more of them name a field of, and no other object's field nor a field of no
    object, more than any other ("Relationship:" only the emergency contact's; "Contact number:" names a phone of
    both, and says nothing); () where none leads, or the fields of no object do ("Pets", "Preferred start date"
    under "OTHER DETAILS")."""
    votes: Counter[tuple[str, ...]] = Counter()
    for row in rows:
        for seg in row.segments:
            colon = next((i for i, w in enumerate(seg.words) if w.text.endswith(":")), None)
            if (colon is None and len(seg.words) > 3) or is_tick_box(seg.words[0]):
                continue  # a value or a tick box's option ("☐ Email"), not a label
            label = " ".join(w.text for w in seg.words[:colon + 1]) if colon is not None else seg.text
            owners = [path for path, fs in leaves.items() if any(label_score(label, f.labels) >= OWN_LABEL for f in fs)]
            if len(owners) == 1:
                votes[owners[0]] += 1
    ranked = [*votes.most_common(2), ((), 0)]
    return ranked[0][0] if ranked[0][1] >= SECTION_VOTES and ranked[0][1] > ranked[1][1] else ()


def _heading(seg: Segment, layout: PageLayout) -> bool:
    """A section's heading whatever it names: a short phrase of words in capitals, alone on its row ("PERSON TO
    NOTIFY", "3. EMPLOYMENT"), no label ending in a colon."""
    letters = [ch for ch in seg.text if ch.isalpha()]
    return (len(layout.rows[seg.row].segments) == 1 and len(letters) >= 4 and all(ch.isupper() for ch in letters)
            and not seg.text.rstrip().endswith(":"))


def _row_of(c: Candidate) -> int | None:
    return c.row
