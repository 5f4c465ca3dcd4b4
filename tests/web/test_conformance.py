"""Small conformance fixes: API errors, error pages, landmarks, OpenGraph, JSON-LD, sitemaps, flags."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET

from django.test import Client

from dateline.web import api, structured
from dateline.web.sitemaps import story_lastmod

FLAG_EMOJI = re.compile("[\U0001f1e6-\U0001f1ff]")
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_int_param_checks_the_schema_bounds() -> None:
    assert api.int_param(None, "limit", 20, 1, 100) == 20
    assert api.int_param("100", "limit", 20, 1, 100) == 100
    for bad in ("0", "101", "x", "1.5", " 5", "5_0", "", "9223372036854775808"):
        try:
            api.int_param(bad, "limit", 20, 1, 100)
        except api.BadParameter:
            continue
        raise AssertionError(bad)


def test_api_errors_are_json_under_api(client: Client, make_story) -> None:
    make_story(countries=("FR",))
    for url, status in (
        ("/api/stories/no-such-story/", 404),
        ("/api/nothing-here/", 404),
        ("/api/stories/a%20b/", 404),
        ("/api/sources/?offset=9223372036854775808", 400),
        ("/api/sources/?offset=-1", 400),
        ("/api/sources/?limit=501", 400),
        ("/api/stories/?limit=0", 400),
        ("/api/stories/?before=", 400),
    ):
        response = client.get(url)
        assert response.status_code == status, url
        assert response["Content-Type"] == "application/json", url
        assert set(response.json()) == {"error"}, url
    # Any two letters: an unknown code is an empty page, either case.
    assert client.get("/api/stories/?country=AA").json() == {"stories": [], "next": None}
    assert len(client.get("/api/stories/?country=fr").json()["stories"]) == 1


def test_not_found_page_is_in_the_layout(client: Client) -> None:
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<nav aria-label="Main">' in html and '<main id="main"' in html
    assert html.count('role="search"') == 2 and 'action="/search"' in html
    labels = re.findall(r'role="search" aria-label="([^"]+)"', html)
    assert len(labels) == len(set(labels)) == 2


def test_server_error_page_renders_without_a_request() -> None:
    from django.test import RequestFactory

    from dateline.web import errors

    page = errors.server_error(RequestFactory().get("/story/x/"))
    assert page.status_code == 500 and b"Something went wrong" in page.content
    assert b'<nav aria-label="Main">' in page.content
    api_error = errors.server_error(RequestFactory().get("/api/stories/"))
    assert json.loads(api_error.content) == {"error": "internal error"}


def test_search_landmarks_have_unique_labels(client: Client, db: None) -> None:
    html = client.get("/search?q=budget").content.decode()
    labels = re.findall(r'role="search" aria-label="([^"]+)"', html)
    assert html.count('role="search"') == len(labels) == len(set(labels)) == 2


def test_help_text_ids_exist(client: Client, db: None) -> None:
    answers = {
        "/report/": client.get("/report/"),
        "/newsletter/": client.get("/newsletter/"),
        "/report/ (errors)": client.post("/report/", {"message": " ", "email": "not-an-address"}),
        "/newsletter/ (errors)": client.post("/newsletter/subscribe/", {"email": "x"}),
    }
    for url, response in answers.items():
        html = response.content.decode()
        described = re.findall(r'aria-describedby="([^"]+)"', html)
        assert described, url
        for ids in described:
            for target in ids.split():
                assert f'id="{target}"' in html, (url, target)


def test_headline_cut_at_a_word_with_an_ellipsis() -> None:
    long = "Parliament passes the budget after a night of talks " * 4
    cut = structured.headline(long)
    assert len(cut) <= structured.HEADLINE_MAX and cut.endswith("…")
    assert long.startswith(cut[:-1]) and long[len(cut) - 1] == " "
    assert structured.headline("Short headline") == "Short headline"


def test_story_page_opengraph_jsonld_and_flags(client: Client, make_story, frozen_now) -> None:
    story = make_story(headline="Floods hit the north " * 8, countries=("RU", "UA"))
    html = client.get(story.get_absolute_url()).content.decode()
    assert html.count('property="og:type"') == 1 and '<meta property="og:type" content="article">' in html
    assert '<meta property="og:locale" content="en_US">' in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1])  # type: ignore[index]
    assert data["headline"].endswith("…") and len(data["headline"]) <= 110
    assert data["publisher"]["logo"]["url"].endswith("/static/web/logo.png")
    assert '<img class="flag" src="/static/web/flags/ua.svg" alt="" width="20" height="15"> Ukraine' in html
    assert not FLAG_EMOJI.search(html)
    home = client.get("/").content.decode()
    assert '<meta property="og:type" content="website">' in home
    assert 'href="/newsletter/"' in home and 'class="tagline"' in home
    assert 'href="/newsletter/"' in client.get("/country/ru/").content.decode()


def test_no_flag_emoji_on_any_page(client: Client, make_story, frozen_now) -> None:
    make_story(countries=("FR", "DE"))
    for url in ("/", "/countries/", "/country/fr/", "/newsletter/", "/search?q=budget", "/api/stories/"):
        assert not FLAG_EMOJI.search(client.get(url).content.decode()), url


def test_flags_are_served_by_the_site(client: Client) -> None:
    from django.contrib.staticfiles import finders

    path = finders.find("web/flags/fr.svg")
    assert path and open(path, encoding="utf-8").read().lstrip().startswith("<svg")
    assert finders.find("web/flags/LICENSE")


def test_sitemap_lastmod_is_each_storys_own_update(client: Client, make_story) -> None:
    story = make_story(age_hours=48)
    xml = ET.fromstring(client.get("/sitemap-stories.xml").content)
    lastmods = [e.text for e in xml.iter(f"{SITEMAP_NS}lastmod")]
    assert lastmods == [story.last_updated_at.date().isoformat()] or lastmods == [
        story.last_updated_at.isoformat()
    ]
    when = dt.datetime(2024, 5, 1, tzinfo=dt.UTC)
    assert story_lastmod(when, None) == when
    assert story_lastmod(when, when + dt.timedelta(days=1)) == when + dt.timedelta(days=1)
