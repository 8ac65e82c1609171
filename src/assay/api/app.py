"""The FastAPI application: `create_app(settings)` opens the runtime in its lifespan."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.types import ASGIApp, Receive, Scope, Send

from assay import __version__
from assay.api import errors, middleware
from assay.api.routes import (
    agent_data,
    classify,
    configurations,
    extract,
    files,
    health,
    layouts,
    metrics,
    pages,
    parse,
    projects,
    review,
    schema_generation,
    split,
    web,
    webhooks,
)
from assay.config import Settings
from assay.runtime import Runtime
from assay.services import accounts

log = logging.getLogger("assay")


def create_app(settings: Settings | None = None, *, workers: int | None = None) -> FastAPI:
    """`workers` in-process job workers run beside the API (default: settings.workers; 0 = API only)."""
    settings = settings or Settings()
    n_workers = settings.workers if workers is None else workers

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = Runtime.open(settings)
        key = accounts.prepare(runtime.db, first_key=settings.api_key)
        if key:
            log.warning("Created the default project and its first API key (`assay keys create` makes more).")
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
    middleware.install(app, settings)
    if settings.root_path:
        app.add_middleware(PathPrefix, prefix="/" + settings.root_path.strip("/"))
    for module in (health, metrics, projects, files, pages, configurations, schema_generation, extract, parse,
                   classify, split, webhooks, agent_data, review, layouts, web):
        app.include_router(module.router)
    return app


class PathPrefix:
    """Serve the API under a path prefix whether or not a proxy strips it first: `/prefix/x` is routed
    as `/x`, and the links the server makes (download URLs) carry the prefix either way."""

    def __init__(self, app: ASGIApp, prefix: str) -> None:
        self.app, self.prefix = app, prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            path = scope["path"]
            if path == self.prefix or path.startswith(self.prefix + "/"):
                path = path[len(self.prefix):] or "/"
            scope = {**scope, "path": path, "root_path": scope.get("root_path", "") + self.prefix}
        await self.app(scope, receive, send)
