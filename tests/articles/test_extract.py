"""Tests for dateline.articles.extract: decoding, metadata, robots directives, hostile input."""

from __future__ import annotations

import datetime as dt

from dateline.articles.extract import decode_html, extract, parse_robots

PARAS = [
    "The city council voted on Tuesday to approve a new budget for public transport, ending months of debate.",
    "Under the plan, bus fares will be frozen for two years while three new tram lines are built in the north.",
    "Opposition members said the spending was unaffordable and warned that taxes would have to rise next year.",
    "The mayor said the investment would cut traffic and pollution, and promised regular public reports on costs.",
]

PAGE = f"""<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<title>Council approves transport budget | The Courier</title>
<meta property="og:title" content="Council approves transport budget">
<meta property="og:image" content="/img/tram.jpg">
<meta property="article:published_time" content="2019-11-18T10:30:00+02:00">
<meta name="author" content="Jane Example">
<meta name="robots" content="index, follow, max-snippet:120">
<link rel="canonical" href="/news/council-budget">
</head><body>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Council approves transport budget</h1>
<p class="byline">By Jane Example</p>
<p>{PARAS[0]}</p><p>{PARAS[1]}</p>
<aside class="related"><h3>Read more</h3><ul><li><a href="/a">Mayor unveils tram map for the north</a></li>
<li><a href="/b">Bus drivers vote on strike action</a></li></ul></aside>
<p>{PARAS[2]}</p><p>{PARAS[3]}</p>
<div class="share"><a href="https://twitter.com/share">Share on Twitter</a> <a href="https://facebook.com/share">Share on Facebook</a></div>
</article>
<section id="comments" class="comments"><h2>Comments</h2>
<div class="comment"><p>Reader123: This is a total waste of money and nobody will ever ride those trams.</p></div></section>
<footer>Copyright The Courier. All rights reserved. Privacy policy. Terms of use. Contact us.</footer>
</body></html>"""


def test_main_text_and_metadata() -> None:
    e = extract(PAGE.encode("utf-8"), "https://courier.example/news/council-budget?utm_source=x")
    assert e.error == ""
    for para in PARAS:
        assert para in e.text
    for junk in ("cookies", "Read more", "Mayor unveils", "Share on", "waste of money", "Copyright"):
        assert junk not in e.text
    assert e.title == "Council approves transport budget"
    assert e.published == dt.datetime(2019, 11, 18, 8, 30, tzinfo=dt.UTC)
    assert e.author == "Jane Example"
    assert e.language == "en"
    assert e.canonical_url == "https://courier.example/news/council-budget"
    assert e.image == "https://courier.example/img/tram.jpg"
    assert (e.noindex, e.nosnippet, e.max_snippet) == (False, False, 120)


def test_x_robots_tag_and_googlebot_meta() -> None:
    page = PAGE.replace('content="index, follow, max-snippet:120"', 'content="all"').replace(
        "</head>", '<meta name="googlebot" content="noindex"></head>'
    )
    e = extract(page, "https://courier.example/x", x_robots_tag="otherbot: nosnippet, max-snippet:50")
    assert e.noindex and e.nosnippet and e.max_snippet == 50


def test_parse_robots() -> None:
    assert parse_robots(["none"]) == (True, False, None)
    assert parse_robots(["max-snippet:-1"]) == (False, False, None)
    assert parse_robots(["max-snippet:0"]) == (False, True, 0)
    assert parse_robots(["max-snippet:200", "max-snippet: 80"]) == (False, False, 80)
    assert parse_robots(["index, follow"]) == (False, False, None)


def test_naive_time_is_utc_and_date_only() -> None:
    page = PAGE.replace("2019-11-18T10:30:00+02:00", "2019-11-18T10:30:00")
    assert extract(page).published == dt.datetime(2019, 11, 18, 10, 30, tzinfo=dt.UTC)
    page = PAGE.replace("2019-11-18T10:30:00+02:00", "2019-11-18")
    assert extract(page).published == dt.datetime(2019, 11, 18, tzinfo=dt.UTC)


def test_decode_bom_and_declarations() -> None:
    text = "<html><head><title>Zürich café</title></head><body>naïve</body></html>"
    assert decode_html(text.encode("utf-8-sig")) == text
    assert decode_html(text.encode("utf-16")) == text
    # header says latin-1 but the bytes are UTF-8
    assert decode_html(text.encode("utf-8"), "text/html; charset=ISO-8859-1") == text
    # meta says utf-8 but the bytes are cp1252
    cp = text.replace("<head>", '<head><meta charset="utf-8">')
    assert decode_html(cp.encode("cp1252")) == cp
    # a correct non-Latin declaration is honoured
    ru = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><body>Москва</body></html>'
    assert "Москва" in decode_html(ru.encode("cp1251"))
    assert "Москва" in decode_html(ru.encode("cp1251"), "text/html; charset=utf-8")


def test_decode_unknown_charset_label() -> None:
    assert decode_html(b"<p>hello</p>", "text/html; charset=x-bogus") == "<p>hello</p>"


def test_non_utf8_page_extracts() -> None:
    body = PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1252">').replace(
        PARAS[0], PARAS[0] + " Café owners cheered."
    )
    e = extract(body.encode("cp1252"), "https://courier.example/x", content_type="text/html")
    assert "Café owners cheered." in e.text


def test_hostile_inputs_never_raise() -> None:
    nested = b"<html><body>" + b"<div>" * 50_000 + b"deep" + b"</div>" * 50_000 + b"</body></html>"
    cases: list[bytes | str] = [
        b"",
        b"   ",
        b"\x00\xff\xfe\x00garbage",
        "<<<>>>",
        b"<?xml version='1.0' encoding='utf-8'?><html/>",
        nested,
    ]
    for body in cases:
        e = extract(body, "not a url")
        assert isinstance(e.text, str)
        if not e.text:
            assert e.error
    assert extract(b"").error == "empty document"


def test_huge_input_is_capped() -> None:
    para = "<p>" + " ".join(["lorem"] * 50) + "</p>"
    body = ("<html><body><article>" + para * 30_000 + "</article></body></html>").encode()
    assert len(body) > 8_000_000
    e = extract(body)
    assert len(e.text) < 6_000_000
