"""SQLAlchemy records. Every table belongs to a project except organizations and server secrets.

The `jobs` table is also the queue: extract and parse jobs share it (column `kind`), so one worker
loop, one lease protocol and one status machine serve both.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, BigInteger, DateTime, ForeignKey, Index, Integer, String, Text, TypeDecorator, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4()}"


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite keeps no zone of its own)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


class Base(DeclarativeBase):
    type_annotation_map: ClassVar = {datetime: UTCDateTime(), dict[str, Any]: JSON, list[Any]: JSON}


class ServerSecret(Base):
    """Secrets the server makes once and every process shares (e.g. the download-link signing key)."""

    __tablename__ = "server_secrets"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(256))


class Organization(Base):
    __tablename__ = "organizations"
    id: Mapped[str] = mapped_column(String(64), primary_key=True, default=lambda: new_id("org"))
    name: Mapped[str] = mapped_column(String(256))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Project(Base):
    __tablename__ = "projects"
    id: Mapped[str] = mapped_column(String(64), primary_key=True, default=lambda: new_id("prj"))
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"), index=True)
    name: Mapped[str] = mapped_column(String(256))
    is_default: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ApiKey(Base):
    __tablename__ = "api_keys"
    id: Mapped[str] = mapped_column(String(64), primary_key=True, default=lambda: new_id("key"))
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"), index=True)
    name: Mapped[str] = mapped_column(String(256), default="")
    hint: Mapped[str] = mapped_column(String(16))  # the key's last characters, to tell keys apart
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex of the whole key
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)


def name_key(name: str) -> str:
    """What indexes hold instead of a name: names run to 3,000 characters, and a B-tree entry on
    PostgreSQL must fit in a third of a page (~2,700 bytes), so a long name could not be stored."""
    return hashlib.sha256(name.encode()).hexdigest()


class File(Base):
    __tablename__ = "files"
    id: Mapped[str] = mapped_column(String(64), primary_key=True, default=lambda: new_id("dfl"))
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"))
    name: Mapped[str] = mapped_column(String(3000))
    name_key: Mapped[str] = mapped_column(String(64))  # name_key(name): what the name index holds
    file_type: Mapped[str | None] = mapped_column(String(32))
    mime_type: Mapped[str] = mapped_column(String(128))
    purpose: Mapped[str] = mapped_column(String(32))
    external_file_id: Mapped[str | None] = mapped_column(String(3000), default=None)
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    page_count: Mapped[int | None] = mapped_column(default=None)
    blob_key: Mapped[str] = mapped_column(String(256))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_modified_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(default=None)

    __table_args__ = (
        Index("ix_files_project_created", "project_id", "created_at", "id"),
        Index("ix_files_project_name_key", "project_id", "name_key"),
    )


_WAITING = "status IN ('PENDING', 'THROTTLED')"


class Job(Base):
    """An extract job (`ext-`) or a parse job (`pjb-`), and its place in the queue."""

    __tablename__ = "jobs"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # "extract" | "parse"
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"))
    status: Mapped[str] = mapped_column(String(16))
    file_input: Mapped[str] = mapped_column(String(200))
    document_input_type: Mapped[str] = mapped_column(String(16))  # "file_id" | "parse_job_id"
    file_id: Mapped[str | None] = mapped_column(String(64))  # the file the document comes from
    configuration: Mapped[dict[str, Any]] = mapped_column(JSON)  # effective configuration / parse parameters
    configuration_id: Mapped[str | None] = mapped_column(String(64), default=None)
    configuration_version: Mapped[str | None] = mapped_column(String(64), default=None)  # the one it ran with
    name: Mapped[str | None] = mapped_column(String(3000), default=None)
    user_metadata: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    webhooks: Mapped[list[Any]] = mapped_column(JSON, default=list)  # resolved endpoints, secrets included
    error_message: Mapped[str | None] = mapped_column(Text, default=None)
    # extract_result, or the parse output's blob key
    result: Mapped[Any] = mapped_column(JSON, nullable=True, default=None)
    extract_metadata: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    usage: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(default=None)
    finished_at: Mapped[datetime | None] = mapped_column(default=None)
    # the queue
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_owner: Mapped[str | None] = mapped_column(String(128), default=None)
    lease_expires_at: Mapped[datetime | None] = mapped_column(default=None)
    lease_version: Mapped[int] = mapped_column(Integer, default=0)  # fencing token, bumped on every claim
    cancel_requested: Mapped[bool] = mapped_column(default=False)

    # Lists read newest first on (created_at, id) under every filter they offer, and count their
    # matches, without touching the table: each filter has an index that ends in the sort key, and a
    # trailing status makes a status filter on top of it an index-only test (bench/api_bench.py).
    # The queue: expired leases are found through ix_jobs_queue (status = RUNNING, oldest first).
    # Waiting jobs, oldest first, are read from ix_jobs_waiting on PostgreSQL: a partial index that
    # holds only them, already in order, however long the backlog. SQLite cannot match
    # `status IN (?, ?)` to a partial index's predicate, so it reads both statuses from
    # ix_jobs_queue and sorts them.
    __table_args__ = (
        Index("ix_jobs_list", "project_id", "kind", "created_at", "id"),
        Index("ix_jobs_status_list", "project_id", "kind", "status", "created_at", "id"),
        Index("ix_jobs_file_input", "project_id", "kind", "file_input", "created_at", "id", "status"),
        Index("ix_jobs_configuration", "project_id", "kind", "configuration_id", "created_at", "id", "status"),
        Index("ix_jobs_queue", "status", "created_at"),
        Index("ix_jobs_waiting", "created_at", sqlite_where=text(_WAITING), postgresql_where=text(_WAITING)),
    )


class WebhookConfig(Base):
    __tablename__ = "webhook_configs"
    id: Mapped[str] = mapped_column(String(64), primary_key=True, default=lambda: new_id("whc"))
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"), index=True)
    webhook_url: Mapped[str] = mapped_column(String(2048))
    webhook_events: Mapped[list[Any] | None] = mapped_column(JSON, default=None)
    webhook_headers: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    webhook_output_format: Mapped[str] = mapped_column(String(16), default="string")
    signing_secret: Mapped[str | None] = mapped_column(String(512), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class WebhookDelivery(Base):
    """The outbox: one row per (job, event, endpoint), written in the transaction that changed the job."""

    __tablename__ = "webhook_deliveries"
    id: Mapped[str] = mapped_column(String(64), primary_key=True, default=lambda: new_id("evt"))
    project_id: Mapped[str] = mapped_column(String(64))
    job_id: Mapped[str] = mapped_column(String(64), index=True)
    webhook_config_id: Mapped[str | None] = mapped_column(String(64), default=None, index=True)  # None: inline
    event_type: Mapped[str] = mapped_column(String(64))
    url: Mapped[str] = mapped_column(String(2048))
    headers: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    signing_secret: Mapped[str | None] = mapped_column(String(512), default=None)
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending | delivered | failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    last_response_status: Mapped[int | None] = mapped_column(Integer, default=None)  # None: no HTTP response
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(default=None)

    __table_args__ = (Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),)


class Configuration(Base):
    """A saved configuration; every change writes a ConfigurationVersion so jobs can cite what they ran."""

    __tablename__ = "configurations"
    id: Mapped[str] = mapped_column(String(64), primary_key=True, default=lambda: new_id("cfg"))
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"))
    name: Mapped[str] = mapped_column(String(3000))
    name_key: Mapped[str] = mapped_column(String(64))  # name_key(name): one configuration per name
    product_type: Mapped[str] = mapped_column(String(32))
    parameters: Mapped[dict[str, Any]] = mapped_column(JSON)
    version: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        Index("ux_configurations_project_name_key", "project_id", "product_type", "name_key", unique=True),
    )


class ConfigurationVersion(Base):
    __tablename__ = "configuration_versions"
    configuration_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(3000))
    parameters: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ParseCache(Base):
    """Parsed documents by (file sha256, parse settings), so extracting twice does not parse twice."""

    __tablename__ = "parse_cache"
    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    blob_key: Mapped[str] = mapped_column(String(256))
    page_count: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class IdempotencyKey(Base):
    """An `Idempotency-Key` a job was created with: the same key and body in the same project within
    ASSAY_IDEMPOTENCY_HOURS return that job again instead of creating another."""

    __tablename__ = "idempotency_keys"
    project_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))  # sha256 of the route and the canonical JSON body
    job_id: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


# JSONB on PostgreSQL: its GIN index answers equality filters (`@>`) on any data field
DocumentJSON = JSON().with_variant(JSONB(), "postgresql")


class AgentData(Base):
    """An item of the SDK's agent-data store (`client.beta.agent_data`): JSON `data` in a project's
    (deployment_name, collection). Review items are items whose data is an `ExtractedData`."""

    __tablename__ = "agent_data"
    id: Mapped[str] = mapped_column(String(64), primary_key=True, default=lambda: new_id("agd"))
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"))
    deployment_name: Mapped[str] = mapped_column(String(256))
    collection: Mapped[str] = mapped_column(String(256))
    data: Mapped[dict[str, Any]] = mapped_column(DocumentJSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    # Pages read a scope in created_at order from the first index; the GIN index (PostgreSQL only:
    # SQLite has no inverted index) finds the items whose data contains a filter's values.
    __table_args__ = (
        Index("ix_agent_data_scope", "project_id", "deployment_name", "collection", "created_at", "id"),
        Index("ix_agent_data_data", "data", postgresql_using="gin", postgresql_ops={"data": "jsonb_path_ops"})
        .ddl_if(dialect="postgresql"),
    )


POSTGRES_ONLY_INDEXES = {"ix_agent_data_data"}


def schema_objects_of(dialect: str) -> Any:
    """Alembic's `include_object` for a database of this dialect: indexes made only on PostgreSQL are
    not expected elsewhere."""

    def include(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
        return not (type_ == "index" and name in POSTGRES_ONLY_INDEXES and dialect != "postgresql")

    return include


class ReviewRevision(Base):
    """One change a reviewer made to an agent-data item: who (API key), when, what before and after.
    A correction made by selecting printed words keeps those words (page, text, box) and its field:
    what layout memory learns from."""

    __tablename__ = "review_revisions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True, default=lambda: new_id("rev"))
    project_id: Mapped[str] = mapped_column(String(64))
    item_id: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(Integer)  # 1, 2, ... per item
    key_id: Mapped[str | None] = mapped_column(String(64))  # the API key that made it; None: auth disabled
    action: Mapped[str] = mapped_column(String(16))  # confirm | correct | clear | accept | reject | undo
    path: Mapped[str | None] = mapped_column(String(1000), default=None)  # the field; None for accept/reject
    before: Mapped[dict[str, Any]] = mapped_column(JSON)
    after: Mapped[dict[str, Any]] = mapped_column(JSON)
    reason: Mapped[str | None] = mapped_column(Text, default=None)
    file_id: Mapped[str | None] = mapped_column(String(64), default=None)
    # [{page, text, box: [x, y, w, h]}]; SQL NULL (not JSON null) when none, so corrections can be found
    words: Mapped[list[Any] | None] = mapped_column(JSON(none_as_null=True), default=None)
    undoes: Mapped[str | None] = mapped_column(String(64), default=None)  # an undo: the revision it reverts
    undone: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        Index("ux_review_revisions_item_seq", "item_id", "seq", unique=True),
        Index("ix_review_revisions_corrections", "project_id", "action", "created_at"),
    )


class ReviewRule(Base):
    """Routes a saved extract configuration's finished jobs to review: an item `pending_review` when any
    value is under `confidence_below`, a required field is empty, or a value has no grounding."""

    __tablename__ = "review_rules"
    configuration_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    project_id: Mapped[str] = mapped_column(String(64))
    deployment_name: Mapped[str] = mapped_column(String(256))
    collection: Mapped[str] = mapped_column(String(256))
    confidence_below: Mapped[float | None] = mapped_column(default=None)
    required_empty: Mapped[bool] = mapped_column(default=True)
    ungrounded: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
class Layout(Base):
    """A remembered layout (`assay.pipeline.recall`): one per (project, schema, layout), learnt from reviewed
    documents. `tokens`/`signature` are its fingerprint; `places` where each field is printed on it."""

    __tablename__ = "layouts"
    id: Mapped[str] = mapped_column(String(64), primary_key=True, default=lambda: new_id("lay"))
    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id"))
    schema_key: Mapped[str] = mapped_column(String(64))  # recall.schema_key: the schema's fields and types
    name: Mapped[str] = mapped_column(String(256))  # its first fixed words (the letterhead), to tell layouts apart
    data_schema: Mapped[dict[str, Any]] = mapped_column(JSON)
    tokens: Mapped[list[Any]] = mapped_column(JSON)
    signature: Mapped[list[Any]] = mapped_column(JSON)
    fixed_words: Mapped[list[Any]] = mapped_column(JSON)  # recall.Memory.fixed
    places: Mapped[dict[str, Any]] = mapped_column(JSON)
    sums: Mapped[list[Any]] = mapped_column(JSON)
    conventions: Mapped[dict[str, Any]] = mapped_column(JSON)  # recall.Memory.conventions
    examples: Mapped[list[Any]] = mapped_column(JSON)  # the reviewed jobs it learnt from, oldest first
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_layouts_project_created", "project_id", "created_at", "id"),)


class LayoutBand(Base):
    """The fingerprint index: one row per band of a layout's MinHash signature (`pipeline.fingerprint`)."""

    __tablename__ = "layout_bands"
    layout_id: Mapped[str] = mapped_column(ForeignKey("layouts.id", ondelete="CASCADE"), primary_key=True)
    band: Mapped[str] = mapped_column(String(24), primary_key=True)
    project_id: Mapped[str] = mapped_column(String(64))
    schema_key: Mapped[str] = mapped_column(String(64))

    __table_args__ = (Index("ix_layout_bands_lookup", "project_id", "schema_key", "band", "layout_id"),)
