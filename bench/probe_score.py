"""The scoring loop the probes share (bench/*_probe.py): make each seed's document, read it, compare field by
field, and print the share right, the failures per field and per (field, arrangement, wording); and the values
read with a list's items among them, each item one field (ListRead)."""

from __future__ import annotations

import collections
import sys
from collections.abc import Callable


def report(make: Callable[[int], tuple[bytes, dict, dict]], read: Callable[..., dict],
           wording: Callable[[str, dict], str | None], with_choices: bool = False) -> None:
    """`make(seed)` gives (PDF, expected values, the choices made, "style" among them); `read(pdf)` the values the
    engine read, under the expected values' keys (`read(data, choices)` with `with_choices`: a file that is no PDF
    needs its name); `wording(key, choices)` the wording a failure is counted under.
    Seeds and -v (print each failure) come from the command line: FIRST LAST [-v]."""
    first, last = int(sys.argv[1]), int(sys.argv[2])
    fails, fields = collections.Counter(), 0
    by_choice: collections.Counter = collections.Counter()
    for seed in range(first, last):
        pdf, expected, choices = make(seed)
        got = read(pdf, choices) if with_choices else read(pdf)
        for k, v in expected.items():
            fields += 1
            if got[k] == v:
                continue
            name = k.rstrip("0123456789") or k  # "tx3": one of a list's items, counted under the list
            fails[name] += 1
            by_choice[(name, choices["style"], wording(k, choices))] += 1
            if "-v" in sys.argv:
                print(seed, k, "expected", v, "got", got[k], choices["style"], choices.get("date", ""))
    print(f"fields right {1 - sum(fails.values()) / fields:.3f} of {fields}")
    print("failures by field", dict(fails))
    for (k, style, said), n in by_choice.most_common(40):
        print(n, k, style, said)


class ListRead(dict):
    """The values read, where a key of `prefix` and a number ("item3") stands for one of a list's items: it gives a
    value equal to its expected tuple when the engine read that tuple anywhere in the list."""

    def __init__(self, got: dict, read: list[tuple], prefix: str) -> None:
        super().__init__(got)
        self.read, self.prefix = read, prefix

    def __getitem__(self, key: str):
        if key.startswith(self.prefix) and key[len(self.prefix):].isdigit():
            return _Among(self.read, int(key[len(self.prefix):]))
        return super().__getitem__(key)


class _Among:
    def __init__(self, read: list[tuple], n: int) -> None:
        self.read, self.n = read, n

    def __eq__(self, other: object) -> bool:
        return other in self.read

    def __repr__(self) -> str:
        return repr(self.read[self.n]) if self.n < len(self.read) else "(none)"
