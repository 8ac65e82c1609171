"""Assay: schema-guided document extraction with citations.

    import assay

    result = assay.extract("invoice.pdf", schema)       # schema: dict, JSON file or Pydantic model class
    result.result, result.metadata, result.usage, result.data
    document = assay.parse("invoice.pdf")

Both run in this process (no server); names load on first use, so `import assay` stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Result", "__version__", "extract", "parse"]

if TYPE_CHECKING:
    from assay.local import Result, extract, parse


def __getattr__(name: str) -> Any:
    if name in ("Result", "extract", "parse"):
        from assay import local

        return getattr(local, name)
    raise AttributeError(f"module 'assay' has no attribute {name!r}")
