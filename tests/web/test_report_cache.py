"""Report a problem (CSRF, rate limit), the page cache, escaping, the admin's editorial actions."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.test import Client

from dateline import clock
from dateline.web import cache as page_cache
from dateline.web import present
from dateline.web.models import Report
from dateline.web.views import REPORTS_PER_HOUR

pytestmark = pytest.mark.django_db


def _token(client: Client, url: str = "/report/") -> str:
    html = client.get(url).content.decode()
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match
    return match[1]


def test_report_needs_csrf_and_is_stored(make_story, frozen_now) -> None:
    story = make_story()
    client = Client(enforce_csrf_checks=True)
    form = {"story": story.slug, "url": "/x", "message": "Wrong date", "email": ""}
    assert client.post("/report/", form).status_code == 403
    assert Report.objects.count() == 0
    form["csrfmiddlewaretoken"] = _token(client, f"/report/?story={story.slug}")
    response = client.post("/report/", form)
    assert response.status_code == 302 and response["Location"] == "/report/thanks/"
    report = Report.objects.get()
    assert report.story == story and report.message == "Wrong date" and report.created_at == frozen_now
    assert not report.handled


def test_report_form_errors_and_rate_limit(client: Client) -> None:
    blank = client.post("/report/", {"message": "   "})
    assert blank.status_code == 200 and "This field is required" in blank.content.decode()
    # Every attempt counts, the blank one too.
    for _ in range(REPORTS_PER_HOUR - 1):
        assert client.post("/report/", {"message": "Broken link"}).status_code == 302
    limited = client.post("/report/", {"message": "One too many"})
    assert limited.status_code == 429
    assert Report.objects.count() == REPORTS_PER_HOUR - 1
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.post("/report/", {"message": "Someone else"}).status_code == 302


def test_cache_serves_stale_until_invalidated(client: Client, make_story) -> None:
    first = make_story(headline="First headline")
    assert "First headline" in client.get("/").content.decode()
    first.headline = "Changed headline"
    first.save()
    assert "First headline" in client.get("/").content.decode()  # cached
    page_cache.invalidate()
    html = client.get("/").content.decode()
    assert "Changed headline" in html and "First headline" not in html
    assert page_cache.generation() >= 1


def test_generation_is_read_at_most_once_a_second(django_assert_num_queries) -> None:
    page_cache.generation()
    with django_assert_num_queries(0):
        for _ in range(50):
            page_cache.generation()


def test_report_form_gets_each_reader_a_token(make_story) -> None:
    story = make_story()
    a, b = Client(), Client()
    page_a = a.get(f"/report/?story={story.slug}")
    page_b = b.get(f"/report/?story={story.slug}")
    assert page_a.cookies["csrftoken"].value != page_b.cookies["csrftoken"].value
    token_b = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page_b.content.decode())
    assert token_b and "placeholder" not in token_b[1]


def test_script_titles_are_shown_as_text(client: Client, make_story, frozen_now) -> None:
    evil = "<script>alert(1)</script>"
    story = make_story(
        headline=evil,
        summary=f"{evil} said </script><script>alert(2)</script>",
        source_titles=("<img src=x onerror=alert(1)>",),
        countries=("US",),
    )
    for url in ("/", story.get_absolute_url(), "/country/us/", "/corrections/"):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html, url
    html = client.get(story.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert ld and "<" not in ld[1]
    assert json.loads(ld[1])["headline"] == evil


def test_admin_edit_sets_correction_and_actions(admin_client: Client, make_story, frozen_now) -> None:
    story = make_story(headline="Mispelled name")
    url = f"/admin/stories/story/{story.pk}/change/"
    assert admin_client.get(url).status_code == 200
    form = {
        "headline": "Misspelled name",
        "summary": story.summary,
        "correction_note": "",
        "status": "published",
        "versions-TOTAL_FORMS": "0",
        "versions-INITIAL_FORMS": "0",
    }
    assert admin_client.post(url, form).status_code == 200  # a note is required with a text change
    form["correction_note"] = "The headline misspelled a word."
    assert admin_client.post(url, form).status_code == 302
    story.refresh_from_db()
    assert story.edited_by_editor and story.corrected_at == frozen_now and story.headline == "Misspelled name"
    changelist = "/admin/stories/story/"
    admin_client.post(changelist, {"action": "hide", "_selected_action": [story.pk]})
    story.refresh_from_db()
    assert story.status == "hidden"
    assert admin_client.get(story.get_absolute_url()).status_code == 404
    admin_client.post(changelist, {"action": "pin", "_selected_action": [story.pk]})
    story.refresh_from_db()
    assert story.pinned


def test_admin_lists_sources_articles_reports(admin_client: Client, make_story, make_source) -> None:
    make_story()
    source = make_source(name="Failing Feed", last_error="HTTP 503", consecutive_failures=3)
    Report.objects.create(message="Typo", created_at=clock.now())
    sources = admin_client.get("/admin/sources/source/").content.decode()
    assert "Failing Feed" in sources and "HTTP 503" in sources
    admin_client.post("/admin/sources/source/", {"action": "deactivate", "_selected_action": [source.pk]})
    source.refresh_from_db()
    assert not source.active
    assert admin_client.get("/admin/articles/article/").status_code == 200
    assert "Typo" in admin_client.get("/admin/web/report/").content.decode()


def test_present_helpers() -> None:
    now = dt.datetime(2024, 1, 1, 12, tzinfo=dt.UTC)
    assert present.relative_time(now - dt.timedelta(seconds=5), now) == "just now"
    assert present.relative_time(now - dt.timedelta(minutes=1), now) == "1 minute ago"
    assert present.relative_time(now - dt.timedelta(hours=5), now) == "5 hours ago"
    assert present.relative_time(now - dt.timedelta(days=9), now) == "1 week ago"
    assert present.relative_time(now + dt.timedelta(hours=1), now) == "just now"
    when = dt.datetime(2024, 3, 1, 8, 30, 15, 123456, tzinfo=dt.UTC)
    assert present.parse_cursor(present.make_cursor(when, 42)) == (when, 42)
    assert present.parse_cursor("1_2_3") is None and present.parse_cursor("9" * 18 + "_1") is None
    assert present.paragraphs("a\nb\n\n\nc") == ["a b", "c"]
    assert present.opening("word " * 100, 20).endswith("…")
