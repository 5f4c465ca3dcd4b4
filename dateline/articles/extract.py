"""Article extraction: main text and metadata from an article page's bytes.

A pure core (no network, no database). :func:`extract` never raises: hostile or broken input
yields an :class:`Extracted` with empty text and an ``error`` string.

Main text comes from trafilatura's precision-oriented mode, rendered to plain text by
:func:`_render` (paragraphs separated by blank lines, list items and table rows one per line,
cells joined by spaces; no Markdown markers). When the precision mode keeps almost nothing, the
recall-oriented mode is tried as well, because the precision mode sometimes prunes a whole
article whose container looks like boilerplate.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from dateline.articles import images
from dateline.articles.heading import page_heading
from dateline.text import without_author_box

__all__ = ["MAX_HTML_BYTES", "Extracted", "decode_html", "extract", "parse_robots"]

#: Work cap: bytes beyond this are ignored (real article pages are far smaller).
MAX_HTML_BYTES = 5 * 1024 * 1024
#: Below this many words the precision pass's text is checked against the recall pass.
_SHORT_WORDS = 200

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]{0,400}?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
# WHATWG: these labels mean windows-1252 on the web; cp1252 decodes their bytes correctly.
_LATIN_GUESSES = {
    "cp1250",
    "cp1252",
    "cp1254",
    "cp1257",
    "iso8859-2",
    "iso8859-9",
    "iso8859-13",
    "mac-roman",
    "mac-latin2",
}
_AS_CP1252 = {"ascii", "latin-1", "iso8859-1", "iso8859-15", "cp1252"}


@dataclass(frozen=True)
class Extracted:
    """What one article page yields. ``text`` is plain text, paragraphs separated by blank lines."""

    title: str
    text: str
    published: dt.datetime | None
    author: str
    language: str
    canonical_url: str
    image: str
    nosnippet: bool
    max_snippet: int | None
    noindex: bool
    error: str = ""
    heading: str = ""  # the page's own headline (og:title, else h1), which may differ from ``title``


def _codec(label: str | None) -> str | None:
    """Python codec name for a charset label, or None if unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'").lower()).name
    except LookupError:
        return None
    return "cp1252" if name in _AS_CP1252 else name


