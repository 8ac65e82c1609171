"""Headed sections: "EXPERIENCE", "Education", "Skills" and the entries listed under them.

A heading is a short phrase set apart from the text around it: in capitals, or larger than the
body text, with space above it, or a phrase that names a field of the schema. Pages laid out in
columns (a sidebar next to the main text) have headings at two or more left edges; a left edge
counts as a column only when the text starting left of it never runs across it, so a centred title
does not split a page in two. A section is the lines under its heading, in its column, down to the
next heading of that column (continuing on the next page).

Entries of a section (positions held, degrees) are its header lines: the lines that are not
bullets, indented continuations or sentences. They are split where a bullet list intervened,
where a wider gap opens, or where a second dated line begins. An entry's dates ("Apr 2022 –
Present", "07/2019 - 03/2022", "2016") fill its date fields; its other phrases are matched to the
string fields by their vocabulary (job titles, company and school words, degrees, "City, ST"
places), and by the position the same field takes in the other entries.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from assay.domain import values as V
from assay.domain.document import Word
from assay.domain.fields import Field, ReadContext
from assay.domain.labels import clean_label, label_score
from assay.engines.layout import meaning
from assay.engines.layout.candidates import Candidate
from assay.engines.layout.geometry import PageLayout, Segment, is_bullet, strip_bullet

# A heading opens a field's section (a résumé's "Experience", "Skills") when it matches the field's
# labels this well; lower, and ordinary bold lines open sections.
MIN_HEADING = 0.8
# A short line spaced from the text above is a heading without capitals or a larger type when it
# matches some field this well.
NAMED_HEADING = 0.9
# What a section's content is worth, as a share of its heading's match: an item of a list section
# (skills) and an entry of a record section (a job: title, employer, dates), the latter surer since
# its parts confirm each other.
SECTION_ITEM = 0.75
SECTION_ENTRY = 0.8
# A short line with this many ems of space above it and its text right under it heads a section, whatever
# its type (a paragraph break sets it apart; an entry's title has a line's space above it).
SET_APART = 2.0
# A phrase in type this many line heights tall or taller is set larger than the body.
LARGER_TYPE = 1.15
# A heading no label names gives a list its section by elimination when its meaning scores at least
# this for the list (raw match score; "Objective" scores 0.24 for education, "Qualifications" 0.28).
ELIMINATION_MIN = 0.26
# An item of a list of plain strings (a skill) is at most this many words; a summary's phrases are longer.
SHORT_ITEM = 4
# More headings than this on a document, and the pairing is not tried (a long document's headings are
# its clauses, not a résumé's few sections).
ELIMINATION_HEADS = 8
# A document sets its entries out alike: a phrase in the place the field holds in the other entries
# gains this much, against 2 for a phrase whose head word is the role's ("Engineer" for a title). Lower,
# and one word of a company's name ("Financial") makes its title the company.
USUAL_PLACE = 1.0
# A place read as the phrase an entry's title and employer leave over ("Acme Ltd, Breda"), not by its
# shape ("Seattle, WA"): a guess, at this share of the entry's score.
PLACE_BY_ELIMINATION = 0.85


@dataclass(slots=True)
class Heading:
    seg: Segment
    page: int
    left: float = 0.0
    right: float = 0.0

    @property
    def text(self) -> str:
        return self.seg.text


@dataclass(slots=True)
class Line:
    page: int
    row: int
    segs: list[Segment]

    @property
    def words(self) -> list[Word]:
        return [w for s in self.segs for w in s.words]

    @property
    def x(self) -> float:
        return min(s.box.x for s in self.segs)

    @property
    def y(self) -> float:
        return min(s.box.y for s in self.segs)

    @property
    def bottom(self) -> float:
        return max(s.box.bottom for s in self.segs)


@dataclass(slots=True)
class Section:
    heading: Heading
    score: float
    lines: list[Line] = field(default_factory=list)


# ---------------------------------------------------------------- headings and columns


def _looks_heading(seg: Segment, layout: PageLayout, gap_above: float, names: list[Field],
                   gap_below: float = 1e9) -> bool:
    text = seg.text.strip()
    letters = re.sub(r"[^A-Za-z]", "", text)
    if len(seg.words) > 4 or len(letters) < 3 or re.search(r"\d|[@,.;]\s|[.,;]$", text):
        return False
    if is_bullet(seg.words[0]):
        return False
    height = max(w.box.h for w in seg.words)
    # space above it sets a heading apart; half that space does for one set in larger type
    spaced = gap_above >= (0.3 if height >= LARGER_TYPE * layout.em else 0.6) * layout.em
    if letters.isupper() and len(letters) >= 4 and spaced:
        return True
    if height >= 1.25 * layout.em and spaced and len(seg.words) <= 3 and _alone(seg, layout):
        return True
    beside = [s for s in layout.rows[seg.row].segments if s.box.right <= seg.box.x]
    if (gap_above >= SET_APART * layout.em and gap_below <= 1.2 * layout.em and len(seg.words) <= 3
            and text[:1].isupper() and _alone(seg, layout)
            and all(seg.box.x - s.box.right > 0.25 * layout.page.width for s in beside)):
        return True  # a paragraph's space above it, its text under it, alone in its column: "Career"
    named = any(label_score(text, f.labels) >= NAMED_HEADING for f in names)
    return named and (spaced or text.endswith(":"))


def _alone(seg: Segment, layout: PageLayout) -> bool:
    """Nothing follows on its row within a quarter of the page: a title line, not a heading."""
    row = layout.rows[seg.row].segments
    after = [s for s in row if s.box.x > seg.box.right]
    return not after or after[0].box.x - seg.box.right > 0.25 * layout.page.width


def headings(layout: PageLayout, names: list[Field]) -> list[Heading]:
    """The headings of one page, each with the column it heads."""
    found: list[Heading] = []
    last_bottom: dict[int, float] = {}  # by coarse left edge: the bottom of the text above
    for row in layout.rows:
        for seg in row.segments:
            key = int(seg.box.x // (3 * layout.em))
            above = max((b for k, b in last_bottom.items() if abs(k - key) <= 1), default=-1e9)
            gap = seg.box.y - above
            if (_looks_heading(seg, layout, gap, names, _gap_below(seg, layout))
                    and seg == _first_in_column(row.segments, seg, layout)):
                found.append(Heading(seg, layout.number))
            last_bottom[key] = max(last_bottom.get(key, -1e9), seg.box.bottom)
    _columns(found, layout)
    return found


def _gap_below(seg: Segment, layout: PageLayout) -> float:
    """The space between a phrase and the next text that starts near its left edge below it."""
    for row in layout.rows[seg.row + 1:]:
        if any(abs(s.box.x - seg.box.x) < 1.5 * layout.em for s in row.segments):
            return row.box.y - seg.box.bottom
    return 1e9


def _first_in_column(segs: list[Segment], seg: Segment, layout: PageLayout) -> Segment:
    before = [s for s in segs if s.box.right < seg.box.x and seg.box.x - s.box.right < 6 * layout.em]
    return before[0] if before else seg


def _columns(found: list[Heading], layout: PageLayout) -> None:
    """Give each heading its column: [left, right) between the column edges that hold on this page."""
    width = layout.page.width
    edges = sorted({round(h.seg.box.x) for h in found})
    clustered: list[float] = []
    for x in edges:
        if not clustered or x - clustered[-1] > 2 * layout.em:
            clustered.append(x)
    valid = [x for x in clustered[1:] if x > 0.15 * width and _is_gutter(layout, x, found)]
    for h in found:
        x = h.seg.box.x
        h.left = max([e - layout.em for e in valid if e - layout.em <= x + 1], default=0.0)
        h.right = min([e - layout.em for e in valid if e - layout.em > x + 1], default=width + 1)


def _is_gutter(layout: PageLayout, edge: float, found: list[Heading]) -> bool:
    """No text that starts left of `edge` runs across it, below the first heading at `edge`."""
    top = min(h.seg.box.y for h in found if abs(h.seg.box.x - edge) <= 2 * layout.em)
    left = [s for r in layout.rows for s in r.segments
            if s.box.y >= top - layout.em and s.box.x < edge - 2 * layout.em]
    if len(left) < 3:
        return False
    crossing = sum(1 for s in left if s.box.right > edge - 0.3 * layout.em)
    return crossing <= 0.1 * len(left)


# ---------------------------------------------------------------- sections


class Sections:
    """Headed sections of a document, found once and shared by the fields that read them."""

    def __init__(self, layouts: list[PageLayout], names: list[Field]) -> None:
        self.layouts = layouts
        self.names = names
        self.heads = {lay.number: headings(lay, names) for lay in layouts}

    def find(self, f: Field) -> Section | None:
        """The section headed by the heading that names `f` best: by the table, else by meaning ("Roles
        Held" for work_experience, "Where I studied" for education)."""
        best: tuple[float, Heading, int] | None = None
        for i, lay in enumerate(self.layouts):
            for h in self.heads[lay.number]:
                sim = label_score(h.text, f.labels)
                if sim >= MIN_HEADING and (best is None or sim > best[0]):
                    best = (sim, h, i)
        if best is None:
            best = self._by_meaning(f)
        if best is None:
            return None
        sim, head, i = best
        return Section(head, sim, self._lines(head, i))

    def _by_meaning(self, f: Field) -> tuple[float, Heading, int] | None:
        heads = [(clean_label(h.text), h, i) for i, lay in enumerate(self.layouts) for h in self.heads[lay.number]]
        rows: dict[str, dict[tuple[str, ...], float]] = {}
        named = meaning.named_by_meaning(sorted({t for t, _, _ in heads if t}), [f, *self.names], rows=rows)
        hits = [(named[t][1], h, i) for t, h, i in heads  # the list, or a field of its items ("Qualifications")
                if t in named and named[t][0][:len(f.path)] == f.path]
        if hits:
            return max(hits, key=lambda hit: hit[0])
        headed = {named[t][0][:1] for t, _, _ in heads if t in named}  # lists a heading names by meaning
        return self._by_elimination(f, [(t, h, i) for t, h, i in heads if t and t not in named], rows, headed)

    def _by_elimination(self, f: Field, heads: list[tuple[str, Heading, int]],
                        rows: dict[str, dict[tuple[str, ...], float]], headed: set[tuple[str, ...]]
                        ) -> tuple[float, Heading, int] | None:
        """The heading no label and no clear meaning gives a section: the lists of the schema (work, skills,
        education; two at least) each take one of the document's other headings, the one-to-one pairing
        whose meanings add up best ("Core Competencies" is skills once "Qualifications" is education). A
        list a heading names, by the table or by meaning (`headed`), has its section and takes no other. A
        guess: scored as a label just accepted."""
        arrays = list({x.path: x for x in [f, *self.names] if x.type == "array"}.values())
        labelled = {id(h) for _, h, _ in heads for a in arrays if label_score(h.text, a.labels) >= MIN_HEADING}
        lists = [a for a in arrays if a.path not in headed and not any(
            label_score(h.text, a.labels) >= MIN_HEADING for lay in self.layouts for h in self.heads[lay.number])]
        heads = [(t, h, i) for t, h, i in heads if id(h) not in labelled]
        if f not in lists or len(arrays) < 2 or len(lists) > len(heads) or len(heads) > ELIMINATION_HEADS:
            return None  # one list alone eliminates nothing: a lease's title is no section of its tenants
        shapes = {id(h): _shape(Section(h, 1.0, self._lines(h, i))) for _, h, i in heads}

        def fit(k: int, a: Field) -> float:
            t, h, _ = heads[k]
            score = rows.get(t, {}).get(a.path, 0.0)
            shape, dated = shapes[id(h)], _dated_items(a)
            if shape == "entries" and not dated:
                return -1.0  # positions with their dates are no list of plain strings
            if (shape == "entries" and dated) or (shape == "items" and a.item().type == "string"):
                score = max(score, ELIMINATION_MIN)  # what is listed under it is what the list holds
            return score if score >= ELIMINATION_MIN else -1.0
        best = max(itertools.permutations(range(len(heads)), len(lists)),
                   key=lambda pick: sum(fit(k, a) for k, a in zip(pick, lists, strict=True)))
        k = best[lists.index(f)]
        return (meaning.MIN_LABEL, heads[k][1], heads[k][2]) if fit(k, f) > 0 else None

    def _lines(self, head: Heading, index: int) -> list[Line]:
        out: list[Line] = []
        lay = self.layouts[index]
        left, right, start = head.left, head.right, head.seg.row + 1
        while True:
            for r, row in enumerate(lay.rows[start:], start):
                segs = [s for s in row.segments if left <= s.box.x < right]
                if not segs:
                    continue
                if any(h.seg in segs for h in self.heads[lay.number]):
                    return out
                out.append(Line(lay.number, r, segs))
            index += 1
            if index >= len(self.layouts):
                return out
            lay, start = self.layouts[index], 0
            cols = [h for h in self.heads[lay.number] if h.left <= head.seg.box.x < h.right]
            if cols:
                left, right = cols[0].left, cols[0].right


def _shape(section: Section) -> str | None:
    """What a section lists, by its lines: "entries" where a line prints a dated month or year (positions held,
    degrees), "items" where it lists two short phrases or more, no dates and no contact details (skills), else
    None (a summary's sentences, the contact lines under a name)."""
    if any(d.year is not None for line in section.lines for d in _dates(line.words)):
        return "entries"
    items = string_items(section)
    plain = all(len(c.words) <= SHORT_ITEM and not _CONTACT.search(c.value) for c in items)
    return "items" if len(items) >= 2 and plain else None


# An e-mail address, a web address or a phone number: a contact line's parts, not a list's items.
_CONTACT = re.compile(r"@|\w\.\w+/|www\.|(?:\d\D?){6}")


def _dated_items(a: Field) -> bool:
    """A list whose items hold a date, a month or a year."""
    item = a.item()
    return item.type == "object" and any(c.is_date or c.is_month or "year" in c.words for c in item.children())


# ---------------------------------------------------------------- lists of strings


def string_items(section: Section) -> list[Candidate]:
    """Items of a list section: one per bullet, comma-separated phrase or phrase of a grid row."""
    out: list[Candidate] = []
    first = prev = None
    for line in section.lines:
        lead = line.segs[0].box
        if first is not None and (abs(lead.x - first.x) > 2 * lead.h or lead.y - prev.bottom > 3 * lead.h):
            break  # a phrase outside the list's column, or past a wide gap, is not one of its items
        first, prev = first or lead, lead
        for seg in line.segs:
            words = strip_bullet(seg.words)
            colon = next((i for i, w in enumerate(words[:4]) if w.text.endswith(":")), None)
            if colon is not None and colon + 1 < len(words):
                words = words[colon + 1:]  # "Languages: Python, Go" → the items after the category
            for item in _split_commas(words):
                text = " ".join(w.text for w in item).strip(" ,;·|")
                if text and len(item) <= 6 and not text.endswith("."):
                    out.append(Candidate(text, line.page, item, SECTION_ITEM * section.score, "section"))
    return out


def _split_commas(words: list[Word]) -> list[list[Word]]:
    items: list[list[Word]] = [[]]
    for w in words:
        if w.text in ("·", "|", "•", ";", ","):
            items.append([])
            continue
        items[-1].append(w)
        if w.text.endswith((",", ";")):
            items.append([])
    return [it for it in items if it]


# ---------------------------------------------------------------- entries


_MON = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_OPEN = re.compile(r"(?i)^(?:(?:to|till|until) )?(present|current|now|today|ongoing|date)$")  # "Now", "to date"
_YEAR = re.compile(r"^(19|20)\d\d$")


@dataclass(slots=True)
class _Date:
    value: str | None  # YYYY-MM, YYYY, or None for "Present"
    year: int | None
    words: list[Word]


def _read_date(text: str) -> _Date | None:
    text = text.strip(" ,;()–—-")
    if _OPEN.match(text):
        return _Date(None, None, [])
    if _YEAR.match(text):
        return _Date(text, int(text), [])
    if re.fullmatch(rf"(?i){_MON}\s*'?\d{{2,4}}|\d{{1,2}}[/.]\d{{4}}|\d{{4}}[-/.]\d{{1,2}}", text):
        m = V.parse_month(text.replace(".", "/") if re.fullmatch(r"\d{1,2}\.\d{4}", text) else text)
        if m:
            return _Date(m, int(m[:4]), [])
    return None


def _dates(words: list[Word]) -> list[_Date]:
    """Dates printed in a line, in order: 'Apr 2022 – Present', '2019–2021', '06/2023 - 08/2025'."""
    out: list[_Date] = []
    i = 0
    while i < len(words):
        got = None
        for n in (2, 1):
            if i + n > len(words):
                continue
            d = _read_date(" ".join(w.text for w in words[i:i + n]))
            if d is not None and (n == 2 or not re.fullmatch(rf"(?i){_MON}", words[i].text)):
                d.words, got = words[i:i + n], d
                break
        if got is None:
            ends = _glued_range(words[i].text)
            if ends is not None:
                a, b = ends
                a.words = b.words = [words[i]]
                out += [a, b]
            i += 1
            continue
        out.append(got)
        i += len(got.words)
    return out


def _glued_range(text: str) -> tuple[_Date, _Date] | None:
    """Two dates printed as one word: "2019–2021", "06/2023-08/2025", and "2023-11-2024-04" (months written
    year first, where a scan lost the spaces around the dash): split at the dash that leaves a date either side."""
    for m in re.finditer(r"[–—-]", text):
        a, b = _read_date(text[:m.start()]), _read_date(text[m.end():])
        if a is not None and b is not None:
            return a, b
    return None


def _is_detail(line: Line, left: float, em: float, header: Line | None = None) -> bool:
    """A bullet, a lower-case continuation, a sentence (one phrase that is long or ends in a full stop: a
    header line's phrases set apart, title | employer | dates, are each short), or an indented line. A
    line set under a later phrase of the header line above it (the employer under the title beside the
    dates) is no indent, nor is a line of dates alone: both are the entry's header."""
    words = line.words
    text = " ".join(w.text for w in words)
    if is_bullet(words[0]) or text[:1].islower():
        return True
    if any(len(seg.words) > 10 or (len(seg.words) >= 6 and seg.text.endswith(".")) for seg in line.segs):
        return True
    if line.x <= left + 0.6 * em or _only_dates(line):
        return False
    return header is None or not any(abs(seg.box.x - line.x) < 0.6 * em for seg in header.segs[1:])


def _only_dates(line: Line) -> bool:
    found = {id(w) for d in _dates(line.words) for w in d.words}
    return bool(found) and all(id(w) in found or not re.search(r"[A-Za-z0-9]", w.text) or w.text.islower()
                               for w in line.words)


def _entries(section: Section, em: float, roles: list[str]) -> list[list[Line]]:
    """Header lines grouped into entries. A section of bullets only (a list of degrees) has one
    entry per bullet."""
    left = min((ln.x for ln in section.lines), default=0.0)
    lines: list[tuple[Line, bool]] = []
    header = None
    for ln in section.lines:
        lines.append((ln, _is_detail(ln, left, em, header)))
        header = header if lines[-1][1] else ln
    if lines and all(d for _, d in lines):
        lines = [(ln, not is_bullet(ln.words[0])) for ln, _ in lines]
    entries: list[list[Line]] = []
    current: list[Line] = []
    filled: set[str] = set()
    broken = False
    for line, detail in lines:
        if detail:
            broken = bool(current)
            continue
        dated = bool(_dates(line.words))
        has_date = any(_dates(ln.words) for ln in current)
        gap = line.y - current[-1].bottom if current and current[-1].page == line.page else 0.0
        brings = _roles_of(line, roles)
        joins = dated and not has_date and _only_dates(line)  # the dates of the entry above, set apart
        if current and not joins and (broken or gap > 0.8 * em or (dated and has_date) or brings & filled):
            entries.append(current)
            current, filled = [], set()
        current.append(line)
        filled |= brings
        broken = False
    if current:
        entries.append(current)
    return entries


def _roles_of(line: Line, roles: list[str]) -> set[str]:
    """The text roles a line's phrases clearly read as (a degree, a school)."""
    out: set[str] = set()
    for seg in line.segs:
        for piece in _split_phrase(strip_bullet(seg.words)):
            scored = [(_affinity(r, _text(piece)), r) for r in roles]
            best = max(scored, default=(0.0, ""))
            if best[0] >= 1.0 and sum(1 for a, _ in scored if a >= 1.0) == 1:
                out.add(best[1])
    return out


# Vocabulary of the phrases an entry is made of: general words, not any document's names.
_TITLE_WORDS = {"manager", "engineer", "developer", "analyst", "designer", "specialist", "associate",
                "director", "scientist", "consultant", "lead", "intern", "officer", "coordinator", "administrator",
                "architect", "representative", "assistant", "head", "vp", "president", "accountant", "nurse",
                "teacher", "technician", "supervisor", "executive", "advisor", "adviser", "owner", "founder",
                "researcher", "fellow", "partner", "principal", "senior", "junior", "sr", "jr", "chief", "ceo",
                "cto", "cfo", "coo", "editor", "writer", "agent", "clerk", "operator", "programmer", "tester",
                "strategist", "planner", "recruiter", "buyer", "marketer", "trainee", "apprentice", "professor",
                "lecturer", "instructor", "tutor", "attorney", "counsel", "paralegal", "physician", "pharmacist"}
_ORG_WORDS = {"inc", "llc", "ltd", "limited", "corp", "corporation", "company", "co", "group", "gmbh", "plc",
              "ag", "sa", "technologies", "technology", "solutions", "systems", "labs", "partners", "holdings",
              "industries", "international", "global", "services", "consulting", "software", "bank", "foods",
              "health", "healthcare", "media", "energy", "logistics", "financial", "insurance", "manufacturing",
              "capital", "ventures", "studio", "studios", "agency", "hospital", "clinic", "foundation", "trust",
              "university", "college", "institute", "school", "academy", "polytechnic", "council", "ministry"}
_SCHOOL_WORDS = {"university", "college", "institute", "school", "academy", "polytechnic", "universite",
                 "universitat", "conservatory", "seminary"}
_DEGREE = re.compile(r"(?i)^(b\.?\s?a|b\.?\s?sc?|b\.?\s?eng|b\.?\s?com|m\.?\s?a|m\.?\s?sc?|m\.?\s?eng|m\.?\s?b\.?\s?a|"
                     r"ph\.?\s?d|m\.?\s?d|j\.?\s?d|ll\.?\s?[bm]|b\.?\s?ed|m\.?\s?ed|a\.?\s?a|a\.?\s?s|"
                     r"bachelor|master|doctor|associate of|diploma|certificate|hnd|gcse|a-levels?|mphil|dphil)\b")
_COUNTRIES = {"usa", "us", "uk", "united states", "united kingdom", "canada", "ireland", "germany", "france",
              "spain", "italy", "netherlands", "belgium", "switzerland", "austria", "sweden", "norway", "denmark",
              "finland", "poland", "portugal", "australia", "new zealand", "india", "china", "japan",
              "singapore", "brazil", "mexico", "south africa", "israel", "scotland", "england", "wales"}
_PLACE = re.compile(r"^[A-Z][A-Za-z.'\- ]{1,30},\s*([A-Z]{2,3}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)$")
_REMOTE = re.compile(r"(?i)^(remote|hybrid|on-?site)$")


def is_place(text: str) -> bool:
    """'Seattle, WA', 'Cork, Ireland', 'Remote': a place as printed in a résumé or a contact line."""
    text = text.strip()
    if _REMOTE.match(text):
        return True
    m = _PLACE.match(text)
    if not m or len(text.split()) > 5:
        return False
    tail = m[1]
    return tail.isupper() or V.fold(tail) in _COUNTRIES or V.fold(tail) in _US_STATES


_US_STATES = {"alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware",
              "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky",
              "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota", "mississippi",
              "missouri", "montana", "nebraska", "nevada", "new hampshire", "new jersey", "new mexico",
              "new york", "north carolina", "north dakota", "ohio", "oklahoma", "oregon", "pennsylvania",
              "rhode island", "south carolina", "south dakota", "tennessee", "texas", "utah", "vermont",
              "virginia", "washington", "west virginia", "wisconsin", "wyoming", "ontario", "quebec",
              "british columbia", "alberta"}


def _role(f: Field) -> str | None:
    """What part of an entry a field of the item wants."""
    w = set(f.words)
    if f.type == "integer" and w & {"year", "graduation", "graduated", "completed"}:
        return "year"
    if f.type == "string" and (f.is_month or f.is_date or w & {"start", "end", "from", "to", "until"}):
        if w & {"start", "from", "begin", "began", "since"}:
            return "start"
        if w & {"end", "to", "until", "finish", "finished", "graduation"}:
            return "end"
        return "start"
    if f.type != "string" or f.enum:
        return None
    if w & {"location", "city", "place", "based"}:
        return "place"
    if w & {"institution", "school", "university", "college"}:
        return "school"
    if w & {"company", "employer", "organization", "organisation", "firm", "business"}:
        return "org"
    if w & {"title", "position", "role", "job", "designation"}:
        return "title"
    if w & {"degree", "qualification", "diploma", "major", "program", "programme", "course"}:
        return "degree"
    return None


def _affinity(role: str, text: str) -> float:
    """How much a phrase reads as the role; the last word (the head noun) counts most."""
    toks = re.sub(r"[^a-z ]", " ", V.fold(text)).split()
    if not toks:
        return 0.0
    def kind(vocab: set[str]) -> float:
        return 1.0 if toks[-1] in vocab else (0.5 if set(toks) & vocab else 0.0)
    if role == "title":
        return kind(_TITLE_WORDS) - 0.5 * kind(_ORG_WORDS)
    if role == "org":
        return kind(_ORG_WORDS) - 0.5 * kind(_TITLE_WORDS) - (0.5 if _DEGREE.match(text) else 0.0)
    if role == "school":
        return kind(_SCHOOL_WORDS) - (0.5 if _DEGREE.match(text) else 0.0)
    if role == "degree":
        return (1.0 if _DEGREE.match(text) else 0.0) - 0.5 * kind(_SCHOOL_WORDS)
    return 0.0


def _pieces(entry: list[Line]) -> tuple[list[list[Word]], list[Word] | None, list[_Date]]:
    """An entry's phrases (dates taken out), its place, and its dates."""
    pieces: list[list[Word]] = []
    place: list[Word] | None = None
    dates: list[_Date] = []
    for line in entry:
        for seg in line.segs:
            found = _dates(seg.words)
            dates += found
            used = {id(w) for d in found for w in d.words}
            at = [i for i, w in enumerate(seg.words) if id(w) in used]
            for a, b in itertools.pairwise(at):  # "July 2023 to August 2024": the words joining a range
                if 1 < b - a <= 3:
                    used |= {id(w) for w in seg.words[a + 1:b]}
            rest = [w for w in strip_bullet(seg.words) if id(w) not in used]
            for piece in _split_phrase(rest):
                if is_place(" ".join(w.text for w in piece)):
                    place = place or piece
                else:
                    pieces.append(piece)
    return pieces, place, dates


_SPLITTERS = {"–", "—", "-", "|", "·", "•", "@"}


def _split_phrase(words: list[Word]) -> list[list[Word]]:
    """'Product Manager, Acme Corp' / 'Engineer at Acme' / 'Acme - Engineer' → its phrases; a place
    ('Seattle, WA') stays whole."""
    parts: list[list[Word]] = [[]]
    for i, w in enumerate(words):
        if w.text in _SPLITTERS or (w.text.lower() == "at" and 0 < i < len(words) - 1):
            parts.append([])
            continue
        parts[-1].append(w)
        if w.text.endswith(",") and len(w.text) > 1:
            parts.append([])
    merged: list[list[Word]] = []
    for p in (p for p in parts if p):
        if merged and is_place(_text(merged[-1] + p)) and _affinity("org", _text(merged[-1])) <= 0:
            merged[-1] = merged[-1] + p
        else:
            merged.append(p)
    return [_strip_comma(p) for p in merged]


def _text(words: list[Word]) -> str:
    return " ".join(w.text for w in words)


def _strip_comma(words: list[Word]) -> list[Word]:
    last = words[-1]
    if last.text.endswith(",") and not is_place(_text(words)):
        return [*words[:-1], Word(last.text.rstrip(","), last.box, last.confidence)]
    return words


def entry_records(item: Field, section: Section, ctx: ReadContext, em: float) -> list[dict[str, Candidate | None]]:
    """One record per entry of the section, for an array of objects."""
    roles = {c.name: _role(c) for c in item.children()}
    text_fields = [n for n, r in roles.items() if r in ("title", "org", "school", "degree")]
    text_roles = sorted({roles[n] for n in text_fields})
    pairs: list[tuple[list[Line], tuple]] = []
    for e in _entries(section, em, text_roles):
        pieces, place, dates = _pieces(e)
        if pieces or dates:
            pairs.append((e, (pieces, place, dates)))
        elif place and pairs and pairs[-1][1][1] is None:  # a place line set apart: the previous entry's
            prev = pairs[-1][1]
            pairs[-1] = (pairs[-1][0], (prev[0], place, prev[2]))
    if not pairs or not any(roles.values()):
        return []
    usual = _usual_positions([p for _, p in pairs], text_fields, roles)
    score = SECTION_ENTRY * section.score
    out: list[dict[str, Candidate | None]] = []
    for entry, (pieces, place, dates) in pairs:
        page = entry[0].page
        rec: dict[str, Candidate | None] = {c.name: None for c in item.children()}
        matched = _match(pieces, text_fields, roles, usual)
        for name, piece in matched.items():
            rec[name] = Candidate(" ".join(w.text for w in piece), page, piece, score, "section")
        town = None if place else _town(pieces, list(matched.values()))
        for name, role in roles.items():
            if role == "place" and place:
                rec[name] = Candidate(" ".join(w.text for w in place), page, place, score, "section")
            elif role == "place" and town:
                rec[name] = Candidate(" ".join(w.text for w in town), page, town, PLACE_BY_ELIMINATION * score,
                                      "section", inferred=True)
            elif role in ("start", "end", "year") and dates:
                rec[name] = _date_candidate(role, dates, page, score)
        if any(c is not None for c in rec.values()):
            out.append(rec)
    return out


def _town(pieces: list[list[Word]], matched: list[list[Word]]) -> list[Word] | None:
    """The phrase left over after an entry's title and employer when it reads as a place name: one to three
    capitalised words, no figure, no word of a title or an organisation ("Acme Ltd, Breda" → "Breda")."""
    left = [p for p in pieces if p not in matched]
    if len(left) != 1 or not matched:
        return None
    words = left[0]
    text = _text(words)
    if (len(words) > 3 or re.search(r"\d", text) or not all(w.text[:1].isupper() for w in words)
            or any(_affinity(r, text) > 0 for r in ("title", "org", "school", "degree"))):
        return None
    return words


def _date_candidate(role: str, dates: list[_Date], page: int, score: float) -> Candidate | None:
    if role == "year":
        d = dates[-1] if dates[-1].year is not None else dates[0]
        return Candidate(d.year, page, d.words, score, "section") if d.year is not None else None
    if role == "start":
        d = dates[0]
    elif len(dates) >= 2:
        d = dates[1]
    else:
        return None
    if d.value is None:  # "Present": the role is current, the end is null
        return None
    return Candidate(d.value, page, d.words, score, "section")


def _match(pieces: list[list[Word]], names: list[str], roles: dict, usual: dict[str, int]) -> dict[str, list[Word]]:
    """Fields → phrases: vocabulary first, then the position the field holds in the other entries."""
    if not pieces or not names:
        return {}
    texts = [" ".join(w.text for w in p) for p in pieces]
    best, best_score = {}, -1e9
    k = min(len(names), len(pieces))
    for chosen in itertools.permutations(range(len(pieces)), k):
        for fields in itertools.combinations(names, k):
            s = 0.0
            for name, idx in zip(fields, chosen, strict=True):
                usual_here = USUAL_PLACE if usual.get(name) == idx else 0.0
                s += 2 * _affinity(roles[name], texts[idx]) + usual_here - 0.01 * idx
            if s > best_score:
                best, best_score = dict(zip(fields, chosen, strict=True)), s
    return {name: pieces[i] for name, i in best.items()}


def _usual_positions(parsed: list, names: list[str], roles: dict) -> dict[str, int]:
    votes: dict[str, dict[int, float]] = {n: {} for n in names}
    for pieces, _, _ in parsed:
        texts = [" ".join(w.text for w in p) for p in pieces]
        for n in names:
            for i, t in enumerate(texts):
                a = _affinity(roles[n], t)
                if a > 0:
                    votes[n][i] = votes[n].get(i, 0.0) + a
    usual = {n: max(v, key=v.get) for n, v in votes.items() if v}
    # a field without vocabulary takes the position its partner does not
    if len(names) == 2 and len(usual) == 1:
        (known, pos), = usual.items()
        other = names[1] if names[0] == known else names[0]
        usual[other] = 1 if pos == 0 else 0
    return usual
