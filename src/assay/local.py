"""Extraction and parsing in this process: no server, no database, no network.

The Python API (`assay.extract`, `assay.parse`) and the `assay extract` / `assay parse` /
`assay classify` / `assay split` commands are thin layers over this module:

    result = extract("invoice.pdf", {"type": "object", "properties": {...}}, cite_sources=True)
    result.result      # the JSON, exactly as an extract job's extract_result
    result.metadata    # extract_metadata.field_metadata: citations, confidence, grounding per field
    result.table_rows  # extract_metadata.table_rows: each array of objects' rows, shown vs returned
    result.warnings    # the job's warnings: unreadable text, required fields not found
    result.usage       # pages extracted, ...

    class Invoice(pydantic.BaseModel): ...
    extract("invoice.pdf", Invoice).data   # an Invoice

Options are the Extract v2 configuration (CONTRACT §4.1), validated exactly as the API validates
them: extraction_target, target_pages, max_pages, cite_sources, confidence_scores, tier,
parse_tier, system_prompt, ...; `engine` picks the extraction backend (default "layout").
"""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assay.domain.classification import Category, Classification, Rule, Segment, SplitStrategy
from assay.domain.document import Document
from assay.domain.options import ExtractOptions, LLMOptions, known_keys, unknown_keys
from assay.errors import AssayError, InvalidRequestError

Source = str | os.PathLike[str] | bytes


@dataclass
class Result:
    """One document's extraction. `data` is `result` validated into the Pydantic model the schema
    came from (a list of them for per_page / per_table_row); without a model it is `result`."""

    result: dict[str, Any] | list[Any]
    metadata: dict[str, Any]
    usage: dict[str, Any]
    file: str | None = None
    table_rows: dict[str, dict[str, int]] = field(default_factory=dict)  # see pipeline.metadata
    page_numbers: list[int] | None = None  # per_page: the page each item of `result` was read from
    warnings: list[dict[str, Any]] = field(default_factory=list)  # as an extract job's (pipeline.outcome)
    model: Any = field(default=None, repr=False)

    @property
    def data(self) -> Any:
        """Raises pydantic.ValidationError when a required field was not found (it is null in `result`)."""
        if self.model is None:
            return self.result
        if isinstance(self.result, list):
            return [self.model.model_validate(item) for item in self.result]
        return self.model.model_validate(self.result)

    def citations(self) -> dict[str, list[dict[str, Any]]]:
        """Every cited leaf as 'path' → citations ('line_items[0].amount'); empty without cite_sources."""
        return {path: entry["citation"] for path, entry in self.entries().items() if entry.get("citation")}

    def confidences(self) -> dict[str, float]:
        """Every scored leaf as 'path' → confidence; empty without confidence_scores."""
        return {path: entry["confidence"] for path, entry in self.entries().items() if "confidence" in entry}

    def entries(self) -> dict[str, dict[str, Any]]:
        """Every leaf's metadata entry by path ('line_items[0].amount')."""
        out: dict[str, dict[str, Any]] = {}
        for key in ("document_metadata", "page_metadata", "row_metadata"):
            if key in self.metadata:
                _walk_entries(self.metadata[key], "", out)
        return out

    def to_dict(self, *, metadata: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"file": self.file, "result": self.result, "warnings": self.warnings}
        if metadata:
            extras = {"page_numbers": self.page_numbers} if self.page_numbers is not None else {}
            out["extract_metadata"] = {"field_metadata": self.metadata, "table_rows": self.table_rows, **extras}
        out["usage"] = self.usage
        return out


def _walk_entries(node: Any, path: str, out: dict[str, dict[str, Any]]) -> None:
    if isinstance(node, list):
        for i, item in enumerate(node):
            _walk_entries(item, f"{path}[{i}]", out)
    elif isinstance(node, dict):
        if "citation" in node or "grounding" in node:
            out[path] = node
            return
        for key, sub in node.items():
            _walk_entries(sub, f"{path}.{key}" if path else key, out)


