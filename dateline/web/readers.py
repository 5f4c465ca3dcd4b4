"""What readers get of a story from each outlet, and the defects they would see in it.

Every outlet renders a story's stored headline and summary its own way: the story page (HTML),
the Atom entry (its summary is HTML inside XML), the newsletter (HTML and plain text) and the JSON
API. :func:`outlet_texts` renders each for a batch of stories and reads the text back as a reader
gets it (tags dropped, entities decoded once, as a browser or feed reader does), so that a fault
added by rendering (text escaped twice, markup shown as text) shows up beside the faults of the
stored text. :func:`scan` counts the kinds of :mod:`dateline.stories.hygiene` per outlet.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Sequence
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.template.loader import get_template
from django.test import RequestFactory

from dateline.stories import hygiene
from dateline.stories.models import Story

__all__ = ["OUTLETS", "outlet_texts", "scan", "text_of"]

OUTLETS = ("page", "atom", "newsletter html", "newsletter text", "api")
_ATOM = "{http://www.w3.org/2005/Atom}"


class _Text(HTMLParser):
    """The text of an HTML fragment, paragraph by paragraph, or of chosen elements only."""

    _BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "li", "br", "section", "article"})

    def __init__(self, wanted: dict[str, str] | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.wanted = wanted  # {"tag": "class"}: read only inside these ("" for any class)
        self.depth = 0  # inside a wanted element: its nesting depth
        self.parts: list[list[str]] = [[]]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.depth += tag not in ("br", "img", "meta", "link", "input")
        elif self.wanted is not None and tag in self.wanted:
            classes = (dict(attrs).get("class") or "").split()
            if not self.wanted[tag] or self.wanted[tag] in classes:
                self.depth = 1
                self.parts.append([])
        if tag in self._BLOCKS:
            self.parts.append([])

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1
        if tag in self._BLOCKS:
            self.parts.append([])

    def handle_data(self, data: str) -> None:
        if self.wanted is None or self.depth:
            self.parts[-1].append(data)

    def paragraphs(self) -> list[str]:
        found = (" ".join("".join(part).split()) for part in self.parts)
        return [p for p in found if p]


def text_of(html: str, wanted: dict[str, str] | None = None) -> list[str]:
    """The paragraphs of text a reader sees in ``html`` (inside the ``wanted`` elements only)."""
    parser = _Text(wanted)
    parser.feed(html)
    parser.close()
    return parser.paragraphs()


def _page(story: Story, factory: RequestFactory) -> tuple[str, str]:
    from dateline.web import views

    response = views.story(factory.get(story.get_absolute_url()), slug=story.slug)
    html = response.content.decode()
    headline = " ".join(text_of(html, {"h1": ""}))
    return headline, "\n\n".join(text_of(html, {"div": "summary"}))


def _atom(stories: Sequence[Story], factory: RequestFactory) -> dict[int, tuple[str, str]]:
    from dateline.web.feeds import LatestStoriesFeed
    from dateline.web.fragments import with_languages

    class Every(LatestStoriesFeed):
        def items(self) -> list[Story]:
            return with_languages(stories)

    xml = Every().get_feed(None, factory.get("/atom.xml")).writeString("utf-8")
    by_url = {s.get_absolute_url(): s.pk for s in stories}
    found: dict[int, tuple[str, str]] = {}
    for entry in ET.fromstring(xml).iter(f"{_ATOM}entry"):
        link = entry.find(f"{_ATOM}link")
        href = link.get("href", "") if link is not None else ""
        pk = next((pk for url, pk in by_url.items() if href.endswith(url)), None)
        if pk is not None:
            summary = "\n\n".join(text_of(entry.findtext(f"{_ATOM}summary") or ""))
            found[pk] = (entry.findtext(f"{_ATOM}title") or "", summary)
    return found


def _newsletter(story: Story, language: str) -> tuple[tuple[str, str], tuple[str, str]]:
    from dateline.newsletter.digest import DigestSection, StoryItem, first_paragraph

    item = StoryItem(
        id=story.pk,
        headline=" ".join(story.headline.split()),
        summary=first_paragraph(story.summary),
        url=story.get_absolute_url(),
        country="",
        outlets=story.outlet_count,
        articles=story.article_count,
        language=language,
    )
    context = {"section": DigestSection(code="", title="Top stories", stories=(item,))}
    html = get_template("newsletter/email/_section.html").render(context)
    text = get_template("newsletter/email/_section.txt").render(context)
    lines = [line.strip() for line in text.splitlines()]
    star = next(i for i, line in enumerate(lines) if line.startswith("* "))
    summary = lines[star + 1] if item.summary else ""
    return (
        (" ".join(text_of(html, {"h3": ""})), " ".join(text_of(html, {"p": ""})[:1]) if item.summary else ""),
        (lines[star][2:], summary),
    )


def _api(story: Story, language: str) -> tuple[str, str]:
    from dateline.web.api import _json, story_summary

    data: dict[str, Any] = json.loads(_json(story_summary(story, language)).content)
    return data["headline"], data["summary"]


def _factory() -> RequestFactory:
    """Requests as the site's own address would get them (one the site answers to)."""
    host = urlsplit(settings.SITE_URL).netloc
    allowed = [h for h in settings.ALLOWED_HOSTS if h and "*" not in h and not h.startswith(".")]
    if allowed and host.split(":")[0] not in allowed and "*" not in settings.ALLOWED_HOSTS:
        host = allowed[0]
    return RequestFactory(HTTP_HOST=host or "localhost")


def outlet_texts(stories: Sequence[Story]) -> dict[int, dict[str, tuple[str, str]]]:
    """For each story, the (headline, summary) a reader gets from each of :data:`OUTLETS`."""
    from dateline.web.fragments import story_languages

    factory = _factory()
    languages = story_languages((s.pk, s.headline, s.summary) for s in stories)
    atom = _atom(stories, factory)
    found: dict[int, dict[str, tuple[str, str]]] = {}
    for story in stories:
        html, text = _newsletter(story, languages[story.pk])
        found[story.pk] = {
            "page": _page(story, factory),
            "atom": atom.get(story.pk, ("", "")),
            "newsletter html": html,
            "newsletter text": text,
            "api": _api(story, languages[story.pk]),
        }
    return found


def scan(stories: Iterable[Story], batch: int = 200) -> dict[str, Any]:
    """Every story as each outlet renders it, checked: ``{"stories", "faulty", "by_outlet":
    {outlet: {kind: count}}, "examples": [...]}`` (a story counts once per kind and outlet)."""
    by_outlet: dict[str, Counter[str]] = {outlet: Counter() for outlet in OUTLETS}
    examples: list[dict[str, str]] = []
    count = faulty = 0
    stories = list(stories)
    for start in range(0, len(stories), batch):
        chunk = stories[start : start + batch]
        texts = outlet_texts(chunk)
        for story in chunk:
            count += 1
            story_bad = False
            for outlet, (headline, summary) in texts[story.pk].items():
                kinds: set[str] = set()
                for text, kind in hygiene.found(headline, summary):
                    if kind not in kinds:
                        kinds.add(kind)
                        examples.append(
                            {"story": story.slug, "outlet": outlet, "kind": kind, "text": text[:300]}
                        )
                by_outlet[outlet].update(kinds)
                story_bad = story_bad or bool(kinds)
            faulty += story_bad
    return {
        "stories": count,
        "faulty": faulty,
        "by_outlet": {
            outlet: {kind: by_outlet[outlet][kind] for kind in hygiene.KINDS} for outlet in OUTLETS
        },
        "examples": examples,
    }
