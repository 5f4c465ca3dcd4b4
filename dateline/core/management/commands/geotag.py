"""``dateline geotag [--all]``: file articles under the countries they are about."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from dateline.pipeline import stages


class Command(BaseCommand):
    help = "Tag articles with their countries and the evidence (waiting ones, or --all)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--all", action="store_true", help="re-tag every article, then refresh stories' countries"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        done = stages.geotag(everything=options["all"])
        written = stages.write() if options["all"] else []
        stages.publish(written)
        self.stdout.write(f"{done} articles geotagged; {len(written)} stories refreshed.")
