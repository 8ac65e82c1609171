"""The only place where Assay's errors become HTTP statuses. Body: `{"detail": ..., "code": ...}`."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from assay import errors

log = logging.getLogger(__name__)

STATUS: list[tuple[type[errors.AssayError], int]] = [
    (errors.SchemaError, 422),
    (errors.InvalidFieldError, 422),
    (errors.NotFoundError, 404),
    (errors.AuthError, 401),
    (errors.InvalidRequestError, 400),
    (errors.ConflictError, 409),
    (errors.PayloadTooLargeError, 413),
    (errors.RateLimitedError, 429),
    (errors.UnsupportedFormatError, 415),
    (errors.DocumentError, 422),
    (errors.EngineError, 502),
]


def status_of(exc: errors.AssayError) -> int:
    for cls, status in STATUS:
        if isinstance(exc, cls):
            return status
    return 500


async def assay_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, errors.AssayError)
    status = status_of(exc)
    headers: dict[str, str] = {}
    if status == 409:
        headers["x-should-retry"] = "false"  # a permanent conflict: the SDK would retry it 5 times otherwise
    if isinstance(exc, errors.RateLimitedError):
        headers["Retry-After"] = str(max(1, round(exc.retry_after)))
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    detail: object = exc.message
    if isinstance(exc, errors.SchemaError):
        detail = [{"loc": ["body", "data_schema"], "msg": p, "type": exc.code} for p in exc.problems]
    return JSONResponse({"detail": detail, "code": exc.code}, status_code=status, headers=headers)


async def invalid_body(_request: Request, exc: Exception) -> JSONResponse:
    """A body, query or path the wire models refuse (`data_schema: ""`): pydantic's list of problems, with a code."""
    assert isinstance(exc, RequestValidationError)
    problems = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()]
    return JSONResponse({"detail": jsonable_encoder(problems), "code": errors.InvalidFieldError.code},
                        status_code=422)


# Starlette's own errors (an unknown path, a method the path does not take) by status
HTTP_CODES = {404: errors.NotFoundError.code, 405: "method_not_allowed", 401: errors.AuthError.code}


async def http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    return JSONResponse({"detail": exc.detail, "code": HTTP_CODES.get(exc.status_code, "http_error")},
                        status_code=exc.status_code, headers=exc.headers)


async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse({"detail": "Internal server error.", "code": "internal"}, status_code=500)


def install(app: FastAPI) -> None:
    app.add_exception_handler(errors.AssayError, assay_error)
    app.add_exception_handler(RequestValidationError, invalid_body)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(Exception, unexpected_error)
