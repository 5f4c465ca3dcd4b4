"""``dateline extract FILE_OR_URL``: print what extraction finds in a page, as JSON."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dateline.articles.extract import extract


class Command(BaseCommand):
    help = "Extract the main text and metadata of an article page (a file or a URL) and print it as JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("location", help="HTML file path or http(s) URL")

    def handle(self, *args: Any, **options: Any) -> None:
        location: str = options["location"]
        content_type = x_robots = None
        url: str | None = None
        if location.startswith(("http://", "https://")):
            from dateline.pipeline.ingest import PAGE_ACCEPT, fetch_settings
            from dateline.sources.fetch import Fetcher

            async def get():  # type: ignore[no-untyped-def]
                async with Fetcher(fetch_settings()) as fetcher:
                    return await fetcher.fetch(location, accept=PAGE_ACCEPT)

            result = asyncio.run(get())
            if not result.ok:
                raise CommandError(f"{location}: {result.error or f'HTTP {result.status}'}")
            body, url = result.body, result.final_url
            content_type, x_robots = result.content_type, result.headers.get("x-robots-tag")
        else:
            path = Path(location)
            if not path.is_file():
                raise CommandError(f"{location}: no such file")
            body = path.read_bytes()
            if path.suffix == ".gz":
                import gzip

                body = gzip.decompress(body)
        found = extract(body, url, content_type=content_type, x_robots_tag=x_robots)
        data = dataclasses.asdict(found)
        if found.published is not None:
            data["published"] = found.published.isoformat()
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
