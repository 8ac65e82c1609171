"""A scratch database for a bench: a SQLite file in a temporary folder, or a new PostgreSQL database
next to `pg_url`'s, dropped afterwards (unless `keep`)."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def scratch_database(backend: str, pg_url: str, prefix: str = "assay_bench", keep: bool = False) -> Iterator[str]:
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite:///{Path(tmp) / 'bench.db'}"
        return
    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{pg_url.rpartition('/')[0]}/{name}"
    finally:
        if keep:
            print(f"  (kept database {name})")
        else:
            with psycopg.connect(pg_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
