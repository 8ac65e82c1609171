"""SSRF guard: webhooks may only reach public addresses unless the deployment allows private ones."""

from __future__ import annotations

import ipaddress
import socket
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from assay.errors import InvalidRequestError

METADATA_HOSTS = {"metadata.google.internal", "metadata"}


def check_url_syntax(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidRequestError(f"webhook_url must be an absolute http(s) URL; got {url!r}.")


def resolve_public(url: str, *, allow_private: bool) -> list[str]:
    """Resolve the URL's host and refuse private, loopback, link-local, multicast and reserved
    addresses (cloud metadata endpoints among them). Returns the addresses that were checked."""
    check_url_syntax(url)
    parts = urlsplit(url)
    host = parts.hostname or ""
    if host.lower() in METADATA_HOSTS and not allow_private:
        raise InvalidRequestError(f"Webhook host {host} is not allowed.")
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80),
                                   type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise InvalidRequestError(f"Webhook host {host} does not resolve.") from exc
    addresses = sorted({str(info[4][0]) for info in infos})
    if not allow_private:
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%")[0])
            if not ip.is_global or ip.is_multicast:
                raise InvalidRequestError(f"Webhook address {address} of {host} is not public; refused.")
    return addresses


def pin(url: str, address: str) -> tuple[str, str, dict[str, Any]]:
    """The request that reaches `address` (the one `resolve_public` checked) and no other: the URL with
    the host replaced by the address, the Host header, and the TLS server name for https, so that DNS
    that changes its answer between the check and the connection (rebinding) cannot redirect the POST.
    Returns (pinned_url, host_header, httpx request extensions)."""
    parts = urlsplit(url)
    ip = address.split("%")[0]
    netloc = f"[{ip}]" if ":" in ip else ip
    if parts.port:
        netloc += f":{parts.port}"
    userinfo, at, host_header = parts.netloc.rpartition("@")
    netloc = userinfo + at + netloc  # keep credentials in the URL: httpx turns them into Basic auth
    extensions: dict[str, Any] = {"sni_hostname": parts.hostname} if parts.scheme == "https" else {}
    return urlunsplit(parts._replace(netloc=netloc)), host_header, extensions
