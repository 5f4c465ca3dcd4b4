"""``dateline run``: the schedule and the website in one process (the embedded default).

A scheduler thread runs the pipeline every ``DATELINE_INGEST_EVERY`` seconds (due sources
only, then geotag → cluster → write → rank → publish) and sends the weekly newsletter
when it is due; the main thread serves the site with waitress. Killing the process at any
moment is safe: every stage commits its work in small transactions and resumes on restart.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from dateline import clock, conf
from dateline.pipeline import stages
from dateline.pipeline.ingest import ingest

log = logging.getLogger("dateline.run")


def pipeline_once() -> None:
    """One turn of the schedule: ingest due sources, process, maybe send the newsletter."""
    close_old_connections()
    summary = ingest(scheduled=True)
    if summary.sources_fetched or summary.sources_not_modified or summary.sources_failed:
        log.info("ingest: %s", summary.as_dict())
    processed = stages.process()
    if processed.clustered or processed.written:
        log.info("stories: %s", processed)
    try:
        from dateline.newsletter.service import run_scheduled
    except ImportError:
        return
    sent = run_scheduled(clock.now())
    if sent:
        log.info("newsletter: %s messages sent", sent)


def schedule(stop: threading.Event, every: float) -> None:
    while not stop.is_set():
        try:
            pipeline_once()
        except Exception:  # the site keeps serving; the next turn tries again
            log.exception("pipeline run failed")
        finally:
            close_old_connections()
        stop.wait(every)


class Command(BaseCommand):
    help = "Run the ingest schedule and serve the website in one process."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=None, help="address to serve on (DATELINE_HOST)")
        parser.add_argument("--port", type=int, default=None, help="port to serve on (DATELINE_PORT)")
        parser.add_argument("--no-schedule", action="store_true", help="serve only; no pipeline runs")
        parser.add_argument("--threads", type=int, default=8, help="web server threads")

    def handle(self, *args: Any, **options: Any) -> None:
        from waitress import serve

        from dateline.project.wsgi import application

        host = options["host"] or conf.get("DATELINE_HOST")
        port = options["port"] or conf.get("DATELINE_PORT")
        stop = threading.Event()
        if not options["no_schedule"]:
            worker = threading.Thread(
                target=schedule, args=(stop, conf.get("DATELINE_INGEST_EVERY")), daemon=True, name="schedule"
            )
            worker.start()
        self.stdout.write(f"Dateline is serving on http://{host}:{port}/ (Ctrl-C to stop)")
        try:
            serve(application, host=host, port=port, threads=options["threads"], ident="Dateline")
        finally:
            stop.set()
            time.sleep(0.1)
