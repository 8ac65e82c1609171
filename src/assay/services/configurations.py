"""Saved configurations (`cfg-…`): create (an upsert by name + product type), read, list, update, delete.

Every change writes a ConfigurationVersion row whose `version` is the configuration's new
`updated_at` as an ISO string, as the vendor reports it. A job created with `configuration_id`
copies the resolved parameters into its own row (services.jobs), so later edits never change
what a finished job says it ran with.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from assay.errors import ConflictError, InvalidFieldError, InvalidRequestError, NotFoundError, SchemaError
from assay.services import pages
from assay.services.accounts import Principal
from assay.storage import tables
from assay.storage.tables import utcnow

PRODUCT_TYPES = ("classify_v2", "extract_v2", "parse_v2", "split_v1", "spreadsheet_v1", "unknown")


@dataclass(frozen=True, slots=True)
class ConfigurationView:
    """One configuration at one version, as the API returns it."""

    id: str
    name: str
    product_type: str
    version: str
    parameters: dict[str, Any]
    created_at: datetime
    updated_at: datetime


@dataclass(slots=True)
class ConfigurationPage:
    items: list[ConfigurationView]
    next_page_token: str | None
    total_size: int


def validate_parameters(parameters: Any, product_type: str | None = None) -> dict[str, Any]:
    """The parameters to store: `product_type` present (and equal to `product_type` when given),
    extract_v2, classify_v2 and split_v1 checked exactly as an inline job configuration is. Nulls are dropped."""
    from assay.services.jobs import effective_configuration

    if not isinstance(parameters, dict):
        raise InvalidFieldError("parameters must be a JSON object.")
    params = {k: v for k, v in parameters.items() if v is not None}
    kind = params.get("product_type")
    if kind is None:
        raise InvalidFieldError(f"parameters.product_type is required; one of {', '.join(PRODUCT_TYPES)}.")
    if kind not in PRODUCT_TYPES:
        raise InvalidFieldError(
            f"parameters.product_type must be one of {', '.join(PRODUCT_TYPES)}; got {kind!r}."
        )
    if product_type is not None and kind != product_type:
        raise InvalidRequestError(
            f"This configuration is {product_type}; its product_type cannot change to {kind}."
        )
    if kind == "extract_v2":
        if "data_schema" not in params:
            raise SchemaError(["parameters.data_schema is required for extract_v2"])
        effective_configuration({k: v for k, v in params.items() if k != "product_type"})
    elif kind == "classify_v2":
        from assay.services import classify_jobs

        classify_jobs.effective_configuration(params)
    elif kind == "split_v1":
        from assay.services import split_jobs

        split_jobs.effective_configuration(params)
    elif kind == "parse_v2":
        missing = [k for k in ("tier", "version") if k not in params]
        if missing:
            raise InvalidFieldError(f"parse_v2 parameters need {' and '.join(missing)}.")
    return params


def create(session: Session, principal: Principal, *, name: str, parameters: Any) -> tables.Configuration:
    """Create, or update the one with the same name and product type in this project (a new version)."""
    name = _check_name(name)
    params = validate_parameters(parameters)
    check_references(session, principal, params)
    existing = _named(session, principal.project_id, params["product_type"], name)
    if existing is not None:
        return _new_version(session, existing, name=name, parameters=params)
    now = utcnow()
    record = tables.Configuration(
        id=tables.new_id("cfg"),
        project_id=principal.project_id,
        name=name,
        name_key=tables.name_key(name),
        product_type=params["product_type"],
        parameters=params,
        version=now.isoformat(),
        created_at=now,
        updated_at=now,
    )
    try:
        with session.begin_nested():
            session.add(record)
            _record_version(session, record)
    except IntegrityError:  # created under the same name by a concurrent request: update that one
        existing = _named(session, principal.project_id, params["product_type"], name)
        if existing is None:
            raise
        return _new_version(session, existing, name=name, parameters=params)
    return record


def _named(session: Session, project_id: str, product_type: str, name: str) -> tables.Configuration | None:
    C = tables.Configuration
    return session.scalars(select(C).where(C.project_id == project_id, C.product_type == product_type,
                                           C.name_key == tables.name_key(name))).first()


def get(session: Session, principal: Principal, config_id: str) -> tables.Configuration:
    record = session.get(tables.Configuration, config_id)
    if record is None or record.project_id != principal.project_id:
        raise NotFoundError(f"Configuration {config_id} not found.")
    return record


def saved(session: Session, principal: Principal, config_id: str, product_type: str) -> tables.Configuration:
    """The saved configuration a job or another configuration names: this project's, of `product_type`."""
    record = session.get(tables.Configuration, config_id)
    if record is None or record.project_id != principal.project_id or record.product_type != product_type:
        raise NotFoundError(f"No {product_type} configuration {config_id} in this project.")
    return record


def check_references(session: Session, principal: Principal, parameters: dict[str, Any]) -> None:
    """Every saved object extract parameters name exists now (`parse_config_id`), so a job that names a
    missing one is refused when it is created instead of running without it."""
    if parameters.get("parse_config_id") is not None:
        saved(session, principal, str(parameters["parse_config_id"]), "parse_v2")


def update(
    session: Session, principal: Principal, config_id: str, *, name: str | None = None, parameters: Any = None
) -> tables.Configuration:
    """Change the name and/or parameters (omitted ones stay); always a new version."""
    record = get(session, principal, config_id)
    new_name = _check_name(name) if name is not None else record.name
    params = record.parameters
    if parameters is not None:
        params = validate_parameters(parameters, record.product_type)
        check_references(session, principal, params)
    return _new_version(session, record, name=new_name, parameters=params)


