"""Feed parsing: the recorded web's feeds, hostile fixtures, JSON Feed, discovery, sitemaps."""

import json
from datetime import UTC, datetime
from pathlib import Path

import hostile_server as fixtures
import pytest

from dateline.sources.feeds import decode_xml, discover_feeds, parse_feed, parse_sitemap, plain_text

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
CORPUS = SHARED / "corpus"
BASE = "http://127.0.0.1:8000"
FEED_URL = BASE + "/news.example/feed.xml"


def corpus_feeds():
    if not (CORPUS / "sites").is_dir():
        pytest.skip(f"recorded web not found at {CORPUS}")
    return sorted((CORPUS / "sites").glob("*/feed.xml"))


def test_every_recorded_feed_parses_cleanly_and_matches_truth():
    feeds = corpus_feeds()
    truth = {}
    for line in (CORPUS / "truth.jsonl").read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            continue
        record = json.loads(line)
        if record["in_feed"]:
            truth[record["url"].replace("{BASE}", BASE)] = record
    seen = {}
    for path in feeds:
        data = path.read_bytes().replace(b"{BASE}", BASE.encode())
        feed = parse_feed(
            data, content_type="application/xml; charset=utf-8", url=f"{BASE}/{path.parent.name}/feed.xml"
        )
        assert feed.problem is None, (path, feed.problem)
        assert feed.title and feed.entries, path
        for entry in feed.entries:
            assert entry.guid and entry.title and entry.url, (path, entry)
            assert entry.published is not None and entry.published.tzinfo is not None
            seen[entry.url] = entry
    assert len(feeds) > 300
    assert set(seen) == set(truth)  # every article in a feed, and nothing else
    mismatched = [
        url
        for url, record in truth.items()
        if seen[url].published != datetime.fromisoformat(record["published"].replace("Z", "+00:00"))
        or seen[url].title != " ".join(record["title"].split())
    ]
    assert mismatched == []


def test_healthy_rss_with_relative_link_and_content():
    feed = parse_feed(fixtures.HEALTHY_RSS, content_type="application/rss+xml", url=FEED_URL)
    assert feed.problem is None and feed.title == "Hostile Gazette"
    first, second = feed.entries
    assert first.url == BASE + "/news/floods.html"  # relative link resolved against the feed URL
    assert first.guid == "floods-1"
    assert first.published == datetime(2019, 11, 19, 12, 40, 5, tzinfo=UTC)  # +0100 normalised to UTC
    assert "<b>overnight</b>" in first.content and first.summary == "Rivers rose overnight."
    assert first.author == "News desk"
    assert second.guid == second.url == "http://127.0.0.1/news/elections.html"


def test_malformed_feed_is_read_as_far_as_possible():
    feed = parse_feed(fixtures.MALFORMED_RSS, url=FEED_URL)
    assert feed.problem.startswith("the feed is not well-formed XML (line 4)")
    assert "read as far as possible (1 entry)" in feed.problem
    assert [e.title for e in feed.entries] == ["First story"]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (fixtures.BOMB_XML, "entity-expansion attack"),
        (fixtures.XXE_XML, "external entity (XXE attack)"),
        # the same attacks hidden in UTF-16 and behind a parameter entity
        (fixtures.BOMB_XML.decode().encode("utf-16"), "entity-expansion attack"),
        (
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY % p SYSTEM "http://10.0.0.1/x.dtd"> %p;]><rss/>',
            "XXE",
        ),
    ],
)
def test_entity_attacks_are_refused_before_parsing(data, words):
    feed = parse_feed(data, url=FEED_URL)
    assert feed.entries == [] and feed.title == ""
    assert feed.problem.startswith("refused:") and words in feed.problem


def test_plain_doctype_is_not_mistaken_for_an_attack():
    rss091 = (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        b'"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss version="0.91"><channel><title>Old</title>'
        b"<link>http://old.example/</link><item><title>Hello</title><link>http://old.example/1</link></item>"
        b"</channel></rss>"
    )
    feed = parse_feed(rss091)
    assert feed.problem is None and [e.title for e in feed.entries] == ["Hello"]


