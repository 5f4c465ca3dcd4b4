"""The fetcher against the hostile server, mock transports and the recorded web."""

import asyncio
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from hostile_server import FEED_ETAG, FEED_LAST_MODIFIED, HostileServer

from dateline.sources.feeds import parse_feed
from dateline.sources.fetch import Fetcher, FetchRequest, FetchSettings, default_user_agent

UA = default_user_agent("https://dateline.example")
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def settings(**overrides):
    base = dict(
        user_agent=UA,
        connect_timeout=1,
        read_timeout=0.3,
        deadline=1.0,
        max_bytes=1_000_000,
        per_host_delay=0,
        allowed_networks=("127.0.0.1",),
    )
    return FetchSettings(**(base | overrides))


async def fetch_one(url, fetch_settings=None, **kwargs):
    async with Fetcher(fetch_settings or settings()) as fetcher:
        return await fetcher.fetch(url, **kwargs)


def run(coro):
    return asyncio.run(coro)


@pytest.fixture(scope="module")
def hostile():
    with HostileServer(slow_seconds=3) as server:
        yield server


def test_user_agent_is_honest():
    assert re.fullmatch(r"Dateline/[\w.]+ \(\+https://dateline\.example; news aggregator\)", UA)


def test_healthy_feed_then_conditional_get_costs_one_304(hostile):
    async def go():
        async with Fetcher(settings()) as fetcher:
            first = await fetcher.fetch(hostile.url("/feed.xml"))
            by_etag = await fetcher.fetch(hostile.url("/feed.xml"), etag=first.etag)
            by_date = await fetcher.fetch(hostile.url("/feed.xml"), last_modified=first.last_modified)
            return first, by_etag, by_date

    first, by_etag, by_date = run(go())
    assert first.ok and first.status == 200 and first.body.startswith(b"<?xml")
    assert (first.etag, first.last_modified) == (FEED_ETAG, FEED_LAST_MODIFIED)
    assert first.content_type == "application/rss+xml; charset=utf-8"
    for again in (by_etag, by_date):
        assert again.ok and again.not_modified and again.status == 304 and again.body == b""
        assert again.etag == FEED_ETAG
    sent = [r for r in hostile.requests if r.path == "/feed.xml"][-3:]
    assert all(r.headers["user-agent"] == UA for r in sent)
    assert sent[1].headers["if-none-match"] == FEED_ETAG
    assert sent[2].headers["if-modified-since"] == FEED_LAST_MODIFIED


def test_robots_disallow_is_honoured_and_robots_fetched_once_per_host():
    with HostileServer() as server:

        async def go():
            async with Fetcher(settings()) as fetcher:
                return await asyncio.gather(
                    fetcher.fetch(server.url("/private/page.html")),
                    fetcher.fetch(server.url("/article.html")),
                    fetcher.fetch(server.url("/feed.xml")),
                )

        private, article, feed = run(go())
        assert private.error == "refused: disallowed by robots.txt" and private.status is None
        assert article.ok and feed.ok
        assert server.hits("/robots.txt") == 1
        assert server.hits("/private/page.html") == 0
        # robots off: the same page is fetched
        assert run(fetch_one(server.url("/private/page.html"), settings(respect_robots=False))).ok


def _robots_transport(robots_status, seen):
    def handler(request):
        seen.append(request.url.path)
        if request.url.path == "/robots.txt":
            return httpx.Response(robots_status, text="User-agent: *\nDisallow: /\n")
        return httpx.Response(200, text="hello")

    return httpx.MockTransport(handler)


async def _public(host, port):
    return ["93.184.216.34"]


@pytest.mark.parametrize(
    ("status", "allowed"), [(200, False), (404, True), (403, True), (500, False), (503, False)]
)
def test_robots_status_rules_rfc9309(status, allowed):
    seen = []
    fetcher = Fetcher(settings(), transport=_robots_transport(status, seen), resolver=_public)

    async def go():
        async with fetcher:
            return await fetcher.fetch("https://news.example/story")

    result = run(go())
    assert result.ok is allowed
    if not allowed:
        assert result.error.startswith("refused: disallowed by robots.txt")
        assert "/story" not in seen
    if status >= 500:
        assert "robots.txt unreachable (HTTP" in result.error


def test_read_timeout_is_reported(hostile):
    result = run(fetch_one(hostile.url("/slow")))
    assert result.error == "timed out after 0.3 s waiting for data"
    assert result.status is None and not result.ok and result.elapsed < 1.0


def test_dribbling_server_hits_the_total_deadline(hostile):
    started = time.monotonic()
    result = run(fetch_one(hostile.url("/dribble")))
    assert result.error == "timed out after 1 s (total deadline)"
    assert time.monotonic() - started < 2.0


def test_server_error_and_rate_limits_are_reported(hostile):
    async def go():
        async with Fetcher(settings()) as fetcher:
            return await fetcher.fetch_many(
                [
                    hostile.url("/status/500"),
                    hostile.url("/rate-limited"),
                    FetchRequest(hostile.url("/unavailable")),
                ]
            )

    error, limited, unavailable = run(go())
    assert error.status == 500 and error.error.startswith("HTTP 500") and error.retry_after is None
    assert limited.status == 429 and limited.retry_after == 120.0 and "retry after 120 s" in limited.error
    assert unavailable.status == 503 and unavailable.retry_after == 3600.0


@pytest.mark.parametrize("path", ["/huge", "/huge-unannounced", "/gzip-bomb"])
def test_body_cap_stops_reading(hostile, path):
    started = time.monotonic()
    result = run(fetch_one(hostile.url(path)))
    assert result.error is not None and result.error.startswith("body larger than 1 MB")
    assert result.body == b"" and not result.ok
    assert time.monotonic() - started < 1.0  # it stopped early: 20 MB was never read


