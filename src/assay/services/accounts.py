"""Organizations, projects and API keys; who a request is."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from assay.errors import AuthError, NotFoundError
from assay.storage import tables
from assay.storage.db import Database
from assay.storage.tables import utcnow

KEY_PREFIX = "llx-"  # the vendor's key prefix, so tools that recognise it keep working


@dataclass(frozen=True, slots=True)
class Principal:
    """The caller: every query a request makes is scoped to this project."""

    project_id: str
    organization_id: str
    key_id: str | None


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def bootstrap(session: Session, *, first_key: str | None) -> str | None:
    """On an empty database, create the default organization, project and key.

    Returns the new key in plain text (the only time it exists outside the caller), or None when the
    database was already set up. `first_key` (ASSAY_API_KEY) becomes the key instead of a random one.
    """
    if session.scalar(select(tables.Project.id).limit(1)) is not None:
        return None
    org = tables.Organization(name="Default Organization")
    session.add(org)
    session.flush()
    project = tables.Project(organization_id=org.id, name="Default", is_default=True)
    session.add(project)
    session.flush()
    key, _ = create_key(session, project.id, name="default", key=first_key)
    return key


def prepare(db: Database, *, first_key: str | None) -> str | None:
    """At a process's start: `bootstrap` an empty database, and make the shared secrets, so that
    request handlers that only read never write them. Returns the new key, as `bootstrap` does."""
    with db.session() as session:
        server_secret(session, "download")
        return bootstrap(session, first_key=first_key)


def default_project(session: Session) -> tables.Project:
    project = session.scalar(select(tables.Project).where(tables.Project.is_default.is_(True)).limit(1))
    if project is None:
        raise NotFoundError("No default project: start the server once to create it.")
    return project


def create_project(session: Session, name: str, organization_id: str | None = None) -> tables.Project:
    org_id = organization_id or default_project(session).organization_id
    project = tables.Project(organization_id=org_id, name=name)
    session.add(project)
    session.flush()
    return project


def create_key(
    session: Session, project_id: str, *, name: str = "", key: str | None = None
) -> tuple[str, tables.ApiKey]:
    if session.get(tables.Project, project_id) is None:
        raise NotFoundError(f"Project {project_id} not found.")
    key = key or KEY_PREFIX + secrets.token_urlsafe(32)
    record = tables.ApiKey(project_id=project_id, name=name, hint=key[-4:], key_hash=hash_key(key))
    session.add(record)
    session.flush()
    return key, record


def list_keys(session: Session, project_id: str | None = None) -> list[tables.ApiKey]:
    query = select(tables.ApiKey).order_by(tables.ApiKey.created_at)
    if project_id:
        query = query.where(tables.ApiKey.project_id == project_id)
    return list(session.scalars(query))


def revoke_key(session: Session, key_id: str) -> tables.ApiKey:
    record = session.get(tables.ApiKey, key_id)
    if record is None:
        raise NotFoundError(f"API key {key_id} not found.")
    if record.revoked_at is None:
        record.revoked_at = utcnow()
    return record


def authenticate(session: Session, key: str | None) -> Principal:
    if not key:
        raise AuthError()
    row = session.execute(
        select(tables.ApiKey.id, tables.ApiKey.revoked_at, tables.Project.id, tables.Project.organization_id)
        .join(tables.Project, tables.Project.id == tables.ApiKey.project_id)
        .where(tables.ApiKey.key_hash == hash_key(key))
    ).first()
    if row is None or row[1] is not None:
        raise AuthError("Invalid API key." if row is None else "This API key has been revoked.")
    return Principal(project_id=row[2], organization_id=row[3], key_id=row[0])


def anonymous(session: Session) -> Principal:
    """The principal of auth-disabled mode: the default project."""
    project = default_project(session)
    return Principal(project_id=project.id, organization_id=project.organization_id, key_id=None)


def check_scope(principal: Principal, project_id: str | None, organization_id: str | None) -> None:
    """The SDK sends project_id/organization_id on every call; they must name the caller's own."""
    if project_id and project_id != principal.project_id:
        raise NotFoundError(f"Project {project_id} not found.")
    if organization_id and organization_id != principal.organization_id:
        raise NotFoundError(f"Organization {organization_id} not found.")


def server_secret(session: Session, name: str) -> str:
    """A secret shared by every process of this deployment, made on first use."""
    record = session.get(tables.ServerSecret, name)
    if record is None:
        record = tables.ServerSecret(name=name, value=secrets.token_hex(32))
        session.add(record)
        session.flush()
    return record.value
