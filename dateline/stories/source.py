"""One source article of a story, as the writer and the editorial check read it (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class SourceText:
    """One source article of an event. ``quotable=False`` (robots ``nosnippet``): never quoted.
    ``language``: its ISO 639-1 code ("" when unknown: the writer then detects it).
    ``heading``: the page's own headline (``og:title``, else its ``h1``), "" when unknown."""

    outlet: str
    title: str
    text: str
    published: datetime | None = None
    url: str = ""
    quotable: bool = True
    language: str = ""
    heading: str = ""  # the page's own heading (og:title, h1) when it has one
