"""What an agreement states in its clauses: its parties, when it takes effect, the law that governs it, its term.

Contracts name these in sentences that every agreement words alike:

* parties        the preamble, "by and between X, a Delaware corporation ("Company"), and Y ("Employee")":
                 the capitalised name at the head of each part (a company suffix after a comma stays with
                 it); a letter agreement's addressee and a name defined in a parenthetical as a company;
* effective date the first date of the preamble ("made as of", "dated this 18th day of"), else the date
                 printed by "effective" or defined as the "Effective Date"; else a letter agreement's date
                 line, else the date it was signed (its execution clause, a "Date:" under the signatures);
* governing law  "governed by the laws (and public policies) of the State of X", "X law shall govern": the
                 place named;
* term           "for a period of two (2) years": a count and a unit in a sentence about the term.

Which of these a field asks for is read from its name, title and description (with the sentence
encoder where their words differ from these). Only documents made of sentences are read this way.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from assay.domain import values as V
from assay.domain.document import Word
from assay.domain.fields import Field, ReadContext
from assay.engines.layout.addresses import COUNTRIES
from assay.engines.layout.candidates import Candidate
from assay.engines.layout.geometry import PageLayout
from assay.semantics import match

# Scores. A value read from the clause that states it (the preamble's parties and date, the
# governing-law clause) is as sure as a labelled one; a term or a date found by its cue word alone is
# less so, and all of them are inferred from sentences, not printed beside a label.
CLAUSE_VALUE = 0.8
CUED_VALUE = 0.6
# The preamble is read from the first PREAMBLE_WORDS words; a party's name is at most NAME_WORDS words.
PREAMBLE_WORDS = 400
NAME_WORDS = 12
# A field whose words do not name a concept is matched to one by meaning, at this score at least.
CONCEPT_MATCH = 0.5
ROLE_MARGIN = 0.05  # and a party's role by this much more than any other role
IN_ORDER = 0.5  # a role paired with a field by their order alone, where meaning cannot tell
ROLE_WORDS = 3  # a role named after "as" ('as Managing Agent') is at most this many capitalised words

CONCEPTS = {
    "parties": "the parties to the agreement, the companies or persons who sign it",
    "effective_date": "the date the agreement is made, dated or becomes effective",
    "governing_law": "the state or country whose laws govern the agreement, its jurisdiction",
    "term": "the term or duration of the agreement, how long it lasts",
}
_CONCEPT_WORDS = {
    "parties": {"party", "parties", "signatory", "signatories", "counterparty", "counterparties"},
    "governing_law": {"jurisdiction", "governing", "law"},
    "term": {"term", "duration"},
    "effective_date": {"effective", "commencement", "execution", "agreement"},
}
# Legal forms of companies the world over (and a person's name suffixes, which end a party's name too): Malaysia's
# "Sdn Bhd" / "Berhad" ("S/B"), India's "Pvt", Brazil's "Ltda", the Latin countries' "S.R.L." / "S.A.R.L." /
# "S.p.A." / "S.A.S.", the Nordic "Oyj" / "ApS" / "A/S", Hungary's "Kft", Indonesia's "Tbk", Czechia's "s.r.o.".
_SUFFIX = re.compile(r"(?i)^(inc|incorporated|corp|corporation|co|company|ltd|limited|llc|l\.l\.c|lp|l\.p|llp|"
                     r"plc|n\.a|s\.a|ag|gmbh|b\.v|n\.v|pte|pty|sa|nv|bv|jr|sr|ii|iii|iv|esq|"
                     r"bhd|berhad|s/b|pvt|ltda|srl|s\.r\.l|sarl|s\.a\.r\.l|s\.p\.a|s\.a\.s|oyj|aps|a/s|kft|tbk|s\.r\.o)"
                     r"\.?,?$")
_PERSON_SUFFIX = re.compile(r"(?i)^(jr|sr|ii|iii|iv|esq)\.?,?$")
_CONNECTORS = {"of", "de", "&", "and", "du", "la", "von", "van", "der", "for", "the"}
_ABBREVIATION = re.compile(r"^(?:[A-Z]\.|[A-Z][a-z]{0,2}\.|(?:[A-Za-z]\.){2,})$")
_UNITS = ("days", "weeks", "months", "years")

US_STATES = {
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida",
    "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine",
    "maryland", "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska",
    "nevada", "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio",
    "oklahoma", "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas",
    "utah", "vermont", "virginia", "washington", "west virginia", "wisconsin", "wyoming", "district of columbia",
    "ontario", "quebec", "british columbia", "alberta", "new south wales", "victoria",
}


@dataclass(slots=True)
class Text:
    """The document's words in reading order, with their pages."""

    words: list[Word]
    pages: list[int]

    def phrase(self, i: int, j: int) -> str:
        return " ".join(w.text for w in self.words[i:j])


def concept(f: Field) -> str | None:
    """Which agreement concept the field asks for, if any."""
    return _concept(f.name, f.node.get("title", "") or "", f.description, f.type, f.is_date, f.context)


def is_legal_form(word: str) -> bool:
    """A company's legal form ("Ltd", "GmbH", "Pte", "B.V."): the word that makes a name a company's."""
    return bool(_SUFFIX.match(word)) and not _PERSON_SUFFIX.match(word)


