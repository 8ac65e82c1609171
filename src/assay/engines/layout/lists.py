"""Lists without a table header: itemized lines (receipts), repeated sections, lists of strings."""

from __future__ import annotations

from assay.engines.layout.candidates import Candidate
from assay.engines.layout.fields import Field, ReadContext
from assay.engines.layout.geometry import PageLayout
from assay.engines.layout.keyvalue import LabelIndex


def itemized_lines(item: Field, layouts: list[PageLayout], ctx: ReadContext) -> list[dict[str, Candidate | None]]:
    return []


def sections(arr: Field, layouts: list[PageLayout], ctx: ReadContext,
             index: LabelIndex) -> list[dict[str, Candidate | None]]:
    return []


def scalar_list(arr: Field, layouts: list[PageLayout], ctx: ReadContext, index: LabelIndex) -> list[Candidate]:
    return []
