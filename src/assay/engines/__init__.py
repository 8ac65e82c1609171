"""Extraction engines: turn a parsed Document and a normalized schema into values (step ③).

`base` holds the Engine protocol and the registry; `layout` is the offline default engine.
"""
