"""The clustering lock: one process at a time per database, released when its holder dies."""

from __future__ import annotations

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
