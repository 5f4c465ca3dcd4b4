"""Fault boundaries: one malformed item, header or link never stops the ingest of the others.

Each hostile input below once made ``dateline ingest`` store nothing at all. Served from a
real HTTP server on 127.0.0.1 beside a healthy feed, each must now be recorded on its
source (or skipped as one item) while everything else is stored.
"""

from __future__ import annotations

import io
import logging
import random
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.core.management import call_command

from dateline.articles.models import Article
from dateline.pipeline.ingest import IngestSummary, Store, ingest, problem_kind
from dateline.sources.models import Source

pytestmark = pytest.mark.django_db(transaction=True)

_WORDS = (
    "The river authority said the water level at the northern gauge rose by two metres during the night "
    "while engineers reinforced the embankment near the old mill and volunteers filled sandbags in the "
    "market square as the mayor asked residents of the lower town to move their cars to higher ground "
).split()


def _long_text(n: int, seed: int) -> str:
    rng = random.Random(seed)  # different articles: far apart as near-duplicate fingerprints
    return " ".join(rng.choice(_WORDS) for _ in range(n))


def _page(canonical: str, seed: int) -> bytes:
    paragraphs = "".join(f"<p>{_long_text(65, seed * 10 + k)}.</p>" for k in range(6))
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Story {seed}</title>'
        f'<link rel="canonical" href="{canonical}"></head><body><article><h1>Story {seed}</h1>'
        f"{paragraphs}</article></body></html>"
    ).encode()


def _rss(*links: str) -> bytes:
    items = "".join(
        f"<item><title>Item {i}</title><link>{link}</link><description>Feed text {i}.</description></item>"
        for i, link in enumerate(links)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode()
    )


