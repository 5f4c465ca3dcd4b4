"""``dateline worker``: a Celery worker running Dateline's tasks (see dateline.tasks).

One task at a time per process (acknowledged when done); run more processes, on any number
of machines, for more throughput. ``--queues cluster`` makes the one clustering consumer.
"""

from __future__ import annotations

import os
import socket
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Run a task worker (Celery on the Redis broker of DATELINE_BROKER_URL)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--queues",
            default="dateline",
            help="comma-separated queues: 'dateline' (every stage but clustering), 'cluster' "
            "(clustering: give it exactly one worker), or both for a one-machine desk",
        )
        parser.add_argument("--name", default=None, help="worker name (default: queues.pid@host)")
        parser.add_argument("--loglevel", default="info")

    def handle(self, *args: Any, **options: Any) -> None:
        from dateline.tasks import broker_url

        if not broker_url():
            raise CommandError(
                "DATELINE_BROKER_URL is not set: workers need a Redis broker "
                "(redis://host:6379/0). Without one, 'dateline run' does everything in one process."
            )
        import redis

        from dateline.tasks import jobs, shared
        from dateline.tasks.app import app

        client = redis.Redis.from_url(broker_url())
        delay = 1.0
        while True:  # say clearly what is unreachable, and wait for it
            try:
                client.ping()
                break
            except redis.RedisError as exc:
                self.stderr.write(
                    f"the broker at {shared.redact_url(broker_url())} is unreachable ({exc}); "
                    f"retrying in {delay:.0f} s"
                )
                time.sleep(delay)
                delay = min(delay * 2, 60.0)
        jobs.install_shared_gate()
        queues = options["queues"]
        jobs.warm_up_fetching = app.conf.task_default_queue in queues.split(",")
        name = options["name"] or f"{queues.replace(',', '+')}.{os.getpid()}@{socket.gethostname()}"
        app.worker_main(
            [
                "worker",
                "--pool=solo",
                f"--queues={queues}",
                f"--hostname={name}",
                f"--loglevel={options['loglevel']}",
                "--without-gossip",
                "--without-mingle",
            ]
        )
