"""One clustering consumer at a time across the processes that share one database.

The clusterer keeps its story index in memory, so two processes clustering at once would
each miss the other's new stories and split or join coverage differently. Every process that
clusters (``dateline ingest``, ``dateline run``, ``dateline stories process``) takes this lock
first and builds its index from the database only once it holds it:

- SQLite: an exclusive ``flock`` on a file beside the database (``dateline.sqlite3.cluster-lock``);
- PostgreSQL: a session-level advisory lock (``pg_advisory_lock``).

Both are released by the operating system or the server when the holder dies, ``kill -9``
included. An in-memory SQLite database (tests) belongs to one process: a thread lock does.
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import DatabaseError, connection

log = logging.getLogger("dateline.pipeline")

#: PostgreSQL advisory lock key held while one process clusters (``ingest.STORE_LOCK`` + 1).
CLUSTER_LOCK = 0x0DA7E11F

_local = threading.Lock()


def lock_path(database_name: str) -> Path | None:
    """The lock file beside a SQLite database file, or None for an in-memory database."""
    name = str(database_name)
    if not name or name == ":memory:" or "mode=memory" in name:
        return None
    if name.startswith("file:"):
        name = name[len("file:") :].split("?", 1)[0]
    return Path(f"{name}.cluster-lock")


@contextmanager
def cluster_lock() -> Iterator[None]:
    """Hold the cross-process clustering lock of the default database for the block's length;
    wait for it (saying so once) while another process holds it."""
    if connection.vendor == "postgresql":
        with _advisory():
            yield
        return
    path = lock_path(connection.settings_dict["NAME"]) if connection.vendor == "sqlite" else None
    if path is None:
        with _local:
            yield
        return
    with _file_lock(path):
        yield


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.info("another process is clustering stories on this database: waiting for it")
            fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


@contextmanager
def _advisory() -> Iterator[None]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [CLUSTER_LOCK])
        if not cursor.fetchone()[0]:
            log.info("another process is clustering stories on this database: waiting for it")
            cursor.execute("SELECT pg_advisory_lock(%s)", [CLUSTER_LOCK])
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [CLUSTER_LOCK])
        except DatabaseError:  # the session is gone, and its lock with it
            log.warning("the clustering lock's connection was lost before it was released")