def _routes(base: str) -> dict[str, tuple[int, dict[str, str], bytes]]:
    rss = "application/rss+xml"
    json_feed = "application/feed+json"
    ok = {"content-type": "text/html; charset=utf-8"}
    return {
        "/healthy.xml": (200, {"content-type": rss}, _rss(f"{base}/a/1.html", f"{base}/a/2.html")),
        "/a/1.html": (200, ok, _page(f"{base}/a/1.html", 1)),
        "/a/2.html": (200, ok, _page(f"{base}/a/2.html", 2)),
        # An item's link with a port out of range, next to a good one.
        "/bad-port.xml": (
            200,
            {"content-type": rss},
            _rss("http://example.com:99999/story", f"{base}/b/1.html"),
        ),
        "/b/1.html": (200, ok, _page(f"{base}/b/1.html", 3)),
        "/bad-bracket.xml": (200, {"content-type": rss}, _rss("http://[/", f"{base}/c/1.html")),
        "/c/1.html": (200, ok, _page(f"{base}/c/1.html", 4)),
        "/json-ipv6.json": (
            200,
            {"content-type": json_feed},
            (
                '{"version": "https://jsonfeed.org/version/1.1", "items": ['
                '{"id": "x", "url": "http://[::1/story"},'
                f'{{"id": "d1", "url": "{base}/d/1.html", "content_text": "Feed text."}}]}}'
            ).encode(),
        ),
        "/d/1.html": (200, ok, _page(f"{base}/d/1.html", 5)),
        "/json-authors.json": (200, {"content-type": json_feed}, b'{"items":[{"authors":1}]}'),
        "/json-content.json": (200, {"content-type": json_feed}, b'{"items":[{"content_html":[null]}]}'),
        # Over the size cap, with a Retry-After that is a superscript two.
        "/huge-retry.xml": (200, {"content-type": rss, "retry-after": "\xb2"}, b"<rss>" + b" " * 300_000),
        "/unavailable.xml": (503, {"retry-after": "\xb2"}, b""),
        # A page whose canonical link is garbage: its text must be kept.
        "/canonical.xml": (200, {"content-type": rss}, _rss(f"{base}/e/1.html")),
        "/e/1.html": (200, ok, _page("http://[x", 6)),
        "/bomb.xml": (
            200,
            {"content-type": rss},
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>'
            b'<rss version="2.0"><channel><title>&b;</title></channel></rss>',
        ),
        "/not-a-feed.xml": (200, ok, b"<html><body><p>Welcome to our home page.</p></body></html>"),
    }


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:
        status, headers, body = self.routes.get(self.path, (404, {}, b"not found"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def faulty_base(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("DATELINE_FETCH_ALLOWED_NETWORKS", "127.0.0.1")
    monkeypatch.setenv("DATELINE_FETCH_HOST_DELAY", "0")
    monkeypatch.setenv("DATELINE_FETCH_PER_HOST", "8")
    monkeypatch.setenv("DATELINE_FETCH_MAX_BYTES", "200000")
    monkeypatch.setenv("DATELINE_FETCH_ROBOTS", "false")
    handler = type("Handler", (_Handler,), {})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    handler.routes = _routes(base)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


def _run(base: str, *paths: str) -> tuple[IngestSummary, dict[str, Source]]:
    sources = {p: Source.objects.create(name=p, feed_url=f"{base}{p}") for p in paths}
    summary = ingest(workers=1)
    for source in sources.values():
        source.refresh_from_db()
    return summary, sources


def test_each_hostile_input_is_contained_and_the_rest_is_stored(faulty_base: str) -> None:
    summary, sources = _run(
        faulty_base,
        "/healthy.xml",
        "/bad-port.xml",
        "/bad-bracket.xml",
        "/json-ipv6.json",
        "/json-authors.json",
        "/json-content.json",
        "/huge-retry.xml",
        "/unavailable.xml",
        "/canonical.xml",
    )
    stored = set(Article.objects.values_list("url", flat=True))
    for path in ("/a/1.html", "/a/2.html", "/b/1.html", "/c/1.html", "/d/1.html", "/e/1.html"):
        assert f"{faulty_base}{path}" in stored, path
    assert not any("99999" in url or "[" in url for url in stored)
    for path in ("/healthy.xml", "/bad-port.xml", "/bad-bracket.xml", "/json-ipv6.json", "/canonical.xml"):
        assert sources[path].consecutive_failures == 0, (path, sources[path].last_error)

    huge = sources["/huge-retry.xml"]
    assert "larger than" in huge.last_error and huge.consecutive_failures == 1
    unavailable = sources["/unavailable.xml"]
    assert "503" in unavailable.last_error and "invalid URL" not in unavailable.last_error
    assert unavailable.consecutive_failures == 1

    # The garbage canonical link costs the link, not the page's text.
    article = Article.objects.get(url=f"{faulty_base}/e/1.html")
    assert article.text_from == Article.TextFrom.PAGE and len(article.text.split()) >= 300
    assert article.canonical_url == ""
    assert summary.sources_failed >= 2
    assert not any(problem_kind(m) == "internal error" for _, m in summary.failures), summary.failures


def test_refused_and_non_feeds_mark_their_source_failing(faulty_base: str, tmp_path: Any) -> None:
    problems = tmp_path / "problems.tsv"
    out = io.StringIO()
    paths = ("/healthy.xml", "/bomb.xml", "/not-a-feed.xml", "/unavailable.xml")
    sources = {p: Source.objects.create(name=p, feed_url=f"{faulty_base}{p}") for p in paths}
    call_command("ingest", "--no-stories", "--quiet", "--problems-file", str(problems), stdout=out)
    failing = set(Source.objects.failing().values_list("feed_url", flat=True))
    assert failing == {f"{faulty_base}{p}" for p in paths[1:]}
    for path, words in (("/bomb.xml", "entit"), ("/not-a-feed.xml", "not a feed")):
        source = sources[path]
        source.refresh_from_db()
        assert words in source.last_error and source.consecutive_failures == 1
        assert source.next_fetch_at is not None and source.next_fetch_at > source.last_fetch_at
        assert not source.healthy
    lines = problems.read_text().splitlines()
    kinds = {line.split("\t")[0] for line in lines}
    assert {"refused feed", "not a feed", "server error"} <= kinds, lines
    assert "3 problems" in out.getvalue() or f"{len(lines)} problems" in out.getvalue()


def test_a_bug_in_one_entry_is_logged_once_and_recorded(
    faulty_base: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    real_store = Store.store

    def store(self: Store, source: Source, entry: Any, *args: Any) -> str:
        if entry.url.endswith("/a/2.html"):
            raise RuntimeError("boom in store")
        return real_store(self, source, entry, *args)

    monkeypatch.setattr(Store, "store", store)
    with caplog.at_level(logging.ERROR, logger="dateline.ingest"):
        summary, sources = _run(faulty_base, "/healthy.xml", "/bad-port.xml")
    assert set(Article.objects.values_list("url", flat=True)) == {
        f"{faulty_base}/a/1.html",
        f"{faulty_base}/b/1.html",
    }
    tracebacks = [r for r in caplog.records if r.exc_info and "boom in store" in str(r.exc_info[1])]
    assert len(tracebacks) == 1
    healthy = sources["/healthy.xml"]
    assert "boom in store" in healthy.feed_problem
    assert [problem_kind(m) for _, m in summary.failures] == ["internal error"]
