"""A page's own headline: og:title, else its first h1."""

from __future__ import annotations

from dateline.articles.heading import page_heading


def test_og_title_then_h1() -> None:
    page = (
        '<html><head><meta property="og:title" content="Macedonia  prime minister resigns">'
        "<title>Macedonia prime minister resigns - BBC News</title></head>"
        "<body><h1>Something else</h1></body></html>"
    )
    assert page_heading(page) == "Macedonia prime minister resigns"
    assert page_heading("<html><body><h1> Man charged <b>with</b> cruelty </h1></body></html>") == (
        "Man charged with cruelty"
    )
    assert page_heading("<html><body><p>No heading here.</p></body></html>") == ""
    assert page_heading("") == ""