@lru_cache(maxsize=1024)
def _concept(name: str, title: str, description: str, kind: str, is_date: bool, context: str) -> str | None:
    from assay.domain.labels import split_name

    words = set(split_name(name)) | set(split_name(title))
    fits = {"parties": kind in ("array", "string"), "effective_date": is_date, "term": kind in ("string", "integer",
            "number") and not is_date, "governing_law": kind == "string" and not is_date}
    for key, cue in _CONCEPT_WORDS.items():
        if fits[key] and words & cue and (key != "effective_date" or words & {"effective", "commencement"}
                                          or words <= {"agreement", "date", "execution"}):
            return key
    if not description:
        return None
    keys = [k for k in CONCEPTS if fits[k]]
    if not keys:
        return None
    field = match.FieldText(name, title, description, context)
    scores = match.score_matrix([CONCEPTS[k] for k in keys], [field])[:, 0]
    best = int(scores.argmax())
    return keys[best] if scores[best] >= CONCEPT_MATCH else None


_CACHE: dict[int, tuple[list[PageLayout], Text]] = {}


def text_of(layouts: list[PageLayout]) -> Text:
    got = _CACHE.get(id(layouts))
    if got is None or got[0] is not layouts:
        _CACHE.clear()
        words = [w for lay in layouts for r in lay.rows for w in r.words]
        pages = [lay.number for lay in layouts for r in lay.rows for _ in r.words]
        got = _CACHE[id(layouts)] = (layouts, Text(words, pages))
    return got[1]


def candidates(f: Field, layouts: list[PageLayout], ctx: ReadContext, rivals: list[Field]) -> list[Candidate]:
    """The field's value from the clause that states it (scalar fields); `rivals`, the schema's other fields, may
    ask for the other parties."""
    kind = concept(f)
    if kind is None and f.type == "string" and not f.is_date:
        named, sure = in_role(f, layouts, rivals)  # 'landlord_name' ← the party defined as the "Owner"
        return [Candidate(named[0].name, named[0].page, named[0].words, sure, "prose", label_sim=sure,
                          inferred=True)] if named else []
    if kind is None or kind == "parties" or f.type in ("object", "array"):
        return []
    text = text_of(layouts)
    if kind == "effective_date":
        found = effective_date(text, ctx)
    elif kind == "governing_law":
        found = governing_law(text)
    else:
        found = term(text, f) or dated_term(text, f, ctx)
    if found is None:  # an agreement that states no term, or no date, says so by saying nothing
        return [Candidate(None, 1, [], CUED_VALUE, "prose", inferred=True)] if kind == "term" else []
    value, at, score = found
    words = text.words[at[0]:at[1]]
    return [Candidate(value, text.pages[at[0]], words, score, "prose", label_sim=score, inferred=True)]


# ---- parties ----------------------------------------------------------------------------------

@dataclass(slots=True)
class Party:
    name: str
    words: list[Word]
    page: int
    role: str | None = None  # the term the agreement defines for it: "Tenant", "Company"


def parties(layouts: list[PageLayout]) -> list[Party]:
    """Each party: the preamble's, else a letter's addressee and the company it names."""
    text = text_of(layouts)
    found = _preamble_parties(text)
    if len(found) < 2:
        for extra in _letter_parties(text, layouts):
            if all(extra.name != f.name for f in found):
                found.append(extra)
    if len(found) == 1:
        signer = _signer(text)
        if signer is not None and all(_fold(signer.name) != _fold(f.name) for f in found):
            found.append(signer)
    roles = _defined_roles(text)
    return [p for p in found if re.sub(r"^the ", "", _fold(p.name)) not in roles and _known_place(p.name) != p.name]


def asks_for_a_party(f: Field) -> bool:
    """A field that asks for the name of one of the agreement's parties in some role ('landlord_name',
    'tenant_names'): a name, as text or a list of texts, that no agreement concept reads."""
    text = f.type == "string" and not f.is_date and not f.enum and concept(f) is None
    names = f.type == "array" and f.item().type == "string" and concept(f) != "parties"
    said = {w.rstrip("s") for w in (*f.words, *re.findall(r"[a-z]+", V.fold(f.description)))}
    return (text or names) and "name" in said


