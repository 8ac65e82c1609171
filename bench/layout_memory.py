"""Layout memory bench: after one (or three) reviewed documents of a layout, how well are the next five read?

    python bench/layout_memory.py [--families invoice,receipt,...] [--senders 3] [--scans] [--dev DIR]

For each family of the generalization generator (bench/gen, frozen-split settings: layouts the engine was
not developed on) it makes `--senders` senders, each printing eight documents from one layout with
different values (`SenderPick`: the layout's choices come from the sender's seed, values, row counts,
goods and customers from each document's own). Per sender:

  engine alone    documents 1-5 and 3-7 read by the engine, no memory
  after one       document 0 reviewed (its expected values posted as the accepted result, through
                  `services.layouts.remember` on a real SQLite database), documents 1-5 read
  after three     documents 1 and 2 reviewed too, documents 3-7 read

Scored by the shared scorer's value F1 (mean per document). Then the documents of other layouts
(--dev, default the dev set: the same schemas, so every one of them is looked up among the remembered
layouts) are read with and without the memory: their F1 must not move. Prints the load average and
core count beside the figures.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import ClassVar

sys.path.insert(0, str(Path(__file__).parent))

from gen import build, scan
from gen.case import write
from gen.pick import Pick

FAMILIES = ["invoice", "receipt", "purchase_order", "form", "utility_bill", "payslip", "delivery_note"]
PER_SENDER = 8
SCORER = Path("/work/shared/bench/score.py")


def _value_lists() -> set[int]:
    """Lists whose entries are values a sender prints differently on each document (names, goods, row counts)."""
    from gen import people
    from gen.families import commerce

    lists = [people.GIVEN, people.MIDDLE, people.FAMILY, people.TRADE_WORDS, people.INDUSTRIES, people.GOODS,
             commerce.DESCRIPTION_TAILS]
    return {id(x) for x in lists}


class SenderPick(Pick):
    """One document of one sender. A draw is keyed by its call site and how often that site drew before:
    choices of wordings, arrangements and fonts come from the sender's seed (the same on every document);
    numbers, digits and letters, goods and row counts from the document's seed; names and places from the
    sender's seed the first time a site draws them (the sender's own) and from the document's after."""

    VALUE_LISTS: ClassVar[set[int]] = set()

    def __init__(self, sender: str, document: str, split: str) -> None:
        super().__init__(sender, split)  # direct uses of `rng` (the country) are the sender's
        self.sender, self.document = sender, document
        self.counts: dict[tuple, int] = {}

    def _rng(self, per_document: bool) -> random.Random:
        site = _site()
        n = self.counts[site] = self.counts.get(site, -1) + 1
        return random.Random(f"{self.document if per_document else self.sender}|{site}|{n}")

    def _value(self, items: object) -> bool:
        return id(items) in self.VALUE_LISTS and self.counts.get(_site(), -1) >= 0

    def pick(self, items):  # type: ignore[no-untyped-def]
        from gen.pick import half

        per_doc = self._value(items) or id(items) in _ALWAYS
        return self._rng(per_doc).choice(half(items, self.split))

    def picks(self, items, k):  # type: ignore[no-untyped-def]
        from gen.pick import half

        pool = half(items, self.split)
        return self._rng(id(items) in self.VALUE_LISTS).sample(pool, min(k, len(pool)))

    def any(self, items):  # type: ignore[no-untyped-def]
        return self._rng(self._value(items)).choice(list(items))

    def chance(self, p: float) -> bool:
        return self._rng(False).random() < p

    def int(self, low: int, high: int) -> int:
        return self._rng(True).randint(low, high)

    def money(self, low: float, high: float) -> float:
        return round(self._rng(True).uniform(low, high), 2)

    def digits(self, n: int) -> str:
        rng = self._rng(True)
        return "".join(rng.choice("0123456789") for _ in range(n))

    def letters(self, n: int) -> str:
        rng = self._rng(True)
        return "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(n))

    def shuffle(self, items):  # type: ignore[no-untyped-def]
        from gen.people import Good

        items = list(items)
        self._rng(all(isinstance(x, Good) for x in items)).shuffle(items)  # goods: values; else the layout's
        return items


