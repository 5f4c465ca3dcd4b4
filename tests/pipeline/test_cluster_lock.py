"""The clustering lock: one process at a time per database, released when its holder dies."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection, connections

from dateline.pipeline import locks

_TRY = """
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
try:
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
except BlockingIOError:
    print("held")
else:
    print("free")
"""


def _other_process_finds(path: Path) -> str:
    return subprocess.run(
        [sys.executable, "-c", _TRY, str(path)], capture_output=True, text=True
    ).stdout.strip()


def test_lock_file_sits_beside_the_sqlite_file(tmp_path: Path) -> None:
    assert locks.lock_path(str(tmp_path / "dateline.sqlite3")) == tmp_path / "dateline.sqlite3.cluster-lock"
    assert locks.lock_path("file:/srv/x.sqlite3?mode=rwc") == Path("/srv/x.sqlite3.cluster-lock")
    assert locks.lock_path(":memory:") is None
    assert locks.lock_path("file:memorydb_default?mode=memory&cache=shared") is None


def test_file_lock_excludes_another_process_until_released(tmp_path: Path) -> None:
    path = tmp_path / "dateline.sqlite3.cluster-lock"
    with locks._file_lock(path):
        assert _other_process_finds(path) == "held"
    assert _other_process_finds(path) == "free"


@pytest.mark.django_db(transaction=True)
def test_cluster_lock_excludes_another_session() -> None:
    if connection.vendor != "postgresql":
        with locks.cluster_lock():
            assert locks._local.locked()
        assert not locks._local.locked()
        return
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            with locks.cluster_lock():
                cursor.execute("SELECT pg_try_advisory_lock(%s)", [locks.CLUSTER_LOCK])
                assert cursor.fetchone()[0] is False
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [locks.CLUSTER_LOCK])
            assert cursor.fetchone()[0] is True
            cursor.execute("SELECT pg_advisory_unlock(%s)", [locks.CLUSTER_LOCK])
    finally:
        other.close()


@pytest.mark.django_db
def test_waiting_articles_in_publication_order_whoever_stored_them() -> None:
    from dateline.articles.models import Article
    from dateline.pipeline.stages import pending_in_order
    from dateline.sources.models import Source

    source = Source.objects.create(name="a", feed_url="https://a.example/feed")
    t0 = dt.datetime(2019, 11, 18, 9, tzinfo=dt.UTC)

    def stored(key: str, published: dt.datetime | None, fetched: dt.datetime = t0) -> int:
        return Article.objects.create(
            source=source,
            triage="news",
            geotagged_at=t0,
            url=f"https://a.example/{key}",
            url_key=f"https://a.example/{key}",
            title=key,
            fetched_at=fetched,
            published_at=published,
        ).id

    # Stored in an order another worker might have chosen: ids do not decide.
    undated_late = stored("u2", None, t0 + dt.timedelta(hours=2))
    later = stored("z", t0 + dt.timedelta(hours=1))
    same_b = stored("b", t0)
    undated_early = stored("u1", None, t0 + dt.timedelta(hours=1))
    same_a = stored("a", t0)
    assert pending_in_order() == [same_a, same_b, later, undated_early, undated_late]
