"""A story with nothing publishable in its sources is held back (hidden) until a source has
something to tell; a story an editor hid stays hidden."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.articles.models import Article
from dateline.pipeline import stages
from dateline.sources.models import Source
from dateline.stories.models import Story
from dateline.stories.writer import HELD

pytestmark = pytest.mark.django_db

WHEN = dt.datetime(2004, 11, 30, 8, 0, tzinfo=dt.UTC)
# Belfast Telegraph's archive page: a paywall notice, nothing a reader could be told.
PAYWALL = (
    "Belfast Telegraph Archive Article This article is available in full (approx. 723 words) to Belfast "
    "Telegraph Archive subscribers. Already Subscribed ? Please click here.\n\n"
    "Otherwise, please choose an option below : 50p for 24 hours' access to this article or £5 monthly "
    "subscription to the whole Belfast Telegraph archive"
)
REPORT = (
    "Old enemies in Northern Ireland were edging towards a deal last night that could break the "
    "year-long stalemate in the peace process and pave the way for a lasting settlement."
)


def _article(story: Story, n: int, title: str, text: str) -> Article:
    source = Source.objects.create(
        name=f"Outlet {'XABCD'[n]}", feed_url=f"https://o{n}.example/feed", site_url=f"https://o{n}.example/"
    )
    return Article.objects.create(
        source=source,
        url=f"https://o{n}.example/a",
        url_key=f"o{n}.example/a",
        title=title,
        text=text,
        triage="news",
        language="en",
        published_at=WHEN,
        fetched_at=WHEN,
        story=story,
    )


def _story(slug: str, **extra: object) -> Story:
    return Story.objects.create(slug=slug, headline="", first_seen_at=WHEN, last_updated_at=WHEN, **extra)


def test_a_story_is_held_until_a_source_has_something_to_tell() -> None:
    story = _story("paisley-adams")
    _article(story, 1, "Belfast Telegraph", PAYWALL)
    stages.write(ids=[story.id])
    story.refresh_from_db()
    assert story.status == Story.Status.HIDDEN and story.writer == HELD and story.summary == ""
    assert not Story.objects.published().filter(id=story.id).exists()

    _article(story, 2, "Paisley and Adams on the brink of a deal", REPORT)
    stages.write(ids=[story.id])
    story.refresh_from_db()
    assert story.status == Story.Status.PUBLISHED and story.writer != HELD
    assert "Old enemies in Northern Ireland" in story.summary


def test_a_story_an_editor_hid_stays_hidden() -> None:
    story = _story("hidden-by-editor", status=Story.Status.HIDDEN, writer="extractive")
    _article(story, 3, "Paisley and Adams on the brink of a deal", REPORT)
    stages.write(ids=[story.id])
    story.refresh_from_db()
    assert story.status == Story.Status.HIDDEN and "Old enemies" in story.summary
