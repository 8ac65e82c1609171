"""The sentence encoder shipped on PyPI: unit vectors, the same in every process, switched off by ASSAY_EMBEDDINGS."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from assay.semantics import embed, wordpiece

PHRASES = ["Amount Payable (incl. VAT)", "Remit by", "Café Müller – Straße 5", "Invoice #", ""]

_PRINT_VECTOR = "from assay.semantics import embed; print(embed.embed([{!r}])[0].tobytes().hex())"


def test_vectors_are_unit_length_and_in_order() -> None:
    vectors = embed.embed(PHRASES)
    assert vectors.shape == (len(PHRASES), embed.DIMENSIONS)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)
    assert embed.embed([]).shape == (0, embed.DIMENSIONS)


def test_a_phrase_gets_the_same_vector_alone_in_a_batch_and_in_a_fresh_process() -> None:
    text = "Balance brought forward"
    batch = embed.embed(["Total due", text, "A much longer phrase about something else entirely"])[1]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    fresh = subprocess.run([sys.executable, "-c", _PRINT_VECTOR.format(text)], capture_output=True, text=True,
                           check=True, env=env, timeout=120).stdout.strip()
    assert fresh == batch.tobytes().hex()
    assert np.array_equal(embed.embed([text])[0], batch)


def test_similar_meanings_score_higher_than_different_ones() -> None:
    assert embed.similarity("Amount payable", "total amount due") > embed.similarity("Amount payable", "date of birth")
    assert embed.similarity("Remit by", "Remit by") == pytest.approx(1.0, abs=1e-5)


def test_switched_off_by_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert embed.available()
    monkeypatch.setenv(embed.ENV_SWITCH, "off")
    assert not embed.available()
    with pytest.raises(embed.ModelUnavailableError, match="ASSAY_EMBEDDINGS=off"):
        embed.embed(["Total"])


def test_wordpiece_splits_as_bert_does() -> None:
    vocab = wordpiece.vocabulary()
    ids = wordpiece.encode("Naïve INVOICE-No.: unaffable")
    pieces = [next(k for k, v in vocab.items() if v == i) for i in ids]
    # as the `tokenizers` package's BertWordPiece with the same vocabulary splits it
    assert pieces == ["[CLS]", "naive", "in", "##vo", "##ice", "-", "no", ".", ":", "una", "##ffa", "##ble", "[SEP]"]
    assert len(wordpiece.encode("word " * 200, max_tokens=16)) == 16
