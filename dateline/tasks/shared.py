"""State that every worker shares through Redis: per-host politeness, the scheduler's lock,
counters. Thin shells around a few atomic Redis scripts."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import logging
import os
import socket
import uuid
from collections.abc import AsyncIterator

import redis
import redis.asyncio as aredis

log = logging.getLogger("dateline.tasks")

PREFIX = "dateline:"

# Take a slot to one host: at most LIMIT requests in flight (a sorted set of tokens scored by
# their expiry, so a dead worker's slot frees itself) and DELAY ms between two starts. Returns
# 0 when the slot is taken, else the milliseconds to wait before asking again. Redis's own
# clock is the one clock, so workers on several machines agree.
_TAKE_SLOT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 25 end
local nxt = tonumber(redis.call('GET', KEYS[2]) or '0')
if nxt > now then return nxt - now end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]))
if tonumber(ARGV[3]) > 0 then
  redis.call('SET', KEYS[2], now + tonumber(ARGV[3]), 'PX', tonumber(ARGV[3]) + 1000)
end
return 0
"""

# Keep a lock only while we still hold it.
_RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
end
return 0
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


def _loop_client(url: str, clients: dict[int, aredis.Redis]) -> aredis.Redis:
    """The asyncio Redis client for the running event loop: one per loop, since each task runs
    its own loop (asyncio.run); a client of a finished loop is dropped."""
    loop = asyncio.get_running_loop()
    client = clients.get(id(loop))
    if client is None:
        client = aredis.Redis.from_url(url)
        clients.clear()
        clients[id(loop)] = client
    return client


class RedisHostGate:
    """Per-host concurrency and spacing enforced across every worker, through Redis.

    Installed as ``Fetcher.shared_gate`` in worker processes; the fetcher's own in-process
    limits still apply on top.
    """

    def __init__(self, url: str, *, per_host: int, delay: float, slot_ttl: float) -> None:
        self.url = url
        self.per_host = max(1, per_host)
        self.delay_ms = max(0, int(delay * 1000))
        self.ttl_ms = max(1000, int(slot_ttl * 1000))
        self._clients: dict[int, aredis.Redis] = {}

    def _client(self) -> aredis.Redis:
        return _loop_client(self.url, self._clients)

    @contextlib.asynccontextmanager
    async def slot(self, origin: str) -> AsyncIterator[None]:
        client = self._client()
        token = uuid.uuid4().hex
        keys = [f"{PREFIX}host:{origin}:slots", f"{PREFIX}host:{origin}:next"]
        while True:
            wait = int(
                await client.eval(_TAKE_SLOT, 2, *keys, token, self.per_host, self.delay_ms, self.ttl_ms)  # type: ignore[misc]
            )
            if wait <= 0:
                break
            await asyncio.sleep(wait / 1000)
        try:
            yield
        finally:
            with contextlib.suppress(redis.RedisError):
                await client.zrem(keys[0], token)


class RedisRobotsStore:
    """robots.txt answers shared by every worker through Redis, each kept for its TTL.

    Installed as ``Fetcher.shared_robots`` in worker processes: a host's robots.txt is then
    fetched once per TTL by the whole desk, not once per task. While Redis is unreachable
    each fetcher fetches robots.txt itself, as a single process does.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self._clients: dict[int, aredis.Redis] = {}

    def _client(self) -> aredis.Redis:
        return _loop_client(self.url, self._clients)

    @staticmethod
    def _key(robots_url: str) -> str:
        return f"{PREFIX}robots:{robots_url}"

    async def get(self, robots_url: str) -> tuple[tuple[int | None, bytes, str | None], float] | None:
        try:
            async with self._client().pipeline(transaction=False) as pipe:
                pipe.get(self._key(robots_url))
                pipe.pttl(self._key(robots_url))
                raw, left_ms = await pipe.execute()
        except redis.RedisError as exc:
            log.warning("robots.txt store unreachable (%s): fetching %s directly", exc, robots_url)
            return None
        if raw is None or left_ms is None or left_ms <= 0:
            return None
        try:
            record = json.loads(raw)
            answer = (record["status"], base64.b64decode(record["body"]), record["error"])
        except (ValueError, KeyError, TypeError):
            return None
        return answer, left_ms / 1000

    async def put(self, robots_url: str, answer: tuple[int | None, bytes, str | None], ttl: float) -> None:
        status, body, error = answer
        record = json.dumps({"status": status, "body": base64.b64encode(body).decode(), "error": error})
        with contextlib.suppress(redis.RedisError):
            await self._client().set(self._key(robots_url), record, px=max(1, int(ttl * 1000)))


class Lock:
    """A lock held by one process and renewed while it lives; it expires ``ttl`` seconds after
    its holder stops renewing it (killed, or cut off)."""

    def __init__(self, client: redis.Redis, name: str, ttl: float) -> None:
        self.client = client
        self.key = PREFIX + name
        self.ttl_ms = int(ttl * 1000)
        self.token = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"

    def acquire(self) -> bool:
        return bool(self.client.set(self.key, self.token, nx=True, px=self.ttl_ms))

    def renew(self) -> bool:
        return bool(self.client.eval(_RENEW, 1, self.key, self.token, self.ttl_ms))

    def release(self) -> None:
        with contextlib.suppress(redis.RedisError):
            self.client.eval(_RELEASE, 1, self.key, self.token)

    def holder(self) -> str:
        value = self.client.get(self.key)
        return value.decode() if isinstance(value, bytes) else str(value or "")


def count(client: redis.Redis, name: str, n: int = 1) -> None:
    """Add to a counter (what the workers did, for operators and tests)."""
    if n:
        client.incrby(PREFIX + "count:" + name, n)


def counters(client: redis.Redis) -> dict[str, int]:
    out: dict[str, int] = {}
    for key in client.scan_iter(PREFIX + "count:*"):
        name = key.decode().split("count:", 1)[1]
        out[name] = int(client.get(key) or 0)
    return out


def redact(client: redis.Redis) -> str:
    """Where a client points, without its password."""
    kwargs = client.connection_pool.connection_kwargs
    if "path" in kwargs:
        return f"unix://{kwargs['path']}"
    return f"redis://{kwargs.get('host', '?')}:{kwargs.get('port', '?')}/{kwargs.get('db', 0)}"


def redact_url(url: str) -> str:
    """A Redis URL without its password."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = f"{parts.username or ''}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
        parts = parts._replace(netloc=netloc)
    return urlunsplit(parts)
