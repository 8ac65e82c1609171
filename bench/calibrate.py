"""Fit the confidence model of `assay/pipeline/confidence.py` from leaves whose correctness is known.

`fit(samples)` takes (features, correct) pairs, features as `confidence.raw_features` returns them:
a logistic regression over `confidence.feature_vector` (L2-regularised, Newton's method, numpy,
with the signs of SIGNS),
then an isotonic map from its output to the observed rate of correct values (equal-count bins made
monotone by pooling adjacent violators). `reliability` bins (confidence, correct) pairs for a table.
"""

from __future__ import annotations

import numpy as np

from assay.pipeline import confidence as C

L2 = 1.0  # ridge penalty on the weights (not the bias): keeps rare features from taking extreme weights
BINS = 20  # equal-count bins of the isotonic map
# The direction each of these features must push confidence, whatever the fitting sets say: a
# guess (weak label, fuzzy or no grounding, a thin margin, OCR damage, a half-empty result) never
# earns confidence, even where the engine's rules happen to guess right on the fitting sets. A
# weight on the wrong side is held at 0.
SIGNS = {"score": 1, "label_sim": 1, "weak_label": -1, "fit": 1, "margin": 1, "ocr_loss": -1, "parsing_loss": -1,
         "ocr_errors": -1, "arithmetic_confirmed": 1, "arithmetic_doubted": -1,
         "grounding_exact": 1, "grounding_normalized": 1, "grounding_fuzzy": -1, "grounding_none": -1,
         "filled": 1, "null_filled": 1}


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = L2, steps: int = 50,
                 sample_weight: np.ndarray | None = None) -> tuple[float, np.ndarray]:
    """(bias, weights) maximising the penalised log-likelihood of y (0/1) given rows x."""
    sw = np.ones(len(x)) if sample_weight is None else sample_weight
    a = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(a.shape[1])
    penalty = np.full(a.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(a @ w, -30, 30)))
        grad = a.T @ (sw * (p - y)) + penalty * w
        hess = (a * (sw * p * (1 - p))[:, None]).T @ a + np.diag(penalty) + 1e-9 * np.eye(a.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return float(w[0]), w[1:]


def fit_isotonic(scores: np.ndarray, y: np.ndarray, bins: int = BINS,
                 sample_weight: np.ndarray | None = None) -> list[list[float]]:
    """[(upper edge of score, rate correct)], non-decreasing; the last edge is 1."""
    order = np.argsort(scores, kind="stable")
    sw = np.ones(len(scores)) if sample_weight is None else sample_weight
    s, t, v = scores[order], y[order], sw[order]
    size = max(1, len(s) // bins)
    blocks: list[list[float]] = []  # [edge, weighted hits, weighted count]
    for i in range(0, len(s), size):
        edge, hits, count = float(s[min(i + size, len(s)) - 1]), float((t * v)[i:i + size].sum()), v[i:i + size].sum()
        if blocks and blocks[-1][0] == edge:  # bins that end on the same score are one bin
            blocks[-1][1] += hits
            blocks[-1][2] += count
        else:
            blocks.append([edge, hits, count])
    pooled: list[list[float]] = []
    for block in blocks:
        pooled.append(block)
        while len(pooled) > 1 and pooled[-2][1] / pooled[-2][2] >= pooled[-1][1] / pooled[-1][2]:
            edge, hits, count = pooled.pop()
            pooled[-1] = [edge, pooled[-1][1] + hits, pooled[-1][2] + count]
    pooled[-1][0] = 1.0
    return [[round(e, 5), round(float(h / c), 4)] for e, h, c in pooled]


def fit_signed(x: np.ndarray, y: np.ndarray, signs: list[int], sample_weight: np.ndarray) -> tuple[float, np.ndarray]:
    """fit_logistic with each weight kept on the side `signs` gives (0: either): a feature whose
    weight comes out on the wrong side is dropped and the rest refitted, until none is."""
    free = np.ones(x.shape[1], dtype=bool)
    while True:
        bias, w = fit_logistic(x[:, free], y, sample_weight=sample_weight)
        weights = np.zeros(x.shape[1])
        weights[free] = w
        wrong = [i for i, s in enumerate(signs) if free[i] and s * weights[i] < 0]
        if not wrong:
            return bias, weights
        free[wrong] = False


def fit(samples: list[tuple[dict, bool]], sets: list[str] | None = None) -> dict:
    """The model calibration.json stores: bias, weights by feature name, isotonic table. `sets` names
    each sample's set: every set then weighs the same in the fit, so that the set the engine was
    developed on (most leaves, nearly all right) does not drown the unfamiliar ones."""
    x = np.array([C.feature_vector(f) for f, _ in samples], dtype=float)
    y = np.array([1.0 if ok else 0.0 for _, ok in samples])
    names = np.array(sets or [""] * len(samples))
    sizes = {n: (names == n).sum() for n in set(names)}
    sw = np.array([len(samples) / (len(sizes) * sizes[n]) for n in names])
    bias, weights = fit_signed(x, y, [SIGNS.get(name, 0) for name in C.FEATURE_NAMES], sw)
    model = {"bias": round(bias, 5), "weights": {n: round(float(w), 5) for n, w in zip(C.FEATURE_NAMES, weights,
                                                                                         strict=True)}}
    raw = np.array([C.raw_score(f, {**model, "isotonic": []}) for f, _ in samples])
    model["isotonic"] = fit_isotonic(raw, y, sample_weight=sw)
    return model


def reliability(pairs: list[tuple[float, bool]], bins: int = 10) -> list[tuple[str, int, float, float]]:
    """(bin, leaves, mean confidence, rate correct) for each non-empty equal-width bin of confidence."""
    rows = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(c, ok) for c, ok in pairs if lo <= c < hi or (b == bins - 1 and c >= hi)]
        if inside:
            rows.append((f"{lo:.1f}-{hi:.1f}", len(inside), sum(c for c, _ in inside) / len(inside),
                         sum(ok for _, ok in inside) / len(inside)))
    return rows
