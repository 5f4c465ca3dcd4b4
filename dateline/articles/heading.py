"""A page's own headline (pure): its ``og:title``, else its first ``h1``."""

from __future__ import annotations

import html
import re

__all__ = ["page_heading"]

# Read with patterns rather than a whole parse: a story is rewritten often, and only these two
# elements matter. Attributes in either order and either quote.
_META = re.compile(r"<meta\b[^>]*>", re.I)
_KEY = re.compile(r"""\b(?:property|name)\s*=\s*["']?\s*(og:title|twitter:title)\s*["'\s>/]""", re.I)
_CONTENT = re.compile(r"""\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I | re.S)
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")
_HIDDEN = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def page_heading(page: str) -> str:
    """The headline a page gives itself: ``og:title`` (or ``twitter:title``), else the text of its
    first ``h1``; "" when it has none."""
    if not page:
        return ""
    for meta in _META.finditer(page):
        tag = meta.group(0)
        if _KEY.search(tag) and (content := _CONTENT.search(tag)):
            text = _text(content.group(1) if content.group(1) is not None else content.group(2))
            if text:
                return text[:500]
    for h1 in _H1.finditer(_HIDDEN.sub(" ", page)):
        text = _text(h1.group(1))
        if text:
            return text[:500]
    return ""
