"""Scale-out end to end: real redis-server, real PostgreSQL, real Celery worker processes
ingesting the recorded web; the result must equal the single-process run's."""

from __future__ import annotations

import json
import os
import random
import signal
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.scale, pytest.mark.slow]


def wait_for(proc_done, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc_done():
            return
        time.sleep(0.2)
    pytest.fail(f"{what}: not done within {timeout} s")


def in_feed_urls(corpus_dir: Path, base: str, hosts: list[str]) -> list[str]:
    rows = [json.loads(line) for line in (corpus_dir / "truth.jsonl").open()]
    return [r["url"].replace("{BASE}", base) for r in rows if r["in_feed"] and r["host"] in set(hosts)]


def single_process(make_desk, postgres_db: str, redis_url: str, opml: Path) -> dict:  # type: ignore[no-untyped-def]
    desk = make_desk(postgres_db, "", name="single")
    desk.run("migrate", "--no-input")
    desk.run("sources", "import", str(opml))
    desk.run("ingest")
    return desk.snapshot()


def start_workers(desk, n: int) -> list:  # type: ignore[no-untyped-def]
    workers = [desk.start(f"worker{i}", "worker", "--queues", "dateline") for i in range(n)]
    workers.append(desk.start("cluster", "worker", "--queues", "cluster"))
    return workers


def test_workers_store_every_article_once_and_make_the_same_stories(
    corpus_dir, corpus_base, subset_opml, postgres, database, redis_url, make_desk
) -> None:  # type: ignore[no-untyped-def]
    opml, hosts = subset_opml
    import psycopg

    with psycopg.connect(f"{postgres}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{database.rsplit("/", 1)[1]}_single"')
    reference = single_process(make_desk, database + "_single", redis_url, opml)

    desk = make_desk(database, redis_url, name="scaled")
    desk.run("migrate", "--no-input")
    desk.run("sources", "import", str(opml))
    start_workers(desk, 2)
    # Two schedulers started by mistake: one runs the turn, the other stands by.
    first = desk.start("scheduler1", "scheduler", "--once")
    second = desk.start("scheduler2", "scheduler", "--once")
    wait_for(lambda: first.poll() is not None and second.poll() is not None, 240, "two schedulers")
    assert first.returncode == 0 and second.returncode == 0
    logs = desk.log("scheduler1") + desk.log("scheduler2")
    assert "standing by" in logs, logs

    snap = desk.snapshot()
    expected = in_feed_urls(corpus_dir, corpus_base, hosts)
    known = set(snap["articles"]) | set(snap["aliases"])
    missing = [u for u in expected if u not in known]
    assert not missing, f"{len(missing)} in-feed articles not stored, e.g. {missing[:3]}"
    assert snap["url_keys_twice"] == []
    assert snap["unclustered"] == 0
    # Each source fetched once over both schedulers' turns: no doubled work.
    import redis

    from dateline.tasks.shared import counters

    counts = counters(redis.Redis.from_url(redis_url))
    assert counts.get("sources_fetched") == len(hosts), counts
    assert counts.get("articles_new") == len(snap["articles"]), counts
    # The same articles and the same stories as one process on the same input.
    assert snap["articles"] == reference["articles"]
    assert snap["stories"] == reference["stories"]
    assert snap["headlines"] == reference["headlines"]


def test_kill_9_of_a_worker_loses_nothing_and_duplicates_nothing(
    corpus_dir, corpus_base, subset_opml, database, redis_url, make_desk
) -> None:  # type: ignore[no-untyped-def]
    opml, hosts = subset_opml
    # A task taken by a dead worker goes back to the queue after this many seconds.
    desk = make_desk(database, redis_url, name="killed", DATELINE_TASK_VISIBILITY_TIMEOUT="8")
    desk.run("migrate", "--no-input")
    desk.run("sources", "import", str(opml))
    workers = start_workers(desk, 2)
    scheduler = desk.start("scheduler", "scheduler", "--once")
    import redis

    client = redis.Redis.from_url(redis_url)
    # Kill one worker at a random moment while sources are being fetched.
    rng = random.Random(os.getpid())
    wait_for(
        lambda: int(client.get("dateline:count:sources_fetched") or 0) >= rng.randint(1, 8),
        120,
        "first fetches",
    )
    time.sleep(rng.random())
    os.killpg(workers[0].pid, signal.SIGKILL)
    workers[0].wait()
    wait_for(lambda: scheduler.poll() is not None, 300, "the turn after kill -9")
    assert scheduler.returncode == 0, desk.log("scheduler")

    snap = desk.snapshot()
    expected = in_feed_urls(corpus_dir, corpus_base, hosts)
    known = set(snap["articles"]) | set(snap["aliases"])
    missing = [u for u in expected if u not in known]
    assert not missing, f"{len(missing)} in-feed articles lost after kill -9, e.g. {missing[:3]}"
    assert snap["url_keys_twice"] == []
    assert len(snap["articles"]) == len(set(snap["articles"]))
    assert snap["unclustered"] == 0
    every_story_url = [u for story in snap["stories"] for u in story]
    assert len(every_story_url) == len(set(every_story_url)), "an article is in two stories"
