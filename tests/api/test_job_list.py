"""Listing jobs through the service: bounded total_size, keyset pages under filters, on both databases."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from assay.services import accounts, jobs
from assay.services.accounts import Principal
from assay.storage import tables
from assay.storage.db import Database

T0 = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture
def seeded(database_url: str) -> Iterator[tuple[Database, Principal]]:
    """12 extract jobs a minute apart (ext-00 oldest), files and statuses alternating, 2 parse jobs."""
    db = Database(database_url)
    db.migrate()
    with db.session() as session:
        accounts.bootstrap(session, first_key=None)
        project = accounts.default_project(session)
        for i in range(14):
            kind = "extract" if i < 12 else "parse"
            session.add(tables.Job(
                id=f"{'ext' if kind == 'extract' else 'pjb'}-{i:02d}", kind=kind, project_id=project.id,
                status="COMPLETED" if i % 3 else "FAILED", file_input=f"dfl-{i % 2}", document_input_type="file_id",
                file_id=f"dfl-{i % 2}", configuration={}, configuration_id="cfg-a" if i < 4 else None,
                created_at=T0 + timedelta(minutes=i)))
        principal = Principal(project.id, project.organization_id, None)
    try:
        yield db, principal
    finally:
        db.dispose()


def walk(db: Database, principal: Principal, flt: jobs.JobFilter, count_limit: int) -> tuple[list[str], set]:
    ids: list[str] = []
    totals = set()
    token = None
    while True:
        with db.session() as session:
            page = jobs.list_jobs(session, principal, flt, page_size=2, page_token=token, count_limit=count_limit)
        ids += [j.id for j in page.items]
        totals.add(page.total_size)
        if not page.next_page_token:
            return ids, totals
        token = page.next_page_token


def test_total_size_is_exact_up_to_the_count_limit_and_null_above(seeded: tuple[Database, Principal]) -> None:
    db, principal = seeded
    assert walk(db, principal, jobs.JobFilter(), count_limit=12) == ([f"ext-{i:02d}" for i in range(11, -1, -1)], {12})
    ids, totals = walk(db, principal, jobs.JobFilter(), count_limit=11)
    assert len(ids) == 12
    assert totals == {None}  # more than the limit: unknown, never a wrong number


@pytest.mark.parametrize(("flt", "expected"), [
    pytest.param(jobs.JobFilter(status="FAILED"), [9, 6, 3, 0], id="status"),
    pytest.param(jobs.JobFilter(file_input="dfl-1"), [11, 9, 7, 5, 3, 1], id="file_input"),
    pytest.param(jobs.JobFilter(file_input="dfl-0", status="FAILED"), [6, 0], id="file_input_and_status"),
    pytest.param(jobs.JobFilter(configuration_id="cfg-a", status="COMPLETED"), [2, 1], id="configuration_and_status"),
    pytest.param(jobs.JobFilter(created_at_on_or_after=T0 + timedelta(minutes=3),
                                created_at_on_or_before=T0 + timedelta(minutes=7)), [7, 6, 5, 4, 3], id="created_at"),
])
def test_filtered_pages_are_newest_first_and_counted(seeded: tuple[Database, Principal], flt: jobs.JobFilter,
                                                     expected: list[int]) -> None:
    db, principal = seeded
    ids, totals = walk(db, principal, flt, count_limit=jobs.COUNT_LIMIT)
    assert ids == [f"ext-{i:02d}" for i in expected]
    assert totals == {len(expected)}
