"""The extraction pool's workers die with the process that started them, however it ends.

A ``ProcessPoolExecutor`` shuts its workers down on a clean exit, but after ``kill -9`` of
the parent they would wait forever for work that never comes (each holding a parsed
model's worth of memory). Every worker here runs a watchdog thread that checks once a
second whether its parent is still there (the pool's owner by pid, and its own parent
process, which changes when the forkserver that forked it is gone) and exits when not.

Free of Django, so workers import it cheaply.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import threading
import time

#: Seconds between two looks at the parent.
POLL_SECONDS = 1.0


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, someone else's: cannot be our parent, but do not guess
        return True
    try:  # a zombie is dead too (its parent has not reaped it yet)
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except OSError:
        return True


def _watch(owner: int, parent: int) -> None:
    while True:
        time.sleep(POLL_SECONDS)
        if os.getppid() != parent or not _alive(owner):
            os._exit(0)


def watch_parent(owner: int) -> None:
    """Pool initializer: exit this worker as soon as ``owner`` (or this worker's parent) is gone."""
    threading.Thread(target=_watch, args=(owner, os.getppid()), name="lifeline", daemon=True).start()


def new_pool(workers: int, preload: list[str] | None = None) -> concurrent.futures.ProcessPoolExecutor:
    """A process pool forked from a forkserver (``preload`` imported there once) whose workers
    exit when this process does, even after ``kill -9``."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["dateline.pipeline.lifeline", *(preload or [])])
    return concurrent.futures.ProcessPoolExecutor(
        max_workers=workers, mp_context=ctx, initializer=watch_parent, initargs=(os.getpid(),)
    )
