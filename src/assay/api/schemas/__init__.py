"""Pydantic wire models, field for field as LlamaCloud's API (see shared/api/CONTRACT.md §4)."""
