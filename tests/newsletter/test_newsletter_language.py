"""A story told in another language carries ``lang`` in the newsletter's HTML; the message and
the edition page stay in the site's language."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from conftest import EDITION, Collector, Week, body, subscriber

from dateline.newsletter import service

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("newsletter_env")]

HEADLINE = "Greve paralisa os transportes em Lisboa"
SUMMARY = (
    "Segundo o sindicato, a greve dos trabalhadores do metro paralisou hoje os transportes "
    "públicos em Lisboa durante toda a manhã."
)


class _Langs(HTMLParser):
    """Each element's tag and ``lang``, in order, and the root's ``lang``."""

    def __init__(self) -> None:
        super().__init__()
        self.root = ""
        self.tags: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        lang = dict(attrs).get("lang") or ""
        if tag == "html":
            self.root = lang
        self.tags.append((tag, lang))


def _portuguese(week: Week) -> None:
    from dateline.articles.models import Article
    from dateline.stories.models import Story

    story = week.stories["jp"]
    Story.objects.filter(id=story.id).update(headline=HEADLINE, summary=SUMMARY)
    Article.objects.filter(story=story).update(language="pt")


def _marked(html: str) -> tuple[str, list[tuple[str, str]]]:
    parser = _Langs()
    parser.feed(html)
    return parser.root, [(tag, lang) for tag, lang in parser.tags if tag in ("h3", "p") and lang]


def test_newsletter_marks_a_story_in_another_language(smtp: Collector, week: Week, client: Any) -> None:
    _portuguese(week)
    subscriber("jp@example.com", ["JP"])
    assert service.send_edition(EDITION).sent == 1
    message = smtp.to("jp@example.com")[0]
    html = body(message, "html")
    root, marked = _marked(html)
    assert root == "en"
    assert marked == [("h3", "pt"), ("p", "pt")]  # its headline and summary, nothing else
    assert HEADLINE in html and "Headline fr-big" not in html
    assert HEADLINE in body(message, "plain")

    page = client.get("/newsletter/edition/2026-06-07/?countries=JP").content.decode()
    root, marked = _marked(page)
    assert root == "en" and marked == [("h3", "pt"), ("p", "pt")]
    world = client.get("/newsletter/edition/2026-06-07/").content.decode()
    assert _marked(world)[1] == [("h3", "pt"), ("p", "pt")]  # only the Portuguese story