def in_role(f: Field, layouts: list[PageLayout], rivals: list[Field]) -> tuple[list[Party], float]:
    """The parties whose defined role the field asks for ('tenant_names' ← the "Occupant"s), and how sure that is.

    The roles and the fields that ask for a party (`rivals`, `f` among them) are paired one to one, by the
    pairing whose meanings agree best in all: a role the model reads poorly ("Occupant") still goes to the one
    field left when a clearer role ("Landlord") takes the other; a role several parties hold goes to a list, not to
    a field for one name. The field takes its role when that pairing beats every pairing that gives it another by
    ROLE_MARGIN; CLAUSE_VALUE sure when the role means the field on its own, CUED_VALUE when it is the field's by
    elimination (only a field that asks for a party's name takes a role so). Where no pairing wins so, the order
    the schema and the preamble name them in decides (_in_order)."""
    found = [p for p in parties(layouts) if p.role]
    roles = sorted({p.role for p in found if p.role})
    fields = [f, *(r for r in rivals if r.path != f.path and asks_for_a_party(r))]
    if not roles:
        return [], 0.0
    texts = [match.FieldText(" ".join(w for w in r.words if w not in ("name", "names")) or r.name,
                             r.node.get("title", "") or "", r.description, r.context) for r in fields]
    scores = match.score_matrix(roles, texts)  # roles × fields
    held = [sum(p.role == r for p in found) for r in roles]
    slots = min(len(roles), len(fields))
    pairings = [(sum(scores[r, k] for k, r in enumerate(pick) if r is not None), pick)
                for pick in itertools.permutations([*range(len(roles)), *[None] * (len(fields) - slots)], len(fields))
                if all(r is None or held[r] == 1 or fields[k].type == "array" for k, r in enumerate(pick))]
    if not pairings:
        return [], 0.0
    total, best = max(pairings, key=lambda t: t[0])
    rival = max((t for t, pick in pairings if pick[0] != best[0]), default=0.0)
    if best[0] is None:
        return [], 0.0
    if total - rival < ROLE_MARGIN:
        return _in_order(f, found, rivals, {pick: t for t, pick in pairings}, roles, fields, total)
    if scores[best[0], 0] >= CONCEPT_MATCH:
        return [p for p in found if p.role == roles[best[0]]], CLAUSE_VALUE
    return ([p for p in found if p.role == roles[best[0]]], CUED_VALUE) if asks_for_a_party(f) else ([], 0.0)


def _in_order(f: Field, found: list[Party], rivals: list[Field], totals: dict, roles: list[str], fields: list[Field],
              best: float) -> tuple[list[Party], float]:
    """Where meaning cannot pair the roles with the fields, the schema names the parties in the order the preamble
    does (its first role is the first field's): at IN_ORDER, and only where that pairing is as good in meaning."""
    named = list(dict.fromkeys(p.role for p in found if p.role))
    listed = [r.path for r in rivals if r.path in {x.path for x in fields}]
    if len(named) != len(listed) or not asks_for_a_party(f):
        return [], 0.0
    pick = tuple(roles.index(named[listed.index(x.path)]) for x in fields)
    if pick not in totals or best - totals[pick] >= ROLE_MARGIN:
        return [], 0.0
    return [p for p in found if p.role == roles[pick[0]]], IN_ORDER


def _preamble_parties(text: Text) -> list[Party]:
    words = text.words[:PREAMBLE_WORDS]
    start = next((i + 1 for i, w in enumerate(words) if _fold(w.text) in ("between", "among", "amongst")), None)
    if start is None:
        return []
    out = []
    for piece, role in _pieces(words, start):
        name = _name_at(piece)
        if name:
            out.append(Party(_join(name), name, text.pages[text.words.index(name[0])], role))
    return out


def _pieces(words: list[Word], start: int) -> list[tuple[list[Word], str | None]]:
    """The parts of a preamble after 'between', split at 'and' outside parentheses, to the sentence's end, each
    with the role a parenthetical after it defines ('(the "Tenant")') or "as" names ('X, as Landlord,'); names
    joined before one role share it."""
    pieces: list[list[Word]] = [[]]
    roles: dict[int, str] = {}
    joiners: dict[int, Word] = {}  # the 'and' that opened a piece
    depth, owner, aside, run = 0, 0, "", 0
    said: list[str] | None = None  # the role after "as" ('Kestrel Estates Ltd, as Landlord,'), word by word
    seq = words[start:start + 120]
    for k, w in enumerate(seq):
        t = w.text
        if said is not None:
            said.append(t.strip(",.;:"))
            if re.search(r"[,.;:]$", t) or len(said) == ROLE_WORDS:
                roles[len(pieces) - 1] = " ".join(said)
                pieces.append([])
                run, said = len(pieces) - 1, None
            if t.endswith((".", ";", ":")):
                break
            continue
        if (_fold(t) == "as" and depth == 0 and pieces[-1] and k + 1 < len(seq) and seq[k + 1].text[:1].isupper()
                and _name_at(pieces[-1])):
            said = []
            continue
        opened = depth
        depth = max(0, depth + t.count("(") - t.count(")"))
        if opened == 0 and "(" in t:
            head = t.split("(")[0]
            if head:
                pieces[-1].append(Word(head, w.box, w.confidence))
            if (pieces[-1] and _SUFFIX.match(pieces[-1][-1].text) and len(pieces) - 1 > run
                    and all(len(p) == 1 for p in pieces[run:-1])):
                # 'Bull, Lewis and Davies Lettings Ltd (the "Landlord")': one firm's name, not three parties
                merged = [x for i in range(run, len(pieces)) for x in ([joiners[i]] if i in joiners and i > run
                                                                       else []) + pieces[i]]
                pieces[run:] = [merged]
            owner, aside = len(pieces) - 1, ""
            pieces.append([])  # whatever follows a parenthetical is not the name any more
            run = len(pieces) - 1
        if opened > 0 or "(" in t or ")" in t:
            aside += " " + t
            if depth == 0:
                quoted = re.findall(r"[\"“](?:the |The )?([^\"”]{2,40})[\"”]", aside)
                if quoted:
                    roles[owner] = quoted[-1]
                if re.search(r"\)[.:]$", t):
                    break  # the parenthetical closed the sentence: '("the Occupant").', '("Indemnitee"): WHEREAS'
            continue
        if _fold(t) == "and":
            if pieces[-1]:
                pieces.append([])
                joiners[len(pieces) - 1] = w
            continue
        if (pieces[-1] and pieces[-1][-1].text.endswith(",") and t[:1].isupper() and not _SUFFIX.match(t)
                and _name_at(pieces[-1]) == pieces[-1]):
            pieces.append([])  # 'Charles Taylor, Anthony Roberts and ...': a list of names, not an address
        pieces[-1].append(w)
        if t.endswith((";", ":")) or (t.endswith(".") and not _ABBREVIATION.match(t) and not _SUFFIX.match(t)):
            break
    out: list[tuple[list[Word], str | None]] = []
    for i, piece in enumerate(pieces):
        role = roles.get(i) or next((roles[j] for j in range(i + 1, len(pieces)) if j in roles), None)
        if piece:
            out.append((piece, role))
    return out


