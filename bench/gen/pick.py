"""Seeded choices that respect the develop / frozen split (see the package docstring)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

SPLITS = ("develop", "frozen")


def half(items: Sequence[T], split: str) -> list[T]:
    """The split's half of a list of alternatives: even positions for develop, odd for frozen."""
    if len(items) < 2:
        raise ValueError(f"a list of alternatives needs two entries to be split: {items!r}")
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}")
    return list(items[0::2] if split == "develop" else items[1::2])


class Pick:
    """One case's random source. `pick` draws from the split's half of a list; `any` draws from a
    whole list, and is only for lists owned by something already split (a country's own formats)."""

    def __init__(self, seed: str, split: str) -> None:
        self.rng = random.Random(seed)  # a str seed is hashed with SHA-512: the same on every run
        self.split = split

    def pick(self, items: Sequence[T]) -> T:
        return self.rng.choice(half(items, self.split))

    def picks(self, items: Sequence[T], k: int) -> list[T]:
        pool = half(items, self.split)
        return self.rng.sample(pool, min(k, len(pool)))

    def any(self, items: Sequence[T]) -> T:
        return self.rng.choice(list(items))

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def int(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def money(self, low: float, high: float) -> float:
        return round(self.rng.uniform(low, high), 2)

    def digits(self, n: int) -> str:
        return "".join(self.rng.choice("0123456789") for _ in range(n))

    def letters(self, n: int) -> str:
        return "".join(self.rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(n))

    def shuffle(self, items: list[T]) -> list[T]:
        items = list(items)
        self.rng.shuffle(items)
        return items
