"""Assay: schema-guided document extraction with citations."""

__version__ = "0.1.0"
