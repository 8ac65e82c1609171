"""The totals ladder (engines.layout.ladder): subtotal + tax (+ shipping) = total settles which printed figure
is which, and supplies the one a label nobody knows hides."""

from __future__ import annotations

from engine_docs import document, page

from assay.domain.document import Box, Word
from assay.domain.fields import ReadContext, root_field
from assay.domain.options import ExtractOptions
from assay.engines.layout import ladder
from assay.engines.layout.candidates import Candidate
from assay.engines.layout.geometry import layout_document
from assay.pipeline.run import extract_document

INVOICE = {"type": "object", "title": "Invoice", "properties": {
    "subtotal": {"type": ["number", "null"]}, "tax": {"type": ["number", "null"]},
    "total": {"type": ["number", "null"]}}}


def run(rows, schema=INVOICE):
    out = extract_document(document(page(rows)), ExtractOptions(schema, cite_sources=True, confidence_scores=True))
    return out.result, out.field_metadata["document_metadata"]


def settled(rows, read: dict[str, tuple[str, float]], ctx: ReadContext | None = None):
    """The ladder settled over a page of `rows`, from the fields read as {field: (printed figure, value)}: the
    chosen candidates after it, and the page's words by their text."""
    lay = layout_document(document(page(rows)))[0]
    figure = {w.text: w for w in lay.page.words}
    chosen = {(name,): Candidate(value, 1, [figure[text]], 0.8, "right") for name, (text, value) in read.items()}
    ladder.settle(chosen, list(root_field(INVOICE).children()), [lay], ctx or ReadContext())
    return chosen, figure


def test_a_tax_under_a_label_nobody_knows_is_the_figure_the_sum_calls_for():
    result, meta = run([("Subtotal:", 40, 60), ("100.00", 300, 60), ("TPS/TVQ:", 40, 80), ("14.98", 300, 80),
                        ("Total:", 40, 100), ("114.98", 300, 100)])
    assert result == {"subtotal": 100, "tax": 14.98, "total": 114.98}
    assert meta["tax"]["citation"][0]["matching_text"] == "14.98"


def test_a_subtotal_or_a_total_under_a_label_nobody_knows_is_supplied_too():
    result, _ = run([("Ecovalue:", 40, 60), ("100.00", 300, 60), ("Tax:", 40, 80), ("19.00", 300, 80),
                     ("Total:", 40, 100), ("119.00", 300, 100)])
    assert result == {"subtotal": 100, "tax": 19, "total": 119}
    result, _ = run([("Subtotal:", 40, 60), ("100.00", 300, 60), ("Tax:", 40, 80), ("19.00", 300, 80),
                     ("Zahlbetrag:", 40, 100), ("119.00", 300, 100)])
    assert result == {"subtotal": 100, "tax": 19, "total": 119}


def test_a_figure_among_others_on_its_row_is_a_tables_cell_not_the_ladders():
    """A tax breakdown's row (rate, net, tax, gross) prints the net, but no subtotal line does."""
    result, _ = run([("Tax:", 40, 60), ("19.00", 300, 60), ("Total:", 40, 80), ("119.00", 300, 80),
                     ("19%", 40, 120), ("100.00", 120, 120), ("19.00", 200, 120), ("119.00", 280, 120)])
    assert result == {"subtotal": None, "tax": 19, "total": 119}


def test_a_shipping_figure_not_found_leaves_the_gap_unfilled():
    schema = {**INVOICE, "properties": {**INVOICE["properties"], "shipping": {"type": ["number", "null"]}}}
    result, _ = run([("Subtotal:", 40, 60), ("100.00", 300, 60), ("Carriage:", 40, 80), ("14.98", 300, 80),
                     ("Total:", 40, 100), ("114.98", 300, 100)], schema)
    assert result["tax"] is None  # the 14.98 may be the shipping the schema also asks for


