"""DNS rebinding: a name that answers a public address to the check and 127.0.0.1 afterwards.

A real HTTP server on 127.0.0.1 stands for the internal service; a fake resolver plays the
hostile DNS server. The system resolver would send ``localhost`` there, so a client that
resolved the name again to connect would reach it: the fetcher must not.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from dateline.sources.fetch import Fetcher, FetchResult, FetchSettings, default_user_agent
from dateline.sources.pinned import AddressRefused, GuardedBackend

PUBLIC = "93.184.216.34"


class _Internal(BaseHTTPRequestHandler):
    hits: list[tuple[str, str]]
    port: int

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:
        self.hits.append((self.path, self.headers.get("Host", "")))
        if self.path == "/hop":
            location = f"http://localhost:{self.port}/secret"
            self.send_response(302)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = b"<rss version='2.0'><channel><title>internal secret</title></channel></rss>"
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def internal() -> Iterator[tuple[int, list[tuple[str, str]]]]:
    hits: list[tuple[str, str]] = []
    handler = type("Handler", (_Internal,), {"hits": hits})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    handler.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield handler.port, hits
    finally:
        server.shutdown()
        server.server_close()


class Rebinder:
    """Answers ``public`` for the first ``honest`` lookups of each name, then 127.0.0.1."""

    def __init__(self, honest: int = 1, fixed: dict[str, str] | None = None) -> None:
        self.honest = honest
        self.fixed = fixed or {}
        self.calls: dict[str, int] = {}

    async def __call__(self, host: str, port: int) -> Sequence[str]:
        if host in self.fixed:
            return [self.fixed[host]]
        self.calls[host] = self.calls.get(host, 0) + 1
        return [PUBLIC] if self.calls[host] <= self.honest else ["127.0.0.1"]


def _fetch(url: str, resolver: Rebinder, allowed: tuple[str, ...] = ()) -> FetchResult:
    settings = FetchSettings(
        user_agent=default_user_agent("https://dateline.example"),
        connect_timeout=1,
        read_timeout=1,
        deadline=3,
        per_host_delay=0,
        respect_robots=False,
        allowed_networks=allowed,
    )

    async def go() -> FetchResult:
        async with Fetcher(settings, resolver=resolver) as fetcher:
            return await fetcher.fetch(url)

    return asyncio.run(go())


def test_rebinding_after_the_check_never_reaches_the_private_address(
    internal: tuple[int, list[tuple[str, str]]],
) -> None:
    port, hits = internal
    resolver = Rebinder(honest=1)
    result = _fetch(f"http://localhost:{port}/secret", resolver)
    assert not result.ok and "loopback" in (result.error or ""), result.error
    assert hits == []
    assert resolver.calls["localhost"] == 2  # the check, then the connection: each checked


def test_rebinding_on_a_redirect_hop_is_refused(internal: tuple[int, list[tuple[str, str]]]) -> None:
    port, hits = internal
    # The first host is allowed by name; the redirect target rebinds.
    resolver = Rebinder(honest=1, fixed={"feeds.test": "127.0.0.1"})
    result = _fetch(f"http://feeds.test:{port}/hop", resolver, allowed=("feeds.test",))
    assert not result.ok and "loopback" in (result.error or ""), result.error
    assert [path for path, _ in hits] == ["/hop"]


def test_connection_goes_to_the_checked_address_with_the_name_as_host(
    internal: tuple[int, list[tuple[str, str]]],
) -> None:
    port, hits = internal
    # news.test exists only in this resolver: the connection must use its answer.
    resolver = Rebinder(fixed={"news.test": "127.0.0.1"})
    result = _fetch(f"http://news.test:{port}/feed.xml", resolver, allowed=("127.0.0.1",))
    assert result.ok, result.error
    assert hits == [("/feed.xml", f"news.test:{port}")]


def test_backend_refuses_any_private_answer_and_tries_only_checked_addresses() -> None:
    async def mixed(host: str, port: int) -> Sequence[str]:
        return [PUBLIC, "10.0.0.7"]

    backend = GuardedBackend(resolver=mixed)
    with pytest.raises(AddressRefused, match="private address 10.0.0.7"):
        asyncio.run(backend.connect_tcp("mixed.test", 80, timeout=0.5))
    assert asyncio.run(GuardedBackend(resolver=mixed, allow_private=True).addresses("m.test", 80)) == [
        PUBLIC,
        "10.0.0.7",
    ]
