"""The reader's pages. Views stay thin: querysets live in the models' managers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET, require_http_methods

from dateline import clock, language
from dateline.articles.models import Article, archived_outlet
from dateline.geo import countries
from dateline.stories import rank
from dateline.stories.models import Story, StoryCountry
from dateline.web import fragments, images, present, structured, worldmap
from dateline.web import search as search_index
from dateline.web.cache import CSRF_PLACEHOLDER, cached_page
from dateline.web.forms import ReportForm
from dateline.web.fragments import CardRow
from dateline.web.models import Report

PAGE_SIZE = 20
HOME_SIZE = 8
SEARCH_MAX_PAGE = 50
REPORTS_PER_HOUR = 5


def _page(
    request: HttpRequest, template: str, context: dict, stories: Sequence[Story | CardRow] | None = None
) -> HttpResponse:
    """Render a page; its Last-Modified is the newest edit among the stories it shows."""
    context.setdefault("csrf_token", CSRF_PLACEHOLDER)
    response = render(request, template, context)
    stamps = [s.modified_at for s in stories or [] if s.modified_at]
    if stamps:
        response.last_modified_at = max(stamps)  # type: ignore[attr-defined]
    return response


def _country_or_404(code: str) -> countries.Country:
    country = countries.get(code) if len(code) == 2 and code.isalpha() else None
    if country is None:
        raise Http404("No such country")
    return country


def _keyset(qs, cursor: present.Cursor | None):  # type: ignore[no-untyped-def]
    """Stories before a (first_seen_at, id) cursor, newest first."""
    if cursor is not None:
        when, pk = cursor
        qs = qs.filter(Q(first_seen_at__lt=when) | Q(first_seen_at=when, id__lt=pk))
    return qs


@require_GET
@cached_page
def home(request: HttpRequest) -> HttpResponse:
    """Trending, The Latest and New Stories: three sections, each with its own stories."""
    pool = HOME_SIZE * 3  # enough to fill each section after the ones before it took theirs

    def candidates(qs) -> list[rank.Candidate]:  # type: ignore[no-untyped-def]
        return [rank.Candidate(pk, outlets) for pk, outlets in qs.values_list("id", "outlet_count")[:pool]]

    sections = rank.front_page(
        candidates(Story.objects.trending().filter(outlet_count__gte=2)),
        candidates(Story.objects.recently_updated().filter(outlet_count__gte=2)),
        candidates(Story.objects.newest()),
        HOME_SIZE,
    )
    rows = {
        row.id: row
        for row in fragments.card_rows(
            Story.objects.filter(id__in=sections.trending + sections.latest + sections.newest)
        )
    }
    trending = [rows[pk] for pk in sections.trending if pk in rows]
    latest = [rows[pk] for pk in sections.latest if pk in rows]
    newest = [rows[pk] for pk in sections.newest if pk in rows]
    context = {
        "trending": fragments.cards(trending),
        "latest": fragments.cards(latest),
        "newest": fragments.cards(newest),
    }
    return _page(request, "web/home.html", context, trending + latest + newest)


class SourceRow(NamedTuple):
    """A source article as the story page lists it."""

    outlet: str
    url: str
    title: str
    when: dt.datetime | None
    language: str = ""

    @property
    def language_name(self) -> str:
        return language.language_name(self.language)


def _sources(story_id: int) -> list[SourceRow]:
    rows = (
        Article.objects.originals()
        .filter(story_id=story_id)
        .order_by("published_at", "id")
        .values_list("source__name", "url", "title", "published_at", "fetched_at", "language")
    )
    return [
        SourceRow(archived_outlet(outlet, url), url, title, published or fetched, lang)
        for outlet, url, title, published, fetched, lang in rows
    ]


# The language the site's own pages are written in (``<html lang>``).
PAGE_LANGUAGE = present.PAGE_LANGUAGE


def summary_language(item: Story, sources: Sequence[SourceRow]) -> str:
    """The language of a story's headline and summary (see :func:`present.text_language`)."""
    return present.text_language(item.headline, item.summary, [s.language for s in sources])


