"""Real parts for the scale-out tests: a redis-server and a PostgreSQL server on free local
ports, started here (skipped with a message where the binaries are absent), and the
``dateline`` roles as real processes."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATELINE = [sys.executable, "-m", "dateline"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_port(port: int, proc: subprocess.Popen, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"{what} exited with {proc.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    pytest.fail(f"{what} did not listen on {port} within {timeout} s")


@dataclass
class Redis:
    url: str
    port: int
    proc: subprocess.Popen

    def client(self):  # type: ignore[no-untyped-def]
        import redis

        return redis.Redis.from_url(self.url)


def start_redis(port: int | None = None) -> Redis:
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port = port or free_port()
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _wait_port(port, proc, "redis-server")
    return Redis(f"redis://127.0.0.1:{port}/0", port, proc)


@pytest.fixture(scope="session")
def redis_server() -> Iterator[Redis]:
    server = start_redis()
    try:
        yield server
    finally:
        server.proc.terminate()
        server.proc.wait(timeout=10)


@pytest.fixture
def redis_url(redis_server: Redis) -> str:
    redis_server.client().flushall()
    return redis_server.url


def _pg_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: p.parts[-3])
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    """A throwaway PostgreSQL server; yields a URL without the database name."""
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    base = Path(tempfile.mkdtemp(prefix="dateline-scale-pg-"))
    port = free_port()
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses root: run the server as the postgres user
        if shutil.which("runuser") is None:
            pytest.skip("running as root without runuser: cannot start PostgreSQL")
        shutil.chown(base, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    subprocess.run(
        [*as_user, str(bindir / "initdb"), "-D", str(base / "data"), "-A", "trust", "-U", "postgres"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    subprocess.run(
        [
            *as_user,
            str(bindir / "pg_ctl"),
            "-D",
            str(base / "data"),
            "-o",
            f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100",
            "-l",
            str(base / "log"),
            "-w",
            "start",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    try:
        yield f"postgres://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(
            [*as_user, str(bindir / "pg_ctl"), "-D", str(base / "data"), "-m", "immediate", "stop"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(base, ignore_errors=True)


_databases = [0]


@pytest.fixture
def database(postgres: str) -> str:
    """A fresh database on the throwaway server."""
    import psycopg

    _databases[0] += 1
    name = f"scale{os.getpid()}_{_databases[0]}"
    with psycopg.connect(f"{postgres}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{postgres}/{name}"


@dataclass
class Desk:
    """The ``dateline`` roles as processes, on one database and one broker."""

    env: dict[str, str]
    logs: Path
    procs: list[subprocess.Popen] = field(default_factory=list)

    def run(self, *args: str, timeout: float = 300) -> str:
        done = subprocess.run(
            [*DATELINE, *args], env=self.env, capture_output=True, text=True, timeout=timeout, cwd=ROOT
        )
        assert done.returncode == 0, f"dateline {' '.join(args)}: {done.stderr[-3000:]}"
        return done.stdout

    def start(self, name: str, *args: str) -> subprocess.Popen:
        log = (self.logs / f"{name}.log").open("w")
        proc = subprocess.Popen(
            [*DATELINE, *args],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            start_new_session=True,
        )
        self.procs.append(proc)
        return proc

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text()

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()

    def snapshot(self) -> dict:
        """Articles and stories as plain data, ids aside (see tests/scale/snapshot.py)."""
        out = self.run("shell", "-c", SNAPSHOT)
        return json.loads(out.strip().splitlines()[-1])


# Run by `dateline shell -c`: stories as sets of article URLs (with their aliases), ids aside.
SNAPSHOT = """
import json
from collections import Counter
from dateline.articles.models import Article, ArticleAlias
from dateline.stories.models import Story
aliases = {}
for article_id, url in ArticleAlias.objects.values_list("article_id", "url"):
    aliases.setdefault(article_id, []).append(url)
stories = {}
for a in Article.objects.all():
    if a.story_id is not None:
        stories.setdefault(a.story_id, []).extend([a.url, *aliases.get(a.id, [])])
headlines = {s.id: s.headline for s in Story.objects.all()}
print(json.dumps({
    "articles": sorted(Article.objects.values_list("url", flat=True)),
    "aliases": sorted(ArticleAlias.objects.values_list("url", flat=True)),
    "url_keys_twice": [k for k, n in Counter(Article.objects.values_list("url_key", flat=True)).items() if n > 1],
    "unclustered": Article.objects.news().filter(story__isnull=True).count(),
    "stories": sorted(sorted(set(urls)) for urls in stories.values()),
    "headlines": sorted(headlines.values()),
}))
"""


@pytest.fixture
def subset_opml(corpus_dir: Path, corpus_base: str, tmp_path: Path) -> tuple[Path, list[str]]:
    """An OPML of a few dozen recorded outlets covering multi-outlet events (written to tmp)."""
    sources = json.loads((corpus_dir / "sources.json").read_text())
    chosen = [s for s in sources if "giveme5w1h-news-cluster" in s["datasets"] and s["in_feed"] <= 12][:40]
    lines = [
        f'<outline type="rss" text="{s["title"]}" xmlUrl="{s["xmlUrl"].replace("{BASE}", corpus_base)}"/>'
        for s in chosen
    ]
    path = tmp_path / "sources.opml"
    path.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>subset</title></head><body>'
        + "".join(lines)
        + "</body></opml>"
    )
    return path, [s["host"] for s in chosen]


def desk_env(tmp_path: Path, database: str, broker: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATELINE_", "CELERY_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="dateline.project.settings",
        DATABASE_URL=database,
        DATELINE_BROKER_URL=broker,
        DATELINE_DATA_DIR=str(tmp_path / "data"),
        DATELINE_FETCH_ALLOWED_NETWORKS="127.0.0.1",
        DATELINE_FETCH_HOST_DELAY="0",
        DATELINE_FETCH_PER_HOST="8",
        DATELINE_INGEST_EVERY="3600",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


@pytest.fixture
def make_desk(tmp_path: Path) -> Iterator:
    desks: list[Desk] = []

    def make(database: str, broker: str, name: str = "desk", **extra: str) -> Desk:
        logs = tmp_path / name
        logs.mkdir(exist_ok=True)
        desk = Desk(desk_env(tmp_path / name, database, broker, **extra), logs)
        desks.append(desk)
        return desk

    yield make
    for desk in desks:
        desk.stop_all()
