"""The polite HTTP fetcher: the I/O shell that retrieves bytes and never decides.

One :class:`Fetcher` per run (an async context manager around one ``httpx.AsyncClient``).
:meth:`Fetcher.fetch` never raises for network or HTTP trouble: it returns a
:class:`FetchResult` whose ``error`` says what went wrong in words an editor can act on.

Politeness and safety, in the order a request meets them:

1. the URL must be http(s) and resolve only to public addresses (:mod:`.netguard`);
2. robots.txt of the origin must allow it (:mod:`.robots`, cached per origin);
3. a per-host slot (concurrency limit + minimum delay, raised to robots' Crawl-delay);
4. connect/read timeouts and a total deadline; the body is streamed and reading stops
   past ``max_bytes`` (counted after decompression, so a gzip bomb stops too);
5. redirects are followed by hand, each hop going through 1-4 again, loops detected.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import ssl
import time
import zlib
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import MappingProxyType
from typing import ClassVar, Protocol
from urllib.parse import urldefrag, urljoin, urlsplit

import httpx

from dateline import __version__
from dateline.sources import decide
from dateline.sources.netguard import Resolver, check_url_async
from dateline.sources.pinned import AddressRefused, GuardedBackend, PinnedTransport
from dateline.sources.robots import MAX_ROBOTS_BYTES, RobotsCache, RobotsStore

log = logging.getLogger(__name__)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
#: Longest robots.txt Crawl-delay honoured; longer values would stall a whole host.
MAX_CRAWL_DELAY = 30.0


def default_user_agent(site_url: str, version: str = __version__) -> str:
    """The honest User-Agent: ``Dateline/<version> (+<site url>; news aggregator)``."""
    return f"Dateline/{version} (+{site_url}; news aggregator)"


@dataclass(frozen=True)
class FetchSettings:
    """How politely and defensively to fetch. Times in seconds, sizes in bytes."""

    user_agent: str
    connect_timeout: float = 5
    read_timeout: float = 15
    deadline: float = 30
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    per_host_concurrency: int = 2
    per_host_delay: float = 0.5
    respect_robots: bool = True
    allow_private: bool = False
    allowed_networks: tuple[str, ...] = ()
    total_concurrency: int = 16
    robots_ttl: float = 3600.0


@dataclass(frozen=True)
class FetchResult:
    """What one fetch brought back. ``error`` is None on success (200 or 304)."""

    url: str
    final_url: str
    status: int | None
    body: bytes
    headers: Mapping[str, str]
    etag: str | None
    last_modified: str | None
    not_modified: bool
    error: str | None
    retry_after: float | None
    elapsed: float
    #: Every URL redirected to, in order (the last one is ``final_url``).
    redirects: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True for a usable answer: a 2xx with its body read in full, or a 304."""
        return (
            self.error is None and self.status is not None and (200 <= self.status < 300 or self.not_modified)
        )

    @property
    def content_type(self) -> str | None:
        """The Content-Type header, if any."""
        return self.headers.get("content-type")

    @property
    def cache_max_age(self) -> float | None:
        """Seconds from Cache-Control max-age, for :func:`decide.next_fetch`."""
        return decide.parse_cache_max_age(self.headers.get("cache-control"))

    @property
    def outcome(self) -> decide.Outcome:
        """The scheduler's reading of this result."""
        outcome = decide.classify(self.status)
        return decide.Outcome.FAILED if self.error is not None and not outcome.is_failure else outcome


