"""Layout memory (`assay.pipeline.recall`, `assay.pipeline.fingerprint`): one reviewed document teaches where
its layout prints each value; the next documents of that layout are read there, and nothing else changes."""

from __future__ import annotations

from tests.engines.engine_docs import document, page

from assay.domain.document import Box, Checkbox
from assay.domain.options import ExtractOptions
from assay.domain.schema import normalize_schema
from assay.engines.base import Hint
from assay.pipeline import fingerprint as F
from assay.pipeline import recall
from assay.pipeline.run import extract_document
from assay.services import accounts
from assay.services import layouts as layouts_service
from assay.storage import layouts
from assay.storage.db import Database

SCHEMA = normalize_schema({"type": "object", "properties": {
    "reference": {"type": "string"}, "customer": {"type": "string"}, "subtotal": {"type": "number"},
    "tax": {"type": "number"}, "total": {"type": "number"},
    "items": {"type": "array", "items": {"type": "object", "properties": {
        "description": {"type": "string"}, "quantity": {"type": "number"}, "amount": {"type": "number"}}}}}})


def note(reference: str, customer: str, rows: list[tuple[str, int, float]], *, tax: float = 20.0,
         total: float | None = None, dx: float = 0.0, total_text: str | None = None):  # type: ignore[no-untyped-def]
    """One sender's note: cryptic labels, a table of any length, totals under it (moved down by its rows)."""
    subtotal = sum(a for _, _, a in rows)
    items = [("Quillfeather Paper Mills", 40, 40), ("Tannery Lane Bristol", 40, 52), ("Ctl", 400, 80),
             (reference, 430, 80), ("Consignee", 40, 110), (customer, 40, 122),
             ("Article", 40, 160), ("Reams", 300, 160), ("Value", 470, 160)]
    y = 160
    for text, qty, amount in rows:
        y += 14
        items += [(text, 40, y), (str(qty), 300, y), (f"{amount:.2f}", 470, y)]
    y += 30
    shown_total = subtotal + tax if total is None else total
    items += [("Net", 400, y), (f"{subtotal:.2f}", 470, y), ("Duty", 400, y + 14), (f"{tax:.2f}", 470, y + 14),
              ("Gross", 400, y + 28), (total_text or f"{shown_total:.2f}", 470, y + 28)]
    return document(page([(t, x + dx, yy) for t, x, yy in items]))


def truth(reference: str, customer: str, rows: list[tuple[str, int, float]], tax: float = 20.0) -> dict:
    subtotal = sum(a for _, _, a in rows)
    return {"reference": reference, "customer": customer, "subtotal": subtotal, "tax": tax,
            "total": subtotal + tax,
            "items": [{"description": d, "quantity": q, "amount": a} for d, q, a in rows]}


FIRST = [("Laid paper grade A", 2, 40.0), ("Wove paper grade B", 3, 60.0)]
LATER = [("Bond paper cream", 5, 12.5), ("Laid paper grade C", 1, 30.0), ("Tracing paper roll", 4, 22.0),
         ("Kraft paper brown", 7, 14.25)]


def remembered():  # type: ignore[no-untyped-def]
    fp, memory = recall.learn(note("QPM/7731", "Harbourside Trading", FIRST), SCHEMA,
                              truth("QPM/7731", "Harbourside Trading", FIRST), "ext-first")
    memory.layout_id = "lay-1"
    return fp, memory


def empty() -> dict:
    return {"reference": None, "customer": None, "subtotal": None, "tax": None, "total": None, "items": []}


def test_the_next_document_of_the_layout_is_read_where_the_reviewed_one_printed_each_value() -> None:
    _, memory = remembered()
    later = note("QPM/9902", "Ironbark Engineering Co", LATER)  # more rows: the totals moved down
    result, hints = recall.apply(later, SCHEMA, empty(), {}, memory)
    assert result == truth("QPM/9902", "Ironbark Engineering Co", LATER)
    assert hints["total"].example_id == "ext-first"
    assert hints["total"].layout_id == "lay-1"
    assert hints["items"][3]["amount"].text == "14.25"


