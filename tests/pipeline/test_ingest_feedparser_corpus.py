"""feedparser's own test feeds served as sources, beside the recorded web.

feedparser's source distribution carries some 2,200 test feeds: ill-formed XML, odd
encodings, every date format, entity tricks, compressed bodies, HTTP statuses and headers.
Here each one is a source, served over real HTTP with the headers its test case names (as
feedparser's own test server does), next to the recorded web's sources. ``dateline ingest``
must finish without an error, and every in-feed article of the recorded web must be stored
once, whatever the other 2,200 feeds hold.

The corpus is the ``tests`` folder of feedparser's unpacked source distribution, named by
``DATELINE_FEEDPARSER_TESTS``; CI fetches it (``.ci/run``); without it the test is skipped.
Names other than 127.0.0.1 are answered "no such host", so no entry reaches the internet.
"""

from __future__ import annotations

import json
import os
import re
import socket
import threading
from collections.abc import Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

import pytest
from django.core.management import call_command

from dateline.articles.models import Article, ArticleAlias
from dateline.sources.models import Source

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

_HEADER = re.compile(rb"^Header:\s+([^:]+):(.+)$", re.MULTILINE)
_TYPES = {".xml": "application/xml", ".gz": "application/xml", ".z": "application/xml"}


def corpus_files(root: Path) -> list[Path]:
    """Every test feed under feedparser's ``tests`` folder, in a stable order."""
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in _TYPES)


def served_headers(relative: str, body: bytes) -> tuple[int, dict[str, str]]:
    """The status and headers feedparser's test server sends for one file: compressed files by
    their name, the others from the ``Header: Name: value`` lines of their own comment."""
    if relative.startswith("compression/"):
        encoding = "gzip" if relative.endswith("gz") else "deflate"
        return 200, {"Content-Encoding": encoding, "Content-Type": "application/xml"}
    headers = {
        k.decode("utf-8", "replace").strip(): v.decode("utf-8", "replace").strip()
        for k, v in _HEADER.findall(body)
    }
    status = headers.pop("Status", "200")
    kind = headers.pop("Content-type", None) or headers.pop("Content-Type", None) or "application/xml"
    headers["Content-Type"] = kind
    return (int(status) if status.isdigit() else 200), headers


class _Server(ThreadingHTTPServer):
    request_queue_size = 128  # every feed on one origin: no connection waits for the accept loop


@pytest.fixture(scope="module")
def feedparser_tests() -> Path:
    named = os.environ.get("DATELINE_FEEDPARSER_TESTS", "")
    if not named:
        pytest.skip(
            "DATELINE_FEEDPARSER_TESTS is not set: name the tests/ folder of feedparser's unpacked "
            "source distribution (pip download feedparser --no-deps --no-binary :all:)"
        )
    root = Path(named)
    if not (root / "wellformed").is_dir() or not (root / "illformed").is_dir():
        pytest.skip(
            f"DATELINE_FEEDPARSER_TESTS={named} holds no feedparser tests/ folder (wellformed/, illformed/)"
        )
    return root


@pytest.fixture
def feedparser_site(feedparser_tests: Path) -> Iterator[tuple[str, list[str]]]:
    """feedparser's test feeds over HTTP on 127.0.0.1: the base URL and every feed's path."""
    root = feedparser_tests

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

        def do_GET(self) -> None:
            relative = self.path.split("?", 1)[0].lstrip("/")
            path = (root / relative).resolve()
            if relative == "robots.txt" or root not in path.parents or not path.is_file():
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = path.read_bytes()
            status, headers = served_headers(relative, body)
            if headers.get("ETag") and self.headers.get("If-None-Match") == headers["ETag"]:
                status, body = 304, b""
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = _Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    paths = [p.relative_to(root).as_posix() for p in corpus_files(root)]
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", paths
    finally:
        server.shutdown()
        server.server_close()


def in_feed_urls(corpus_dir: Path, base: str) -> list[str]:
    """The recorded web's articles that its feeds list (truth.jsonl), as served from ``base``."""
    rows = (json.loads(line) for line in (corpus_dir / "truth.jsonl").open())
    return [row["url"].replace("{BASE}", base) for row in rows if row["in_feed"]]


def stored_as(url: str) -> int | None:
    """The article a served URL was stored as: itself, or the article it is an alias of."""
    hit = Article.objects.filter(url=url).values_list("id", flat=True).first()
    if hit is not None:
        return hit
    return ArticleAlias.objects.filter(url=url).values_list("article_id", flat=True).first()


async def _only_loopback(host: str, port: int) -> Sequence[str]:
    """The feeds' links name example.org and the like: no such host here."""
    if host in ("localhost", "127.0.0.1"):
        return ["127.0.0.1"]
    raise socket.gaierror(socket.EAI_NONAME, f"{host}: no such host in this test")


def test_feedparser_test_feeds_beside_the_recorded_web(
    corpus_dir: Path,
    corpus_base: str,
    feedparser_site: tuple[str, list[str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATELINE_FETCH_ALLOWED_NETWORKS", "127.0.0.1")
    monkeypatch.setenv("DATELINE_FETCH_HOST_DELAY", "0")
    # As the other recorded-web tests: its server's listen queue is short.
    monkeypatch.setenv("DATELINE_FETCH_PER_HOST", "8")
    monkeypatch.setattr("dateline.sources.netguard._default_resolver", _only_loopback)
    monkeypatch.setattr("dateline.sources.pinned._default_resolver", _only_loopback)

    base, paths = feedparser_site
    assert len(paths) >= 2000, f"only {len(paths)} test feeds under DATELINE_FEEDPARSER_TESTS"
    call_command("sources", "import", f"{corpus_base}/sources.opml")
    recorded = set(Source.objects.values_list("id", flat=True))
    outlines = "".join(
        f"<outline type={quoteattr('rss')} text={quoteattr(p)} xmlUrl={quoteattr(f'{base}/{p}')}/>"
        for p in paths
    )
    opml = tmp_path / "feedparser.opml"
    opml.write_text(f'<?xml version="1.0"?><opml version="2.0"><body>{outlines}</body></opml>', "utf-8")
    call_command("sources", "import", str(opml))
    assert Source.objects.count() == len(recorded) + len(paths)

    # The command as an operator runs it; it raises (exit status 1) on any error that escapes.
    problems = tmp_path / "problems.tsv"
    call_command("ingest", "--quiet", "--no-stories", "--problems-file", str(problems))

    in_feed = in_feed_urls(corpus_dir, corpus_base)
    missing = [url for url in in_feed if stored_as(url) is None]
    assert not missing, f"{len(missing)} in-feed articles of the recorded web not stored, e.g. {missing[:3]}"
    # Stored once, and never taken for a copy of one of feedparser's test entries.
    from_recorded = Article.objects.filter(source_id__in=recorded)
    assert from_recorded.count() <= len(in_feed)
    foreign = [url for url in in_feed if not from_recorded.filter(id=stored_as(url)).exists()]
    assert not foreign, f"{len(foreign)} recorded-web articles filed under other sources, e.g. {foreign[:3]}"
    # Every recorded-web source is healthy; feedparser's feeds stored what they could.
    assert not Source.objects.filter(id__in=recorded, consecutive_failures__gt=0).exists()
    assert Article.objects.exclude(source_id__in=recorded).exists()
    assert problems.is_file()
