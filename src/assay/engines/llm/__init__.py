"""The `openai` engine (`engine.py`): any OpenAI-compatible chat server proposes the values.

* engine      OpenAICompatEngine, the entry the registry loads
* options     LLMOptions: where the model is and how hard to push it (built from Settings)
* client      ChatClient: async httpx, bounded concurrency, retries with backoff, streamed replies
              watched for repetition loops; every failure becomes an EngineError with a reason
* structured  which `response_format` a server honours (probed once per base_url), JSON parsing,
              validation against the job's schema and one repair round-trip
* prompt      the document as markdown with page markers and stable line ids (`[p1:l12]`),
              split into chunks that fit the model's context
* merge       chunk results merged: scalars by best-grounded candidate, arrays in document order
              with the duplicates of chunk overlaps removed
* agent       the tiers: one pass, re-asks for weak fields and missing rows, a verification pass

Grounding is always Assay's (`assay.pipeline.ground`, handed to the engine as its grounder): the model
proposes values, never citations.
"""