def test_memory_values_carry_their_source_and_how_often_their_place_was_right() -> None:
    _, memory = remembered()
    later = note("QPM/9902", "Ironbark Engineering Co", LATER)
    options = ExtractOptions.from_configuration({"data_schema": SCHEMA, "cite_sources": True,
                                                 "confidence_scores": True})
    got = extract_document(later, options, memory=memory)
    leaf = got.field_metadata["document_metadata"]["reference"]
    assert got.result["reference"] == "QPM/9902"
    assert leaf["source"] == "layout_memory"
    assert leaf["example_id"] == "ext-first"
    assert leaf["layout_id"] == "lay-1"
    assert leaf["grounding"] == "exact"
    assert leaf["citation"][0]["matching_text"] == "QPM/9902"
    assert leaf["confidence"] == recall.rate({"right": 1, "seen": 1})
    assert got.field_metadata["document_metadata"]["items"][0]["amount"]["source"] == "layout_memory"


def test_a_place_that_reads_a_value_of_the_wrong_type_is_ignored() -> None:
    _, memory = remembered()
    later = note("QPM/9902", "Ironbark Engineering Co", LATER, total_text="see overleaf")
    engine = {**empty(), "total": 999.0}
    result, hints = recall.apply(later, SCHEMA, engine, {"total": None}, memory)
    assert result["total"] == 999.0
    assert hints["total"] is None  # the engine's value stays
    assert result["reference"] == "QPM/9902"


def test_a_value_the_remembered_sums_contradict_is_ignored() -> None:
    _, memory = remembered()
    assert {"total": "total", "parts": ["subtotal", "tax"]} in memory.sums
    later = note("QPM/9902", "Ironbark Engineering Co", LATER, total=500.0)  # Gross is not Net + Duty
    result, _ = recall.apply(later, SCHEMA, {**empty(), "total": 198.75}, {}, memory)
    assert result["total"] == 198.75
    assert result["tax"] is None
    assert result["subtotal"] is None
    assert result["reference"] == "QPM/9902"


def test_fingerprints_tell_layouts_apart_whatever_the_values_rows_and_small_shifts() -> None:
    fp, _ = remembered()
    same = F.fingerprint(note("QPM/9902", "Ironbark Engineering Co", LATER, dx=3.0))
    other = F.fingerprint(document(page([("Northwind Supplies", 40, 40), ("Invoice No", 40, 80), ("INV-7", 120, 80),
                                         ("Total due", 400, 300), ("10.00", 470, 300)])))
    assert F.jaccard(fp.tokens, same.tokens) >= F.SAME
    assert F.jaccard(fp.tokens, other.tokens) < 0.1
    assert abs(F.estimate(fp.signature, same.signature) - F.jaccard(fp.tokens, same.tokens)) < 0.2


def test_a_second_review_scores_each_place_and_a_new_place_is_learnt_where_none_read() -> None:
    _, memory = remembered()
    later = note("QPM/9902", "Ironbark Engineering Co", LATER)
    corrected = {**truth("QPM/9902", "Ironbark Engineering Co", LATER), "customer": "Ironbark"}
    updated = recall.update(memory, later, SCHEMA, corrected, "ext-second")
    assert updated.places["reference"][0]["seen"] == 2
    assert updated.places["reference"][0]["right"] == 2
    assert recall.rate(updated.places["reference"][0]) > recall.rate(memory.places["reference"][0])
    assert [p["right"] for p in updated.places["customer"]] == [1, 1]  # the old place (wrong once), the new one
    assert {p["example_id"] for p in updated.places["customer"]} == {"ext-first", "ext-second"}


RECEIPT = normalize_schema({"type": "object", "properties": {
    "date": {"type": "string", "format": "date"}, "total": {"type": "number"},
    "items": {"type": "array", "items": {"type": "object", "properties": {
        "description": {"type": "string"}, "quantity": {"type": "number"}, "unit_price": {"type": "number"},
        "amount": {"type": "number"}}}}}})


