"""BERT's uncased WordPiece tokenizer, in plain Python: text → token ids the sentence encoder reads.

The same steps as BERT's own (and the `tokenizers` package's BertNormalizer + BertPreTokenizer +
WordPiece): drop control characters, fold case and accents, put each punctuation mark and CJK
character apart, then split each word into the longest pieces found in the vocabulary. vocab.txt
beside this file is BERT's uncased vocabulary (Google, Apache-2.0), the one all-MiniLM-L6-v2 uses.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

VOCAB_FILE = Path(__file__).with_name("vocab.txt")
_MAX_WORD_CHARS = 100


@cache
def vocabulary() -> dict[str, int]:
    return {line.rstrip("\n"): i for i, line in enumerate(VOCAB_FILE.read_text(encoding="utf-8").splitlines())}


def encode(text: str, max_tokens: int = 64) -> list[int]:
    """[CLS] pieces… [SEP] as vocabulary ids, cut to `max_tokens` in all."""
    vocab = vocabulary()
    ids = [vocab["[CLS]"]]
    for word in _words(text):
        ids.extend(_pieces(word, vocab))
        if len(ids) >= max_tokens - 1:
            del ids[max_tokens - 1:]
            break
    ids.append(vocab["[SEP]"])
    return ids


def pieces(word: str) -> list[int]:
    """The vocabulary ids one lower-case, accent-free word splits into ([UNK] when it cannot be split)."""
    return _pieces(word, vocabulary())


def _words(text: str) -> list[str]:
    """Lower-cased, accent-free words, each punctuation mark and CJK character a word of its own."""
    out: list[str] = []
    word: list[str] = []
    for ch in unicodedata.normalize("NFD", text.lower()):
        cat = unicodedata.category(ch)
        if cat == "Mn" or ch == "\ufffd" or (cat in ("Cc", "Cf") and ch not in "\t\n\r"):
            continue  # accents, control characters
        if ch.isspace():
            _flush(word, out)
        elif _is_punctuation(ch, cat) or _is_cjk(ord(ch)):
            _flush(word, out)
            out.append(ch)
        else:
            word.append(ch)
    _flush(word, out)
    return out


def _flush(word: list[str], out: list[str]) -> None:
    if word:
        out.append("".join(word))
        word.clear()


def _is_punctuation(ch: str, cat: str) -> bool:
    cp = ord(ch)
    return 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126 or cat.startswith("P")


def _is_cjk(cp: int) -> bool:
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F
            or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF
            or 0x2F800 <= cp <= 0x2FA1F)


def _pieces(word: str, vocab: dict[str, int]) -> list[int]:
    """Greedy longest-match-first split of one word; a word that cannot be split is [UNK]."""
    if len(word) > _MAX_WORD_CHARS:
        return [vocab["[UNK]"]]
    out: list[int] = []
    start = 0
    while start < len(word):
        end = len(word)
        while end > start:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in vocab:
                out.append(vocab[piece])
                break
            end -= 1
        else:
            return [vocab["[UNK]"]]
        start = end
    return out