def _name_at(piece: list[Word]) -> list[Word]:
    """The capitalised name heading a part: 'Verso Paper Holdings LLC, a Delaware ...' → its first four words."""
    whole = piece[:NAME_WORDS]
    if len(whole) == len(piece) and _SUFFIX.match(piece[-1].text) and all(
            w.text[:1].isupper() or w.text[:1].isdigit() or _fold(w.text) in _CONNECTORS for w in piece):
        return piece  # a firm's name with commas in it: 'Bull, Lewis and Davies Lettings Ltd'
    name: list[Word] = []
    for w in piece[:NAME_WORDS]:
        t = w.text.strip("“”\"'")
        if not t:
            break
        after_comma = bool(name) and name[-1].text.endswith(",")
        if after_comma and not _SUFFIX.match(t):
            break
        if not (t[0].isupper() or t[0].isdigit() or (name and _fold(t) in _CONNECTORS)):
            break
        name.append(w)
        if t.endswith((";", ":")) or (t.endswith(".") and not _ABBREVIATION.match(t) and not _SUFFIX.match(t)):
            break
    while name and _fold(name[-1].text) in _CONNECTORS:
        name.pop()
    if not name or not any(c.isalpha() for c in _join(name)):
        return []
    return name


def _letter_parties(text: Text, layouts: list[PageLayout]) -> list[Party]:
    """A letter agreement: the addressee over the salutation, and a company it defines ('X, Inc. (the "Company")')."""
    out = []
    layout = layouts[0] if layouts else None
    if layout is None:
        return out
    rows = layout.rows[:40]
    greet = next((i for i, r in enumerate(rows) if re.match(r"(?i)^(dear|ladies|gentlemen)\b", r.text)), None)
    if greet is not None:
        for r in rows[max(0, greet - 7):greet]:
            if any(_SUFFIX.match(w.text) for w in r.words[1:]):
                name = _name_at(r.words)
                if name:
                    out.append(Party(_join(name), name, layout.number))
                    break
    for i, w in enumerate(text.words[:PREAMBLE_WORDS]):
        if not w.text.startswith("(") or not re.search(r"[\"“][A-Z]", text.phrase(i, i + DEFINITION_WORDS)):
            continue
        end = _defined_company_end(text.words, i)
        if end is None:
            continue
        back = text.words[max(0, end - NAME_WORDS):end]
        cut = max((k + 1 for k, x in enumerate(back[:-1]) if re.search(r"[()]", x.text)), default=0)
        back = back[cut:]  # '(hereinafter called "Employee") of X, Inc.': the name starts after the parenthetical
        starts = [j for j in range(len(back)) if _name_at(back[j:]) == back[j:]
                  and _fold(back[j].text) not in _CONNECTORS - {"the"} and len(back) - j >= 2]
        if starts:
            name = back[starts[0]:]
            if all(_join(name) != p.name for p in out):
                out.append(Party(_join(name), name, text.pages[i]))
    return out


# A company defined in a parenthetical: its name ends in a legal form right before the "(", or up to APPOSITIVE_WORDS
# words before it when a comma sets the words between apart ('HealthEquity, Inc., a Delaware corporation (the
# "Company")', 'Delphi Automotive LLP and/or one of its subsidiaries (collectively, "Delphi")'); the definition's
# quoted role is within DEFINITION_WORDS words of the "(".
APPOSITIVE_WORDS = 16
DEFINITION_WORDS = 16


def _defined_company_end(words: list[Word], i: int) -> int | None:
    """The index after the legal form that ends the company a parenthetical at word i defines, if any."""
    for j in range(i - 1, max(-1, i - 1 - APPOSITIVE_WORDS), -1):
        t = words[j].text
        if "(" in t or ")" in t or (j < i - 1 and t.endswith((".", ";", ":")) and not _SUFFIX.match(t)):
            return None
        if _SUFFIX.match(t) and t[:1].isupper() and not _PERSON_SUFFIX.match(t):  # not "a Delaware corporation"
            between = " ".join(x.text for x in words[j + 1:i])
            return j + 1 if j == i - 1 or t.endswith(",") or re.match(r"(?i)^(and/or|or)\b", between) else None
    return None


