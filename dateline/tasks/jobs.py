"""The tasks: Dateline's stage functions over ids, each idempotent and acknowledged late.

A task that names an id which no longer exists does nothing and says so in the log. A task
whose database or Redis is unreachable is retried with exponential backoff; every write it
makes is in small transactions, so a task killed mid-way and run again does nothing twice.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import ctypes
import ctypes.util
import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable
from typing import Any

import redis
from celery import group
from celery.signals import task_postrun, task_prerun, worker_init, worker_ready
from django.db import InterfaceError, OperationalError, close_old_connections

from dateline import clock, conf
from dateline.pipeline import lifeline
from dateline.tasks import broker_url, shared
from dateline.tasks.app import app

log = logging.getLogger("dateline.tasks")

#: Connection troubles are retried with backoff (1 s, 2 s, 4 s, … up to 5 minutes), for ever.
RETRY: dict[str, Any] = {
    "autoretry_for": (OperationalError, InterfaceError, redis.RedisError, ConnectionError),
    "retry_backoff": True,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": None,
}

_redis: redis.Redis | None = None


def redis_client() -> redis.Redis:
    global _redis
    if _redis is None:
        _redis = redis.Redis.from_url(broker_url() or "redis://127.0.0.1:6379/0")
    return _redis


def install_shared_gate() -> None:
    """Per-host politeness across every worker: the fetcher asks Redis for each slot, and
    reads robots.txt answers that any worker fetched, until they expire."""
    from dateline.sources.fetch import Fetcher

    Fetcher.shared_gate = shared.RedisHostGate(
        broker_url() or "redis://127.0.0.1:6379/0",
        per_host=conf.get("DATELINE_FETCH_PER_HOST"),
        delay=conf.get("DATELINE_FETCH_HOST_DELAY"),
        slot_ttl=conf.get("DATELINE_FETCH_DEADLINE") + 5,
    )
    Fetcher.shared_robots = shared.RedisRobotsStore(broker_url() or "redis://127.0.0.1:6379/0")


@worker_init.connect
def _on_worker_init(**_: Any) -> None:
    install_shared_gate()
    _large_blocks_mapped()


def _libc(name: str) -> Callable[..., object] | None:
    try:
        return getattr(ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6"), name, None)
    except OSError:
        return None


_trim = _libc("malloc_trim")

#: glibc's mallopt() parameter for the size from which blocks are mapped on their own.
_M_MMAP_THRESHOLD = -3
#: Blocks this large or larger get their own mapping (glibc's starting value, kept fixed).
MMAP_THRESHOLD = 128 * 1024


def _large_blocks_mapped() -> None:
    """Keep every large block (a summary's TF-IDF matrix, a page's text) in its own mapping,
    returned to the system the moment it is freed. glibc otherwise raises that threshold
    after the first large block is freed (up to 32 MB), so a writer's matrices land in the
    heap, where a long-lived object above them can keep the freed room from going back."""
    mallopt = _libc("mallopt")
    if mallopt is not None:
        mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)


@task_prerun.connect
def _retire_idle_pool(task: Any = None, **_: Any) -> None:
    """Only fetching extracts: a worker turning to another stage lets its extraction process
    and their forkserver go (over 100 MB) rather than hold them through, say, a batch of
    summaries; the next fetch task starts fresh ones."""
    if _pool and getattr(task, "name", "") not in FETCH_TASKS:
        _pool.pop().retire()
        _stop_forkserver()


def _stop_forkserver() -> None:
    """Let the forkserver go too: it holds the warmed extraction path (the language model,
    trafilatura's tables: some 130 MB) that only fetching needs. The next fetch task starts
    a fresh one (about a second of CPU, once per turn rather than once per process)."""
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    stop = getattr(server, "_stop", None)
    if stop is None:
        return
    try:
        stop()
    except OSError as exc:  # already gone: forget it, so the next pool starts a fresh one
        log.warning("the extraction forkserver did not stop cleanly: %s", exc)
        for name in ("_forkserver_pid", "_forkserver_alive_fd", "_forkserver_address"):
            setattr(server, name, None)


@task_postrun.connect
def _give_back_memory(**_: Any) -> None:
    """Return what a task freed to the system: a page, an article text or a summary is larger
    than Python's small-object arenas, so it lives in malloc's heap, which keeps freed memory
    for reuse unless asked (tens of MB after a batch of pages or summaries). Half a
    millisecond; no ``gc.collect()`` here, which costs over 100 ms in a worker's heap."""
    if _trim is not None:
        _trim(0)


def _existing(model: Any, ids: Iterable[int], what: str) -> list[int]:
    ids = list(ids)
    have = set(model.objects.filter(id__in=ids).values_list("id", flat=True))
    gone = [i for i in ids if i not in have]
    if gone:
        log.info("%s %s no longer exist: nothing to do for them", what, gone[:20])
    return [i for i in ids if i in have]


class _KeptPool(concurrent.futures.ProcessPoolExecutor):
    """The extraction process, kept from one task to the next (starting and stopping one per
    task costs more than the task); a broken one is replaced, and so is one that has done
    EXTRACT_TASKS_PER_PROCESS jobs, between two tasks.

    Not ``max_tasks_per_child``: Python 3.13.0's pool hangs when a process it retired that
    way is due to be replaced while jobs are waiting.
    """

    jobs = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> concurrent.futures.Future[Any]:
        self.jobs += 1
        return super().submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        if getattr(self, "_broken", False):
            super().shutdown(wait=False, cancel_futures=cancel_futures)

    def retire(self) -> None:
        super().shutdown(wait=True)


_pool: list[_KeptPool] = []

#: Pages (and feeds) one extraction process handles before a fresh one replaces it: it grows
#: by some 0.3 MB a page (lxml's and the allocator's leftovers); a fresh one costs one fork.
EXTRACT_TASKS_PER_PROCESS = 40
#: The tasks that extract pages (and so keep an extraction process).
FETCH_TASKS = frozenset({"dateline.fetch_source", "dateline.fetch_sources"})


def _extraction_pool(workers: int = 1) -> _KeptPool:
    """This worker's extraction process: the kept one, or a fresh one when it is broken or
    has done its share (called between tasks, when nothing waits on it)."""
    if _pool and not getattr(_pool[0], "_broken", False) and _pool[0].jobs >= EXTRACT_TASKS_PER_PROCESS:
        _pool.pop().retire()
    if not _pool or getattr(_pool[0], "_broken", False):
        ctx = multiprocessing.get_context("forkserver")
        # trafilatura is imported by the first extraction, not by the module: preloaded
        # here, its pages are shared with the forkserver instead of copied per process; and
        # the extraction path's one-time set-up is done there once (dateline.pipeline.warm),
        # not again in every fresh extraction process.
        ctx.set_forkserver_preload(
            [
                "dateline.pipeline.lifeline",
                "dateline.articles.page",
                "dateline.sources.feeds",
                "trafilatura",
                "dateline.pipeline.warm",
            ]
        )
        _pool[:] = [
            _KeptPool(
                max_workers=workers,
                mp_context=ctx,
                initializer=lifeline.watch_parent,
                initargs=(os.getpid(),),
            )
        ]
    return _pool[0]


def _task_ingestor() -> type:
    from dateline.pipeline.ingest import Ingestor

    class TaskIngestor(Ingestor):
        def _new_pool(self) -> concurrent.futures.ProcessPoolExecutor:
            return _extraction_pool(self.workers)

    return TaskIngestor


#: Set by ``dateline worker`` when it consumes the queue of fetch tasks.
warm_up_fetching = False


@worker_ready.connect
def _warm_up(**_: Any) -> None:
    """Before taking its first task, a fetching worker loads the fetch path and starts its
    extraction process (the forkserver imports trafilatura once): otherwise the first task
    of every worker pays several seconds for it, all at once when many workers start."""
    if not warm_up_fetching:
        return
    started = time.monotonic()
    _task_ingestor()
    _extraction_pool().submit(int).result()
    log.info("fetch path loaded and extraction process started in %.1f s", time.monotonic() - started)


def _fetch(source_ids: list[int]) -> dict[str, Any]:
    from dateline.pipeline.ingest import IngestSummary, sources_to_fetch
    from dateline.sources.models import Source

    close_old_connections()
    ids = _existing(Source, source_ids, "sources")
    if not ids:
        return {}
    # Only those still due: a source fetched already (by a task run twice) is left alone.
    sources = sources_to_fetch(scheduled=True, ids=ids)
    summary = asyncio.run(_task_ingestor()(sources, workers=1).run()) if sources else IngestSummary()
    done = summary.sources_fetched + summary.sources_not_modified + summary.sources_failed
    if done < len(ids):
        log.info("%d of sources %s not due (fetched already): nothing to do for them", len(ids) - done, ids)
    shared.count(redis_client(), "sources_fetched", summary.sources_fetched)
    shared.count(redis_client(), "articles_new", summary.articles_new)
    return summary.as_dict()


@app.task(name="dateline.fetch_source", **RETRY)
def fetch_source(source_id: int) -> dict[str, Any]:
    """Fetch one source's feed, then fetch, extract and store its new entries."""
    return _fetch([source_id])


@app.task(name="dateline.fetch_sources", **RETRY)
def fetch_sources(source_ids: list[int]) -> dict[str, Any]:
    """The same for a few sources at once, concurrently: waiting on one site's answer, the
    worker fetches from the others."""
    return _fetch(source_ids)


@app.task(name="dateline.triage", **RETRY)
def triage() -> int:
    """Judge every waiting page: is it a news article? (Idempotent: a page judged once is
    not judged again, so two runs at once only repeat pure work.)"""
    from dateline.pipeline import stages

    close_old_connections()
    judged, _rejected = stages.triage()
    return judged


@app.task(name="dateline.geotag", **RETRY)
def geotag(article_ids: list[int]) -> int:
    """File these articles under their countries (those not tagged yet)."""
    from dateline.articles.models import Article
    from dateline.pipeline import stages

    close_old_connections()
    ids = _existing(Article, article_ids, "articles")
    return stages.geotag(ids=ids) if ids else 0


@app.task(name="dateline.cluster", **RETRY)
def cluster() -> dict[str, Any]:
    """Assign every waiting article to a story, in publication order (the ``cluster`` queue).

    The story index lives in this worker's memory only for the length of one task: it is
    rebuilt from the database (open and recently quiet stories) at the start of each, so the
    worker can restart or move to another machine at any time. A Redis lock keeps a second
    consumer, started by mistake, from clustering at the same time.
    """
    from dateline.pipeline import stages

    close_old_connections()
    lock = shared.Lock(redis_client(), "lock:cluster", conf.get("DATELINE_TASK_VISIBILITY_TIMEOUT"))
    if not lock.acquire():
        log.warning("clustering is running elsewhere (%s): this run is skipped", lock.holder())
        return {"clustered": 0, "new": 0, "absorbed": [], "skipped": True}
    try:
        absorbed: list[int] = []
        done, new = stages.cluster(absorbed=absorbed)
    finally:
        lock.release()
    shared.count(redis_client(), "articles_clustered", done)
    return {"clustered": done, "new": new, "absorbed": absorbed}


@app.task(name="dateline.write", **RETRY)
def write(story_ids: list[int]) -> list[int]:
    """Write the summaries of these stories, those still waiting for one."""
    from dateline.pipeline import stages
    from dateline.stories.models import Story

    close_old_connections()
    ids = _existing(Story, story_ids, "stories")
    waiting = list(Story.objects.awaiting_writer().filter(id__in=ids).values_list("id", flat=True))
    return stages.write(ids=waiting) if waiting else []


@app.task(name="dateline.rank", **RETRY)
def rank() -> int:
    from dateline.pipeline import stages

    close_old_connections()
    return stages.rank()


@app.task(name="dateline.publish", **RETRY)
def publish(story_ids: list[int]) -> None:
    """Refresh the search index for these stories and make cached pages stale."""
    from dateline.pipeline import stages

    close_old_connections()
    stages.publish(story_ids)


@app.task(name="dateline.newsletter", **RETRY)
def newsletter() -> int | None:
    """Plan the edition that is due, if any, and enqueue one task per chunk of subscribers
    still to send to (a started edition is resumed where it stopped). Returns the number of
    chunks enqueued, or None when nothing is due."""
    close_old_connections()
    try:
        from dateline.newsletter.service import plan_edition
    except ImportError:
        return None
    plan = plan_edition(clock.now())
    if plan is None:
        return None
    edition_id, chunks = plan
    _enqueue([newsletter_chunk.s(edition_id, chunk) for chunk in chunks])
    return len(chunks)


def _enqueue(signatures: list[Any]) -> None:
    group(signatures).apply_async()


@app.task(name="dateline.newsletter_chunk", **RETRY)
def newsletter_chunk(edition_id: int, chunk: int) -> dict[str, Any]:
    """Send one chunk of an edition's subscribers (``newsletter.service.send_chunk``).

    A re-delivered chunk sends nobody twice: each delivery is marked sent as it goes, and a
    Redis lock keeps two runs of one chunk (a re-delivery and a second plan) from overlapping;
    the one that finds it held does nothing, and the next plan re-enqueues whatever is left.
    """
    from dateline.newsletter.service import send_chunk

    close_old_connections()
    lock = shared.Lock(
        redis_client(), f"lock:newsletter:{edition_id}:{chunk}", conf.get("DATELINE_TASK_VISIBILITY_TIMEOUT")
    )
    if not lock.acquire():
        log.info(
            "newsletter chunk %s of edition %s is being sent elsewhere (%s)", chunk, edition_id, lock.holder()
        )
        return {"skipped": True}
    try:
        report = send_chunk(edition_id, chunk)
    finally:
        lock.release()
    if report is None:
        return {"skipped": True}
    shared.count(redis_client(), "newsletter_sent", report.sent)
    return {
        "sent": report.sent,
        "failed": report.failed,
        "skipped": report.skipped,
        "complete": report.complete,
    }