def test_rss1_rdf_and_atom_relative_links():
    rdf = b"""<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
      xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="http://r.example/"><title>RDF Daily</title><link>http://r.example/</link></channel>
      <item rdf:about="http://r.example/1"><title>One</title><link>http://r.example/1</link>
      <dc:date>2020-01-02T03:04:05Z</dc:date></item></rdf:RDF>"""
    feed = parse_feed(rdf)
    assert feed.problem is None and feed.entries[0].published == datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)
    atom = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
      <title type="html">A &lt;b&gt;bold&lt;/b&gt; &amp;amp; brave feed</title><id>urn:x</id><updated>2020-01-01T00:00:00Z</updated>
      <entry><title>Rel</title><id>urn:1</id><link href="stories/1.html"/><updated>2020-01-01T00:00:00Z</updated>
      <content type="html">&lt;p&gt;Body&lt;/p&gt;</content></entry></feed>"""
    feed = parse_feed(atom, url="http://a.example/feeds/atom.xml")
    assert feed.title == "A bold & brave feed"
    assert feed.entries[0].url == "http://a.example/feeds/stories/1.html"
    assert feed.entries[0].content == "<p>Body</p>"


def test_wrong_charset_declaration_gives_readable_text():
    feed = parse_feed(fixtures.WRONG_CHARSET_RSS, content_type="application/rss+xml; charset=ISO-8859-1")
    assert feed.problem is None
    assert feed.title == "Notícias"
    assert feed.entries[0].title == "São Paulo café reopens — “finally”"


def test_undeclared_cp1252_gives_readable_text():
    feed = parse_feed(fixtures.CP1252_RSS, content_type="application/rss+xml")
    assert feed.problem is None and feed.title == "Le Monde d’hier"
    assert feed.entries[0].title == "Élections : “résultats” attendus"
    assert feed.entries[0].summary == "Déjà vu – encore."


def test_decode_xml_prefers_the_declared_encoding_when_bytes_are_not_utf8():
    data = '<?xml version="1.0" encoding="koi8-r"?><rss><title>Новости</title></rss>'.encode("koi8-r")
    assert "Новости" in decode_xml(data)


def test_scripts_in_titles_come_out_as_inert_text():
    feed = parse_feed(fixtures.SCRIPT_TITLE_RSS)
    assert "<" not in feed.title and "script" not in feed.title
    assert feed.entries[0].title == "Budget & taxes passed"


def test_literal_text_titles_are_not_unescaped_twice():
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">AT&amp;T &lt;3 &amp;amp;</title>
      <entry><title>Fish &amp;amp; chips</title><id>urn:1</id><link href="http://f.example/1"/></entry></feed>"""
    feed = parse_feed(atom)
    assert feed.title == "AT&T <3 &amp;"  # literal text, escaped only when rendered
    assert feed.entries[0].title == "Fish &amp; chips"


def test_plain_text_unescapes_once():
    assert plain_text("Tom &amp;amp; Jerry") == "Tom &amp; Jerry"
    assert plain_text("<i>Hi</i>  <script>x()</script>there") == "Hi there"
    assert plain_text(None) == ""


def test_json_feed():
    feed = parse_feed(fixtures.JSON_FEED, content_type="application/feed+json", url=BASE + "/feed.json")
    assert feed.problem is None and feed.title == "JSON Journal" and feed.link == "http://127.0.0.1/"
    one, two = feed.entries
    assert (one.guid, one.url, one.title, one.author) == (
        "j1",
        "http://127.0.0.1/news/j1.html",
        "Port reopens",
        "Ana Lima",
    )
    assert one.published == datetime(2019, 11, 19, 12, 40, 5, tzinfo=UTC)
    assert one.content == "<p>The port <em>reopened</em>.</p>"
    assert two.content == "Untitled note." and two.url is None
    # detected by its leading brace even with a generic content type
    assert parse_feed(fixtures.JSON_FEED, content_type="text/plain").title == "JSON Journal"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty feed"),
        (b"{not json", "not a valid JSON Feed"),
        (b'{"title": "x"}', "not a JSON Feed"),
        (b"<html><body>Hello</body></html>", "not a feed"),
    ],
)
def test_non_feeds_have_a_problem_and_no_entries(data, problem):
    feed = parse_feed(data)
    assert feed.entries == [] and feed.problem.startswith(problem)


