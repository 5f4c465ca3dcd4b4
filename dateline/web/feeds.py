"""Atom feeds out: every story, and per country."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from dateline.geo import countries
from dateline.stories.models import Story
from dateline.web import present
from dateline.web.fragments import with_languages

ITEMS = 50


class LanguageAtomFeed(Atom1Feed):
    """Atom with ``xml:lang`` on an entry whose text is not in the feed's language."""

    def item_attributes(self, item: dict[str, Any]) -> dict[str, str]:
        attributes = dict(super().item_attributes(item))
        code = item.get("text_language") or ""
        if code and code != self.feed.get("language"):
            attributes["xml:lang"] = code
        return attributes


class LatestStoriesFeed(Feed):
    """The most recently updated stories."""

    feed_type = LanguageAtomFeed
    language = present.PAGE_LANGUAGE

    def item_extra_kwargs(self, item: Story) -> dict[str, Any]:
        return {"text_language": getattr(item, "text_language", present.PAGE_LANGUAGE)}

    def title(self) -> str:
        return f"{settings.SITE_NAME}: latest stories"

    def subtitle(self) -> str:
        return "World news by country, with every source linked."

    def link(self) -> str:
        return reverse("home")

    def items(self) -> list[Story]:
        return with_languages(Story.objects.recently_updated()[:ITEMS])

    def item_title(self, item: Story) -> str:
        return item.headline  # Atom <title> is text: the feed generator escapes it.

    def item_description(self, item: Story) -> str:
        # <summary type="html">: escape the text ourselves, the feed's markup is ours only.
        return "".join(f"<p>{escape(p)}</p>" for p in present.paragraphs(item.summary))

    def item_link(self, item: Story) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Story) -> dt.datetime:
        return item.first_seen_at

    def item_updateddate(self, item: Story) -> dt.datetime:
        return item.corrected_at or item.last_updated_at

    def item_categories(self, item: Story) -> list[str]:
        codes = [item.primary_country, *item.secondary_countries]
        return [c.name for c in (countries.get(code) for code in codes) if c]

    def item_author_name(self, item: Story) -> str:
        return str(settings.SITE_NAME)


class CountryFeed(LatestStoriesFeed):
    """The newest stories filed under one country."""

    def get_object(self, request: HttpRequest, code: str) -> countries.Country:  # type: ignore[override]
        country = countries.get(code) if len(code) == 2 else None
        if country is None or code != code.lower():
            raise Http404("No such country")
        return country

    def title(self, obj: countries.Country) -> str:  # type: ignore[override]
        return f"{settings.SITE_NAME}: {obj.name}"

    def subtitle(self, obj: countries.Country) -> str:  # type: ignore[override]
        return f"Stories about {obj.name}, with every source linked."

    def link(self, obj: countries.Country) -> str:  # type: ignore[override]
        return reverse("country", args=[obj.code.lower()])

    def items(self, obj: countries.Country) -> list[Story]:  # type: ignore[override]
        return with_languages(Story.objects.newest().in_country(obj.code)[:ITEMS])