def test_redirects_followed_and_recorded(hostile):
    result = run(fetch_one(hostile.url("/redirect/3")))
    assert result.ok and result.final_url == hostile.url("/feed.xml")
    assert result.redirects == tuple(hostile.url(p) for p in ("/redirect/2", "/redirect/1", "/feed.xml"))
    relative = run(fetch_one(hostile.url("/redirect-relative")))
    assert relative.ok and relative.final_url == hostile.url("/feed.xml")


def test_redirect_loop_and_too_many_redirects(hostile):
    loop = run(fetch_one(hostile.url("/loop/a")))
    assert loop.error.startswith("redirect loop") and not loop.ok
    many = run(fetch_one(hostile.url("/redirect/9"), settings(max_redirects=3)))
    assert many.error == "too many redirects (more than 3)"


def test_per_host_concurrency_limit():
    in_flight = {"now": 0, "max": 0}

    async def handler(request):
        in_flight["now"] += 1
        in_flight["max"] = max(in_flight["max"], in_flight["now"])
        await asyncio.sleep(0.02)
        in_flight["now"] -= 1
        return httpx.Response(200, text="ok")

    async def go():
        fetcher = Fetcher(
            settings(per_host_concurrency=2, respect_robots=False),
            transport=httpx.MockTransport(handler),
            resolver=_public,
        )
        async with fetcher:
            return await fetcher.fetch_many([f"https://one.example/{i}" for i in range(10)])

    results = run(go())
    assert all(r.ok for r in results)
    assert [r.url for r in results] == [f"https://one.example/{i}" for i in range(10)]
    assert in_flight["max"] == 2


def test_per_host_delay_spaces_requests_but_not_other_hosts():
    starts: dict[str, list[float]] = {}

    def handler(request):
        starts.setdefault(request.url.host, []).append(time.monotonic())
        return httpx.Response(200, text="ok")

    async def go():
        fetcher = Fetcher(
            settings(per_host_delay=0.1, respect_robots=False, per_host_concurrency=4),
            transport=httpx.MockTransport(handler),
            resolver=_public,
        )
        async with fetcher:
            urls = [f"https://{h}.example/{i}" for i in range(3) for h in ("a", "b")]
            await fetcher.fetch_many(urls)

    run(go())
    for times in starts.values():
        gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
        assert len(times) == 3 and min(gaps) >= 0.09
    assert abs(starts["a.example"][0] - starts["b.example"][0]) < 0.05  # hosts do not wait for each other


def test_connection_refused_is_an_error_not_an_exception():
    with HostileServer() as server:
        url = server.url("/feed.xml")
    result = run(fetch_one(url))  # the server is gone now
    assert result.status is None and result.error.startswith(("could not connect", "refused: disallowed"))


# -- the recorded web -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def recorded_web():
    serve = SHARED / "corpus" / "serve.py"
    if not serve.exists():
        pytest.skip(f"recorded web not found at {serve}")
    proc = subprocess.Popen([sys.executable, str(serve), "--port", "0"], stdout=subprocess.PIPE, text=True)  # noqa: S603
    try:
        line = proc.stdout.readline().strip()
        assert line.startswith("serving "), line
        yield line.removeprefix("serving ")
    finally:
        proc.terminate()
        proc.wait(timeout=5)


def test_recorded_feed_etag_then_304(recorded_web):
    url = f"{recorded_web}/bgr.com/feed.xml"

    async def go():
        async with Fetcher(settings()) as fetcher:
            first = await fetcher.fetch(url)
            again = await fetcher.fetch(url, etag=first.etag, last_modified=first.last_modified)
            return first, again

    first, again = run(go())
    assert first.ok and first.etag and first.last_modified
    feed = parse_feed(first.body, content_type=first.content_type, url=first.final_url)
    assert feed.problem is None and feed.entries[0].url.startswith(recorded_web + "/bgr.com/")
    assert again.not_modified and again.status == 304 and again.body == b""


def test_recorded_web_all_feeds(recorded_web):
    hosts = sorted(p.name for p in (SHARED / "corpus" / "sites").iterdir() if (p / "feed.xml").exists())

    async def go():
        async with Fetcher(
            settings(
                per_host_concurrency=16, connect_timeout=10, deadline=30, read_timeout=10, max_bytes=5_000_000
            )
        ) as f:
            return await f.fetch_many(f"{recorded_web}/{host}/feed.xml" for host in hosts)

    results = run(go())
    assert len(results) == len(hosts) > 300
    assert [r.error for r in results if not r.ok] == []


def test_robots_crawl_delay_spaces_requests_up_to_a_cap(monkeypatch):
    # robots.txt asks for 5 s; the cap (lowered here to keep the test fast) wins.
    monkeypatch.setattr("dateline.sources.fetch.MAX_CRAWL_DELAY", 0.15)
    starts = []

    def handler(request):
        if request.url.path == "/robots.txt":
            return httpx.Response(200, text="User-agent: *\nCrawl-delay: 5\n")
        starts.append(time.monotonic())
        return httpx.Response(200, text="ok")

    async def go():
        async with Fetcher(settings(), transport=httpx.MockTransport(handler), resolver=_public) as fetcher:
            return await fetcher.fetch_many([f"https://slowly.example/{i}" for i in range(3)])

    assert all(r.ok for r in run(go()))
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert 0.14 <= min(gaps) and max(gaps) < 1


@pytest.mark.parametrize("url", ["http://exa mple.example/", "http://[::1/", "ftp://x.example/", "not a url"])
def test_bad_urls_are_errors_not_exceptions(url):
    result = run(fetch_one(url, settings(allow_private=True)))
    assert result.status is None and result.error and not result.ok
