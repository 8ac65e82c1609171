#!/usr/bin/env python3
"""Accuracy and speed of parse + extract on a folder of benchmark cases.

    python bench/accuracy.py --cases /work/shared/bench/dev --pred-out /tmp/pred [--backend layout]
                             [--jobs 8] [--only invoice] [--worst 10] [--cite] [--reliability]

For every case folder (document.*, schema.json, config.json) it parses the document, runs
`assay.pipeline.run.extract_document` with schema.json as data_schema and config.json's keys as the
configuration (with --cite, plus cite_sources and confidence_scores), and writes
`<pred-out>/<case>.json` = {"extract_result", "extract_metadata": {"field_metadata", "table_rows", ...}}: the job JSON
the API returns. A case that fails gets an empty result and its error printed. Then it runs the
scorer (score.py next to the cases, or --scorer) and prints value / page / box F1 and ECE, plus
extraction speed in pages per second (parsing excluded) and the pages lost (a page the parser could
not read: `Page.error`, each with its reason); --reliability adds a table of confidence
bins against the rate of correct values. --cases may be repeated (predictions go to
<pred-out>/<folder name>).

    python bench/accuracy.py --fit-calibration --cases /work/gen/develop --pred-out /tmp/fit [--jobs 2]

refits the confidence model (`assay/pipeline/confidence.py`) on every leaf the scorer judged in
those folders and rewrites src/assay/pipeline/calibration.json, with the date and the sets (the
leaves it fitted on go to <pred-out>/_samples.jsonl). Never on the frozen split.

    python bench/accuracy.py --report [--jobs 2] [--gen-out bench/out/gen] [--pred-out /tmp/report]

--report runs the engine on the dev set, on the generalization bench's develop and frozen splits
(bench/gen; generated first when missing) and on realdev (always as with --cite: its configs ask
for no citations or confidences), and prints one table of value / page / box F1 and ECE side by side. A
frozen split (index.jsonl says "split": "frozen") is only ever scored as one number: for it, here
and with --cases, only the aggregate line (and with --reliability, the pooled bins) is printed,
never a case, a family, a layout or a failure's case id.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import os
import subprocess
import sys
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from machine import describe


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


def _take_features(meta, found: list) -> None:
    """Move the bench-only confidence features (`_raw`) out of the metadata into `found` as (entry, features)."""
    if isinstance(meta, dict):
        if "_raw" in meta:
            found.append((meta, meta.pop("_raw")))
        for v in meta.values():
            _take_features(v, found)
    elif isinstance(meta, list):
        for v in meta:
            _take_features(v, found)


def run_case(case_dir: str, pred_dir: str, backend: str, keep_raw: bool, cite: bool = False) -> dict:
    from assay.config import Settings
    from assay.domain.options import ExtractOptions
    from assay.pipeline.run import extract_document

    case = Path(case_dir)
    doc_path = next(case.glob("document.*"))
    schema = json.loads((case / "schema.json").read_text())
    config = json.loads((case / "config.json").read_text())
    if cite:
        config |= {"cite_sources": True, "confidence_scores": True}
    out: dict = {"case": case.name, "pages": 0, "extract_s": 0.0, "parse_s": 0.0, "error": None, "lost": []}
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
        out.update(pages=len(doc.pages), parse_s=t1 - t0, extract_s=t2 - t1,
                   lost=[f"page {page.number}: {page.error}" for page in doc.pages if page.error])
        found: list = []
        _take_features(ex.field_metadata, found)
        job = {"extract_result": ex.result, "extract_metadata": {"field_metadata": ex.field_metadata,
                                                                 **ex.other_metadata}}
        Path(pred_dir, f"{case.name}.json").write_text(json.dumps(job, indent=1, default=str))
        for i, (entry, _) in enumerate(found):  # the same job with each leaf's index as its confidence, so
            entry["confidence"] = i              # that the scorer's (confidence, correct) pairs say which leaf
        out["features"] = [f for _, f in found]  # was right: see leaf_samples
        out["indexed_job"] = job
    except Exception as exc:
        out["error"] = f"{type(exc).__name__}: {exc}"
        if keep_raw:
            traceback.print_exc()
    out["pred_path"] = str(Path(pred_dir, f"{case.name}.json"))
    if out["error"]:
        Path(out["pred_path"]).write_text(json.dumps(job, indent=1, default=str))
    return out


SHARED = Path("/work/shared/bench")
CALIBRATION_FILE = Path(__file__).resolve().parents[1] / "src" / "assay" / "pipeline" / "calibration.json"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", action="append", help="a folder of cases; repeat it to run several")
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
    ap.add_argument("--cite", action="store_true", help="ask every case for citations and confidences")
    ap.add_argument("--reliability", action="store_true", help="print confidence bins against accuracy")
    ap.add_argument("--fit-calibration", action="store_true",
                    help=f"refit the confidence model on all --cases and rewrite {CALIBRATION_FILE}")
    ap.add_argument("--no-score", action="store_true")
    a = ap.parse_args(argv)
    print(describe())
    if a.report:
        return print_report(a)
    if not a.cases or not a.pred_out:
        ap.error("--cases and --pred-out are required (or --report)")
    if a.fit_calibration and any(is_frozen(c) for c in a.cases):
        ap.error("the frozen split is only ever scored, never fitted on")
    samples: list[tuple[dict, bool]] = []
    sample_sets: list[str] = []  # the folder of each sample
    for cases_dir in a.cases:
        pred_out = a.pred_out if len(a.cases) == 1 else str(Path(a.pred_out, Path(cases_dir).name))
        if is_frozen(cases_dir):
            row = score_set(cases_dir, pred_out, a.backend, a.jobs, a.scorer, a.cite)
            print(f"frozen {cases_dir}: {format_overall(row)}")
            if a.reliability:
                print_reliability("frozen (aggregate)", row["pairs"])
            continue
        rows = run_folder(a, cases_dir, pred_out)
        if rows is not None and (a.fit_calibration or a.reliability):
            score = _score_module(scorer_for(cases_dir, a.scorer))
            if a.reliability:
                print_reliability(cases_dir, confidence_pairs(score, cases_dir, pred_out))
            samples += leaf_samples(score, cases_dir, rows)
            sample_sets += [Path(cases_dir).name] * (len(samples) - len(sample_sets))
    if a.fit_calibration:
        lines = (json.dumps([name, f, ok]) + "\n" for name, (f, ok) in zip(sample_sets, samples, strict=True))
        Path(a.pred_out, "_samples.jsonl").write_text("".join(lines))
        write_calibration(samples, sample_sets)
    return 0


def run_folder(a: argparse.Namespace, cases_dir: str, pred_out: str) -> list[dict] | None:
    """Run and score one folder of cases, printing per-case detail; the rows, or None with --no-score."""
    os.makedirs(pred_out, exist_ok=True)
    cases = sorted(str(p) for p in Path(cases_dir).iterdir() if (p / "schema.json").exists())
    if a.only:
        cases = [c for c in cases if a.only in Path(c).name]
    rows = run_cases(cases, pred_out, a.backend, a.jobs, a.cite)
    for r in rows:
        if r["error"]:
            print(f"FAILED {r['case']}: {r['error']}", file=sys.stderr)
    pages = sum(r["pages"] for r in rows)
    ext = sum(r["extract_s"] for r in rows)
    par = sum(r["parse_s"] for r in rows)
    print(f"{cases_dir}: cases {len(rows)}  pages {pages}  extract {ext:.2f}s ({pages / ext if ext else 0:.1f} "
          f"pages/s, parsing excluded)  parse {par:.2f}s")
    print(f"pages lost: {sum(len(r['lost']) for r in rows)} of {pages}")
    if not is_frozen(cases_dir):  # a frozen split is one number: no case ids
        for r in rows:
            for lost in r["lost"]:
                print(f"  lost {r['case']} {lost}")
    inv = [r for r in rows if "invoice" in r["case"] and r["pages"]]
    if inv:
        ip, it = sum(r["pages"] for r in inv), sum(r["extract_s"] for r in inv)
        print(f"digital invoices: {ip / it if it else 0:.1f} pages/s extraction (one core per case)")
    if a.no_score:
        return None
    cmd = [sys.executable, scorer_for(cases_dir, a.scorer), "--cases", cases_dir, "--pred", pred_out,
           "--json", str(Path(pred_out) / "_report.json")]
    if a.worst:
        cmd += ["--worst", str(a.worst)]
    subprocess.run(cmd, check=False)
    return rows


def scorer_for(cases_dir: str, scorer: str | None) -> str:
    """--scorer, else score.py next to the cases folder, else the shared one."""
    found = scorer or str(Path(cases_dir).resolve().parent / "score.py")
    return found if Path(found).exists() else str(SHARED / "score.py")


def run_cases(cases: list[str], pred_out: str, backend: str, jobs: int, cite: bool = False) -> list[dict]:
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(run_case, cases, [pred_out] * len(cases), [backend] * len(cases),
                             [jobs == 1] * len(cases), [cite] * len(cases)))


def is_frozen(cases_dir: str) -> bool:
    index = Path(cases_dir, "index.jsonl")
    return index.exists() and any(json.loads(line).get("split") == "frozen"
                                  for line in index.read_text().splitlines() if line.strip())


def score_set(cases_dir: str, pred_out: str, backend: str, jobs: int, scorer: str | None,
              cite: bool = False) -> dict:
    """Run and score one folder of cases quietly; return its overall figures (nothing per case) and,
    as "pairs", every leaf's (confidence, correct) pooled over the set."""
    os.makedirs(pred_out, exist_ok=True)
    cases = sorted(str(p) for p in Path(cases_dir).iterdir() if (p / "schema.json").exists())
    started = time.perf_counter()
    rows = run_cases(cases, pred_out, backend, jobs, cite)
    scorer = scorer or str(SHARED / "score.py")
    report_path = Path(pred_out) / "_report.json"
    subprocess.run([sys.executable, scorer, "--cases", cases_dir, "--pred", pred_out, "--json", str(report_path)],
                   check=True, stdout=subprocess.DEVNULL)
    overall = json.loads(report_path.read_text())["overall"]
    overall["failed"] = sum(1 for r in rows if r["error"])
    overall["lost_pages"] = sum(len(r["lost"]) for r in rows)
    overall["cited"] = cite or any(json.loads(Path(c, "config.json").read_text()).get("cite_sources") for c in cases)
    overall["seconds"] = time.perf_counter() - started
    overall["pairs"] = confidence_pairs(_score_module(scorer), cases_dir, pred_out)
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
        results[name] = score_set(folder, str(pred_root / name), a.backend, a.jobs, a.scorer,
                                  cite=a.cite or name == "realdev")  # realdev's configs ask for neither
        print(f"scored {name}: {results[name]['n']} cases in {results[name]['seconds']:.0f}s", file=sys.stderr)
    print(f"{'':<10}" + "".join(f"{name:>10}" for name, _ in sets))
    for label, key in (("value F1", "value"), ("page F1", "page"), ("box F1", "box")):
        print(f"{label:<10}" + "".join(f"{results[n][key]['f1']:>10.3f}" if results[n].get(key) else f"{'-':>10}"
                                        for n, _ in sets))
    print(f"{'ECE':<10}" + "".join(f"{results[n]['ece']:>10.3f}" if results[n].get("ece") is not None
                                    else f"{'-':>10}" for n, _ in sets))
    print(f"{'cases':<10}" + "".join(f"{results[n]['n']:>10}" for n, _ in sets))
    print(f"{'failed':<10}" + "".join(f"{results[n]['failed']:>10}" for n, _ in sets))
    print(f"{'lost pages':<10}" + "".join(f"{results[n]['lost_pages']:>10}" for n, _ in sets))
    for name, _ in sets:
        if not results[name]["cited"]:
            print(f"({name}: its config.json files ask for no citations or confidences, so its page and box F1 "
                  "are 0 and it has no ECE)")
        elif a.reliability:
            print_reliability(name, results[name]["pairs"])
    return 0


