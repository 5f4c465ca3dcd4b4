"""Feed parsing: bytes in, :class:`FeedData` out. Pure: no network, never raises on bad input.

RSS 0.9x/1.0/2.0 and Atom go through feedparser; JSON Feed is read by hand. Before any
XML parser sees the bytes they are checked for entity declarations (billion laughs, XXE)
and re-encoded to UTF-8 after working out the real charset, since feeds often lie about it.
A malformed feed is read as far as possible and ``problem`` says what was wrong.
"""

from __future__ import annotations

import calendar
import codecs
import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import defusedxml.ElementTree as SafeET
import feedparser

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EntryData:
    """One item of a feed. ``title``/``author`` are plain text; ``summary``/``content`` may be HTML."""

    guid: str
    url: str | None
    title: str
    summary: str
    content: str
    published: datetime | None
    author: str | None


@dataclass(frozen=True)
class FeedData:
    """A parsed feed. ``problem`` is None for a clean feed, else what went wrong, in words."""

    title: str
    link: str | None
    entries: list[EntryData] = field(default_factory=list)
    problem: str | None = None


# -- plain text ---------------------------------------------------------------------------


class _TextOnly(HTMLParser):
    """Collects text, dropping tags and the contents of script/style."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def plain_text(value: str | None) -> str:
    """Strip tags (and script/style contents), unescape entities once, collapse spaces."""
    if not value:
        return ""
    if "<" not in value and "&" not in value:
        return " ".join(value.split())
    parser = _TextOnly()
    parser.feed(value)
    parser.close()
    return " ".join("".join(parser.parts).split())


def _detail_text(value: Any, detail: Any, *, typed: bool) -> str:
    """Plain text of a feedparser text construct.

    ``typed`` formats (Atom) say whether a title is text or HTML, and text is literal:
    unescaping it again would corrupt "&amp;". RSS does not say, feedparser's guess is
    unreliable, and in practice RSS titles are escaped HTML: strip tags, unescape once.
    Tags are stripped in every case, so a script can only come out as inert text.
    """
    if not value:
        return ""
    if typed and (detail or {}).get("type") == "text/plain":
        return plain_text(str(value).replace("&", "&amp;"))
    return plain_text(str(value))


# -- safety and charset -------------------------------------------------------------------

_ENTITY_DECL = re.compile(rb"<!ENTITY\s+(%\s*)?[^\s>]+\s*(SYSTEM|PUBLIC)?", re.IGNORECASE)
_XML_DECL = re.compile(rb"^(\s*<\?xml[^>]*?encoding\s*=\s*[\"'])([A-Za-z0-9._:-]+)([\"'])", re.IGNORECASE)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _bom_or_wide(data: bytes) -> tuple[str, int] | None:
    """Encoding (and BOM length) when a BOM or a UTF-16/32 null pattern gives it away."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    head = data[:4]
    for pattern, name in (
        (b"<\0\0\0", "utf-32-le"),
        (b"\0\0\0<", "utf-32-be"),
        (b"<\0?\0", "utf-16-le"),
        (b"\0<\0?", "utf-16-be"),
    ):
        if head == pattern:
            return name, 0
    return None


def entity_problem(text: bytes) -> str | None:
    """Why an XML document must not be parsed, or None: any entity declaration is refused.

    Internal entities enable exponential expansion ("billion laughs"); external ones read
    local files or internal URLs (XXE). Real feeds do not need either.
    """
    match = _ENTITY_DECL.search(text)
    if match is None:
        return None
    if match.group(2) or match.group(1):
        return "refused: the feed declares an external entity (XXE attack); nothing was parsed"
    return "refused: the feed declares XML entities (entity-expansion attack); nothing was parsed"


def _declared_encoding(data: bytes) -> str | None:
    match = _XML_DECL.match(data)
    if match is None:
        return None
    try:
        return codecs.lookup(match.group(2).decode("ascii")).name
    except LookupError:
        return None


