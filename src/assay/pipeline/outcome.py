"""What a user should know about a finished extraction beyond its values: the job's `warnings`.

A job can complete with every value null and nothing be wrong, but often something is: the document
had no readable text (a blank or image-only page OCR could not read), its text layer is garbage (a
PDF whose fonts map glyphs to the wrong characters), or a field the schema marks `required` was not
found. Each becomes a warning `{"code", "message"}` (plus `"fields"` for the missing ones):

* `no_readable_text`         the document parsed to no words at all;
* `unreadable_text`          most of its words are not words (`readable_share`);
* `required_fields_missing`  the `required` fields that came back null, by result path;
* `pages_not_read`           pages that failed on their own (a damaged page, OCR that failed), with
                             `pages`: [{"page_number", "error"}] (the parse API's names for a failed page);
* `replaced_characters`      characters of a text layer that are not Unicode (an unpaired UTF-16
                             surrogate from a broken font map), read as U+FFFD, with `count` and `pages`.

A page that fails never fails the job, so its warning is the only sign of it; `page_counts` (in the
job's usage as `num_pages_read` and `num_pages_lost`) says how many were read and lost.

`readable_share` judges each word by what text in any language shares, not by a list of expected
words: no private-use, replacement or control characters; letters and digits rather than symbols;
and, for words in Latin letters, a vowel, no long run of consonants, an ordinary case pattern, and
pieces of words: a word of four letters or more must split into few pieces of BERT's WordPiece
vocabulary (`assay.semantics.wordpiece`; "rechnung" is 3 pieces, a shifted "jowpjdf" 5). The
share also bounds each value's `parsing_confidence` (`text_quality`).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from assay.domain.document import Document
from assay.domain.schema import node_type
from assay.semantics import wordpiece

# Below this share of readable words a document's text is unreadable; at or above it, the text is
# as trustworthy as its parser says (ordinary documents score 0.9 and more: codes, amounts and
# abbreviations are words too).
READABLE_SHARE = 0.75
_EDGE_PUNCTUATION = "\"'()[]{}<>.,;:!?*«»“”‘’-–—…•"
_VOWELS = set("aeiouy")
_CONSONANT_RUN = re.compile(r"[b-df-hj-np-tv-xz]{6,}")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_MAX_PIECES_PER_LETTER = 0.6  # words of any Latin-script language split into far fewer pieces
_MAX_JUDGED = 3000  # words judged per document, spread over it
_PLAIN_SYMBOLS = set("-/.,:;'&%$€£¥#@+()_=*\"’°§±×~|²³")
# Latin letters without a base letter under accents, read as the letter they sound like
_LATIN_EXTRA = {"æ": "a", "ø": "o", "œ": "o", "ß": "s", "ł": "l", "đ": "d", "ð": "d", "þ": "t",
                "\u0131": "i"}  # dotless i


def readable_share(document: Document) -> float | None:
    """The share of the document's words that read as words (None when it has no words at all)."""
    words = [word.text for _, word in document.iter_words()]
    judged = readable = 0
    for text in words[::max(1, len(words) // _MAX_JUDGED)]:
        verdict = _readable(text)
        if verdict is None:
            continue
        judged += 1
        readable += verdict
    if not words:
        return None
    return readable / judged if judged else 1.0  # numbers only: nothing to doubt


def text_quality(share: float | None) -> float:
    """A document-wide bound on `parsing_confidence`: 1 for ordinary text, falling with the share of
    readable words below READABLE_SHARE, 0 for a document without words."""
    if share is None:
        return 0.0
    return round(min(1.0, share / READABLE_SHARE), 4)


def page_counts(document: Document) -> dict[str, int]:
    """How many of the document's selected pages were read, and how many failed on their own."""
    lost = sum(1 for page in document.pages if page.error)
    return {"num_pages_read": len(document.pages) - lost, "num_pages_lost": lost}


def page_warnings(document: Document) -> list[dict[str, Any]]:
    """Pages that could not be read, and characters read as U+FFFD (see the module docstring)."""
    out: list[dict[str, Any]] = []
    failed = [{"page_number": page.number, "error": page.error} for page in document.pages if page.error]
    if failed:
        listed = "; ".join(f"page {p['page_number']}: {p['error']}" for p in failed[:5])
        more = f"; and {len(failed) - 5} more" if len(failed) > 5 else ""
        out.append({"code": "pages_not_read", "pages": failed,
                    "message": f"{len(failed)} of {len(document.pages)} page(s) could not be read, so nothing "
                               f"was extracted from them ({listed}{more})."})
    replaced = {page.number: page.replaced_chars for page in document.pages if page.replaced_chars}
    if replaced:
        count = sum(replaced.values())
        out.append({"code": "replaced_characters", "count": count, "pages": sorted(replaced),
                    "message": f"{count} character(s) of the text layer are not valid Unicode (a font's broken "
                               "character map) and were read as U+FFFD."})
    return out


def warnings(share: float | None, schema: dict, result: Any, document: Document | None = None
             ) -> list[dict[str, Any]]:
    """The job's warnings for a document whose words read as `share` (readable_share) and its result."""
    out: list[dict[str, Any]] = page_warnings(document) if document is not None else []
    if share is None:
        out.append({"code": "no_readable_text",
                    "message": "The document has no readable text (a blank page, or a scan OCR could not read)."})
    elif share < READABLE_SHARE:
        out.append({"code": "unreadable_text",
                    "message": f"Only {share:.0%} of the document's words read as words: its text layer is "
                               "probably garbage (try parse_tier cost_effective with OCR, or a better scan)."})
    missing = missing_required(schema, result)
    if missing:
        out.append({"code": "required_fields_missing", "fields": missing,
                    "message": f"Required field(s) not found: {', '.join(missing)}."})
    return out


def missing_required(schema: dict, result: Any, at: str = "") -> list[str]:
    """The result paths (`total`, `vendor.name`, `items[2].amount`, `[0].total` per page) of the
    fields the normalized `schema` marks required that are null or empty in `result`."""
    if isinstance(result, list) and node_type(schema)[0] != "array":  # per_page / per_table_row
        return [p for i, item in enumerate(result) for p in missing_required(schema, item, f"{at}[{i}]")]
    kind = node_type(schema)[0]
    if kind == "array" and isinstance(result, list):
        return [p for i, item in enumerate(result) for p in missing_required(schema.get("items", {}), item,
                                                                               f"{at}[{i}]")]
    if kind != "object" or not isinstance(result, dict):
        return []
    out: list[str] = []
    required = set(schema.get("required", []))
    for key, sub in schema.get("properties", {}).items():
        path = f"{at}.{key}" if at else key
        value = result.get(key)
        if key in required and value in (None, "", [], {}):
            out.append(path)
        elif value is not None:
            out.extend(missing_required(sub, value, path))
    return out


def _readable(text: str) -> bool | None:
    """Whether a word reads as one; None for a word without letters (numbers, rules, tick boxes: not judged)."""
    if any(unicodedata.category(c) in ("Co", "Cc", "Cs", "Cn") or c == "\ufffd" for c in text):
        return False
    core = text.strip(_EDGE_PUNCTUATION)
    runs = _LETTER_RUN.findall(core)
    if not runs:
        return None
    if any(not (c.isalpha() or c.isdecimal()) and c not in _PLAIN_SYMBOLS for c in core):
        return False
    for letters in runs:  # "INV" and "A" in "INV-1042A"
        latin = "".join(_latin_letter(c) for c in letters)
        if len(latin) < len(letters):
            if latin:
                return False  # Latin letters mixed into a word of another script are noise
        elif not _pronounceable(latin, letters):
            return False
    return True


def _latin_letter(c: str) -> str:
    """The Latin letter under a character's accents ('é' → 'e'), or '' for a letter of another script."""
    if not unicodedata.name(c, "").startswith("LATIN"):
        return ""
    base = unicodedata.normalize("NFD", c)[0].lower()
    return base if "a" <= base <= "z" else _LATIN_EXTRA.get(base, "x")


def _pronounceable(latin: str, letters: str) -> bool:
    if len(latin) <= 2 or (letters.isupper() and len(latin) <= 5):  # short words and acronyms
        return True
    if not _VOWELS & set(latin) or _CONSONANT_RUN.search(latin):
        return False
    case_ok = letters.islower() or letters.isupper() or (letters[0].isupper() and letters[1:].islower())
    if not case_ok and sum(c.isupper() for c in letters) > 2:  # "McDonald", "iPhone" are fine
        return False
    return len(latin) < 4 or len(wordpiece.pieces(latin)) <= _MAX_PIECES_PER_LETTER * len(latin)
