"""An enum's tick-box row whose labels paraphrase the options: the boxes the spelling leaves unnamed
take the options still open by elimination, by meaning, with a margin, and at a lower confidence."""

from __future__ import annotations

from engine_docs import document, page

from assay.domain.options import ExtractOptions
from assay.pipeline.run import extract_document

_SCHEMA = {"type": "object", "properties": {"employment_status": {
    "type": ["string", "null"], "enum": ["employed", "self_employed", "unemployed", "student", "retired", None]}}}


def _row(ticked: str) -> list[tuple[str, float, float]]:
    boxes = " ".join(("☒ " if label == ticked else "☐ ") + label
                     for label in ("Employed", "Own business", "Between jobs", "In education"))
    return [("Employment Status " + boxes, 40, 200)]


def _confidence(out) -> float:
    return out.field_metadata["document_metadata"]["employment_status"]["confidence"]


def test_a_paraphrased_option_is_read_by_elimination():
    out = extract_document(document(page(_row("Between jobs"))), ExtractOptions(_SCHEMA, confidence_scores=True))
    assert out.result == {"employment_status": "unemployed"}
    # "In education" names student well enough by meaning alone: surer than a value left by elimination
    named = extract_document(document(page(_row("In education"))), ExtractOptions(_SCHEMA, confidence_scores=True))
    assert named.result == {"employment_status": "student"}
    assert _confidence(out) < _confidence(named)


def test_a_label_alike_to_two_open_options_abstains():
    # "Time off" is about as near to unemployed as to retired: no option by elimination, no answer.
    row = "Employment Status ☐ Employed ☐ Own business ☒ Time off ☐ In education ☐ Retired ☐ Unemployed"
    out = extract_document(document(page([(row.replace("☐ Unemployed", "☐ Jobless"), 40, 200)])),
                           ExtractOptions(_SCHEMA))
    assert out.result == {"employment_status": None}
