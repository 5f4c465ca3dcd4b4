"""The scheduler: the one process that enqueues due work, turn after turn.

A turn fans out one task per due source, waits for them, then carries what is waiting
through triage → geotag (batches) → cluster (its own queue) → write (batches) → rank → publish, and
asks for the newsletter if one is due: the same order as ``dateline run``, so the stories
come out the same. A Redis lock, renewed while the scheduler lives, makes a second
scheduler stand by instead of doubling the work; it takes over when the first one dies.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

import kombu.exceptions
import redis
from celery import group
from celery.canvas import Signature
from django.db import close_old_connections

from dateline import conf
from dateline.tasks import jobs, shared

log = logging.getLogger("dateline.scheduler")

LOCK_TTL = 30.0  # seconds a dead scheduler's lock outlives it
SOURCE_BATCH = 4  # sources per fetch task: fetched concurrently by one worker
GEOTAG_BATCH = 200
#: Stories per write task. Small: a story's summary costs from milliseconds to seconds (its
#: sentences), so big batches left one worker writing for half a minute after the others
#: were done; the largest stories go first, and the rest fill in around them.
WRITE_BATCH = 10


def _chunks(ids: list[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def run_all(signatures: list[Signature], timeout: float) -> list[Any]:
    """Enqueue the tasks and wait for all of them; failures come back as exceptions."""
    if not signatures:
        return []
    result = group(signatures).apply_async()
    try:
        return list(result.join(timeout=timeout, propagate=False, interval=0.2))
    finally:
        result.forget()


def turn(timeout: float) -> dict[str, Any]:
    """One turn of the schedule (see the module docstring). Returns what it did."""
    from dateline.articles.models import Article
    from dateline.pipeline.ingest import sources_to_fetch
    from dateline.stories.models import Story

    close_old_connections()
    due = [s.id for s in sources_to_fetch(scheduled=True)]
    fetched = run_all([jobs.fetch_sources.s(chunk) for chunk in _chunks(due, SOURCE_BATCH)], timeout)
    new = sum(r.get("articles_new", 0) for r in fetched if isinstance(r, dict))
    run_all([jobs.triage.s()], timeout)
    waiting = list(Article.objects.awaiting_geotag().order_by("id").values_list("id", flat=True))
    run_all([jobs.geotag.s(chunk) for chunk in _chunks(waiting, GEOTAG_BATCH)], timeout)
    (clustered,) = run_all([jobs.cluster.s()], timeout) or [{}]
    absorbed = clustered.get("absorbed", []) if isinstance(clustered, dict) else []
    stories = list(
        Story.objects.awaiting_writer().order_by("-article_count", "id").values_list("id", flat=True)
    )
    written_lists = run_all([jobs.write.s(chunk) for chunk in _chunks(stories, WRITE_BATCH)], timeout)
    written = [i for ids in written_lists if isinstance(ids, list) for i in ids]
    run_all([jobs.rank.s()], timeout)
    if written or absorbed:
        run_all([jobs.publish.s(written + absorbed)], timeout)
    jobs.newsletter.delay()
    failures = [r for r in fetched if isinstance(r, BaseException)]
    return {
        "sources": len(due),
        "sources_failed_tasks": len(failures),
        "articles_new": new,
        "geotagged": len(waiting),
        "clustered": clustered.get("clustered", 0) if isinstance(clustered, dict) else 0,
        "written": len(written),
    }


class Scheduler:
    """Holds the scheduler lock and runs turns every ``every`` seconds while it holds it."""

    def __init__(self, client: redis.Redis, *, every: float, say: Callable[[str], None] = log.info) -> None:
        self.client = client
        self.every = every
        self.say = say
        self.lock = shared.Lock(client, "lock:scheduler", LOCK_TTL)
        self.stop = threading.Event()
        self._held = threading.Event()

    def _keep_lock(self) -> None:
        while not self.stop.wait(LOCK_TTL / 3):
            if not self._held.is_set():
                continue
            try:
                if not self.lock.renew():
                    self.say("the scheduler lock was lost; standing by")
                    self._held.clear()
            except redis.RedisError as exc:
                self.say(f"Redis is unreachable ({exc}); the lock will lapse if this lasts")

    def wait_for_lock(self) -> None:
        told = False
        delay = 1.0
        while not self.stop.is_set():
            try:
                if self.lock.acquire():
                    self._held.set()
                    return
                if not told:
                    self.say(f"another scheduler holds the lock ({self.lock.holder()}); standing by")
                    told = True
                delay = 1.0
            except redis.RedisError as exc:
                self.say(
                    f"Redis at {shared.redact(self.client)} is unreachable ({exc}); retrying in {delay:.0f} s"
                )
                delay = min(delay * 2, 60.0)
            self.stop.wait(delay)

    def run(self, *, turns: int | None = None) -> int:
        """Run turns (for ever, or ``turns`` of them). Returns the number run."""
        keeper = threading.Thread(target=self._keep_lock, daemon=True, name="scheduler-lock")
        keeper.start()
        done = 0
        try:
            while not self.stop.is_set() and (turns is None or done < turns):
                if not self._held.is_set():
                    self.wait_for_lock()
                    if self.stop.is_set():
                        break
                    self.say(f"scheduler lock held by {self.lock.token}")
                started = time.monotonic()
                try:
                    summary = turn(timeout=max(self.every, 60.0) * 4)
                    self.say(f"turn: {summary}")
                except (redis.RedisError, OSError, kombu.exceptions.OperationalError) as exc:
                    self.say(f"turn stopped: the broker is unreachable ({exc}); the next turn retries")
                except Exception:
                    log.exception("turn failed; the next turn retries")
                done += 1
                if turns is not None and done >= turns:
                    break
                self.stop.wait(max(0.0, self.every - (time.monotonic() - started)))
        finally:
            self.stop.set()
            if self._held.is_set():
                self.lock.release()
        return done


def every() -> float:
    return float(conf.get("DATELINE_INGEST_EVERY"))
