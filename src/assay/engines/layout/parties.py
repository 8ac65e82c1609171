"""Party blocks: a name with its address under a heading ("BILL TO", "Supplier"), or the letterhead.

Objects shaped like a party (a `name` and an address) or like an address are filled from a block
of lines: the lines under a heading that names the object, in the heading's column. The party that
issued the document usually has no heading; it is the letterhead, the first name-like phrase at the
top of the first page, so an object described as the issuer (or named vendor / seller / merchant)
falls back to it. The addressee's block may have no heading, or one the schema does not know
("Recipient"): it falls to the party named as the recipient, else to the schema's first party that
is not the issuer.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Callable

from assay.domain.document import Word
from assay.domain.fields import Field
from assay.domain.labels import SYNONYMS, clean_label, label_score, split_name
from assay.engines.layout.addresses import TAX_NUMBER_DIGITS, ends_address, parse_address, split_parts, text_of
from assay.engines.layout.agreements import is_legal_form
from assay.engines.layout.candidates import Candidate
from assay.engines.layout.geometry import PageLayout, Row, Segment
from assay.engines.layout.keyvalue import MIN_LABEL, LabelIndex, in_grid, in_table_header

ADDRESS_KEYS = {"street", "city", "region", "postal_code", "country", "state", "zip", "postcode", "zip_code",
                "province", "address_line", "street_address", "line1"}
_ISSUER_NAMES = {"vendor", "seller", "merchant", "issuer", "from", "company", "store", "supplier", "bank", "sender"}
# Organisations that issue documents to people (an employer a payslip, a provider or insurer a bill or a
# policy) but are also asked about on forms ("Current employer"): the issuer only where the schema
# promises a value, since a form's answer may be blank while a document's issuer never is.
_ISSUING_ROLES = {"employer", "provider", "insurer", "carrier"}
_TITLE_WORDS = {"invoice", "receipt", "statement", "order", "application", "agreement", "lease", "quote",
                "quotation", "catalogue", "catalog", "resume", "form", "bill", "purchase", "tax", "page", "document",
                "note", "copy", "duplicate", "reprint"}
# Function words name nothing: a title joined by them ("Statement of the Month", "Your Receipt") is still a
# title, so they do not make a phrase a name. Content words stay out of this set: a name may hold any of them.
_FUNCTION_WORDS = {"a", "an", "the", "of", "and", "for", "to", "in", "on", "at", "by", "with", "from",
                   "your", "our", "my", "this"}
_RECIPIENT_NAMES = {"bill", "billed", "customer", "client", "recipient", "addressee", "sold"}
_FILL_IN = re.compile(r"_{3,}")
_ATTN = re.compile(r"(?i)^(attn|attention|c/o|contact)\b")

# Party and address blocks. A block under a heading that names the object ("Bill To", "Ship To") needs
# a heading match of BLOCK_HEADING and scores HEADED_BLOCK × the match; without a heading, the issuer's
# letterhead (the top-left block) is fairly sure and the unlabelled addressee block a guess, so both
# lose to any labelled value. The issuer's own name, alone, sits between them.
BLOCK_HEADING = 0.85
HEADED_BLOCK = 0.9
LETTERHEAD_BLOCK = 0.75
LETTERHEAD_NAME = 0.7
ADDRESSEE_BLOCK = 0.6
# An address's parts score a little below the block's name: splitting a block into street, city and
# postcode can go wrong where reading its first line cannot. A region or country the address does not
# print is an explicit null, weaker still.
ADDRESS_PART = 0.95
ADDRESS_PART_ABSENT = 0.9
# A country read by its shape alone (a word of letters after the postal code) may be a line of something else.
ADDRESS_COUNTRY_SHAPED = 0.85


def is_address(f: Field) -> bool:
    names = {c.name.lower() for c in f.children()}
    return f.type == "object" and len(names & ADDRESS_KEYS) >= 2


def is_party(f: Field) -> bool:
    kids = list(f.children())
    has_name = any("name" in c.words for c in kids if c.type == "string")
    return f.type == "object" and has_name and any(is_address(c) for c in kids)


def is_issuer(f: Field) -> bool:
    d = f.description.lower()
    if set(f.words) & _ISSUING_ROLES and not f.nullable:
        return True
    return bool(set(f.words) & _ISSUER_NAMES) or "issu" in d or "letterhead" in d or "top of" in d


_DESCRIBED_ISSUER = re.compile(r"(?i)\bissuer\b|\bissued\s+(the|this)\b")


def addressee(objects: list[Field]) -> Field | None:
    """The party an unlabelled addressee block belongs to: one named as the recipient ("bill_to", "customer"),
    else the schema's first party that is not the issuer (a delivery note's "ship_to"). Where the schema
    describes one party as the issuer ("The company placing the order (issuer of the PO)"), a party only
    named like one (a purchase order's "supplier") is not."""
    parties = [o for o in objects if is_party(o)]
    described = [o for o in parties if _DESCRIBED_ISSUER.search(o.description)]
    others = [o for o in parties if o not in described] if described else [o for o in parties if not is_issuer(o)]
    return next((o for o in others if set(o.words) & _RECIPIENT_NAMES), others[0] if others else None)


def party_candidates(f: Field, layouts: list[PageLayout], index: LabelIndex,
                     meaning: Callable[[str, Field], float] | None = None,
                     is_addressee: bool = False) -> dict[tuple[str, ...], Candidate]:
    """Candidates for the leaves of a party or address object, keyed by leaf path; `meaning` names a
    heading the table does not know (engines.layout.meaning); `is_addressee`: the object takes the
    unlabelled addressee block when no heading names it (see `addressee`)."""
    heading = _find_heading(f, layouts, meaning)
    address = next((c for c in f.children() if is_address(c)), None)
    if heading is None and is_party(f) and not is_issuer(f) and address is not None:
        heading = _find_heading(address, layouts, meaning)  # "Invoice Address" over the party's name and address
        if heading is not None and _opens_address(_block_lines(heading[0], heading[1], index)):
            heading = None  # the heading's block starts with the street: it names no one
    lines = _block_lines(heading[0], heading[1], index) if heading is not None else []
    if lines and is_party(f) and not _LETTERS.search(text_of(lines[0])):
        lines = []  # "Customer Account: C-74984": a code where the party's name would be, no party's block
    from_letterhead = False
    if heading is not None and lines:  # a heading with no block under it ("Commercial Invoice") heads no party
        seg, layout, sim = heading
        score = HEADED_BLOCK * sim
    elif is_issuer(f) and not is_addressee:
        got = letterhead(layouts, f.context)
        if got is None:
            return {}
        seg, layout = got
        name, same_line = _name_and_address_line(seg, layout)
        again = _name_repeated(seg, layout)  # a footer's "Harbour & Finch Ltd · 14 Quay Street · Bristol BS1 4DJ"
        lines = [_strip_monogram(name), *(again or [same_line, *_letterhead_lines(seg, layout)])]
        score, from_letterhead = LETTERHEAD_BLOCK, True
    elif is_party(f) and (is_addressee or set(f.words) & _RECIPIENT_NAMES):
        got = _unlabelled_recipient(layouts, index, f.context)
        if got is None:
            return {}
        seg, layout, lines = got
        score = ADDRESSEE_BLOCK
    else:
        return {}
    return _fill(f, lines, layout.number, score, with_name=is_party(f), from_letterhead=from_letterhead)


_LETTERS = re.compile(r"[^\W\d_]{2}")  # a name has two letters in a row, whatever its script


def _opens_address(lines: list[list[Word]]) -> bool:
    """The lines' first is the street of the address they print (not a name or a contact line over it)."""
    if not lines:
        return False
    addr = parse_address(split_parts(lines))
    return addr is not None and addr.street is not None and addr.street[0] is lines[0][0]


def _unlabelled_recipient(layouts: list[PageLayout], index: LabelIndex, context: str
                          ) -> tuple[Segment, PageLayout, list[list[Word]]] | None:
    """An addressee block with no heading (a window-envelope address): the topmost column of
    lines on the first page that starts with a name, not the issuer's, and holds an address."""
    if not layouts:
        return None
    layout = layouts[0]
    issuer = letterhead(layouts, context)
    issuer_text = clean_label(issuer[0].text) if issuer else None
    for seg in layout.segments():  # a side column's rows come after the body's: all are read
        if seg.box.y > layout.page.height * 0.45:
            continue
        text = seg.text
        if (issuer is not None and seg is issuer[0]) or clean_label(text) == issuer_text:
            continue
        if index.looks_like_label(seg.words) or _is_vocabulary(text):
            continue
        if not _is_name_like(text, context) or _ATTN.match(text):
            continue
        above = _row_above(seg, layout)
        if above is not None and _heads_for_a_field(above, index):
            continue  # a block under a heading of another field: that heading's party, not an unlabelled one
        lines = [seg.words, *_block_lines(seg, layout, index)]
        rest = [ln for ln in lines[1:] if not _ATTN.match(text_of(ln))]
        if len(rest) < 2:
            continue
        addr = parse_address(split_parts(rest))
        if addr is None or not addr.street or not (addr.postal_code or addr.city):
            continue
        if in_grid(seg, layout) and not (addr.postal_code and addr.city):
            continue  # a grid's cell, but where a whole address runs under it: blocks side by side ("Recipient" beside
            # "Ship-To Party", each over its party's name and address)
        title = _set_larger(seg.words, rest[0])  # a title over the block ("Tax Invoice - Electricity"), no name of it
        if addr.street[0] is rest[0][0]:
            if title:
                continue
            return seg, layout, lines
        if addr.street[0] is not rest[1][0]:
            continue  # the address starts further down: the phrase is no name of it
        if not (title or _heads_block(seg, rest, context)):
            return seg, layout, lines  # a second name line: "Jane Doe" / "Acme Ltd" / "12 Road"
        name = next((s for s in layout.segments() if s.words[0] is rest[0][0]), None)  # "Recipient" over the name
        if name is not None:
            return name, layout, lines[1:]
    return None


# A heading over a party block is a short phrase: a name line and the address follow it.
HEADING_WORDS = 3
# A phrase in type this much taller than the line under it is a heading or a title over that line, not the first
# line of its block: a block's name line is set in the block's type (bold, at most).
LARGER_THAN_BLOCK = 1.3


def _set_larger(phrase: list[Word], below: list[Word]) -> bool:
    """The phrase is set in type LARGER_THAN_BLOCK times as tall as the line under it, or taller."""
    return statistics.median(w.box.h for w in phrase) >= LARGER_THAN_BLOCK * statistics.median(w.box.h for w in below)


def _heads_for_a_field(above: Segment, index: LabelIndex) -> bool:
    """A label over a block that the table or meaning names a field for ("Ship To", "Supplier:"); a heading of words
    the schema does not use ("Recipient:", "Order From:") names none."""
    text = above.text
    return index.looks_like_label(above.words) and (index.names_a_field(text) or clean_label(text) in index.meant)


def _heads_block(seg: Segment, rest: list[list[Word]], context: str) -> bool:
    """The phrase over a name line and the address's street is the block's heading, not a second name ("Recipient"
    over "Hannah Dlamini" / "Gartengasse 4"): the line under it is name-like, and the phrase is a few words, with no
    company's legal form."""
    if len(seg.words) > HEADING_WORDS:
        return False
    return _is_name_like(text_of(rest[0]), context) and not any(is_legal_form(w.text) for w in seg.words)


def _row_above(seg: Segment, layout: PageLayout) -> Segment | None:
    """The segment right above `seg` in its column, if it is close enough to belong to its block."""
    if seg.row == 0:
        return None
    row = layout.rows[seg.row - 1]
    if seg.box.y - row.box.bottom > 1.9 * layout.em:
        return None
    return next((s for s in row.segments if abs(s.box.x - seg.box.x) <= 1.5 * layout.em), None)


def names_issuer(f: Field) -> bool:
    """A field for the issuer's name: 'merchant_name', 'bank_name', or a field called for the issuer itself
    ('vendor', 'company') or described as its name ("Name of the store that issued the receipt")."""
    if f.type != "string" or f.is_date or f.is_time or not is_issuer(f) or len(f.path) != 1 or "address" in f.words:
        return False  # "available_from" is a date, whatever its last word
    described = re.match(r"(?i)^\W*(the\s+)?(name|title)\b", f.description) is not None
    return "name" in f.words or bool(f.words and f.words[-1] in _ISSUER_NAMES) or described


def issuer_name_candidate(f: Field, layouts: list[PageLayout]) -> Candidate | None:
    """A top-level name of the issuer (merchant_name, bank_name, vendor): the letterhead's name."""
    if not names_issuer(f):
        return None
    got = letterhead(layouts, f.context)
    if got is None:
        return None
    seg, layout = got
    head = [w for w in f.words if w != "name"]
    for s in layout.segments()[:12]:  # a phrase naming the kind of issuer ("... Bank") wins
        if head and any(h in clean_label(s.text).split() for h in head) and _is_name_like(s.text, f.context):
            seg = s
            break
    cont = name_continued(seg, layout, f.context)
    words = _strip_monogram(seg.words) + (cont.words if cont is not None else [])
    text = _by_consensus(" ".join(_lookalikes(w.text) for w in words), words, layout)
    return Candidate(text, layout.number, words, LETTERHEAD_NAME, "block", row=seg.row)


# Scanned print: OCR reads a letter as a symbol shaped like it ("D.I.¥." for "D.I.Y."). In a word of letters and
# dots, such a symbol beside a letter or a dot is that letter.
_LOOKALIKE = {"¥": "Y", "$": "S"}


def _lookalikes(word: str) -> str:
    if any(c.isdigit() for c in word) or not any(c.isalpha() for c in word):
        return word
    chars = list(word)
    for i, c in enumerate(chars):
        near = chars[i - 1: i] + chars[i + 1: i + 2]
        if c in _LOOKALIKE and any(n.isalpha() or n == "." for n in near):
            chars[i] = _LOOKALIKE[c]
    return "".join(chars)


# A name word misread in the letterhead is often printed again, read right, elsewhere on the page ("SANYO
# STATIONERY" over "SANYU SUPPLY SDN BHD" and "Sanyu.Stationery"): a word of CONSENSUS_LETTERS letters or more
# that the page never prints again, while it prints one spelling a letter away from it CONSENSUS_VOTES times or
# more (and no other), on lines of different text, is that spelling.
CONSENSUS_LETTERS = 5
CONSENSUS_VOTES = 2


def _by_consensus(text: str, words: list[Word], layout: PageLayout) -> str:
    if all(w.confidence >= 1.0 for w in words):
        return text  # a text layer's words, read as printed: "Energi" is no misread "Energy"
    mine = {id(w) for w in words}
    lines = {row.text for row in layout.rows if not any(id(w) in mine for w in row.words)}  # a line printed
    others = [t.upper() for line in lines  # twice ("*RUNCTT" over each group of items) is one reading, not two
              for t in re.split(r"[^A-Za-z]+", line) if len(t) >= CONSENSUS_LETTERS]
    def fix(m: re.Match) -> str:
        word = m[0]
        up = word.upper()
        if len(word) < CONSENSUS_LETTERS or up in others:
            return word
        near = {t for t in others if len(t) == len(up) and sum(a != b for a, b in zip(t, up, strict=True)) == 1}
        if len(near) != 1:
            return word
        spelling = near.pop()
        if others.count(spelling) < CONSENSUS_VOTES:
            return word
        return spelling if word.isupper() else spelling.capitalize() if word[:1].isupper() else spelling.lower()
    return re.sub(r"[A-Za-z]+", fix, text)


def issuer_address_candidate(f: Field, layouts: list[PageLayout], index: LabelIndex) -> Candidate | None:
    """A top-level address of the issuer, as one string: the lines under the letterhead's name, from the first
    that holds address words to the last before a contact, tax-number or title line ("TEL:", "GST No.")."""
    if f.type != "string" or len(f.path) != 1 or "address" not in f.words or not is_issuer(f):
        return None
    got = letterhead(layouts, f.context)
    if got is None:
        return None
    seg, layout = got
    cont = name_continued(seg, layout, f.context)
    last = cont or seg  # the name's last line
    lines: list[list[Word]] = []
    bottom = last.box.bottom
    spacing = 0.0  # the widest gap between two of the address's lines so far
    for row in layout.rows[last.row + 1: last.row + 8]:
        text = row.text
        gap = row.box.y - bottom
        if gap > 2.5 * layout.em or (len(lines) >= 2 and _ends_block(gap, spacing, layout.em)):
            break
        if lines:
            spacing = max(spacing, gap)
        bottom = row.box.bottom
        if not lines and (re.fullmatch(r"\([^()]*\d[^()]*\)", text.strip()) or _REGISTRATION_LINE.search(text)
                          or _only_timestamp(text) or _is_company_line(row.words)):
            continue  # under the name, before its address: a registration number ("(001451637-M)", "(CO REG :
            # 860871-D)"), the time of printing ("24 Mar 2018 18:23"), the company that owns the shop ("Maxincome
            # Resources Sdn Bhd") or the rest of its name ("TRADING SDN BHD")
        untaxed = _without_tax_number(row.words)  # "81750, MASAI (GST 001019043840)": the address, then its end
        kept = _without_specks(untaxed)
        text = text_of(kept)
        if ends_address(text) or index.looks_like_label(kept) or _is_vocabulary(text):
            break
        if any(w.text.endswith(":") for w in kept) or _is_title(text, f.context) or _DATE_OR_TIME.search(text):
            break
        lines.append(kept)
        if len(untaxed) < len(row.words):
            break
    words = [w for ln in lines for w in ln]
    if not any(c.isdigit() for w in words for c in w.text):
        return None  # every address prints a number (a street's, a building's or a postal code): this is a slogan or
        # a logo's words ("Dutamas"), not the address
    return Candidate(text_of(words), layout.number, words, LETTERHEAD_BLOCK, "block", row=seg.row)


_SPECK = re.compile(r"^(?=.*[{}\[\]()|‘’“”'\"«»~^`])\W?\w?\W?$")


def _without_specks(words: list[Word]) -> list[Word]:
    """The line's words without the specks a scan read at its start: a stray bracket or quote with a letter at most
    ("i}", "|") before the first word (an opening quote mark never closed, "‘Tampoi,81200", the layout drops from
    every scanned row: geometry._unquoted)."""
    start = 0
    while start < len(words) - 1 and _SPECK.match(words[start].text):
        start += 1
    return words[start:]


def _only_timestamp(text: str) -> bool:
    """A line that prints a date or time and nothing else ("24 Mar 2018 18:23", "Sat 21/10/2017")."""
    rest = _DATE_OR_TIME.sub(" ", text)
    rest = re.sub(r"(?i)\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b(am|pm)\b", " ", rest)
    return rest != text and not re.search(r"[A-Za-z0-9]", rest)


def _is_company_line(words: list[Word]) -> bool:
    """A company's name with its legal form ("Maxincome Resources Sdn Bhd (383322-3)", "TRADING SDN BHD"): its last
    word before any bracketed registration number is a legal form."""
    named = list(itertools.takewhile(lambda w: not w.text.startswith(("(", "{", "[")), words))
    return len(named) >= 2 and is_legal_form(named[-1].text) and not any(c.isdigit() for w in named for c in w.text)


# A bracket that holds a tax or company number (TAX_NUMBER_DIGITS digits or more) at the end of a line ("(GST
# 001019043840)") is the issuer's registration, not part of its address ("(Level 2)").


def _without_tax_number(words: list[Word]) -> list[Word]:
    """The line's words up to a bracketed tax or registration number that ends it."""
    for i in range(1, len(words)):
        rest = re.fullmatch(r"\(([^()]*)\)?\W*", " ".join(x.text for x in words[i:]))
        if rest and sum(c.isdigit() for c in rest[1]) >= TAX_NUMBER_DIGITS:
            return words[:i]
    return words


# An address's lines are set close together: a gap wider than BLOCK_GAP_EM line heights and BLOCK_GAP times the
# widest gap between its lines so far (taken as at least BLOCK_GAP_FLOOR line heights) ends it.
BLOCK_GAP_EM = 1.2
BLOCK_GAP = 3.0
BLOCK_GAP_FLOOR = 0.3


def _ends_block(gap: float, spacing: float, em: float) -> bool:
    """A gap under the lines so far much wider than the gaps between them: the next line is another block."""
    return gap > BLOCK_GAP_EM * em and gap > BLOCK_GAP * max(spacing, BLOCK_GAP_FLOOR * em)


_REGISTRATION_LINE = re.compile(r"(?i)\b(co|company|reg|registration)\W*(no|reg|number)\b.*\d")
_DATE_OR_TIME = re.compile(r"(?i)\b\d{1,2}:\d{2}\b|\b\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}\b|"
                           r"\b\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4}\b")


def _is_title(text: str, context: str) -> bool:
    """A document title under the letterhead ("SIMPLIFIED TAX INVOICE"): it ends in a title word, and half its
    words or more are title words."""
    words = clean_label(text).split()
    titles = _TITLE_WORDS | set(split_name(context))
    if len(words) == 1 and re.fullmatch("(?:" + "|".join(sorted(titles, key=len, reverse=True)) + "){2,}", words[0]):
        return True  # a scan that lost the space between title words: "TAXINVOICE"
    return bool(words) and words[-1] in titles and 2 * sum(w in titles for w in words) >= len(words)


_HOLDER_NAMES = {"holder", "customer", "client", "recipient", "addressee"}


def recipient_name_candidate(f: Field, layouts: list[PageLayout], index: LabelIndex) -> Candidate | None:
    """A top-level name of the addressee (account_holder, customer_name): the first line of the unlabelled
    addressee block, scored below any labelled value."""
    words = f.words
    if f.type != "string" or len(f.path) != 1 or not words or words[-1] not in ("holder", "name"):
        return None
    if not set(words) & _HOLDER_NAMES:
        return None
    got = _unlabelled_recipient(layouts, index, f.context)
    if got is None:
        return None
    seg, layout, _ = got
    return Candidate(seg.text, layout.number, seg.words, ADDRESSEE_BLOCK, "block", row=seg.row)


def _strip_monogram(words: list[Word]) -> list[Word]:
    """'NS Northgate Savings Bank' → 'Northgate Savings Bank': a logo's capital initials before the name
    (all the initials of the words after it, or the first two or three of them)."""
    mono = words[0].text if words else ""
    if len(words) < 3 or not (mono.isalpha() and mono.isupper() and len(mono) <= 3):
        return words
    initials = "".join(w.text[0] for w in words[1:] if w.text[:1].isalpha()).upper()
    if mono == initials or (len(mono) >= 2 and initials.startswith(mono)):
        return words[1:]
    return words


def _find_heading(f: Field, layouts: list[PageLayout], meaning: Callable[[str, Field], float] | None
                  ) -> tuple[Segment, PageLayout, float] | None:
    """The phrase that heads the object's block: a short phrase, or the label of a "Label: value" phrase
    ("Premises: Molengracht 166, 8043 WW Zwolle"), that the table knows as the object's name or that
    names it by meaning."""
    best = None
    for layout in layouts:
        for seg in layout.segments():
            colon = next((i for i, w in enumerate(seg.words[:5]) if w.text.endswith(":")), None)
            head = seg.words if colon is None else seg.words[:colon + 1]
            if len(head) > 5 or _FILL_IN.search(seg.text):
                continue  # "Goods received by: ________": a line to sign, not a block's heading
            text = " ".join(w.text for w in head)
            sim = label_score(text, f.labels)
            if sim < BLOCK_HEADING:  # meaning names a field at MIN_LABEL or more, or not at all
                sim = meaning(text, f) if meaning is not None else 0.0
            if sim >= MIN_LABEL and (best is None or sim > best[2]) and not in_table_header(seg, layout):
                best = (seg, layout, sim)  # not "Supplied" over the delivered quantities: a column's header
    return best


def _block_lines(head: Segment, layout: PageLayout, index: LabelIndex) -> list[list[Word]]:
    """Lines under a heading, in its column, until a gap or another label. A row that prints nothing in
    the column but something beside it (the next line of a table or title left of a side column) is
    passed over; one that prints across the column ends the block."""
    lines: list[list[Word]] = []
    head_words = head.words
    colon = next((i for i, w in enumerate(head_words) if w.text.endswith(":")), None)
    if colon is not None and colon + 1 < len(head_words):
        lines.append(head_words[colon + 1:])
    x = head.box.x
    side = _beside(head, layout) if colon is None else None
    if side is not None:  # "Bill To  KPY Engineering Co." with the address under the name: the block is beside
        lines.append(side.words)
        x = side.box.x
    column: list[list[Word]] = []
    bottom = head.box.bottom
    for row in layout.rows[head.row + 1: head.row + 10]:
        segs = [s for s in row.segments if abs(s.box.x - x) <= 1.5 * layout.em]
        if row.box.y - bottom > 1.9 * layout.em:
            break
        if not segs:
            if any(s.box.x <= x and s.box.right >= x - layout.em for s in row.segments):
                break
            continue
        column.append(segs[0].words)
        bottom = segs[0].box.bottom
    for k, words in enumerate(column):
        if lines and index.looks_like_label(words) and not _ATTN.match(text_of(words)) and not (
                len(lines) == 1 and _opens_address(column[k + 1:])):
            break  # another label ends the block, but for one under the name over an address ("FAO: Accounts")
        lines.append(words)
    return lines


# A heading set left of its block ("From  Acme Ltd", the address under the name) is this many line heights or
# less from it; the next column's heading on the same row ("Bill To ... Ship To") is much farther.
SIDE_HEADING_GAP = 2.5


def _beside(head: Segment, layout: PageLayout) -> Segment | None:
    """The phrase right of a heading on its row, where the heading's block starts beside it: close to it, with
    the next row's phrase in its column (the block's second line), not under the heading."""
    row = layout.rows[head.row]
    side = next((s for s in row.segments if s.box.x > head.box.right), None)
    if side is None or side.box.x - head.box.right > SIDE_HEADING_GAP * layout.em or head.row + 1 >= len(layout.rows):
        return None
    under = layout.rows[head.row + 1].segments
    if any(abs(s.box.x - head.box.x) <= 1.5 * layout.em for s in under):
        return None  # the block is under the heading
    return side if any(abs(s.box.x - side.box.x) <= 1.5 * layout.em for s in under) else None


def letterhead(layouts: list[PageLayout], context: str) -> tuple[Segment, PageLayout] | None:
    """The first name-like phrase at the top of the first page."""
    if not layouts:
        return None
    layout = layouts[0]
    limit = layout.page.height * 0.3
    for seg in _phrases(layout):
        if seg.box.y > limit:
            break
        if seg.words != layout.rows[seg.row].words and in_grid(seg, layout):
            continue  # a table's cell or column header ("Description"), not a name
        seg = _without_registration(seg)
        if any(w.text.endswith(":") or w.text.startswith(":") for w in seg.words) or seg.text.startswith("(") or \
                seg.text.endswith(","):
            continue  # "Total: 10.00": a label with its value; "(Co. Reg 1234)"; an address's first line
        if _is_title(seg.text, ""):  # the schema's words stay out: "Riverstone Bank" on a bank statement is a name
            continue  # the document's title over or beside the name ("SALES INVOICE", "Buying Order")
        if _title_over_a_name(seg, layout, context):
            continue
        if _BANNER.fullmatch(seg.text) or _GREETING.match(seg.text):
            continue  # "*** WELCOME ***", "Welcome to ABC Mart", "Thank you": a banner or a greeting, not a name
        if not (_is_name_like(seg.text, context) or _numbered_name(seg, layout, context)):
            continue
        if not _is_vocabulary(seg.text) and not is_label_text(seg.text):
            return _larger_below(seg, layout, context), layout
    return None


# A title stands this many ems or more above the next phrase under it; a name's own address lines follow it closely.
TITLE_GAP = 1.5


def _title_over_a_name(seg: Segment, layout: PageLayout, context: str) -> bool:
    """A phrase half or more in the schema's own words, with no legal form, that stands apart over a name-like
    phrase in smaller type ("Delivery Docket" over "García & Thompson V.O.F." and its address, on a delivery note):
    the document's title, not the sender's name."""
    words = clean_label(seg.text).split()
    own = set(split_name(context))
    if not own or 2 * sum(w in own for w in words) < len(words) or any(is_legal_form(w.text) for w in seg.words):
        return False
    for row in layout.rows[seg.row + 1:]:
        under = [s for s in row.segments if s.box.x < seg.box.right and s.box.right > seg.box.x]
        if under:
            nxt = under[0]
            return (nxt.box.y - seg.box.bottom >= TITLE_GAP * layout.em and _set_larger(seg.words, nxt.words)
                    and not nxt.text[:1].isdigit() and _is_name_like(nxt.text, context))
    return False


# A branch's number after a shop's name ("PETRO STOP 114", "Corner Deli #2031") is part of the name where the
# phrase is set in larger type than the line under it (NUMBERED_NAME times as tall): an address line with a number
# in it ("Torstraße 112") is set in the body's type.
NUMBERED_NAME = 1.15


def _numbered_name(seg: Segment, layout: PageLayout, context: str) -> bool:
    *name, last = seg.words or [None]
    if not name or not re.fullmatch(r"(#|No\.?)?\d+", last.text) or seg.row + 1 >= len(layout.rows):
        return False
    below = max(w.box.h for w in layout.rows[seg.row + 1].words)
    return max(w.box.h for w in seg.words) >= NUMBERED_NAME * below and _is_name_like(text_of(name), context)


_BANNER = re.compile(r"[*=~#_\-.]{2,}.*[*=~#_\-.]{2,}")
# A greeting that opens a line, in the languages shops greet in: English, Malay, French, German, Spanish, Italian,
# Portuguese, Dutch, Indonesian.
_GREETING = re.compile(r"(?i)^\W*(welcome|thank\s*you|thanks|selamat\s+datang|terima\s*kasih|bienvenue|merci|"
                       r"willkommen|herzlich|bienvenid[oa]s?|gracias|benvenut[oi]|grazie|bem[- ]vindo|obrigad[oa]|"
                       r"welkom|bedankt)\b")
# A name set over two lines ("SYARIKAT PERNIAGAAN" / "CHONG LEE HARDWARE") goes on in the next row when that row is
# set close under it (a gap under CONTINUED_GAP of its type's height), in the same type (heights within
# SAME_TYPE of each other), and either the type is the name's own (the row after is smaller: under SMALLER of its
# height) or the row ends the name with a legal form ("IN-SPARKLE" / "TRADING SDN BHD").
CONTINUED_GAP = 0.8
SAME_TYPE = 0.2
SMALLER = 0.85


def name_continued(seg: Segment, layout: PageLayout, context: str) -> Segment | None:
    """The second line of a letterhead's name, if the name goes on under it."""
    if seg.row + 1 >= len(layout.rows):
        return None
    row = layout.rows[seg.row + 1]
    cont = _without_registration(Segment(row.words, layout.number, seg.row + 1, 0))
    height = max(w.box.h for w in seg.words)
    tall = max(w.box.h for w in cont.words)
    text = cont.text
    if (row.box.y - seg.box.bottom > CONTINUED_GAP * height or abs(tall - height) > SAME_TYPE * height
            or re.search(r"[\d:@]", text) or _is_title(text, context) or _is_vocabulary(text)
            or is_label_text(text) or not _is_name_like(text, context) or text.endswith(",")):
        return None
    if abs(cont.box.cx - seg.box.cx) > 2 * layout.em and abs(cont.box.x - seg.box.x) > 1.5 * layout.em:
        return None  # neither centred under the name nor flush with it
    after = layout.rows[seg.row + 2] if seg.row + 2 < len(layout.rows) else None
    smaller_after = after is None or max(w.box.h for w in after.words) < SMALLER * height
    legal = is_legal_form(cont.words[-1].text) and not any(is_legal_form(w.text) for w in seg.words)
    return cont if smaller_after or legal else None


# A greeting or slogan over the name ("Welcome to ...") is set in small type; the name under it in much larger
# type: a phrase in the next LARGER_ROWS rows whose type is LARGER times as tall (and taller than LARGER_EM line
# heights) is the name.
LARGER = 2.0
LARGER_EM = 1.5
LARGER_ROWS = 3


def _larger_below(seg: Segment, layout: PageLayout, context: str) -> Segment:
    """The letterhead's name: the first name-like phrase, or one set in much larger type just under it."""
    height = max(w.box.h for w in seg.words)
    for row in layout.rows[seg.row + 1: seg.row + 1 + LARGER_ROWS]:
        for s in row.segments:
            tall = max(w.box.h for w in s.words)
            if (tall >= LARGER * height and tall >= LARGER_EM * layout.em and _is_name_like(s.text, context)
                    and not _is_vocabulary(s.text) and not is_label_text(s.text)):
                return _without_registration(s)
    return seg


# A header line set in wide type ("MR. | D.I.Y. | (M) | SDN | BHD"): its phrases are one phrase where no gap
# between them is wider than this many line heights (a table's header or a "Label  value" row has wider gaps).
SPACED_GAP = 1.5


def _phrases(layout: PageLayout) -> list[Segment]:
    """The page's phrases, a row set in wide type as one phrase."""
    out: list[Segment] = []
    for i, row in enumerate(layout.rows):
        segs = row.segments
        gaps = [b.box.x - a.box.right for a, b in itertools.pairwise(segs)]
        if len(segs) > 2 and max(gaps) <= SPACED_GAP * layout.em and ":" not in row.text:
            out.append(Segment(row.words, layout.number, i, 0))
        else:
            out.extend(segs)
    return out


_REGISTRATION = re.compile(r"\((?=[^()]*\d)[^()]*\)?")


def _without_registration(seg: Segment) -> Segment:
    """A name without the company number printed after it: "THE TOAST F&B SDN BHD (965752-T)" → "THE TOAST F&B
    SDN BHD" (a bracket with a digit in it ends the name, closed or not: the scan may have cut it)."""
    for i in range(1, len(seg.words)):
        if _REGISTRATION.fullmatch(" ".join(w.text for w in seg.words[i:])):
            return Segment(seg.words[:i], seg.page, seg.row, seg.index, seg.cell, seg.ruled)
    return seg


_VOCABULARY = {clean_label(p) for k, alts in SYNONYMS.items() for p in (k, *alts)}


def is_label_text(text: str) -> bool:
    """Printed label words, not a value: a label of business documents ("ID No", "Reg No.") or a label with its
    value ("Reg No. :001260452-W")."""
    words = text.split()
    wordy = len(re.sub(r"[^A-Za-z]", "", text)) >= 3  # an initial ("L.") is a value, whatever it abbreviates
    numbering = 0 < len(words) <= 4 and not re.search(r"\d", text) and re.sub(r"[^a-z#]", "", words[-1].lower()) in (
        "no", "nr", "num", "number", "id", "#")  # "ID No", "Reg No.": a number's label without the number
    paired = any(w.endswith(":") or (w.startswith(":") and i > 0) for i, w in enumerate(words))
    return (wordy and _is_vocabulary(text)) or numbering or paired


def _is_vocabulary(text: str) -> bool:
    """A printed label or column header of business documents ("Description", "Amount due")."""
    return clean_label(text) in _VOCABULARY


def _is_name_like(text: str, context: str) -> bool:
    words = clean_label(text).split()
    if not words or not re.search(r"[A-Za-z]{2}", text):
        return False
    if len(words) == 1 and len(words[0]) <= 3 and text.isupper():
        return False  # a monogram logo
    if len(words) == 1 and (len(words[0]) < 4 or text.islower()):
        return False  # a stray scrap of a logo or a smudge read as letters ("ies")
    if text.islower() and all(len(w) <= 2 for w in words):
        return False  # specks read as letters ("ee ee"): a name has a word longer than that, or capitals ("H & M")
    if len(words) <= 4 and set(words) <= (_TITLE_WORDS | _FUNCTION_WORDS | set(split_name(context))):
        return False  # a title ("Bank Statement"); a name may share a word with it ("Riverstone Bank")
    kind = split_name(context)[-1:]
    if len(words) <= 3 and kind and words[-1].lower() == kind[0]:
        return False  # a title that names the document's kind: "Gas Bill" on a utility bill
    if len(words) > 1 and words[-1] in _FUNCTION_WORDS:
        return False  # a heading that leads to its value ("Sold By", "Deliver To"): no name ends in a preposition
    return not re.search(r"(@|www\.|\d{3}|\w\.(com|net|org|co|gov|edu)\b)", text)


def _name_and_address_line(seg: Segment, layout: PageLayout) -> tuple[list[Word], list[Word]]:
    """A letterhead set on one line: its name, and the address after it on that line ("Harbour & Finch Ltd ·
    14 Quay Street · Bristol BS1 4DJ", or the same with commas where what follows the first reads as an
    address); the name and nothing where the line holds the name alone."""
    row = layout.rows[seg.row].words
    after = row[row.index(seg.words[-1]) + 1:] if seg.words[-1] in row else []
    if after and after[0].text in _SEPARATORS:
        return seg.words, after
    comma = next((k for k, w in enumerate(seg.words[:-1]) if w.text.endswith(",")), None)
    if comma is not None and parse_address(split_parts([seg.words[comma + 1:]])) is not None:
        last = seg.words[comma]
        return [*seg.words[:comma], Word(last.text.rstrip(","), last.box, last.confidence)], seg.words[comma + 1:]
    return seg.words, []


_SEPARATORS = ("·", "|", "•")


def _letterhead_lines(seg: Segment, layout: PageLayout) -> list[list[Word]]:
    """Rows after the letterhead name: its address, in one column (flush left, centred or flush right under the
    name) or on one separated line; a contact or label line after a whole address ends them ("Tel: ...", "Date:
    13 Mar 2026" is no "City ST 1234")."""
    out: list[list[Word]] = []
    for row in layout.rows[seg.row + 1: seg.row + 7]:
        near = [s for s in row.segments if abs(s.box.x - seg.box.x) <= 2 * layout.em
                or abs(s.box.cx - seg.box.cx) <= 2 * layout.em or abs(s.box.right - seg.box.right) <= 2 * layout.em]
        line = _separated_run(row, near[0], layout.em) if near else None
        if line and _flush_right(near[0], seg, layout.em):
            line = near[0].words  # the block's right edge ends the line: what is right of it is another block's
            # ("Raleigh, NC 27666 | Docket No.: D/5051/BT", the two a narrow gap apart)
        if line and out and (ends_address(text_of(line)) or ":" in text_of(line)) \
                and parse_address(split_parts(out)) is not None:
            break
        if line:
            out.append(line)
        elif any(w.text in _SEPARATORS for w in row.words) or "," in row.text:
            out.append(row.segments[0].words if len(row.segments) == 1 else row.words)
    return out


def _flush_right(line: Segment, name: Segment, em: float) -> bool:
    """The line is set flush right under the name: their right edges meet and their left edges do not."""
    return abs(line.box.right - name.box.right) <= 2 * em and abs(line.box.x - name.box.x) > 2 * em


def _name_repeated(seg: Segment, layout: PageLayout) -> list[list[Word]]:
    """The address after the letterhead's name where the page prints the name again with its address on one line
    (a footer's "Harbour & Finch Ltd · 14 Quay Street · Bristol BS1 4DJ"): the parts after the name, or nothing.
    Where the name stands alone at the top, the lines under it may be the next block's (the addressee's)."""
    name = [w.text.rstrip(",") for w in seg.words]
    for i, row in enumerate(layout.rows):
        if i == seg.row or len(row.words) <= len(name) + 2:
            continue
        texts = [w.text.rstrip(",") for w in row.words]
        if texts[:len(name)] != name or not (row.words[len(name)].text in _SEPARATORS
                                             or row.words[len(name) - 1].text.endswith(",")):
            continue
        after = row.words[len(name):]
        if parse_address(split_parts([after])) is not None:
            return [after]
    return []


def _separated_run(row: Row, seg: Segment, em: float) -> list[Word]:
    """The segment's words and those that go on from it on its row across separators or a wider space ("14 Quay Lane
    · Bristol · BS1 4DJ", "Perth WA  6000": phrases apart): every word as close to the one before as words of one
    line are."""
    words = row.words
    at = next((i for i, w in enumerate(words) if w is seg.words[0]), None)
    if at is None:
        return seg.words
    end = at + 1
    while end < len(words) and words[end].box.x - words[end - 1].box.right <= SPACED_GAP * em:
        end += 1
    return words[at:end]


def _fill(f: Field, lines: list[list[Word]], page: int, score: float, with_name: bool,
          from_letterhead: bool = False) -> dict[tuple[str, ...], Candidate]:
    out: dict[tuple[str, ...], Candidate] = {}
    lines = [ln for ln in lines if ln]
    if not lines:
        return out
    address_field = f if is_address(f) else next((c for c in f.children() if is_address(c)), None)
    rest = lines[1:] if from_letterhead else lines
    if with_name:
        name_child = next(c for c in f.children() if "name" in c.words and c.type == "string")
        out[name_child.path] = Candidate(text_of(lines[0]), page, lines[0], score, "block", fit=1.0)
        rest = [ln for ln in lines[1:] if not _ATTN.match(text_of(ln))]
    if address_field is None:
        return out
    parts = split_parts(rest) if len(rest) > 1 else split_parts(rest[:1])
    if len(rest) > 1 and parse_address(parts) is None:
        parts = [p for ln in rest for p in split_parts([ln])]
    addr = parse_address(parts)
    if addr is None:
        return out
    for child in address_field.children():
        key = _address_key(child.name)
        words = getattr(addr, key) if key else None
        if words:
            part = ADDRESS_COUNTRY_SHAPED if key == "country" and not addr.country_known else ADDRESS_PART
            out[child.path] = Candidate(text_of(words), page, words, score * part, "block")
        elif key in ("region", "country") and child.nullable:
            out[child.path] = Candidate(None, page, [], score * ADDRESS_PART_ABSENT, "block")
    return out


def _address_key(name: str) -> str | None:
    n = name.lower()
    if n in ("street", "street_address", "address_line", "line1", "address1"):
        return "street"
    if n in ("city", "town"):
        return "city"
    if n in ("region", "state", "province", "county"):
        return "region"
    if n in ("postal_code", "zip", "zip_code", "postcode"):
        return "postal_code"
    if n == "country":
        return "country"
    return None
