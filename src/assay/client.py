"""A small HTTP client for a running Assay (or LlamaCloud) server, used by the CLI's remote commands.

Errors come back as Assay's own exceptions with the server's one-line `detail`, so the CLI treats a
remote 404 like a local one.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import httpx

from assay.errors import AssayError, AuthError, ConflictError, InvalidRequestError, NotFoundError

DEFAULT_BASE_URL = "http://127.0.0.1:8000"


def resolve(base_url: str | None, api_key: str | None) -> tuple[str, str | None]:
    """(base URL, key): explicit values, then ASSAY_BASE_URL / ASSAY_API_KEY. LLAMA_CLOUD_API_KEY is
    used only with LLAMA_CLOUD_BASE_URL, so a vendor key never travels to some other server."""
    env = os.environ
    url = base_url or env.get("ASSAY_BASE_URL")
    key = api_key or env.get("ASSAY_API_KEY")
    if url is None and env.get("LLAMA_CLOUD_BASE_URL"):
        url = env["LLAMA_CLOUD_BASE_URL"]
        key = key or env.get("LLAMA_CLOUD_API_KEY")
    return (url or DEFAULT_BASE_URL).rstrip("/"), key


class Client:
    def __init__(self, base_url: str, api_key: str | None, timeout: float = 60.0) -> None:
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.base_url = base_url
        self._http = httpx.Client(base_url=base_url, headers=headers, timeout=timeout)

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *_: object) -> None:
        self._http.close()

    def list_jobs(self, *, status: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
        params = {"page_size": limit, **({"status": status} if status else {})}
        return list(self._request("GET", "/api/v2/extract", params=params)["items"])

    def get_job(self, job_id: str, expand: list[str] | None = None) -> dict[str, Any]:
        return dict(self._request("GET", f"/api/v2/extract/{job_id}", params={"expand": expand or []}))

    def cancel_job(self, job_id: str) -> dict[str, Any]:
        return dict(self._request("POST", f"/api/v2/extract/{job_id}/cancel"))

    def upload_file(self, path: Path, purpose: str = "extract") -> dict[str, Any]:
        with path.open("rb") as stream:
            return dict(
                self._request(
                    "POST",
                    "/api/v1/beta/files",
                    files={"file": (path.name, stream)},
                    data={"purpose": purpose},
                )
            )

    def export_accepted(self, fmt: str, *, deployment_name: str | None = None,
                        collection: str | None = None) -> str:
        """Accepted review results as the server renders them: json, jsonl or csv text."""
        params = {"format": fmt, "deployment_name": deployment_name, "collection": collection}
        return str(self._request("GET", "/api/v1/beta/review/export", text=True,
                                 params={k: v for k, v in params.items() if v}))

    def list_layouts(self, *, limit: int = 100) -> list[dict[str, Any]]:
        return list(self._request("GET", "/api/v1/layouts", params={"page_size": limit})["items"])

    def get_layout(self, layout_id: str) -> dict[str, Any]:
        return dict(self._request("GET", f"/api/v1/layouts/{layout_id}"))

    def delete_layout(self, layout_id: str) -> dict[str, Any]:
        return dict(self._request("DELETE", f"/api/v1/layouts/{layout_id}"))

    def remember_layout(self, job_id: str, result: dict[str, Any]) -> dict[str, Any]:
        return dict(self._request("POST", "/api/v1/layouts", json={"job_id": job_id, "result": result}))

    def _request(self, method: str, path: str, *, text: bool = False, **kwargs: Any) -> Any:
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            raise AssayError(f"Cannot reach {self.base_url}: {exc}") from exc
        if response.is_success:
            return response.text if text else response.json()
        raise _error(response)


def _error(response: httpx.Response) -> AssayError:
    try:
        detail = response.json().get("detail")
    except ValueError:
        detail = response.text
    if isinstance(detail, list):
        detail = "; ".join(str(d.get("msg", d)) if isinstance(d, dict) else str(d) for d in detail)
    message = f"{response.status_code}: {detail or response.reason_phrase}"
    if response.status_code == 401:
        message += (" Pass --api-key or set ASSAY_API_KEY (the first `assay serve` prints a key; "
                    "`assay keys create` on the server makes another).")
    cls = {401: AuthError, 404: NotFoundError, 409: ConflictError}.get(response.status_code)
    if cls is None:
        cls = InvalidRequestError if 400 <= response.status_code < 500 else AssayError
    return cls(message)
