"""Scan every published story as readers get it, outlet by outlet."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from dateline.stories.models import Story
from dateline.web import readers


class Command(BaseCommand):
    help = (
        "Check every published story as each outlet renders it (page, Atom, newsletter HTML and text, "
        "API) for defects a reader sees: broken encoding, raw entities, markup, bare addresses, "
        "repeated sentences, bad spacing, unbalanced quotes or brackets, trailing headlines."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")
        parser.add_argument("--list", action="store_true", help="list each fault found, with its text")

    def handle(self, *args: Any, **options: Any) -> None:
        result = readers.scan(Story.objects.published().order_by("id"))
        examples = result.pop("examples")
        if options["list"]:
            result["examples"] = examples
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        self.stdout.write(f"{result['stories']} stories, {result['faulty']} with a fault a reader sees")
        for outlet, kinds in result["by_outlet"].items():
            found = ", ".join(f"{kind} {n}" for kind, n in kinds.items() if n) or "none"
            self.stdout.write(f"  {outlet}: {found}")
        for example in examples if options["list"] else []:
            self.stdout.write(
                f"{example['outlet']} · {example['kind']} · {example['story']}: {example['text']}"
            )