@dataclass(frozen=True)
class FetchRequest:
    """One URL to fetch, with the validators from its last successful fetch."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    accept: str | None = None


def _secs(value: float) -> str:
    return f"{value:g}"


def _size(value: int) -> str:
    if value >= 1_000_000:
        return f"{value / 1_000_000:g} MB"
    if value >= 1_000:
        return f"{value / 1_000:g} kB"
    return f"{value} bytes"


class _Failure(Exception):
    """A hop ended in an error an editor should read; carries the status if one came."""

    def __init__(self, message: str, status: int | None = None, headers: Mapping[str, str] | None = None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.headers = headers or {}


class SharedGate(Protocol):
    """Per-host concurrency and spacing held across processes (see dateline.tasks.shared)."""

    def slot(self, origin: str) -> contextlib.AbstractAsyncContextManager[None]: ...


@dataclass
class _HostGate:
    """Per-host concurrency limit and minimum spacing between request starts."""

    semaphore: asyncio.Semaphore
    delay: float
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_start: float = 0.0


class _Decoder:
    """Incremental Content-Encoding decoder that never inflates more than asked."""

    def __init__(self, encoding: str):
        encoding = encoding.strip().lower()
        if encoding in ("", "identity"):
            self._zlib = None
        elif encoding in ("gzip", "x-gzip", "deflate"):
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib header
        else:
            raise _Failure(f"unsupported Content-Encoding {encoding!r}")
        self._raw_deflate_tried = encoding != "deflate"

    def decode(self, data: bytes, limit: int) -> bytes:
        if self._zlib is None:
            return data
        try:
            return self._zlib.decompress(data, limit)
        except zlib.error:
            if self._raw_deflate_tried:
                raise _Failure("body is not valid compressed data") from None
            # Some servers send raw deflate without the zlib header.
            self._raw_deflate_tried = True
            self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
            return self.decode(data, limit)

    def drain(self, limit: int) -> bytes:
        """Output held back by an earlier ``limit``."""
        if self._zlib is None or not self._zlib.unconsumed_tail:
            return b""
        return self._zlib.decompress(self._zlib.unconsumed_tail, limit)


@functools.cache
def _verifying_context() -> ssl.SSLContext:
    """The TLS context every fetcher of this process verifies certificates with. Made once:
    loading the CA bundle costs tens of milliseconds of CPU, once per fetcher otherwise (and
    a task worker starts a fetcher per task). Contexts are safe to share between clients."""
    return httpx.create_ssl_context(trust_env=False)


class Fetcher:
    """Polite, guarded HTTP GETs. Use as ``async with Fetcher(settings) as fetcher:``."""

    #: Per-host limits shared by every process (set by task workers); None: this process alone.
    shared_gate: ClassVar[SharedGate | None] = None
    #: robots.txt answers shared by every process (set by task workers); None: kept per fetcher.
    shared_robots: ClassVar[RobotsStore | None] = None

    def __init__(
        self,
        settings: FetchSettings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        resolver: Resolver | None = None,
    ) -> None:
        self.settings = settings
        self._transport = transport
        self._resolver = resolver
        self._client: httpx.AsyncClient | None = None
        self._gates: dict[str, _HostGate] = {}
        self._global: asyncio.Semaphore | None = None
        self._robots = RobotsCache(self._fetch_robots, ttl=settings.robots_ttl, store=Fetcher.shared_robots)

    async def __aenter__(self) -> Fetcher:
        s = self.settings
        limits = httpx.Limits(
            max_connections=s.total_concurrency + 4, max_keepalive_connections=s.total_concurrency
        )
        transport = self._transport
        if transport is None:
            # Each connection goes to an address the guard checked at that moment (no DNS rebinding).
            backend = GuardedBackend(
                allow_private=s.allow_private, allowed_networks=s.allowed_networks, resolver=self._resolver
            )
            transport = PinnedTransport(backend, limits=limits, verify=_verifying_context())
        self._client = httpx.AsyncClient(
            transport=transport,
            follow_redirects=False,  # each hop is re-checked by hand
            trust_env=False,  # no proxy or netrc from the environment: requests go where checked
            timeout=httpx.Timeout(
                connect=s.connect_timeout, read=s.read_timeout, write=s.read_timeout, pool=s.deadline
            ),
            limits=limits,
            headers={"User-Agent": s.user_agent, "Accept-Encoding": "gzip, deflate"},
        )
        self._global = asyncio.Semaphore(max(1, s.total_concurrency))
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str | None = None,
    ) -> FetchResult:
        """GET ``url`` politely; conditional when ``etag``/``last_modified`` are given."""
        return await self._fetch(
            url,
            etag=etag,
            last_modified=last_modified,
            accept=accept,
            max_bytes=self.settings.max_bytes,
            truncate=False,
            check_robots=self.settings.respect_robots,
        )

    async def fetch_many(self, requests: Iterable[FetchRequest | str]) -> list[FetchResult]:
        """Fetch many URLs concurrently (within the global and per-host limits), in order."""
        items = [FetchRequest(r) if isinstance(r, str) else r for r in requests]
        return list(
            await asyncio.gather(
                *(
                    self.fetch(r.url, etag=r.etag, last_modified=r.last_modified, accept=r.accept)
                    for r in items
                )
            )
        )

    # -- internals ---------------------------------------------------------------------

    async def _fetch_robots(self, url: str) -> tuple[int | None, bytes, str | None]:
        result = await self._fetch(
            url, accept="text/plain", max_bytes=MAX_ROBOTS_BYTES, truncate=True, check_robots=False
        )
        return result.status, result.body, result.error

    def _gate(self, origin: str) -> _HostGate:
        gate = self._gates.get(origin)
        if gate is None:
            s = self.settings
            gate = _HostGate(asyncio.Semaphore(max(1, s.per_host_concurrency)), s.per_host_delay)
            self._gates[origin] = gate
        return gate

    @contextlib.asynccontextmanager
    async def _slot(self, origin: str) -> AsyncIterator[None]:
        """Hold a per-host slot (after its spacing delay) and a global slot."""
        gate = self._gate(origin)
        assert self._global is not None, "use Fetcher as an async context manager"
        shared = Fetcher.shared_gate
        if shared is not None:  # limits held across every worker (dateline.tasks)
            async with gate.semaphore, shared.slot(origin), self._global:
                yield
            return
        async with gate.semaphore:
            if gate.delay > 0:
                async with gate.lock:
                    wait = gate.next_start - time.monotonic()
                    if wait > 0:
                        await asyncio.sleep(wait)
                    gate.next_start = time.monotonic() + gate.delay
            async with self._global:
                yield

    async def _fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str | None = None,
        max_bytes: int,
        truncate: bool,
        check_robots: bool,
    ) -> FetchResult:
        started = time.monotonic()
        s = self.settings
        current = urldefrag(url.strip())[0]
        seen = {current}
        hops: list[str] = []
        headers = {"Accept": accept or "*/*"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        remaining = s.deadline  # time on the wire; waiting for a slot does not count

        def failed(
            message: str, status: int | None = None, resp_headers: Mapping[str, str] | None = None
        ) -> FetchResult:
            resp_headers = resp_headers or {}
            return FetchResult(
                url=url, final_url=current, status=status, body=b"", headers=MappingProxyType(dict(resp_headers)),
                etag=None, last_modified=None, not_modified=False, error=message,
                retry_after=_retry_after(resp_headers), elapsed=time.monotonic() - started, redirects=tuple(hops),
            )  # fmt: skip

        try:
            for hop in range(s.max_redirects + 1):
                reason = await check_url_async(
                    current,
                    allow_private=s.allow_private,
                    allowed_networks=s.allowed_networks,
                    resolver=self._resolver,
                )
                if reason is not None:
                    return failed(reason)
                origin = urlsplit(current).netloc.lower()
                if check_robots:
                    rules = await self._robots.rules_for(current)
                    if not rules.allows(current, s.user_agent):
                        why = f" ({rules.reason})" if rules.reason else ""
                        return failed(f"refused: disallowed by robots.txt{why}")
                    crawl_delay = rules.crawl_delay(s.user_agent)
                    if crawl_delay:
                        gate = self._gate(origin)
                        gate.delay = max(gate.delay, min(crawl_delay, MAX_CRAWL_DELAY))
                if remaining <= 0:
                    return failed(f"timed out after {_secs(s.deadline)} s (total deadline)")
                async with self._slot(origin):
                    wire_start = time.monotonic()
                    try:
                        async with asyncio.timeout(remaining):
                            status, resp_headers, body = await self._send(
                                current, headers, max_bytes, truncate
                            )
                    except TimeoutError:
                        return failed(f"timed out after {_secs(s.deadline)} s (total deadline)")
                    finally:
                        remaining -= time.monotonic() - wire_start
                if status in REDIRECT_STATUSES and resp_headers.get("location"):
                    target = urldefrag(urljoin(current, resp_headers["location"].strip()))[0]
                    if target in seen:
                        hops.append(target)
                        return failed(f"redirect loop (back to {target})", status, resp_headers)
                    if hop == s.max_redirects:
                        return failed(
                            f"too many redirects (more than {s.max_redirects})", status, resp_headers
                        )
                    seen.add(target)
                    hops.append(target)
                    current = target
                    continue
                return self._result(
                    url, current, hops, status, resp_headers, body, etag, last_modified, started
                )
        except _Failure as exc:
            return failed(exc.message, exc.status, exc.headers)
        except AddressRefused as exc:
            return failed(str(exc))
        except httpx.ConnectTimeout:
            return failed(
                f"timed out after {_secs(s.connect_timeout)} s connecting to {urlsplit(current).netloc}"
            )
        except httpx.ReadTimeout:
            return failed(f"timed out after {_secs(s.read_timeout)} s waiting for data")
        except httpx.TimeoutException:
            return failed(f"timed out after {_secs(s.read_timeout)} s")
        except httpx.ConnectError as exc:
            return failed(f"could not connect to {urlsplit(current).netloc}: {exc or 'connection refused'}")
        except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
            return failed(f"invalid URL: {exc}")
        except (httpx.HTTPError, OSError) as exc:
            return failed(f"network error: {exc or type(exc).__name__}")
        except Exception as exc:  # a bug, or input nobody foresaw: this fetch fails, the run goes on
            log.exception("fetch of %s failed unexpectedly", url)
            return failed(f"internal error while fetching: {type(exc).__name__}: {exc}")
        raise AssertionError("unreachable: the loop returns on its last hop")  # pragma: no cover

    async def _send(
        self, url: str, headers: Mapping[str, str], max_bytes: int, truncate: bool
    ) -> tuple[int, httpx.Headers, bytes]:
        """One GET on the wire; reads at most ``max_bytes`` of (decoded) body."""
        assert self._client is not None, "use Fetcher as an async context manager"
        async with self._client.stream("GET", url, headers=headers) as resp:
            status = resp.status_code
            if status in REDIRECT_STATUSES or status == 304 or status >= 400:
                return status, resp.headers, b""  # bodies of these are not needed: don't read them
            length = resp.headers.get("content-length", "")
            if not truncate and length.isdigit() and int(length) > max_bytes:
                raise _Failure(
                    f"body larger than {_size(max_bytes)} (server announced {_size(int(length))})",
                    status,
                    resp.headers,
                )
            if resp.is_stream_consumed:  # a response built in memory (mock transports): already read
                body = resp.content
                if len(body) > max_bytes and not truncate:
                    raise _Failure(f"body larger than {_size(max_bytes)}", status, resp.headers)
                return status, resp.headers, body[:max_bytes]
            decoder = _Decoder(resp.headers.get("content-encoding", ""))
            chunks: list[bytes] = []
            size = 0
            async for raw in resp.aiter_raw():
                piece = decoder.decode(raw, max_bytes + 1 - size)
                while True:
                    chunks.append(piece)
                    size += len(piece)
                    if size > max_bytes:
                        if truncate:
                            return status, resp.headers, b"".join(chunks)[:max_bytes]
                        raise _Failure(f"body larger than {_size(max_bytes)}", status, resp.headers)
                    piece = decoder.drain(max_bytes + 1 - size)
                    if not piece:
                        break
            return status, resp.headers, b"".join(chunks)

    def _result(
        self,
        url: str,
        final_url: str,
        hops: Sequence[str],
        status: int,
        headers: httpx.Headers,
        body: bytes,
        etag: str | None,
        last_modified: str | None,
        started: float,
    ) -> FetchResult:
        not_modified = status == 304
        error = None
        if status >= 400:
            error = f"HTTP {status} {httpx.codes.get_reason_phrase(status)}".rstrip()
        elif status >= 300 and not not_modified:
            error = (
                f"HTTP {status} without a usable Location"
                if status in REDIRECT_STATUSES
                else f"HTTP {status}"
            )
        retry_after = _retry_after(headers)
        if error and retry_after is not None:
            error += f" (retry after {_secs(round(retry_after))} s)"
        plain = MappingProxyType({k.lower(): v for k, v in headers.items()})
        return FetchResult(
            url=url,
            final_url=final_url,
            status=status,
            body=body,
            headers=plain,
            etag=headers.get("etag") or (etag if not_modified else None),
            last_modified=headers.get("last-modified") or (last_modified if not_modified else None),
            not_modified=not_modified,
            error=error,
            retry_after=retry_after,
            elapsed=time.monotonic() - started,
            redirects=tuple(hops),
        )


def _retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds from Retry-After, measured against the server's own Date when it sent one."""
    value = headers.get("retry-after") or headers.get("Retry-After")
    if not value:
        return None
    now = datetime.now(UTC)
    server_date = headers.get("date") or headers.get("Date")
    if server_date:
        with contextlib.suppress(TypeError, ValueError, IndexError, OverflowError):
            parsed = parsedate_to_datetime(server_date)
            now = parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return decide.parse_retry_after(value, now)
