"""Extraction engines: turn a parsed Document and a normalized schema into values (step ③).

* base    the Engine protocol, what an engine returns (EngineOutput, Hint) and the registry
* layout  the offline default engine (`layout/engine.py`)
* llm     the `openai` engine: any OpenAI-compatible chat server (`llm/engine.py`)

Engines do not know each other (an import-linter contract says so): what two of them share lives
in the domain (the schema-field model, typed values, the label matcher).
"""
