"""Template filters for the website: countries, relative times, paragraphs."""

from __future__ import annotations

import datetime as dt
import functools

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString

from dateline import clock
from dateline.geo import countries
from dateline.web import fragments, present

register = template.Library()


@register.filter
def country(code: str) -> countries.Country | None:
    """The country for an alpha-2 code, or None."""
    return countries.get(code or "")


@register.filter
def ago(when: dt.datetime | None) -> str:
    """'3 hours ago', measured from the one clock."""
    return present.relative_time(when, clock.now()) if when else ""


@register.filter
def paragraphs(text: str) -> list[str]:
    """A story's summary as a list of paragraphs."""
    return present.paragraphs(text)


@register.filter
def opening(text: str, limit: int = 220) -> str:
    """The opening of a summary, cut at a word boundary."""
    return present.opening(text, int(limit))


@register.filter
def code_lower(code: str) -> str:
    """A country code as it appears in URLs."""
    return (code or "").lower()


@register.filter
def country_tag(code: str) -> SafeString:
    """A country tag: flag and name, linking to the country's page (built once per code)."""
    return fragments.country_tag(code)


@register.filter
def flag(code: str) -> SafeString:
    """A country's flag image; write the country's name beside it."""
    return fragments.flag(code)


@functools.lru_cache(maxsize=1024)
def _reverse(prefix: str, name: str, args: tuple[str, ...]) -> str:
    return reverse(name, args=list(args) or None)


@register.simple_tag
def link(name: str, *args: object) -> str:
    """``{% url %}`` for the site's own pages, remembered per name and arguments.

    The layout links to the same few pages on every page; reversing them each time was a
    third of a story page's rendering time.
    """
    return _reverse(get_script_prefix(), name, tuple(str(a) for a in args))
