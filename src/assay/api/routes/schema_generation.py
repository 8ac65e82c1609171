"""Schema generation (`POST /api/v2/extract/schema/generate`): a proposed configuration, not saved."""

from __future__ import annotations

from fastapi import APIRouter

from assay.api.deps import PrincipalDep, RuntimeDep, SessionDep
from assay.api.schemas.configurations import ConfigurationCreate, SchemaGenerate
from assay.services import configurations

router = APIRouter(prefix="/api/v2/extract", tags=["extract"])


@router.post("/schema/generate")
def generate_schema(
    runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep, body: SchemaGenerate
) -> ConfigurationCreate:
    """Propose a data_schema from an example file's labels and tables, from a prompt, or by refining a
    given schema (any combination; at least one)."""
    return ConfigurationCreate.model_validate(
        configurations.generate(
            session,
            runtime.blobs,
            principal,
            prompt=body.prompt,
            file_id=body.file_id,
            data_schema=body.data_schema,
            name=body.name,
        )
    )
