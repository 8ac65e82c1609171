"""Load bench: N concurrent clients create extract jobs and poll them to the end, for a bounded time.

    .venv/bin/python bench/load.py                       # starts `assay serve` on SQLite in a temp folder
    .venv/bin/python bench/load.py --database-url postgresql://postgres@127.0.0.1:5432/test --workers 2
    .venv/bin/python bench/load.py --base-url http://127.0.0.1:8000 --api-key llx-...   # a running server

Loopback only by default; prints throughput, p50/p99 latencies per request kind and the error count.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from machine import describe

SCHEMA = {"type": "object", "properties": {"invoice_number": {"type": "string"}, "total": {"type": "number"}}}
TERMINAL = {"COMPLETED", "FAILED", "CANCELLED"}


def invoice(number: str) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 720, f"Invoice Number: {number}")
    pdf.drawString(72, 700, "Total: 1,234.50")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@contextmanager
def local_server(args: argparse.Namespace) -> Iterator[tuple[str, str]]:
    """`assay serve` in a subprocess on a free loopback port, with its own home folder."""
    key = "llx-bench-" + "b" * 32
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with tempfile.TemporaryDirectory(prefix="assay-bench-") as home:
        env = {**os.environ, "ASSAY_HOME": home, "ASSAY_API_KEY": key,
               "ASSAY_MAX_RUNNING_JOBS_PER_PROJECT": "1000", "ASSAY_LOG_LEVEL": "warning"}
        if args.database_url:
            env["ASSAY_DATABASE_URL"] = args.database_url
        process = subprocess.Popen([sys.executable, "-m", "assay", "serve", "--port", str(port), "--workers",
                                    str(args.workers), "--log-level", "warning"], env=env)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    if httpx.get(base + "/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
            yield base, key
        finally:
            process.terminate()
            process.wait(60)


class Stats:
    def __init__(self) -> None:
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: Counter[str] = Counter()
        self.outcomes: Counter[str] = Counter()

    def summary(self, seconds: float, clients: int) -> str:
        lines = [f"{clients} clients for {seconds:.0f} s"]
        total = len(self.latency["create"]) + len(self.latency["poll"])
        lines.append(f"requests: {total} ({total / seconds:.1f}/s)")
        for kind in ("create", "poll", "job"):
            values = sorted(self.latency[kind])
            if values:
                unit = "s" if kind == "job" else "ms"
                scale = 1 if kind == "job" else 1000
                lines.append(f"{kind:>6}: n={len(values)}  p50={_pct(values, 50) * scale:.1f}{unit}  "
                             f"p99={_pct(values, 99) * scale:.1f}{unit}  "
                             f"mean={statistics.fmean(values) * scale:.1f}{unit}")
        done = self.outcomes["COMPLETED"]
        lines.append(f"jobs: {dict(self.outcomes)}  throughput {done / seconds:.2f} completed jobs/s")
        lines.append(f"errors: {sum(self.errors.values())} {dict(self.errors) if self.errors else ''}")
        return "\n".join(lines)


def _pct(values: list[float], p: float) -> float:
    return values[min(len(values) - 1, max(0, round(p / 100 * len(values)) - 1))]


async def request(client: httpx.AsyncClient, stats: Stats, kind: str, method: str, url: str,
                  **kwargs: object) -> dict | None:
    started = time.perf_counter()
    try:
        response = await client.request(method, url, **kwargs)  # type: ignore[arg-type]
    except httpx.HTTPError as exc:
        stats.errors[f"{kind}: {type(exc).__name__}"] += 1
        return None
    stats.latency[kind].append(time.perf_counter() - started)
    if response.status_code >= 400:
        stats.errors[f"{kind}: HTTP {response.status_code}"] += 1
        return None
    return response.json()  # type: ignore[no-any-return]


async def client_loop(client: httpx.AsyncClient, stats: Stats, files: list[str], deadline: float,
                      poll: float, index: int) -> None:
    n = index
    while time.monotonic() < deadline:
        n += 1
        started = time.perf_counter()
        job = await request(client, stats, "create", "POST", "/api/v2/extract",
                            json={"file_input": files[n % len(files)], "configuration": {"data_schema": SCHEMA}})
        if job is None:
            await asyncio.sleep(poll)
            continue
        status = job["status"]
        while status not in TERMINAL and time.monotonic() < deadline:
            await asyncio.sleep(poll)
            polled = await request(client, stats, "poll", "GET", f"/api/v2/extract/{job['id']}")
            status = polled["status"] if polled else status
        if status in TERMINAL:
            stats.outcomes[status] += 1
            stats.latency["job"].append(time.perf_counter() - started)
        else:
            stats.outcomes["unfinished at the end"] += 1


async def run(base: str, key: str, args: argparse.Namespace) -> Stats:
    stats = Stats()
    limits = httpx.Limits(max_connections=args.clients, max_keepalive_connections=args.clients)
    async with httpx.AsyncClient(base_url=base, headers={"Authorization": f"Bearer {key}"}, timeout=60,
                                 limits=limits) as client:
        files = []
        for i in range(args.files):
            response = await client.post("/api/v1/beta/files", data={"purpose": "extract"},
                                         files={"file": (f"bench-{i}.pdf", invoice(f"B-{i:04d}"))})
            response.raise_for_status()
            files.append(response.json()["id"])
        deadline = time.monotonic() + args.seconds
        await asyncio.gather(*(client_loop(client, stats, files, deadline, args.poll, i)
                               for i in range(args.clients)))
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", help="A running server (default: start one on loopback).")
    parser.add_argument("--api-key", default=os.environ.get("LLAMA_CLOUD_API_KEY"))
    parser.add_argument("--database-url", help="For the started server (default: SQLite in a temp folder).")
    parser.add_argument("--workers", type=int, default=2, help="In-process workers of the started server.")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--poll", type=float, default=0.5, help="Seconds between polls of one job.")
    parser.add_argument("--files", type=int, default=10, help="Distinct documents the jobs cycle through.")
    args = parser.parse_args()
    print(describe())
    if args.base_url:
        stats = asyncio.run(run(args.base_url.rstrip("/"), args.api_key or "", args))
    else:
        with local_server(args) as (base, key):
            stats = asyncio.run(run(base, key, args))
    print(stats.summary(args.seconds, args.clients))
    sys.exit(1 if stats.errors else 0)


if __name__ == "__main__":
    main()
