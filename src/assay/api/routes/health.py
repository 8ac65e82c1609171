from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from assay.api.deps import RuntimeDep

router = APIRouter(tags=["health"])


@router.get("/health")
def health() -> dict[str, str]:
    """Liveness: the process answers."""
    return {"status": "ok"}


@router.get("/ready")
def ready(runtime: RuntimeDep) -> JSONResponse:
    """Readiness: the database and the blob store are reachable."""
    problems = {}
    try:
        with runtime.db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:
        problems["database"] = type(exc).__name__
    try:
        runtime.blobs.check()
    except Exception as exc:
        problems["storage"] = type(exc).__name__
    if problems:
        return JSONResponse({"status": "unavailable", "problems": problems}, status_code=503)
    return JSONResponse({"status": "ready"})
