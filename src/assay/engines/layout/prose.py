"""Values stated in sentences rather than labelled: dates, amounts, durations near cue words."""

from __future__ import annotations

from assay.engines.layout.candidates import Candidate
from assay.engines.layout.fields import Field, ReadContext
from assay.engines.layout.geometry import PageLayout


def candidates(f: Field, layouts: list[PageLayout], ctx: ReadContext) -> list[Candidate]:
    return []
