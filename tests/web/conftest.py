"""Fixtures for the website's tests: stories, sources and articles built in the test database."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.cache import cache

from dateline import clock

NOW = dt.datetime(2024, 5, 10, 12, 0, tzinfo=dt.UTC)
_seq = itertools.count(1)


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Every test starts with an empty page cache and re-reads the generation."""
    from dateline.web import cache as page_cache

    cache.clear()
    page_cache.reset_local()
    yield
    cache.clear()
    page_cache.reset_local()


@pytest.fixture
def frozen_now() -> Iterator[dt.datetime]:
    with clock.frozen(NOW) as now:
        yield now


@pytest.fixture
def make_source(db: None) -> Callable[..., Any]:
    from dateline.sources.models import Source

    def make(name: str = "The Daily Example", country: str = "GB", **extra: Any) -> Source:
        n = next(_seq)
        return Source.objects.create(
            name=name,
            feed_url=f"https://outlet{n}.example/feed.xml",
            site_url=f"https://outlet{n}.example/",
            country=country,
            language="en",
            **extra,
        )

    return make


@pytest.fixture
def make_story(db: None, make_source: Callable[..., Any]) -> Callable[..., Any]:
    """Create a published story with ``outlets`` source articles, filed under ``countries``."""
    from dateline.articles.models import Article
    from dateline.stories.models import Story, StoryCountry
    from dateline.web import search

    def make(
        headline: str = "Parliament passes the budget",
        summary: str = "According to The Daily Example, the budget passed.\n\nIt takes effect in June.",
        countries: tuple[str, ...] = ("FR",),
        outlets: int = 2,
        age_hours: float = 3.0,
        source_titles: tuple[str, ...] = (),
        **extra: Any,
    ) -> Story:
        n = next(_seq)
        seen = NOW - dt.timedelta(hours=age_hours)
        story = Story.objects.create(
            slug=extra.pop("slug", f"story-{n}"),
            headline=headline,
            summary=summary,
            countries=[{"code": c, "score": 1.0, "evidence": []} for c in countries],
            primary_country=countries[0] if countries else "",
            first_seen_at=seen,
            last_updated_at=seen,
            article_count=outlets,
            outlet_count=outlets,
            trending_score=float(extra.pop("score", n)),
            **extra,
        )
        for pos, code in enumerate(countries):
            StoryCountry.objects.create(story=story, country=code, position=pos, score=1.0)
        for i in range(outlets):
            source = make_source(name=f"Outlet {n}-{i}")
            title = source_titles[i] if i < len(source_titles) else f"Report {i} on {headline}"
            Article.objects.create(
                source=source,
                triage="news",
                url=f"https://outlet{n}-{i}.example/news/{n}",
                url_key=f"outlet{n}-{i}.example/news/{n}",
                title=title,
                text="Full text.",
                published_at=seen + dt.timedelta(minutes=i),
                fetched_at=seen,
                story=story,
                primary_country=countries[0] if countries else "",
            )
        search.index_stories([story.pk])
        return story

    return make