def _site() -> tuple:
    """The draw's call path inside the generator (every frame in bench/gen), so that a helper called once
    per table row draws apart from the same helper called for the totals under the table."""
    frame, path = sys._getframe(3), []
    while frame is not None:
        if "/gen/" in frame.f_code.co_filename:
            path.append((frame.f_code.co_name, frame.f_lineno))
        frame = frame.f_back
    return tuple(path)


_ROW_INDEX = re.compile(r"\[\d+\]")
_ALWAYS: set[int] = set()  # row counts: always the document's own


def setup() -> None:
    """Tell `SenderPick` which lists hold values (names, goods) and which are row counts."""
    SenderPick.VALUE_LISTS = _value_lists()
    for name, _, _ in build.PLAN:
        rows = getattr(sys.modules[build.BUILDERS[name].__module__], "ROW_COUNTS", None)
        if rows is not None:
            _ALWAYS.add(id(rows))


def make_cases(family: str, sender: int, out: Path, scanned: bool) -> list[Path]:
    folders = []
    for i in range(PER_SENDER):
        p = SenderPick(f"memory/{family}/{sender}", f"memory/{family}/{sender}/{i}", "frozen")
        case = build.BUILDERS[family](p)
        if scanned:
            case = scan.scan(case, p, "pdf")
        folder = out / f"{family}_{sender}{'_scan' if scanned else ''}_{i}"
        write(case, folder, folder.name, "frozen")
        folders.append(folder)
    return folders


