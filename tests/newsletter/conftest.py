"""Fixtures for the newsletter tests: a real SMTP server on loopback and a seeded week."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from dateline import clock

#: A Sunday; the default schedule sends at 08:00 UTC on Sundays.
EDITION = dt.date(2026, 6, 7)
NOW = dt.datetime(2026, 6, 7, 9, 0, tzinfo=dt.UTC)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Collector:
    """An aiosmtpd handler that keeps every accepted message and can refuse addresses."""

    received: list[tuple[list[str], bytes]] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        if address.lower() in self.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.received.append((list(envelope.rcpt_tos), bytes(envelope.content)))
        return "250 Message accepted for delivery"

    def messages(self) -> list[EmailMessage]:
        with self.lock:
            raw = [content for _, content in self.received]
        return [email.message_from_bytes(c, policy=email.policy.default) for c in raw]  # type: ignore[misc]

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages() if m["To"] == address]

    def clear(self) -> None:
        with self.lock:
            self.received.clear()


@pytest.fixture
def smtp(settings: Any) -> Iterator[Collector]:
    """A real SMTP server on loopback; Django's mail goes there."""
    handler = Collector()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    if hasattr(settings, "MAILERS"):
        settings.MAILERS = {
            "default": {"BACKEND": settings.EMAIL_BACKEND, "OPTIONS": {"host": "127.0.0.1", "port": port}}
        }
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture
def newsletter_env(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fixed site URL and schedule, no retry sleeps, an empty cache, the clock frozen."""
    from django.core.cache import cache

    from dateline.newsletter import service

    settings.SITE_URL = "https://news.example"
    settings.SITE_NAME = "Dateline"
    settings.DEFAULT_FROM_EMAIL = "Dateline <newsletter@news.example>"
    monkeypatch.setenv("DATELINE_NEWSLETTER_WEEKDAY", "6")
    monkeypatch.setenv("DATELINE_NEWSLETTER_HOUR", "8")
    monkeypatch.setenv("DATELINE_NEWSLETTER_TIMEZONE", "UTC")
    monkeypatch.setattr(service, "RETRY_BASE", 0.0)
    cache.clear()
    with clock.frozen(NOW):
        yield
    cache.clear()


@dataclass
class Week:
    """Handles on the seeded stories, by a short name."""

    stories: dict[str, Any]


def make_story(
    name: str,
    countries: list[str],
    outlets: int,
    articles: int,
    when: dt.datetime,
    sources: list[Any],
    headline: str | None = None,
    status: str = "published",
) -> Any:
    """A story filed under ``countries`` (primary first) with coverage at ``when``."""
    from dateline.articles.models import Article
    from dateline.stories.models import Story, StoryCountry

    story = Story.objects.create(
        slug=name,
        headline=headline or f"Headline {name}",
        summary=f"Summary of {name}.\n\nSecond paragraph.",
        status=status,
        countries=[{"code": c, "score": 1.0, "evidence": []} for c in countries],
        primary_country=countries[0] if countries else "",
        first_seen_at=when,
        last_updated_at=when,
        article_count=articles,
        outlet_count=outlets,
    )
    for position, code in enumerate(countries):
        StoryCountry.objects.create(story=story, country=code, position=position, score=1.0)
    for i in range(articles):
        source = sources[i % outlets]
        Article.objects.create(
            source=source,
            triage="news",
            url=f"https://{source.pk}.example/{name}/{i}",
            url_key=f"{source.pk}.example/{name}/{i}",
            title=f"{name} {i}",
            published_at=when,
            fetched_at=when,
            story=story,
        )
    return story


@pytest.fixture
def week(db: Any) -> Week:
    """A week of stories before the 2026-06-07 edition, and one outside its window."""
    from dateline.sources.models import Source

    sources = [
        Source.objects.create(name=f"Outlet {i}", feed_url=f"https://o{i}.example/feed", country="GB")
        for i in range(6)
    ]
    inside = NOW - dt.timedelta(days=3)
    stories = {
        "fr-big": make_story("fr-big", ["FR"], 5, 8, inside, sources),
        "fr-small": make_story("fr-small", ["FR"], 1, 1, inside, sources),
        "de-fr": make_story("de-fr", ["DE", "FR"], 4, 4, inside, sources),
        "jp": make_story("jp", ["JP"], 3, 3, inside, sources),
        "hidden": make_story("hidden", ["FR"], 6, 6, inside, sources, status="hidden"),
        "old": make_story("old", ["FR"], 6, 6, NOW - dt.timedelta(days=9), sources),
        "evil": make_story(
            "evil", ["BR"], 2, 2, inside, sources, headline="Evil\r\nBcc: victim@example.com\nX-Injected: yes"
        ),
    }
    return Week(stories=stories)


def subscriber(
    email_address: str, countries: list[str], worldwide: bool = False, status: str = "active"
) -> Any:
    """An already-confirmed subscriber."""
    from dateline.newsletter.models import Subscriber

    return Subscriber.objects.create(
        email=email_address,
        countries=countries,
        worldwide=worldwide,
        status=status,
        created_at=NOW,
        confirmed_at=NOW,
    )


def body(message: EmailMessage, subtype: str) -> str:
    """The text/plain or text/html part of a received message."""
    part = message.get_body(preferencelist=(subtype,))
    assert part is not None, f"no text/{subtype} part"
    return str(part.get_content())  # type: ignore[attr-defined]
