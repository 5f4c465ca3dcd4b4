"""Sending editions over real SMTP: contents, headers, hygiene, exactly-once and bounces."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import EDITION, NOW, Collector, Week, body, subscriber

from dateline import clock
from dateline.newsletter import emails, service
from dateline.newsletter.models import Delivery, Edition, Subscriber

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("newsletter_env")]


def test_digest_contents_follow_the_chosen_countries(smtp: Collector, week: Week) -> None:
    subscriber("fr@example.com", ["FR"])
    subscriber("jp@example.com", ["JP"], worldwide=True)
    subscriber("world@example.com", [])
    report = service.send_edition(EDITION)
    assert report.sent == 3 and report.complete

    fr_text = body(smtp.to("fr@example.com")[0], "plain")
    # Best first (5 outlets before the secondary filing and the single-source story);
    # hidden stories and stories outside the 7-day window never appear.
    assert (
        fr_text.index("Headline fr-big")
        < fr_text.index("Headline de-fr")
        < fr_text.index("Headline fr-small")
    )
    assert "Headline hidden" not in fr_text and "Headline old" not in fr_text
    assert "Headline jp" not in fr_text
    assert "single source" in fr_text

    jp_text = body(smtp.to("jp@example.com")[0], "plain")
    assert "Headline jp" in jp_text and "Top stories worldwide" in jp_text
    assert jp_text.count("Headline jp") == 1  # no story twice, though it is also a world top story
    assert "Headline fr-big" in jp_text

    world_html = body(smtp.to("world@example.com")[0], "html")
    assert 'name="color-scheme"' in world_html and "<table" in world_html
    assert "https://news.example/story/fr-big/" in world_html
    assert "Headline hidden" not in world_html
    # Country names only: flag emoji show as boxes or letter pairs in many mail clients.
    for text in (fr_text, jp_text, world_html, body(smtp.to("fr@example.com")[0], "html")):
        assert not any("\U0001f1e6" <= ch <= "\U0001f1ff" for ch in text)
    assert "France" in fr_text


def test_headers_mime_and_one_click_unsubscribe(smtp: Collector, week: Week, client: Any) -> None:
    sub = subscriber("reader@example.com", ["FR"])
    service.send_edition(EDITION)
    (message,) = smtp.to("reader@example.com")
    assert message.get_content_type() == "multipart/alternative"
    assert {p.get_content_type() for p in message.iter_parts()} == {"text/plain", "text/html"}
    assert message["Date"]
    delivery = Delivery.objects.get(subscriber=sub)
    assert message["Message-ID"] == delivery.message_id and delivery.message_id.endswith("@news.example>")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    match = re.fullmatch(
        r"<(https://news\.example/newsletter/unsubscribe/[^>]+/)>", message["List-Unsubscribe"]
    )
    assert match, message["List-Unsubscribe"]
    path = urlsplit(match.group(1)).path

    # GET only shows a confirm page; the mail client's POST (no cookie, no CSRF token) unsubscribes.
    assert client.get(path).status_code == 200
    sub.refresh_from_db()
    assert sub.status == Subscriber.Status.ACTIVE
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        path, data="List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    sub.refresh_from_db()
    assert sub.status == Subscriber.Status.UNSUBSCRIBED

    # Takes effect at once: the next edition does not go to them.
    smtp.clear()
    with clock.frozen(NOW + dt.timedelta(days=7)):
        service.send_edition(EDITION + dt.timedelta(days=7))
    assert smtp.to("reader@example.com") == []


def test_view_in_browser_and_preferences_links_work(smtp: Collector, week: Week, client: Any) -> None:
    subscriber("reader@example.com", ["FR"])
    service.send_edition(EDITION)
    text = body(smtp.to("reader@example.com")[0], "plain")
    browser = re.search(r"View in your browser: (\S+)", text)
    assert browser and browser.group(1).startswith("https://news.example/newsletter/edition/2026-06-07/")
    page = client.get(urlsplit(browser.group(1)).path + "?" + urlsplit(browser.group(1)).query)
    assert page.status_code == 200 and "Headline fr-big" in page.content.decode()
    manage = re.search(r"Change countries or pause: (\S+)", text)
    assert manage
    assert client.get(urlsplit(manage.group(1)).path).status_code == 200
    assert client.get(urlsplit(manage.group(1)).path[:-5] + "xxxx/").status_code == 400


def test_header_injection_from_stored_text_is_impossible(smtp: Collector, week: Week, settings: Any) -> None:
    settings.SITE_NAME = "Dateline\r\nBcc: everyone@example.com"
    subscriber("br@example.com", ["BR"])
    report = service.send_edition(EDITION)
    assert report.sent == 1
    ((rcpts, raw),) = smtp.received
    assert rcpts == ["br@example.com"]
    message = smtp.to("br@example.com")[0]
    assert message["Bcc"] is None and message["X-Injected"] is None
    assert "Evil Bcc: victim@example.com X-Injected: yes" in message["Subject"]
    headers = raw.split(b"\r\n\r\n", 1)[0]
    assert not re.search(rb"^(Bcc|X-Injected):", headers, re.M | re.I)


def test_crash_then_rerun_delivers_each_message_exactly_once(
    smtp: Collector, week: Week, monkeypatch: Any
) -> None:
    for i in range(12):
        subscriber(f"r{i}@example.com", ["FR"] if i % 2 else ["JP"], worldwide=bool(i % 3))
    real_send = emails.transmit
    calls = {"n": 0}

    def crashing_send(connection: Any, outgoing: Any) -> None:
        calls["n"] += 1
        if calls["n"] > 5:
            raise SystemExit("killed")  # not an SMTP error: the process dies mid-edition
        real_send(connection, outgoing)

    monkeypatch.setattr(emails, "transmit", crashing_send)
    with pytest.raises(SystemExit):
        service.send_edition(EDITION, batch_size=4)
    assert len(smtp.received) == 5
    assert Delivery.objects.filter(status="sending").count() == 1
    assert Edition.objects.get(date=EDITION).status == Edition.Status.SENDING

    monkeypatch.setattr(emails, "transmit", real_send)
    report = service.send_edition(EDITION, batch_size=4)
    assert report.complete and report.sent == 7
    per_address = Counter(rcpt for rcpts, _ in smtp.received for rcpt in rcpts)
    assert per_address == {f"r{i}@example.com": 1 for i in range(12)}
    # The interrupted message kept the Message-ID recorded before its first attempt.
    ids = [m["Message-ID"] for m in smtp.messages()]
    assert len(set(ids)) == 12
    assert set(ids) == set(Delivery.objects.values_list("message_id", flat=True))

    # Idempotent: a third run and the scheduler send nothing more.
    assert service.send_edition(EDITION).sent == 0
    assert service.run_scheduled(NOW) is None
    assert len(smtp.received) == 12


def test_permanent_failure_is_marked_and_others_still_get_theirs(smtp: Collector, week: Week) -> None:
    smtp.refuse.add("gone@example.com")
    gone = subscriber("gone@example.com", ["FR"])
    subscriber("ok@example.com", ["FR"])
    report = service.send_edition(EDITION)
    assert report.sent == 1 and report.bounced == 1 and report.complete
    delivery = Delivery.objects.get(subscriber=gone)
    assert delivery.status == Delivery.Status.FAILED and delivery.permanent and "550" in delivery.last_error
    gone.refresh_from_db()
    assert gone.status == Subscriber.Status.BOUNCED
    assert len(smtp.to("ok@example.com")) == 1 and smtp.to("gone@example.com") == []


def test_transient_errors_are_retried_with_backoff(smtp: Collector, week: Week, monkeypatch: Any) -> None:
    import smtplib

    subscriber("flaky@example.com", ["FR"])
    real_send = emails.transmit
    failures = {"left": 2}
    sleeps: list[float] = []
    monkeypatch.setattr(service.time, "sleep", sleeps.append)
    monkeypatch.setattr(service, "RETRY_BASE", 0.5)

    def flaky(connection: Any, outgoing: Any) -> None:
        if failures["left"]:
            failures["left"] -= 1
            raise smtplib.SMTPServerDisconnected("connection lost")
        real_send(connection, outgoing)

    monkeypatch.setattr(emails, "transmit", flaky)
    report = service.send_edition(EDITION)
    assert report.sent == 1 and sleeps == [0.5, 1.0]
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.SENT and delivery.attempts == 3


def test_scheduler_sends_the_due_edition_once(smtp: Collector, week: Week) -> None:
    subscriber("reader@example.com", ["FR"])
    assert service.run_scheduled(NOW - dt.timedelta(hours=2)) is None
    assert service.run_scheduled(NOW) == 1
    assert service.run_scheduled(NOW + dt.timedelta(minutes=5)) is None
    assert len(smtp.received) == 1
    # Too late to start a missed edition (catch-up window is 24 hours by default).
    assert service.run_scheduled(NOW + dt.timedelta(days=7, hours=30)) is None


def test_dry_run_sends_and_writes_nothing(smtp: Collector, week: Week) -> None:
    subscriber("reader@example.com", ["FR"])
    subscriber("quiet@example.com", ["AQ"])
    report = service.send_edition(EDITION, dry_run=True)
    assert report.recipients == 2 and report.skipped == 1 and report.stories == 5
    assert smtp.received == [] and not Edition.objects.exists() and not Delivery.objects.exists()


def test_command_line_send(smtp: Collector, week: Week) -> None:
    from io import StringIO

    from django.core.management import call_command

    subscriber("reader@example.com", ["FR"])
    out = StringIO()
    call_command("newsletter", "send", "--edition", "2026-06-07", stdout=out)
    assert "1 sent" in out.getvalue() and len(smtp.received) == 1


def test_edition_page_by_country_and_future_editions_hidden(week: Week, client: Any) -> None:
    page = client.get("/newsletter/edition/2026-06-07/?countries=JP")
    html = page.content.decode()
    assert page.status_code == 200 and "Headline jp" in html and "Headline fr-big" not in html
    assert client.get("/newsletter/edition/2026-06-14/").status_code == 404
    assert client.get("/newsletter/edition/2026-06-06/").status_code == 404  # not a send day
    assert client.get("/newsletter/edition/nope/").status_code == 404


def test_message_ids_are_unique_and_well_formed() -> None:
    first = emails.new_message_id(EDITION, 1)
    assert first != emails.new_message_id(EDITION, 1)
    assert re.fullmatch(r"<newsletter\.20260607\.1\.[0-9a-f]{12}@[a-z0-9.-]+>", first)


def test_other_mail_backends_get_the_same_message(week: Week, mailoutbox: Any) -> None:
    subscriber("local@example.com", ["JP"])
    report = service.send_edition(EDITION)
    assert report.sent == 1
    (message,) = mailoutbox
    assert message.to == ["local@example.com"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Headline jp" in message.body and message.alternatives[0].mimetype == "text/html"


def test_paused_subscribers_get_nothing(smtp: Collector, week: Week) -> None:
    subscriber("paused@example.com", ["FR"], status="paused")
    subscriber("pending@example.com", ["FR"], status="pending")
    report = service.send_edition(EDITION)
    assert report.sent == 0 and smtp.received == []
