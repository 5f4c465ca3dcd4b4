"""Feeds out, the JSON API and its OpenAPI description, sitemaps."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import feedparser
import pytest
from django.test import Client
from django.urls import resolve

from dateline import clock

pytestmark = pytest.mark.django_db


def test_atom_feed_all_and_per_country(client: Client, make_story) -> None:
    make_story(headline="<script>alert(1)</script>", countries=("UA",))
    make_story(headline="Quiet day in Peru", countries=("PE",))
    response = client.get("/atom.xml")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert feed.version == "atom10" and not feed.bozo
    titles = [e.title for e in feed.entries]
    assert "<script>alert(1)</script>" in titles and "Quiet day in Peru" in titles
    entry = next(e for e in feed.entries if e.title.startswith("<script>"))
    assert "<script>" not in entry.summary  # feedparser sanitises; the raw summary is escaped text
    assert b"&lt;script&gt;" in response.content or b"&amp;lt;" in response.content
    peru = feedparser.parse(client.get("/country/pe/atom.xml").content)
    assert peru.version == "atom10" and [e.title for e in peru.entries] == ["Quiet day in Peru"]
    assert peru.feed.title.endswith("Peru")
    assert client.get("/country/zz/atom.xml").status_code == 404


def test_api_stories_keyset_pages(client: Client, make_story) -> None:
    for i in range(5):
        make_story(headline=f"API story {i}", countries=("NG",), age_hours=i + 1)
    make_story(headline="Elsewhere", countries=("CL",), age_hours=10)
    data = client.get("/api/stories/", {"limit": "2", "country": "ng"}).json()
    assert [s["headline"] for s in data["stories"]] == ["API story 0", "API story 1"]
    flag = "http://127.0.0.1:8000/static/web/flags/ng.svg"
    assert data["stories"][0]["primary_country"] == {"code": "NG", "name": "Nigeria", "flag": flag}
    seen = [s["slug"] for s in data["stories"]]
    while data["next"]:
        parts = urlsplit(data["next"])
        data = client.get(f"{parts.path}?{parts.query}").json()
        seen += [s["slug"] for s in data["stories"]]
    assert len(seen) == len(set(seen)) == 5
    assert len(client.get("/api/stories/", {"limit": 100}).json()["stories"]) == 6
    assert client.get("/api/stories/", {"limit": 100000}).status_code == 400  # the schema's maximum
    assert client.get("/api/stories/", {"limit": "x"}).status_code == 400
    assert client.get("/api/stories/", {"before": "bad"}).status_code == 400
    # Any two letters, as the schema says: a code with no stories is an empty page.
    assert client.get("/api/stories/", {"country": "zz"}).json() == {"stories": [], "next": None}
    assert client.get("/api/stories/", {"country": "z1"}).status_code == 400


def test_api_story_detail_countries_sources(client: Client, make_story) -> None:
    story = make_story(countries=("IN", "PK"), outlets=2)
    hidden = make_story(status="hidden")
    data = client.get(f"/api/stories/{story.slug}/").json()
    assert [c["code"] for c in data["secondary_countries"]] == ["PK"]
    assert len(data["sources"]) == 2 and data["sources"][0]["url"].startswith("https://")
    assert client.get(f"/api/stories/{hidden.slug}/").status_code == 404
    countries = client.get("/api/countries/").json()["countries"]
    assert {c["code"]: c["story_count"] for c in countries} == {"IN": 1, "PK": 1}
    sources = client.get("/api/sources/", {"limit": 1}).json()
    assert len(sources["sources"]) == 1 and sources["next_offset"] == 1
    assert set(sources["sources"][0]) >= {"name", "feed_url", "healthy", "last_success_at"}


def test_openapi_describes_every_api_route(client: Client, make_story) -> None:
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    story = make_story()
    for path, item in spec["paths"].items():
        concrete = path.replace("{slug}", story.slug)
        assert (resolve(concrete).url_name or "").startswith("api_"), path
        assert client.get(concrete).status_code == 200, path
        for response in item["get"]["responses"].values():
            ref = response["content"]["application/json"]["schema"]["$ref"]
            assert ref.rsplit("/", 1)[1] in spec["components"]["schemas"]
    # The story object's keys are exactly what the spec says are required.
    listed = client.get("/api/stories/").json()["stories"][0]
    assert set(listed) == set(spec["components"]["schemas"]["Story"]["required"])


def test_sitemaps(client: Client, make_story) -> None:
    story = make_story(countries=("EG",))
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    sections = re.findall(r"<loc>([^<]+)</loc>", index.content.decode())
    assert any("sitemap-stories.xml" in s for s in sections)
    stories = client.get("/sitemap-stories.xml").content.decode()
    assert story.get_absolute_url() in stories
    assert "/country/eg/" in client.get("/sitemap-countries.xml").content.decode()
    ET.fromstring(client.get("/sitemap-pages.xml").content)


def test_news_sitemap_covers_two_days_by_the_clock(client: Client, make_story, frozen_now) -> None:
    fresh = make_story(headline="Fresh & new", age_hours=5)
    old = make_story(headline="Old news", age_hours=24 * 3)
    body = client.get("/sitemap-news.xml").content
    root = ET.fromstring(body)
    text = body.decode()
    assert fresh.get_absolute_url() in text and old.get_absolute_url() not in text
    assert "Fresh &amp; new" in text
    assert root.tag.endswith("urlset")
    with clock.frozen(frozen_now + dt.timedelta(days=10)):
        assert "<url>" not in client.get("/sitemap-news.xml").content.decode()
