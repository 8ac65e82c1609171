"""Which of the schema's lists a table's column header names: a payslip's "Income" over its earnings and
"Taxes & Deductions" over its deductions, printed side by side on one band of rows or one under the other.

A phrase over a table's column of descriptions often names the list rather than the description
("Earnings", "Income", "Deductions"). It names the array of objects that it is nearest in meaning of all
the schema's fields (semantics.match with their names and descriptions), when near enough (NAME_MIN) and
ahead of the next array (NAME_LEAD): "Current" over a meter's readings is nearer a currency than the
charges, "Taxes & Deductions" nearer the deductions than their total.
"""

from __future__ import annotations

from assay.domain.fields import Field
from assay.engines.layout.keyvalue import field_text
from assay.semantics import match

# A phrase names a list at this `match` score, this far ahead of the next list of the schema. Lower, and
# a column's own word ("This Period": 0.46 for earnings, 0.45 for deductions) names a list; higher, and
# the rewordings of a list's name ("Pay Components" for earnings: 0.24) are missed.
NAME_MIN = 0.2
NAME_LEAD = 0.05


class ListNames:
    """The schema's arrays of objects, and the one a printed phrase names, if any."""

    def __init__(self, arrays: list[Field], others: list[Field] = ()) -> None:
        """`arrays`: the schema's arrays; `others`: its other fields, which a phrase may be nearer."""
        self.arrays = [a for a in arrays if a.item().type == "object"]
        self._fields = [*self.arrays, *others]
        self._texts = [field_text(f) for f in self._fields]
        self._named: dict[str, tuple[str, ...] | None] = {}

    def named(self, phrase: str) -> tuple[str, ...] | None:
        """The path of the array `phrase` names, else None."""
        if phrase not in self._named:
            self._named[phrase] = None
            if self.arrays and any(ch.isalpha() for ch in phrase):
                row = sorted(zip(match.score_matrix([phrase], self._texts)[0], range(len(self._fields)),
                                 strict=True), reverse=True)
                best, k = row[0]
                runner_up = max((s for s, j in row[1:] if j < len(self.arrays)), default=0.0)
                if k < len(self.arrays) and best >= NAME_MIN and best - runner_up >= NAME_LEAD:
                    self._named[phrase] = self.arrays[k].path
        return self._named[phrase]
