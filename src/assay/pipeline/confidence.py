"""Calibrated confidence for one extracted leaf.

The engine's own score is not a probability. `raw_features` gathers what is known about a leaf, in
terms that mean the same on any document: how it was found (a label, a table, prose, a letterhead, a
section, no label at all), how well its label matched, its type fit, its margin over the runner-up,
how it was grounded, its OCR quality, whether it is a null the schema allows, and how much of the
schema the engine filled on this document (`filled_share`), and whether the document's own sums
(tendered less change = total) confirm or contradict the value. `raw_score` combines
them with a logistic model and `calibrate` maps that number to the observed rate of correct values
through a monotone (isotonic) table. Both are fitted together and stored in calibration.json next
to this module, with the date and the benchmark sets they were fitted on. Refit with

    python bench/accuracy.py --fit-calibration --cases /work/shared/bench/dev --cases /work/gen/develop \
        --pred-out /tmp/fit

which rewrites calibration.json.
"""

from __future__ import annotations

import bisect
import itertools
import json
import math
from collections.abc import Collection
from pathlib import Path
from typing import Any

from assay.engines.base import Hint

CALIBRATION_FILE = Path(__file__).with_name("calibration.json")
GROUNDINGS = ("exact", "normalized", "fuzzy", "inferred", "none")
SOURCES = ("label", "table", "prose", "letterhead", "section", "unlabelled")
# A value Assay cannot find printed in the document (grounding "none") has no evidence behind it: a model may
# have invented it. The fitted model sees few such leaves (the layout engine reads values off the page), so it
# cannot learn this; whatever it says, such a value is trusted no more than this.
UNGROUNDED_CEILING = 0.5
# A value whose printed words lie in two columns of a table the parser read was glued from two cells
# ("5 | 741.3" read as 5741.3): no more than this. (Two rows of one column are a wrapped line.)
SPLIT_CELLS_CEILING = 0.5
# A value the document's own sums contradict (a total that tendered less change does not give): a misread
# figure or the wrong one of several totals, no more than this.
ARITHMETIC_CEILING = 0.5
# A value whose field nothing printed told from another's (a table's column given its field by the schema's order
# alone, the headers naming neither of two): no more than this.
GUESS_CEILING = 0.7
# A value of many words each read with some doubt (an address line off a photographed receipt) is read
# whole less often than its least sure word says: the OCR's doubts are summed, up to this many words' worth.
OCR_ERRORS_CAP = 3.0


def feature_vector(f: dict[str, float]) -> list[float]:
    """The model's inputs, in the order of `FEATURE_NAMES`; a leaf without a hint has zeros for its source."""
    null = 1.0 if f.get("null") else 0.0
    value = 1.0 - null
    sim = min(1.0, f.get("label_sim", 0.0))
    return [
        value * min(1.5, f.get("score", 0.0)),
        value * sim,
        value * (1.0 if 0.0 < sim < 0.75 else 0.0),  # a label that matched only weakly
        value * min(1.0, f.get("fit", 1.0)),
        value * min(1.0, f.get("margin", 0.3)),
        value * (1.0 - f.get("ocr", 1.0)),
        value * min(OCR_ERRORS_CAP, f.get("ocr_errors", 0.0)),  # words the OCR expects it misread, summed
        value * (1.0 if f.get("arithmetic", 0.0) > 0 else 0.0),  # the document's sums confirm it
        value * (1.0 if f.get("arithmetic", 0.0) < 0 else 0.0),  # they contradict it
        value * (1.0 - f.get("parsing", 1.0)),
        value * f.get("inferred", 0.0),
        *(value * f.get(f"source_{s}", 0.0) for s in SOURCES),
        *(value * (1.0 if f.get("grounding") == g else 0.0) for g in GROUNDINGS),
        null * f.get("nullable", 1.0),  # a null the schema allows: usually a blank field
        null * (1.0 - f.get("nullable", 1.0)),  # one it forbids: usually a miss
        null * min(1.5, f.get("score", 0.0)),  # the engine's belief that the field is blank
        value * f.get("filled", 1.0),
        null * f.get("filled", 1.0),
    ]


