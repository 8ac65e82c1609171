"""The offline layout engine (see engine.py)."""
