"""The CPU-bound work on one fetched page, run in a worker process: extract, fingerprint, pack.

Free of Django so worker processes start fast and import little.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from dateline.articles import dedupe
from dateline.articles.extract import Extracted, extract
from dateline.language import article_language


@dataclass(frozen=True)
class ProcessedPage:
    """A page's extraction, the SimHash of its text (0: too short to tell) and its packed bytes."""

    found: Extracted
    fingerprint: int
    packed: bytes
    language: str = ""  # of the page's title and text, detected here in the worker


def process_page(
    body: bytes, url: str | None, content_type: str | None, x_robots_tag: str | None
) -> ProcessedPage:
    """Extract a page, fingerprint its text, detect its language and compress its raw bytes."""
    found = extract(body, url, content_type=content_type, x_robots_tag=x_robots_tag)
    fp = dedupe.fingerprint(found.text) if found.text else 0
    language = article_language(found.title, found.text, found.language) if found.text else ""
    return ProcessedPage(found=found, fingerprint=fp, packed=zlib.compress(body, 6), language=language)
