"""Template filters for the website: countries, relative times, paragraphs."""

from __future__ import annotations

import datetime as dt

from django import template
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
