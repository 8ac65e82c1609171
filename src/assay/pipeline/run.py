"""One extraction of a parsed document, step by step: extract → ground → confidence → validate.

The worker (`assay.jobqueue.run`) and the in-process API (`assay.local`) both parse with
`pipeline.parse` (step ②) and then call `extract_document`, which runs the remaining steps in
flow order, one named function each:

    ③ extract.propose / extract.conform_result   the engine's values, fitted to the schema
      recall.apply                               with a remembered layout: fields read where a reviewed
                                                 document of that layout printed them (per_doc only)
    ④ ground.ground_value                        where each value is printed (per leaf)
    ⑤ confidence                                 how far to trust it (per leaf)
    ⑥ validate.validate                          the result checked against the schema
    outcome.warnings                             what the user should know: unreadable text, missing fields,
                                                 pages that could not be read

④ and ⑤ run leaf by leaf as `metadata.field_metadata` walks the result.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from assay.domain.document import Document
from assay.domain.fields import read_context
from assay.domain.options import ExtractOptions, LLMOptions
from assay.domain.schema import normalize_schema
from assay.pipeline import extract, metadata, outcome, recall, validate
from assay.pipeline.ground import Grounder


@dataclass
class Extraction:
    result: dict | list
    field_metadata: dict
    usage: dict
    other_metadata: dict  # the extract_metadata keys beside field_metadata: table_rows (and page_numbers)
    warnings: list[dict]  # outcome.warnings: [{"code", "message", ("fields")}]


def extract_document(document: Document, options: ExtractOptions, *, engine: str = "layout",
                     llm: LLMOptions | None = None, keep_raw: bool = False,
                     memory: recall.Memory | None = None) -> Extraction:
    """Steps ③ to ⑥ on a parsed document. `llm`: the model server of engines that use one
    (Settings.llm_options()); `keep_raw`: see `metadata.field_metadata`; `memory`: the remembered
    layout the document matched (`pipeline.fingerprint`), if any."""
    schema = normalize_schema(options.data_schema)
    ctx = read_context(document)
    target = options.extraction_target
    output = extract.propose(document, schema, options, engine=engine, grounder=Grounder(document, ctx), llm=llm)
    result = extract.conform_result(output.result, schema, target)
    readable = outcome.readable_share(document)
    if memory is not None and target == "per_doc" and isinstance(result, dict):
        recalled, hints = recall.apply(document, schema, result, output.hints, memory)
        result = extract.conform_result(recalled, schema, target)
        output = replace(output, result=result, hints=hints)
    field_metadata, other_metadata = metadata.field_metadata(document, ctx, schema, result, output, options,
                                                             outcome.text_quality(readable), keep_raw=keep_raw)
    validate.validate(result, schema, target)
    usage = dict(output.usage)
    usage.setdefault("num_pages_extracted", len(document.pages))
    usage.update(outcome.page_counts(document))
    return Extraction(result, field_metadata, usage, other_metadata,
                      outcome.warnings(readable, schema, result, document))