def test_with_a_tip_not_found_a_subtotal_that_also_sums_the_items_above_it_is_supplied():
    schema = {**INVOICE, "properties": {**INVOICE["properties"], "tip": {"type": ["number", "null"]}}}
    items = [("Oat Milk", 40, 40), ("4.98", 300, 40), ("Brezel", 40, 52), ("0.95", 300, 52)]
    result, _ = run([*items, ("Items Total", 40, 64), ("5.93", 300, 64), ("Tax:", 40, 76), ("0.49", 300, 76),
                     ("Total:", 40, 88), ("6.42", 300, 88)], schema)
    assert result == {"subtotal": 5.93, "tax": 0.49, "total": 6.42, "tip": None}
    # the same figure where it is not what the lines above it add up to may be the subtotal and the tip
    result, _ = run([("Items Total", 40, 64), ("5.93", 300, 64), ("Tax:", 40, 76), ("0.49", 300, 76),
                     ("Total:", 40, 88), ("6.42", 300, 88)], schema)
    assert result["subtotal"] is None


def test_figures_that_add_up_only_in_another_order_are_set_in_that_order():
    rows = [("Goods Total :", 40, 60), ("22.670,37", 300, 60), ("Mwst. 19% :", 40, 80), ("4.307,37", 300, 80),
            ("Amount Payable :", 40, 100), ("26.977,74", 300, 100)]
    chosen, figure = settled(rows, {"subtotal": ("4.307,37", 4307.37), "tax": ("26.977,74", 26977.74),
                                    "total": ("22.670,37", 22670.37)})
    assert {p[0]: c.value for p, c in chosen.items()} == {"subtotal": 22670.37, "tax": 4307.37, "total": 26977.74}
    assert all(c.arithmetic == 1.0 for c in chosen.values())
    assert chosen[("total",)].words == [figure["26.977,74"]]


def test_figures_that_add_up_are_left_as_read_and_confirmed():
    lay = layout_document(document(page([("1.00", 40, 60)])))[0]
    fields = list(root_field(INVOICE).children())
    word = Word("x", Box(0, 0, 1, 1))
    chosen = {("subtotal",): Candidate(100.0, 1, [word], 0.8, "right"),
              ("tax",): Candidate(19.0, 1, [word], 0.8, "right"), ("total",): Candidate(119.0, 1, [word], 0.8, "right")}
    ladder.settle(chosen, fields, [lay], ReadContext())
    assert [c.value for c in chosen.values()] == [100.0, 19.0, 119.0]
    assert all(c.arithmetic == 1.0 for c in chosen.values())


def test_two_figures_read_into_the_wrong_fields_and_one_unread_are_set_in_the_order_that_adds_up():
    """"Goods Total" read as the total and the tax line unread: with the line below, only one order adds up."""
    rows = [("Goods Total:", 40, 60), ("€ 22.996,42", 300, 60), ("Btw 21%:", 40, 80), ("€ 4.829,25", 300, 80),
            ("Invoice Sum:", 40, 100), ("€ 27.825,67", 300, 100)]
    chosen, figure = settled(rows, {"subtotal": ("4.829,25", 4829.25), "total": ("22.996,42", 22996.42)},
                             ReadContext(decimal_comma=True))
    assert {p[0]: c.value for p, c in chosen.items()} == {"subtotal": 22996.42, "tax": 4829.25, "total": 27825.67}
    assert chosen[("total",)].words[-1] is figure["27.825,67"]
    assert all(c.arithmetic == 1.0 and c.inferred for c in chosen.values())



def test_a_subtotal_read_as_the_total_beside_the_tax_is_set_right_by_the_line_below_it():
    """"Items Total" read as the total, the tax read, "Pay This Amount" unread: the total less the tax is printed
    nowhere, so the two figures stand in the wrong fields; the figure alone under them (its thousands set apart by
    a space) is the one they add up to."""
    rows = [("Items Total", 40, 60), ("3,485.42", 300, 60), ("VAT", 40, 80), ("348.54", 300, 80),
            ("Pay This Amount", 40, 100), ("3 833.96", 300, 100)]
    chosen, _ = settled(rows, {"tax": ("348.54", 348.54), "total": ("3,485.42", 3485.42)})
    assert {p[0]: c.value for p, c in chosen.items()} == {"subtotal": 3485.42, "tax": 348.54, "total": 3833.96}
    assert [w.text for w in chosen[("total",)].words] == ["3", "833.96"]