# A person who signs for themself: "/s/ Gavin Brandon" under "EMPLOYEE:" or beside "Signature". One who signs "By:"
# signs for a company, which is the party. A name is SIGNER_WORDS words at most, each capitalised or an initial.
SIGNER_WORDS = 4
_FIELD_WORD = re.compile(r"(?i)^(by|name|title|date|its|signature|print)\b")


def _signer(text: Text) -> Party | None:
    """An agreement that names one party in its preamble (a company and "the undersigned"): the person who signs it
    in their own name, the first "/s/" signature not made "By:" someone for a company."""
    words = text.words
    for i, w in enumerate(words):
        if w.text.lower() != "/s/" or (i > 0 and _fold(words[i - 1].text) == "by"):
            continue
        name: list[Word] = []
        for x in words[i + 1: i + 1 + SIGNER_WORDS]:
            if _FIELD_WORD.match(x.text) or not x.text[:1].isupper() or any(c.isdigit() for c in x.text):
                break
            name.append(x)
            if x.text.endswith(","):
                break
        if 2 <= len(name) <= SIGNER_WORDS:
            return Party(_join(name), name, text.pages[i])
    return None


def _defined_roles(text: Text) -> set[str]:
    """Words the agreement defines in quotes ("Company", "Employee"): roles, not the parties' names."""
    joined = text.phrase(0, min(len(text.words), 3000))
    return {_fold(m) for m in re.findall(r"[\"“]([^\"”]{2,40})[\"”]", joined)}


def _join(words: list[Word]) -> str:
    text = " ".join(w.text for w in words).strip(" ,;:“”\"")
    last = text.split()[-1] if text else ""
    if last.endswith(".") and not _ABBREVIATION.match(last) and not _SUFFIX.match(last):
        text = text[:-1]  # the sentence's full stop, not an abbreviation's
    return text


def _fold(t: str) -> str:
    return V.fold(t).strip(" ,;:.()“”\"'")


# ---- effective date ---------------------------------------------------------------------------

_EFFECTIVE_CUES = ("effective", "dated", "as of", "made", "entered into")


def effective_date(text: Text, ctx: ReadContext) -> tuple[str, tuple[int, int], float] | None:
    """The date printed right after 'effective' or 'commence' ("commences on July 1, 2025"), else the preamble's
    date ("made as of", "dated this 18th day of")."""
    words = text.words
    for i, w in enumerate(words):
        if _START_WORD.match(_fold(w.text)) and not (i and _END_WORD.match(_fold(words[i - 1].text))):
            for j in range(i + 1, min(len(words), i + 6)):
                got = _date_at(words, j, ctx)
                if got is not None:
                    return got[0], (j, j + got[1]), CLAUSE_VALUE
        got = _counted_from(words, i, ctx)
        if got is not None:
            return got[0], (i, i + got[1]), CLAUSE_VALUE
    head = next((i for i, w in enumerate(words[:PREAMBLE_WORDS]) if _fold(w.text) in ("between", "among")), None)
    if head is not None:
        start = max(0, head - 60)
        for i in range(start, min(len(words), head + 80)):
            got = _date_at(words, i, ctx)
            if got is not None:
                cue = _fold(text.phrase(max(0, i - 6), i))
                if any(c in cue for c in _EFFECTIVE_CUES) or "day of" in text.phrase(i, i + 4).lower():
                    return got[0], (i, i + got[1]), CUED_VALUE
    else:  # a preamble that names one party only: "This Agreement is made as of May 2, 2014, by the undersigned"
        got = _cued_date(text, 0, min(len(words), OPENING_WORDS), ctx)
        if got is not None:
            return got
    return _letter_date(text, ctx) or _execution_date(text, ctx)


def _counted_from(words: list[Word], i: int, ctx: ReadContext) -> tuple[str, int] | None:
    """The date at word i where it starts a length of time ("18 months from November 1, 2026") or is defined as a
    start ('November 1, 2026 (the "Start Date")'), with its length in words."""
    from_ = i >= 3 and _fold(words[i - 1].text) == "from"
    if not from_ and not any(w.text.startswith("(") for w in words[i + 1:i + 6]):
        return None  # no length before it, no definition after it: no date needs reading
    got = _date_at(words, i, ctx)
    if got is None:
        return None
    after = [w.text for w in words[i + got[1]:i + got[1] + 2]]
    if len(after) == 2 and after[0].lower() == "(the" and _START_WORD.match(after[1].lstrip("\"“'")):
        return got
    if from_:
        for k in range(max(0, i - 5), i - 1):
            length = _duration(words, k)
            if length is not None and length[2] == i - 1:
                return got
    return None


# A word that says when the agreement starts: "effective", "commences", "beginning", "Start Date".
_START_WORD = re.compile(r"(?i)^(effective|commenc|begin|start)")
# A verb of ending right before it dates an ending, not the agreement's start: "employment will end effective
# March 19", "shall terminate effective upon notice".
_END_WORD = re.compile(r"(?i)^(ends?|ended|terminat\w*|expir\w*|ceas\w*|resign\w*|cancel\w*)$")


