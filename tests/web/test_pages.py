"""The reader's pages through the in-process client."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_home_shows_three_sections_with_cards(client: Client, make_story, frozen_now) -> None:
    make_story(headline="Floods hit the north", countries=("RU",), outlets=3, age_hours=2)
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for section in ("Trending", "The Latest", "New Stories"):
        assert f">{section}</h2>" in html
    assert "Floods hit the north" in html
    assert '<img class="flag" src="/static/web/flags/ru.svg" alt="" width="20" height="15"> Russia' in html
    assert 'href="/country/ru/"' in html
    assert "3 outlets" in html
    assert "2 hours ago" in html
    assert "According to The Daily Example" in html
    assert html.count("<h1") == 1


def test_story_page_lists_sources_disclosure_and_more(client: Client, make_story, frozen_now) -> None:
    other = make_story(headline="Another French story", countries=("FR",))
    story = make_story(headline="Strike in Paris", countries=("FR", "DE"), outlets=2)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "<h1>Strike in Paris</h1>" in html
    assert 'href="/country/fr/"' in html and 'href="/country/de/"' in html
    assert "<p>It takes effect in June.</p>" in html
    assert html.count('rel="noopener nofollow"') == 2
    assert "https://outlet" in html and "Outlet " in html
    assert "written by software" in html
    assert "Single source" not in html
    assert "More from France" in html and other.headline in html
    assert "Weekly Newsletter" in html
    assert f"/report/?story={story.slug}" in html
    assert html.count("<h1") == 1


def test_single_source_notice_and_model_writer(client: Client, make_story, frozen_now) -> None:
    story = make_story(outlets=1, writer="llama-3-8b")
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Single source" in html
    assert "language model (llama-3-8b)" in html


def test_correction_note_is_shown(client: Client, make_story, frozen_now) -> None:
    story = make_story(correction_note="An earlier version misspelled a name.", edited_by_editor=True)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "An earlier version misspelled a name." in html
    assert "editor has since edited" in html
    assert "An earlier version misspelled a name." in client.get("/corrections/").content.decode()


def test_hidden_story_is_not_found(client: Client, make_story) -> None:
    story = make_story(status="hidden")
    assert client.get(story.get_absolute_url()).status_code == 404
    assert client.get("/story/no-such-story/").status_code == 404


def test_country_page_lowercase_redirect_and_empty_state(client: Client, make_story, frozen_now) -> None:
    make_story(headline="Elections in Kenya", countries=("KE",))
    response = client.get("/country/KE/")
    assert response.status_code == 301 and response["Location"] == "/country/ke/"
    html = client.get("/country/ke/").content.decode()
    assert "Kenya</h1>" in html and "Elections in Kenya" in html
    assert "No stories about Chad yet." in client.get("/country/td/").content.decode()
    assert client.get("/country/zz/").status_code == 404
    assert client.get("/country/abc/").status_code == 404


def test_country_page_secondary_country_and_keyset_pages(client: Client, make_story, frozen_now) -> None:
    for i in range(25):
        make_story(headline=f"Story number {i:02d}", countries=("JP", "KR"), outlets=1, age_hours=i + 1)
    first = client.get("/country/kr/").content.decode()
    assert "Story number 00" in first and "Story number 19" in first and "Story number 20" not in first
    cursor = re.search(r'href="\?before=([0-9_]+)"', first)
    assert cursor
    second = client.get(f"/country/kr/?before={cursor[1]}").content.decode()
    assert "Story number 20" in second and "Story number 24" in second and "Story number 19" not in second
    assert "Older stories" not in second
    # A broken cursor is the first page, not an error.
    assert client.get("/country/kr/?before=garbage").status_code == 200


def test_countries_page_has_map_links_and_counts(client: Client, make_story, frozen_now) -> None:
    make_story(countries=("BR",))
    make_story(countries=("BR", "AR"))
    response = client.get("/countries/", HTTP_ACCEPT_ENCODING="identity")
    html = response.content.decode()
    assert '<svg class="worldmap"' in html
    assert '<a href="/country/br/" aria-label="Brazil: 2 stories">' in html
    assert 'class="country shade-5"' in html
    assert 'aria-label="Argentina: 1 story"' in html
    assert "2 stories" in html
    assert "style=" not in html


def test_countries_page_is_gzipped_when_asked(client: Client, make_story) -> None:
    make_story(countries=("BR",))
    response = client.get("/countries/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert len(response.content) < 400_000


def test_about_and_corrections_pages(client: Client) -> None:
    about = client.get("/about/").content.decode()
    assert "faithfulness" in about.lower() and "written by software" in about
    assert "No corrections so far." in client.get("/corrections/").content.decode()


def test_robots_txt(client: Client) -> None:
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http" in body and "/sitemap.xml" in body and "/sitemap-news.xml" in body


def test_pages_have_no_inline_script_or_style(client: Client, make_story, frozen_now) -> None:
    story = make_story()
    for url in ("/", story.get_absolute_url(), "/country/fr/", "/search?q=budget", "/about/", "/report/"):
        html = client.get(url).content.decode()
        assert " style=" not in html, url
        scripts = re.findall(r"<script([^>]*)>", html)
        assert all('type="application/ld+json"' in attrs for attrs in scripts), url
        assert '<a class="skip" href="#main">' in html and '<main id="main"' in html


def test_pages_send_cache_headers(client: Client, make_story, frozen_now) -> None:
    story = make_story()
    home = client.get("/")
    assert "public" in home["Cache-Control"] and "max-age=60" in home["Cache-Control"]
    assert home["ETag"] and home["Last-Modified"]
    assert client.get("/", HTTP_IF_NONE_MATCH=home["ETag"]).status_code == 304
    page = client.get(story.get_absolute_url())
    # The newsletter box holds no per-reader token: the story page is public, with no cookie.
    assert "public" in page["Cache-Control"] and page["ETag"] and page["Last-Modified"]
    assert "csrftoken" not in page.cookies
    assert "csrfplaceholder" not in page.content.decode()