def test_the_two_figures_that_make_the_ladder_with_the_one_read_are_the_others():
    """Only the tax read ("Value Added Tax"); "Amount (net)" and "Invoice Amount" read as nothing: the two figures
    printed alone beside it that add up with it, the tax a tax's share, are the subtotal and the total."""
    rows = [("Amount (net): 14.290,52", 40, 60), ("Value Added Tax: 1.429,05", 40, 80),
            ("Invoice Amount: 15.719,57", 40, 100)]
    lay = layout_document(document(page(rows)))[0]
    tax = next(w for w in lay.page.words if w.text == "1.429,05")
    chosen = {("tax",): Candidate(1429.05, 1, [tax], 0.8, "inline")}
    ladder.settle(chosen, list(root_field(INVOICE).children()), [lay], ReadContext(decimal_comma=True))
    assert {p[0]: c.value for p, c in chosen.items()} == {"subtotal": 14290.52, "tax": 1429.05, "total": 15719.57}
    assert all(c.arithmetic == 1.0 for c in chosen.values())


def test_a_figure_read_alone_with_more_than_one_pair_that_completes_it_is_left_alone():
    rows = [("A:", 40, 60), ("100.00", 300, 60), ("B:", 40, 80), ("10.00", 300, 80), ("C:", 40, 100),
            ("110.00", 300, 100), ("D:", 40, 120), ("200.00", 300, 120), ("E:", 40, 140), ("210.00", 300, 140)]
    chosen, _ = settled(rows, {"tax": ("10.00", 10.0)})
    assert {p[0]: c.value for p, c in chosen.items()} == {"tax": 10.0}

def test_a_payment_and_its_change_are_no_ladder():
    """Cash 50.00 less the total 37.65 is the change 12.35: no tax is a third of what it is charged on."""
    rows = [("Total:", 40, 60), ("37.65", 300, 60), ("Cash:", 40, 80), ("50.00", 300, 80),
            ("Change:", 40, 100), ("12.35", 300, 100)]
    chosen, _ = settled(rows, {"subtotal": ("12.35", 12.35), "total": ("37.65", 37.65)})
    assert {p[0]: c.value for p, c in chosen.items()} == {"subtotal": 12.35, "total": 37.65}


def test_a_figure_read_wrong_beside_two_that_add_up_to_one_printed_alone_is_replaced_by_it():
    """The total read from an item's amount (a table's "total" header over it), the subtotal and tax right: the
    "Gross" line under the tax, the one figure the two add up to, is the total."""
    rows = [("Line total", 300, 20), ("9.00", 300, 35), ("Net", 40, 60), ("11.50", 300, 60),
            ("VAT 20%", 40, 80), ("2.30", 300, 80), ("Gross", 40, 100), ("13.80", 300, 100)]
    chosen, figure = settled(rows, {"subtotal": ("11.50", 11.5), "tax": ("2.30", 2.3), "total": ("9.00", 9.0)})
    assert {p[0]: c.value for p, c in chosen.items()} == {"subtotal": 11.5, "tax": 2.3, "total": 13.8}
    assert chosen[("total",)].words == [figure["13.80"]]
    assert chosen[("total",)].arithmetic == 1.0


def test_three_figures_that_add_up_in_no_order_are_left_where_no_printed_figure_mends_them():
    """A discount the schema does not ask for breaks the sum; no figure alone on the page makes it whole."""
    rows = [("Subtotal", 40, 60), ("100.00", 300, 60), ("Discount", 40, 80), ("-10.00", 300, 80),
            ("Tax", 40, 100), ("18.00", 300, 100), ("Total", 40, 120), ("108.00", 300, 120)]
    chosen, _ = settled(rows, {"subtotal": ("100.00", 100.0), "tax": ("18.00", 18.0), "total": ("108.00", 108.0)})
    assert {p[0]: c.value for p, c in chosen.items()} == {"subtotal": 100, "tax": 18, "total": 108}
    assert not any(c.inferred for c in chosen.values())