def _strict(data: bytes, codec: str) -> str | None:
    """Decode strictly, tolerating a multi-byte sequence cut by the size cap at the very end."""
    try:
        return codecs.getincrementaldecoder(codec)("strict").decode(data, final=False)
    except (UnicodeDecodeError, LookupError, ValueError):
        return None


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Decode an HTML page's bytes, never raising.

    Order: byte-order mark; a UTF-16/32 declaration; strict UTF-8 (valid UTF-8 with non-ASCII
    bytes is almost never another charset, so it beats a wrong declaration); the HTTP charset,
    then the ``<meta>`` charset, each only if it decodes strictly; ``charset_normalizer``'s
    guess; finally cp1252 with replacement characters.
    """
    data = body[:MAX_HTML_BYTES]
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace")
    declared: list[str] = []
    if content_type and (m := _HEADER_CHARSET.search(content_type)):
        declared.append(m.group(1))
    if m2 := _META_CHARSET.search(data[:4096]):
        declared.append(m2.group(1).decode("ascii", "ignore"))
    codecs_declared = [c for c in (_codec(d) for d in declared) if c]
    for codec in codecs_declared:
        if codec.startswith(("utf-16", "utf-32")) and (text := _strict(data, codec)) is not None:
            return text
    if (text := _strict(data, "utf-8")) is not None:
        return text
    for codec in codecs_declared:
        if not codec.startswith(("utf-8", "utf-16", "utf-32")) and (text := _strict(data, codec)):
            return text
    try:
        import charset_normalizer

        best = charset_normalizer.from_bytes(data[:200_000]).best()
        guess = _codec(best.encoding) if best is not None else None
        # Latin-script guesses are unreliable on little text; cp1252 is the web's usual one.
        if guess and guess not in _LATIN_GUESSES and (text := _strict(data, guess)) is not None:
            return text
    except Exception:  # noqa: BLE001 - detection is best effort
        pass
    return data.decode("cp1252", errors="replace")


def parse_robots(values: list[str]) -> tuple[bool, bool, int | None]:
    """Parse robots directives (meta contents / X-Robots-Tag values) into
    ``(noindex, nosnippet, max_snippet)``; the most restrictive directive wins.

    An X-Robots-Tag value may name a user agent (``googlebot: noindex``); such directives are
    honoured whatever the agent, erring on the publisher's side.
    """
    noindex = nosnippet = False
    max_snippet: int | None = None
    for value in values:
        for raw in value.split(","):
            token = raw.strip().lower()
            if ":" in token:
                head, _, rest = token.partition(":")
                if head.strip() not in {
                    "max-snippet",
                    "max-image-preview",
                    "max-video-preview",
                    "unavailable_after",
                }:
                    token = rest.strip()  # drop a user-agent prefix
            token = token.replace(" ", "")
            if token in {"noindex", "none"}:
                noindex = True
            elif token == "nosnippet":
                nosnippet = True
            elif token.startswith("max-snippet:"):
                try:
                    n = int(token.split(":", 1)[1])
                except ValueError:
                    continue
                if n == 0:
                    nosnippet = True
                if n >= 0:
                    max_snippet = n if max_snippet is None else min(max_snippet, n)
    return noindex, nosnippet, max_snippet


def _meta(tree: Any) -> dict[str, str]:
    """First content of each ``<meta name|property|itemprop>`` (lower-cased key)."""
    found: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv")
        content = el.get("content")
        if key and content is not None:
            found.setdefault(key.strip().lower(), content.strip())
    return found


def _robots_values(tree: Any) -> list[str]:
    return [
        el.get("content") or ""
        for el in tree.iter("meta")
        if (el.get("name") or "").strip().lower() in {"robots", "googlebot"}
    ]


def _absolute(href: str, base: str | None) -> str:
    href = (href or "").strip()
    if not href:
        return ""
    try:
        full = urljoin(base, href) if base else href
        parts = urlsplit(full)
        parts.port  # noqa: B018 - raises ValueError on a port out of range
    except ValueError:  # "http://[x", ":99999": garbage in a link costs the link, not the page
        return ""
    return full if parts.scheme in {"http", "https"} and parts.hostname else ""


def _canonical(tree: Any, meta: dict[str, str], url: str | None) -> str:
    for el in tree.iter("link"):
        if "canonical" in (el.get("rel") or "").lower().split() and (href := _absolute(el.get("href"), url)):
            return href
    return _absolute(meta.get("og:url", ""), url)


def _language(tree: Any, meta: dict[str, str]) -> str:
    candidates = [tree.get("lang"), tree.get("xml:lang"), meta.get("content-language"), meta.get("og:locale")]
    for c in candidates:
        if c and (m := re.match(r"\s*([A-Za-z]{2,3})(?:[-_]|\s|$)", c)):
            return m.group(1).lower()
    return ""


def _parse_time(value: str | None) -> dt.datetime | None:
    """Parse an ISO-like date or time into aware UTC; a naive value is taken as UTC."""
    if not value:
        return None
    value = value.strip()
    m = re.match(
        r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?",
        value,
    )
    if not m:
        return None
    y, mo, d, h, mi, s, tz = m.groups()
    try:
        when = dt.datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0))
    except ValueError:
        return None
    offset = dt.timedelta()
    if tz and tz != "Z":
        sign = -1 if tz[0] == "-" else 1
        digits = tz[1:].replace(":", "")
        offset = sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:4]))
    if not 1990 <= when.year <= 2100:
        return None
    return (when - offset).replace(tzinfo=dt.UTC)


def _jsonld_dates(tree: Any) -> list[str]:
    out: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("datePublished"), str):
                out.append(node["datePublished"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    for el in tree.iter("script"):
        if (el.get("type") or "").lower() == "application/ld+json" and el.text:
            try:
                walk(json.loads(el.text))
            except (ValueError, RecursionError):
                continue
    return out


def _published(tree: Any, meta: dict[str, str], fallback: str | None) -> dt.datetime | None:
    """Publication time: page metadata first (it carries the time of day), then trafilatura's date."""
    candidates = [
        meta.get("article:published_time"),
        meta.get("og:published_time"),
        meta.get("datepublished"),
        *_jsonld_dates(tree),
        meta.get("originalpublicationdate"),
        meta.get("pubdate"),
        meta.get("publishdate"),
        meta.get("dc.date.issued"),
        meta.get("dc.date"),
        meta.get("date"),
    ]
    candidates += [el.get("datetime") for el in tree.iter("time")][:1]
    for c in candidates:
        if (when := _parse_time(c)) is not None:
            return when
    if fallback and (m := re.match(r"(\d{4})/(\d{2})/(\d{2})\s+(\d{2}):(\d{2}):(\d{2})", fallback)):
        # legacy "OriginalPublicationDate" style
        return _parse_time("{}-{}-{}T{}:{}:{}".format(*m.groups()))
    return _parse_time(fallback)


