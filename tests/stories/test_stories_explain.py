"""``dateline stories list --explain SLUG``: why each article of a story joined it."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dateline.articles.models import Article
from dateline.sources.models import Source
from dateline.stories.models import Story

pytestmark = pytest.mark.django_db

TUESDAY = dt.datetime(2024, 10, 29, 18, tzinfo=dt.UTC)


def out(*args: str) -> str:
    buffer = io.StringIO()
    call_command(*args, stdout=buffer)
    return buffer.getvalue()


def _article(source: Source, title: str, text: str, when: dt.datetime) -> Article:
    return Article.objects.create(
        source=source,
        url=f"https://{source.name.lower()}.example/{abs(hash(title))}",
        url_key=f"https://{source.name.lower()}.example/{abs(hash(title))}",
        title=title,
        text=text,
        fetched_at=when,
        published_at=when,
    )


def test_explain_shows_terms_places_dates_and_scores() -> None:
    wire = Source.objects.create(name="Wire", feed_url="https://wire.example/feed")
    paper = Source.objects.create(name="Paper", feed_url="https://paper.example/feed")
    text = (
        "Flash floods hit Valencia, Spain, on Tuesday, killing 12 people in Paiporta and closing roads "
        "across the region, the Valencia emergency service said."
    )
    _article(
        wire, "Floods kill 12 in Valencia", text + " Rescue teams worked overnight in Paiporta.", TUESDAY
    )
    _article(
        paper,
        "Valencia floods: 12 dead in Paiporta",
        text + " Spain's government sent soldiers to Valencia.",
        TUESDAY + dt.timedelta(hours=2),
    )
    out("stories", "process")
    story = Story.objects.get()
    assert story.article_count == 2
    shown = out("stories", "list", "--explain", story.slug)
    assert "first" in shown and "Paper: Valencia floods" in shown
    assert "valencia" in shown and "paiporta" in shown  # shared terms
    assert "ES" in shown  # shared places
    assert "2024-10-29" in shown  # the event date, from "on Tuesday"
    assert "text 0." in shown and "headline 0." in shown  # the score's parts


def test_explain_an_unknown_story() -> None:
    with pytest.raises(CommandError):
        out("stories", "list", "--explain", "no-such-story")
