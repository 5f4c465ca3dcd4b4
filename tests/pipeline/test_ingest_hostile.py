"""Hostile sources: each failure recorded on its source, healthy sources unaffected."""

from __future__ import annotations

import pytest
from hostile_server import serve_hostile

from dateline.articles.models import Article
from dateline.pipeline.ingest import ingest
from dateline.sources.models import Source

pytestmark = pytest.mark.django_db(transaction=True)

CASES = {
    # path: words the recorded error (or feed problem) must contain
    "/slow": "timed out",
    "/status/500": "500",
    "/rate-limited": "429",
    "/huge": "larger than",
    "/loop/a": "redirect",
    "/to-private": "private",
    "/feeds/bomb.xml": "entit",
    "/feeds/xxe.xml": "entit",
    "/feeds/malformed.xml": "",
}


@pytest.fixture
def hostile_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATELINE_FETCH_ALLOWED_NETWORKS", "127.0.0.1")
    monkeypatch.setenv("DATELINE_FETCH_HOST_DELAY", "0")
    monkeypatch.setenv("DATELINE_FETCH_PER_HOST", "8")
    monkeypatch.setenv("DATELINE_FETCH_READ_TIMEOUT", "0.5")
    monkeypatch.setenv("DATELINE_FETCH_DEADLINE", "1.5")
    monkeypatch.setenv("DATELINE_FETCH_MAX_BYTES", "1000000")


def test_hostile_sources_are_recorded_and_healthy_ones_unaffected(hostile_env: None) -> None:
    with serve_hostile(slow_seconds=3.0) as base:
        healthy = Source.objects.create(name="Healthy", feed_url=f"{base}/feed.xml")
        charset = Source.objects.create(name="Wrong charset", feed_url=f"{base}/feeds/wrong-charset.xml")
        hostile = {path: Source.objects.create(name=path, feed_url=f"{base}{path}") for path in CASES}
        summary = ingest()

    healthy.refresh_from_db()
    assert healthy.last_error == "" and healthy.consecutive_failures == 0 and healthy.last_success_at
    assert Article.objects.filter(source=healthy).exists()

    charset.refresh_from_db()
    for article in Article.objects.filter(source=charset):
        assert "\ufffd" not in article.title and "Ã" not in article.title

    for path, words in CASES.items():
        source = hostile[path]
        source.refresh_from_db()
        problem = f"{source.last_error} {source.feed_problem}".strip()
        assert problem, f"{path}: nothing recorded"
        assert words.lower() in problem.lower(), f"{path}: {problem!r}"
        if source.last_error:
            assert source.consecutive_failures == 1 and source.next_fetch_at is not None
    rate_limited = hostile["/rate-limited"]
    assert (rate_limited.next_fetch_at - rate_limited.last_fetch_at).total_seconds() >= 119
    assert summary.sources_failed >= 6
    for path in ("/feeds/bomb.xml", "/feeds/xxe.xml"):
        assert not Article.objects.filter(source=hostile[path]).exists()


def test_private_addresses_refused_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATELINE_FETCH_ALLOWED_NETWORKS", raising=False)
    with serve_hostile() as base:
        source = Source.objects.create(name="Loopback", feed_url=f"{base}/feed.xml")
        ingest()
    source.refresh_from_db()
    assert "private" in source.last_error or "loopback" in source.last_error
    assert not Article.objects.exists()
