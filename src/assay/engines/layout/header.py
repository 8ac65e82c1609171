"""The header block of a personal document (a résumé, a profile): the name and the contact line.

A résumé prints its owner's name as the largest text at the top of the first page, often without
a label, sometimes stacked over two lines ("Orlagh" / "O'Dea"); the phone and the town follow in a
contact line, separated by gaps or bars. These readers score below a labelled value, so a
"Name:" label always wins, and they only look above the first section heading.
"""

from __future__ import annotations

import re

from assay.domain import values as V
from assay.domain.document import Word
from assay.domain.fields import Field
from assay.engines.layout.agreements import is_legal_form
from assay.engines.layout.candidates import Candidate
from assay.engines.layout.geometry import PageLayout, Segment
from assay.engines.layout.parties import is_issuer
from assay.engines.layout.sections import headings, is_place
from assay.semantics import match

_PERSON = {"full", "candidate", "person", "applicant", "employee", "student", "member", "holder"}
_NOT_NAME = re.compile(r"(?i)\b(resume|résumé|curriculum|vitae|cv|profile|invoice|receipt|statement|order|form|"
                       r"agreement|catalog|catalogue|report|application)\b")
_PHONE = re.compile(r"^\+?[\d\s().\-/]{7,}$")
# In the contact block under a name, two capitalised names joined by a comma are a town and its region or
# country, whatever they are ("Nagpur, Maharashtra", "Singapore, SINGAPORE").
_NAME = r"[^\W\d_][^\W\d_.'\-]*\.?"
_TOWN_AND_REGION = re.compile(rf"^(?=[A-ZÀ-Ý]){_NAME}(?: {_NAME}){{0,2}}, (?=[A-ZÀ-Ý]){_NAME}(?: {_NAME})?$")

# A résumé's name is its largest text at the top of the first page: a strong cue, yet below a labelled
# "Name:". A phone number or place under it in the header block is weaker (a phone there may be the
# employer's), so any labelled value beats it.
HEADING_NAME = 0.7
HEADER_CONTACT = 0.6


def _largest(layout: PageLayout) -> list[Segment] | None:
    """The largest phrase in the top third of the page, with a same-sized phrase stacked under it."""
    top = [s for s in layout.segments() if s.box.y < layout.page.height / 3 and re.search(r"[A-Za-z]", s.text)]
    if not top:
        return None
    big = max(top, key=lambda s: max(w.box.h for w in s.words))
    height = max(w.box.h for w in big.words)
    if height < 1.3 * layout.em:  # no larger text (plain text, one font size): the first line, if a name
        first = top[0]
        return [first] if first.row == 0 and _is_person_name(first.text) else None
    stack = [big]
    for s in top:
        h = max(w.box.h for w in s.words)
        if (s is not big and abs(h - height) < 0.1 * height and abs(s.box.x - big.box.x) < layout.em
                and 0 < s.box.y - stack[-1].box.bottom < 0.8 * height):
            stack.append(s)
    return stack


def _is_person_name(text: str) -> bool:
    words = text.split()
    return (2 <= len(words) <= 5 and not re.search(r"[\d@,:;|/]", text) and not _NOT_NAME.search(text)
            and all(w[:1].isupper() for w in words) and not any(is_legal_form(w) for w in words[1:]))


def name_candidate(f: Field, layouts: list[PageLayout]) -> Candidate | None:
    """A person's full name as the largest text at the top of the first page."""
    words = set(f.words)
    if (f.type != "string" or len(f.path) != 1 or "name" not in words or is_issuer(f)
            or not (words & _PERSON or "full name" in f.description.lower())):
        return None
    if not layouts:
        return None
    stack = _largest(layouts[0])
    if not stack:
        return None
    got: list[Word] = [w for s in stack for w in s.words]
    text = " ".join(w.text for w in got)
    if not _is_person_name(text):
        return None
    return Candidate(text, layouts[0].number, got, HEADING_NAME, "heading", fit=1.0, row=stack[0].row)


def _dated(words: list[Word]) -> bool:
    """A date is printed among the words ("09/10/2026 13.00"): a timestamp, which no phone number is."""
    return any(V.parse_date(w.text) is not None for w in words)


def _trailing_phone(words: list[Word]) -> list[Word] | None:
    """The phone number a phrase is or ends with, after a few words of no digit that name no kind of value
    ("Call us 0161 496 0732"; a labelled or tagged one, "F: 0113 ...", is keyvalue's): the
    longest such tail of seven digits or more, opening with a dialling code or a group of two digits or more
    ("Till 6 0161 ..." gives none: the 6 is the till's)."""
    for k in range(min(len(words), 4)):
        head, tail = words[:k], words[k:]
        text = " ".join(w.text for w in tail).strip(" |·•")
        if any(c.isdigit() for w in head for c in w.text) or match.head_kind(" ".join(w.text for w in head)):
            return None  # "Till 6 ...", "Tax ID No. 45-5180282": the words say what the number is
        if any(w.text.endswith(":") or len(w.text.strip(".")) == 1 for w in head):
            return None  # "F: 0113 ...", "T. 0161 ...": a tag says which number it is; keyvalue reads tags
        opens = k == 0 or tail[0].text[:1] in "+(" or sum(c.isdigit() for c in tail[0].text) >= 2
        if opens and _PHONE.match(text) and sum(c.isdigit() for c in text) >= 7:
            return tail
    return None


def contact_candidates(f: Field, layouts: list[PageLayout]) -> list[Candidate]:
    """An unlabelled phone number or place in the header block, under the largest text."""
    if f.type != "string" or len(f.path) != 1 or not layouts:
        return []
    want_phone = f.wants("phone", "tel", "mobile")
    want_place = f.wants("location", "city")
    if not (want_phone or want_place):
        return []
    layout = layouts[0]
    stack = _largest(layout)
    if not stack:
        return []
    top = stack[-1].box.bottom
    heads = headings(layout, [])
    own = next((h for h in heads if h.seg is stack[0]), None)  # the name heads a column: a sidebar's
    left, right = (own.left, own.right) if own else (0.0, layout.page.width + 1)
    below = [h.seg.box.y for h in heads if h.seg.box.y > top and left <= h.seg.box.x < right]
    bottom = min(below, default=top + 6 * layout.em)
    out: list[Candidate] = []
    for seg in layout.segments():
        if not (top <= seg.box.y < min(bottom, top + 6 * layout.em) and left <= seg.box.x < right):
            continue
        text = seg.text.strip(" |·•")
        number = _trailing_phone(seg.words) if want_phone and not _dated(seg.words) else None
        if number:
            out.append(Candidate(" ".join(w.text for w in number).strip(" |·•"), layout.number, number,
                                 HEADER_CONTACT, "pattern", row=seg.row))
        elif want_place and (is_place(text) or _TOWN_AND_REGION.match(text)):
            out.append(Candidate(text, layout.number, seg.words, HEADER_CONTACT, "pattern", row=seg.row))
    return out[:1]
