"""Prometheus metrics (`/metrics`): this process's, then the queue's from the shared database."""

from __future__ import annotations

from fastapi import APIRouter, Response
from prometheus_client import CONTENT_TYPE_LATEST

from assay import metrics
from assay.api.deps import RuntimeDep
from assay.errors import NotFoundError

router = APIRouter(tags=["health"])


@router.get("/metrics", include_in_schema=False)
def prometheus(runtime: RuntimeDep) -> Response:
    if not runtime.settings.metrics:
        raise NotFoundError("Metrics are turned off (ASSAY_METRICS=false).")
    return Response(metrics.exposition(runtime.db), media_type=CONTENT_TYPE_LATEST)
