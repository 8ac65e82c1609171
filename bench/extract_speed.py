"""Extraction speed of the layout engine (issue 16: >= 30 pages/s on digital invoices on one core, parsing
excluded; model load <= 1 s).

    python bench/extract_speed.py [--cases /work/shared/bench/dev] [--only invoice] [--repeat 5] [--profile N]

Parses every case once, untimed, then times `assay.pipeline.run.extract_document` over all of them by CPU
time (time.process_time: on a shared machine wall time varies with the neighbours), best of --repeat
passes. Two readings:

- new documents: before each pass every memo of the engine is emptied (lru caches, the embedding
  vectors), all but the loaded model: what a server sees for documents it has not read before;
- repeated documents: the memos kept from the pass before.

Beside it, in the same process and interleaved, the same passes with ASSAY_EMBEDDINGS=off (the engine
without the sentence model) as the named baseline, and the ratio of the two. Model load is timed in a
fresh process: from importing assay.semantics.embed to the first vector. --profile N prints cProfile's
N costliest functions (by own time and by cumulative time) over one pass of new documents.
Prints figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import json
import os
import pstats
import subprocess
import sys
import time
from pathlib import Path

DEV = "/work/shared/bench/dev"
_LOAD = """
import time
c0, w0 = time.process_time(), time.perf_counter()
from assay.semantics import embed
embed.embed(["Amount due"])
print(time.process_time() - c0, time.perf_counter() - w0)
"""


def parse_cases(cases_dir: str, only: str) -> list[tuple[str, object, object]]:
    """(case name, parsed document, ExtractOptions) for each case whose name holds `only`."""
    from assay.domain.options import ExtractOptions
    from assay.parsers import parse_document

    out = []
    for case in sorted(p for p in Path(cases_dir).iterdir() if (p / "schema.json").exists() and only in p.name):
        doc_path = next(case.glob("document.*"))
        config = json.loads((case / "config.json").read_text())
        schema = json.loads((case / "schema.json").read_text())
        doc = parse_document(doc_path.read_bytes(), filename=doc_path.name,
                             target_pages=config.get("target_pages"), max_pages=config.get("max_pages"))
        out.append((case.name, doc, ExtractOptions.from_configuration({**config, "data_schema": schema})))
    return out


def forget() -> None:
    """Empty every memo of Assay's modules (functools caches, the embedding vectors) but the loaded model."""
    from assay.semantics import embed

    embed._vectors.clear()
    for name, module in list(sys.modules.items()):
        if not name.startswith("assay.") or module is None:
            continue
        for value in list(vars(module).values()):
            if isinstance(value, functools._lru_cache_wrapper) and value is not embed._session:
                value.cache_clear()


def one_pass(cases: list, embeddings: bool, fresh: bool) -> float:
    """CPU seconds of extract_document over all cases."""
    from assay.pipeline.run import extract_document

    os.environ["ASSAY_EMBEDDINGS"] = "on" if embeddings else "off"
    if fresh:
        forget()
    t0 = time.process_time()
    for _, doc, options in cases:
        extract_document(doc, options, engine="layout")
    return time.process_time() - t0


def model_load(repeat: int) -> tuple[float, float]:
    """Best (CPU s, wall s) from importing assay.semantics.embed to the first vector, each in a fresh process."""
    runs = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", _LOAD], capture_output=True, text=True, check=True,
                             env={**os.environ, "ASSAY_EMBEDDINGS": "on"})
        cpu, wall = map(float, out.stdout.split())
        runs.append((cpu, wall))
    return min(r[0] for r in runs), min(r[1] for r in runs)


def profile(cases: list, top: int) -> None:
    prof = cProfile.Profile(time.process_time)  # CPU time, as the passes
    forget()
    os.environ["ASSAY_EMBEDDINGS"] = "on"
    from assay.pipeline.run import extract_document

    prof.enable()
    for _, doc, options in cases:
        extract_document(doc, options, engine="layout")
    prof.disable()
    stats = pstats.Stats(prof)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", default=DEV, help="a folder of benchmark cases (default: the dev set)")
    ap.add_argument("--only", default="invoice", help="cases whose name holds this (default: invoice)")
    ap.add_argument("--repeat", type=int, default=5, help="passes per reading; the best is kept")
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="print cProfile's N costliest functions")
    a = ap.parse_args(argv)

    cases = parse_cases(a.cases, a.only)
    pages = sum(len(doc.pages) for _, doc, _ in cases)
    load_cpu, load_wall = model_load(3)
    one_pass(cases, True, False)  # loads the model and imports every module before any pass is timed
    best: dict[tuple[bool, bool], float] = {}
    for _ in range(a.repeat):
        for key in ((True, True), (False, True), (True, False), (False, False)):
            best[key] = min(best.get(key, float("inf")), one_pass(cases, *key))
    load = os.getloadavg()
    print(f"{a.cases} '{a.only}': cases {len(cases)}  pages {pages}  best of {a.repeat} passes, CPU time "
          f"(load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores)")
    for fresh, reading in ((True, "new documents"), (False, "repeated documents")):
        on, off = best[(True, fresh)], best[(False, fresh)]
        print(f"  {reading:<19} {pages / on:6.1f} pages/s ({1000 * on / pages:5.1f} ms/page)   "
              f"baseline ASSAY_EMBEDDINGS=off {pages / off:6.1f} pages/s   ratio {off / on:.2f}")
    print(f"  model load (import to first vector, fresh process, best of 3): CPU {load_cpu:.2f} s, "
          f"wall {load_wall:.2f} s")
    if a.profile:
        profile(cases, a.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
