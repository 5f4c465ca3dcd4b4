"""The reader's address behind reverse proxies: X-Forwarded-For, believed only from trusted ones."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def networks(trusted: tuple[str, ...]) -> tuple[Network, ...]:
    out: list[Network] = []
    for item in trusted:
        try:
            out.append(ipaddress.ip_network(item.strip(), strict=False))
        except ValueError:
            continue
    return tuple(out)


def _trusted(address: str, nets: Iterable[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in net for net in nets)


def client_address(remote_addr: str, forwarded_for: str, trusted: Iterable[str]) -> str:
    """The client's address: REMOTE_ADDR, unless it is a trusted proxy; then the nearest
    address in X-Forwarded-For that is not itself a trusted proxy (read from the right, since
    the left end is whatever the client chose to send)."""
    nets = networks(tuple(trusted))
    if not nets or not _trusted(remote_addr, nets) or not forwarded_for:
        return remote_addr
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, nets):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote_addr  # garbage from an untrusted hop: keep the proxy's address
    return hops[0] if hops else remote_addr
