"""Calibrated confidence for one extracted leaf.

The engine's own score is not a probability. `raw_features` turns what is known about a leaf
(how it was found, how well its label matched, its type fit, its margin over the runner-up, how it
was grounded) into one number with a small hand-set logistic; `calibrate` then maps that number to
the observed rate of correct values through a binned table fitted on the dev set.

Refit with `python bench/accuracy.py --cases DIR --pred-out DIR2 --fit-calibration`: it scores every
leaf, bins the raw scores and prints a new CALIBRATION table to paste here.
"""

from __future__ import annotations

import bisect
import math

from assay.engines.base import Hint

_GROUNDING_WEIGHT = {"exact": 0.6, "normalized": 0.45, "fuzzy": 0.0, "inferred": 0.3, "none": -1.2}

# (upper edge of raw score, P(correct)): equal-count bins of every leaf of the 144 dev cases, made
# monotone by pooling adjacent violators. Produced by
#   bench/accuracy.py --cases /work/shared/bench/dev --pred-out /tmp/pred --fit-calibration
# (layout engine, 2026-11-29); refit after changing raw_score or the engine's scores.
CALIBRATION: list[tuple[float, float]] = [(0.9168, 0.877), (0.9374, 0.964), (0.953, 0.99), (0.9584, 0.994),
                                          (1.0, 0.999)]
NULL_CALIBRATION: list[tuple[float, float]] = [(0.15, 0.091), (1.0, 0.817)]


def raw_features(hint: Hint | None, grounding: str, value_is_null: bool, nullable: bool = True) -> dict[str, float]:
    f = dict(hint.features) if hint else {}
    f.setdefault("score", hint.confidence if hint else 0.0)
    f["grounded"] = _GROUNDING_WEIGHT.get(grounding, 0.0)
    f["null"] = 1.0 if value_is_null else 0.0
    f["nullable"] = 1.0 if nullable else 0.0
    return f


def raw_score(features: dict[str, float]) -> float:
    """A monotone combination of the features, in (0, 1)."""
    if features.get("null"):  # a null the schema allows is usually a blank field; one it forbids, a miss
        if not features.get("nullable", 1.0):
            return 0.15
        return 0.5 + 0.4 * min(1.0, features.get("score", 0.0))
    z = (-1.0 + 3.2 * features.get("score", 0.0) + features.get("grounded", 0.0)
         + 0.8 * min(features.get("margin", 0.3), 0.5) + 0.8 * (features.get("ocr", 1.0) - 1.0))
    return 1.0 / (1.0 + math.exp(-z))


def calibrate(raw: float, is_null: bool) -> float:
    table = NULL_CALIBRATION if is_null else CALIBRATION
    edges = [e for e, _ in table]
    i = min(bisect.bisect_left(edges, raw), len(table) - 1)
    return round(max(0.01, min(0.99, table[i][1])), 4)