@require_GET
@cached_page
def story(request: HttpRequest, slug: str) -> HttpResponse:
    """One story with its sources, disclosure, correction and more from its country."""
    # No ORDER BY (first() would add the model's): the slug's unique index finds the row.
    item = next(
        iter(Story.objects.published().filter(slug=slug).select_related("picture").order_by()[:1]), None
    )
    if item is None:
        # A story merged into another (the same event, found as coverage grew) leads there.
        merged = Story.objects.filter(slug=slug, merged_into__isnull=False).values_list(
            "merged_into__slug", flat=True
        )
        target = next(iter(merged.order_by()[:1]), None)
        if target:
            return HttpResponsePermanentRedirect(fragments.story_path(target))
        raise Http404("No such story")
    sources = _sources(item.pk)
    more_html, more = fragments.more_from(item.primary_country, item.pk) if item.primary_country else ("", [])
    primary = countries.get(item.primary_country)
    secondary = [c for c in (countries.get(code) for code in item.secondary_countries) if c]
    lead_image = images.of_story(item)
    text_language = summary_language(item, sources)
    context = {
        "story": item,
        "path": fragments.story_path(item.slug),
        "sources": sources,
        "more": more_html,
        "primary": primary,
        "tags": fragments.country_tag(primary.code) if primary else "",
        "secondary_tags": [fragments.country_tag(c.code) for c in secondary],
        "disclosure": present.disclosure(item.writer, item.edited_by_editor),
        "json_ld": _json_ld(request, item, sources, lead_image, text_language),
        "lead_image": lead_image,
        "page_language": PAGE_LANGUAGE,
        "summary_language": text_language,
    }
    return _page(request, "web/story.html", context, [item, *more])


def _json_ld(
    request: HttpRequest,
    item: Story,
    sources: Sequence[SourceRow],
    lead_image: images.StoryImage | None = None,
    text_language: str = "",
) -> str:
    image = settings.SITE_URL + lead_image.url if lead_image is not None else None
    return structured.news_article(
        item, sources, settings.SITE_URL, settings.SITE_NAME, image=image, language=text_language
    )


@require_GET
@cached_page
def country(request: HttpRequest, code: str) -> HttpResponse:
    """A country's stories, newest first, with keyset pagination."""
    if code != code.lower():
        # Country codes are lower-case in URLs; keep any query string.
        target = reverse("country", args=[code.lower()])
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)
    place = _country_or_404(code)
    cursor = present.parse_cursor(request.GET.get("before"))
    qs = _keyset(Story.objects.newest().in_country(place.code), cursor)
    rows = fragments.card_rows(qs[: PAGE_SIZE + 1])
    stories, more = rows[:PAGE_SIZE], len(rows) > PAGE_SIZE
    next_cursor = present.make_cursor(stories[-1].first_seen_at, stories[-1].id) if more else ""
    context = {
        "country": place,
        "code": place.code.lower(),
        "cards": fragments.cards(stories, level=2),
        "next_cursor": next_cursor,
        "paged": cursor is not None,
    }
    return _page(request, "web/country.html", context, stories)


def coverage() -> dict[str, int]:
    """Published stories per country code (primary or secondary)."""
    rows = (
        StoryCountry.objects.filter(story__status=Story.Status.PUBLISHED)
        .values("country")
        .annotate(n=Count("id"))
        .values_list("country", "n")
    )
    return {code: n for code, n in rows if code}