def test_discover_feeds():
    html = """<html><head><base href="/sub/">
      <link rel="alternate" type="application/rss+xml" href="feed.xml">
      <link rel="Alternate nofollow" type="application/atom+xml; charset=utf-8" href="https://x.example/atom">
      <link rel="alternate" type="text/html" href="/other-language">
      <link rel="stylesheet" href="a.css"><link rel="alternate" type="application/rss+xml" href="feed.xml">
      <link rel="alternate" type="application/feed+json" href="javascript:alert(1)">
      </head></html>"""
    assert discover_feeds(html, "https://x.example/page") == [
        "https://x.example/sub/feed.xml",
        "https://x.example/atom",
    ]


def test_discover_feeds_on_recorded_home_page():
    corpus_feeds()
    html = (CORPUS / "sites" / "bgr.com" / "index.html").read_text(encoding="utf-8")
    assert discover_feeds(html, BASE + "/bgr.com/") == [BASE + "/bgr.com/feed.xml"]


def test_parse_sitemap():
    data = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>https://s.example/a</loc><lastmod>2020-01-02</lastmod></url>
      <url><loc> https://s.example/b </loc><lastmod>2020-01-03T04:05:06+02:00</lastmod></url>
      <url><loc>https://s.example/c</loc></url></urlset>"""
    assert parse_sitemap(data) == [
        ("https://s.example/a", datetime(2020, 1, 2, tzinfo=UTC)),
        ("https://s.example/b", datetime(2020, 1, 3, 2, 5, 6, tzinfo=UTC)),
        ("https://s.example/c", None),
    ]
    assert parse_sitemap(fixtures.BOMB_XML) == []


def test_parse_recorded_sitemap():
    corpus_feeds()
    pairs = parse_sitemap((CORPUS / "sites" / "en.wikinews.org" / "sitemap.xml").read_bytes())
    assert len(pairs) > 300 and all(url.startswith("{BASE}/en.wikinews.org/") for url, _ in pairs)


# -- items that once stopped a whole ingest ------------------------------------------------


def _rss_items(*links: str) -> bytes:
    items = "".join(
        f"<item><title>Item {i}</title><link>{link}</link></item>" for i, link in enumerate(links)
    )
    return f'<rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode()


@pytest.mark.parametrize(
    "data",
    [
        _rss_items("http://example.com:99999/story", "http://example.com/ok"),
        _rss_items("http://[/", "http://example.com/ok"),
        b'{"version": "https://jsonfeed.org/version/1.1", "items": ['
        b'{"id": "1", "url": "http://[::1/story"}, {"id": "2", "url": "http://example.com/ok"}]}',
    ],
)
def test_unusable_item_links_are_dropped_and_the_rest_kept(data: bytes) -> None:
    feed = parse_feed(data, url="http://example.com/feed")
    urls = [e.url for e in feed.entries]
    assert "http://example.com/ok" in urls
    assert all(u is None or u == "http://example.com/ok" for u in urls)


@pytest.mark.parametrize(
    "data",
    [
        b'{"items":[{"authors":1}]}',
        b'{"items":[{"content_html":[null]}]}',
        b'{"items":[{"title":{"a":1},"summary":[1],"id":[],"authors":[{"name":[]}],"author":"x"}]}',
        b'{"items":[1, "two", null, {"url": 5}]}',
        b'{"items":[], "title": 7, "home_page_url": {"x": 1}, "feed_url": ["x"]}',
    ],
)
def test_json_feed_with_wrong_types_reads_without_raising(data: bytes) -> None:
    feed = parse_feed(data, content_type="application/feed+json", url="http://example.com/feed.json")
    for entry in feed.entries:
        assert (
            isinstance(entry.content, str) and isinstance(entry.summary, str) and isinstance(entry.guid, str)
        )
        assert entry.author is None or isinstance(entry.author, str)
