"""Property tests: every parser of outside input gives its documented result or error, for any input.

Bounded for the everyday suite (profile ``dev``, the default); ``HYPOTHESIS_PROFILE=ci``
runs 5,000 examples per parser (see ``.ci/run``).
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.articles.dedupe import canonical_url
from dateline.articles.extract import _absolute
from dateline.newsletter.core import email_domain_problem
from dateline.sources.decide import parse_cache_max_age, parse_retry_after
from dateline.sources.feeds import FeedData, parse_feed, parse_sitemap, usable_url
from dateline.sources.netguard import check_addresses, split_host
from dateline.sources.opml import OpmlError, parse_opml
from dateline.sources.robots import parse_robots, rules_from_response

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile("dev", max_examples=120, deadline=None, suppress_health_check=_QUIET)
settings.register_profile("ci", max_examples=5000, deadline=None, suppress_health_check=_QUIET)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

NOW = datetime(2020, 3, 1, 12, tzinfo=UTC)

# Pieces that hostile inputs are made of: brackets, ports, odd digits, entities, schemes.
_PIECES = st.sampled_from(
    [
        "http://",
        "https://",
        "ftp://",
        "[",
        "]",
        "::1",
        ":99999",
        ":80",
        "?",
        "&",
        "=",
        "#",
        "%",
        "%zz",
        "/",
        "..",
        "example.com",
        "127.0.0.1",
        "xn--",
        "²",
        "١",
        "\x00",
        " ",
        "@",
        "utm_source=x",
        "1",
        "id=5",
        "\u202e",
        "а",
    ]
)
hostile_text = st.one_of(st.text(max_size=80), st.lists(_PIECES, max_size=12).map("".join))
urls = st.one_of(hostile_text, st.builds(lambda a, b: a + b, _PIECES, hostile_text))


def _check_feed(feed: FeedData) -> None:
    assert isinstance(feed, FeedData)
    for entry in feed.entries:
        assert isinstance(entry.guid, str) and isinstance(entry.title, str)
        assert isinstance(entry.summary, str) and isinstance(entry.content, str)
        assert entry.url is None or usable_url(entry.url)


@pytest.mark.hypothesis
@given(
    st.binary(max_size=2000), st.sampled_from([None, "application/rss+xml", "application/json", "text/html"])
)
def test_parse_feed_any_bytes(data: bytes, content_type: str | None) -> None:
    _check_feed(parse_feed(data, content_type=content_type, url="http://example.com/feed"))


@pytest.mark.hypothesis
@given(st.lists(st.tuples(hostile_text, urls, hostile_text), max_size=5), st.booleans())
def test_parse_feed_rss_and_atom_with_hostile_fields(items: list[tuple[str, str, str]], atom: bool) -> None:
    from xml.sax.saxutils import escape

    def x(text: str) -> str:
        return escape("".join(c for c in text if c.isprintable() or c in "\n\t"))

    if atom:
        body = "".join(
            f'<entry><title>{x(t)}</title><link href="{x(u)}"/><id>{x(u)}</id><content type="html">{x(c)}</content></entry>'
            for t, u, c in items
        )
        doc = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>{body}</feed>'
    else:
        body = "".join(
            f"<item><title>{x(t)}</title><link>{x(u)}</link><description>{x(c)}</description></item>"
            for t, u, c in items
        )
        doc = f'<rss version="2.0"><channel><title>F</title>{body}</channel></rss>'
    _check_feed(parse_feed(doc.encode(), url="http://example.com/feed"))


_json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), hostile_text, urls),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(hostile_text, inner, max_size=3)),
    max_leaves=12,
)
_item_keys = st.sampled_from(
    ["id", "url", "external_url", "title", "content_html", "content_text", "summary", "authors", "author"]
    + ["date_published", "date_modified"]
)


@pytest.mark.hypothesis
@given(
    st.lists(st.one_of(st.dictionaries(_item_keys, _json_values, max_size=6), _json_values), max_size=4),
    st.dictionaries(
        st.sampled_from(["title", "home_page_url", "feed_url", "authors", "version"]), _json_values
    ),
)
def test_parse_json_feed_any_values(items: list[object], top: dict[str, object]) -> None:
    doc = json.dumps({**top, "items": items}).encode()
    _check_feed(parse_feed(doc, content_type="application/feed+json", url="http://example.com/feed.json"))


@pytest.mark.hypothesis
@given(st.binary(max_size=1500))
def test_parse_opml_any_bytes(data: bytes) -> None:
    try:
        outlines = parse_opml(data)
    except OpmlError:
        return
    assert isinstance(outlines, list)


@pytest.mark.hypothesis
@given(st.lists(st.tuples(hostile_text, urls), max_size=5))
def test_parse_opml_hostile_outlines(pairs: list[tuple[str, str]]) -> None:
    from xml.sax.saxutils import quoteattr

    def clean(text: str) -> str:
        return "".join(c for c in text if c.isprintable())

    body = "".join(
        f'<outline type="rss" text={quoteattr(clean(t))} xmlUrl={quoteattr(clean(u))}/>' for t, u in pairs
    )
    try:
        parse_opml(f'<opml version="2.0"><body>{body}</body></opml>'.encode())
    except OpmlError:
        pass


@pytest.mark.hypothesis
@given(st.text(max_size=400), urls, st.text(max_size=30))
def test_robots_any_text(text: str, url: str, agent: str) -> None:
    rules = parse_robots(text)
    assert isinstance(rules.allows(url, agent), bool)
    delay = rules.crawl_delay(agent)
    assert delay is None or delay >= 0


@pytest.mark.hypothesis
@given(
    st.one_of(st.none(), st.integers(100, 599)), st.binary(max_size=400), st.one_of(st.none(), hostile_text)
)
def test_robots_from_any_response(status: int | None, body: bytes, error: str | None) -> None:
    rules = rules_from_response(status, body, error)
    assert isinstance(rules.allows("http://example.com/a", "Dateline"), bool)


@pytest.mark.hypothesis
@given(
    st.one_of(
        st.binary(max_size=1500),
        st.lists(st.tuples(urls, hostile_text), max_size=4).map(
            lambda pairs: (
                '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                + "".join(
                    f"<url><loc>{json.dumps(u)[1:-1].replace('<', '')}</loc><lastmod>{json.dumps(m)[1:-1].replace('<', '')}</lastmod></url>"
                    for u, m in pairs
                )
                + "</urlset>"
            ).encode()
        ),
    )
)
def test_parse_sitemap_any_bytes(data: bytes) -> None:
    for loc, lastmod in parse_sitemap(data):
        assert isinstance(loc, str) and loc
        assert lastmod is None or lastmod.tzinfo is not None


@pytest.mark.hypothesis
@given(
    st.one_of(st.none(), hostile_text, st.integers(0, 10**15).map(str)), st.one_of(st.none(), hostile_text)
)
def test_headers_retry_after_and_cache_control(value: str | None, cache_control: str | None) -> None:
    delay = parse_retry_after(value, NOW)
    assert delay is None or delay >= 0
    age = parse_cache_max_age(cache_control)
    assert age is None or age >= 0


@pytest.mark.hypothesis
@given(urls)
def test_urls_canonical_and_guard(url: str) -> None:
    key = canonical_url(url)
    assert isinstance(key, str)
    if key:
        assert key.startswith("https://") and usable_url(key), key
    split = split_host(url)
    assert isinstance(split, (str, tuple))
    if isinstance(split, tuple):
        scheme, host, port = split
        assert scheme in ("http", "https") and host and 0 <= port <= 65535
        assert check_addresses(host, [], allow_private=False) is not None  # nothing resolved: refused


@pytest.mark.hypothesis
@given(urls, st.one_of(st.none(), urls))
def test_canonical_links_never_raise(href: str, base: str | None) -> None:
    result = _absolute(href, base)
    assert result == "" or usable_url(result)


@pytest.mark.hypothesis
@given(st.builds(lambda a, b: f"{a}@{b}", hostile_text, hostile_text))
def test_email_domains(address: str) -> None:
    problem = email_domain_problem(address)
    assert problem is None or isinstance(problem, str)
