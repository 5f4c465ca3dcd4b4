"""Imported by the extraction processes' forkserver: do the extraction path's one-time work there.

The first page a fresh process extracts costs over half a second of CPU more than the next:
the language model is unpacked, trafilatura's stop lists and patterns are loaded, lxml and
the date parsers set themselves up. Done once here, in the forkserver, every extraction
process forked from it starts warm and shares those pages with its siblings, instead of
paying that cost again each time a process is replaced (a task worker replaces its
extraction process every few dozen pages). A single ``dateline run`` keeps its few
extraction processes for the whole run, so it does without: each warms up once.

Free of Django, like the rest of what the extraction processes import.
"""

from __future__ import annotations

from dateline.articles.page import process_page
from dateline.sources.feeds import parse_feed

_PARAGRAPH = (
    "The minister said on Tuesday that the talks in the capital would resume next week, after "
    "both delegations had returned home to consult their governments about the proposals. "
)
_PAGE = (
    "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Talks resume</title>"
    "<meta property='og:title' content='Talks resume'>"
    "<meta property='article:published_time' content='2024-05-01T10:00:00Z'>"
    "<link rel='canonical' href='https://example.org/news/talks-resume'></head><body>"
    "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>Talks resume</h1>"
    + "".join(f"<p>{_PARAGRAPH * 2}</p>" for _ in range(4))
    + "<figure><img src='/pictures/talks.jpg' alt='The delegations'></figure></article>"
    "<footer>© Example</footer></body></html>"
).encode()
_FEED = (
    b"<?xml version='1.0'?><rss version='2.0'><channel><title>Example</title>"
    b"<item><title>Talks resume</title><link>https://example.org/news/talks-resume</link>"
    b"<pubDate>Wed, 01 May 2024 10:00:00 GMT</pubDate><description>Talks.</description></item>"
    b"</channel></rss>"
)


def warm_up() -> None:
    """One small feed and one article page through the extraction path (results discarded)."""
    parse_feed(_FEED, content_type="application/rss+xml", url="https://example.org/feed")
    # A short page, then a page too short for the precision pass: both of trafilatura's
    # passes, and its fallback extractors, are loaded.
    process_page(_PAGE, "https://example.org/news/talks-resume", "text/html; charset=utf-8", None)
    process_page(
        _PAGE.replace(_PARAGRAPH.encode() * 2, b"Short."), "https://example.org/a", "text/html", None
    )


try:
    warm_up()
except Exception:  # noqa: BLE001 - a forkserver must start whatever happens; the pages pay instead
    pass
