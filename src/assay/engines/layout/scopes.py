"""Sections that belong to an object of the schema.

On a form, "Phone" appears under "APPLICANT" and again under "EMERGENCY CONTACT". A heading that
names an object opens its section; a candidate inside the section of its own parent object is
preferred, one inside another object's section is discounted.
"""

from __future__ import annotations

from assay.domain.fields import Field
from assay.domain.labels import label_score
from assay.engines.layout.candidates import Candidate
from assay.engines.layout.geometry import PageLayout

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
    def __init__(self, objects: list[Field], layouts: list[PageLayout]) -> None:
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
        self.heads.sort()

    def section_of(self, page: int, row: int, x: float = 0.0) -> tuple[str, ...] | None:
        current = None
        for hp, hr, path, edge in self.heads:
            if (hp, hr) > (page, row):
                break
            if hp == page and row - hr <= _SECTION_ROWS:
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


def _row_of(c: Candidate) -> int | None:
    return c.row
