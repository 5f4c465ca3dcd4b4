"""``dateline settings``: every setting with its current value, default and help."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from rich.table import Table

from dateline import conf
from dateline.core.console import console_for

SECRET = ("SECRET_KEY", "EMAIL_HOST_PASSWORD", "DATELINE_LLM_API_KEY")


class Command(BaseCommand):
    help = "List Dateline's settings: name, current value, default and help."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--markdown", action="store_true", help="print the README's table")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["markdown"]:
            self.stdout.write(markdown_table())
            return
        table = Table(title="Settings")
        for column in ("name", "value", "default", "help"):
            table.add_column(column, overflow="fold")
        for s in conf.SETTINGS:
            value = conf.raw(s.name)
            table.add_row(s.name, "•••" if s.name in SECRET and value else value, s.default, s.help)
        console_for(self, width=180).print(table)


def markdown_table() -> str:
    """The settings as the README's Markdown table."""
    lines = ["| Setting | Default | What it does |", "|---|---|---|"]
    for s in conf.SETTINGS:
        default = f"`{s.default}`" if s.default else "(empty)"
        lines.append(f"| `{s.name}` | {default} | {s.help.replace('|', '\\|')} |")
    return "\n".join(lines)
