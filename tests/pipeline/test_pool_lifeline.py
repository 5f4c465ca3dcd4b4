"""`kill -9` of the process that owns the extraction pool: no worker outlives it for long."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

OWNER = """
import sys
from dateline.pipeline.lifeline import new_pool
pool = new_pool(2)
assert list(pool.map(abs, [-1, -2, -3, -4])) == [1, 2, 3, 4]
print(" ".join(str(pid) for pid in pool._processes), flush=True)
sys.stdin.read()  # wait to be killed
"""


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[-1].split()[0] == "Z"
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc to see which processes are left")
def test_workers_exit_within_seconds_of_a_kill_9_of_their_owner() -> None:
    owner = subprocess.Popen(
        [sys.executable, "-c", OWNER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert owner.stdout is not None
        workers = [int(pid) for pid in owner.stdout.readline().split()]
        assert len(workers) == 2 and not any(_gone(pid) for pid in workers)
        os.kill(owner.pid, signal.SIGKILL)
        owner.wait()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not all(_gone(pid) for pid in workers):
            time.sleep(0.1)
        left = [pid for pid in workers if not _gone(pid)]
        assert not left, f"workers still running 5 s after kill -9 of their owner: {left}"
    finally:
        if owner.poll() is None:
            owner.kill()
            owner.wait()
