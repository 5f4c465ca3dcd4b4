"""Sign-up without JavaScript, double opt-in, no enumeration, rate limits, preferences."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import NOW, Collector, body, make_story, subscriber
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from dateline.newsletter import tokens
from dateline.newsletter.models import Subscriber

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("newsletter_env")]


def csrf_from(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "the form has no CSRF token"
    return match.group(1)


# What a browser sends with a form it posts to the site the form came from.
SAME_ORIGIN = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"}


def sign_up(client: Client, address: str, countries: list[str], worldwide: bool = False) -> Any:
    """What a browser with JavaScript off does: load the form, post it back to the site."""
    page = client.get("/newsletter/")
    assert page.status_code == 200 and 'action="/newsletter/subscribe/"' in page.content.decode()
    data: dict[str, Any] = {"email": address, "countries": countries}
    if worldwide:
        data["worldwide"] = "on"
    return client.post("/newsletter/subscribe/", data, **SAME_ORIGIN)


def link(message: Any, pattern: str) -> str:
    match = re.search(pattern, body(message, "plain"))
    assert match, body(message, "plain")
    return urlsplit(match.group(0)).path


def test_sign_up_confirm_and_preferences_without_javascript(smtp: Collector) -> None:
    client = Client(enforce_csrf_checks=True)
    response = sign_up(client, "New.Reader@Example.com", ["FR", "JP"])
    assert response.status_code == 303 and response["Location"] == "/newsletter/check-your-inbox/"
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING

    (message,) = smtp.to("new.reader@example.com")
    assert message.get_content_type() == "multipart/alternative"
    assert "France" in body(message, "plain") and "Japan" in body(message, "plain")
    confirm_path = link(message, r"https://news\.example/newsletter/confirm/\S+/")

    page = client.get(confirm_path)  # a link scanner's GET confirms nothing
    assert page.status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    done = client.post(confirm_path, {"csrfmiddlewaretoken": csrf_from(page.content.decode())})
    assert done.status_code == 303
    sub = Subscriber.objects.get()
    assert (
        sub.status == Subscriber.Status.ACTIVE and sub.countries == ["FR", "JP"] and sub.confirmed_at == NOW
    )

    assert done["Location"].endswith("?confirmed=1")
    prefs_path = urlsplit(done["Location"]).path
    prefs = client.get(done["Location"])
    assert prefs.status_code == 200 and "subscription is confirmed" in prefs.content.decode()
    assert "Newsletter preferences" in prefs.content.decode() and prefs["Cache-Control"].startswith(
        "max-age=0"
    )
    saved = client.post(
        prefs_path,
        {"countries": ["DE"], "paused": "on", "csrfmiddlewaretoken": csrf_from(prefs.content.decode())},
    )
    assert saved.status_code == 200
    sub.refresh_from_db()
    assert sub.countries == ["DE"] and sub.status == Subscriber.Status.PAUSED


def test_preferences_still_need_the_readers_csrf_token(smtp: Collector) -> None:
    sub = subscriber("reader@example.com", ["FR"])
    path = reverse("newsletter:preferences", kwargs={"token": tokens.manage_token(sub.pk, sub.key)})
    client = Client(enforce_csrf_checks=True)
    response = client.post(path, {"countries": ["DE"]}, **SAME_ORIGIN)
    assert response.status_code == 403
    sub.refresh_from_db()
    assert sub.countries == ["FR"]


def test_same_answer_for_known_and_unknown_addresses(smtp: Collector) -> None:
    subscriber("known@example.com", ["FR"])
    known = sign_up(Client(enforce_csrf_checks=True), "known@example.com", ["FR"])
    unknown = sign_up(Client(enforce_csrf_checks=True), "unknown@example.com", ["FR"])
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    follow_known = Client().get(known["Location"]).content
    follow_unknown = Client().get(unknown["Location"]).content
    assert follow_known == follow_unknown
    # Both addresses get an email; the known subscriber's choices are untouched until they confirm.
    assert len(smtp.to("known@example.com")) == 1 and len(smtp.to("unknown@example.com")) == 1
    assert Subscriber.objects.get(email="known@example.com").status == Subscriber.Status.ACTIVE


def test_rate_limits_per_address_and_per_ip(smtp: Collector) -> None:
    client = Client(enforce_csrf_checks=True)
    for _ in range(5):
        assert sign_up(client, "target@example.com", ["FR"]).status_code == 303
    assert len(smtp.to("target@example.com")) == 3  # silently capped: no mail-bombing
    for i in range(5):
        sign_up(client, f"other{i}@example.com", ["FR"])
    assert sign_up(client, "one-more@example.com", ["FR"]).status_code == 429


def test_invalid_input_is_shown_again_with_errors(smtp: Collector) -> None:
    response = sign_up(Client(enforce_csrf_checks=True), "not-an-address", ["FR"])
    assert response.status_code == 400 and "valid email" in response.content.decode()
    too_many = ["FR", "DE", "JP", "US", "GB", "IT", "ES", "PT", "NL", "BE", "CH"]
    assert sign_up(Client(enforce_csrf_checks=True), "a@example.com", too_many).status_code == 400
    assert smtp.received == []


def test_expired_or_forged_confirmation_link(smtp: Collector, monkeypatch: Any) -> None:
    sign_up(Client(enforce_csrf_checks=True), "late@example.com", [], worldwide=True)
    path = link(smtp.to("late@example.com")[0], r"https://news\.example/newsletter/confirm/\S+/")
    monkeypatch.setattr(tokens, "CONFIRM_MAX_AGE", -1)
    assert Client().get(path).status_code == 400
    monkeypatch.undo()
    assert Client().get(path[:-3] + "AA/").status_code == 400


def test_signup_box_on_a_story_page_preselects_its_primary_country(db: Any) -> None:
    from django.test import RequestFactory

    from dateline.sources.models import Source

    source = Source.objects.create(name="Outlet", feed_url="https://o.example/feed")
    story = make_story("ru-kp", ["RU", "KP"], 1, 1, NOW, [source])
    request = RequestFactory().get("/story/ru-kp/")
    html = render_to_string("newsletter/_signup_box.html", {"story": story}, request=request)
    # No per-reader token: the box is part of a page cached once for everybody; the sign-up
    # endpoint refuses cross-site posts by the browser's own headers.
    assert 'action="/newsletter/subscribe/"' in html and 'name="csrfmiddlewaretoken"' not in html
    assert re.search(r'value="RU" checked', html) and re.search(r'value="KP">', html)
    assert "Russia" in html and "North Korea" in html
    assert "<script" not in html and "style=" not in html


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": "http://evil.testserver"},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
    ],
)
def test_a_sign_up_forged_from_another_site_is_refused(smtp: Collector, headers: dict[str, str]) -> None:
    form = {"email": "victim@example.com", "countries": ["FR"]}
    response = Client(enforce_csrf_checks=True).post("/newsletter/subscribe/", form, **headers)
    assert response.status_code == 403
    assert not Subscriber.objects.exists() and smtp.to("victim@example.com") == []


def test_the_box_on_a_cached_story_page_signs_a_reader_up(smtp: Collector, db: Any) -> None:
    from dateline.sources.models import Source

    source = Source.objects.create(name="Outlet", feed_url="https://o.example/feed")
    story = make_story("fr-story", ["FR"], 1, 1, NOW, [source])
    Client().get(story.get_absolute_url())  # fills the page cache
    reader = Client(enforce_csrf_checks=True)
    page = reader.get(story.get_absolute_url())
    assert "newsletter-box" in page.content.decode() and "csrftoken" not in page.cookies
    response = reader.post(
        "/newsletter/subscribe/", {"email": "box@example.com", "countries": ["FR"]}, **SAME_ORIGIN
    )
    assert response.status_code == 303
    assert smtp.to("box@example.com")