@require_GET
@gzip_page
@cached_page
def country_list(request: HttpRequest) -> HttpResponse:
    """The world map of coverage and the list of countries with their counts."""
    counts = coverage()

    def name(code: str) -> str:
        c = countries.get(code)
        return c.name if c else code

    svg = worldmap.render(counts, lambda code: reverse("country", args=[code.lower()]), name)
    listed = sorted(
        ((c, counts[c.code]) for c in (countries.get(code) for code in counts) if c),
        key=lambda pair: pair[0].name,
    )
    return _page(request, "web/countries.html", {"map": svg, "listed": listed})


@require_GET
@cached_page
def search(request: HttpRequest) -> HttpResponse:
    """Full-text search, ranked, with highlighted snippets."""
    query = request.GET.get("q", "")[:2000].replace("\x00", "")
    try:
        page = min(max(int(request.GET.get("page", "1")), 1), SEARCH_MAX_PAGE)
    except ValueError:
        page = 1
    hits, more = (
        search_index.search(query, PAGE_SIZE, (page - 1) * PAGE_SIZE) if query.strip() else ([], False)
    )
    context = {
        "query": query,
        "hits": hits,
        "results": mark_safe("".join(fragments.result(h.story, h.headline, h.snippet) for h in hits)),  # noqa: S308
        "page": page,
        "more": more and page < SEARCH_MAX_PAGE,
        "searched": bool(search_index.query_tokens(query)),
    }
    return _page(request, "web/search.html", context, [h.story for h in hits])


@require_GET
@cached_page
def about(request: HttpRequest) -> HttpResponse:
    """How Dateline works: sources, writing, the faithfulness check."""
    return _page(request, "web/about.html", {})


@require_GET
@cached_page
def corrections(request: HttpRequest) -> HttpResponse:
    """Stories an editor corrected, newest correction first."""
    stories = list(
        Story.objects.published().exclude(correction_note="").order_by("-corrected_at", "-id")[:200]
    )
    return _page(request, "web/corrections.html", {"stories": stories}, stories)


def _client_ip(request: HttpRequest) -> str:
    # REMOTE_ADDR, or X-Forwarded-For when REMOTE_ADDR is one of DATELINE_TRUSTED_PROXIES.
    from django.conf import settings

    from dateline.web.proxies import client_address

    return client_address(
        str(request.META.get("REMOTE_ADDR", "unknown")),
        str(request.META.get("HTTP_X_FORWARDED_FOR", "")),
        getattr(settings, "TRUSTED_PROXIES", ()),
    )


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    """Report a problem: stored for editors, rate-limited per address."""
    if request.method == "POST":
        key = f"web:report-rate:{_client_ip(request)}"
        cache.add(key, 0, 3600)
        try:
            sent = cache.incr(key)
        except ValueError:
            sent = 1
        if sent > REPORTS_PER_HOUR:
            return render(request, "web/report.html", {"form": ReportForm(), "limited": True}, status=429)
        form = ReportForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            Report.objects.create(
                story=data["story"],
                url=data["url"],
                message=data["message"],
                email=data["email"],
                created_at=clock.now(),
            )
            return redirect("report_thanks")
    else:
        initial = {"story": request.GET.get("story", "")[:120], "url": request.GET.get("url", "")[:2000]}
        form = ReportForm(initial=initial)
    story_obj = Story.objects.published().filter(slug=str(form["story"].value() or "")).first()
    return render(request, "web/report.html", {"form": form, "story": story_obj})


@require_GET
def report_thanks(request: HttpRequest) -> HttpResponse:
    """After a report."""
    return render(request, "web/report_thanks.html", {})


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers welcome on the reader's pages; not on the admin or the forms."""
    base = settings.SITE_URL
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /report/",
        "Disallow: /search",
        "Disallow: /newsletter/",
        "",
        f"Sitemap: {base}{reverse('sitemap')}",
        f"Sitemap: {base}{reverse('sitemap_news')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def minimal(request: HttpRequest) -> HttpResponse:
    """A constant answer, for comparing page speed with the framework's own floor (bench only)."""
    return HttpResponse(b"ok\n", content_type="text/plain")
