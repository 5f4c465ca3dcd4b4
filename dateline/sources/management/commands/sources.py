"""``dateline sources import|export|list|load-defaults``: manage the outlets Dateline reads."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path
from typing import Any

import httpx
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from rich.table import Table

from dateline import clock, conf
from dateline.core.console import console_for
from dateline.sources.models import Source
from dateline.sources.opml import OpmlError, OutlineData, parse_opml, write_opml


def read_file_or_url(location: str) -> bytes:
    """The bytes of a local file or an http(s) URL (an editor's own list, fetched directly)."""
    if location.startswith(("http://", "https://")):
        response = httpx.get(location, timeout=30, follow_redirects=True)
        response.raise_for_status()
        return response.content
    return Path(location).read_bytes()


def import_outlines(outlines: list[OutlineData]) -> tuple[int, int]:
    """Create or update sources from OPML outlines. Returns (created, updated)."""
    created = updated = 0
    with transaction.atomic():
        for item in outlines:
            defaults = {"name": item.title[:200], "site_url": (item.html_url or "")[:2000]}
            if item.country:
                defaults["country"] = item.country[:2]
            if item.language:
                defaults["language"] = item.language[:16]
            _, was_created = Source.objects.update_or_create(feed_url=item.xml_url, defaults=defaults)
            created += was_created
            updated += not was_created
    return created, updated


def default_sources_opml() -> bytes:
    return resources.files("dateline.sources").joinpath("data/default_sources.opml").read_bytes()


class Command(BaseCommand):
    help = "Manage sources: import or export OPML, list them with their health, load the defaults."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Import sources from an OPML file or URL.")
        imp.add_argument("location", help="OPML file path or http(s) URL")
        exp = sub.add_parser("export", help="Write the sources as OPML to standard output (or --output).")
        exp.add_argument("--output", "-o", help="file to write instead of standard output")
        lst = sub.add_parser("list", help="A table of sources with their health.")
        lst.add_argument("--failing", action="store_true", help="only sources that are failing")
        sub.add_parser(
            "load-defaults", help="Load the configured (or shipped) list when there are no sources yet."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "import":
            self._import(options["location"])
        elif action == "export":
            self._export(options.get("output"))
        elif action == "list":
            self._list(failing=options["failing"])
        elif action == "load-defaults":
            self._load_defaults()

    def _import(self, location: str) -> None:
        try:
            outlines = parse_opml(read_file_or_url(location))
        except (OSError, httpx.HTTPError) as exc:
            raise CommandError(f"could not read {location}: {exc}") from None
        except OpmlError as exc:
            raise CommandError(f"{location}: {exc}") from None
        created, updated = import_outlines(outlines)
        self.stdout.write(f"{len(outlines)} sources in {location}: {created} new, {updated} updated.")

    def _export(self, output: str | None) -> None:
        items = [
            OutlineData(
                title=s.name,
                xml_url=s.feed_url,
                html_url=s.site_url or None,
                language=s.language or None,
                country=s.country or None,
            )
            for s in Source.objects.order_by("name")
        ]
        data = write_opml(items, "Dateline sources", created=clock.wall())
        if output:
            Path(output).write_bytes(data)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()

    def _list(self, *, failing: bool) -> None:
        qs = Source.objects.failing() if failing else Source.objects.all()
        table = Table(title=f"{qs.count()} sources")
        for column in (
            "name",
            "country",
            "feed",
            "active",
            "last success",
            "failures",
            "next fetch",
            "last error",
        ):
            table.add_column(column, overflow="fold")
        for s in qs.order_by("name"):
            table.add_row(
                s.name,
                s.country,
                s.feed_url,
                "yes" if s.active else "no",
                s.last_success_at.strftime("%Y-%m-%d %H:%M") if s.last_success_at else "never",
                str(s.consecutive_failures),
                s.next_fetch_at.strftime("%Y-%m-%d %H:%M") if s.next_fetch_at else "now",
                (s.last_error or s.feed_problem)[:120],
            )
        console_for(self, width=200).print(table)

    def _load_defaults(self) -> None:
        if Source.objects.exists():
            self.stdout.write(f"{Source.objects.count()} sources already configured; nothing loaded.")
            return
        location = conf.get("DATELINE_SOURCES")
        data = read_file_or_url(location) if location else default_sources_opml()
        created, _ = import_outlines(parse_opml(data))
        self.stdout.write(f"Loaded {created} sources from {location or 'the default list'}.")
