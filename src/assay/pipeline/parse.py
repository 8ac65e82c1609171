"""Parsing (step ②): a file's bytes → Document, and the parse cache.

Parses are cached by (file sha256, parse settings, the parsers' own code), so extracting twice does
not parse twice and the web UI's page images reuse the jobs' parses. This module says what the cache
means (its key, when a parse is reused, what is kept); where files and parses are kept is the port `ParseStore`, which
`assay.storage.parses.StoredParses` implements over the database and the blob store.

`call` runs the CPU-bound parse: `direct`, or a wrapper around it that times it as a pipeline stage.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from assay import parsers
from assay.domain import document as document_model
from assay.domain.document import Document
from assay.domain.options import ExtractOptions
from assay.errors import DocumentError
from assay.parsers import document_from_json, document_to_json, parse_document

Call = Callable[..., Any]  # call(fn, *args, **kwargs): runs a CPU-bound step


def direct(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run a step as it is."""
    return fn(*args, **kwargs)


def parse_bytes(data: bytes, filename: str | None, options: ExtractOptions) -> Document:
    """An extract job's document from the file's bytes, in this process and uncached (the in-process API)."""
    return parse_document(data, filename=filename, target_pages=options.target_pages, max_pages=options.max_pages,
                          tier=options.parse_tier_to_use)


@dataclass(frozen=True, slots=True)
class ParseSettings:
    """Everything a parse depends on besides the file's bytes: the parts of the cache key."""

    tier: str
    target_pages: str | None = None
    max_pages: int | None = None
    max_page_count: int | None = None  # the server's ASSAY_MAX_PAGES
    image_ocr: bool = True  # the server's ASSAY_IMAGE_OCR

    def cache_key(self, sha256: str) -> str:
        settings = json.dumps([self.tier, self.target_pages, self.max_pages, self.max_page_count, parsers_version(),
                               *([] if self.image_ocr else ["no-image-ocr"])])
        return hashlib.sha256(f"{sha256}:{settings}".encode()).hexdigest()


@functools.cache
def parsers_version() -> str:
    """A hash of the parsers' source and the document model: a parse cached before an upgrade that
    changes how documents are read (tables, words, boxes) is parsed again, never reused stale."""
    sources = [*sorted(Path(parsers.__file__).parent.glob("*.py")), Path(document_model.__file__)]
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class StoredFile:
    name: str
    sha256: str
    blob_key: str


class ParseStore(Protocol):
    """Where uploaded files and cached parses are kept."""

    def file(self, file_id: str) -> StoredFile | None: ...

    def read(self, file: StoredFile) -> bytes: ...

    def cached(self, key: str) -> bytes | None: ...

    def keep(self, key: str, parse: bytes, page_count: int) -> None: ...


def parse_cached(store: ParseStore, file_id: str, settings: ParseSettings, *,
                 checkpoint: Callable[[], None] = lambda: None, call: Call = direct) -> Document:
    """Parse the file, or reuse the parse of the same bytes with the same settings."""
    file = store.file(file_id)
    if file is None:
        raise DocumentError(f"The file {file_id} was deleted before the job ran.")
    key = settings.cache_key(file.sha256)
    cached = store.cached(key)
    if cached is not None:
        return document_from_json(json.loads(cached))
    data = store.read(file)
    checkpoint()
    document = call(parse_document, data, filename=file.name, target_pages=settings.target_pages,
                    max_pages=settings.max_pages, tier=settings.tier, max_page_count=settings.max_page_count,
                    image_ocr=settings.image_ocr)
    store.keep(key, json.dumps(document_to_json(document)).encode(), len(document.pages))
    return document
