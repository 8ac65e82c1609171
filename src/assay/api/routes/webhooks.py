"""Saved webhook configurations (`/api/v1/beta/webhook-configs`, `/api/v2/webhook-configs`) and the
deliveries made (`/api/v2/webhook-deliveries`, Assay's own: the vendor documents none)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from assay.api.deps import PrincipalDep, RuntimeDep, SessionDep
from assay.api.schemas.common import Page
from assay.api.schemas.webhooks import WebhookConfig, WebhookConfigCreate, WebhookConfigUpdate, WebhookDelivery
from assay.services import pages, webhook_configs

router = APIRouter(tags=["webhooks"])
V1 = "/api/v1/beta/webhook-configs"


def _out(record) -> WebhookConfig:  # type: ignore[no-untyped-def]
    return WebhookConfig.model_validate(webhook_configs.to_wire(record))


@router.post(V1, status_code=201)
def create_config(runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep,
                  body: WebhookConfigCreate) -> WebhookConfig:
    return _out(webhook_configs.create(session, principal, body.model_dump(exclude_unset=True),
                                       allow_private=runtime.settings.webhook_allow_private))


@router.get(V1)
def list_configs_v1(session: SessionDep, principal: PrincipalDep) -> list[WebhookConfig]:
    """Deprecated: a bare array, newest first."""
    rows, _ = webhook_configs.list_configs(session, principal)
    return [_out(r) for r in rows]


@router.get("/api/v2/webhook-configs")
def list_configs(runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep, include_total: bool = False,
                 page_size: int | None = None, page_token: str | None = None) -> Page[WebhookConfig]:
    size = pages.clamp_page_size(page_size, runtime.settings.page_size_default, runtime.settings.page_size_max)
    rows, token = webhook_configs.list_configs(session, principal, page_size=size, page_token=page_token)
    total = len(webhook_configs.list_configs(session, principal)[0]) if include_total else None
    return Page[WebhookConfig](items=[_out(r) for r in rows], next_page_token=token, total_size=total)


@router.get(V1 + "/{config_id}")
def get_config(config_id: str, session: SessionDep, principal: PrincipalDep) -> WebhookConfig:
    return _out(webhook_configs.get(session, principal, config_id))


@router.put(V1 + "/{config_id}")
def update_config(config_id: str, runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep,
                  body: WebhookConfigUpdate) -> WebhookConfig:
    return _out(webhook_configs.update(session, principal, config_id, body.model_dump(exclude_unset=True),
                                       allow_private=runtime.settings.webhook_allow_private))


@router.delete(V1 + "/{config_id}", status_code=204)
def delete_config(config_id: str, session: SessionDep, principal: PrincipalDep) -> Response:
    webhook_configs.delete(session, principal, config_id)
    return Response(status_code=204)


@router.get("/api/v2/webhook-deliveries")
def list_deliveries(runtime: RuntimeDep, session: SessionDep, principal: PrincipalDep, job_id: str | None = None,
                    webhook_config_id: str | None = None, page_size: int | None = None,
                    page_token: str | None = None) -> Page[WebhookDelivery]:
    """Each webhook event of a job (`job_id`) or a saved configuration (`webhook_config_id`), newest first,
    with its outcome: attempts, last HTTP status, last error."""
    size = pages.clamp_page_size(page_size, runtime.settings.page_size_default, runtime.settings.page_size_max)
    rows, token = webhook_configs.list_deliveries(session, principal, job_id=job_id,
                                                  webhook_config_id=webhook_config_id, page_size=size,
                                                  page_token=page_token)
    items = [WebhookDelivery.model_validate(webhook_configs.delivery_to_wire(r)) for r in rows]
    return Page[WebhookDelivery](items=items, next_page_token=token)
