"""FastAPI dependencies: the runtime, a unit of work, and the authenticated caller."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header, Query, Request
from sqlalchemy.orm import Session

from assay.runtime import Runtime
from assay.services import accounts
from assay.services.accounts import Principal


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


def get_session(request: Request, runtime: Annotated[Runtime, Depends(get_runtime)]) -> Iterator[Session]:
    """The request's unit of work; GET and HEAD requests only read, so they never wait for writers."""
    with runtime.db.session(read_only=request.method in ("GET", "HEAD")) as session:
        yield session


def authenticate(request: Request, runtime: Annotated[Runtime, Depends(get_runtime)]) -> Principal:
    """The caller, from `Authorization: Bearer <key>`."""
    header = request.headers.get("authorization", "")
    scheme, _, key = header.partition(" ")
    with runtime.db.session(read_only=True) as session:
        if runtime.settings.auth_disabled:
            return accounts.anonymous(session)
        return accounts.authenticate(session, key.strip() if scheme.lower() == "bearer" else None)


def get_principal(
    principal: Annotated[Principal, Depends(authenticate)],
    project_id: Annotated[str | None, Query(description="Must be the API key's project.")] = None,
    organization_id: Annotated[str | None, Query(description="Must be the API key's organization.")] = None,
) -> Principal:
    """The caller, checked against the project_id/organization_id the SDK sends on every call."""
    accounts.check_scope(principal, project_id, organization_id)
    return principal


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
# scope="function": the unit of work commits before the response is sent, so a client that reads
# right after a write (create, then get) always sees it.
# At most 16 requests hold a unit of work at once, and the rest wait without holding a thread: on
# SQLite a writer that holds the lock always finds a free thread to commit with (no pool deadlock).
SessionDep = Annotated[Session, Depends(get_session, scope="function", max_concurrency=16)]
PrincipalDep = Annotated[Principal, Depends(get_principal)]
AuthDep = Annotated[Principal, Depends(authenticate)]
IdempotencyKeyHeader = Annotated[str | None, Header(alias="Idempotency-Key", description=(
    "Repeat a create safely: the same key and body within 24 h return the same job."))]


def public_base_url(request: Request, runtime: Runtime) -> str:
    """The absolute base for links, including any root_path the server is mounted under."""
    if runtime.settings.public_base_url:
        return runtime.settings.public_base_url.rstrip("/")
    return str(request.base_url).rstrip("/")


def split_values(values: list[str] | None) -> set[str]:
    """Query arrays: repeated keys (the SDK's form) and comma lists are both accepted."""
    return {part.strip() for value in values or [] for part in value.split(",") if part.strip()}