FEATURE_NAMES = ("score", "label_sim", "weak_label", "fit", "margin", "ocr_loss", "ocr_errors", "arithmetic_confirmed",
                 "arithmetic_doubted", "parsing_loss", "inferred",
                 *(f"source_{s}" for s in SOURCES), *(f"grounding_{g}" for g in GROUNDINGS),
                 "null_allowed", "null_forbidden", "null_score", "filled", "null_filled")


def filled_share(result: Any) -> float:
    """The share of the fields outside arrays that have a value. A document the engine reads well
    fills most of its schema; one of an unfamiliar layout leaves many blank, and there both the
    blanks and the values it did find are less often right."""
    counts = [0, 0]  # filled, all

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for v in node.values():
                if isinstance(v, dict):
                    walk(v)
                elif not isinstance(v, list):
                    counts[0] += v is not None and v != ""
                    counts[1] += 1

    for item in result if isinstance(result, list) else [result]:
        walk(item)
    return counts[0] / counts[1] if counts[1] else 1.0


def raw_features(hint: Hint | None, grounding: str, value_is_null: bool, nullable: bool = True,
                 parsing: float = 1.0, filled: float = 1.0,
                 cells: Collection[tuple[int, int, int]] = ()) -> dict[str, float | str]:
    """`cells`: the parser's table cells (table, row, column) that hold the value's grounded words."""
    f: dict[str, float | str] = dict(hint.features) if hint else {}
    f["filled"] = filled
    f["split_cells"] = 1.0 if len({(t, col) for t, _, col in cells}) > 1 else 0.0
    f.setdefault("score", hint.confidence if hint else 0.0)
    f["grounding"] = grounding
    f["parsing"] = parsing
    f["null"] = 1.0 if value_is_null else 0.0
    f["nullable"] = 1.0 if nullable else 0.0
    return f


def _load() -> dict:
    return json.loads(CALIBRATION_FILE.read_text())


_MODEL = _load()


def raw_score(features: dict, model: dict | None = None) -> float:
    """The logistic model's probability that the leaf is right, before the isotonic map."""
    m = model or _MODEL
    weights = m["weights"]
    z = m["bias"] + sum(weights.get(name, 0.0) * x for name, x in zip(FEATURE_NAMES, feature_vector(features),
                                                                       strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def confidence(features: dict, model: dict | None = None) -> float:
    """The calibrated probability that the leaf is right, capped for a value not found in the document,
    for one read across two table cells, for one the document's own sums contradict and for a guess."""
    value = calibrate(raw_score(features, model), model)
    if features.get("grounding") == "none" and not features.get("null"):
        value = min(value, UNGROUNDED_CEILING)
    if features.get("split_cells") and not features.get("null"):
        value = min(value, SPLIT_CELLS_CEILING)
    if features.get("arithmetic", 0.0) < 0 and not features.get("null"):
        value = min(value, ARITHMETIC_CEILING)
    if features.get("guessed") and not features.get("null"):
        value = min(value, GUESS_CEILING)
    return value


def calibrate(raw: float, model: dict | None = None) -> float:
    """The isotonic table's rate of correct values at `raw`, kept within [0.01, 0.99]. The table is a
    staircase of a few steps, each `[upper edge, rate]`; the rate is read at the middle of each step and
    interpolated between middles, so that two leaves with different evidence (a closer label, a wider
    margin) never share one figure because they fell on the same step."""
    table = (model or _MODEL)["isotonic"]
    middles = [table[0][0]] + [(a[0] + b[0]) / 2 for a, b in itertools.pairwise(table)]
    rates = [rate for _, rate in table]
    i = bisect.bisect_left(middles, raw)
    if i == 0:
        rate = rates[0]
    elif i == len(middles):
        rate = rates[-1]
    else:
        rate = rates[i - 1] + (rates[i] - rates[i - 1]) * (raw - middles[i - 1]) / (middles[i] - middles[i - 1])
    return round(max(0.01, min(0.99, rate)), 4)
