#!/usr/bin/env python3
"""Accuracy and speed of offline classify and split on generated bundles (bench/bundles.py).

    python bench/classify_split.py [--data /tmp/assay-bundles] [--world dev|held] [--errors] [--jobs 2]

Generates the bundles and single documents when missing, parses each once (kept as JSON beside it,
so reruns measure classify and split alone), then prints:
- classification accuracy: single documents whose type (or null, for a kind no rule names) is right;
- split boundary F1: the pages where a document starts, page 1 excluded;
- segment-category accuracy: true documents found as one segment with exactly their pages and category;
- pages per second of classify and of split (parsing excluded), and of parsing.
Bundles are split with allow_uncategorized=include: a document of a kind not offered is right when
its segment's category is null. Score the held-out world only as figures, at the end: `--errors` is
for the dev world.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import bundles
from machine import describe


def _parse(path: Path) -> float:
    from assay.parsers import parse_document
    from assay.parsers.serialize import document_to_json

    target = path.with_suffix(".parsed.json")
    if target.exists():
        return 0.0
    started = time.process_time()
    document = parse_document(path.read_bytes(), filename=path.name)
    spent = time.process_time() - started
    target.write_text(json.dumps(document_to_json(document)))
    return spent


def _load(path: Path):
    from assay.parsers.serialize import document_from_json

    return document_from_json(json.loads(path.with_suffix(".parsed.json").read_text()))


def _boundaries(docs: list[list[int]]) -> set[int]:
    return {pages[0] for pages in docs if pages and pages[0] != 1}


def run_split(paths: list[Path], errors: bool) -> dict[str, float]:
    from assay.domain.classification import Category, SplitStrategy
    from assay.engines.layout.split import split

    tp = fp = fn = 0
    right = total = pages = 0
    spent = 0.0
    levels: dict[str, list[bool]] = {}
    for path in paths:
        truth = json.loads(path.with_suffix(".json").read_text())
        document = _load(path)
        categories = [Category(c["name"], c["description"]) for c in truth["categories"]]
        started = time.process_time()
        segments = split(document, categories, SplitStrategy())
        spent += time.process_time() - started
        pages += len(document.pages)
        want = _boundaries([d["pages"] for d in truth["documents"]])
        got = _boundaries([list(s.pages) for s in segments])
        tp, fp, fn = tp + len(want & got), fp + len(got - want), fn + len(want - got)
        found = {(tuple(s.pages), s.category) for s in segments}
        real = {(tuple(d["pages"]), d["category"]) for d in truth["documents"]}
        for s in segments:
            levels.setdefault(f"segments_{s.confidence_category}", []).append((tuple(s.pages), s.category) in real)
        for d in truth["documents"]:
            total += 1
            right += (tuple(d["pages"]), d["category"]) in found
        if errors and (want != got or any((tuple(d["pages"]), d["category"]) not in found
                                          for d in truth["documents"])):
            print(f"{path.name}{' (scan)' if truth['scanned'] else ''}")
            print("  truth:", [(d["pages"][0], d["pages"][-1], d["category"], d["kind"]) for d in truth["documents"]])
            print("  split:", [(s.pages[0], s.pages[-1], s.category, round(s.confidence, 2)) for s in segments])
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return {"boundary_precision": precision, "boundary_recall": recall,
            "boundary_f1": 2 * precision * recall / max(1e-9, precision + recall),
            "segment_category_accuracy": right / max(1, total), "split_pages_per_s": pages / max(1e-9, spent),
            "bundle_pages": pages, "documents": total, **_levels(levels)}


def _levels(levels: dict[str, list[bool]]) -> dict[str, float]:
    """Per confidence level: how many results had it, and the share of them that were right."""
    out: dict[str, float] = {}
    for level in sorted(levels):
        out[f"{level}_count"] = len(levels[level])
        out[f"{level}_accuracy"] = sum(levels[level]) / len(levels[level])
    return out


def run_classify(paths: list[Path], errors: bool) -> dict[str, float]:
    from assay.domain.classification import Confidence, Rule
    from assay.engines.layout.classify import classify

    right = total = pages = 0
    spent = 0.0
    levels: dict[str, list[bool]] = {}
    for path in paths:
        truth = json.loads(path.with_suffix(".json").read_text())
        document = _load(path)
        rules = [Rule(r["type"], r["description"]) for r in truth["rules"]]
        started = time.process_time()
        result = classify(document, rules)
        spent += time.process_time() - started
        pages += len(document.pages)
        total += 1
        right += result.type == truth["type"]
        levels.setdefault(f"classify_{Confidence.of(result.confidence)}", []).append(result.type == truth["type"])
        if errors and result.type != truth["type"]:
            print(f"{path.name} {truth['kind']}{' (scan)' if truth['scanned'] else ''}: want {truth['type']}, "
                  f"got {result.type} ({result.confidence:.2f}) {result.reasoning}")
    return {"classification_accuracy": right / max(1, total), "classify_pages_per_s": pages / max(1e-9, spent),
            "single_documents": total, **_levels(levels)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("/tmp/assay-bundles"))
    ap.add_argument("--world", choices=["dev", "held"], default="dev")
    ap.add_argument("--bundles", type=int, default=None, help="default 100 (dev) / 60 (held)")
    ap.add_argument("--singles", type=int, default=None, help="default 150 (dev) / 60 (held)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--errors", action="store_true", help="print every wrong bundle and document")
    args = ap.parse_args()
    print(describe())
    n_bundles = args.bundles or (100 if args.world == "dev" else 60)
    n_singles = args.singles or (150 if args.world == "dev" else 60)
    bundles.write(args.data, n_bundles, n_singles, args.world)
    folder = args.data / args.world
    bundle_files = [folder / f"bundle{i:03d}.pdf" for i in range(n_bundles)]
    single_files = [folder / f"single{i:03d}.pdf" for i in range(n_singles)]
    with ProcessPoolExecutor(args.jobs) as pool:
        parse_seconds = sum(pool.map(_parse, bundle_files + single_files))
    figures = {**run_classify(single_files, args.errors), **run_split(bundle_files, args.errors)}
    if parse_seconds:
        figures["parse_cpu_seconds"] = parse_seconds
    print(json.dumps({"world": args.world, **{k: round(v, 4) for k, v in figures.items()}}, indent=1))


if __name__ == "__main__":
    main()
