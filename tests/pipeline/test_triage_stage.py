"""The triage stage: pages that are not news never join a story, leave one, and never set the clock."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline import clock
from dateline.articles.models import Article, ArticlePage
from dateline.pipeline import stages
from dateline.sources.models import Source
from dateline.stories.models import Story

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2018, 2, 6, 12, tzinfo=dt.UTC)
STORY = (
    "Rescuers pulled two more survivors from the rubble of the collapsed hotel on Tuesday, "
    "officials said, raising the number rescued since the earthquake to 41.\n\n"
    "The regional governor said search teams would keep working through the night. "
    "Aftershocks continued to shake the coastal town, and residents slept outdoors."
)


def make(
    source: Source, n: int, title: str, text: str, when: dt.datetime, status: int = 200, **extra
) -> Article:
    article = Article.objects.create(
        source=source,
        url=f"https://paper.example/2018/02/0{n}/story-number-{n}",
        url_key=f"paper.example/2018/02/0{n}/story-number-{n}",
        title=title,
        text=text,
        fetched_at=when,
        published_at=when,
        **extra,
    )
    ArticlePage.objects.create(
        article=article,
        status=status,
        content_type="text/html; charset=utf-8",
        body=ArticlePage.pack(
            f"<html><head><title>{title}</title></head><body><p>{text}</p></body></html>".encode()
        ),
        fetched_at=when,
    )
    return article


def test_only_news_joins_stories_and_sets_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    source = Source.objects.create(name="The Paper", feed_url="https://paper.example/feed")
    news = make(source, 1, "Two more survivors pulled from hotel rubble", STORY, T0)
    gone = make(
        source, 2, "Hotel collapse: rescuers search rubble", STORY, T0 + dt.timedelta(hours=5), status=404
    )
    robot = make(
        source,
        3,
        "Are you a robot?",
        "Please make sure your browser supports JavaScript.",
        T0 + dt.timedelta(hours=9),
    )

    summary = stages.process()
    assert (summary.triaged, summary.rejected) == (3, 2)
    for article in (news, gone, robot):
        article.refresh_from_db()
    assert news.triage == "news" and news.story_id is not None
    assert gone.triage == "error" and gone.triage_detail == "HTTP 404" and gone.story_id is None
    assert robot.triage == "login" and robot.story_id is None
    assert Story.objects.published().count() == 1
    assert set(Article.objects.triaged_out()) == {gone, robot}
    assert stages.judge_page(robot).code == "login"  # a fresh verdict, as an eval would ask

    monkeypatch.setenv("DATELINE_NOW", "latest")
    assert clock.now() == T0  # the newest news article, not the robot check hours later

    again = stages.process()
    assert again.triaged == 0 and again.clustered == 0


def test_a_page_judged_out_later_leaves_its_story() -> None:
    source = Source.objects.create(name="The Paper", feed_url="https://paper.example/feed")
    story = Story.objects.create(slug="s", headline="Page not found", first_seen_at=T0, last_updated_at=T0)
    article = make(source, 1, "Page not found", "The page you requested could not be found.", T0, story=story)
    judged, rejected = stages.triage(everything=True)
    assert (judged, rejected) == (1, 1)
    article.refresh_from_db()
    story.refresh_from_db()
    assert article.story_id is None and article.triage == "error"
    assert story.status == Story.Status.HIDDEN and story.article_count == 0


def test_rebuild_judges_pages_again() -> None:
    source = Source.objects.create(name="The Paper", feed_url="https://paper.example/feed")
    make(source, 1, "Two more survivors pulled from hotel rubble", STORY, T0, triage="error")
    summary = stages.rebuild()
    assert summary.triaged == 1 and summary.rejected == 0
    assert Story.objects.published().count() == 1


def test_triage_command_lists_the_rejected_pages() -> None:
    import io
    import json

    from django.core.management import call_command

    source = Source.objects.create(name="The Paper", feed_url="https://paper.example/feed")
    make(source, 1, "Two more survivors pulled from hotel rubble", STORY, T0)
    make(source, 2, "The Paper > Log In", "Already a member? Log in to continue reading.", T0)
    out = io.StringIO()
    call_command("triage", stdout=out)
    assert "2 pages judged, 1 not news." in out.getvalue()
    out = io.StringIO()
    call_command("triage", "--rejected", stdout=out)
    assert "a login, paywall or robot check" in out.getvalue() and "Log In" in out.getvalue()
    out = io.StringIO()
    call_command("triage", "--rejected", "--json", stdout=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["triage"] for r in rows] == ["login"] and rows[0]["outlet"] == "The Paper"
