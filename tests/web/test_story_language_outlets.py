"""A story told in another language is marked so wherever it goes out: Atom entries, the API,
cards on the home and country pages, search results and "More from" lists; the pages themselves
stay in the site's language."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.test import Client

from dateline.articles.models import Article
from dateline.web import present

pytestmark = pytest.mark.django_db

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ATOM = "{http://www.w3.org/2005/Atom}"

SWEDISH = (
    "Misstänkt boktjuv hittad död",
    "Den 48-årige anställde på Kungliga Biblioteket i Stockholm som har erkänt omfattande "
    "bokstölder, hittades på söndagen död i sin lägenhet på Surbrunnsgatan i centrala Stockholm.",
)


def _stories(make_story):  # type: ignore[no-untyped-def]
    swedish = make_story(headline=SWEDISH[0], summary=SWEDISH[1], countries=("SE",), age_hours=1)
    Article.objects.filter(story=swedish).update(language="sv")
    english = make_story(
        headline="Stockholm library thief found",
        summary="According to The Daily Example, the library's stolen books were found in Stockholm.",
        countries=("SE",),
        age_hours=2,
    )
    mixed = make_story(
        headline="Library books returned",
        summary="According to The Daily Example, the Royal Library has its books back.",
        countries=("SE",),
        age_hours=3,
    )
    first = Article.objects.filter(story=mixed).order_by("id").first()
    assert first is not None
    Article.objects.filter(id=first.id).update(language="sv")
    return swedish, english, mixed


class _Marks(HTMLParser):
    """The ``lang`` of the element around each text, and the root's."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.root = ""
        self.text_lang: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        lang = dict(attrs).get("lang")
        if tag == "html":
            self.root = lang or ""
        if tag in ("img", "meta", "link", "br", "input"):
            return
        self.stack.append(lang or (self.stack[-1] if self.stack else ""))

    def handle_endtag(self, tag: str) -> None:
        if self.stack and tag not in ("img", "meta", "link", "br", "input"):
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text and self.stack:
            self.text_lang.setdefault(text, self.stack[-1])


def _marks(html: str) -> _Marks:
    parser = _Marks()
    parser.feed(html)
    return parser


def test_text_language_is_the_sites_unless_a_source_is_not() -> None:
    assert present.text_language("Budget passed", "The budget passed today in Paris.", ["en", ""]) == "en"
    assert present.text_language(*SWEDISH, ["sv"]) == "sv"
    english = "The budget passed in parliament today after a long debate."
    assert present.text_language("Budget passed", english, ["sv", "en"]) == "en"
    assert present.text_language("Kort", "", ["sv"]) == "sv"  # too short to read: the sources'
    assert present.lang_attribute("sv") == ' lang="sv"'
    assert present.lang_attribute("en") == "" and present.lang_attribute('x"y') == ""


def test_atom_entries_carry_xml_lang(client: Client, make_story, frozen_now) -> None:
    swedish, english, mixed = _stories(make_story)
    for path in ("/atom.xml", "/country/se/atom.xml"):
        root = ET.fromstring(client.get(path).content)
        assert root.get(XML_LANG) == "en"
        entries = {e.findtext(f"{ATOM}title"): e for e in root.iter(f"{ATOM}entry")}
        assert entries[swedish.headline].get(XML_LANG) == "sv"
        assert entries[english.headline].get(XML_LANG) is None
        assert entries[mixed.headline].get(XML_LANG) is None  # written in English from its English source


def test_api_stories_name_their_language(client: Client, make_story, frozen_now) -> None:
    swedish, english, _ = _stories(make_story)
    listed = {s["slug"]: s for s in client.get("/api/stories/").json()["stories"]}
    assert listed[swedish.slug]["language"] == "sv" and listed[english.slug]["language"] == "en"
    assert client.get(f"/api/stories/{swedish.slug}/").json()["language"] == "sv"
    spec = json.loads(client.get("/api/openapi.json").content)
    story = spec["components"]["schemas"]["Story"]
    assert "language" in story["required"] and "language" in story["properties"]


def test_cards_results_and_more_from_mark_a_foreign_story(client: Client, make_story, frozen_now) -> None:
    swedish, english, _ = _stories(make_story)
    pages = {
        "home": client.get("/").content.decode(),
        "country": client.get("/country/se/").content.decode(),
        "search": client.get("/search", {"q": "Stockholm"}).content.decode(),
        "more from": client.get(english.get_absolute_url()).content.decode(),
    }
    for name, html in pages.items():
        marks = _marks(html)
        assert marks.root == "en", name
        assert marks.text_lang.get(SWEDISH[0]) == "sv", name
        assert marks.text_lang.get(english.headline, "en") == "en", name
    country = _marks(pages["country"])
    assert country.text_lang[present.opening(SWEDISH[1])] == "sv"
    assert country.text_lang[english.headline] == "en"


def test_news_sitemap_and_structured_data_name_the_language(client: Client, make_story, frozen_now) -> None:
    swedish, english, _ = _stories(make_story)
    root = ET.fromstring(client.get("/sitemap-news.xml").content)
    news = "{http://www.google.com/schemas/sitemap-news/0.9}"
    languages = {
        url.findtext("{http://www.sitemaps.org/schemas/sitemap/0.9}loc", "").rsplit("/story/", 1)[
            -1
        ]: url.findtext(f"{news}news/{news}publication/{news}language")
        for url in root
    }
    assert languages[f"{swedish.slug}/"] == "sv" and languages[f"{english.slug}/"] == "en"
    html = client.get(swedish.get_absolute_url()).content.decode()
    data = json.loads(html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0])
    assert data["inLanguage"] == "sv"
