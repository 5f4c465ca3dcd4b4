"""A box about the writer is no part of the report: it is left out of the article's text."""

from __future__ import annotations

from dateline.articles.extract import extract
from dateline.articles.models import Article
from dateline.pipeline.ingest import choose_text, plain_text
from dateline.text import without_author_box

# The Merkle, "Bitcoin Price Records Small Bounce After Dropping to $6,000" (6 February 2018): the
# page and the feed held only the writer's box, and the story was filed under Belgium.
BOX = (
    "About The Author\n\n"
    "JP Buntinx is a FinTech and Bitcoin enthusiast living in Belgium. His passion for finance and "
    "technology made him one of the world's leading freelance Bitcoin writers."
)


def test_the_box_and_its_biography_are_left_out() -> None:
    report = "Bitcoin fell below $6,000 on Tuesday for the first time since November."
    assert (
        without_author_box(f"{report}\n\n{BOX}\n\nMore from the desk.") == f"{report}\n\nMore from the desk."
    )
    assert without_author_box(BOX) == ""
    # A report about an author is not a box: only a heading of its own is one.
    story = "About the author of the leaked memo, little is known.\n\nShe worked in Brussels."
    assert without_author_box(story) == story


def test_an_article_of_only_a_box_keeps_no_biography() -> None:
    title = "Bitcoin Price Records Small Bounce After Dropping to $6,000"
    box = "".join(f"<p>{p}</p>" for p in BOX.split("\n\n"))
    html = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{box}</article></body></html>"
    page = extract(html, "http://themerkle.example/bitcoin-price-records-small-bounce/")
    text, text_from = choose_text(plain_text(box), page)
    assert "Belgium" not in text
    assert text == title
    assert text_from == Article.TextFrom.PAGE
