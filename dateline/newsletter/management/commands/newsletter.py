"""``dateline newsletter send [--dry-run] [--edition DATE]`` and ``dateline newsletter status``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dateline.newsletter import service
from dateline.newsletter.models import Delivery, Edition, Subscriber


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--edition wants a date like 2026-06-07, not {value!r}") from exc


class Command(BaseCommand):
    help = "Send the weekly newsletter now, or show where editions stand."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        send = sub.add_parser(
            "send", help="Send (or finish sending) an edition; never sends a message twice."
        )
        send.add_argument(
            "--dry-run", action="store_true", help="Count recipients and stories; send and write nothing."
        )
        send.add_argument(
            "--edition", type=_date, help="Edition date (YYYY-MM-DD); default: the one due now."
        )
        send.add_argument(
            "--no-resend-interrupted",
            action="store_true",
            help="At-most-once: mark messages interrupted mid-send as failed instead of resending them.",
        )
        status = sub.add_parser("status", help="Subscribers and the latest editions.")
        status.add_argument("--limit", type=int, default=5)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "send":
            self._send(options)
        else:
            self._status(options["limit"])

    def _send(self, options: dict[str, Any]) -> None:
        report = service.send_edition(
            options.get("edition"),
            dry_run=options["dry_run"],
            resend_interrupted=not options["no_resend_interrupted"],
        )
        if report.busy:
            raise CommandError(f"Edition {report.edition}: {report.note}; try again in a few minutes.")
        if report.dry_run:
            self.stdout.write(
                f"Edition {report.edition} (dry run): {report.stories} stories in the window, "
                f"{report.recipients} recipients, {report.skipped} of them with nothing to send."
            )
            return
        self.stdout.write(
            f"Edition {report.edition}: {report.sent} sent, {report.failed} failed, {report.bounced} refused, "
            f"{report.skipped} skipped; {'complete' if report.complete else 'not complete'}."
            + (f" {report.note}." if report.note else "")
        )

    def _status(self, limit: int) -> None:
        counts = {s: Subscriber.objects.filter(status=s).count() for s in Subscriber.Status.values}
        self.stdout.write("Subscribers: " + ", ".join(f"{n} {s}" for s, n in counts.items()))
        for edition in Edition.objects.order_by("-date")[:limit]:
            by_status = {
                s: Delivery.objects.filter(edition=edition, status=s).count() for s in Delivery.Status.values
            }
            self.stdout.write(
                f"{edition.date} {edition.status}: "
                + ", ".join(f"{n} {s}" for s, n in by_status.items() if n)
            )
