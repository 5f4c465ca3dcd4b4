"""Shared state across processes and nodes: per-host politeness and locks in a real Redis,
the Redis page cache (and what happens when Redis is down), trusted proxies, deleted ids."""

from __future__ import annotations

import asyncio
import logging
import time

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from dateline.tasks import shared
from dateline.web.proxies import client_address

pytestmark = pytest.mark.scale


def test_client_address_believes_only_trusted_proxies() -> None:
    trusted = ["10.0.0.0/8", "127.0.0.1"]
    # No trusted proxy configured, or a direct client: X-Forwarded-For is whatever it says.
    assert client_address("203.0.113.9", "1.2.3.4", []) == "203.0.113.9"
    assert client_address("203.0.113.9", "1.2.3.4", trusted) == "203.0.113.9"
    # Through our proxies: the nearest address they did not add.
    assert client_address("10.1.2.3", "198.51.100.7", trusted) == "198.51.100.7"
    assert client_address("10.1.2.3", "6.6.6.6, 198.51.100.7, 10.9.9.9", trusted) == "198.51.100.7"
    # A spoofed left end does not move the answer; garbage keeps the proxy's address.
    assert client_address("127.0.0.1", "evil, 198.51.100.7", trusted) == "198.51.100.7"
    assert client_address("127.0.0.1", "not-an-ip", trusted) == "127.0.0.1"


def test_host_slots_hold_across_event_loops(redis_url: str) -> None:
    gate = shared.RedisHostGate(redis_url, per_host=2, delay=0, slot_ttl=30)
    inside: list[int] = []
    peak = [0]

    async def hold() -> None:
        async with gate.slot("http://example.org"):
            inside.append(1)
            peak[0] = max(peak[0], len(inside))
            await asyncio.sleep(0.05)
            inside.pop()

    async def many() -> None:
        await asyncio.gather(*(hold() for _ in range(6)))

    asyncio.run(many())
    assert peak[0] == 2

    spaced = shared.RedisHostGate(redis_url, per_host=4, delay=0.15, slot_ttl=30)

    async def three() -> float:
        start = time.monotonic()
        for _ in range(3):
            async with spaced.slot("http://example.net"):
                pass
        return time.monotonic() - start

    # A fresh event loop (as each task has) still sees the delay set by the last one.
    first = asyncio.run(three())
    assert first >= 0.28


def test_robots_answers_are_shared_through_redis_until_they_expire(redis_url: str) -> None:
    store = shared.RedisRobotsStore(redis_url)
    answer = (200, b"User-agent: *\nDisallow: /x\n\xff", None)

    async def put_then_get() -> tuple | None:
        await store.put("http://robots.example/robots.txt", answer, 0.4)
        return await store.get("http://robots.example/robots.txt")

    # Each task runs its own event loop: the answer is read from another one.
    asyncio.run(put_then_get())
    got = asyncio.run(store.get("http://robots.example/robots.txt"))
    assert got is not None and got[0] == answer and 0 < got[1] <= 0.4
    assert asyncio.run(store.get("http://other.example/robots.txt")) is None
    time.sleep(0.5)
    assert asyncio.run(store.get("http://robots.example/robots.txt")) is None
    # Redis unreachable: no answer (the fetcher fetches robots.txt itself), no exception.
    down = shared.RedisRobotsStore("redis://127.0.0.1:1/0")
    assert asyncio.run(down.get("http://robots.example/robots.txt")) is None
    asyncio.run(down.put("http://robots.example/robots.txt", answer, 10))


def test_lock_is_held_by_one_process_and_expires(redis_url: str, redis_server) -> None:  # type: ignore[no-untyped-def]
    client = redis_server.client()
    one = shared.Lock(client, "lock:test", ttl=0.5)
    two = shared.Lock(client, "lock:test", ttl=0.5)
    assert one.acquire() and not two.acquire()
    assert two.holder() == one.token
    assert one.renew() and not two.renew()
    time.sleep(0.7)  # the holder stopped renewing: it died
    assert two.acquire() and not one.renew()
    two.release()
    assert one.acquire()


def test_the_roles_need_a_broker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATELINE_BROKER_URL", raising=False)
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    for command in ("worker", "scheduler"):
        with pytest.raises(CommandError, match="DATELINE_BROKER_URL is not set"):
            call_command(command)


@pytest.mark.django_db
def test_a_task_naming_a_deleted_id_is_a_logged_no_op(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dateline.tasks import jobs

    # Inside the test's transaction the connection is not in autocommit, which Django takes as
    # unusable and closes (on PostgreSQL); a real worker's connection is in autocommit.
    monkeypatch.setattr(jobs, "close_old_connections", lambda: None)
    caplog.set_level(logging.INFO, logger="dateline.tasks")
    logging.getLogger("dateline").propagate = True
    try:
        assert jobs.fetch_source.run(987654) == {}
        assert jobs.geotag.run([987654, 987655]) == 0
        assert jobs.write.run([987654]) == []
    finally:
        logging.getLogger("dateline").propagate = False
    assert "[987654] no longer exist" in caplog.text
    assert "[987654, 987655] no longer exist" in caplog.text


def _redis_cache(url: str) -> dict:
    return {
        "default": {
            "BACKEND": "dateline.web.sharedcache.TolerantRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "dateline",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


def _fresh_caches() -> None:
    from django.core.cache import caches

    from dateline.web import cache as page_cache

    for alias in list(caches):
        caches[alias].close()
    page_cache.reset_local()


@pytest.mark.django_db
def test_two_web_nodes_share_pages_and_rate_limits_through_redis(redis_url: str) -> None:
    from django.core.cache import caches

    with override_settings(CACHES=_redis_cache(redis_url), TRUSTED_PROXIES=["127.0.0.1"]):
        _fresh_caches()
        node = Client()
        assert node.get("/").status_code == 200
        # The rendered page is in Redis, where every node finds it.
        import redis as redis_lib

        keys = [k.decode() for k in redis_lib.Redis.from_url(redis_url).keys("dateline:*")]
        assert keys, "nothing was cached in Redis"
        # A rate limit counted on one node is seen by another: the same Redis key.
        caches["default"].add("web:report-rate:198.51.100.7", 0, 60)
        assert caches["default"].incr("web:report-rate:198.51.100.7") == 1
        assert caches["default"].incr("web:report-rate:198.51.100.7") == 2
    _fresh_caches()


@pytest.mark.django_db
def test_the_site_keeps_serving_when_redis_is_down() -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # free, and nobody listens there
    dead = f"redis://127.0.0.1:{port}/0"
    with override_settings(CACHES=_redis_cache(dead)):
        _fresh_caches()
        client = Client()
        started = time.monotonic()
        assert client.get("/").status_code == 200
        assert client.get("/").status_code == 200
        assert client.get("/report/").status_code == 200
        assert time.monotonic() - started < 10
    _fresh_caches()
