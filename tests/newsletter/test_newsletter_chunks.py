"""The newsletter sent by task workers, one task per chunk of subscribers: real SMTP (aiosmtpd),
a real redis-server for the chunks' locks, the test database (SQLite or PostgreSQL)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import EDITION, NOW, Collector, Week, subscriber

from dateline.newsletter import service
from dateline.newsletter.models import Delivery, Edition

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("newsletter_env")]


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def jobs(redis_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The task module on this Redis; enqueued chunks are recorded, not sent to a broker."""
    import redis

    from dateline.tasks import jobs as module

    client = redis.Redis.from_url(redis_url)
    client.flushall()
    monkeypatch.setattr(module, "_redis", client)
    # Inside the test's transaction the connection is not in autocommit, which Django takes as
    # unusable and closes (on PostgreSQL); a real worker's connection is in autocommit.
    monkeypatch.setattr(module, "close_old_connections", lambda: None)
    monkeypatch.setattr(service, "CHUNK_SUBSCRIBERS", 3)
    module.enqueued = []
    monkeypatch.setattr(module, "_enqueue", lambda sigs: module.enqueued.extend(tuple(s.args) for s in sigs))
    yield module
    client.close()


def _send_chunk(jobs: Any, edition_id: int, chunk: int) -> dict[str, Any]:
    return dict(jobs.newsletter_chunk.run(edition_id, chunk))


def test_an_edition_goes_out_in_chunks_and_a_redelivered_chunk_sends_nobody_twice(
    smtp: Collector, week: Week, jobs: Any
) -> None:
    people = [subscriber(f"reader{i}@example.com", ["FR"]) for i in range(8)]
    size = service.CHUNK_SUBSCRIBERS
    assert jobs.newsletter.run() is not None
    edition = Edition.objects.get(date=EDITION)
    chunks = sorted({p.pk // size for p in people})
    assert jobs.enqueued == [(edition.pk, k) for k in chunks]
    assert Delivery.objects.filter(edition=edition).count() == 8  # recorded before anything is sent

    first, *rest = chunks
    done = _send_chunk(jobs, edition.pk, first)
    in_first = [p for p in people if p.pk // size == first]
    assert done["sent"] == len(in_first) and not done["complete"]
    assert sorted(m["To"] for m in smtp.messages()) == sorted(p.email for p in in_first)

    # The broker hands the same chunk out again (its worker was thought dead): nobody twice.
    assert _send_chunk(jobs, edition.pk, first)["sent"] == 0
    # A second plan (the next turn of the scheduler) enqueues only chunks with someone left.
    jobs.enqueued.clear()
    assert service.plan_edition(NOW, size=size) == (edition.pk, rest)

    for chunk in rest:
        _send_chunk(jobs, edition.pk, chunk)
    counts = Counter(m["To"] for m in smtp.messages())
    assert counts == Counter({p.email: 1 for p in people})
    edition.refresh_from_db()
    assert edition.status == Edition.Status.COMPLETE and edition.sent_count == 8
    # Complete: nothing more is planned, and a late re-delivery sends nothing.
    assert jobs.newsletter.run() is None
    assert _send_chunk(jobs, edition.pk, first) == {"sent": 0, "failed": 0, "skipped": 0, "complete": True}
    assert len(smtp.messages()) == 8


def test_a_chunk_held_elsewhere_or_naming_a_deleted_edition_does_nothing(
    smtp: Collector, week: Week, jobs: Any
) -> None:
    from dateline.tasks import shared

    people = [subscriber(f"held{i}@example.com", ["FR"]) for i in range(2)]
    edition_id, chunks = service.plan_edition(NOW) or (0, [])
    chunk = people[0].pk // service.CHUNK_SUBSCRIBERS
    assert chunk in chunks
    # Another worker is sending this chunk (its lock is held): this run stands aside.
    holder = shared.Lock(jobs.redis_client(), f"lock:newsletter:{edition_id}:{chunk}", 60)
    assert holder.acquire()
    assert _send_chunk(jobs, edition_id, chunk) == {"skipped": True}
    assert smtp.messages() == []
    holder.release()
    # A whole-edition sender (dateline newsletter send) holds the edition: left to it.
    Edition.objects.filter(pk=edition_id).update(lease_owner="elsewhere:1:x", lease_until=time.time() + 60)
    assert _send_chunk(jobs, edition_id, chunk) == {"skipped": True}
    Edition.objects.filter(pk=edition_id).update(lease_owner="", lease_until=0.0)
    assert _send_chunk(jobs, edition_id, chunk)["sent"] >= 1
    # An edition that was deleted meanwhile: a logged no-op.
    assert _send_chunk(jobs, 987654, 0) == {"skipped": True}