def delete_configuration(session: Session, principal: Principal, config_id: str) -> None:
    """Delete it and its versions. Jobs that used it keep their own copy of the parameters."""
    record = get(session, principal, config_id)
    V = tables.ConfigurationVersion
    session.execute(delete(V).where(V.configuration_id == record.id))
    session.delete(record)
    session.flush()


def versions(session: Session, principal: Principal, config_id: str) -> list[ConfigurationView]:
    """Every version of one configuration, newest first."""
    record = get(session, principal, config_id)
    V = tables.ConfigurationVersion
    rows = session.scalars(select(V).where(V.configuration_id == record.id).order_by(V.created_at.desc()))
    return [_view(record, row) for row in rows]


def list_configurations(
    session: Session,
    principal: Principal,
    *,
    product_types: set[str] | None = None,
    name: str | None = None,
    latest_only: bool = False,
    page_size: int,
    page_token: str | None = None,
) -> ConfigurationPage:
    """Versions newest first; `latest_only` keeps each configuration's current version only."""
    C, V = tables.Configuration, tables.ConfigurationVersion
    where: list[Any] = [C.project_id == principal.project_id]
    for kind in product_types or ():
        if kind not in PRODUCT_TYPES:
            raise InvalidFieldError(f"product_type must be one of {', '.join(PRODUCT_TYPES)}; got {kind!r}.")
    if product_types:
        where.append(C.product_type.in_(sorted(product_types)))
    if name is not None:
        where.append(V.name == name)
    if latest_only:
        where.append(V.version == C.version)
    joined = select(C, V).join(V, V.configuration_id == C.id).where(*where)
    total = session.scalar(select(func.count()).select_from(joined.subquery())) or 0
    query = joined.order_by(V.created_at.desc(), V.configuration_id.desc(), V.version.desc())
    if page_token:
        when, last_id, last_version = pages.decode_token(page_token, 3)
        try:
            when = datetime.fromisoformat(when)
        except (TypeError, ValueError) as exc:
            raise InvalidRequestError("Invalid page_token.") from exc
        query = query.where(
            or_(
                V.created_at < when,
                and_(
                    V.created_at == when,
                    or_(
                        V.configuration_id < last_id,
                        and_(V.configuration_id == last_id, V.version < last_version),
                    ),
                ),
            )
        )
    rows = [tuple(row) for row in session.execute(query.limit(page_size + 1))]
    token = None
    if len(rows) > page_size:
        rows = rows[:page_size]
        last = rows[-1][1]
        token = pages.encode_token([last.created_at, last.configuration_id, last.version])
    return ConfigurationPage(items=[_view(c, v) for c, v in rows], next_page_token=token, total_size=total)


def current(record: tables.Configuration) -> ConfigurationView:
    return ConfigurationView(
        id=record.id,
        name=record.name,
        product_type=record.product_type,
        version=record.version,
        parameters=_with_type(record.parameters, record.product_type),
        created_at=record.created_at,
        updated_at=record.updated_at,
    )


def _view(record: tables.Configuration, version: tables.ConfigurationVersion) -> ConfigurationView:
    return ConfigurationView(
        id=record.id,
        name=version.name,
        product_type=record.product_type,
        version=version.version,
        parameters=_with_type(version.parameters, record.product_type),
        created_at=record.created_at,
        updated_at=version.created_at,
    )


def _with_type(parameters: dict[str, Any], product_type: str) -> dict[str, Any]:
    """`parameters.product_type` is the SDK's union discriminator: always present, always equal."""
    return {**parameters, "product_type": product_type}


def _new_version(
    session: Session, record: tables.Configuration, *, name: str, parameters: dict[str, Any]
) -> tables.Configuration:
    now = utcnow()
    if now <= record.updated_at:  # two changes within one clock tick still get distinct versions
        now = record.updated_at + timedelta(microseconds=1)
    renaming = name != record.name
    if renaming:
        record.name, record.name_key = name, tables.name_key(name)
    record.parameters = parameters
    record.updated_at = now
    record.version = now.isoformat()
    _record_version(session, record)
    try:
        session.flush()
    except IntegrityError as exc:
        if renaming:  # the unique name index: taken already, or by a concurrent request meanwhile
            raise ConflictError(f"Another configuration of this product type is named {name!r}.") from exc
        raise
    return record


def _record_version(session: Session, record: tables.Configuration) -> None:
    session.add(
        tables.ConfigurationVersion(
            configuration_id=record.id,
            version=record.version,
            name=record.name,
            parameters=record.parameters,
            created_at=record.updated_at,
        )
    )


def _check_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise InvalidFieldError("name must not be empty.")
    if len(name) > 3000:
        raise InvalidFieldError("name is longer than 3000 characters.")
    return name


EXAMPLE_PAGES = 10  # schema generation reads the first pages of an example file


def generate(
    session: Session,
    blobs: Any,
    principal: Principal,
    *,
    prompt: str | None = None,
    file_id: str | None = None,
    data_schema: dict[str, Any] | None = None,
    name: str | None = None,
) -> dict[str, Any]:
    """A ConfigurationCreate `{name, parameters}` proposing a data_schema; nothing is saved."""
    from assay.pipeline.propose_schema import propose_schema, suggest_name

    if not (prompt or "").strip() and file_id is None and data_schema is None:
        raise InvalidRequestError("Give at least one of prompt, file_id or data_schema.")
    document = None
    if file_id is not None:
        from assay.parsers import parse_document
        from assay.services import files

        record = files.get(session, principal, file_id)
        document = parse_document(blobs.read(record.blob_key), filename=record.name, max_pages=EXAMPLE_PAGES)
    schema = propose_schema(document=document, prompt=prompt, data_schema=data_schema)
    return {
        "name": (name or "").strip() or suggest_name(schema, prompt),
        "parameters": {"product_type": "extract_v2", "data_schema": schema},
    }
