"""The HTTP adapter: LlamaCloud-compatible wire models and routes over assay.services."""
