"""Sorting documents and pages: what kind of document a file is (classify), and where the documents of
a bundle begin and end (split).

The inputs are the user's words (a rule's `type` and `description`, a category's `name` and
`description`); the results say what was decided, how sure, and on which words of which page, so
that any backend (the offline layout engine, an LLM) returns the same types.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from assay.errors import InvalidFieldError


@dataclass(frozen=True, slots=True)
class Rule:
    """A kind of document the user wants recognised: `type` is returned when it matches."""

    type: str
    description: str = ""

    def __post_init__(self) -> None:
        if not self.type.strip():
            raise InvalidFieldError("A classify rule needs a non-empty type.")


@dataclass(frozen=True, slots=True)
class Evidence:
    """Words on one page that a decision rests on."""

    page: int
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Classification:
    """`type` is the matching rule's type, or None when no rule matches. `confidence` is in [0, 1]."""

    type: str | None
    confidence: float
    reasoning: str
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Category:
    """A kind of document a bundle may hold, by the user's name for it and a description."""

    name: str
    description: str = ""

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise InvalidFieldError("A split category needs a non-empty name.")


UNCATEGORIZED = "uncategorized"  # how the API (and a model's answer) names the pages of category None


class Uncategorized(enum.StrEnum):
    """What to do with pages that fit no category."""

    FORBID = "forbid"  # every page gets one of the categories
    INCLUDE = "include"  # they form segments of their own, with category None
    OMIT = "omit"  # they are left out of the result


@dataclass(frozen=True, slots=True)
class SplitStrategy:
    allow_uncategorized: Uncategorized = Uncategorized.INCLUDE
    min_pages_per_split: int = 1
    custom_instructions: str | None = None  # read by LLM backends; the layout engine has no use for it

    def __post_init__(self) -> None:
        if self.min_pages_per_split < 1:
            raise InvalidFieldError(f"min_pages_per_split must be at least 1, not {self.min_pages_per_split}.")


class Confidence(enum.StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @staticmethod
    def of(score: float) -> Confidence:
        if score >= 0.8:
            return Confidence.HIGH
        return Confidence.MEDIUM if score >= 0.5 else Confidence.LOW


@dataclass(frozen=True, slots=True)
class Segment:
    """One document of a bundle: its pages (numbered as in the input), its category (None when
    uncategorized), and the confidence in both its boundaries and its category."""

    category: str | None
    pages: tuple[int, ...]
    confidence: float
    reasoning: str = ""
    evidence: tuple[Evidence, ...] = field(default=())

    @property
    def confidence_category(self) -> Confidence:
        return Confidence.of(self.confidence)
