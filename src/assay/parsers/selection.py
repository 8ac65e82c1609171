"""Which pages to parse: `target_pages` ("1,3,5-7", 1-based) then `max_pages` (the first N)."""

from __future__ import annotations

import re

from assay.errors import InvalidRequestError

_TOKEN = re.compile(r"^\s*(-?\d+)\s*(?:-\s*(-?\d+)\s*)?$")


def page_ranges(spec: str) -> list[tuple[int, int]]:
    """The inclusive ranges `spec` names; raises InvalidRequestError on a malformed entry, a reversed
    range or a page number below 1. Needs no page count, so requests are checked before any work."""
    ranges = []
    for token in spec.split(","):
        if not token.strip():
            raise InvalidRequestError(f"target_pages {spec!r} has an empty entry")
        match = _TOKEN.match(token)
        if not match:
            raise InvalidRequestError(f"target_pages entry {token.strip()!r} is not a page number or a range like 2-5")
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) is not None else first
        if first < 1 or last < 1:
            raise InvalidRequestError(f"target_pages entry {token.strip()!r}: pages are numbered from 1")
        if last < first:
            raise InvalidRequestError(f"target_pages entry {token.strip()!r} is a reversed range")
        ranges.append((first, last))
    return ranges


def parse_page_selection(spec: str | None, max_pages: int | None, page_count: int) -> list[int]:
    """The sorted, de-duplicated 1-based page numbers to parse.

    Pages past the end of the document are ignored; a selection that leaves no page at all, a
    malformed token, a reversed range or a page number below 1 raises InvalidRequestError saying why.
    """
    if max_pages is not None and max_pages < 1:
        raise InvalidRequestError(f"max_pages must be at least 1, got {max_pages}")
    if spec is None or not spec.strip():
        numbers = list(range(1, page_count + 1))
    else:
        wanted: set[int] = set()
        for first, last in page_ranges(spec):
            wanted.update(range(first, min(last, page_count) + 1))
        numbers = sorted(wanted)
        if not numbers:
            raise InvalidRequestError(f"target_pages {spec!r} selects no page of this {page_count}-page document")
    if max_pages is not None:
        numbers = numbers[:max_pages]
    return numbers
