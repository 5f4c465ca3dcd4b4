"""Search: the pure query builder and highlighter, and the page with hostile queries."""

from __future__ import annotations

import pytest
from django.test import Client

from dateline.web import search
from dateline.web.search import START, STOP


def test_query_tokens_quote_everything() -> None:
    assert search.fts_query('NEAR(a b) "x" * AND OR') == '"NEAR" "a" "b" "x" "AND" "OR"'
    assert search.fts_query("   ") is None
    assert search.fts_query('*** ((( "') is None
    assert search.fts_query("a\x00b") == '"a" "b"'
    assert len(search.query_tokens("word " * 5000)) == search.MAX_TOKENS
    assert search.query_tokens("Zürich Ελλάδα") == ["Zürich", "Ελλάδα"]


def test_highlight_escapes_text_and_marks_only_matches() -> None:
    out = search.highlight(f"<b>{START}budget{STOP}</b> & {START}unclosed")
    assert out == "&lt;b&gt;<mark>budget</mark>&lt;/b&gt; &amp; <mark>unclosed</mark>"
    assert search.highlight(f"{STOP}stray") == "stray"


@pytest.mark.django_db
def test_search_ranks_and_highlights(client: Client, make_story) -> None:
    make_story(headline="Budget vote delayed", summary="Lawmakers argued about the budget for hours.")
    make_story(headline="Weather report", summary="Rain expected; the budget is not mentioned much.")
    make_story(headline="Football final", summary="A late goal decided it.")
    html = client.get("/search", {"q": "budget"}).content.decode()
    assert html.index("vote delayed") < html.index("Weather report")
    assert "<mark>Budget</mark> vote delayed" in html
    assert "Football final" not in html


@pytest.mark.django_db
def test_search_hides_hidden_stories_and_follows_reindex(client: Client, make_story) -> None:
    story = make_story(headline="Secret volcano eruption")
    assert "<mark>volcano</mark> eruption" in client.get("/search", {"q": "volcano"}).content.decode()
    story.status = "hidden"
    story.save()
    from dateline.web import cache

    search.index_stories([story.pk])
    cache.invalidate()
    assert "eruption" not in client.get("/search", {"q": "volcano"}).content.decode()


@pytest.mark.django_db
def test_search_escapes_feed_text(client: Client, make_story) -> None:
    make_story(headline="<script>alert(1)</script> budget", summary="<img src=x onerror=alert(1)> budget")
    html = client.get("/search", {"q": "budget alert"}).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "NEAR(",
        '"',
        "*",
        "AND OR",
        "a" * 10_000,
        "x\x00y",
        "col:val",
        "^start",
        "a - b",
        "((((",
        "'; DROP TABLE x; --",
    ],
)
def test_hostile_queries_answer_normally(client: Client, make_story, query: str) -> None:
    make_story(headline="Ordinary story about AND gates")
    response = client.get("/search", {"q": query})
    assert response.status_code == 200


@pytest.mark.django_db
def test_search_paginates(client: Client, make_story) -> None:
    for i in range(23):
        make_story(headline=f"Harvest report {i}", outlets=1)
    first = client.get("/search", {"q": "harvest"}).content.decode()
    second = client.get("/search", {"q": "harvest", "page": "2"}).content.decode()
    assert first.count('class="card result"') == 20 and 'rel="next"' in first
    assert second.count('class="card result"') == 3 and 'rel="prev"' in second
    assert client.get("/search", {"q": "harvest", "page": "x"}).status_code == 200
