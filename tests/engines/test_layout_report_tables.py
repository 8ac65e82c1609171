"""Tables from public reports: a title over the table, a note in small type under it, column headers in words the
schema does not use or wrapped over two lines, figures set flush right in other digit groupings, and cells printed
as having no value. Each document is a real PDF drawn with reportlab and read by the real parser."""

from __future__ import annotations

import io

from reportlab.pdfgen import canvas

from assay.domain.options import ExtractOptions
from assay.parsers import parse_document
from assay.pipeline.run import extract_document

HEIGHT = 792.0


def _pdf(headers: list[list[str]], rows: list[list[str]], notes: tuple[str, ...] = ()) -> bytes:
    """A titled table: the first column set flush left at x=53, the others flush right 100 pt apart; each header a
    list of its lines; notes in 7 pt type under the last row."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, HEIGHT))
    c.setFont("Helvetica-Bold", 12)
    c.drawString(50, HEIGHT - 52, "Table 4.2: Figures by area, 2025")
    rights = [296 + 100 * k for k in range(len(headers) - 1)]
    c.setFont("Helvetica-Bold", 9)
    for k, lines in enumerate(headers):
        for j, line in enumerate(lines):
            y = HEIGHT - 82 - 11 * j
            c.drawString(53, y, line) if k == 0 else c.drawRightString(rights[k - 1], y, line)
    y = HEIGHT - 82 - 11 * (max(len(h) for h in headers) - 1)
    c.line(48, y - 5, 500, y - 5)
    c.setFont("Helvetica", 9)
    for cells in rows:
        y -= 16
        c.drawString(53, y, cells[0])
        for k, cell in enumerate(cells[1:]):
            c.drawRightString(rights[k], y, cell)
    c.setFont("Helvetica", 7)
    for note in notes:
        y -= 14
        c.drawString(50, y, note)
    c.showPage()
    c.save()
    return buf.getvalue()


def _rows(pdf: bytes, fields: dict[str, tuple[str, str]]) -> list[dict]:
    """The table read for one array of items of `fields` (name: (type, description)), per document."""
    schema = {"type": "object", "properties": {"rows": {"type": "array", "items": {"type": "object", "properties": {
        name: {"type": [kind, "null"], "description": text} for name, (kind, text) in fields.items()}}}}}
    return extract_document(parse_document(pdf, filename="table.pdf"), ExtractOptions(schema)).result["rows"]


BUDGET = {"department": ("string", "The department or service."),
          "budget": ("number", "Approved budget for the year."),
          "spent": ("number", "Actual spending in the year."),
          "variance": ("number", "Actual spending minus budget; negative when under budget.")}


def test_a_budget_whose_variance_adds_up_is_no_tax_summary():
    # budget + variance = actual on every row, as net + tax = gross does; a variance below zero, or larger than
    # any tax, is no tax: the rows are the table's, and the variance column (its figures below zero) is the
    # field described as negative.
    pdf = _pdf([["Directorate"], ["Actual"], ["Over/(under)"], ["Approved budget"]],
               [["Housing", "138,222", "26,775", "111,447"], ["Libraries", "207,427", "-31,125", "238,552"],
                ["Planning", "48,069", "-87,004", "135,073"], ["Public Health", "194,016", "-4,041", "198,057"]])
    assert _rows(pdf, BUDGET) == [
        {"department": "Housing", "budget": 111447, "spent": 138222, "variance": 26775},
        {"department": "Libraries", "budget": 238552, "spent": 207427, "variance": -31125},
        {"department": "Planning", "budget": 135073, "spent": 48069, "variance": -87004},
        {"department": "Public Health", "budget": 198057, "spent": 194016, "variance": -4041}]


REGIONS = {"region": ("string", "Name of the region."), "population": ("integer", "Resident population."),
           "area_km2": ("number", "Land area in square kilometres."),
           "households": ("integer", "Number of private households.")}


def test_columns_of_one_kind_go_to_the_fields_their_headers_mean():
    # Two columns of whole numbers for two integer fields, printed in the other order than the schema's: each
    # goes to the field its header means ("Residents" is the population), not the first to the first.
    pdf = _pdf([["Area name"], ["Surface (sq km)"], ["Occupied dwellings"], ["Residents"]],
               [["Marsh End", "6,318.0", "311,612", "525,817"], ["Highcliffe", "1,204.5", "407,192", "1,369,184"],
                ["Westhaven", "880.2", "52,110", "130,904"]])
    assert _rows(pdf, REGIONS) == [
        {"region": "Marsh End", "population": 525817, "area_km2": 6318.0, "households": 311612},
        {"region": "Highcliffe", "population": 1369184, "area_km2": 1204.5, "households": 407192},
        {"region": "Westhaven", "population": 130904, "area_km2": 880.2, "households": 52110}]


def test_a_note_in_small_type_under_the_table_is_no_line_of_its_last_row():
    pdf = _pdf([["Region"], ["Population"], ["Area (km²)"], ["Households"]],
               [["Northfield", "120,400", "310.5", "51,200"], ["Eastmoor", "98,100", "122.0", "40,310"],
                ["Lower Ashby", "45,900", "87.4", "19,020"]],
               notes=("Source: Office for Statistics, annual survey.", "Figures may not sum because of rounding."))
    assert [r["region"] for r in _rows(pdf, REGIONS)] == ["Northfield", "Eastmoor", "Lower Ashby"]


ENERGY = {"source": ("string", "The generation technology or fuel."),
          "capacity_mw": ("number", "Installed capacity in megawatts."),
          "generation_gwh": ("number", "Electricity generated in gigawatt hours."),
          "share_percent": ("number", "Share of total generation, in percent.")}


def test_a_header_word_over_no_cells_belongs_to_the_phrase_beside_it():
    # "GWh generated" set flush right over its figures: "GWh" names the field, the figures lie under "generated".
    pdf = _pdf([["Source"], ["Installed MW"], ["GWh generated"], ["% of total"]],
               [["Natural gas", "26,238.5", "20,144.0", "20.6"], ["Hydro", "13,677.0", "7,152.4", "14.5"],
                ["Solar PV", "27,907.9", "36,488.8", "39.8"]])
    assert [r["generation_gwh"] for r in _rows(pdf, ENERGY)] == [20144.0, 7152.4, 36488.8]


SCHOOLS = {"school": ("string", "Name of the school."), "pupils": ("integer", "Number of pupils on roll."),
           "teachers": ("integer", "Number of teachers (full-time equivalent)."),
           "pass_rate": ("number", "Share of pupils reaching the expected standard, percent.")}


def test_a_header_of_unknown_words_wrapped_over_two_lines_with_a_no_value_cell():
    # Most header words are unknown to the schema and wrap onto a second line ("Attainment" over "%"), a unit
    # with a digit in it among them; a cell printed as "-" or "n/a" holds no value, and its row is a row all
    # the same, the last one too.
    pdf = _pdf([["Establishment"], ["Pupils"], ["Attainment", "%"], ["Staff", "(FTE)"]],
               [["Northgate College", "-", "83.7", "67"], ["Greenacre School", "890", "75.7", "81"],
                ["Maple Lane Infants", "1229", "88.0", "147"], ["Sandford Juniors", "n/a", "38.1", "110"]])
    assert _rows(pdf, SCHOOLS) == [
        {"school": "Northgate College", "pupils": None, "teachers": 67, "pass_rate": 83.7},
        {"school": "Greenacre School", "pupils": 890, "teachers": 81, "pass_rate": 75.7},
        {"school": "Maple Lane Infants", "pupils": 1229, "teachers": 147, "pass_rate": 88.0},
        {"school": "Sandford Juniors", "pupils": None, "teachers": 110, "pass_rate": 38.1}]


def test_figures_in_digit_groups_apart_and_one_decimal_after_a_comma():
    # "1 337" under "Pupils on roll" is one figure, though its groups lie under two of the header's words; "47,5"
    # says the comma is the decimal mark.
    pdf = _pdf([["School"], ["FTE teachers"], ["Pass rate (%)"], ["Pupils on roll"]],
               [["Holloway High", "27", "47,5", "1 337"], ["Greenacre School", "25", "55,3", "1 428"],
                ["Maple Lane Infants", "23", "47,0", "965"]])
    assert _rows(pdf, SCHOOLS) == [
        {"school": "Holloway High", "pupils": 1337, "teachers": 27, "pass_rate": 47.5},
        {"school": "Greenacre School", "pupils": 1428, "teachers": 25, "pass_rate": 55.3},
        {"school": "Maple Lane Infants", "pupils": 965, "teachers": 23, "pass_rate": 47.0}]


def test_a_column_with_figures_below_zero_goes_to_the_field_described_as_negative():
    # Neither header tells spending from its variance by meaning: the column with figures below zero is the
    # variance, though the schema lists it after the spending and the page prints it first.
    pdf = _pdf([["Service"], ["Movement"], ["Outturn"], ["Budget"]],
               [["Housing", "26,775", "138,222", "111,447"], ["Libraries", "-31,125", "207,427", "238,552"],
                ["Planning", "-87,004", "48,069", "135,073"]])
    assert [(r["spent"], r["variance"]) for r in _rows(pdf, BUDGET)] == [
        (138222, 26775), (207427, -31125), (48069, -87004)]


def test_a_unit_with_a_digit_in_a_header_of_unknown_words():
    # "km2" under "Size" is the header's second line, not a row of values; "Area (km²)" is a header's phrase.
    for headers in ([["Territory"], ["Population"], ["Private", "households"], ["Size", "km2"]],
                    [["Territory"], ["Residents"], ["Occupied dwellings"], ["Area (km²)"]]):
        pdf = _pdf(headers, [["Westhaven", "101,036", "64,438", "8,606.4"],
                             ["Pennington", "33,928", "12,016", "2,122.4"],
                             ["Highcliffe", "92,504", "36,702", "6,297.2"]])
        assert _rows(pdf, REGIONS) == [
            {"region": "Westhaven", "population": 101036, "households": 64438, "area_km2": 8606.4},
            {"region": "Pennington", "population": 33928, "households": 12016, "area_km2": 2122.4},
            {"region": "Highcliffe", "population": 92504, "households": 36702, "area_km2": 6297.2}], headers


def test_one_decimal_after_a_comma_makes_dots_group_thousands():
    # "85,1" has one digit after its comma, so the comma is the decimal mark and "1.661" is one thousand and more.
    pdf = _pdf([["School"], ["Pupils"], ["Teachers"], ["Pass rate (%)"]],
               [["Holloway High", "1.661", "92", "85,1"], ["Greenacre School", "338", "36", "98,3"],
                ["Riverside Academy", "2.759", "119", "65,0"]])
    assert [(r["pupils"], r["pass_rate"]) for r in _rows(pdf, SCHOOLS)] == [(1661, 85.1), (338, 98.3), (2759, 65.0)]


TREND_ROWS = [["Castle Museum", "n/a", "349,116", "12.7"], ["Botanic Garden", "631,085", "499,128", "-20.9"],
              ["Art Gallery", "208,400", "190,022", "-8.8"]]


def test_columns_headed_by_the_years_the_fields_are_named_after():
    # The schema lists the later year first: each column goes to the field named after its year.
    fields = {"site": ("string", "Name of the site."), "visitors_2024": ("integer", "Visitors in 2024."),
              "visitors_2023": ("integer", "Visitors in 2023."),
              "change_percent": ("number", "Change from 2023 to 2024, percent.")}
    pdf = _pdf([["Site"], ["2024"], ["2023"], ["Change (%)"]], TREND_ROWS)
    assert [(r["visitors_2023"], r["visitors_2024"]) for r in _rows(pdf, fields)] == [
        (349116, None), (499128, 631085), (190022, 208400)]


def test_columns_headed_by_years_go_to_the_schema_s_fields_in_the_years_order():
    # The fields say "earlier" and "later" only; the page prints the later year first, over its header a
    # wrapped "% change", and a cell under it "n/a".
    fields = {"site": ("string", "Name of the site."), "previous_year": ("integer", "Visitors in the earlier year."),
              "current_year": ("integer", "Visitors in the later year."),
              "change_percent": ("number", "Change between the two years, in percent.")}
    pdf = _pdf([["Attraction"], ["2024"], ["2023"], ["%", "change"]], TREND_ROWS)
    assert [(r["previous_year"], r["current_year"], r["change_percent"]) for r in _rows(pdf, fields)] == [
        (349116, None, 12.7), (499128, 631085, -20.9), (190022, 208400, -8.8)]


def test_a_column_given_its_field_by_the_schema_s_order_alone_says_so_in_its_confidence():
    # "Allocation" and "Outturn" tell neither field apart, and no figure is below zero: the columns go to the
    # fields in the schema's order (right here), a guess, less sure than where "Actual" over its column says it.
    def spent_confidence(headers: list[list[str]]) -> float:
        pdf = _pdf(headers, [["Housing", "111,447", "138,222", "26,775"], ["Libraries", "198,552", "207,427", "8,875"],
                             ["Planning", "135,073", "148,069", "12,996"]])
        schema = {"type": "object", "properties": {"rows": {"type": "array", "items": {
            "type": "object", "properties": {name: {"type": kind, "description": text}
                                             for name, (kind, text) in BUDGET.items()}}}}}
        out = extract_document(parse_document(pdf, filename="t.pdf"), ExtractOptions(schema, confidence_scores=True))
        assert [r["spent"] for r in out.result["rows"]] == [138222, 207427, 148069]
        return out.field_metadata["document_metadata"]["rows"][0]["spent"]["confidence"]

    told = spent_confidence([["Service"], ["Budget"], ["Actual"], ["Variance"]])
    guessed = spent_confidence([["Portfolio"], ["Allocation"], ["Outturn"], ["Variance"]])
    assert guessed < told
