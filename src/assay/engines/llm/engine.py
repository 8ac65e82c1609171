"""The `openai` engine: any OpenAI-compatible chat-completions server (vLLM, Ollama, llama.cpp's
server, LM Studio, OpenAI) proposes the values; Assay grounds, scores and cites them.

Configure the server with ASSAY_LLM_BASE_URL, ASSAY_LLM_MODEL and ASSAY_LLM_API_KEY (see
`assay.config.Settings`); a job picks this engine with `"engine": "openai"` in its configuration,
or gets it by default when an LLM is configured and ASSAY_ENGINE is `auto`. The job's `tier` says
how hard the engine works (`assay.engines.llm.agent`): cost_effective = one pass; agentic = re-asks
for weak fields and missing table rows; agentic_plus = agentic + a verification pass.

The model server's LLMOptions arrive with each call (`llm`, from Settings.llm_options() in the
process that owns the settings), because extraction runs in the worker's child process.
"""

from __future__ import annotations

import asyncio
import concurrent.futures

from assay.domain.document import Document
from assay.domain.options import ExtractOptions, LLMOptions
from assay.engines.base import EngineOutput, Grounder
from assay.engines.llm.agent import Extraction
from assay.errors import EngineError


class OpenAICompatEngine:
    name = "openai"
    offline = False

    def extract(self, document: Document, schema: dict, options: ExtractOptions, *, grounder: Grounder,
                llm: LLMOptions | None = None) -> EngineOutput:
        if llm is None:
            raise EngineError("The openai engine has no model configured: set ASSAY_LLM_BASE_URL and "
                              "ASSAY_LLM_MODEL (or ASSAY_LLM_MODEL and OPENAI_API_KEY for OpenAI).")
        if not any(line.text.strip() for page in document.pages for line in page.lines):
            target = options.extraction_target  # nothing to read: all null
            empty: dict | list = [{} for _ in document.pages] if target == "per_page" else (
                [] if target == "per_table_row" else {})
            return EngineOutput(empty, None, {"num_pages_extracted": len(document.pages)})
        job = Extraction(document, schema, options, llm, grounder)
        return run_sync(job.run())


def run_sync(coro):  # type: ignore[no-untyped-def]
    """Run a coroutine to completion from sync code, also when the caller already runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()
