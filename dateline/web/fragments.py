"""Story cards and the other small pieces of HTML that many pages repeat, built in Python.

A card is the same few lines for every story on the home, country and story pages; building it
with f-strings and :func:`html.escape` (what Django's ``escape`` calls) costs a few microseconds,
where a template include per card costs a good part of a millisecond. Every value from a feed or
a writer is escaped here; only the country tag (built from the country table) and the URLs
(slugs, country codes) are trusted.

The "More from <country>" list on the story page is the same for every story of a country, so it
is kept in the cache per country and page-cache generation (see :mod:`dateline.web.cache`).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from html import escape
from typing import NamedTuple

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Subquery
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from dateline import clock
from dateline.articles.models import Article
from dateline.geo import countries
from dateline.stories.models import Story, StoryQuerySet
from dateline.web import images, present
from dateline.web.cache import MAX_AGE, generation

__all__ = [
    "CARD_FIELDS",
    "CardRow",
    "card",
    "card_rows",
    "cards",
    "country_tag",
    "more_from",
    "result",
    "story_languages",
    "story_path",
    "with_languages",
]

MORE_SIZE = 5
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class CardRow(NamedTuple):
    """What a card shows of a story (one ``values_list`` row, in :data:`CARD_FIELDS` order)."""

    id: int
    slug: str
    headline: str
    summary: str
    primary_country: str
    outlet_count: int
    last_updated_at: dt.datetime
    first_seen_at: dt.datetime
    modified_at: dt.datetime | None
    #: The story's picture (:class:`~dateline.articles.models.StoryPicture` data), if it has one.
    picture: dict | None = None
    #: The language its headline and summary are written in (see :func:`story_languages`).
    language: str = present.PAGE_LANGUAGE

    def get_absolute_url(self) -> str:
        return story_path(self.slug)


CARD_FIELDS = (*CardRow._fields[:-2], "picture__data")


def _language_marks() -> tuple[Subquery, Exists]:
    """Two annotations of a story: one language of its sources other than the site's (None when
    all are in it), and whether any source is in the site's language."""
    sources = Article.objects.originals().filter(story_id=OuterRef("id")).order_by()
    other = Subquery(sources.exclude(language__in=("", present.PAGE_LANGUAGE)).values("language")[:1])
    return other, Exists(sources.filter(language=present.PAGE_LANGUAGE))


def _text_language(headline: str, summary: str, other: str | None, own: bool) -> str:
    if not other:
        return present.PAGE_LANGUAGE
    return present.text_language(headline, summary, [other, present.PAGE_LANGUAGE] if own else [other])


def story_languages(stories: Iterable[tuple[int, str, str]]) -> dict[int, str]:
    """The language of each story's headline and summary, from ``(id, headline, summary)``:
    one query for its sources' languages, and the text read only for a story with a source that
    is not in the site's language (see :func:`present.text_language`)."""
    stories = list(stories)
    if not stories:
        return {}
    other, own = _language_marks()
    marks = {
        pk: (other, own)
        for pk, other, own in Story.objects.filter(id__in=[pk for pk, _, _ in stories])
        .order_by()
        .annotate(other_language=other, own_language=own)
        .values_list("id", "other_language", "own_language")
    }
    return {
        pk: _text_language(headline, summary, *marks.get(pk, (None, True)))
        for pk, headline, summary in stories
    }


def with_languages(stories: Iterable[Story]) -> list[Story]:
    """The stories, each with ``text_language`` set (one query for all their sources)."""
    found = list(stories)
    languages = story_languages((s.pk, s.headline, s.summary) for s in found)
    for story in found:
        story.text_language = languages[story.pk]  # type: ignore[attr-defined]
    return found


def card_rows(qs: StoryQuerySet) -> list[CardRow]:
    """The rows of a story queryset (already sliced or not) as :class:`CardRow` tuples, each with
    the language of its text (read in the same query)."""
    rows = []
    other_mark, own_mark = _language_marks()
    for *fields, other, own in qs.annotate(other_language=other_mark, own_language=own_mark).values_list(
        *CARD_FIELDS, "other_language", "own_language"
    ):
        row = CardRow(*fields)
        rows.append(row._replace(language=_text_language(row.headline, row.summary, other, own)))
    return rows


@functools.lru_cache(maxsize=8)
def _story_url_parts(prefix: str) -> tuple[str, str]:
    # Reverse once with a marker and split around it: a slug needs no quoting in a path.
    marker = "slug-marker-0"
    before, after = reverse("story", kwargs={"slug": marker}).split(marker)
    return before, after


