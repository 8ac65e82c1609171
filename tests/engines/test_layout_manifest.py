"""A two-page shipping manifest of 46 rows read cell by cell (issue 21): one-digit quantities set 6 pt
before the weights, codes 10 pt before multi-word descriptions, the header repeated on page two and
the gross weight under the last row. Every cell comes back exact, every citation box lies inside the
cell it cites, and the parser itself reads the quantity and the weight as two cells. The PDF is drawn
by examples/make_examples.py, the same code as the example."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth

import assay
from assay.domain.document import Box
from assay.parsers import parse_document

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
WORDS = ("steel", "bracket", "assembly", "galvanised", "hinge", "pallet", "wrap", "copper", "cable", "drum",
         "ceramic", "tile", "adhesive", "oak", "flooring", "panel", "safety", "glass", "sheet", "bolt", "kit",
         "rubber", "gasket", "motor", "housing", "fan", "blade", "pump", "valve")
PLACES = ("Rotterdam DC", "Antwerp Hub", "Hamburg Port", "Le Havre Quay 4")
FIELDS = ("sku", "description", "quantity", "weight_kg", "destination")
PAGE_HEIGHT = 792.0


def _examples():
    spec = importlib.util.spec_from_file_location("make_examples", EXAMPLES / "make_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(n: int = 46) -> list[tuple[str, str, int, float, str]]:
    rnd = random.Random(21)
    rows = []
    for i in range(n):
        words = [rnd.choice(WORDS) for _ in range(rnd.randint(2, 4))]
        rows.append((f"SKU-{4100 + i}", " ".join(words).capitalize(), rnd.randint(1, 9),
                     round(rnd.uniform(100, 999), 1), rnd.choice(PLACES)))
    return rows


def _printed_cells(rows, per_page: int) -> list[dict[str, tuple[int, Box]]]:
    """Where make_examples.shipping_manifest draws each cell: (page, box in points from the top left)."""
    out = []
    for i, (sku, description, qty, weight, destination) in enumerate(rows):
        page, baseline = i // per_page + 1, 650 - 14 * (i % per_page + 1)
        texts = (sku, description, str(qty), f"{weight:.1f}", destination)
        lefts = (50, 100, 266 - stringWidth(str(qty), "Helvetica", 9), 272, 340)
        out.append({f: (page, Box(x, PAGE_HEIGHT - baseline - 9, stringWidth(t, "Helvetica", 9), 12))
                    for f, t, x in zip(FIELDS, texts, lefts, strict=True)})
    return out


def _inside(box: dict, cell: Box) -> bool:
    return (box["x"] >= cell.x - 1 and box["x"] + box["w"] <= cell.right + 1
            and box["y"] >= cell.y - 1 and box["y"] + box["h"] <= cell.bottom + 1)


def test_a_two_page_manifest_reads_every_cell_exactly_and_cites_inside_it(tmp_path: Path) -> None:
    made, rows, per_page = _examples(), _rows(), 30
    pdf = tmp_path / "manifest.pdf"
    made.shipping_manifest(pdf, rows, per_page=per_page)
    schema = made.SCHEMAS["shipping_manifest"]
    got = assay.extract(pdf, schema, cite_sources=True, confidence_scores=True)

    expected = [dict(zip(FIELDS, row, strict=True)) for row in rows]
    assert got.result["items"] == expected
    assert got.table_rows["items"] == {"table_rows": 46, "extracted": 46}
    cells = _printed_cells(rows, per_page)
    for i, meta in enumerate(got.metadata["document_metadata"]["items"]):
        for f in FIELDS:
            page, cell = cells[i][f]
            (citation,) = meta[f]["citation"]
            assert citation["page"] == page, (i, f)
            assert citation["bounding_boxes"], (i, f)
            for box in citation["bounding_boxes"]:
                assert _inside(box, cell), (i, f, box, cell)


def test_the_parser_reads_a_one_digit_quantity_and_the_weight_beside_it_as_two_cells() -> None:
    made = _examples()
    document = parse_document((EXAMPLES / "shipping_manifest.pdf").read_bytes(), filename="shipping_manifest.pdf")
    (table,) = document.pages[0].tables
    assert table.header_rows == 1
    body = [[c.text for c in row] for row in table.rows()[1:]]
    printed = [[sku, description, str(qty), f"{weight:.1f}", destination]
               for sku, description, qty, weight, destination in made.MANIFEST_ROWS]
    assert body[:len(printed)] == printed
