"""Refuse URLs that would reach private networks (SSRF guard).

Dateline fetches URLs that editors, OPML files and feeds give it, and follows redirects
that remote servers choose. Without this guard a feed could point the fetcher at the
cloud metadata service (169.254.169.254), an admin panel on 10.x or the database on
127.0.0.1. Every hop is resolved and every address checked *before* connecting.

The pure core is :func:`check_addresses`; :func:`check_url` and :func:`check_url_async`
add name resolution around it.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable, Sequence
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[Sequence[str]]]

ALLOWED_SCHEMES = frozenset({"http", "https"})


def _kind(ip: IPAddress) -> str | None:
    """Name the kind of non-public address ``ip`` is, or None when it is public."""
    # Unwrap IPv4 carried inside IPv6 (::ffff:10.0.0.1, 6to4, Teredo) so it cannot sneak past.
    if isinstance(ip, ipaddress.IPv6Address):
        inner = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if inner is not None:
            return _kind(inner)
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_multicast:
        return "multicast"
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_reserved:  # before is_private, which also covers 240.0.0.0/4
        return "reserved"
    if ip.is_private:
        return "private"
    if not ip.is_global:  # e.g. 100.64.0.0/10 carrier-grade NAT
        return "non-public"
    return None


def _allowed(host: str, ip: IPAddress, allowed_networks: Iterable[str]) -> bool:
    """True when ``host`` (by name) or ``ip`` (by network) is on the allow-list."""
    for entry in allowed_networks:
        entry = entry.strip()
        if not entry:
            continue
        try:
            network = ipaddress.ip_network(entry, strict=False)
        except ValueError:
            if entry.lower().rstrip(".") == host.lower().rstrip("."):
                return True
            continue
        if ip.version == network.version and ip in network:
            return True
    return False


def check_addresses(
    host: str,
    addresses: Iterable[str],
    *,
    allow_private: bool = False,
    allowed_networks: Iterable[str] = (),
) -> str | None:
    """Check the resolved ``addresses`` of ``host``: None when all are fine, else the reason.

    Every address must pass: a name that resolves to one public and one private address
    is refused, since the connection may pick either.
    """
    allowed_networks = tuple(allowed_networks)
    seen = False
    for text in addresses:
        seen = True
        try:
            ip = ipaddress.ip_address(text.split("%", 1)[0])  # drop an IPv6 zone id
        except ValueError:
            return f"refused: {host} resolves to an invalid address {text!r}"
        if allow_private or _allowed(host, ip, allowed_networks):
            continue
        kind = _kind(ip)
        if kind is not None:
            return f"refused: resolves to {kind} address {ip}"
    if not seen:
        return f"could not resolve host {host}"
    return None


def split_host(url: str) -> tuple[str, str, int] | str:
    """Return ``(scheme, host, port)`` of an http(s) URL, or the reason it is refused."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        return f"invalid URL: {exc}"
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        return f"refused: unsupported scheme {scheme or '(none)'!r}, only http and https"
    host = (parts.hostname or "").rstrip(".")
    if not host:
        return "invalid URL: no host"
    return scheme, host, port or (443 if scheme == "https" else 80)


def _literal(host: str) -> list[str] | None:
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        return None


async def _default_resolver(host: str, port: int) -> Sequence[str]:
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


async def check_url_async(
    url: str,
    *,
    allow_private: bool = False,
    allowed_networks: Iterable[str] = (),
    resolver: Resolver | None = None,
) -> str | None:
    """Async :func:`check_url`: resolve the host without blocking the event loop."""
    split = split_host(url)
    if isinstance(split, str):
        return split
    _, host, port = split
    addresses = _literal(host)
    if addresses is None:
        if allow_private:
            return None  # nothing to check: skip the lookup, the connection resolves anyway
        try:
            addresses = list(await (resolver or _default_resolver)(host, port))
        except (OSError, UnicodeError) as exc:
            return f"could not resolve host {host}: {exc}"
    return check_addresses(host, addresses, allow_private=allow_private, allowed_networks=allowed_networks)


def check_url(url: str, *, allow_private: bool = False, allowed_networks: Iterable[str] = ()) -> str | None:
    """Check that ``url`` is http(s) and its host resolves only to public addresses.

    Returns None when the URL may be fetched, else a reason an editor can read, e.g.
    ``"refused: resolves to private address 10.0.0.5"``. Hosts or networks in
    ``allowed_networks`` ("127.0.0.1", "10.0.0.0/8", "intranet.example") are let through.
    """
    split = split_host(url)
    if isinstance(split, str):
        return split
    _, host, port = split
    addresses = _literal(host)
    if addresses is None:
        if allow_private:
            return None
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            return f"could not resolve host {host}: {exc}"
        addresses = [str(info[4][0]) for info in infos]
    return check_addresses(host, addresses, allow_private=allow_private, allowed_networks=allowed_networks)
