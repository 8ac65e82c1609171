"""Generate the develop and frozen case folders (see the package docstring for the split).

    python bench/generate_cases.py [--out bench/out/gen] [--split develop|frozen|both] [--jobs 2] [--fresh N]

Writes OUT/<split>/<case_id>/... and OUT/<split>/index.jsonl in the dev set's format (with --fresh N,
OUT/fresh: develop documents nobody has studied case by case, see FRESH_FROM), so that
/work/shared/bench/score.py --cases OUT/<split> scores them unchanged. The same command writes the
same bytes every time.
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

from gen import scan
from gen.case import Case, check, write
from gen.families import (
    bank,
    catalog,
    delivery_note,
    form,
    invoice,
    lease,
    payslip,
    purchase_order,
    receipt,
    resume,
    utility,
)
from gen.pick import SPLITS, Pick

# (name, builder, cases per split); the name seeds the cases, so renaming one changes its cases
PLAN: list[tuple[str, Callable[[Pick], Case], int]] = [
    ("invoice", invoice.build, 16),
    ("receipt", receipt.build, 12),
    ("purchase_order", purchase_order.build, 12),
    ("bank_statement", partial(bank.build, per_row=False), 6),
    ("bank_statement_rows", partial(bank.build, per_row=True), 6),
    ("form", form.build, 12),
    ("resume", resume.build, 10),
    ("lease", lease.build, 8),
    ("catalog", catalog.build, 8),
    ("utility_bill", utility.build, 10),
    ("payslip", payslip.build, 10),
    ("delivery_note", delivery_note.build, 10),
]
# scanned variants: (source, file type); image files need a one-page source
SCANS: list[tuple[str, str]] = [
    ("invoice", "pdf"), ("receipt", "png"), ("purchase_order", "jpg"), ("form", "pdf"), ("payslip", "png"),
    ("utility_bill", "jpg"), ("delivery_note", "pdf"), ("form", "jpg"), ("receipt", "pdf"), ("invoice", "png"),
    ("bank_statement", "pdf"), ("payslip", "pdf"),
]
BUILDERS = {name: builder for name, builder, _ in PLAN}


# `--fresh N`: N more develop documents per PLAN entry, from case number FRESH_FROM on: develop's wordings and
# arrangements in combinations no develop case has, a measure of fit to the develop cases themselves.
FRESH_FROM = 1000


def jobs(split: str, fresh: int = 0) -> list[tuple[str, str, int]]:
    """Every case of a split as (case id, kind, number): kind is a PLAN name or 'scan'. With `fresh`, that
    many cases per PLAN entry numbered from FRESH_FROM instead (no scans)."""
    out = []
    numbered: dict[str, int] = {}
    for name, _, count in PLAN:
        family = name.removesuffix("_rows")  # both bank statement targets are one family
        for i in (range(FRESH_FROM, FRESH_FROM + fresh) if fresh else range(count)):
            numbered[family] = numbered.get(family, -1) + 1
            out.append((f"{'fresh' if fresh else split}_{family}_{numbered[family]:03d}", name, i))
    if not fresh:
        out += [(f"{split}_scanned_{i:03d}", "scan", i) for i in range(len(SCANS))]
    return out


def make(split: str, kind: str, number: int) -> Case:
    if kind != "scan":
        return BUILDERS[kind](Pick(f"{split}/{kind}/{number}", split))
    source, file_type = SCANS[number]
    attempt = 0
    while True:  # image files need a one-page document: draw again until the source fits
        p = Pick(f"{split}/scan/{number}/{attempt}", split)
        case = BUILDERS[source](p)
        if file_type == "pdf" or len(case.page_sizes) == 1:
            return scan.scan(case, p, file_type)
        attempt += 1


def build_one(out: str, split: str, case_id: str, kind: str, number: int, folder: str | None = None) -> dict:
    case = make(split, kind, number)
    check(case)
    return write(case, Path(out, folder or split, case_id), case_id, split)


def generate(out: Path, splits: list[str], workers: int = 1, fresh: int = 0) -> dict[str, int]:
    """The splits' folders; with `fresh`, only OUT/fresh (develop cases at unused numbers, see FRESH_FROM)."""
    counts = {}
    for split in splits:
        name = "fresh" if fresh else split
        folder = out / name
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        todo = jobs(split, fresh)
        args = [(str(out), split, cid, kind, n, name) for cid, kind, n in todo]
        if workers > 1:
            with ProcessPoolExecutor(workers) as pool:
                lines = list(pool.map(build_one, *zip(*args, strict=True)))
        else:
            lines = [build_one(*a) for a in args]
        (folder / "index.jsonl").write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))
        counts[name] = len(lines)
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "out" / "gen"))
    ap.add_argument("--split", choices=[*SPLITS, "both"], default="both")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--fresh", type=int, default=0, metavar="N",
                    help="write OUT/fresh instead: N develop cases per document kind at case numbers develop lacks")
    a = ap.parse_args(argv)
    started = time.perf_counter()
    splits = ["develop"] if a.fresh else list(SPLITS) if a.split == "both" else [a.split]
    counts = generate(Path(a.out), splits, a.jobs, a.fresh)
    print(f"generated {counts} in {time.perf_counter() - started:.1f}s under {a.out}")
    return 0
