"""Keyset pagination with opaque tokens: stable while rows are being inserted, no OFFSET scans."""

from __future__ import annotations

import base64
import json
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, or_
from sqlalchemy.orm import InstrumentedAttribute

from assay.errors import InvalidRequestError
from assay.storage.tables import UTCDateTime


def encode_token(values: list[Any]) -> str:
    raw = json.dumps([v.isoformat() if isinstance(v, datetime) else v for v in values])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_token(token: str, n: int) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        values = json.loads(raw)
        if not isinstance(values, list) or len(values) != n:
            raise ValueError
        return values
    except ValueError as exc:
        raise InvalidRequestError("Invalid page_token.") from exc


def clamp_page_size(page_size: int | None, default: int, maximum: int) -> int:
    if page_size is None:
        return default
    if page_size < 1:
        raise InvalidRequestError("page_size must be at least 1.")
    return min(page_size, maximum)


def after_desc(query: Select[Any], created: InstrumentedAttribute[Any], ident: InstrumentedAttribute[Any],
               token: str | None) -> Select[Any]:
    """Newest first on (created_at, id); a token resumes strictly after the last row it names."""
    query = query.order_by(created.desc(), ident.desc())
    if token:
        when, last_id = decode_token(token, 2)
        when = _parse_time(when)
        query = query.where(or_(created < when, and_(created == when, ident < last_id)))
    return query


def after_asc(query: Select[Any], key: InstrumentedAttribute[Any], ident: InstrumentedAttribute[Any],
              token: str | None) -> Select[Any]:
    query = query.order_by(key.asc(), ident.asc())
    if token:
        value, last_id = decode_token(token, 2)
        if isinstance(key.type, UTCDateTime):
            value = _parse_time(value)
        query = query.where(or_(key > value, and_(key == value, ident > last_id)))
    return query


def _parse_time(value: Any) -> datetime:
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise InvalidRequestError("Invalid page_token.") from exc
