"""The FastAPI application: `create_app(settings)` opens the runtime in its lifespan."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from assay import __version__
from assay.api import errors
from assay.api.routes import configurations, schema_generation
from assay.api.routes import extract, files, health, pages, parse, projects, web, webhooks
from assay.api.runtime import Runtime
from assay.config import Settings

log = logging.getLogger("assay")


def create_app(settings: Settings | None = None, *, workers: int | None = None) -> FastAPI:
    """`workers` in-process job workers run beside the API (default: settings.workers; 0 = API only)."""
    settings = settings or Settings()
    n_workers = settings.workers if workers is None else workers

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = Runtime.open(settings)
        key = runtime.bootstrap()
        if key:
            log.warning("Created the default project. Its API key (shown once): %s", key)
            app.state.bootstrap_key = key
        app.state.runtime = runtime
        pool = None
        if n_workers > 0:
            from assay.jobqueue.pool import WorkerPool

            pool = WorkerPool(runtime, n_workers)
            pool.start()
        try:
            yield
        finally:
            if pool is not None:
                pool.stop()
            runtime.close()

    app = FastAPI(title="Assay", version=__version__, lifespan=lifespan,
                  description="Self-hosted document extraction with citations; LlamaCloud Extract v2 compatible.")
    errors.install(app)
    for module in (health, projects, files, pages, configurations, schema_generation, extract, parse, webhooks, web):
        app.include_router(module.router)
    return app
