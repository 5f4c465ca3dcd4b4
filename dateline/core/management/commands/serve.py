"""``dateline serve``: the website under gunicorn, several processes (a production web node).

Each node is stateless: data in the database, pages, rate limits and sessions in the shared
Redis cache when DATELINE_CACHE_URL is set. Put any number behind a load balancer, and name
it in DATELINE_TRUSTED_PROXIES so the readers' own addresses are used for rate limits.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from dateline import conf


class Command(BaseCommand):
    help = "Serve the website with gunicorn (several processes)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=None, help="address to serve on (DATELINE_HOST)")
        parser.add_argument("--port", type=int, default=None, help="port to serve on (DATELINE_PORT)")
        parser.add_argument(
            "--workers", type=int, default=None, help="processes (DATELINE_SERVE_WORKERS; 0: two per core)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        host = options["host"] or conf.get("DATELINE_HOST")
        port = options["port"] or conf.get("DATELINE_PORT")
        workers = options["workers"] if options["workers"] is not None else conf.get("DATELINE_SERVE_WORKERS")
        if workers <= 0:
            workers = 2 * (os.cpu_count() or 1)
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "dateline.project.wsgi:application",
            f"--bind={host}:{port}",
            f"--workers={workers}",
            "--worker-class=sync",
            "--preload",
            "--access-logfile=-" if options["verbosity"] > 1 else "--access-logfile=/dev/null",
            "--graceful-timeout=10",
        ]
        self.stdout.write(f"Dateline is serving on http://{host}:{port}/ with {workers} processes")
        self.stdout.flush()
        os.execv(sys.executable, argv)
