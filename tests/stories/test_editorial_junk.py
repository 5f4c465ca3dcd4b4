"""The editorial eval's junk measure: published stories a reader would call not news, judged afresh
from what is stored, whatever triage decided when the pages came in."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.articles.models import Article, ArticlePage
from dateline.core.management.commands.eval import run_editorial
from dateline.sources.models import Source
from dateline.stories.editorial import junk_story
from dateline.stories.models import Story

T0 = dt.datetime(2018, 2, 6, 12, tzinfo=dt.UTC)
NEWS_TEXT = (
    "Rescuers pulled two more survivors from the rubble of the collapsed hotel on Tuesday, "
    "officials said, raising the number rescued since the earthquake to 41.\n\n"
    "The regional governor said search teams would keep working through the night. "
    "Aftershocks continued to shake the coastal town, and residents slept outdoors."
)


def test_junk_story_reads_the_fresh_verdicts_and_the_story_itself() -> None:
    summary = "Rescuers pulled two more survivors from the rubble on Tuesday, officials said."
    assert junk_story("Two more survivors pulled from hotel rubble", summary, [True, False]) is None
    assert junk_story("Two more survivors pulled from hotel rubble", summary, [False, False])
    assert junk_story("404 Not Found", summary, [True])
    assert junk_story("The New York Times > Log In", summary, [True])
    assert junk_story("TEST PAGE:Self-publish today", summary, [True])
    assert junk_story("Latest News & Headlines", summary, [True])
    assert junk_story("Hotel rubble", "Sorry, the page you requested could not be found.", [True])


def _article(source: Source, n: int, title: str, text: str, story: Story, html: str = "") -> Article:
    article = Article.objects.create(
        source=source,
        url=f"https://paper.example/2018/02/0{n}/story-number-{n}",
        url_key=f"paper.example/2018/02/0{n}/story-number-{n}",
        title=title,
        text=text,
        fetched_at=T0,
        published_at=T0,
        triage="news",  # as stored when it came in: the eval must not trust it
        story=story,
    )
    body = html or f"<html><head><title>{title}</title></head><body><p>{text}</p></body></html>"
    ArticlePage.objects.create(
        article=article,
        status=200,
        content_type="text/html; charset=utf-8",
        body=ArticlePage.pack(body.encode()),
        fetched_at=T0,
    )
    return article


def _story(slug: str, headline: str, summary: str) -> Story:
    return Story.objects.create(
        slug=slug,
        headline=headline,
        summary=summary,
        first_seen_at=T0,
        last_updated_at=T0,
        article_count=1,
        outlet_count=1,
        needs_write=False,
    )


@pytest.mark.django_db
def test_eval_counts_a_planted_junk_story() -> None:
    source = Source.objects.create(name="The Paper", feed_url="https://paper.example/feed")
    news = _story("rubble", "Two more survivors pulled from hotel rubble", NEWS_TEXT)
    _article(source, 1, "Two more survivors pulled from hotel rubble", NEWS_TEXT, news)
    assert run_editorial()["junk"] == 0

    # A soft-404 page that got into a story (stored as news): the eval judges it again.
    gone_text = "Sorry, the page you requested could not be found. It may have been moved or deleted."
    junk = _story("not-found", "Hotel collapse: rescuers search rubble", gone_text)
    _article(source, 2, "Document not found", gone_text, junk)
    figures = run_editorial()
    assert figures["stories"] == 2 and figures["junk"] == 1 and figures["faulty"] >= 1

    # A product page written as prose, stored as news.
    spec = "\n".join(
        [
            "RS-68 Product Page",
            "Country: USA. Status: Active. Propellant: LOX/LH2. Thrust: 3,312 kN. Designer: Rocketdyne.",
            "The RS-68 is a liquid-fuelled rocket engine that uses liquid hydrogen and liquid oxygen.",
        ]
    )
    product = _story("rs-68", "The RS-68 is a liquid-fuelled rocket engine", spec)
    _article(source, 3, "RS-68 Product Page", spec, product)
    assert run_editorial()["junk"] == 2

    # A hidden story is not published: not counted.
    Story.objects.filter(id=product.id).update(status=Story.Status.HIDDEN)
    assert run_editorial()["junk"] == 1


def test_a_report_under_a_section_name_is_news_with_a_bad_headline() -> None:
    stub = (
        "According to Reuters UK, A Royal Navy senior rating was jailed for five years on Wednesday for "
        "raping a female colleague on board a warship, the Ministry of Defence said."
    )
    assert junk_story("Personal Finance", stub, [True]) is None
    assert junk_story("Personal Finance", "Markets. Savings. Pensions. Mortgages.", [True])
