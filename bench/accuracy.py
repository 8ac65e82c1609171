#!/usr/bin/env python3
"""Accuracy and speed of parse + extract on a folder of benchmark cases.

    python bench/accuracy.py --cases /work/shared/bench/dev --pred-out /tmp/pred [--backend layout]
                             [--jobs 8] [--only invoice] [--worst 10] [--fit-calibration]

For every case folder (document.*, schema.json, config.json) it parses the document, runs
`assay.pipeline.run.extract_document` with schema.json as data_schema and config.json's keys as the
configuration, and writes `<pred-out>/<case>.json` = {"extract_result", "extract_metadata":
{"field_metadata", "table_rows", ...}}: the job JSON the API returns. A case that fails gets an empty result and its
error printed. Then it runs the scorer (score.py next to the cases, or --scorer) and prints value /
page / box F1 and ECE, plus extraction speed in pages per second (parsing excluded).

--fit-calibration refits the confidence table of `assay/pipeline/confidence.py` from the leaves'
raw scores and correctness, and prints it to paste there.

    python bench/accuracy.py --report [--jobs 2] [--gen-out bench/out/gen] [--pred-out /tmp/report]

--report runs the engine on the dev set, on the generalization bench's develop and frozen splits
(bench/gen; generated first when missing) and on realdev, and prints one table of value / page / box
F1 and ECE side by side. A frozen split (index.jsonl says "split": "frozen") is only ever scored as
one number: for it, here and with --cases, only the aggregate line is printed, never a case, a
family, a layout or a failure's case id.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


def _parser():
    """The parser; ASSAY_BENCH_PARSER="module:function" swaps in another (same signature)."""
    target = os.environ.get("ASSAY_BENCH_PARSER")
    if target:
        mod, _, fn = target.partition(":")
        return getattr(importlib.import_module(mod), fn)
    from assay.parsers import parse_document
    return parse_document


def _pages(spec: str | None) -> list[int] | None:
    if not spec:
        return None
    out: list[int] = []
    for part in spec.split(","):
        a, _, b = part.strip().partition("-")
        out.extend(range(int(a), int(b or a) + 1))
    return sorted(set(out))


def _strip_raw(meta, raws: list, path: str = "") -> None:
    """Move the bench-only raw confidence out of the metadata into `raws` as (path, raw, is_null)."""
    if isinstance(meta, dict):
        if "_raw" in meta:
            raw, is_null = meta.pop("_raw")
            raws.append((path, raw, is_null))
        for k, v in meta.items():
            _strip_raw(v, raws, f"{path}.{k}" if path else k)
    elif isinstance(meta, list):
        for i, v in enumerate(meta):
            _strip_raw(v, raws, f"{path}[{i}]")


def run_case(case_dir: str, pred_dir: str, backend: str, keep_raw: bool) -> dict:
    from assay.config import Settings
    from assay.domain.options import ExtractOptions
    from assay.pipeline.run import extract_document

    case = Path(case_dir)
    doc_path = next(case.glob("document.*"))
    schema = json.loads((case / "schema.json").read_text())
    config = json.loads((case / "config.json").read_text())
    out: dict = {"case": case.name, "pages": 0, "extract_s": 0.0, "parse_s": 0.0, "error": None}
    job: dict = {"extract_result": {}, "extract_metadata": {"field_metadata": {}}}
    try:
        t0 = time.perf_counter()
        doc = _parser()(doc_path.read_bytes(), filename=doc_path.name,
                        target_pages=config.get("target_pages"), max_pages=config.get("max_pages"))
        t1 = time.perf_counter()
        llm = Settings().llm_options() if backend == "openai" else None  # ASSAY_LLM_* from the environment
        options = ExtractOptions.from_configuration({**config, "data_schema": schema})
        ex = extract_document(doc, options, engine=backend, llm=llm, keep_raw=True)
        t2 = time.perf_counter()
        out.update(pages=len(doc.pages), parse_s=t1 - t0, extract_s=t2 - t1)
        raws: list = []
        _strip_raw(ex.field_metadata, raws)
        out["raw"] = raws
        job = {"extract_result": ex.result, "extract_metadata": {"field_metadata": ex.field_metadata,
                                                                 **ex.other_metadata}}
    except Exception as exc:
        out["error"] = f"{type(exc).__name__}: {exc}"
        if keep_raw:
            traceback.print_exc()
    out["pred_path"] = str(Path(pred_dir, f"{case.name}.json"))
    Path(out["pred_path"]).write_text(json.dumps(job, indent=1, default=str))
    return out


SHARED = Path("/work/shared/bench")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases")
    ap.add_argument("--pred-out")
    ap.add_argument("--report", action="store_true", help="dev, develop, frozen and realdev side by side")
    ap.add_argument("--gen-out", default=str(Path(__file__).resolve().parent / "out" / "gen"))
    ap.add_argument("--dev", default=str(SHARED / "dev"))
    ap.add_argument("--realdev", default=str(SHARED / "realdev"))
    ap.add_argument("--backend", default="layout")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--only", help="substring of the case ids to run")
    ap.add_argument("--worst", type=int, default=0)
    ap.add_argument("--scorer", help="path to score.py (default: next to the cases folder)")
    ap.add_argument("--fit-calibration", action="store_true")
    ap.add_argument("--no-score", action="store_true")
    a = ap.parse_args(argv)
    if a.report:
        return print_report(a)
    if not a.cases or not a.pred_out:
        ap.error("--cases and --pred-out are required (or --report)")
    if is_frozen(a.cases):
        row = score_set(a.cases, a.pred_out, a.backend, a.jobs, a.scorer)
        print(f"frozen {a.cases}: {format_overall(row)}")
        return 0
    os.makedirs(a.pred_out, exist_ok=True)
    cases = sorted(str(p) for p in Path(a.cases).iterdir() if (p / "schema.json").exists())
    if a.only:
        cases = [c for c in cases if a.only in Path(c).name]
    rows = run_cases(cases, a.pred_out, a.backend, a.jobs)
    for r in rows:
        if r["error"]:
            print(f"FAILED {r['case']}: {r['error']}", file=sys.stderr)
    pages = sum(r["pages"] for r in rows)
    ext = sum(r["extract_s"] for r in rows)
    par = sum(r["parse_s"] for r in rows)
    print(f"cases {len(rows)}  pages {pages}  extract {ext:.2f}s ({pages / ext if ext else 0:.1f} pages/s, "
          f"parsing excluded)  parse {par:.2f}s")
    inv = [r for r in rows if "invoice" in r["case"] and r["pages"]]
    if inv:
        ip, it = sum(r["pages"] for r in inv), sum(r["extract_s"] for r in inv)
        print(f"digital invoices: {ip / it if it else 0:.1f} pages/s extraction (one core per case)")
    if a.no_score:
        return 0
    scorer = a.scorer or str(Path(a.cases).resolve().parent / "score.py")
    if not Path(scorer).exists():
        scorer = str(SHARED / "score.py")
    report = Path(a.pred_out) / "_report.json"
    cmd = [sys.executable, scorer, "--cases", a.cases, "--pred", a.pred_out, "--json", str(report)]
    if a.worst:
        cmd += ["--worst", str(a.worst)]
    subprocess.run(cmd, check=False)
    if a.fit_calibration:
        fit_calibration(a.cases, rows, scorer)
    return 0


def run_cases(cases: list[str], pred_out: str, backend: str, jobs: int) -> list[dict]:
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(run_case, cases, [pred_out] * len(cases), [backend] * len(cases),
                             [jobs == 1] * len(cases)))


def is_frozen(cases_dir: str) -> bool:
    index = Path(cases_dir, "index.jsonl")
    return index.exists() and any(json.loads(line).get("split") == "frozen"
                                  for line in index.read_text().splitlines() if line.strip())


def score_set(cases_dir: str, pred_out: str, backend: str, jobs: int, scorer: str | None) -> dict:
    """Run and score one folder of cases quietly; return its overall figures (nothing per case)."""
    os.makedirs(pred_out, exist_ok=True)
    cases = sorted(str(p) for p in Path(cases_dir).iterdir() if (p / "schema.json").exists())
    started = time.perf_counter()
    rows = run_cases(cases, pred_out, backend, jobs)
    scorer = scorer or str(SHARED / "score.py")
    report_path = Path(pred_out) / "_report.json"
    subprocess.run([sys.executable, scorer, "--cases", cases_dir, "--pred", pred_out, "--json", str(report_path)],
                   check=True, stdout=subprocess.DEVNULL)
    overall = json.loads(report_path.read_text())["overall"]
    overall["failed"] = sum(1 for r in rows if r["error"])
    overall["cited"] = sum(1 for c in cases if json.loads(Path(c, "config.json").read_text()).get("cite_sources"))
    overall["seconds"] = time.perf_counter() - started
    return overall


def format_overall(o: dict) -> str:
    def f1(key: str) -> str:
        return f"{o[key]['f1']:.3f}" if o.get(key) else "-"
    ece = f"{o['ece']:.3f}" if o.get("ece") is not None else "-"
    return (f"cases {o['n']}  value F1 {f1('value')}  page F1 {f1('page')}  box F1 {f1('box')}  ECE {ece}"
            f"  failed {o['failed']}")


def print_report(a: argparse.Namespace) -> int:
    """dev, develop, frozen and realdev side by side: one column each, aggregates only."""
    gen = Path(a.gen_out)
    if not all((gen / split / "index.jsonl").exists() for split in ("develop", "frozen")):
        from gen.build import generate

        generate(gen, ["develop", "frozen"], a.jobs)
    sets = [("dev", a.dev), ("develop", str(gen / "develop")), ("frozen", str(gen / "frozen")),
            ("realdev", a.realdev)]
    pred_root = Path(a.pred_out or "/tmp/assay-report")
    results = {}
    for name, folder in sets:
        results[name] = score_set(folder, str(pred_root / name), a.backend, a.jobs, a.scorer)
        print(f"scored {name}: {results[name]['n']} cases in {results[name]['seconds']:.0f}s", file=sys.stderr)
    print(f"{'':<10}" + "".join(f"{name:>10}" for name, _ in sets))
    for label, key in (("value F1", "value"), ("page F1", "page"), ("box F1", "box")):
        print(f"{label:<10}" + "".join(f"{results[n][key]['f1']:>10.3f}" if results[n].get(key) else f"{'-':>10}"
                                        for n, _ in sets))
    print(f"{'ECE':<10}" + "".join(f"{results[n]['ece']:>10.3f}" if results[n].get("ece") is not None
                                    else f"{'-':>10}" for n, _ in sets))
    print(f"{'cases':<10}" + "".join(f"{results[n]['n']:>10}" for n, _ in sets))
    print(f"{'failed':<10}" + "".join(f"{results[n]['failed']:>10}" for n, _ in sets))
    for name, _ in sets:
        if not results[name]["cited"]:
            print(f"({name}: its config.json files ask for no citations or confidences, so its page and box F1 "
                  "are 0 and it has no ECE)")
    return 0


def fit_calibration(cases_dir: str, rows: list[dict], scorer: str) -> None:
    """Bin every leaf's raw score against whether its value was right; print the tables."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("score", scorer)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)  # type: ignore[union-attr]
    pairs: dict[bool, list[tuple[float, bool]]] = {False: [], True: []}
    for r in rows:
        if not r.get("raw"):
            continue
        expected = json.loads(Path(cases_dir, r["case"], "expected.json").read_text())
        pred = json.loads(Path(r["pred_path"]).read_text())["extract_result"]
        for path, raw, is_null in r["raw"]:
            ok = _leaf_correct(score, expected, pred, path)
            if ok is not None:
                pairs[is_null].append((raw, ok))
    for is_null, name in ((False, "CALIBRATION"), (True, "NULL_CALIBRATION")):
        print(f"{name}: list[tuple[float, float]] = {_bins(pairs[is_null])}")