_BLOCKS = {"p", "head", "list", "table", "quote", "code", "div"}


def _inline(el: Any) -> str:
    parts = [el.text or ""]
    for child in el:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag in _BLOCKS:
            parts.append("\n" + _block(child) + "\n")
        else:
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _block(el: Any) -> str:
    if el.tag == "table":
        return "\n".join(_block(row) for row in el.iter("row"))
    if el.tag == "row":
        return " ".join(" ".join(_inline(c).split()) for c in el if c.tag == "cell")
    if el.tag == "list":
        return "\n".join(
            _block(i) if i.tag == "item" else _inline(i) for i in el if i.tag in {"item", "head"}
        )
    return _inline(el)


def _render(body: Any) -> str:
    """Plain text of trafilatura's XML body: blocks separated by blank lines."""
    out = []
    for el in body:
        lines = (" ".join(line.split()) for line in _block(el).split("\n"))
        if text := "\n".join(line for line in lines if line):
            out.append(text)
    return "\n\n".join(out)


def _main_text(html: str, url: str | None) -> tuple[str, Any]:
    import trafilatura

    common: dict[str, Any] = {
        "url": url,
        "include_comments": False,
        "include_tables": True,
        "with_metadata": True,
    }
    doc: Any = trafilatura.bare_extraction(html, favor_precision=True, **common)
    text = _render(doc.body) if doc is not None and doc.body is not None else ""
    if len(text.split()) < _SHORT_WORDS:
        alt: Any = trafilatura.bare_extraction(html, favor_recall=True, **common)
        alt_text = _render(alt.body) if alt is not None and alt.body is not None else ""
        n, n_alt = len(text.split()), len(alt_text.split())
        # Only a much longer recall text means the precision pass lost the article; a modestly
        # longer one is usually the same short article plus page chrome.
        if n_alt > 3 * n and n_alt - n >= 100:
            return alt_text, alt
    return text, doc


def _lead_image(tree: Any, meta: dict[str, str], url: str | None, doc: Any) -> str:
    """The lead image's URL: the page's first named picture that is not a logo (see
    :mod:`dateline.articles.images`)."""
    main = (getattr(doc, "image", None) or "") if doc is not None else ""
    lead = images.choose(images.candidates(tree, meta, url, main))
    return lead.url if lead is not None else ""


def _failed(error: str) -> Extracted:
    return Extracted("", "", None, "", "", "", "", False, None, False, error)


def extract(
    body: bytes | str,
    url: str | None = None,
    *,
    content_type: str | None = None,
    x_robots_tag: str | None = None,
) -> Extracted:
    """Extract main text and metadata from an article page; never raises.

    ``url`` is the page's address (makes canonical and image URLs absolute); ``content_type`` the
    HTTP header (its charset is a decoding hint); ``x_robots_tag`` the X-Robots-Tag header value.
    """
    try:
        return _extract(body, url, content_type, x_robots_tag)
    except Exception as exc:  # noqa: BLE001 - hostile input must not break the pipeline
        return _failed(f"{type(exc).__name__}: {exc}"[:300])


def _extract(
    body: bytes | str, url: str | None, content_type: str | None, x_robots_tag: str | None
) -> Extracted:
    html = decode_html(body, content_type) if isinstance(body, bytes) else body[:MAX_HTML_BYTES]
    html = html.replace("\x00", "")
    if not html.strip():
        return _failed("empty document")
    # lxml refuses str input that carries an XML encoding declaration.
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        return _failed(f"unparseable HTML: {exc}"[:300])
    meta = _meta(tree)
    robots = _robots_values(tree) + ([x_robots_tag] if x_robots_tag else [])
    noindex, nosnippet, max_snippet = parse_robots(robots)
    text, doc = _main_text(html, url)
    text = without_author_box(text)  # the writer's biography names places the report is not about
    title = (doc.title if doc is not None else None) or meta.get("og:title") or ""
    if not title and (t := tree.find(".//title")) is not None:
        title = t.text_content()
    return Extracted(
        title=" ".join(title.split()),
        text=text,
        published=_published(tree, meta, doc.date if doc is not None else None),
        author=" ".join(((doc.author if doc is not None else None) or meta.get("author", "")).split()),
        language=_language(tree, meta) or ((doc.language or "") if doc is not None else ""),
        canonical_url=_canonical(tree, meta, url),
        image=_lead_image(tree, meta, url, doc),
        nosnippet=nosnippet,
        max_snippet=max_snippet,
        noindex=noindex,
        error="" if text else "no main text found",
        heading=page_heading(html),
    )
