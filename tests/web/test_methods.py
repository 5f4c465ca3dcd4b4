"""HEAD wherever GET works, 405 with ``Allow`` for every other method, on every URL pattern."""

from __future__ import annotations

import http.client
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from dateline.web.middleware import FORM_VIEWS, READ_ONLY

# One concrete address per URL pattern (by name); a new pattern without one fails the test.
SAMPLES: dict[str, str] = {
    "home": "/",
    "story": "/story/{slug}/",
    "country": "/country/fr/",
    "country_feed": "/country/fr/atom.xml",
    "countries": "/countries/",
    "search": "/search?q=budget",
    "about": "/about/",
    "corrections": "/corrections/",
    "report": "/report/",
    "report_thanks": "/report/thanks/",
    "feed": "/atom.xml",
    "api_stories": "/api/stories/",
    "api_story": "/api/stories/{slug}/",
    "api_countries": "/api/countries/",
    "api_sources": "/api/sources/",
    "api_openapi": "/api/openapi.json",
    "sitemap": "/sitemap.xml",
    "sitemap_news": "/sitemap-news.xml",
    "sitemap_section": "/sitemap-stories.xml",
    "robots": "/robots.txt",
    "lead_image": "/images/0123456789abcdef-320.webp",
    "newsletter:index": "/newsletter/",
    "newsletter:subscribe": "/newsletter/subscribe/",
    "newsletter:check_inbox": "/newsletter/check-your-inbox/",
    "newsletter:confirm": "/newsletter/confirm/not-a-token/",
    "newsletter:preferences": "/newsletter/preferences/not-a-token/",
    "newsletter:unsubscribe": "/newsletter/unsubscribe/not-a-token/",
    "newsletter:edition": "/newsletter/edition/2024-05-06/",
}
OTHER_METHODS = ("POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "QUERY", "CONNECT")
# Headers that differ between any two answers, or that name the reader.
VARYING = {"date", "set-cookie", "etag"}


def _names(patterns: list[Any], namespace: str = "") -> list[str]:
    names = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names += _names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            names.append(f"{namespace}{entry.name}")
    return names


def test_every_url_pattern_has_a_sample() -> None:
    names = _names(get_resolver().url_patterns)
    assert sorted(names) == sorted(SAMPLES)


@pytest.fixture
def urls(make_story, frozen_now) -> dict[str, str]:
    story = make_story(headline="Parliament passes the budget", countries=("FR",))
    return {name: url.format(slug=story.slug) for name, url in SAMPLES.items()}


def _headers(response: Any) -> dict[str, str]:
    return {k.lower(): v for k, v in response.headers.items() if k.lower() not in VARYING}


def test_head_answers_like_get_without_a_body(client: Client, urls: dict[str, str]) -> None:
    for name, url in urls.items():
        got = client.get(url)
        head = client.head(url)
        assert head.status_code == got.status_code, name
        assert head.content == b"", name
        assert _headers(head) == _headers(got), name
        if got.status_code == 200 and not got.streaming:
            assert head["Content-Length"] == str(len(got.content)), name
    for name in ("home", "story", "country", "search", "countries", "about", "robots", "api_stories"):
        assert client.head(urls[name]).status_code == 200, name


def test_other_methods_are_405_with_allow(client: Client, urls: dict[str, str]) -> None:
    for name, url in urls.items():
        allowed = FORM_VIEWS.get(name, READ_ONLY)
        for method in OTHER_METHODS:
            if method in allowed:
                continue
            response = client.generic(method, url)
            assert response.status_code == 405, (name, method, response.status_code)
            assert response["Allow"] == ", ".join(allowed), (name, method)
            if url.startswith("/api/"):
                assert response["Content-Type"] == "application/json", (name, method)
                assert "error" in response.json()
            else:
                assert b"CSRF" not in response.content


@pytest.mark.django_db(transaction=True)
def test_head_over_real_http_has_no_body(live_server: Any, make_story) -> None:
    """Through a real server: no body bytes after the headers, GET's Content-Length kept."""
    story = make_story()
    parts = urlsplit(live_server.url)
    for path in ("/", story.get_absolute_url(), "/api/stories/", "/robots.txt", "/static/web/site.css"):
        conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=10)
        conn.request("GET", path)
        got = conn.getresponse()
        body = got.read()
        conn.request("HEAD", path)
        head = conn.getresponse()
        assert head.status == got.status == 200, path
        assert head.read() == b"", path
        assert head.getheader("Content-Length") == str(len(body)), path
        # The connection is still usable: the server sent no stray body bytes after HEAD.
        conn.request("GET", path)
        again = conn.getresponse()
        assert again.status == 200 and again.read() == body, path
        conn.close()


def test_permissions_policy_on_every_answer(client: Client, urls: dict[str, str]) -> None:
    for name in ("home", "story", "api_stories", "feed"):
        policy = client.get(urls[name])["Permissions-Policy"]
        assert "camera=()" in policy and "geolocation=()" in policy, name


NASTY_QUERIES = (
    "before=99999999999999999_999999999999999999&page=99999999999999999999999",
    "limit=9223372036854775808&offset=9223372036854775808",
    "limit=-1&offset=-1&country=%FF%FE&q=%00",
    "countries=ZZ,%00,fr&worldwide=maybe&story=%00&url=%00",
    "before=0_0&q=" + "a%20" * 500,
)


def test_no_server_error_under_any_query_string(client: Client, urls: dict[str, str]) -> None:
    for name, url in urls.items():
        for query in NASTY_QUERIES:
            joined = f"{url}{'&' if '?' in url else '?'}{query}"
            status = client.get(joined).status_code
            assert status < 500, (name, joined, status)