# Where the preamble names no parties "between" them, its date is looked for in the first OPENING_WORDS words.
OPENING_WORDS = 150
# A date read where the agreement was signed (its execution clause, a "Date:" in the signature block) is the
# date it was made when the preamble gives none: where that date usually is, below one the preamble states.
SIGNED_DATE = 0.5
# The signature block is in the last SIGNATURE_SHARE of the words; the execution clause's date within
# EXECUTION_WORDS words of "IN WITNESS WHEREOF".
SIGNATURE_SHARE = 0.3
EXECUTION_WORDS = 40
_SALUTATION = re.compile(r"(?i)^(dear|gentlemen|ladies|sirs)\b")


def _cued_date(text: Text, start: int, end: int, ctx: ReadContext) -> tuple[str, tuple[int, int], float] | None:
    for i in range(start, end):
        got = _date_at(text.words, i, ctx)
        if got is not None:
            cue = _fold(text.phrase(max(0, i - 6), i))
            if any(c in cue for c in _EFFECTIVE_CUES) or "day of" in text.phrase(i, i + 4).lower():
                return got[0], (i, i + got[1]), CUED_VALUE
    return None


def _letter_date(text: Text, ctx: ReadContext) -> tuple[str, tuple[int, int], float] | None:
    """A letter agreement's date: the last date printed before its salutation ("Dear ...", "Ladies and
    Gentlemen:"), the letter's own date line."""
    words = text.words
    hello = next((i for i, w in enumerate(words[:PREAMBLE_WORDS]) if _SALUTATION.match(w.text)), None)
    if hello is None:
        return None
    found = None
    for i in range(hello):
        got = _date_at(words, i, ctx)
        if got is not None:
            found = got[0], (i, i + got[1]), CUED_VALUE
    return found


def _execution_date(text: Text, ctx: ReadContext) -> tuple[str, tuple[int, int], float] | None:
    """The date the agreement was signed: in its execution clause ("IN WITNESS WHEREOF, ... executed this
    Agreement this 28th day of March, 2005"), else the latest "Date:" of its signature block: parties who sign on
    different days make the agreement when the last of them signs."""
    words = text.words
    folded = [_fold(w.text) for w in words]
    start = int(len(words) * (1 - SIGNATURE_SHARE))
    witness = next((i for i in range(len(words) - 1) if folded[i] == "witness" and folded[i + 1] == "whereof"), None)
    if witness is not None:
        start = min(start, witness)
        for i in range(witness, min(len(words), witness + EXECUTION_WORDS)):
            got = _date_at(words, i, ctx)
            if got is not None:
                return got[0], (i, i + got[1]), SIGNED_DATE
            if words[i].text.endswith(".") and not _ABBREVIATION.match(words[i].text):
                break  # the clause ends: its date, if any, was "as of the date set forth below"
    signed = []
    for i in range(start, len(words) - 1):
        if folded[i] in ("date", "dated") and words[i].text.rstrip().endswith(":"):
            got = _date_at(words, i + 1, ctx)
            if got is not None:
                signed.append((got[0], (i + 1, i + 1 + got[1]), SIGNED_DATE))
    return max(signed, key=lambda d: d[0], default=None)  # ISO dates: the latest sorts last; ties keep the first


def _date_at(words: list[Word], i: int, ctx: ReadContext) -> tuple[str, int] | None:
    for n in (6, 5, 4, 3, 2, 1):
        chunk = " ".join(w.text for w in words[i:i + n])
        chunk = re.sub(r"(\d)\s+(st|nd|rd|th)\b", r"\1\2", chunk)
        if not re.match(r"^\(?\d|^[A-Za-z]{3}", chunk):
            return None
        got = ctx.date(chunk.strip("(),;"))
        if got and got[1]:
            return got[0], n
    return None


# ---- governing law ----------------------------------------------------------------------------

# "the laws of the State of X", "the laws and public policies of the State of X"
_LAW = re.compile(r"(?i)\blaws?(?:\s+(?:and|&)\s+(?:\w+\s+){0,2}?\w+)?\s+of\s+(?:the\s+)?"
                  r"(?:(?:state|commonwealth|province|republic)\s+of\s+)?(?P<place>[A-Z][A-Za-z]+(?:\s+(?:and\s+|of\s+)?[A-Z][A-Za-z]+){0,3})")
_PLACE_LAW = re.compile(r"(?P<place>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+law\b")


def governing_law(text: Text) -> tuple[str, tuple[int, int], float] | None:
    """The place whose laws govern: from a sentence that says 'govern' (or 'construed'), else any 'laws of X'."""
    best = None
    for start, end in _sentence_spans(text):
        s = text.phrase(start, end)
        governs = re.search(r"(?i)govern|constru|interpret", s) is not None
        for m in [*_LAW.finditer(s), *_PLACE_LAW.finditer(s)]:
            place = _place_in(m["place"])
            if place is None:
                continue
            at = _locate(text, start, end, place)
            rank = 2 if governs else 1
            if at is not None and (best is None or rank > best[0]):
                best = (rank, place, at)
        if best is not None and best[0] == 2:
            break
    if best is None:
        return None
    rank, place, at = best
    return place, at, CLAUSE_VALUE if rank == 2 else CUED_VALUE


