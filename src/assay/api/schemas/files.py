from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from assay.api.schemas.common import PresignedURL, Wire


class File(Wire):
    id: str
    name: str
    project_id: str
    file_type: str | None = None
    purpose: str | None = None
    external_file_id: str | None = None
    last_modified_at: datetime | None = None
    expires_at: datetime | None = None
    download_url: PresignedURL | None = None
    # Assay's additions (the SDK keeps unknown fields)
    created_at: datetime | None = None
    file_size: int | None = None
    mime_type: str | None = None
    sha256: str | None = None
    page_count: int | None = None


class FileQueryFilter(BaseModel):
    data_source_id: str | None = None
    external_file_id: str | None = None
    file_ids: list[str] | None = None
    file_name: str | None = None
    only_manually_uploaded: bool | None = None
    project_id: str | None = None


class FileQuery(BaseModel):
    filter: FileQueryFilter | None = None
    order_by: str | None = None
    page_size: int | None = None
    page_token: str | None = None
