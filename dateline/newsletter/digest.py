"""Which stories go into an edition: one ranking per edition window, cached per country.

An :class:`EditionIndex` reads the window's coverage once (two queries, whatever the
number of subscribers), ranks stories worldwide and per country lazily, and loads the
few stories that are actually shown. Digests are cached per country selection in a
bounded LRU, so memory stays flat in the number of subscribers.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict, defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse

from dateline.articles.images import CARD_WIDTHS
from dateline.articles.models import Article
from dateline.geo import countries as geo
from dateline.newsletter import core
from dateline.stories.models import Story, StoryCountry


@dataclass(frozen=True)
class StoryItem:
    """What a digest shows of a story."""

    id: int
    headline: str
    summary: str
    url: str
    country: str
    outlets: int
    articles: int
    #: Absolute URL of the story's thumbnail, hosted by the site ('' when it has none).
    image: str = ""
    image_credit: str = ""
    #: The language its headline and summary are written in (ISO 639-1).
    language: str = "en"

    @property
    def single_source(self) -> bool:
        return self.outlets <= 1

    @property
    def lang(self) -> str:
        """The ``lang`` its headline and summary carry: "" when in the site's language."""
        from dateline.web.present import PAGE_LANGUAGE

        return "" if self.language in ("", PAGE_LANGUAGE) else self.language


@dataclass(frozen=True)
class DigestSection:
    """A rendered section: its title and its stories (possibly none: a quiet week)."""

    code: str
    title: str
    stories: tuple[StoryItem, ...]


def _name(code: str) -> str:
    """A country's name for a digest (no flag emoji: many mail clients show them as boxes)."""
    found = geo.get(code)
    return found.name if found else code.upper()


def thumb_url(data: dict | None) -> tuple[str, str]:
    """The absolute URL and credit of a story's thumbnail ('' when it has none, or when the
    website's URLs are not mounted)."""
    from dateline.web.images import from_data

    pic = from_data(data)
    if pic is None:
        return "", ""
    try:
        path = pic.src(pic.pick(CARD_WIDTHS)[-1][0])
    except NoReverseMatch:
        return "", ""
    return settings.SITE_URL + path, pic.credit


def story_url(slug: str) -> str:
    """The absolute URL of a story page."""
    try:
        path = reverse("story", kwargs={"slug": slug})
    except NoReverseMatch:  # the website's URLs are not mounted (e.g. a bare test setup)
        path = f"/story/{slug}/"
    return settings.SITE_URL + path


def first_paragraph(text: str, limit: int = 320) -> str:
    """The summary's first paragraph: whole sentences up to ``limit`` characters (a quotation is
    never left open); a first sentence longer than that is cut at a word boundary."""
    para = (text or "").strip().split("\n\n", 1)[0].strip()
    para = " ".join(para.split())
    if len(para) <= limit:
        return para
    from dateline.stories.hygiene import balanced
    from dateline.stories.sentences import split_clean

    kept = longer = ""
    for sentence in split_clean(para):
        longer = f"{longer} {sentence}".strip()
        if len(longer) > limit:
            break
        if balanced(longer):  # not inside a quotation of several sentences
            kept = longer
    if kept and para.startswith(kept):
        return kept
    cut = para[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return cut + _closers(cut)


def _closers(text: str) -> str:
    """The quotation marks and brackets a cut text leaves open, closed (innermost first)."""
    pairs = {"“": "”", "«": "»", "(": ")", "[": "]", "‘": "’"}
    stack: list[str] = []
    for ch in text:
        if ch in pairs and ch != "‘":
            stack.append(pairs[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
    straight = '"' if text.count('"') % 2 else ""
    return straight + "".join(reversed(stack))


def window_articles(start: dt.datetime, end: dt.datetime):  # type: ignore[no-untyped-def]
    """Original articles of published stories that appeared inside ``[start, end)``."""
    in_window = Q(published_at__gte=start, published_at__lt=end) | Q(
        published_at__isnull=True, fetched_at__gte=start, fetched_at__lt=end
    )
    return Article.objects.filter(in_window, duplicate_of__isnull=True, story__status=Story.Status.PUBLISHED)


class EditionIndex:
    """Rankings for one edition window, built once and shared by every message."""

    def __init__(self, start: dt.datetime, end: dt.datetime, cache_size: int = 2048) -> None:
        self.start, self.end = start, end
        articles = window_articles(start, end)
        self._ranked: dict[int, core.Ranked] = {
            row["story_id"]: core.Ranked(row["story_id"], row["outlets"], row["articles"])
            for row in articles.values("story_id").annotate(
                outlets=Count("source_id", distinct=True), articles=Count("id")
            )
        }
        self._members: dict[str, dict[int, int]] = defaultdict(dict)
        filed = StoryCountry.objects.filter(story_id__in=articles.values("story_id")).values_list(
            "story_id", "country", "position"
        )
        for story_id, country, position in filed.iterator(chunk_size=2000):
            self._members[country][story_id] = position
        self.world = core.rank(self._ranked.values())
        self._by_country: dict[str, list[int]] = {}
        self._items: dict[int, StoryItem] = {}
        self._digests: OrderedDict[tuple[tuple[str, ...], bool], list[DigestSection]] = OrderedDict()
        self._cache_size = cache_size

    @property
    def story_count(self) -> int:
        return len(self._ranked)

    def ranked_in(self, code: str) -> list[int]:
        """Story ids filed under ``code`` (primary or secondary), best first; cached."""
        if code not in self._by_country:
            members = self._members.get(code, {})
            entries = [self._ranked[sid] for sid in members if sid in self._ranked]
            self._by_country[code] = core.rank(entries, positions=members)
        return self._by_country[code]

    def sections(self, countries: tuple[str, ...], worldwide: bool) -> list[DigestSection]:
        """The digest for one selection, no story twice; cached in a bounded LRU."""
        key = core.selection_key(countries, worldwide)
        cached = self._digests.get(key)
        if cached is not None:
            self._digests.move_to_end(key)
            return cached
        plan = core.assemble(key[0], key[1], {c: self.ranked_in(c) for c in key[0]}, self.world)
        self._load([sid for section in plan for sid in section.story_ids])
        result = [
            DigestSection(
                code=section.code,
                title=_name(section.code) if section.code else "Top stories worldwide",
                stories=tuple(self._items[sid] for sid in section.story_ids if sid in self._items),
            )
            for section in plan
        ]
        self._digests[key] = result
        if len(self._digests) > self._cache_size:
            self._digests.popitem(last=False)
        return result

    def _load(self, ids: list[int]) -> None:
        missing = [sid for sid in ids if sid not in self._items]
        if not missing:
            return
        rows = list(
            Story.objects.filter(id__in=missing, status=Story.Status.PUBLISHED).values_list(
                "id", "slug", "headline", "summary", "primary_country", "picture__data"
            )
        )
        from dateline.web.fragments import story_languages

        languages = story_languages((sid, headline, summary) for sid, _, headline, summary, _, _ in rows)
        for sid, slug, headline, summary, primary, picture in rows:
            ranked = self._ranked[sid]
            image, credit = thumb_url(picture)
            self._items[sid] = StoryItem(
                id=sid,
                headline=" ".join((headline or "").split()),
                summary=first_paragraph(summary),
                url=story_url(slug),
                country=_name(primary) if primary else "",
                outlets=ranked.outlets,
                articles=ranked.articles,
                image=image,
                image_credit=credit,
                language=languages[sid],
            )


def has_stories(sections: list[DigestSection]) -> bool:
    """Whether a digest has anything to say; an empty one is not sent."""
    return any(section.stories for section in sections)