def story_path(slug: str) -> str:
    """The path of a story's page (what ``Story.get_absolute_url`` gives, without a reverse)."""
    before, after = _story_url_parts(get_script_prefix())
    return f"{before}{slug}{after}"


def flag_url(code: str) -> str:
    """The site's own SVG flag for a country code (from the flag-icons package, MIT licence)."""
    return static(f"web/flags/{code.lower()}.svg")


@functools.lru_cache(maxsize=512)
def _flag_html(code: str) -> str:
    if countries.get(code) is None:
        return ""
    # Decorative: the country's name is always written beside it.
    return format_html('<img class="flag" src="{}" alt="" width="20" height="15">', flag_url(code))


def flag(code: str) -> SafeString:
    """A country's flag as an image (empty for an unknown code); its name goes beside it as text."""
    return mark_safe(_flag_html((code or "").upper()))  # noqa: S308 - built by format_html


@functools.lru_cache(maxsize=1024)
def _tag_html(prefix: str, code: str) -> str:
    c = countries.get(code)
    if c is None:
        return ""
    url = reverse("country", args=[c.code.lower()])
    return format_html('<a class="tag" href="{}">{} {}</a>', url, flag(c.code), c.name)


def country_tag(code: str) -> SafeString:
    """A country tag: flag and name, linking to the country's page (built once per code)."""
    return mark_safe(_tag_html(get_script_prefix(), (code or "").upper()))  # noqa: S308 - built by format_html


def card(row: CardRow, now: dt.datetime, level: int = 3, thumb: str = "") -> str:
    """One story card's HTML; ``now`` is for the relative time ('3 hours ago')."""
    tag = country_tag(row.primary_country) if row.primary_country else ""
    tags = f'<p class="tags">{tag}</p>' if tag else ""
    outlets = row.outlet_count
    single = " · single source" if outlets <= 1 else ""
    updated = row.last_updated_at
    lang = present.lang_attribute(row.language)
    return (
        f'<article class="card">\n  {thumb}{tags}\n'
        f'  <h{level} class="card-title"{lang}><a href="{story_path(row.slug)}">{escape(row.headline)}</a></h{level}>\n'
        f'  <p class="card-text"{lang}>{escape(present.opening(row.summary))}</p>\n'
        f'  <p class="meta">{outlets} outlet{"" if outlets == 1 else "s"} · '
        f'<time datetime="{updated.isoformat()}">{present.relative_time(updated, now)}</time>{single}</p>\n'
        "</article>"
    )


def result(row: CardRow | Story, headline: SafeString, snippet: SafeString) -> str:
    """One search result: like a card, with the matches marked (``headline`` and ``snippet`` are
    already escaped HTML, see :func:`dateline.web.search.highlight`)."""
    tag = country_tag(row.primary_country) if row.primary_country else ""
    tags = f'<p class="tags">{tag}</p>' if tag else ""
    outlets = row.outlet_count
    updated = row.last_updated_at
    lang = present.lang_attribute(getattr(row, "language", present.PAGE_LANGUAGE))
    return (
        f'<article class="card result">\n  {tags}\n'
        f'  <h2 class="card-title"{lang}><a href="{story_path(row.slug)}">{headline}</a></h2>\n'
        f'  <p class="card-text"{lang}>{snippet}</p>\n'
        f'  <p class="meta">{outlets} outlet{"" if outlets == 1 else "s"} · '
        f'<time datetime="{updated.isoformat()}">{updated.day} {_MONTHS[updated.month - 1]} {updated.year}</time></p>\n'
        "</article>"
    )


def cards(rows: list[CardRow], level: int = 3) -> SafeString:
    """The cards of several stories, one after the other."""
    now = clock.now()
    return mark_safe("".join(card(r, now, level, images.thumb_html(r.picture)) for r in rows))  # noqa: S308 - escaped in card()


def more_from(code: str, exclude: int) -> tuple[SafeString, list[CardRow]]:
    """The "More from <country>" cards for a story page, and their rows (for Last-Modified).

    The newest ``MORE_SIZE + 1`` stories of the country are kept in the cache per generation;
    the story being shown is left out of them.
    """
    key = f"web:more:{generation()}:{code.upper()}"
    entry: list[tuple[CardRow, str]] | None = cache.get(key)
    if entry is None:
        rows = card_rows(Story.objects.newest().in_country(code)[: MORE_SIZE + 1])
        now = clock.now()
        entry = [(r, card(r, now, thumb=images.thumb_html(r.picture))) for r in rows]
        cache.set(key, entry, MAX_AGE * 10)
    chosen = [(r, html) for r, html in entry if r.id != exclude][:MORE_SIZE]
    return mark_safe("".join(html for _, html in chosen)), [r for r, _ in chosen]  # noqa: S308
