"""The roles as real processes: a web node under gunicorn, and a worker whose broker is down."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.scale


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATELINE_", "CELERY_", "DATABASE_URL"))}
    env.update(DATELINE_DATA_DIR=str(tmp_path / "data"), PYTHONUNBUFFERED="1", **extra)
    return env


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def test_serve_answers_with_several_processes_sharing_a_redis_cache(tmp_path: Path, redis_url: str) -> None:
    env = _env(tmp_path, DATELINE_CACHE_URL=redis_url.replace("/0", "/1"))
    subprocess.run(
        [sys.executable, "-m", "dateline", "migrate", "--no-input", "-v0"], env=env, check=True, cwd=ROOT
    )
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "dateline", "serve", "--port", str(port), "--workers", "2"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        status = None
        while time.monotonic() < deadline and status is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as answer:
                    status = answer.status
                    assert b"Dateline" in answer.read()
            except OSError:
                assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
                time.sleep(0.3)
        assert status == 200
        # Two gunicorn processes serve the site (the master and its workers).
        import psutil

        assert len(psutil.Process(proc.pid).children()) == 2
        # The page went to the shared Redis cache, where other nodes find it.
        import redis

        assert redis.Redis.from_url(redis_url.replace("/0", "/1")).dbsize() > 0
    finally:
        _stop(proc)


def test_a_worker_says_which_broker_is_unreachable(tmp_path: Path) -> None:
    dead = f"redis://127.0.0.1:{_free_port()}/0"
    proc = subprocess.Popen(
        [sys.executable, "-m", "dateline", "worker"],
        env=_env(tmp_path, DATELINE_BROKER_URL=dead),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert f"the broker at {dead} is unreachable" in line and "retrying in" in line
    finally:
        _stop(proc)
