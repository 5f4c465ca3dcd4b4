"""Cards built in Python, matches marked in Python, and the number of queries a page costs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dateline.stories.models import Story
from dateline.web import fragments, search
from dateline.web.fragments import CardRow
from dateline.web.search import START, STOP

WHEN = dt.datetime(2024, 6, 5, 9, 30, tzinfo=dt.UTC)


def _row(**extra: object) -> CardRow:
    values: dict[str, object] = {
        "id": 7,
        "slug": "floods-in-the-north",
        "headline": "Floods <b>hit</b> the north",
        "summary": "Rivers rose & roads closed.\n\nMore later.",
        "primary_country": "RU",
        "outlet_count": 1,
        "last_updated_at": WHEN,
        "first_seen_at": WHEN,
        "modified_at": WHEN,
    }
    values.update(extra)
    return CardRow(**values)  # type: ignore[arg-type]


def test_fold_keeps_length_and_drops_case_and_accents() -> None:
    assert search.fold("Zürich ÉLAN") == "zurich elan"
    text = "Ἀθῆναι İstanbul ß ﬁ"
    assert len(search.fold(text)) == len(text)


def test_mark_and_snippet() -> None:
    assert search.mark("Zürich votes, zurich counts", {"zurich"}) == (
        f"{START}Zürich{STOP} votes, {START}zurich{STOP} counts"
    )
    words = [f"w{i}" for i in range(100)]
    words[60] = "Budget"
    out = search.snippet(" ".join(words), {"budget"}, size=10)
    assert out.startswith("…w58 w59 ") and out.endswith("…")
    assert f"{START}Budget{STOP}" in out and "w57" not in out and len(out.split()) == 10
    # Short texts come back whole; no match gives the opening.
    assert search.snippet("A budget vote.", {"budget"}) == f"A {START}budget{STOP} vote."
    assert search.snippet(" ".join(words), {"nothing"}, size=5) == "w0 w1 w2 w3 w4…"
    # The window with both words beats the one with the first word twice.
    text = "tax tax filler filler filler filler filler filler tax vote"
    assert search.snippet(text, {"tax", "vote"}, size=4).endswith(f"{START}vote{STOP}")


def test_card_escapes_and_shows_counts(settings) -> None:  # type: ignore[no-untyped-def]
    html = fragments.card(_row(), WHEN + dt.timedelta(hours=2), level=2)
    assert '<h2 class="card-title"><a href="/story/floods-in-the-north/">' in html
    assert "Floods &lt;b&gt;hit&lt;/b&gt; the north" in html and "<b>" not in html
    assert "Rivers rose &amp; roads closed." in html and "More later" not in html
    assert "1 outlet · " in html and "2 hours ago" in html and "single source" in html
    assert '<a class="tag" href="/country/ru/">' in html
    many = fragments.card(_row(outlet_count=3, primary_country=""), WHEN)
    assert "3 outlets" in many and "single source" not in many and "tags" not in many
    result = fragments.result(_row(), search.highlight("x"), search.highlight("y"))
    assert '<time datetime="2024-06-05T09:30:00+00:00">5 Jun 2024</time>' in result


def test_story_path_is_the_absolute_url() -> None:
    assert fragments.story_path("a-b-1") == Story(slug="a-b-1").get_absolute_url()


@pytest.mark.django_db
def test_more_from_leaves_the_story_out_and_is_cached(make_story, django_assert_num_queries) -> None:
    stories = [make_story(headline=f"French story {i}", countries=("FR",), age_hours=i) for i in range(7)]
    html, rows = fragments.more_from("FR", stories[0].pk)
    assert [r.id for r in rows] == [s.pk for s in stories[1:6]]
    assert "French story 0" not in html and "French story 5" in html
    with django_assert_num_queries(0):
        again, _ = fragments.more_from("FR", stories[1].pk)
    assert "French story 0" in again and "French story 1" not in again


@pytest.mark.django_db
def test_uncached_pages_cost_few_queries(client: Client, make_story, django_assert_max_num_queries) -> None:
    story = make_story(headline="Budget passes", countries=("FR", "DE"))
    make_story(headline="Another budget", countries=("FR",))
    client.get("/about/")  # the cache generation is read once a second, not per page
    with django_assert_max_num_queries(3):
        assert client.get(story.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(1):
        assert client.get("/country/fr/").status_code == 200
    with django_assert_max_num_queries(2):
        assert "<mark>Budget</mark>" in client.get("/search", {"q": "budget"}).content.decode()


@pytest.mark.django_db
def test_page_queries_use_indexes(client: Client, make_story) -> None:
    """Every query of an uncached story, country and search page finds its rows by an index."""
    if connection.vendor != "sqlite":
        pytest.skip("query plans are SQLite's")
    story = make_story(headline="Budget passes", countries=("FR",))
    make_story(headline="Budget fails", countries=("FR",))
    with CaptureQueriesContext(connection) as queries:
        for url in (story.get_absolute_url(), "/country/fr/", "/search?q=budget"):
            assert client.get(url).status_code == 200
    plans = []
    with connection.cursor() as cursor:
        for query in queries.captured_queries:
            cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
            plans.append(" / ".join(str(row[-1]) for row in cursor.fetchall()))
    assert any("VIRTUAL TABLE INDEX" in plan for plan in plans)
    for plan in plans:
        # No walk over every story (a bare SCAN, or an ORDER BY index used as a scan).
        assert "SCAN stories_story" not in plan and "story_latest_idx (status=?)" not in plan, plan
