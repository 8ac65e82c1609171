"""SSRF guard: webhooks may only reach public addresses unless the deployment allows private ones."""

from __future__ import annotations

import ipaddress
import socket
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from assay.errors import InvalidRequestError, WebhookAddressError

METADATA_HOSTS = {"metadata.google.internal", "metadata"}
ALLOW_HINT = "Set ASSAY_WEBHOOK_ALLOW_PRIVATE=true on the server to allow private and loopback addresses."


def check_url_syntax(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidRequestError(f"webhook_url must be an absolute http(s) URL; got {url!r}.")


def check_destination(url: str, *, allow_private: bool) -> list[str]:
    """Refuse a URL no delivery will ever reach: not absolute http(s), a cloud metadata host, or a host
    whose addresses are not all public (private, loopback, link-local, multicast, reserved), unless
    `allow_private`. Returns the addresses it resolves to now: [] when it does not resolve (yet), which
    is no reason to refuse it when it is saved; each delivery checks again (`resolve_public`)."""
    check_url_syntax(url)
    parts = urlsplit(url)
    host = parts.hostname or ""
    if host.lower() in METADATA_HOSTS and not allow_private:
        raise WebhookAddressError(f"Webhook host {host} is a cloud metadata endpoint; refused. {ALLOW_HINT}")
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80),
                                   type=socket.SOCK_STREAM)
    except socket.gaierror:
        return []
    addresses = sorted({str(info[4][0]) for info in infos})
    if not allow_private:
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%")[0])
            if not ip.is_global or ip.is_multicast:
                raise WebhookAddressError(f"Webhook address {address} of {host} is not public (private, loopback, "
                                          f"link-local or reserved); refused. {ALLOW_HINT}")
    return addresses


def resolve_public(url: str, *, allow_private: bool) -> list[str]:
    """The addresses to deliver to, checked as `check_destination` checks them; a host that does not
    resolve is refused."""
    addresses = check_destination(url, allow_private=allow_private)
    if not addresses:
        raise InvalidRequestError(f"Webhook host {urlsplit(url).hostname} does not resolve.")
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
