"""Pickup latency: how long a new job waits on an idle `assay serve` before a worker runs it.

    .venv/bin/python bench/pickup.py                     # SQLite and PostgreSQL, 100 jobs each
    .venv/bin/python bench/pickup.py --backends sqlite --jobs 20

For each backend, starts `assay serve` (2 workers, defaults otherwise) and creates jobs one at a time: extract,
parse, classify and split in turn, each on a one-page PDF, polling the job every millisecond after its POST.
Pickup as a client sees it: POST sent → the first GET that shows the job RUNNING (or already finished); and as the
server records it: the job's created_at → started_at. Each job finishes before the next is created, after a pause,
so every job meets idle workers. Targets (issue 20): p50 ≤ 50 ms, p99 ≤ 150 ms.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import datetime

import httpx
from load import invoice, local_server
from machine import describe
from scratch import scratch_database

TERMINAL = {"COMPLETED", "FAILED", "CANCELLED"}
SCHEMA = {"type": "object", "properties": {"invoice_number": {"type": "string"}}}
PATHS = {"extract": "/api/v2/extract", "parse": "/api/v2/parse", "classify": "/api/v2/classify",
         "split": "/api/v1/split/jobs"}
KINDS = {
    "extract": lambda f: {"file_input": f, "configuration": {"data_schema": SCHEMA}},
    "parse": lambda f: {"file_id": f, "tier": "fast"},
    "classify": lambda f: {"file_input": f, "configuration": {"rules": [
        {"type": "invoice", "description": "An invoice: a bill with an invoice number and a total."}]}},
    "split": lambda f: {"file_input": f, "configuration": {"categories": [
        {"name": "invoice", "description": "An invoice."}]}},
}


def pickup(client: httpx.Client, kind: str, file_id: str) -> float:
    started = time.perf_counter()
    response = client.post(PATHS[kind], json=KINDS[kind](file_id))
    assert response.status_code == 200, response.text
    job_id = response.json()["id"]
    picked = None
    while True:
        polled = client.get(f"{PATHS[kind]}/{job_id}")
        polled.raise_for_status()
        body = polled.json()
        status = body.get("job", body)["status"].upper()  # a parse job comes wrapped: {"job": {...}}
        if picked is None and status != "PENDING":
            picked = time.perf_counter() - started
        if status in TERMINAL:
            return picked  # type: ignore[return-value]
        time.sleep(0.001 if picked is None else 0.02)


def measure(base: str, key: str, jobs: int) -> dict[str, list[float]]:
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {key}"}, timeout=60) as client:
        upload = client.post("/api/v1/beta/files", data={"purpose": "extract"},
                             files={"file": ("pickup.pdf", invoice("P-0001"), "application/pdf")})
        upload.raise_for_status()
        file_id = upload.json()["id"]
        for kind in KINDS:  # warm: the first job of each kind starts the workers' sandboxes and loads models
            pickup(client, kind, file_id)
        samples: dict[str, list[float]] = {kind: [] for kind in KINDS}
        for i in range(jobs):
            kind = list(KINDS)[i % len(KINDS)]
            time.sleep(0.2)  # idle workers, as on a quiet server
            samples[kind].append(pickup(client, kind, file_id) * 1000)
    return samples


def server_side(url: str, jobs: int) -> list[float]:
    """created_at → started_at of the measured (last `jobs`) jobs, in ms."""
    from sqlalchemy import create_engine, text

    from assay.config import normalize_database_url

    engine = create_engine(normalize_database_url(url))
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT created_at, started_at FROM jobs ORDER BY created_at DESC LIMIT :n"),
                                  {"n": jobs}).all()
    engine.dispose()
    return [(_time(started) - _time(created)).total_seconds() * 1000 for created, started in rows]


def _time(value: object) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def line(name: str, values: list[float]) -> str:
    q = statistics.quantiles(values, n=100, method="inclusive") if len(values) > 1 else values * 99
    return f"  {name:10} n={len(values):4}  p50 {q[49]:6.1f} ms  p99 {q[98]:6.1f} ms  max {max(values):6.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--jobs", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    print(describe())
    for backend in [b for b in args.backends.split(",") if b]:
        with scratch_database(backend, args.pg_url) as url:
            with local_server(argparse.Namespace(database_url=url, workers=args.workers)) as (base, key):
                samples = measure(base, key, args.jobs)
            print(f"{backend}, assay serve --workers {args.workers}: POST → RUNNING seen by the client")
            for kind, values in samples.items():
                print(line(kind, values))
            print(line("all", [v for values in samples.values() for v in values]))
            print(line("server", server_side(url, args.jobs)) + "  (created_at → started_at, all kinds)")
    print(describe())


if __name__ == "__main__":
    main()
