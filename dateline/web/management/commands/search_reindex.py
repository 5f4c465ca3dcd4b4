"""Rebuild the full-text index of stories (SQLite) and invalidate the page cache."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from dateline.web import cache, search


class Command(BaseCommand):
    help = "Rebuild the full-text search index of published stories."

    def handle(self, *args: Any, **options: Any) -> None:
        count = search.rebuild_index()
        cache.invalidate()
        self.stdout.write(f"indexed {count} stories")
