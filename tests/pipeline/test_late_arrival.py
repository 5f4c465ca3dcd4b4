"""A late article re-streams its window: the stored stories end as publication order makes them."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.articles.models import Article
from dateline.pipeline import stages
from dateline.sources.models import Source
from dateline.stories.models import Story

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2019, 3, 4, 8, tzinfo=dt.UTC)
QUAKE = (
    "A strong earthquake struck near Palu on Sulawesi island, Indonesia's geophysics agency "
    "BMKG said, damaging houses in Donggala and cutting power; rescuers searched the rubble."
)
BUDGET = (
    "Kenya's National Assembly in Nairobi passed the annual budget, raising the fuel levy "
    "and excise duty on mobile money, after Treasury secretary Henry Rotich defended it."
)


def _article(n: int, title: str, text: str, when: dt.datetime, story: Story | None = None) -> Article:
    source, _ = Source.objects.get_or_create(name=f"s{n}", feed_url=f"https://s{n}.example/feed")
    return Article.objects.create(
        source=source,
        triage="news",
        url=f"https://s{n}.example/{n}",
        url_key=f"s{n}.example/{n}",
        title=title,
        text=text,
        fetched_at=when,
        published_at=when,
        geotagged_at=when,
        countries=[],
        story=story,
    )


def test_a_late_report_joins_its_story_and_ids_stay() -> None:
    quake = [
        _article(n, f"Earthquake strikes near Palu, report {n}", QUAKE, T0 + dt.timedelta(hours=n))
        for n in (1, 3)
    ]
    budget = [
        _article(
            n, f"Kenyan parliament passes the budget, report {n}", BUDGET, T0 + dt.timedelta(days=2, hours=n)
        )
        for n in (4, 5)
    ]
    stages.cluster()
    quake_story = Article.objects.get(id=quake[0].id).story_id
    budget_story = Article.objects.get(id=budget[0].id).story_id
    assert quake_story != budget_story and Story.objects.count() == 2

    late = _article(2, "Earthquake strikes near Palu, report 2", QUAKE, T0 + dt.timedelta(hours=2))
    assert stages.cluster() == (1, 0)
    assert Article.objects.get(id=late.id).story_id == quake_story
    assert set(Article.objects.filter(id__in=[a.id for a in budget]).values_list("story_id", flat=True)) == {
        budget_story
    }
    story = Story.objects.get(id=quake_story)
    assert story.article_count == 3 and story.first_seen_at == T0 + dt.timedelta(hours=1)
    assert Story.objects.count() == 2


def test_a_story_split_by_arrival_order_is_joined_again() -> None:
    """Two reports of one event stored apart (as an arrival order once left them) come together
    when the window is clustered again; the emptied story leads to the other."""
    first = Story.objects.create(slug="quake-a", headline="a", first_seen_at=T0, last_updated_at=T0)
    second = Story.objects.create(slug="quake-b", headline="b", first_seen_at=T0, last_updated_at=T0)
    a = _article(1, "Earthquake strikes near Palu", QUAKE, T0 + dt.timedelta(hours=1), first)
    b = _article(
        3, "Earthquake strikes near Palu, rescuers search", QUAKE, T0 + dt.timedelta(hours=3), second
    )
    stages._refresh_counts(first.id)
    stages._refresh_counts(second.id)

    late = _article(2, "Palu earthquake damages houses", QUAKE, T0 + dt.timedelta(hours=2))
    absorbed: list[int] = []
    stages.cluster(absorbed=absorbed)
    ids = {Article.objects.get(id=x.id).story_id for x in (a, b, late)}
    assert ids == {first.id}
    second.refresh_from_db()
    assert second.status == Story.Status.HIDDEN and second.merged_into_id == first.id
    assert absorbed == [second.id]
    assert Story.objects.get(id=first.id).article_count == 3
