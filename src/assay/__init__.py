"""Assay: schema-guided document extraction with citations.

    import assay

    result = assay.extract("invoice.pdf", schema)       # schema: dict, JSON file or Pydantic model class
    result.result, result.metadata, result.usage, result.data
    document = assay.parse("invoice.pdf")
    assay.classify("scan.pdf", [Rule("invoice", "A bill from a supplier")])     # assay.domain.classification
    assay.split("bundle.pdf", [Category("invoice", "A bill from a supplier")])

All run in this process (no server); names load on first use, so `import assay` stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Result", "__version__", "classify", "extract", "parse", "split"]

if TYPE_CHECKING:
    from assay.local import Result, classify, extract, parse, split


def __getattr__(name: str) -> Any:
    if name in ("Result", "classify", "extract", "parse", "split"):
        from assay import local

        return getattr(local, name)
    raise AttributeError(f"module 'assay' has no attribute {name!r}")