def _score_module(scorer: str):
    spec = importlib.util.spec_from_file_location("score", scorer)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)  # type: ignore[union-attr]
    return score


def confidence_pairs(score, cases_dir: str, pred_out: str) -> list[tuple[float, bool]]:
    """Every scored leaf's (confidence, correct), as the scorer pairs them for its ECE."""
    pairs = []
    for case in sorted(p for p in Path(cases_dir).iterdir() if (p / "schema.json").exists()):
        pred = Path(pred_out, f"{case.name}.json")
        if pred.exists():
            pairs += score.score_case(str(case), json.loads(pred.read_text()), keep_misses=False)["conf"]
    return pairs


def leaf_samples(score, cases_dir: str, rows: list[dict]) -> list[tuple[dict, bool]]:
    """(features, correct) of every leaf the scorer judged: it is handed each case's job with the
    leaves' indices as their confidences (run_case), and its pairs name the leaves back."""
    samples = []
    for r in rows:
        if r.get("features") is None:
            continue
        pairs = score.score_case(str(Path(cases_dir, r["case"])), r["indexed_job"], keep_misses=False)["conf"]
        samples += [(r["features"][int(i)], ok) for i, ok in pairs]
    return samples


def write_calibration(samples: list[tuple[dict, bool]], sample_sets: list[str]) -> None:
    from calibrate import fit

    model = {"fitted": time.strftime("%Y-%m-%d"), "sets": sorted(set(sample_sets)), "leaves": len(samples),
             **fit(samples, sample_sets)}
    CALIBRATION_FILE.write_text(json.dumps(model, indent=1) + "\n")
    print(f"wrote {CALIBRATION_FILE}: {len(samples)} leaves of {', '.join(model['sets'])}")


def print_reliability(name: str, pairs: list[tuple[float, bool]]) -> None:
    from calibrate import reliability

    print(f"reliability, {name}: {len(pairs)} leaves")
    print(f"  {'confidence':<10} {'leaves':>7} {'mean conf':>9} {'accuracy':>8}")
    for label, n, conf, acc in reliability(pairs):
        print(f"  {label:<10} {n:>7} {conf:>9.3f} {acc:>8.3f}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    sys.exit(main())
