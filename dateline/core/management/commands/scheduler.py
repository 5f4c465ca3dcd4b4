"""``dateline scheduler``: the one process that enqueues due work (see dateline.tasks.schedule)."""

from __future__ import annotations

import signal
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Enqueue due work for the task workers, every DATELINE_INGEST_EVERY seconds (one scheduler at a time)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="run one turn, then exit")
        parser.add_argument("--every", type=float, default=None, help="seconds between turns")

    def handle(self, *args: Any, **options: Any) -> None:
        from dateline.tasks import broker_url

        if not broker_url():
            raise CommandError(
                "DATELINE_BROKER_URL is not set: the scheduler needs a Redis broker (redis://host:6379/0)."
            )
        import redis

        from dateline.tasks.schedule import Scheduler, every

        def say(line: str) -> None:
            self.stdout.write(line)
            self.stdout.flush()

        scheduler = Scheduler(
            redis.Redis.from_url(broker_url()),
            every=options["every"] if options["every"] is not None else every(),
            say=say,
        )
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: scheduler.stop.set())
        scheduler.run(turns=1 if options["once"] else None)
