"""A page's own headline (pure): its ``og:title``, else its first ``h1``."""

from __future__ import annotations

from typing import Any

__all__ = ["page_heading"]


def page_heading(html: str) -> str:
    """The headline a page gives itself: ``og:title`` (or ``twitter:title``), else the text of its
    first ``h1``; "" when it has none or cannot be read."""
    if not html:
        return ""
    try:
        import lxml.html

        tree: Any = lxml.html.document_fromstring(html)
    except Exception:  # an unreadable page has no heading
        return ""
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or "").strip().lower()
        content = " ".join((el.get("content") or "").split())
        if key in ("og:title", "twitter:title") and content:
            return content[:500]
    for el in tree.iter("h1"):
        text = " ".join(el.text_content().split())
        if text:
            return text[:500]
    return ""