def receipt(date: str, rows: list[tuple[str, int, float]]):  # type: ignore[no-untyped-def]
    """A till receipt: each item on a line with its amount, '3 @ 2.50' on a line of its own under an item
    bought more than once (once: no such line, a quantity of 1 implied)."""
    items, y = [("Corner Shop Ltd", 12, 20), ("Date", 12, 40), (date, 60, 40)], 60
    for text, qty, price in rows:
        items.append((text, 12, y))
        items.append((f"{qty * price:.2f}", 200, y))
        y += 12
        if qty > 1:
            items += [(str(qty), 24, y), ("@", 36, y), (f"{price:.2f}", 48, y)]
            y += 12
    items += [("-" * 30, 12, y), ("Payable", 12, y + 12), (f"{sum(q * p for _, q, p in rows):.2f}", 200, y + 12)]
    return document(page(items, width=240.0, height=y + 60))


def receipt_truth(date: str, rows: list[tuple[str, int, float]]) -> dict:
    return {"date": date, "total": round(sum(q * p for _, q, p in rows), 2),
            "items": [{"description": d, "quantity": q, "unit_price": p if q > 1 else None, "amount": round(q * p, 2)}
                      for d, q, p in rows]}


def test_rows_with_a_line_of_their_own_under_them_and_quantities_the_rows_imply() -> None:
    first = [("Olive bread", 3, 2.5), ("Espresso", 1, 2.09), ("Paracetamol tabs", 2, 1.75)]
    _, memory = recall.learn(receipt("10/06/2025", first), RECEIPT, receipt_truth("2025-06-10", first), "ex")
    later = [("Ginger beer", 1, 1.56), ("Potting mix", 5, 10.46), ("Screws box", 1, 6.67), ("Sourdough", 4, 4.8)]
    result, hints = recall.apply(receipt("01/05/2026", later), RECEIPT, {"date": None, "total": None, "items": []},
                                 {}, memory)
    assert result["items"] == receipt_truth("2026-05-01", later)["items"]
    assert hints["items"][1]["quantity"].text == "5"
    assert hints["items"][0]["quantity"].inferred  # not printed: the reviewed rows imply 1
    assert result["date"] == "2026-05-01"  # the example's 10/06 was accepted as 10 June: day first


def test_a_column_printed_further_right_is_read_where_its_header_moved() -> None:
    def ledger(rows: list[tuple[str, int, float]], qty_x: float):  # type: ignore[no-untyped-def]
        items = [("Harbour Supplies", 40, 40), ("Article", 40, 100), ("Count", qty_x, 100), ("Value", 470, 100)]
        for i, (text, qty, amount) in enumerate(rows):
            y = 114 + 14 * i
            items += [(text, 40, y), (str(qty), qty_x + 6, y), (f"{amount:.2f}", 470, y)]
        items.append(("Net", 400, 114 + 14 * len(rows) + 20))
        return document(page(items))

    schema = normalize_schema({"type": "object", "properties": {"items": SCHEMA["properties"]["items"]}})
    _, memory = recall.learn(ledger(FIRST, 300), schema, {"items": truth("", "", FIRST)["items"]}, "ex")
    later = [("Bond paper cream", 5, 12.5), ("Laid paper grade C", 11, 30.0)]
    result, _ = recall.apply(ledger(later, 380), schema, {"items": []}, {}, memory)  # a wider description column
    assert result["items"] == truth("", "", later)["items"]


def test_a_field_the_example_left_blank_is_not_read_from_another_fields_words() -> None:
    def bill(amount: str):  # type: ignore[no-untyped-def]
        return document(page([("Pennant Utilities", 40, 40), ("Ctl", 40, 80), ("PU-1", 80, 80),
                              ("Taxable amount", 300, 200), (amount, 470, 200)]))

    schema = normalize_schema({"type": "object", "properties": {
        "reference": {"type": "string"}, "subtotal": {"type": "number"}, "tax": {"type": "number"},
        "total": {"type": "number"}}})
    accepted = {"reference": "PU-1", "subtotal": 80.0, "tax": None, "total": 80.0}  # no tax: the total is the subtotal
    _, memory = recall.learn(bill("80.00"), schema, accepted, "ex")
    later = bill("95.10")
    words = {w.text: w for w in later.pages[0].words}
    engine = {"reference": "PU-1", "subtotal": None, "tax": 95.1, "total": None}  # the engine took it for the tax
    hints = {"tax": Hint(confidence=0.5, page=1, boxes=[words["95.10"].box], text="95.10")}
    result, _ = recall.apply(later, schema, engine, hints, memory)
    assert result == {"reference": "PU-1", "subtotal": 95.1, "tax": None, "total": 95.1}


