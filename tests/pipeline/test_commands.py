"""The `dateline` command's own subcommands, through Django's call_command."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from dateline.articles.models import Article, ArticlePage
from dateline.sources.models import Source
from dateline.sources.opml import parse_opml

pytestmark = pytest.mark.django_db


def out(*args: str) -> str:
    buffer = io.StringIO()
    call_command(*args, stdout=buffer)
    return buffer.getvalue()


def test_default_sources_span_the_world() -> None:
    assert "Loaded" in out("sources", "load-defaults")
    sources = Source.objects.all()
    assert sources.count() >= 60
    assert len({s.country for s in sources if s.country}) >= 30
    assert "already configured" in out("sources", "load-defaults")
    from dateline.sources.management.commands.sources import default_sources_opml

    continents = {item.category[0] for item in parse_opml(default_sources_opml())}
    assert continents >= {"Europe", "Asia", "Africa", "Americas", "Oceania"}
    assert all(s.feed_url.startswith("https://") for s in sources)


def test_import_export_list_round_trip(tmp_path: Path) -> None:
    opml = tmp_path / "in.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>'
        '<outline text="News"><outline type="rss" text="Example &amp; Co" xmlUrl="https://example.org/feed.xml" '
        'htmlUrl="https://example.org/" country="fr" language="fr"/></outline></body></opml>'
    )
    assert "1 new" in out("sources", "import", str(opml))
    assert "0 new, 1 updated" in out("sources", "import", str(opml))
    source = Source.objects.get()
    assert (source.name, source.country, source.language) == ("Example & Co", "FR", "fr")
    exported = tmp_path / "out.opml"
    call_command("sources", "export", "--output", str(exported))
    items = parse_opml(exported.read_bytes())
    assert [(i.title, i.xml_url, i.country) for i in items] == [
        ("Example & Co", "https://example.org/feed.xml", "FR")
    ]
    Source.objects.update(consecutive_failures=3, last_error="HTTP 503 Service Unavailable")
    listing = out("sources", "list", "--failing")
    assert "Example & Co" in listing and "HTTP 503" in listing


def test_import_rejects_a_bomb(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.opml"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><opml><body/></opml>'
    )
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="entit"):
        call_command("sources", "import", str(bomb))
    assert not Source.objects.exists()


def _article(source: Source, title: str, text: str, **extra: object) -> Article:
    return Article.objects.create(
        source=source,
        url=f"https://example.org/{abs(hash(title))}",
        url_key=f"https://example.org/{abs(hash(title))}",
        title=title,
        text=text,
        fetched_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
        published_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
        **extra,
    )


def test_geotag_all_fills_countries_with_evidence() -> None:
    source = Source.objects.create(name="Wire", feed_url="https://wire.example/feed", country="GB")
    a = _article(
        source,
        "Russian soldiers treated in North Korea",
        "MOSCOW (Reuters) - Russian soldiers were treated in Pyongyang.",
    )
    b = _article(
        source, "Deep-sea discovery in the Pacific", "Scientists found dark oxygen on the Pacific floor."
    )
    assert "2 articles geotagged" in out("geotag", "--all")
    a.refresh_from_db()
    b.refresh_from_db()
    assert {c["code"] for c in a.countries} >= {"RU", "KP"}
    assert all(c["evidence"] for c in a.countries)
    assert b.primary_country != "GB"  # the outlet's country is not the filing rule


def test_reextract_from_the_stored_page() -> None:
    source = Source.objects.create(name="Paper", feed_url="https://paper.example/feed")
    article = _article(source, "Bridge reopens", "Short feed text.", text_from=Article.TextFrom.FEED)
    body = (
        "<p>"
        + " ".join(["The bridge over the river reopened to traffic on Monday after repairs."] * 12)
        + "</p>"
    )
    html = f"<html><head><title>Bridge reopens</title></head><body><article><h1>Bridge reopens</h1>{body}</article></body></html>"
    ArticlePage.objects.create(
        article=article,
        body=ArticlePage.pack(html.encode()),
        fetched_at=article.fetched_at,
        content_type="text/html",
    )
    assert "1 articles re-extracted" in out("reextract")
    article.refresh_from_db()
    assert article.text_from == Article.TextFrom.PAGE and "bridge over the river" in article.text


def test_stories_list_and_process() -> None:
    source_a = Source.objects.create(name="A", feed_url="https://a.example/feed")
    source_b = Source.objects.create(name="B", feed_url="https://b.example/feed")
    text = "Heavy flooding hit Valencia, Spain, on Tuesday, killing 12 people and closing roads across the region."
    _article(source_a, "Floods kill 12 in Valencia", text + " Rescue teams worked overnight in Valencia.")
    _article(source_b, "Valencia floods: 12 dead", text + " Spain's government sent soldiers to Valencia.")
    out("stories", "process")
    listing = out("stories", "list", "--sources")
    assert "Valencia" in listing and "Spain" in listing


def test_eval_commands_accept_any_file_of_the_formats(tmp_path: Path) -> None:
    page = tmp_path / "p1.html"
    page.write_text(
        "<html><body><nav>Menu Home</nav><article><p>"
        + "Alpha beta gamma delta epsilon. " * 30
        + "</p></article></body></html>"
    )
    (tmp_path / "pages.jsonl").write_text(
        json.dumps(
            {
                "id": "1",
                "url": "https://x.example/1",
                "html": "p1.html",
                "must_include": ["Alpha beta gamma"],
                "must_exclude": ["Menu Home"],
            }
        )
        + "\n"
    )
    figures = json.loads(out("eval", "extract", str(tmp_path / "pages.jsonl"), "--json"))
    assert set(figures) >= {"n", "precision", "recall", "f1"} and figures["recall"] == 1.0

    geo = tmp_path / "geo.jsonl"
    geo.write_text(
        json.dumps(
            {"id": "g", "title": "Kremlin hits back", "text": "Russia said on Monday...", "countries": ["RU"]}
        )
        + "\n"
    )
    figures = json.loads(out("eval", "geo", str(geo), "--json"))
    assert figures["n"] == 1 and figures["top1"] == 1.0

    rows = [
        {"id": str(i), "title": t, "text": t + " " + t, "published": None, "event_id": e}
        for i, (t, e) in enumerate(
            [
                ("Valencia floods kill twelve", "a"),
                ("Twelve dead in Valencia floods", "a"),
                ("Mars rover lands", "b"),
            ]
        )
    ]
    cluster = tmp_path / "c.jsonl.gz"
    cluster.write_bytes(gzip.compress("\n".join(json.dumps(r) for r in rows).encode()))
    figures = json.loads(out("eval", "cluster", str(cluster), "--json"))
    assert set(figures) == {"n", "clusters", "precision", "recall", "f1"} and figures["n"] == 3