def _header_charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*\"?([A-Za-z0-9._:-]+)", content_type, re.IGNORECASE)
    if match is None:
        return None
    try:
        return codecs.lookup(match.group(1)).name
    except LookupError:
        return None


def decode_xml(data: bytes, content_type: str | None = None) -> str:
    """Decode a feed to text, trusting the bytes over what the feed or server claims.

    BOM / UTF-16 first; then valid UTF-8 wins (a non-ASCII document that happens to be
    valid UTF-8 is UTF-8 whatever it declares); then the XML declaration, then the HTTP
    charset, then cp1252 (what "no declaration, not UTF-8" almost always means).
    """
    wide = _bom_or_wide(data)
    if wide is not None:
        return data[wide[1] :].decode(wide[0], errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for candidate in (_declared_encoding(data), _header_charset(content_type)):
        if candidate and candidate not in ("utf-8", "ascii"):
            try:
                text = data.decode(candidate)
            except UnicodeDecodeError:
                continue
            # iso-8859-1 decodes anything; prefer cp1252 so 0x80-0x9f become “ ” – € etc.
            if candidate == "latin-1" or candidate == "iso8859-1":
                return data.decode("cp1252", errors="replace")
            return text
    return data.decode("cp1252", errors="replace")


def _as_utf8(text: str) -> bytes:
    """Re-encode decoded XML as UTF-8, with the declaration saying so."""
    data = text.encode("utf-8")
    match = _XML_DECL.match(data)
    if match is not None:
        data = match.group(1) + b"utf-8" + match.group(3) + data[match.end() :]
    return data


# -- dates and ids ------------------------------------------------------------------------


def _struct_to_utc(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    except (OverflowError, ValueError, TypeError):
        return None


def _iso_to_utc(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC)


def _fallback_guid(*parts: str | None) -> str:
    digest = hashlib.sha256("\x1f".join(p or "" for p in parts).encode()).hexdigest()[:24]
    return f"sha256:{digest}"


def usable_url(url: str) -> bool:
    """True for an absolute http(s) URL whose host and port parse (``[::1``, ``:99999`` do not)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port out of range
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _resolve(base: str | None, href: Any) -> str | None:
    """``href`` made absolute against ``base``; None when it is not a usable http(s) URL."""
    if not isinstance(href, str) or not href.strip():
        return None
    href = href.strip()
    try:
        url = urljoin(base, href) if base else href
    except ValueError:
        return None
    return url if usable_url(url) else None


# -- parsers ------------------------------------------------------------------------------


def _looks_json(data: bytes, content_type: str | None) -> bool:
    if content_type and "json" in content_type.lower():
        return True
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def _parse_json_feed(data: bytes, base_url: str | None) -> FeedData:
    try:
        doc = json.loads(data.decode("utf-8-sig", errors="replace"))
    except ValueError as exc:
        return FeedData("", None, [], f"not a valid JSON Feed: {exc}")
    if not isinstance(doc, dict) or not isinstance(doc.get("items"), list):
        return FeedData("", None, [], "not a JSON Feed: no 'items' list")
    problem = None
    version = doc.get("version")
    if not (isinstance(version, str) and version.startswith("https://jsonfeed.org/version/")):
        problem = "JSON Feed without a jsonfeed.org version; read anyway"
    base = _resolve(base_url, doc.get("feed_url")) or base_url
    entries = []
    skipped = 0
    for item in doc["items"]:
        if not isinstance(item, dict):
            skipped += 1
            continue
        url = _resolve(base, item.get("url")) or _resolve(base, item.get("external_url"))
        authors = _json_list(item.get("authors")) or _json_list(doc.get("authors"))
        author = item.get("author") or doc.get("author")  # JSON Feed 1.0
        names = [n for a in authors if isinstance(a, dict) and (n := _json_text(a.get("name")))]
        if not names and isinstance(author, dict) and (name := _json_text(author.get("name"))):
            names = [name]
        content = _json_text(item.get("content_html")) or _json_text(item.get("content_text"))
        title = plain_text(_json_text(item.get("title")))
        published = _iso_to_utc(item.get("date_published")) or _iso_to_utc(item.get("date_modified"))
        guid = _json_text(item.get("id")) or url or _fallback_guid(title, content)
        entries.append(
            EntryData(
                guid=guid,
                url=url,
                title=title,
                summary=_json_text(item.get("summary")),
                content=content,
                published=published,
                author=plain_text(", ".join(names)) or None,
            )
        )
    if skipped:
        problem = _join(problem, f"{skipped} item(s) skipped: not JSON objects")
    link = _resolve(base, doc.get("home_page_url"))
    return FeedData(plain_text(_json_text(doc.get("title"))), link, entries, problem)


def _json_text(value: Any) -> str:
    """A JSON Feed string field; numbers are taken as text, anything else (lists, null) as empty."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


def _json_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _join(problem: str | None, more: str) -> str:
    return f"{problem}; {more}" if problem else more


def _bozo_message(exc: BaseException | None) -> str:
    if exc is None:
        return "the feed is malformed"
    line = getattr(exc, "getLineNumber", None)
    where = f" (line {line()})" if callable(line) else ""
    text = getattr(exc, "getMessage", None)
    message = text() if callable(text) else str(exc)
    return f"the feed is not well-formed XML{where}: {message}"


def _entry_content(entry: Any) -> str:
    contents = entry.get("content") or []
    for wanted in ("text/html", "application/xhtml+xml"):
        for item in contents:
            if item.get("type") == wanted and item.get("value"):
                return str(item["value"])
    return str(contents[0].get("value", "")) if contents else ""


def _entry_url(entry: Any, base: str | None) -> str | None:
    for link in entry.get("links") or []:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return _resolve(base, link["href"])
    return _resolve(base, entry.get("link"))


def _parse_xml_feed(data: bytes, content_type: str | None, base_url: str | None) -> FeedData:
    text = decode_xml(data, content_type)
    # Checked on the decoded text, so a UTF-16 document cannot hide its declarations.
    danger = entity_problem(text.encode("utf-8"))
    if danger:
        return FeedData("", None, [], danger)
    headers = {"content-type": "application/xml; charset=utf-8"}
    if base_url:
        headers["content-location"] = base_url
    parsed = feedparser.parse(
        _as_utf8(text), response_headers=headers, sanitize_html=True, resolve_relative_uris=True
    )
    feed = parsed.get("feed", {})
    typed = str(parsed.get("version", "")).startswith("atom")
    base = base_url
    entries = []
    skipped: list[str] = []
    for entry in parsed.get("entries", []):
        try:
            item = _xml_entry(entry, base, typed)
        except Exception as err:  # one odd item never costs the rest of the feed
            log.warning("feed %s: item skipped: %s: %s", base_url, type(err).__name__, err, exc_info=True)
            skipped.append(f"{type(err).__name__}: {err}")
            continue
        if item is not None:
            entries.append(item)
    problem = None
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        if not isinstance(exc, feedparser.CharacterEncodingOverride):
            problem = _bozo_message(exc)
            problem += (
                f"; read as far as possible ({len(entries)} {'entry' if len(entries) == 1 else 'entries'})"
            )
    if skipped:
        problem = _join(problem, f"{len(skipped)} item(s) skipped ({skipped[0]})")
    if not entries and not feed.get("title") and parsed.get("version", "") == "":
        problem = problem or NOT_A_FEED
    link = _resolve(base, feed.get("link"))
    return FeedData(
        _detail_text(feed.get("title"), feed.get("title_detail"), typed=typed), link, entries, problem
    )


def _xml_entry(entry: Any, base: str | None, typed: bool) -> EntryData | None:
    url = _entry_url(entry, base)
    title = _detail_text(entry.get("title"), entry.get("title_detail"), typed=typed)
    summary = str(entry.get("summary") or "")
    content = _entry_content(entry)
    published = _struct_to_utc(entry.get("published_parsed")) or _struct_to_utc(entry.get("updated_parsed"))
    if not (title or url or summary or content):
        return None  # debris of a broken item, e.g. after a recovering parser lost its tags
    detail = entry.get("author_detail") or {}
    author = plain_text(detail.get("name") or entry.get("author")) or None
    guid = entry.get("id") or url or _fallback_guid(title, summary, str(published))
    return EntryData(str(guid), url, title, summary, content, published, author)


#: ``problem`` of a document that holds no feed at all.
NOT_A_FEED = "not a feed: no RSS, Atom or JSON Feed found"


def parse_feed(data: bytes, *, content_type: str | None = None, url: str | None = None) -> FeedData:
    """Parse a feed's bytes. ``url`` is the feed's (final) URL, for resolving relative links.

    Never raises on bad input: a broken or hostile feed comes back with ``problem`` set, an
    item that cannot be read is skipped (and counted in ``problem``), and entry URLs are
    absolute http(s) URLs that parse, or None.
    """
    if not data or not data.strip():
        return FeedData("", None, [], "empty feed: no bytes to parse")
    try:
        if _looks_json(data, content_type):
            return _parse_json_feed(data, url)
        return _parse_xml_feed(data, content_type, url)
    except Exception as exc:  # a parser bug: this feed fails with a reason, the ingest goes on
        log.exception("feed %s could not be parsed", url)
        return FeedData("", None, [], f"could not parse the feed: {type(exc).__name__}: {exc}")


def is_unusable(feed: FeedData) -> bool:
    """True when a parsed feed counts as a failed fetch: a problem and not one entry to show for it."""
    return bool(feed.problem) and not feed.entries


# -- discovery and sitemaps ---------------------------------------------------------------

FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+json",
        "application/json",
        "application/rdf+xml",
    }
)