def test_the_lookup_reads_only_candidates_and_the_matched_memory(database_url: str) -> None:
    db = Database(database_url)
    db.migrate()
    try:
        with db.session() as session:
            accounts.bootstrap(session, first_key=None)
            project = accounts.create_project(session, "memory").id
            layout = layouts_service.remember(session, project, SCHEMA, note("QPM/7731", "Harbourside Trading", FIRST),
                                              truth("QPM/7731", "Harbourside Trading", FIRST), example_id="ex")
        key = recall.schema_key(SCHEMA)
        with db.session(read_only=True) as session:
            found = layouts.find_memory(session, project, key, F.fingerprint(note("QPM/9902", "Ironbark", LATER)))
            assert found is not None
            assert found.layout_id == layout.id
            assert found.places["reference"][0]["example_id"] == "ex"
            other = document(page([("Northwind Supplies", 40, 40), ("Invoice No", 40, 80), ("INV-7", 120, 80)]))
            assert layouts.find_memory(session, project, key, F.fingerprint(other)) is None
            assert layouts.match_id(session, "another-project", key, F.fingerprint(note("Q", "I", LATER))) is None
    finally:
        db.dispose()


def test_forgetting_an_example_takes_back_its_places_and_its_scores() -> None:
    _, memory = remembered()
    later = note("QPM/9902", "Ironbark Engineering Co", LATER)
    corrected = {**truth("QPM/9902", "Ironbark Engineering Co", LATER), "customer": "Ironbark"}
    updated = recall.update(memory, later, SCHEMA, corrected, "ext-second")
    without_second = recall.forget(updated, "ext-second")
    assert without_second is not None
    assert without_second.places["reference"] == memory.places["reference"]  # seen once, right once again
    assert [p["example_id"] for p in without_second.places["customer"]] == ["ext-first"]
    without_first = recall.forget(updated, "ext-first")
    assert without_first is not None
    assert without_first.places["reference"][0]["example_id"] == "ext-second"  # the second found it right
    assert [p["example_id"] for p in without_first.places["customer"]] == ["ext-second"]
    assert recall.forget(recall.forget(updated, "ext-first"), "ext-second") is None  # type: ignore[arg-type]


TILL = normalize_schema({"type": "object", "properties": {
    "date": {"type": "string", "description": "Purchase date, YYYY-MM-DD."},
    "time": {"type": "string", "description": "Purchase time in 24-hour HH:MM."},
    "payment_method": {"type": "string", "enum": ["cash", "credit_card", "debit_card"]},
    "card_last_four": {"type": "string"}, "total": {"type": "number"}}})


def till(date: str, time: str, tender: str, card: str, total: str):  # type: ignore[no-untyped-def]
    """A till slip: the date and time on one line, how it was paid in the shop's words, the card masked."""
    return document(page([("Harbourside Pharmacy", 12, 20), (date, 12, 40), (time, 60, 40), ("Order", 12, 52),
                          ("Payable", 12, 80), (total, 200, 80), (tender, 12, 92), (card, 20, 104),
                          ("Keep this receipt", 50, 130)], width=240.0, height=200.0))


def test_a_value_printed_inside_a_word_is_read_without_the_marks_around_it() -> None:
    _, memory = recall.learn(till("01/01/26", "10:53 PM", "Notes & coins", "XXXX0282", "56.75"), TILL,
                             {"date": "2026-01-01", "time": "22:53", "payment_method": "cash",
                              "card_last_four": "0282", "total": 56.75}, "ex")
    later = till("06/09/24", "4:45 PM", "Notes & coins", "XXXX8763", "12.10")
    result, hints = recall.apply(later, TILL, {"date": None, "time": None, "payment_method": None,
                                               "card_last_four": None, "total": None}, {}, memory)
    assert result["card_last_four"] == "8763"
    assert hints["card_last_four"].text == "XXXX8763"
    assert result["time"] == "16:45"  # '10:53 PM' was found as 22:53: its place is known
    assert result["total"] == 12.10


