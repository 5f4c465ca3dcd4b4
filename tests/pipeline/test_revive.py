"""A close follow-up months later joins the quiet story, also after the index is rebuilt."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.articles.models import Article
from dateline.pipeline import stages
from dateline.sources.models import Source
from dateline.stories.models import Story

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2017, 4, 10, 9, tzinfo=dt.UTC)
RINGS = (
    "Scientists have spotted giant 'smoke rings' in the Gulf of Aden from space. The eddies, "
    "up to 250 kilometres wide, were seen by satellites as they carried warm water from the "
    "Red Sea into the Indian Ocean, oceanographers at the University of Miami said."
)


def _article(source: Source, n: int, title: str, text: str, when: dt.datetime) -> Article:
    return Article.objects.create(
        source=source,
        triage="news",
        url=f"https://{source.name}.example/{n}",
        url_key=f"{source.name}.example/{n}",
        title=title,
        text=text,
        fetched_at=when,
        published_at=when,
        geotagged_at=when,
        countries=[],
    )


def test_a_follow_up_months_later_revives_the_story_across_runs() -> None:
    a, b, c = (Source.objects.create(name=n, feed_url=f"https://{n}.example/feed") for n in "abc")
    first = _article(a, 1, "'Smoke rings' spotted in the ocean from space", RINGS, T0)
    _article(b, 2, "Giant ocean 'smoke rings' seen from space", RINGS, T0 + dt.timedelta(hours=5))
    stages.cluster()
    story_id = Article.objects.get(id=first.id).story_id
    assert story_id and Article.objects.filter(story_id=story_id).count() == 2

    unrelated = _article(
        c,
        3,
        "Parliament passes the budget",
        "The parliament in Nairobi passed the annual budget after a long debate on taxes.",
        T0 + dt.timedelta(days=200),
    )
    late = _article(
        c,
        4,
        "'Smoke rings' spotted in the ocean from space, scientists say",
        RINGS,
        T0 + dt.timedelta(days=240),
    )
    stages.cluster()  # a fresh index: the quiet story comes back from the database as a summary
    assert Article.objects.get(id=late.id).story_id == story_id
    assert Article.objects.get(id=unrelated.id).story_id != story_id
    assert Story.objects.get(id=story_id).last_updated_at == T0 + dt.timedelta(days=240)
