"""CSRF: a reader's token on cached pages (accepted by Django's middleware); cross-origin checks."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CsrfViewMiddleware, _unmask_cipher_token
from django.test import Client, RequestFactory

from dateline.web import cache as page_cache
from dateline.web import csrf
from dateline.web.cache import CSRF_PLACEHOLDER

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_a_new_reader_gets_a_new_secret_and_a_masked_token() -> None:
    request = RequestFactory().get("/")
    token = csrf.reader_token(request)
    secret = request.META["CSRF_COOKIE"]
    assert len(token) == 64 and set(token) <= set(CSRF_ALLOWED_CHARS)
    assert len(secret) == 32 and set(secret) <= set(CSRF_ALLOWED_CHARS)
    assert _unmask_cipher_token(token) == secret
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True
    again = csrf.reader_token(request)
    assert again != token and _unmask_cipher_token(again) == secret  # a fresh mask, the same secret


def test_a_returning_reader_keeps_the_secret() -> None:
    request = RequestFactory().get("/")
    request.META["CSRF_COOKIE"] = "a" * 32
    assert _unmask_cipher_token(csrf.reader_token(request)) == "a" * 32
    assert csrf.secret_of(request) == "a" * 32


def test_a_malformed_secret_is_replaced() -> None:
    request = RequestFactory().get("/")
    request.META["CSRF_COOKIE"] = "not a secret!"
    token = csrf.reader_token(request)
    assert _unmask_cipher_token(token) == request.META["CSRF_COOKIE"] != "not a secret!"


def test_characters_are_drawn_evenly() -> None:
    counts = Counter("".join(csrf._random_chars(62) for _ in range(2000)))
    assert set(counts) == set(CSRF_ALLOWED_CHARS)
    # 2,000 draws per character on average: a plain byte % 62 would give the first eight ~2,300.
    assert max(counts.values()) < 2200 and min(counts.values()) > 1800


def _cached_form_page(request: HttpRequest) -> HttpResponse:
    entry = {
        "content": f'<form method="post"><input name="csrfmiddlewaretoken" value="{CSRF_PLACEHOLDER}">'.encode(),
        "content_type": "text/html; charset=utf-8",
        "etag": '"abc"',
        "last_modified": "",
    }
    return page_cache._finish(request, entry)


def test_a_cached_page_with_a_form_gets_each_reader_a_valid_token() -> None:
    middleware = CsrfViewMiddleware(_cached_form_page)
    response = middleware(RequestFactory().get("/form/"))
    token = TOKEN.search(response.content.decode())
    assert token and CSRF_PLACEHOLDER not in response.content.decode()
    cookie = response.cookies["csrftoken"].value
    assert _unmask_cipher_token(token[1]) == cookie
    assert response["Cache-Control"].startswith("private") and "Cookie" in response["Vary"]
    assert response["ETag"].startswith('W/"abc-')

    def post(data: dict[str, str]) -> HttpResponse | None:
        request = RequestFactory().post("/form/", data)
        request.COOKIES["csrftoken"] = cookie
        middleware.process_request(request)
        return middleware.process_view(request, lambda r: HttpResponse(), (), {})

    assert post({"csrfmiddlewaretoken": token[1]}) is None  # Django's own check accepts it
    refused = post({"csrfmiddlewaretoken": "x" * 64})
    assert refused is not None and refused.status_code == 403


def test_the_story_page_is_one_public_page_for_every_reader(make_story) -> None:
    story = make_story()
    first = Client().get(story.get_absolute_url())
    second = Client().get(story.get_absolute_url())  # from the cache
    assert first.content == second.content
    assert second["Cache-Control"].startswith("public") and "csrftoken" not in second.cookies
    assert "Cookie" not in second.get("Vary", "") and "csrfmiddlewaretoken" not in second.content.decode()
    assert Client().get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=second["ETag"]).status_code == 304


@pytest.mark.parametrize(
    ("method", "fetch_site", "origin", "refused"),
    [
        ("GET", "cross-site", "https://evil.example", False),
        ("POST", "same-origin", "https://news.example", False),
        ("POST", "none", None, False),
        ("POST", "cross-site", "https://evil.example", True),
        ("POST", "same-site", "https://other.news.example", True),
        ("POST", "cross-site", "https://news.example", False),  # a trusted origin, as Go allows
        ("POST", None, "https://news.example", False),
        ("POST", None, "https://evil.example", True),
        ("POST", None, "null", True),  # a sandboxed frame or a data: URL
        ("POST", None, None, False),  # not a browser: no victim to forge from
    ],
)
def test_cross_origin_refusal(method: str, fetch_site: str | None, origin: str | None, refused: bool) -> None:
    reason = csrf.cross_origin_refusal(method, fetch_site, origin, {"https://news.example"})
    assert (reason is not None) is refused
