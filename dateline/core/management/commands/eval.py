"""``dateline eval extract|geo|cluster|summarize PATH [--json]``: score Dateline on a labelled set.

``dateline eval editorial [--json]`` scores the database's published stories instead: the share of
stories an editor would send back, and the count of each kind of fault.

The formats and metrics are those of the evaluation sets' README; any file of those
formats works. With ``--json`` the command prints one JSON object and nothing else.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.table import Table

from dateline.core.console import console_for


def run_eval(kind: str, path: Path, *, words: int = 220) -> dict[str, Any]:
    """Run one evaluation and return its figures."""
    if kind == "extract":
        from dateline.articles.eval_extract import evaluate as evaluate_extract

        return evaluate_extract(path)
    if kind == "geo":
        from dateline.geo.evaluate import evaluate as evaluate_geo

        return evaluate_geo(path)
    if kind == "cluster":
        from dateline.stories.eval_cluster import evaluate as evaluate_cluster

        return evaluate_cluster(path)
    if kind == "summarize":
        from dateline.stories.eval_summarize import evaluate as evaluate_summaries

        return evaluate_summaries(path, words=words)
    raise CommandError(f"unknown evaluation {kind!r}")


def run_editorial() -> dict[str, Any]:
    """Editorial faults of the database's published stories (see ``dateline.stories.editorial``).

    ``junk`` counts published stories a reader would call not news, judged afresh: each source
    page is judged again from what is stored (not from the verdict triage stored), and the
    story's own headline and summary are read for error, login, test, home and search pages."""
    from django.db.models import Prefetch

    from dateline.articles.models import Article
    from dateline.pipeline.stages import judge_page, stored_heading
    from dateline.stories.editorial import StorySource, junk_story, story_faults, summarize
    from dateline.stories.models import Story

    def results() -> Any:
        originals = Article.objects.filter(duplicate_of=None).select_related("source", "page")
        stories = Story.objects.published().prefetch_related(Prefetch("articles", queryset=originals))
        for story in stories.order_by("id").iterator(chunk_size=100):
            articles = list(story.articles.all())
            sources = [
                StorySource(
                    outlet=a.outlet,
                    title=a.title,
                    text=a.text,
                    published=a.published_at,
                    language=a.language,
                    heading=stored_heading(a),
                )
                for a in articles
            ]
            pages_are_news = [judge_page(a).news for a in articles]
            junk = junk_story(story.headline, story.summary, pages_are_news) is not None
            yield story_faults(story.headline, story.summary, sources), junk

    return summarize(results())


class Command(BaseCommand):
    help = "Evaluate extraction, geotagging, clustering or summaries on a labelled JSONL file, or the published stories (editorial)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["extract", "geo", "cluster", "summarize", "editorial"])
        parser.add_argument("path", type=Path, nargs="?", help="the labelled set (not for editorial)")
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument("--words", type=int, default=220, help="word budget for summaries (default 220)")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path | None = options["path"]
        if options["kind"] == "editorial":
            figures = run_editorial()
        elif path is None or not path.is_file():
            raise CommandError(f"{path}: no such file")
        else:
            figures = run_eval(options["kind"], path, words=options["words"])
        if options["json"]:
            self.stdout.write(json.dumps(figures))
            return
        table = Table(title=f"{options['kind']}: {path or 'published stories'}")
        table.add_column("figure")
        table.add_column("value", justify="right")
        for key, value in figures.items():
            if isinstance(value, dict):
                for sub, inner in value.items():
                    table.add_row(f"{key}.{sub}", _fmt(inner))
            else:
                table.add_row(key, _fmt(value))
        console_for(self).print(table)


def _fmt(value: Any) -> str:
    return f"{value:.4f}" if isinstance(value, float) else str(value)