def _leaf_correct(score, expected, pred, path: str) -> bool | None:
    """Compare one leaf by path (array items by position after sorting both sides' items alike)."""
    import re as _re

    path = _re.sub(r"^(document|page|row)_metadata\.?", "", path)
    parts = [p for p in _re.split(r"\.|\[(\d+)\]", path) if p]
    e, p = expected, pred
    for part in parts:
        key = int(part) if part.isdigit() else part
        try:
            p = p[key]
        except (KeyError, IndexError, TypeError):
            return None
        if isinstance(key, int) and isinstance(e, list) and isinstance(p, dict):
            e = _closest(e, p)
        else:
            try:
                e = e[key]
            except (KeyError, IndexError, TypeError):
                e = None
    t = "number" if isinstance(p, (int, float)) and not isinstance(p, bool) else "string"
    return score.normalize(e, t) == score.normalize(p, t)


def _closest(items: list, probe: dict):
    def same(a: dict) -> int:
        return sum(1 for k, v in probe.items() if isinstance(a, dict) and a.get(k) == v)
    return max(items, key=same, default=None)


def _bins(pairs: list[tuple[float, bool]], n: int = 10) -> list[tuple[float, float]]:
    """Equal-count bins of raw score → observed accuracy, made monotone (pool adjacent violators)."""
    if not pairs:
        return [(1.0, 0.5)]
    pairs.sort()
    size = max(1, len(pairs) // n)
    bins = [pairs[i:i + size] for i in range(0, len(pairs), size)]
    table: list[list[float]] = []
    for b in bins:  # bins that end on the same raw score are one bin
        if table and table[-1][0] == b[-1][0]:
            table[-1][1] += sum(ok for _, ok in b)
            table[-1][2] += len(b)
        else:
            table.append([b[-1][0], sum(ok for _, ok in b), len(b)])
    merged: list[list[float]] = []
    for edge, hits, count in table:
        merged.append([edge, hits, count])
        while len(merged) > 1 and merged[-2][1] / merged[-2][2] > merged[-1][1] / merged[-1][2]:
            e2, h2, c2 = merged.pop()
            merged[-1] = [e2, merged[-1][1] + h2, merged[-1][2] + c2]
    merged[-1][0] = 1.0
    return [(round(e, 4), round(h / c, 3)) for e, h, c in merged]


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    sys.exit(main())