class _LinkFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k.lower(): (v or "") for k, v in attrs}
        if tag == "base" and attr.get("href") and self.base is None:
            self.base = attr["href"]
        if tag not in ("link", "a"):
            return
        rels = attr.get("rel", "").lower().split()
        kind = attr.get("type", "").lower().split(";")[0].strip()
        if "alternate" in rels and kind in FEED_TYPES and attr.get("href"):
            self.found.append(attr["href"])


def discover_feeds(html: str, base_url: str) -> list[str]:
    """Feed URLs a page announces with ``<link rel="alternate" type="…rss/atom/json…">``."""
    finder = _LinkFinder()
    finder.feed(html)
    finder.close()
    base = urljoin(base_url, finder.base) if finder.base else base_url
    seen: dict[str, None] = {}
    for href in finder.found:
        resolved = urljoin(base, href.strip())
        if resolved.startswith(("http://", "https://")):
            seen.setdefault(resolved, None)
    return list(seen)


def parse_sitemap(data: bytes) -> list[tuple[str, datetime | None]]:
    """``(url, lastmod)`` pairs of a sitemap (or the child sitemaps of a sitemap index).

    Unsafe or malformed XML gives an empty list.
    """
    try:
        root = SafeET.fromstring(data)
    except Exception:  # defusedxml's refusals and ParseError alike: nothing usable
        return []
    pairs = []
    for node in root:
        tag = node.tag.rsplit("}", 1)[-1]
        if tag not in ("url", "sitemap"):
            continue
        loc = lastmod = None
        for child in node:
            name = child.tag.rsplit("}", 1)[-1]
            if name == "loc":
                loc = (child.text or "").strip()
            elif name == "lastmod":
                lastmod = (
                    _iso_to_utc(child.text) if child.text and "T" in child.text else _date_only(child.text)
                )
        if loc:
            pairs.append((loc, lastmod))
    return pairs


def _date_only(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip()[:10]).replace(tzinfo=UTC)
    except ValueError:
        return None
