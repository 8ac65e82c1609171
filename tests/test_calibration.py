"""The confidence model: fitting it (bench/calibrate.py) on leaves of known correctness recovers a
monotone, calibrated map, and the committed calibration.json says when a value was guessed."""

from __future__ import annotations

import math
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from calibrate import fit, fit_isotonic, reliability

from assay.pipeline import confidence as C


def _leaf(rng: random.Random) -> tuple[dict, bool]:
    """A synthetic leaf whose chance of being right rises with its score and falls when it was guessed."""
    source = rng.choice(["label", "table", "unlabelled"])
    features = {"score": rng.random(), "label_sim": 0.0 if source == "unlabelled" else rng.uniform(0.5, 1.0),
                f"source_{source}": 1.0, "grounding": rng.choice(["exact", "exact", "fuzzy", "none"]),
                "null": 0.0, "nullable": 1.0}
    z = -2.0 + 4.0 * features["score"] + (1.0 if features["grounding"] == "exact" else -1.0) \
        - (1.5 if source == "unlabelled" else 0.0)
    return features, rng.random() < 1.0 / (1.0 + math.exp(-z))


def _ece(pairs: list[tuple[float, bool]]) -> float:
    return sum(n / len(pairs) * abs(conf - acc) for _, n, conf, acc in reliability(pairs))


def test_fitting_recovers_a_monotone_calibrated_map() -> None:
    rng = random.Random(7)
    model = fit([_leaf(rng) for _ in range(6000)], sets=["big"] * 4500 + ["small"] * 1500)
    table = model["isotonic"]
    assert [p for _, p in table] == sorted(p for _, p in table)
    assert model["weights"]["score"] > 1.0
    assert model["weights"]["grounding_exact"] > model["weights"]["grounding_none"]
    held_out = [_leaf(rng) for _ in range(4000)]
    pairs = [(C.calibrate(C.raw_score(f, model), model), ok) for f, ok in held_out]
    assert _ece(pairs) < 0.03
    unlabelled = {"score": 0.6, "source_unlabelled": 1.0, "grounding": "exact", "null": 0.0}
    labelled = {**unlabelled, "source_unlabelled": 0.0, "source_label": 1.0, "label_sim": 0.9}
    assert C.calibrate(C.raw_score(unlabelled, model), model) < C.calibrate(C.raw_score(labelled, model), model)


def test_isotonic_pools_violators() -> None:
    import numpy as np

    scores = np.array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6])
    right = np.array([0.0, 1.0, 0.0, 1.0, 1.0, 1.0])
    assert fit_isotonic(scores, right, bins=6) == [[0.1, 0.0], [0.3, 0.5], [1.0, 1.0]]


def test_committed_model_gives_a_guess_less_confidence_than_a_read_value() -> None:
    read = C.raw_features(None, "exact", False) | {"score": 0.9, "label_sim": 1.0, "source_label": 1.0,
                                                    "fit": 1.0, "margin": 0.5}
    guessed = read | {"score": 0.3, "label_sim": 0.55, "margin": 0.05, "grounding": "fuzzy"}
    assert C.calibrate(C.raw_score(guessed)) < C.calibrate(C.raw_score(read))
    assert C.CALIBRATION_FILE.exists()


def test_filled_share_counts_the_fields_outside_arrays() -> None:
    result = {"number": "A-1", "date": None, "seller": {"name": "Acme", "vat": ""}, "items": [{"qty": 1}]}
    assert C.filled_share(result) == 0.5
    assert C.filled_share([{"page": 1, "total": None}, {"page": 2, "total": "9.00"}]) == 0.75


def test_a_value_not_found_in_the_document_is_never_trusted_more_than_the_ceiling() -> None:
    read = {"score": 1.0, "label_sim": 1.0, "fit": 1.0, "margin": 0.5, "source_label": 1.0, "grounding": "exact",
            "null": 0.0, "nullable": 1.0, "filled": 1.0, "parsing": 1.0}
    invented = {**read, "grounding": "none"}
    assert C.confidence(read) > C.UNGROUNDED_CEILING
    assert C.confidence(invented) <= C.UNGROUNDED_CEILING
    assert C.confidence({**invented, "null": 1.0}) == C.calibrate(C.raw_score({**invented, "null": 1.0}))
