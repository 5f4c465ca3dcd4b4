"""robots.txt rules per host, cached with a time to live (RFC 9309).

:func:`rules_from_response` is the pure part: it turns the answer to ``/robots.txt``
into rules. :class:`RobotsCache` keeps one set of rules per origin and fetches them
through a function the fetcher supplies, so robots.txt goes through the same
private-address guard, size cap, timeouts and redirect limit as every other request.
With a :class:`RobotsStore` (task workers: Redis), the answer is shared by every process
until it expires, so each host's robots.txt is fetched once per TTL by the whole desk, not
once per task.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

#: RFC 9309 §2.5: crawlers must parse at least 500 KiB; more is not read.
MAX_ROBOTS_BYTES = 512_000
#: How long "temporarily disallowed" (5xx, timeout) is remembered before trying again.
UNREACHABLE_TTL = 300.0


@dataclass(frozen=True)
class RobotsRules:
    """The robots.txt verdict for one origin."""

    #: "allow_all" (4xx, no robots.txt), "disallow_all" (5xx/unreachable), or "parsed".
    mode: str
    parser: RobotFileParser | None = field(default=None, compare=False)
    reason: str | None = None

    def allows(self, url: str, user_agent: str) -> bool:
        """True when ``user_agent`` may fetch ``url`` under these rules; False for a URL that does not parse."""
        if self.mode == "allow_all":
            return True
        if self.mode == "disallow_all" or self.parser is None:
            return False
        try:
            return self.parser.can_fetch(user_agent, url)
        except ValueError:  # "http://[": nothing to fetch
            return False

    def crawl_delay(self, user_agent: str) -> float | None:
        """The ``Crawl-delay`` asked of ``user_agent``, if any (a non-negative number of seconds)."""
        if self.parser is None:
            return None
        try:
            delay = self.parser.crawl_delay(user_agent)
            return max(0.0, float(delay)) if delay is not None else None
        except (ValueError, OverflowError):
            return None


def parse_robots(text: str) -> RobotsRules:
    """Parse robots.txt text into rules."""
    parser = RobotFileParser()
    parser.parse(text.splitlines())
    return RobotsRules("parsed", parser)


def rules_from_response(status: int | None, body: bytes, error: str | None) -> RobotsRules:
    """Rules from the answer to a robots.txt request (RFC 9309 §2.3.1).

    - 2xx: parse the file;
    - 4xx ("unavailable"): no rules, everything allowed;
    - 5xx, timeout, network failure ("unreachable"): everything disallowed for now.
    """
    if status is not None and 200 <= status < 300 and error is None:
        return parse_robots(body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace"))
    if status is not None and 300 <= status < 500:
        # 4xx: no robots.txt. 3xx here: too many redirects, which §2.3.1.2 lets us treat alike.
        return RobotsRules("allow_all")
    if status is not None and 200 <= status < 300:
        # A 2xx we could not read in full (e.g. over the cap): parse what we have.
        return parse_robots(body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace"))
    why = error or (f"HTTP {status}" if status is not None else "no answer")
    return RobotsRules("disallow_all", reason=f"robots.txt unreachable ({why})")


def robots_url(url: str) -> str:
    """The robots.txt URL for the origin of ``url``."""
    parts = urlsplit(url)  # raises ValueError on a URL that does not parse, like the fetcher's check
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


#: The answer to a robots.txt request: (status, body, error).
RobotsAnswer = tuple[int | None, bytes, str | None]
RobotsFetch = Callable[[str], Awaitable[RobotsAnswer]]


class RobotsStore(Protocol):
    """robots.txt answers shared by several processes (see dateline.tasks.shared).

    ``get`` returns the answer and its seconds left, or None (missing, expired, or the
    store unreachable: then the answer is fetched as if there were no store)."""

    async def get(self, robots_url: str) -> tuple[RobotsAnswer, float] | None: ...

    async def put(self, robots_url: str, answer: RobotsAnswer, ttl: float) -> None: ...


class RobotsCache:
    """Per-origin robots.txt rules with a TTL; one fetch per origin at a time."""

    def __init__(
        self,
        fetch: RobotsFetch,
        *,
        ttl: float = 3600.0,
        clock: Callable[[], float] = time.monotonic,
        store: RobotsStore | None = None,
    ):
        self._fetch = fetch
        self._store = store
        self._ttl = ttl
        self._clock = clock
        self._rules: dict[str, tuple[float, RobotsRules]] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def rules_for(self, url: str) -> RobotsRules:
        """The rules governing ``url``, fetching robots.txt when missing or expired."""
        key = robots_url(url)
        cached = self._rules.get(key)
        if cached is not None and cached[0] > self._clock():
            return cached[1]
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:  # concurrent fetches to one host wait for a single robots.txt
            cached = self._rules.get(key)
            if cached is not None and cached[0] > self._clock():
                return cached[1]
            shared = await self._store.get(key) if self._store is not None else None
            if shared is not None:  # another process fetched it, and it has not expired
                answer, left = shared
                rules = rules_from_response(*answer)
                self._rules[key] = (self._clock() + min(left, self._ttl), rules)
                return rules
            answer = await self._fetch(key)
            rules = rules_from_response(*answer)
            ttl = min(self._ttl, UNREACHABLE_TTL) if rules.mode == "disallow_all" else self._ttl
            self._rules[key] = (self._clock() + ttl, rules)
            if self._store is not None:
                await self._store.put(key, answer, ttl)
            return rules