def _place_in(phrase: str) -> str | None:
    """The first state, province or country a phrase names, after any words that describe it ('Federal
    Republic of Germany' → 'Germany')."""
    parts = phrase.split()
    return next((p for k in range(len(parts)) if (p := _known_place(" ".join(parts[k:]))) is not None), None)


def _known_place(phrase: str) -> str | None:
    """The longest head of `phrase` that names a state, province or country ('New York and' → 'New York')."""
    parts = phrase.split()
    for n in range(len(parts), 0, -1):
        name = " ".join(parts[:n])
        pieces = [p for p in re.split(r"\s+and\s+", name) if p]  # "England and Wales"
        if not name.endswith(" and") and all(V.fold(p) in US_STATES or V.fold(p) in COUNTRIES for p in pieces):
            return name
    return None


def _locate(text: Text, start: int, end: int, phrase: str) -> tuple[int, int] | None:
    target = [_fold(t) for t in phrase.split()]
    n = len(target)
    for i in range(start, end - n + 1):
        if [_fold(w.text) for w in text.words[i:i + n]] == target:
            return i, i + n
    return None


def _sentence_spans(text: Text) -> list[tuple[int, int]]:
    spans, start = [], 0
    for i, w in enumerate(text.words):
        if w.text.endswith((".", ";")) and not _ABBREVIATION.match(w.text) and not _SUFFIX.match(w.text):
            spans.append((start, i + 1))
            start = i + 1
    if start < len(text.words):
        spans.append((start, len(text.words)))
    return spans


# ---- term -------------------------------------------------------------------------------------

# A sentence about the agreement's own term: "this Agreement shall expire three (3) years from ...", "the term
# of this Agreement is ..."; a period some obligation lasts (a non-compete after employment) is not the term.
# So is a period counted from the agreement's own date: "(the obligations) shall terminate two (2) years from the
# date hereof", whatever ends then.
_TERM_CUES = re.compile(r"(?i)\b(?:this|the)\s+(?:\w+\s+)?agreement\b[^.;]{0,80}?\b(?:expire|terminate|remain|"
                        r"continue|be in effect|in (?:full )?(?:force|effect)|is valid|be valid)|"
                        r"\bterm of this agreement\b|"
                        r"\b(?:expire|terminate)s?\s+(?:on the date that is\s+)?(?=\S+\s+(?:\(\d+\)\s+)?"
                        r"(?:days?|weeks?|months?|years?)\s+(?:from|after)\s+(?:the\s+)?(?:date\s+(?:hereof|of\s+"
                        r"this\s+agreement)|effective\s+date))")


# "a term of two (2) years", "the term of this Lease is one (1) year": the count follows.
_TERM_OF = re.compile(r"(?i)\b(?:a|the|an initial|initial) (?:fixed )?term of"
                      r"(?: (?:this|the) \w+ (?:is|shall be|will be))?\b")


# A sentence whose subject is the document itself, by the name it calls itself ("This Lease runs for six months",
# "THIS AGREEMENT continues for ..."), or its term ("The term is 18 months from ..."), after the clause's heading
# where one opens it ("Term This Lease runs ..."): its first length of time that is no attribute of a noun after it
# ("60 days notice", "30 days' notice") is the term.
_SELF_OR_TERM = re.compile(r"^(?:[A-Z][\w&]*\s+){0,3}?(?:(?:This|THIS)\s+[A-Z]\w*\b|The\s+term\s+(?:is|shall|will|runs|"
                           r"lasts|begins|commences|continues)\b)")  # not 'The term "Invention" includes ...'

# The words that may follow a length of time in such a sentence: it is counted from or to something
_LENGTH_FOLLOWERS = {"from", "after", "of", "beginning", "commencing", "starting", "following", "in", "on", "to",
                     "until", "and", "or", "with"}


def term(text: Text, f: Field) -> tuple[object, tuple[int, int], float] | None:
    """The first 'N years / months' in a sentence about the term: '2 years' for text, in the field's unit for
    a number."""
    for start, end in _sentence_spans(text):
        s = text.phrase(start, end)
        cue = _TERM_CUES.search(s)
        while cue is not None and not _about_the_agreement(s, cue):  # "... of this Agreement shall remain"
            cue = _TERM_CUES.search(s, cue.start() + 1)
        stated = _TERM_OF.search(s)
        own = _SELF_OR_TERM.match(s)
        if not cue and not stated and not own:
            continue
        at = start + len(s[:(cue or stated or own).start()].split())
        last = end - 1 if cue or not stated else min(end - 1, at + len(stated[0].split()) + 1)
        for i in range(at, last):
            got = _duration(text.words, i)
            if got is None:
                continue
            n, unit, j = got
            if not cue and not stated and _qualifies_a_noun(text.words, j):
                continue
            if f.type in ("integer", "number"):
                wanted = f.labels.unit
                if wanted not in _UNITS:
                    continue
                factor = {"days": 1, "weeks": 7, "months": 30, "years": 360}
                value: object = n * factor[unit] // factor[wanted] if wanted != unit else n
            else:
                value = f"{n} {unit if n != 1 else unit[:-1]}"
            return value, (i, j), CUED_VALUE
    return None


