"""Pinned connections: the address checked is the address connected to (no DNS rebinding).

:func:`~dateline.sources.netguard.check_url_async` checks a URL's host before each hop, but
an HTTP client that then resolves the name again to connect may get another answer: a
hostile DNS server can answer a public address to the check and 127.0.0.1 to the connection.
Here the name is resolved once, *inside* the connection step: every address is checked and
the socket is opened to one of those very addresses, for every hop and every new connection.
TLS still verifies the certificate for the host name (httpcore sends the URL's host as SNI)
and the Host header still carries the name, so servers see an ordinary request.

:class:`PinnedTransport` is an ``httpx.AsyncHTTPTransport`` whose connection pool uses
:class:`GuardedBackend` as its network backend.
"""

from __future__ import annotations

import ssl
import typing
from collections.abc import Iterable

import httpcore
import httpx

from dateline.sources.netguard import Resolver, _default_resolver, _literal, check_addresses


class AddressRefused(Exception):
    """The host resolved, at connection time, to an address the guard refuses."""


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolves each host once, checks every address, and connects to a checked one."""

    def __init__(
        self,
        *,
        allow_private: bool = False,
        allowed_networks: Iterable[str] = (),
        resolver: Resolver | None = None,
        inner: httpcore.AsyncNetworkBackend | None = None,
    ) -> None:
        self.allow_private = allow_private
        self.allowed_networks = tuple(allowed_networks)
        self.resolver = resolver or _default_resolver
        self.inner = inner or httpcore.AnyIOBackend()

    async def addresses(self, host: str, port: int) -> list[str]:
        """The checked addresses of ``host``; raises :class:`AddressRefused` or ``httpcore.ConnectError``."""
        host = host.strip("[]")
        addresses = _literal(host)
        if addresses is None:
            try:
                addresses = list(dict.fromkeys(await self.resolver(host, port)))
            except (OSError, UnicodeError) as exc:
                raise httpcore.ConnectError(f"could not resolve host {host}: {exc}") from exc
        reason = check_addresses(
            host, addresses, allow_private=self.allow_private, allowed_networks=self.allowed_networks
        )
        if reason is not None:
            raise AddressRefused(reason)
        return addresses

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        last: Exception | None = None
        for address in await self.addresses(host, port):
            try:
                return await self.inner.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None  # addresses() never returns an empty list
        raise last

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise AddressRefused("refused: unix sockets are never fetched")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


class PinnedTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport, with every connection opened by a :class:`GuardedBackend`."""

    def __init__(
        self, backend: GuardedBackend, *, limits: httpx.Limits, verify: bool | ssl.SSLContext = True
    ):
        super().__init__(limits=limits, verify=verify, trust_env=False)
        old = self._pool
        assert isinstance(old, httpcore.AsyncConnectionPool)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=old._ssl_context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            http1=True,
            http2=False,
            network_backend=backend,
        )
