"""schema.org NewsArticle JSON-LD for story pages, escaped so it cannot leave its script element."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from django.templatetags.static import static
from django.utils.html import _json_script_escapes  # type: ignore[attr-defined]
from django.utils.safestring import SafeString, mark_safe

from dateline.geo import countries
from dateline.web import present

__all__ = ["headline", "news_article", "safe_json"]

HEADLINE_MAX = 110  # what Google shows of a NewsArticle headline
LOGO_SIZE = 112


def headline(text: str, limit: int = HEADLINE_MAX) -> str:
    """A headline of at most ``limit`` characters, cut at a word with an ellipsis (pure)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–—") + "…"


def safe_json(data: Any) -> SafeString:
    """JSON for a ``<script type="application/ld+json">``: ``<``, ``>`` and ``&`` become \\u escapes."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_json_script_escapes)
    return mark_safe(text)  # noqa: S308 - no '<' can survive the translation above


def news_article(
    story: Any,
    sources: Sequence[Any],
    site_url: str,
    site_name: str,
    *,
    image: str | None = None,
    language: str = "",
) -> SafeString:
    """The NewsArticle description of a story and the articles it is based on (``image``: the
    absolute URL of the story's picture, hosted by the site; ``language``: its text's)."""
    url = site_url + story.get_absolute_url()
    places = [
        c for c in (countries.get(code) for code in [story.primary_country, *story.secondary_countries]) if c
    ]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline(story.headline),
        "description": present.opening(story.summary, 300),
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": story.first_seen_at.isoformat(),
        "dateModified": (story.corrected_at or story.last_updated_at).isoformat(),
        "author": {"@type": "Organization", "name": site_name, "url": site_url + "/"},
        "publisher": {
            "@type": "Organization",
            "name": site_name,
            "url": site_url + "/",
            "logo": {
                "@type": "ImageObject",
                "url": site_url + static("web/logo.png"),
                "width": LOGO_SIZE,
                "height": LOGO_SIZE,
            },
        },
        "contentLocation": [{"@type": "Country", "name": c.name, "identifier": c.code} for c in places],
        "isBasedOn": [a.url for a in sources],
    }
    if image:
        data["image"] = [image]
    if language:
        data["inLanguage"] = language
    return safe_json(data)
