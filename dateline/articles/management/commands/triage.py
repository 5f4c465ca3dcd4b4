"""``dateline triage [--all] [--rejected] [--json]``: judge waiting pages; list those that are not news."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from dateline.articles import triage as page_triage
from dateline.articles.models import Article


class Command(BaseCommand):
    help = "Judge whether waiting pages are news articles (--all: every page again); list the rejected ones."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="judge every page again, not only new ones")
        parser.add_argument(
            "--rejected", action="store_true", help="only list the pages that are not news, with their reason"
        )
        parser.add_argument("--json", action="store_true", help="the rejected pages as JSON lines")

    def handle(self, *args: Any, **options: Any) -> None:
        from dateline.pipeline import stages

        if not options["rejected"]:
            judged, rejected = stages.triage(everything=options["all"])
            if not options["json"]:
                self.stdout.write(f"{judged} pages judged, {rejected} not news.")
        rows = (
            Article.objects.triaged_out()
            .select_related("source")
            .order_by("triage", "source__name", "id")
            .values_list("id", "triage", "triage_detail", "source__name", "title", "url")
        )
        for pk, code, detail, outlet, title, url in rows.iterator():
            if options["json"]:
                row = {
                    "id": pk,
                    "triage": code,
                    "detail": detail,
                    "outlet": outlet,
                    "title": title,
                    "url": url,
                }
                self.stdout.write(json.dumps(row, ensure_ascii=False))
            elif options["rejected"]:
                self.stdout.write(
                    f"{page_triage.describe(code):36} {outlet[:24]:24} {title[:60]}  {url}  ({detail})"
                )
        if not options["json"]:
            total = Article.objects.triaged_out().count()
            self.stdout.write(f"{total} pages are not news in all.")
