"""The generalization bench's case generator (bench/gen): deterministic, its evidence where the
document prints it, and its develop and frozen halves disjoint."""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
from pathlib import Path

import pytest

from assay.parsers import parse_document

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

from gen import build  # noqa: E402
from gen.pick import half  # noqa: E402

# one case of each kind (a PLAN name and a case number), digital so that the text layer can be read
SAMPLE = [("invoice", 3), ("receipt", 1), ("purchase_order", 0), ("bank_statement", 2), ("bank_statement_rows", 1),
          ("form", 4), ("resume", 0), ("lease", 1), ("catalog", 0), ("utility_bill", 2), ("payslip", 3),
          ("delivery_note", 5)]


PUNCTUATION = ",.;:()\"'"


@pytest.fixture(scope="module")
def cases() -> list:
    return [build.make("develop", kind, number) for kind, number in SAMPLE]


def test_the_same_case_is_generated_byte_for_byte(cases) -> None:
    again = [build.make("develop", kind, number) for kind, number in SAMPLE[:4]]
    for first, second in zip(cases, again, strict=False):
        assert first.document == second.document
        assert first.evidence() == second.evidence()
        assert first.expected == second.expected
    scanned = build.make("develop", "scan", 1)
    assert scanned.document == build.make("develop", "scan", 1).document


def test_the_splits_draw_different_documents() -> None:
    develop, frozen = build.make("develop", "invoice", 0), build.make("frozen", "invoice", 0)
    assert develop.document != frozen.document


def test_fresh_cases_are_develop_documents_at_numbers_the_develop_split_does_not_use() -> None:
    develop, fresh = build.jobs("develop"), build.jobs("develop", fresh=2)
    assert max(n for _, _, n in develop) < build.FRESH_FROM <= min(n for _, _, n in fresh)
    assert {cid for cid, _, _ in fresh}.isdisjoint(cid for cid, _, _ in develop)
    assert len(fresh) == 2 * len(build.PLAN)
    assert all(kind != "scan" for _, kind, _ in fresh)


def _words_in(page, box: dict, slack: float = 1.5) -> list:
    x0, y0 = box["x"] - slack, box["y"] - slack
    x1, y1 = box["x"] + box["w"] + slack, box["y"] + box["h"] + slack
    return [w for w in page.words if x0 <= w.box.cx <= x1 and y0 <= w.box.cy <= y1]


def _overlapping(page, box: dict) -> list:
    return [w for w in page.words if w.box.x < box["x"] + box["w"] and box["x"] < w.box.right
            and w.box.y < box["y"] + box["h"] and box["y"] < w.box.bottom]


@pytest.mark.parametrize("index", range(len(SAMPLE)), ids=[kind for kind, _ in SAMPLE])
def test_every_evidence_text_is_printed_in_its_box(cases, index: int) -> None:
    case = cases[index]
    document = parse_document(case.document, filename="document.pdf", tier="fast")
    pages = {page.number: page for page in document.pages}
    for entry in case.evidence():
        page = pages[entry["page"]]
        expected = " ".join(entry["text"].split())
        found = []
        for box in entry.get("line_boxes") or [entry["bbox"]]:
            found += [w.text for w in _words_in(page, box)]
        text = " ".join(found)
        if entry.get("kind") == "checkbox":  # the box also covers the tick mark
            assert expected in text, (entry["path"], text, expected)
        elif not found or (len(found) == 1 and expected in text):  # part of a word: "€1,234.50", "2.99/kg"
            assert any(expected in w.text for w in _overlapping(page, entry["bbox"])), (entry["path"], expected)
        else:  # punctuation printed against the value ("Madison," "(1st)") is part of the word
            assert text.strip(PUNCTUATION) == expected.strip(PUNCTUATION), (entry["path"], text, expected)


def test_no_alternative_is_in_both_halves() -> None:
    """Every module-level list of alternatives splits into two halves that share no entry."""
    import gen

    modules = [importlib.import_module(m.name) for m in pkgutil.walk_packages(gen.__path__, "gen.")]
    checked = 0
    for module in modules:
        for name, value in vars(module).items():
            lists = value.values() if isinstance(value, dict) else [value]
            for items in lists:
                if not isinstance(items, list) or len(items) < 2 or name.startswith("_") or name == "PLAN":
                    continue
                keys = [_key(item) for item in items]
                both = set(half(keys, "develop")) & set(half(keys, "frozen"))
                assert not both, f"{module.__name__}.{name}: {sorted(map(str, both))} in both halves"
                checked += 1
    assert checked > 50


def _key(item) -> object:
    if isinstance(item, str):  # "Date" and "DATE:" are one wording; ":" and " :" are two label endings
        return re.sub(r"[\s:]+$", "", item.lower()) if re.search(r"\w", item) else item
    if hasattr(item, "code"):
        return item.code
    if hasattr(item, "description"):
        return item.description
    if hasattr(item, "name"):
        return item.name
    return repr(item)