# A term stated by its first and last day ("The tenancy begins on 2026-07-03 and ends on 2028-01-02"): the dates
# printed within SPAN_CUE_WORDS words after a word that begins it and one that ends it, in one sentence.
SPAN_CUE_WORDS = 4
_BEGINS = re.compile(r"(?i)^(begin|commenc|start|from|effective)")
_ENDS = re.compile(r"(?i)^(?:end|expir|terminat|until|through|to$)")


def dated_term(text: Text, f: Field, ctx: ReadContext) -> tuple[object, tuple[int, int], float] | None:
    """The term as the whole months (or years) from the date it begins to the date it ends, the last day
    included, in a sentence about the term or the agreement (that names a word of the field's name or of the
    schema's title); dates that span no whole number of months state no term."""
    about = {w.rstrip("s") for w in (*f.words, *re.findall(r"[a-z]+", V.fold(f.context)))} - {
        "day", "week", "month", "year", "length", "number"}
    for start, end in _sentence_spans(text):
        if not about & {_fold(w.text).rstrip("s") for w in text.words[start:end]}:
            continue
        dates = []
        i = start
        while i < end:
            got = _date_at(text.words, i, ctx)
            if got is None:
                i += 1
                continue
            before = [_fold(w.text) for w in text.words[max(start, i - SPAN_CUE_WORDS):i]]
            dates.append((got[0], i, i + got[1], before))
            i += got[1]
        begins = [d for d in dates if any(_BEGINS.match(t) for t in d[3])]
        ends = [d for d in dates if any(_ENDS.match(t) for t in d[3])]
        if not begins or not ends or ends[0][1] <= begins[0][1]:
            continue
        months = _whole_months(begins[0][0], ends[0][0])
        if months is None:
            continue
        value = _in_unit(f, months)
        if value is not None:
            return value, (begins[0][1], ends[0][2]), CUED_VALUE
    return None


def _whole_months(first: str, last: str) -> int | None:
    """Whole months from the first day to the last, the last included ('2026-07-03'..'2028-01-02' → 18)."""
    a = dt.date.fromisoformat(first)
    for b in (dt.date.fromisoformat(last) + dt.timedelta(days=1), dt.date.fromisoformat(last)):
        months = (b.year - a.year) * 12 + b.month - a.month
        if b.day == a.day and months > 0:
            return months
    return None


def _in_unit(f: Field, months: int) -> object | None:
    """A length in months as the field asks for it: a count in its unit, or text ('18 months', '2 years')."""
    if f.type not in ("integer", "number"):
        return f"{months // 12} year{'s' if months > 12 else ''}" if months % 12 == 0 else f"{months} months"
    per = {"months": 1, "years": 12}.get(f.labels.unit or "")
    return months // per if per and months % per == 0 else None


def is_length(text: str) -> bool:
    """A length of time: a number and a unit of time ("2 years", "twelve (12) months"), not a date that happens to
    stand in a sentence about the term ("During the term of ... employment, which commenced April 15, 1999")."""
    return any(c.isdigit() for c in text) and re.search(r"(?i)\b(day|week|month|year)s?\b", text) is not None


def _about_the_agreement(sentence: str, cue: re.Match) -> bool:
    """A cue whose subject is the agreement itself: not a part of it ("the restrictions of Section 4 of this
    Agreement shall remain ...", "the Covenant Not to Compete portion of this Agreement shall terminate ..."), and
    not a right to end it ("this Agreement may be terminated ... upon thirty (30) days notice": a notice period)."""
    part_of = re.search(r"(?i)\b(of|in|under)\s+$", sentence[:cue.start()]) is not None
    return not part_of and re.search(r"(?i)\bbe\s+terminat", cue[0]) is None


def _qualifies_a_noun(words: list[Word], j: int) -> bool:
    """The length of time ending before word j is an attribute of what follows ("30 days' notice", "60 days
    notice"), not a period of its own."""
    unit = words[j - 1].text
    if unit.endswith(("'", "’")):
        return True
    return j < len(words) and not re.search(r"[,;.:)]$", unit) and words[j].text[:1].islower() and \
        _fold(words[j].text) not in _LENGTH_FOLLOWERS


def _duration(words: list[Word], i: int) -> tuple[int, str, int] | None:
    """'two (2) years' / '24 months' / 'one year' at word i → (count, plural unit, end index)."""
    t = _fold(words[i].text)
    n = int(t) if t.isdigit() else V.parse_word_number(t)
    if n is None or n <= 0 or n > 1000:
        return None
    j = i + 1
    if j < len(words) and re.fullmatch(r"\(\d+\)", words[j].text.strip(",;.")):
        n = int(words[j].text.strip(",;.()"))
        j += 1
    if j >= len(words):
        return None
    unit = _fold(words[j].text).rstrip("s") + "s"
    unit = unit.replace("-", "")
    return (n, unit, j + 1) if unit in _UNITS else None