def _scorer():
    spec = importlib.util.spec_from_file_location("score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


class Reader:
    """Parse once per case; read with or without the project's layout memory; score value F1."""

    def __init__(self, db_url: str) -> None:
        from assay.services import accounts
        from assay.storage.db import Database

        self.db = Database(db_url)
        self.db.migrate()
        with self.db.session() as session:
            accounts.bootstrap(session, first_key=None)
            self.project = accounts.create_project(session, "bench").id
        self.docs: dict[Path, object] = {}
        self.score = _scorer()
        self.lookups: list[float] = []
        self.misses: list[tuple] = []

    def document(self, case: Path):  # type: ignore[no-untyped-def]
        from assay.parsers import parse_document

        if case not in self.docs:
            path = next(case.glob("document.*"))
            config = json.loads((case / "config.json").read_text())
            self.docs[case] = parse_document(path.read_bytes(), filename=path.name,
                                             target_pages=config.get("target_pages"),
                                             max_pages=config.get("max_pages"))
        return self.docs[case]

    def options(self, case: Path):  # type: ignore[no-untyped-def]
        from assay.domain.options import ExtractOptions

        config = json.loads((case / "config.json").read_text())
        return ExtractOptions.from_configuration({**config, "data_schema": json.loads(
            (case / "schema.json").read_text())})

    def f1(self, case: Path, memory: bool) -> tuple[float, bool]:
        """Value F1 of the case, and whether a remembered layout was used; its misses go to `self.misses`."""
        from assay.domain.schema import normalize_schema
        from assay.pipeline import fingerprint, recall
        from assay.pipeline.run import extract_document
        from assay.storage import layouts

        document, options = self.document(case), self.options(case)
        found = None
        if memory and options.extraction_target == "per_doc":
            started = time.perf_counter()
            fp = fingerprint.fingerprint(document)
            with self.db.session(read_only=True) as session:
                found = layouts.find_memory(session, self.project, recall.schema_key(normalize_schema(
                    options.data_schema)), fp)
            self.lookups.append(time.perf_counter() - started)
        ex = extract_document(document, options, memory=found)
        job = {"extract_result": ex.result, "extract_metadata": {"field_metadata": ex.field_metadata,
                                                                 **ex.other_metadata}}
        scored = self.score.score_case(str(case), job, keep_misses=True)
        self.misses = scored["mismatches"]
        return scored["metrics"]["value"][2], found is not None

    def review(self, case: Path) -> None:
        from assay.services import layouts

        options = self.options(case)
        expected = json.loads((case / "expected.json").read_text())
        with self.db.session() as session:
            layouts.remember(session, self.project, options.data_schema, self.document(case), expected,
                             example_id=case.name)


def mean(xs: list[float]) -> float:
    return sum(xs) / len(xs) if xs else float("nan")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--families", default=",".join(FAMILIES))
    ap.add_argument("--senders", type=int, default=3)
    ap.add_argument("--scans", action="store_true", help="also one scanned sender per family (OCR: slow)")
    ap.add_argument("--losses", action="store_true", help="print what memory still misses, by field")
    ap.add_argument("--dev", default="/work/shared/bench/dev", help="documents of other layouts ('' to skip)")
    a = ap.parse_args(argv)
    setup()
    started = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="layout-memory-"))
    reader = Reader(f"sqlite:///{tmp / 'bench.db'}")
    rows = []
    losses: Counter[str] = Counter()  # field -> values missed after one review, over all layouts
    for family in a.families.split(","):
        senders = [(s, False) for s in range(a.senders)] + ([(a.senders, True)] if a.scans else [])
        for sender, scanned in senders:
            cases = make_cases(family, sender, tmp / "cases", scanned)
            alone1 = [reader.f1(c, False)[0] for c in cases[1:6]]
            alone3 = [reader.f1(c, False)[0] for c in cases[3:8]]
            reader.review(cases[0])
            one = []
            for c in cases[1:6]:
                one.append(reader.f1(c, True))
                for path, want, got in reader.misses:
                    losses[f"{family} {_ROW_INDEX.sub('[]', path)}"] += 1
                    if a.losses:
                        print(f"    {c.name} {path}: want {want!r} got {got!r}")
            reader.review(cases[1])
            reader.review(cases[2])
            three = [reader.f1(c, True) for c in cases[3:8]]
            row = {"layout": f"{family}/{sender}{' scan' if scanned else ''}", "alone1": mean(alone1),
                   "one": mean([f for f, _ in one]), "alone3": mean(alone3), "three": mean([f for f, _ in three]),
                   "matched": sum(m for _, m in one + three)}
            rows.append(row)
            print(f"{row['layout']:<22} engine {row['alone1']:.3f} -> after one {row['one']:.3f}   "
                  f"engine {row['alone3']:.3f} -> after three {row['three']:.3f}   matched {row['matched']}/10",
                  flush=True)
    if a.losses:
        print("\nmisses after one review, by field:")
        print("\n".join(f"  {n:>3}  {field}" for field, n in losses.most_common(40)))
    weak = [r for r in rows if r["alone1"] < 0.98]
    print(f"\nall {len(rows)} layouts: engine alone {mean([r['alone1'] for r in rows]):.3f}, after one review "
          f"{mean([r['one'] for r in rows]):.3f}; engine alone {mean([r['alone3'] for r in rows]):.3f}, after "
          f"three {mean([r['three'] for r in rows]):.3f}")
    print(f"the {len(weak)} where the engine alone scores < 0.98: engine {mean([r['alone1'] for r in weak]):.3f}"
          f" -> after one {mean([r['one'] for r in weak]):.3f}; engine {mean([r['alone3'] for r in weak]):.3f}"
          f" -> after three {mean([r['three'] for r in weak]):.3f}")
    if a.dev:
        index = [json.loads(line) for line in Path(a.dev, "index.jsonl").read_text().splitlines() if line.strip()]
        plain, with_memory, matched = [], [], 0
        for item in index:
            case = Path(a.dev, item["id"])
            plain.append(reader.f1(case, False)[0])
            f, m = reader.f1(case, True)
            with_memory.append(f)
            matched += m
        print(f"other layouts ({a.dev}, {len(index)} cases): value F1 {mean(plain):.4f} without memory, "
              f"{mean(with_memory):.4f} with it ({matched} matched a remembered layout)")
    lookups = sorted(reader.lookups)
    if lookups:
        print(f"lookups: {len(lookups)}, p50 {1000 * lookups[len(lookups) // 2]:.2f} ms, "
              f"max {1000 * lookups[-1]:.2f} ms (fingerprint + query, {len(rows)} remembered layouts)")
    print(f"load average {os.getloadavg()}, {os.cpu_count()} cores, {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
