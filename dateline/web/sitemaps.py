"""sitemap.xml (stories, countries, fixed pages) and a news sitemap of the last two days."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse

from dateline import clock
from dateline.stories.models import Story, StoryCountry
from dateline.web.fragments import with_languages

NEWS_WINDOW = dt.timedelta(days=2)
NEWS_MAX = 1000  # the news sitemap protocol's limit


def story_lastmod(updated: dt.datetime, corrected: dt.datetime | None) -> dt.datetime:
    """When a story last changed for its readers (pure)."""
    return max(updated, corrected) if corrected else updated


class StorySitemap(Sitemap):
    changefreq = "hourly"
    priority = 0.8
    limit = 10000

    def items(self):  # type: ignore[no-untyped-def]
        return (
            Story.objects.published()
            .order_by("-first_seen_at", "-id")
            .only("slug", "last_updated_at", "corrected_at")
        )

    def lastmod(self, item: Story) -> dt.datetime:
        """The story's own last update (new coverage or an editor's correction), not the row's
        ``modified_at``, which every ranking pass touches."""
        return story_lastmod(item.last_updated_at, item.corrected_at)


class CountrySitemap(Sitemap):
    changefreq = "hourly"
    priority = 0.6

    def items(self) -> list[str]:
        codes = StoryCountry.objects.filter(story__status=Story.Status.PUBLISHED).values_list(
            "country", flat=True
        )
        return sorted({c.lower() for c in codes.distinct() if c})

    def location(self, item: str) -> str:
        return reverse("country", args=[item])


class PageSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self) -> list[str]:
        return ["home", "countries", "about", "corrections"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {"stories": StorySitemap, "countries": CountrySitemap, "pages": PageSitemap}


def news_sitemap(request: HttpRequest) -> HttpResponse:
    """Google News sitemap: stories first seen in the last two days by the one clock."""
    since = clock.now() - NEWS_WINDOW
    stories = with_languages(
        Story.objects.newest()
        .filter(first_seen_at__gte=since)
        .only("slug", "headline", "summary", "first_seen_at")[:NEWS_MAX]
    )
    body = render_to_string(
        "web/sitemap_news.xml",
        {"stories": stories, "base": settings.SITE_URL, "site_name": settings.SITE_NAME},
    )
    return HttpResponse(body, content_type="application/xml; charset=utf-8")
