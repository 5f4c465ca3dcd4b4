"""`kill -9` in the middle of an ingest, then another ingest: nothing lost, nothing twice."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="reads the SQLite file directly"),
]
DATELINE = [sys.executable, "-m", "dateline"]


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*DATELINE, *args], env=env, capture_output=True, text=True, timeout=600, check=True
    )


def count(db: Path, table: str) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_kill_during_ingest_then_resume(tmp_path: Path, corpus_dir: Path, corpus_base: str) -> None:
    env = {
        **os.environ,
        "DATELINE_DATA_DIR": str(tmp_path),
        "DATELINE_FETCH_ALLOWED_NETWORKS": "127.0.0.1",
        "DATELINE_FETCH_HOST_DELAY": "0",
        "DATELINE_FETCH_PER_HOST": "8",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    db = tmp_path / "dateline.sqlite3"
    run(["migrate", "--no-input", "-v0"], env)
    run(["sources", "import", f"{corpus_base}/sources.opml"], env)

    proc = subprocess.Popen(
        [*DATELINE, "ingest", "--quiet", "--no-stories"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    while count(db, "articles_article") < 150 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    killed_at = count(db, "articles_article")
    assert 0 < killed_at

    run(["ingest", "--quiet", "--no-stories"], env)
    truth = [json.loads(line) for line in (corpus_dir / "truth.jsonl").open()]
    in_feed = {row["url"].replace("{BASE}", corpus_base) for row in truth if row["in_feed"]}
    with sqlite3.connect(db) as conn:
        articles = dict(conn.execute("SELECT url, id FROM articles_article").fetchall())
        aliases = dict(conn.execute("SELECT url, article_id FROM articles_articlealias").fetchall())
        keys = [k for (k,) in conn.execute("SELECT url_key FROM articles_article")]
    assert len(keys) == len(set(keys)), "an article stored twice"
    assert len(articles) == len(set(articles.values()))
    missing = [url for url in in_feed if url not in articles and url not in aliases]
    assert not missing, f"lost after kill -9: {missing[:3]}"
    assert len(articles) >= 0.95 * len(in_feed)
    assert len(articles) + len({u for u in aliases if u in in_feed and u not in articles}) == len(in_feed)

    # A third run stores nothing new.
    before = len(articles)
    run(["ingest", "--quiet", "--no-stories"], env)
    assert count(db, "articles_article") == before
