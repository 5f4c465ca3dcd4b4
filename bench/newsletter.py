"""Benchmark: send one weekly edition to 10,000 confirmed subscribers over local SMTP.

Creates a fresh database in a temporary folder, seeds a week of stories across 40
countries, bulk-creates subscribers with varied country choices, and sends one edition
to an aiosmtpd server running in a separate process on loopback. Prints messages per
second and peak memory; the last line is JSON: {"messages", "per_s", "peak_rss_mb"}.

    .venv/bin/python bench/newsletter.py [--subscribers 10000]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import multiprocessing
import os
import random
import resource
import shutil
import socket
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

EDITION = dt.date(2026, 6, 7)
NOW = dt.datetime(2026, 6, 7, 8, 30, tzinfo=dt.UTC)
COUNTRIES = [
    "US",
    "GB",
    "FR",
    "DE",
    "RU",
    "UA",
    "CN",
    "JP",
    "KR",
    "KP",
    "IN",
    "PK",
    "BR",
    "AR",
    "MX",
    "CA",
    "AU",
    "NZ",
    "ZA",
    "NG",
    "KE",
    "EG",
    "IL",
    "PS",
    "IR",
    "IQ",
    "SY",
    "TR",
    "SA",
    "AE",
    "IT",
    "ES",
    "PT",
    "PL",
    "SE",
    "NO",
    "ID",
    "PH",
    "VN",
    "TH",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _smtp_server(port: int, counter: Any, ready: Any) -> None:
    """A counting aiosmtpd server (own process, so it does not share our GIL)."""
    from aiosmtpd.controller import Controller

    class Counting:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            with counter.get_lock():
                counter.value += 1
            return "250 OK"

    controller = Controller(Counting(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    try:
        asyncio.run(asyncio.sleep(3600))
    finally:
        controller.stop()


def _rss_mb() -> float:
    import psutil

    return float(psutil.Process().memory_info().rss) / 1e6


def _seed(subscribers: int, rng: random.Random) -> None:
    from dateline.articles.models import Article
    from dateline.newsletter.models import Subscriber
    from dateline.sources.models import Source
    from dateline.stories.models import Story, StoryCountry

    sources = Source.objects.bulk_create(
        [
            Source(name=f"Outlet {i}", feed_url=f"https://o{i}.example/feed", country=rng.choice(COUNTRIES))
            for i in range(60)
        ]
    )
    stories, filings, articles = [], [], []
    for i in range(600):
        when = NOW - dt.timedelta(hours=rng.uniform(1, 7 * 24 - 1))
        codes = rng.sample(COUNTRIES, rng.choice([1, 1, 2, 3]))
        stories.append(
            Story(
                slug=f"story-{i}",
                headline=f"Story {i}: something happened in {codes[0]}",
                summary=f"Summary of story {i}, as reported by several outlets. " * 3,
                countries=[{"code": c, "score": 1.0, "evidence": []} for c in codes],
                primary_country=codes[0],
                first_seen_at=when,
                last_updated_at=when,
            )
        )
    stories = Story.objects.bulk_create(stories)
    for story in stories:
        for position, entry in enumerate(story.countries):
            filings.append(StoryCountry(story=story, country=entry["code"], position=position, score=1.0))
        for j in range(rng.randint(1, 12)):
            source = rng.choice(sources)
            articles.append(
                Article(
                    source=source,
                    url=f"https://x.example/{story.pk}/{j}",
                    url_key=f"x.example/{story.pk}/{j}",
                    title=story.headline,
                    published_at=story.first_seen_at,
                    fetched_at=story.first_seen_at,
                    story=story,
                )
            )
    StoryCountry.objects.bulk_create(filings)
    Article.objects.bulk_create(articles, batch_size=2000)
    batch: list[Subscriber] = []
    for i in range(subscribers):
        choice = rng.random()
        codes = [] if choice < 0.2 else rng.sample(COUNTRIES, rng.choice([1, 1, 2, 3]))
        batch.append(
            Subscriber(
                email=f"reader{i}@example.org",
                countries=codes,
                worldwide=choice < 0.2 or rng.random() < 0.3,
                status=Subscriber.Status.ACTIVE,
                created_at=NOW,
                confirmed_at=NOW,
            )
        )
        if len(batch) >= 2000:
            Subscriber.objects.bulk_create(batch)
            batch = []
    Subscriber.objects.bulk_create(batch)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    args = parser.parse_args()

    port = _free_port()
    ctx = multiprocessing.get_context("spawn")
    counter, ready = ctx.Value("i", 0), ctx.Event()
    server = ctx.Process(target=_smtp_server, args=(port, counter, ready), daemon=True)
    server.start()
    ready.wait(30)

    data_dir = tempfile.mkdtemp(prefix="dateline-bench-newsletter-")
    os.environ.update(
        DATELINE_DATA_DIR=data_dir,
        DJANGO_SETTINGS_MODULE="dateline.project.settings",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        EMAIL_USE_TLS="false",
        EMAIL_USE_SSL="false",
        DATELINE_NEWSLETTER_WEEKDAY="6",
        DATELINE_NEWSLETTER_HOUR="8",
        DATELINE_NEWSLETTER_TIMEZONE="UTC",
        DATELINE_SITE_URL="https://news.example",
    )
    try:
        import django

        django.setup()
        from django.core.management import call_command

        from dateline import clock
        from dateline.newsletter import service

        call_command("migrate", verbosity=0)
        rng = random.Random(7)
        t0 = time.perf_counter()
        _seed(args.subscribers, rng)
        print(
            f"seeded {args.subscribers} subscribers in {time.perf_counter() - t0:.1f}s; rss {_rss_mb():.0f} MB"
        )

        rss_before = _rss_mb()
        with clock.frozen(NOW):
            t0 = time.perf_counter()
            report = service.send_edition(EDITION)
            elapsed = time.perf_counter() - t0
        time.sleep(0.2)
        received = counter.value
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6  # KiB on Linux
        per_s = report.sent / elapsed if elapsed else 0.0
        print(
            f"edition {report.edition}: {report.sent} sent, {report.skipped} skipped, {report.failed} failed; "
            f"server received {received}; {elapsed:.1f}s, {per_s:.0f} messages/s"
        )
        print(f"rss before send {rss_before:.0f} MB, after {_rss_mb():.0f} MB, peak {peak_mb:.0f} MB")
        assert received == report.sent, "the server did not receive every message"
        print(
            json.dumps({"messages": report.sent, "per_s": round(per_s, 1), "peak_rss_mb": round(peak_mb, 1)})
        )
    finally:
        server.terminate()
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
