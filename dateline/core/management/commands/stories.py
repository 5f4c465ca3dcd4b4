"""``dateline stories list [--explain SLUG]|rebuild|process``: look at and rebuild the stories."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.table import Table

from dateline.core.console import console_for
from dateline.geo import countries
from dateline.pipeline import stages
from dateline.stories.cluster import StoryIndex
from dateline.stories.models import Story


class Command(BaseCommand):
    help = "List stories, rebuild them from scratch, or run the pipeline's story stages."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        lst = sub.add_parser("list", help="A table of stories, most outlets first.")
        lst.add_argument("--limit", type=int, default=30)
        lst.add_argument("--order", choices=["outlets", "trending", "latest", "newest"], default="outlets")
        lst.add_argument("--sources", action="store_true", help="list each story's articles too")
        lst.add_argument(
            "--explain",
            metavar="SLUG",
            help="why each article of one story joined it: shared terms, names, places, dates, score",
        )
        sub.add_parser("rebuild", help="Re-cluster every article from scratch (after an algorithm change).")
        sub.add_parser("process", help="Geotag, cluster, write and rank what is waiting.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "rebuild":
            summary = stages.rebuild()
            self.stdout.write(
                f"{summary.clustered} articles in {summary.stories_new} stories; {summary.written} written."
            )
        elif options["action"] == "process":
            summary = stages.process()
            self.stdout.write(str(summary))
        elif options.get("explain"):
            self._explain(options["explain"])
        else:
            self._list(options["limit"], options["order"], options["sources"])

    def _explain(self, slug: str) -> None:
        story = Story.objects.filter(slug=slug).first()
        if story is None:
            raise CommandError(f"no story {slug!r}")
        articles = sorted(
            story.articles.select_related("source"),
            key=lambda a: (a.published_at is None, a.published_at or a.fetched_at, a.id),
        )
        table = Table(
            title=f"{story.headline} ({len(articles)} articles; replayed in publication order)",
            show_lines=True,
        )
        for column in ("published", "article", "score", "shared terms and names", "places", "event date"):
            table.add_column(column, overflow="fold")
        index = StoryIndex(stages.cluster_params())
        for i, article in enumerate(articles):
            doc = stages.as_doc(article)
            when = f"{doc.published:%Y-%m-%d %H:%M}" if doc.published else "?"
            label = f"{article.source.name}: {article.title}"
            if i == 0:
                event_when = index.event_date(doc)
                table.add_row(when, label, "first", "", ", ".join(doc.countries), str(event_when or "-"))
            else:
                why = index.explain(doc, 0)
                score = f"{why['score']:.3f} (text {why['text_cosine']:.3f}, headline {why['headline_cosine']:.3f})"
                terms = ", ".join(why["terms"]) + (
                    "\nnames: " + ", ".join(why["names"]) if why["names"] else ""
                )
                dates = f"{why['event_date'] or '-'} (story: {', '.join(why['story_dates']) or '-'})"
                if why["dates_apart"]:
                    dates += " apart"
                if why["series"]:
                    dates += "; series"
                if why["outlet_apart"]:
                    dates += "; not an update of the outlet's report"
                where = ", ".join([*why["countries"], *why["places"]])
                if why["place_apart"]:
                    where += " (another city)"
                table.add_row(when, label, score, terms, where, dates)
            index.add(doc, 0)
        console_for(self, width=180).print(table)

    def _list(self, limit: int, order: str, with_sources: bool) -> None:
        qs = {
            "outlets": Story.objects.published().order_by("-outlet_count", "-last_updated_at"),
            "trending": Story.objects.trending(),
            "latest": Story.objects.recently_updated(),
            "newest": Story.objects.newest(),
        }[order]
        table = Table(title=f"{Story.objects.count()} stories", show_lines=with_sources)
        for column in ("outlets", "articles", "countries", "headline", "updated"):
            table.add_column(column, overflow="fold")
        for story in qs[:limit]:
            tags = ", ".join(countries.display(c["code"]) for c in story.countries[:3])
            headline = story.headline
            if with_sources:
                lines = [f"  · {a.source.name}: {a.title}" for a in story.articles.select_related("source")]
                headline += "\n" + "\n".join(lines)
            table.add_row(
                str(story.outlet_count),
                str(story.article_count),
                tags,
                headline,
                f"{story.last_updated_at:%Y-%m-%d}",
            )
        console_for(self, width=160).print(table)
