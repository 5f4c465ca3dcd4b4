"""Two `dateline ingest` processes at once on one database: both succeed, nothing stored twice,
and the stories are the ones a single run makes.

Three outlets share wire copies (the same text under different URLs); two full ingests
(stories included) run at the same time against one SQLite file, or against the test
database when the suite runs on PostgreSQL. Both must exit 0 and store exactly what one
run stores: each distinct text once, each copy as an alias, every article in one story, and
the same stories (the same URLs together) as one `dateline ingest` alone on an empty database.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from dateline.project.settings import SQLITE_OPTIONS, database_config

DATELINE = [sys.executable, "-m", "dateline"]
OUTLETS = ("alpha", "bravo", "charlie")
OWN = 6  # articles of each outlet's own
WIRE = 4  # wire stories every outlet carries, each under its own URL

_VOCAB = (
    "minister parliament river harbour election storm vaccine grain tariff court strike drought border "
    "ceasefire refinery railway bridge council budget rally protest flood wildfire earthquake summit "
    "treaty currency port airport school hospital mayor governor senator army navy police village city "
    "north south east west coast valley island mountain desert farmers workers students doctors judges"
).split()


def _text(seed: str) -> str:
    rng = random.Random(seed)
    sentences = [" ".join(rng.choice(_VOCAB) for _ in range(14)).capitalize() + "." for _ in range(30)]
    return " ".join(sentences)


def _page(title: str, text: str) -> bytes:
    paragraphs = "".join(f"<p>{text[i : i + 600]}</p>" for i in range(0, len(text), 600))
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    ).encode()


def _site(base: str) -> dict[str, bytes]:
    routes: dict[str, bytes] = {}
    for outlet in OUTLETS:
        items = []
        stories = [(f"{outlet}-own-{i}", f"{outlet} own {i}") for i in range(OWN)]
        stories += [(f"wire-{i}", f"Wire story {i}") for i in range(WIRE)]
        for n, (seed, title) in enumerate(stories):
            path = f"/{outlet}/{n}.html"
            routes[path] = _page(title, _text(seed))
            items.append(
                f"<item><title>{title}</title><link>{base}{path}</link>"
                f"<pubDate>Mon, 18 Nov 2019 {9 + n:02d}:00:00 GMT</pubDate></item>"
            )
        routes[f"/{outlet}/feed.xml"] = (
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>{outlet}</title>'
            f"<link>{base}/{outlet}/</link>{''.join(items)}</channel></rss>"
        ).encode()
    routes["/robots.txt"] = b"User-agent: *\nAllow: /\n"
    return routes


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, bytes] = {}

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:
        body = self.routes.get(self.path)
        self.send_response(200 if body is not None else 404)
        kind = "application/rss+xml" if self.path.endswith(".xml") else "text/html; charset=utf-8"
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")


@pytest.fixture
def wire_site() -> Iterator[str]:
    handler = type("Handler", (_Handler,), {})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    handler.routes = _site(base)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


def _run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run([*DATELINE, *args], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"dateline {' '.join(args)} failed:\n{done.stderr[-3000:]}"
    return done.stdout


_REPORT = """
import json
from dateline.articles.models import Article, ArticleAlias
from dateline.stories.models import Story
# Each story as the sorted URLs of its articles and their aliases: which outlet's copy of a
# wire text is the article and which the alias depends on who stored it first.
together = {}
for url, story in Article.objects.values_list("url", "story_id"):
    together.setdefault(story, set()).add(url)
for url, story in ArticleAlias.objects.values_list("url", "article__story_id"):
    together.setdefault(story, set()).add(url)
print(json.dumps({
    "articles": Article.objects.count(),
    "keys": Article.objects.values("url_key").distinct().count(),
    "copies": ArticleAlias.objects.filter(kind="copy").count(),
    "unclustered": Article.objects.originals().filter(story__isnull=True).count(),
    "stories": Story.objects.count(),
    "together": sorted(sorted(urls) for story, urls in together.items() if story is not None),
}))
"""


def _ingest_at_once(env: dict[str, str], workers: int) -> dict[str, Any]:
    """``workers`` full ingests started together; the database's report once all have exited 0."""
    procs = [
        subprocess.Popen(
            [*DATELINE, "ingest", "--quiet"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(workers)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err[-3000:]
    report: dict[str, Any] = json.loads(_run(["shell", "-c", _REPORT], env).strip().splitlines()[-1])
    return report


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_two_ingests_at_once_store_exactly_one_runs_worth(tmp_path: Path, wire_site: str) -> None:
    env = {
        **os.environ,
        "DATELINE_DATA_DIR": str(tmp_path),
        "DATELINE_FETCH_ALLOWED_NETWORKS": "127.0.0.1",
        "DATELINE_FETCH_HOST_DELAY": "0",
        "DATELINE_FETCH_PER_HOST": "8",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if connection.vendor == "postgresql":
        # The subprocesses use this test's own database (flushed after the test).
        settings = connection.settings_dict
        env["DATABASE_URL"] = (
            f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST'] or 'localhost'}:"
            f"{settings['PORT'] or 5432}/{settings['NAME']}"
        )
    else:
        env.pop("DATABASE_URL", None)
        _run(["migrate", "--no-input", "-v0"], env)
    opml = tmp_path / "sources.opml"
    outlines = "".join(f'<outline type="rss" text="{o}" xmlUrl="{wire_site}/{o}/feed.xml"/>' for o in OUTLETS)
    opml.write_text(f'<?xml version="1.0"?><opml version="2.0"><body>{outlines}</body></opml>')
    _run(["sources", "import", str(opml)], env)
    single = _ingest_at_once(env, 1)
    _run(["flush", "--no-input", "-v0"], env)
    _run(["sources", "import", str(opml)], env)

    report = _ingest_at_once(env, 2)
    distinct = len(OUTLETS) * OWN + WIRE
    assert {k: v for k, v in single.items() if k != "together"} == {
        k: v for k, v in report.items() if k != "together"
    }
    # The same stories as one run: one clustering consumer at a time, each building its index
    # from what the other stored.
    assert report["together"] == single["together"]
    assert any(len(urls) > 1 for urls in report["together"])
    assert report["articles"] == distinct, report
    assert report["keys"] == distinct
    assert report["copies"] == (len(OUTLETS) - 1) * WIRE
    assert report["unclustered"] == 0
    assert 1 <= report["stories"] <= distinct


def test_every_sqlite_path_gets_wal_immediate_and_a_busy_timeout(tmp_path: Path) -> None:
    default = database_config("", tmp_path / "dateline.sqlite3")
    from_url = database_config(f"sqlite:///{tmp_path}/other.sqlite3", tmp_path / "unused.sqlite3")
    for config in (default, from_url):
        assert config["ENGINE"] == "django.db.backends.sqlite3"
        assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
        assert config["OPTIONS"]["timeout"] >= 30
        assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert str(from_url["NAME"]).endswith("other.sqlite3")
    postgres = database_config("postgres://u:p@db.example:5432/news", tmp_path / "unused.sqlite3")
    assert postgres["ENGINE"].endswith("postgresql") and "init_command" not in postgres.get("OPTIONS", {})
    assert SQLITE_OPTIONS["transaction_mode"] == "IMMEDIATE"