def read_source(source: Source, filename: str | None = None) -> tuple[bytes, str | None]:
    """(bytes, file name) from a path or raw bytes; an empty file is refused as the server refuses its
    upload (InvalidRequestError, code `invalid_request`)."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data, name = bytes(source), filename
    else:
        path = Path(source)
        if not path.is_file():
            raise InvalidRequestError(f"No such file: {path}")
        data, name = path.read_bytes(), filename or path.name
    if not data:
        raise InvalidRequestError(f"The file is empty: {name or 'the bytes given'}.")
    return data, name


def load_schema(schema: Any) -> tuple[dict[str, Any], Any]:
    """(JSON Schema, Pydantic model or None) from a dict, a Pydantic model class, a JSON string or
    the path of a JSON file. The schema is not validated here (see `configuration`)."""
    if isinstance(schema, type) and hasattr(schema, "model_json_schema"):
        return schema.model_json_schema(), schema
    if isinstance(schema, dict):
        return schema, None
    if isinstance(schema, (str, os.PathLike)):
        text = str(schema)
        if isinstance(schema, str) and text.lstrip().startswith("{"):
            return _json_object(text, "the schema"), None
        path = Path(text)
        if not path.is_file():
            raise InvalidRequestError(f"No such schema file: {path}")
        return _json_object(path.read_text(encoding="utf-8"), str(path)), None
    raise InvalidRequestError(
        f"A schema must be a dict, a Pydantic model class or a JSON file; got {type(schema)}."
    )


def _json_object(text: str, what: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidRequestError(f"{what} is not valid JSON: {exc}") from exc
    if not isinstance(value, dict):
        raise InvalidRequestError(f"{what} must be a JSON object.")
    return value


def configuration(data_schema: dict[str, Any], **options: Any) -> dict[str, Any]:
    """The effective Extract v2 configuration, validated as the API validates it. Unlike the API,
    which keeps unknown keys for forward compatibility, this refuses them: here a misspelt keyword
    argument would otherwise be ignored without a word.

    Raises SchemaError or InvalidRequestError.
    """
    from assay.services.jobs import effective_configuration

    unknown = unknown_keys(options)
    if unknown:
        raise InvalidRequestError(_unknown_option(unknown[0]))
    if options.get("parse_config_id") is not None:  # a server's saved object: here there is none to find
        raise InvalidRequestError("parse_config_id names a configuration saved on a server; in this process "
                                  "set parse_tier instead.")
    return effective_configuration({**options, "data_schema": data_schema})


def _unknown_option(name: str) -> str:
    close = difflib.get_close_matches(name, known_keys(), n=1)
    if close:
        return f"Unknown option {name!r} (did you mean {close[0]!r}?)."
    return f"Unknown option {name!r}; the options are {', '.join(k for k in known_keys() if k != 'data_schema')}."


def parse(
    source: Source,
    *,
    filename: str | None = None,
    target_pages: str | None = None,
    max_pages: int | None = None,
    tier: str = "cost_effective",
) -> Document:
    """Parse a document (path or bytes) into Assay's document model."""
    from assay.parsers import parse_document

    data, name = read_source(source, filename)
    return parse_document(data, filename=name, target_pages=target_pages, max_pages=max_pages, tier=tier)


def extract(
    source: Source, schema: Any, *, filename: str | None = None, engine: str = "layout", **options: Any
) -> Result:
    """Parse and extract one document in this process."""
    data_schema, model = load_schema(schema)
    extract_options = ExtractOptions.from_configuration(configuration(data_schema, **options))
    data, name = read_source(source, filename)
    result = _extract_bytes(data, name, extract_options, engine)
    result.model = model
    return result


def _extract_bytes(data: bytes, name: str | None, options: ExtractOptions, engine: str) -> Result:
    from assay.pipeline.parse import parse_bytes
    from assay.pipeline.run import extract_document

    document = parse_bytes(data, name, options)
    extraction = extract_document(document, options, engine=engine)
    return Result(extraction.result, extraction.field_metadata, extraction.usage, file=name,
                  table_rows=extraction.other_metadata["table_rows"],
                  page_numbers=extraction.other_metadata.get("page_numbers"), warnings=extraction.warnings)


def _extract_path(path: str, options: ExtractOptions, engine: str) -> Result:
    data, name = read_source(path)
    return _extract_bytes(data, name, options, engine)


def extract_many(
    paths: Sequence[str | os.PathLike[str]],
    schema: Any,
    *,
    jobs: int = 1,
    engine: str = "layout",
    on_done: Callable[[str, Result | AssayError], None] | None = None,
    **options: Any,
) -> Iterator[tuple[str, Result | AssayError]]:
    """Extract several files, `jobs` at a time in worker processes; yields (path, Result or the
    AssayError that stopped that file) in the order given. Other exceptions propagate."""
    data_schema, model = load_schema(schema)
    extract_options = ExtractOptions.from_configuration(configuration(data_schema, **options))
    names = [str(p) for p in paths]
    if jobs <= 1 or len(names) <= 1:
        for name in names:
            outcome = _attempt(lambda name=name: _extract_path(name, extract_options, engine))  # type: ignore[misc]
            yield _finish(name, outcome, model, on_done)
        return
    import multiprocessing

    # spawn, not fork: the caller may run threads (a progress bar) that fork would copy mid-lock
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [(name, pool.submit(_extract_path, name, extract_options, engine)) for name in names]
        for name, future in futures:
            yield _finish(name, _attempt(future.result), model, on_done)


def _attempt(call: Callable[[], Result] | Future[Result]) -> Result | AssayError:
    try:
        return call()  # type: ignore[operator]
    except AssayError as exc:
        return exc


def _finish(
    name: str,
    outcome: Result | AssayError,
    model: Any,
    on_done: Callable[[str, Result | AssayError], None] | None,
) -> tuple[str, Result | AssayError]:
    if isinstance(outcome, Result):
        outcome.model = model
        outcome.file = name
    if on_done is not None:
        on_done(name, outcome)
    return name, outcome


def classify(source: Source, rules: Sequence[Rule], *, filename: str | None = None, engine: str = "layout",
             llm: LLMOptions | None = None, target_pages: str | None = None,
             max_pages: int | None = None) -> Classification:
    """Which of `rules` a document (path or bytes) is: `type` None when none matches."""
    from assay.pipeline.sort import classify_document

    document = parse(source, filename=filename, target_pages=target_pages, max_pages=max_pages)
    return classify_document(document, list(rules), engine=engine, llm=llm)


def split(source: Source, categories: Sequence[Category], strategy: SplitStrategy | None = None, *,
          filename: str | None = None, engine: str = "layout", llm: LLMOptions | None = None,
          tier: str = "fast") -> list[Segment]:
    """The documents of a bundle (path or bytes): segments of `categories`, pages numbered as in the file."""
    from assay.pipeline.sort import split_document

    document = parse(source, filename=filename, tier=tier)
    return split_document(document, list(categories), strategy or SplitStrategy(), engine=engine, llm=llm)
