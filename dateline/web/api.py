"""The read-only JSON API, and its OpenAPI 3.1 description."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_GET

from dateline.geo import countries
from dateline.sources.models import Source
from dateline.stories.models import Story
from dateline.web import present
from dateline.web.fragments import flag_url, story_languages
from dateline.web.openapi import MAX_OFFSET, SOURCES_LIMIT, SPEC, STORIES_LIMIT
from dateline.web.views import coverage


def _json(data: Any, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=60"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(message: str, status: int = 400) -> JsonResponse:
    return _json({"error": message}, status)


_INTEGER = re.compile(r"-?[0-9]{1,30}")
_COUNTRY = re.compile(r"[A-Za-z]{2}\n?")
_CURSOR = re.compile(r"[0-9]{1,17}_[0-9]{1,18}\n?")  # as the pattern, whose $ allows a last newline


class BadParameter(ValueError):
    """A query-string parameter outside what the OpenAPI document allows."""


def int_param(value: str | None, name: str, default: int, low: int, high: int) -> int:
    """An integer query parameter within [low, high], as the schema bounds it (pure)."""
    if value is None:
        return default
    if not _INTEGER.fullmatch(value):
        raise BadParameter(f"{name} must be an integer")
    number = int(value)
    if not low <= number <= high:
        raise BadParameter(f"{name} must be between {low} and {high}")
    return number


def _country(code: str) -> dict[str, Any]:
    c = countries.get(code)
    flag = settings.SITE_URL + flag_url(code) if c else None
    return {"code": code, "name": c.name if c else code, "flag": flag}


def story_summary(story: Story, language: str = present.PAGE_LANGUAGE) -> dict[str, Any]:
    """A story as listed; ``language`` is its text's (see :func:`fragments.story_languages`)."""
    return {
        "slug": story.slug,
        "url": settings.SITE_URL + story.get_absolute_url(),
        "headline": story.headline,
        "summary": story.summary,
        "language": language,
        "primary_country": _country(story.primary_country) if story.primary_country else None,
        "secondary_countries": [_country(code) for code in story.secondary_countries],
        "first_seen_at": story.first_seen_at.isoformat(),
        "last_updated_at": story.last_updated_at.isoformat(),
        "article_count": story.article_count,
        "outlet_count": story.outlet_count,
        "single_source": story.single_source,
        "writer": story.writer,
        "edited_by_editor": story.edited_by_editor,
        "correction_note": story.correction_note or None,
    }


@require_GET
def stories(request: HttpRequest) -> JsonResponse:
    """Published stories, newest first; keyset pagination with ``before``.

    ``country`` takes any two letters, as the schema says: a code with no stories (or none in
    ISO 3166-1) gives an empty page.
    """
    try:
        limit = int_param(request.GET.get("limit"), "limit", STORIES_LIMIT[2], *STORIES_LIMIT[:2])
    except BadParameter as exc:
        return _error(str(exc))
    qs = Story.objects.newest()
    code = request.GET.get("country")
    if code is not None:
        if not _COUNTRY.fullmatch(code):
            return _error("country must be two letters (ISO 3166-1 alpha-2)")
        code = code.strip().upper()
        qs = qs.in_country(code)
    before = request.GET.get("before")
    cursor = present.parse_cursor(before)
    if before is not None and (cursor is None or not _CURSOR.fullmatch(before)):
        return _error("before must be a cursor from a previous page's 'next'")
    if cursor:
        when, pk = cursor
        qs = qs.filter(Q(first_seen_at__lt=when) | Q(first_seen_at=when, id__lt=pk))
    rows = list(qs[: limit + 1])
    page = rows[:limit]
    next_url = None
    if len(rows) > limit:
        params = {"limit": str(limit), "before": present.make_cursor(page[-1].first_seen_at, page[-1].pk)}
        if code:
            params["country"] = code
        next_url = settings.SITE_URL + reverse("api_stories") + "?" + urlencode(params)
    languages = story_languages((s.pk, s.headline, s.summary) for s in page)
    return _json({"stories": [story_summary(s, languages[s.pk]) for s in page], "next": next_url})


@require_GET
def story_detail(request: HttpRequest, slug: str) -> JsonResponse:
    """One published story with its source articles."""
    try:
        item = get_object_or_404(Story.objects.published(), slug=slug)
    except Http404:
        return _error("no such story", 404)
    articles = list(item.articles.originals().select_related("source").order_by("published_at", "id"))
    data = story_summary(
        item, present.text_language(item.headline, item.summary, [a.language for a in articles])
    )
    data["sources"] = [
        {
            "outlet": a.source.name,
            "title": a.title,
            "url": a.url,
            "published_at": a.when.isoformat() if a.when else None,
            "language": a.language,
        }
        for a in articles
    ]
    return _json(data)


@require_GET
def country_list(request: HttpRequest) -> JsonResponse:
    """Countries with published stories and how many."""
    counts = coverage()
    rows = []
    for code, n in sorted(counts.items()):
        entry = _country(code)
        entry["story_count"] = n
        entry["url"] = settings.SITE_URL + reverse("country", args=[code.lower()])
        entry["feed"] = settings.SITE_URL + reverse("country_feed", args=[code.lower()])
        rows.append(entry)
    return _json({"countries": rows})


@require_GET
def sources(request: HttpRequest) -> JsonResponse:
    """The outlets Dateline reads, with their health; limit/offset pagination."""
    try:
        limit = int_param(request.GET.get("limit"), "limit", SOURCES_LIMIT[2], *SOURCES_LIMIT[:2])
        offset = int_param(request.GET.get("offset"), "offset", 0, 0, MAX_OFFSET)
    except BadParameter as exc:
        return _error(str(exc))
    rows = list(Source.objects.order_by("name", "id")[offset : offset + limit + 1])
    data = [
        {
            "name": s.name,
            "site_url": s.site_url,
            "feed_url": s.feed_url,
            "country": s.country or None,
            "language": s.language,
            "active": s.active,
            "healthy": s.healthy,
            "last_success_at": s.last_success_at.isoformat() if s.last_success_at else None,
        }
        for s in rows[:limit]
    ]
    more = len(rows) > limit
    return _json({"sources": data, "next_offset": offset + limit if more else None})


@require_GET
def openapi(request: HttpRequest) -> JsonResponse:
    """The OpenAPI 3.1 description of this API."""
    spec = dict(SPEC)
    spec["servers"] = [{"url": settings.SITE_URL}]
    return _json(spec)