def test_a_value_the_example_does_not_print_as_such_is_kept_while_the_engine_reads_none() -> None:
    accepted = {"date": "2026-01-01", "time": "22:53", "payment_method": "cash", "card_last_four": None,
                "total": 56.75}
    _, memory = recall.learn(till("01/01/26", "10:53 PM", "Notes & coins", "", "56.75"), TILL, accepted, "ex")
    later = till("06/09/24", "4:45 PM", "Notes & coins", "", "12.10")
    engine = {"date": None, "time": None, "payment_method": None, "card_last_four": None, "total": None}
    result, hints = recall.apply(later, TILL, engine, {}, memory)
    assert result["payment_method"] == "cash"
    assert hints["payment_method"].example_id == "ex"
    assert hints["payment_method"].inferred
    result, _ = recall.apply(later, TILL, {**engine, "payment_method": "debit_card"}, {}, memory)
    assert result["payment_method"] == "debit_card"  # the engine read one: it stays
    # a later example paid otherwise: the layout has no one way of being paid, the value is not given again
    updated = recall.update(memory, later, TILL, {**accepted, "payment_method": "credit_card"}, "ex2")
    result, _ = recall.apply(later, TILL, engine, {}, updated)
    assert result["payment_method"] is None


def test_a_date_order_the_example_leaves_open_is_the_one_the_engine_read() -> None:
    _, memory = recall.learn(till("01/01/26", "10:53", "Cash", "", "56.75"), TILL,
                             {"date": "2026-01-01", "time": "10:53", "payment_method": "cash", "card_last_four": None,
                              "total": 56.75}, "ex")
    later = till("06/09/24", "16:45", "Cash", "", "12.10")
    engine = {"date": "2024-09-06", "time": None, "payment_method": None, "card_last_four": None, "total": None}
    for read in ("2024-09-06", "2024-06-09"):  # the engine knows the country's order; 01/01 did not say
        result, hints = recall.apply(later, TILL, {**engine, "date": read}, {}, memory)
        assert result["date"] == read
        assert hints["date"].text == "06/09/24"


APPLICATION = normalize_schema({"type": "object", "properties": {
    "name": {"type": "string"},
    "has_pets": {"type": "boolean", "description": "Answer to the pets question (Yes box = true, No box = false)."},
    "smoker": {"type": "boolean", "description": "Answer to the smoking question."},
    "consent_background_check": {"type": "boolean",
                                 "description": "true if the background/credit check consent box is checked."}}})


def application(name: str, pets: bool, smokes: bool, consent: bool, *, dy: float = 0.0):  # type: ignore[no-untyped-def]
    """A rental form: two Y/N rows of drawn boxes (a box before each option) under questions that do not
    name their fields, and one box before a statement; `dy` moves everything under the name down."""
    items = [("Tenancy Application", 40, 40), ("Applicant", 40, 70), (name, 120, 70),
             ("Will any animals live at the property?", 40, 100 + dy), ("Y", 292, 100 + dy), ("N", 322, 100 + dy),
             ("Does anyone in the household smoke?", 40, 130 + dy), ("Y", 292, 130 + dy), ("N", 322, 130 + dy),
             ("I agree to tenant screening (credit, references)", 56, 160 + dy)]
    boxes = [Checkbox(Box(280, 100 + dy, 9, 9), pets), Checkbox(Box(310, 100 + dy, 9, 9), not pets),
             Checkbox(Box(280, 130 + dy, 9, 9), smokes), Checkbox(Box(310, 130 + dy, 9, 9), not smokes),
             Checkbox(Box(40, 160 + dy, 9, 9), consent)]
    return document(page(items, checkboxes=boxes))


def test_booleans_are_read_from_the_marks_their_example_was_answered_by() -> None:
    accepted = {"name": "Ada Brooks", "has_pets": False, "smoker": True, "consent_background_check": True}
    _, memory = recall.learn(application("Ada Brooks", False, True, True), APPLICATION, accepted, "ex")
    assert {memory.places[p][0]["kind"] for p in ("has_pets", "smoker", "consent_background_check")} == {"tick"}
    engine = {"name": None, "has_pets": None, "smoker": None, "consent_background_check": None}
    for pets, smokes, consent in [(True, False, False), (False, False, True)]:
        later = application("Brian Okafor", pets, smokes, consent, dy=14.0)
        result, hints = recall.apply(later, APPLICATION, engine, {}, memory)
        assert result == {"name": "Brian Okafor", "has_pets": pets, "smoker": smokes,
                          "consent_background_check": consent}
        assert hints["smoker"].example_id == "ex"
        assert hints["smoker"].boxes  # the mark and its option are cited
        assert hints["smoker"].page == 1


