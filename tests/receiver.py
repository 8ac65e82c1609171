"""A webhook endpoint on loopback for the tests: records every POST; can fail the first ones."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests import pace


class Receiver:
    """`events` holds (headers, raw body) of each accepted POST; the first `fail_first` answers are 500."""

    def __init__(self, fail_first: int = 0) -> None:
        self.events: list[tuple[dict[str, str], bytes]] = []
        self.fail_first = fail_first
        self.calls = 0
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                with receiver.lock:
                    receiver.calls += 1
                    failing = receiver.calls <= receiver.fail_first
                    if not failing:
                        receiver.events.append((dict(self.headers), body))
                self.send_response(500 if failing else 200)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def payloads(self) -> list[dict[str, Any]]:
        """Each accepted event as {event_id, event_type, job_id, headers}, whatever its output format."""
        with self.lock:
            events = list(self.events)
        parsed = []
        for headers, body in events:
            payload = json.loads(body)
            data = payload["data"] if isinstance(payload["data"], dict) else json.loads(payload["data"])
            parsed.append({"event_id": payload["event_id"], "event_type": payload["event_type"],
                           "job_id": data["id"], "headers": headers})
        return parsed

    def wait_for(self, n: int, timeout: float = 30) -> None:
        """`timeout`: seconds without a new event, on a quiet machine (tests/pace.py)."""
        pace.wait_until(lambda: len(self.events) >= n, timeout, f"{n} webhook events",
                        progress=lambda: len(self.events))


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    yield r
    r.server.shutdown()
