"""Pure presentation helpers: relative times, paragraphs, openings, keyset cursors, disclosure."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

__all__ = [
    "PAGE_LANGUAGE",
    "Cursor",
    "disclosure",
    "lang_attribute",
    "make_cursor",
    "opening",
    "paragraphs",
    "parse_cursor",
    "relative_time",
    "text_language",
]

# The language the site's own pages are written in (``<html lang>``).
PAGE_LANGUAGE = "en"

_UNITS = (
    (86400 * 365, "year"),
    (86400 * 30, "month"),
    (86400 * 7, "week"),
    (86400, "day"),
    (3600, "hour"),
    (60, "minute"),
)


def relative_time(when: dt.datetime, now: dt.datetime) -> str:
    """'just now', '5 minutes ago', '2 days ago'; a time ahead of ``now`` reads 'just now'."""
    seconds = (now - when).total_seconds()
    if seconds < 60:
        return "just now"
    for size, unit in _UNITS:
        if seconds >= size:
            n = int(seconds // size)
            return f"{n} {unit}{'' if n == 1 else 's'} ago"
    return "just now"  # pragma: no cover - the minute unit always matches above


def text_language(headline: str, summary: str, source_languages: Iterable[str]) -> str:
    """The language a story's headline and summary are written in: the site's own when every
    source is in it (or of unknown language); else as detected from the text, and failing that
    the sources' (a story with no English source is told in its sources' language)."""
    languages = list(source_languages)
    if all(code in ("", PAGE_LANGUAGE) for code in languages):
        return PAGE_LANGUAGE
    from dateline import language

    return language.detect(f"{headline}.\n{summary}") or language.story_language(languages) or PAGE_LANGUAGE


def lang_attribute(code: str) -> str:
    """`` lang="xx"`` for text in a language other than the page's; "" for the page's own."""
    if not code or code == PAGE_LANGUAGE or not re.fullmatch(r"[a-z]{2,3}", code):
        return ""
    return f' lang="{code}"'


def paragraphs(text: str) -> list[str]:
    """Split a summary into paragraphs on blank lines (single newlines inside one are spaces)."""
    parts = re.split(r"\n\s*\n", (text or "").strip())
    return [" ".join(p.split()) for p in parts if p.strip()]


def opening(text: str, limit: int = 220) -> str:
    """The first paragraph, cut at a word boundary to at most ``limit`` characters plus '…'."""
    paras = paragraphs(text)
    first = paras[0] if paras else ""
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


Cursor = tuple[dt.datetime, int]
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def make_cursor(when: dt.datetime, pk: int) -> str:
    """A keyset cursor: microseconds since the epoch, '_', the id."""
    return f"{(when - _EPOCH) // dt.timedelta(microseconds=1)}_{pk}"


def parse_cursor(value: str | None) -> Cursor | None:
    """The (time, id) of a cursor, or None when absent or malformed."""
    if not value:
        return None
    match = re.fullmatch(r"(\d{1,17})_(\d{1,18})", value.strip())
    if not match:
        return None
    try:
        when = _EPOCH + dt.timedelta(microseconds=int(match[1]))
    except OverflowError:
        return None
    return when, int(match[2])


def disclosure(writer: str, edited: bool) -> str:
    """Who produced a story's text, in a reader's words."""
    if (writer or "extractive").startswith("extractive") or writer == "held":
        text = (
            "This text was written by software: it is assembled from sentences of the source "
            "articles (extractive writer), not written by a person."
        )
    else:
        text = (
            f"This text was written by a language model ({writer}) and published only after every "
            "name, number and date in it was found in the sources."
        )
    if edited:
        text += " A Dateline editor has since edited it."
    return text