def test_a_tick_printed_after_its_option_answers_a_boolean() -> None:
    def slip(smokes: bool):  # type: ignore[no-untyped-def]
        mark = 334 if not smokes else 304  # '✓' right after the chosen option, no box drawn
        return document(page([("Tenancy Application", 40, 40), ("Applicant", 40, 70), ("Ada Brooks", 120, 70),
                              ("Smoker?", 40, 100), ("Y", 292, 100), ("N", 322, 100), ("✓", mark, 100)]))

    schema = normalize_schema({"type": "object", "properties": {
        "name": {"type": "string"}, "smoker": APPLICATION["properties"]["smoker"]}})
    _, memory = recall.learn(slip(False), schema, {"name": "Ada Brooks", "smoker": False}, "ex")
    result, _ = recall.apply(slip(True), schema, {"name": None, "smoker": None}, {}, memory)
    assert result["smoker"] is True
    result, _ = recall.apply(slip(False), schema, {"name": None, "smoker": True}, {}, memory)
    assert result["smoker"] is False


def test_an_anchor_cut_from_a_longer_run_of_the_layouts_words_is_found_where_the_run_moved() -> None:
    def slip(sender: str, postcode: str):  # type: ignore[no-untyped-def]
        footer = f"{sender} Shandon House Quay Navan, Co. Meath {postcode}"  # one run of words
        x = (612 - 6 * len(footer)) / 2  # centred: it moves with the sender's name
        return document(page([("Packing Slip", 250, 40), ("Receiver", 56, 120), ("Kwame Kowalski", 56, 134),
                              (footer, x, 760)]))

    schema = normalize_schema({"type": "object", "properties": {
        "receiver": {"type": "string"}, "postal_code": {"type": "string"}}})
    _, memory = recall.learn(slip("Hughes Office Solutions Teoranta", "C15 Z129"), schema,
                             {"receiver": "Kwame Kowalski", "postal_code": "C15 Z129"}, "ex")
    later = slip("Hughes Teoranta Ltd", "C15 Q925")  # a shorter name: the centred line moves left
    result, _ = recall.apply(later, schema, {"receiver": None, "postal_code": None}, {}, memory)
    assert result["postal_code"] == "C15 Q925"


def test_a_column_the_example_left_empty_is_not_taken_from_the_row_numbers_beside_the_table() -> None:
    def slip(rows: list[tuple[str, float]]):  # type: ignore[no-untyped-def]
        items = [("Harbour Supplies", 40, 40), ("Article", 60, 100), ("Value", 470, 100)]
        for i, (text, amount) in enumerate(rows):
            items += [(str(i + 1), 40, 114 + 14 * i), (text, 60, 114 + 14 * i), (f"{amount:.2f}", 470, 114 + 14 * i)]
        items.append(("Net", 400, 114 + 14 * len(rows) + 20))
        return document(page(items))

    schema = normalize_schema({"type": "object", "properties": {"items": SCHEMA["properties"]["items"]}})
    first = [("Laid paper grade A", 40.0), ("Wove paper grade B", 60.0)]
    accepted = {"items": [{"description": d, "quantity": None, "amount": a} for d, a in first]}
    _, memory = recall.learn(slip(first), schema, accepted, "ex")
    later = slip([("Bond paper cream", 12.5), ("Tracing paper roll", 22.0)])
    words = later.pages[0].words
    number = {w.text: w for w in words if w.box.x == 40}
    engine = {"items": [{"description": "Bond paper cream", "quantity": 1, "amount": 12.5},
                        {"description": "Tracing paper roll", "quantity": 2, "amount": 22.0}]}
    hints = {"items": [{"quantity": Hint(confidence=0.5, page=1, boxes=[number[n].box], text=n)} for n in "12"]}
    result, _ = recall.apply(later, schema, engine, hints, memory)
    assert [r["quantity"] for r in result["items"]] == [None, None]
    assert [r["amount"] for r in result["items"]] == [12.5, 22.0]
