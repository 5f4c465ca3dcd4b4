"""``dateline ingest``: fetch every due source once and carry new articles through the pipeline."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from dateline.core.console import console_for
from dateline.pipeline import stages
from dateline.pipeline.ingest import IngestSummary, ingest, problem_kind, sources_to_fetch


def summary_table(summary: IngestSummary, stage: stages.StageSummary | None) -> Table:
    table = Table(title="Ingest")
    table.add_column("what")
    table.add_column("count", justify="right")
    rows = [
        ("sources fetched", summary.sources_fetched),
        ("sources not modified", summary.sources_not_modified),
        ("sources failed", summary.sources_failed),
        ("articles new", summary.articles_new),
        ("articles duplicate", summary.articles_duplicate),
        ("articles failed (page unavailable, feed text kept)", summary.articles_failed),
    ]
    if stage is not None:
        rows += [
            ("articles geotagged", stage.geotagged),
            ("articles clustered", stage.clustered),
            ("stories new", stage.stories_new),
            ("stories written", stage.written),
            ("lead images stored", stage.images),
        ]
    for what, count in rows:
        table.add_row(what, str(count))
    return table


class Command(BaseCommand):
    help = "Fetch every due source once, store new articles, then geotag, cluster and write stories."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-stories", action="store_true", help="stop after storing articles")
        parser.add_argument("--quiet", action="store_true", help="no progress bar")
        parser.add_argument("--verbose", action="store_true", help="list every problem, not the first 20")
        parser.add_argument("--problems-file", metavar="PATH", help="write every problem to PATH, one a line")

    def handle(self, *args: Any, **options: Any) -> None:
        console = console_for(self, stderr=False)
        total = len(sources_to_fetch(scheduled=False))
        with Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            disable=options["quiet"],
            transient=True,
        ) as bar:
            feeds = bar.add_task("feeds", total=total)
            pages = bar.add_task("articles", total=0)

            def progress(kind: str, n: int) -> None:
                if kind == "source":
                    bar.advance(feeds, n)
                elif kind == "entries":
                    bar.update(pages, total=(bar.tasks[pages].total or 0) + n)
                elif kind == "article":
                    bar.advance(pages, n)

            summary = ingest(progress=progress)
            stage = None if options["no_stories"] else stages.process()
        console.print(summary_table(summary, stage))
        if summary.failures:
            counts = ", ".join(f"{kind} {n}" for kind, n in summary.problem_counts().items())
            console.print(f"{len(summary.failures)} problems: {counts}", highlight=False)
        shown = summary.failures if options["verbose"] else summary.failures[:LISTED]
        for name, problem in shown:
            console.print(f"[yellow]{escape(name)}[/]: {escape(problem)}", markup=True, highlight=False)
        if len(shown) < len(summary.failures):
            console.print(
                f"… and {len(summary.failures) - len(shown)} more (--verbose or --problems-file lists all)"
            )
        if options["problems_file"]:
            with open(options["problems_file"], "w", encoding="utf-8") as out:
                for name, problem in summary.failures:
                    out.write(f"{problem_kind(problem)}\t{name}\t{problem}\n")


#: Problems listed after the summary without --verbose.
LISTED = 20
