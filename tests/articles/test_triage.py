"""Page triage, the pure judge: each kind of page that is not news, and news that must pass."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.articles import triage
from dateline.articles.triage import PageFacts, PageSignals, judge

FEED = dt.datetime(2004, 11, 18, 12, tzinfo=dt.UTC)
STORY = (
    "Kmart is buying Sears, Roebuck and Co. for $11 billion in a deal that would create the "
    "third-largest retailer in the United States, the companies said on Wednesday.\n\n"
    "The new company will be called Sears Holdings Corp. and will have about $55 billion in "
    "annual revenue, executives told reporters in New York. Shareholders of both companies "
    "must still approve the merger, which is expected to close by the end of March.\n\n"
    "Analysts said the combined chain would still trail Wal-Mart by a wide margin."
)


def facts(
    title: str, text: str = STORY, url: str = "https://paper.example/2004/11/17/kmart-sears", **kw
) -> PageFacts:
    return PageFacts(url=url, title=title, text=text, feed_published=FEED, outlet="The Paper", **kw)


def test_a_news_article_passes() -> None:
    assert judge(facts("Kmart to buy Sears in $11 billion deal")).news


@pytest.mark.parametrize(
    ("title", "text", "code"),
    [
        ("Page not found", "The page you are looking for could not be found. Try the search box.", "error"),
        ("paper.example", "Sorry, this page is currently unavailable. Please try again later.", "error"),
        ("Sign in", "Already a subscriber? Log in to continue reading this story.", "login"),
        ("Just a moment...", "Please verify you are human before continuing.", "login"),
        ("TEST PAGE: please ignore", "This is a test page.", "test"),
        ("Search results for: budget", "12 results. Budget vote delayed. Budget passes.", "search"),
    ],
)
def test_pages_that_are_not_news(title: str, text: str, code: str) -> None:
    verdict = judge(facts(title, text))
    assert verdict.code == code, verdict
    assert verdict.detail


def test_http_errors_are_errors() -> None:
    assert judge(facts("Kmart to buy Sears", status=404)).code == "error"


def test_home_page_and_section_fronts() -> None:
    assert (
        judge(facts("The Paper", "Top stories today. Weather. Sport.", url="https://paper.example/")).code
        == "front"
    )
    assert (
        judge(facts("World", "Headlines from around the world.", url="https://paper.example/world/")).code
        == "front"
    )
    # The outlet's name as title over a short teaser is a front, not a story...
    assert judge(facts("The Paper | Latest News & Headlines", "Get the news you need.")).code == "front"
    # ...but an outlet's name as title over a whole article is still the article.
    assert judge(facts("The Paper Online")).news


def test_listing_archive_and_newsletter() -> None:
    archive = "\n".join(
        f"Monday, November {d}, 2004\n\nA new worm variant was found today and analysed by the lab team at length."
        for d in range(10, 16)
    )
    assert (
        judge(facts("News from the Lab", archive, url="https://lab.example/weblog/2004/11.html")).code
        == "listing"
    )
    assert judge(facts("Budget", STORY, url="https://paper.example/tag/budget/")).code == "listing"
    assert judge(facts("Daily Update: Security", STORY)).code == "newsletter"
    # Business Insider's daily digest of other stories
    assert judge(facts("10 things in tech you need to know today", STORY)).code == "newsletter"
    assert judge(facts("Five things to know about the new tax law", STORY)).news


def test_reference_and_data_pages() -> None:
    table = "Team Points Wins\n" + "\n".join(f"Driver {i} {300 - i * 7} {i % 4} {i * 2}" for i in range(30))
    assert judge(facts("Championship standings", table)).code == "reference"
    assert (
        judge(facts("RS-68 Product Page | Maker", "The engine is one of two new engines.")).code
        == "reference"
    )
    schema = PageSignals(schema_types=frozenset({"product"}))
    assert judge(facts("Acme Blender 3000", STORY, signals=schema)).code == "reference"
    article_schema = PageSignals(schema_types=frozenset({"newsarticle", "webpage"}))
    assert judge(facts("Kmart to buy Sears", signals=article_schema)).news


def test_old_page_served_again() -> None:
    old = "Print | E-mail 21/04/2001 - 17h32\n\n" + STORY
    verdict = judge(facts("Army captures drug lord", old))
    assert verdict.code == "old" and "2001-04-21" in verdict.detail
    metadata = PageSignals(published=dt.datetime(2001, 4, 21, tzinfo=dt.UTC))
    assert judge(facts("Army captures drug lord", signals=metadata)).code == "old"
    # A date later in the text (history, a scheduled event) does not make a page old.
    assert judge(facts("Asteroid will pass Earth", STORY + " It will pass on April 13, 2029.")).news


def test_page_signals_from_html() -> None:
    html = """<html><head><title>Acme Blender</title>
    <meta property="og:type" content="product"><meta property="og:site_name" content="Acme">
    <script type="application/ld+json">{"@type": "Product", "name": "Blender"}</script></head>
    <body><p>Blend anything.</p></body></html>"""
    signals = triage.page_signals(html)
    assert signals.og_type == "product" and "product" in signals.schema_types
    assert signals.site_name == "Acme" and signals.page_title == "Acme Blender"
    assert judge(facts("Acme Blender", STORY, signals=signals)).code == "reference"


def test_stored_codes() -> None:
    assert triage.is_news("news")
    assert not triage.is_news("") and not triage.is_news("error")
    assert triage.describe("login") == triage.REASONS["login"]


@pytest.mark.parametrize(
    "headline",
    [
        "Voters register in record numbers",
        "Flight 404 lands safely after engine scare",
        "Readers sign up for the new library scheme",
        "Site statistics show more visitors from Asia this year",
    ],
)
def test_headlines_that_merely_use_the_words(headline: str) -> None:
    assert judge(facts(headline)).news


def test_a_fact_box_is_reference() -> None:
    text = "Falcon 9 Family: Falcon. Country: USA. Status: Active. Thrust: 7,607 kN.\n\n" + STORY
    assert judge(facts("Falcon 9", text)).code == "reference"


REFERENCE_PROSE = (
    "The KC-767 is a widebody tanker and transport aircraft built on the airframe of the 767. "
    "It carries both a refuelling boom and a hose-and-drogue system, and its cabin floor can be "
    "configured for passengers, freight or both. The aircraft is operated by several air forces "
    "and is one of the few tankers that can refuel two aircraft at the same time from its wing pods."
)


def test_a_reference_page_written_as_prose() -> None:
    # A name for a title, no date or id in the URL, nothing reported: a page about a thing.
    verdict = judge(
        facts(
            "KC-767 Common Widebody Tanker & Transport",
            REFERENCE_PROSE,
            url="https://www.paper.example/military/systems/aircraft/kc-767.htm",
        )
    )
    assert verdict.code == "reference", verdict
    # The same words on a dated URL, or under a headline that says something, or reported: news.
    assert judge(facts("KC-767 Common Widebody Tanker & Transport", REFERENCE_PROSE)).news
    hex_id = "https://news.example/article/4f3c2a1b9e7d"
    assert judge(facts("KC-767 Common Widebody Tanker & Transport", REFERENCE_PROSE, url=hex_id)).news
    assert judge(
        facts(
            "Air Force leases 100 KC-767 tankers",
            REFERENCE_PROSE,
            url="https://www.paper.example/military/systems/aircraft/kc-767.htm",
        )
    ).news
    reported = (
        REFERENCE_PROSE
        + " The Air Force said on Tuesday it would lease 100 of them, officials told reporters."
    )
    assert judge(
        facts(
            "KC-767 Common Widebody Tanker & Transport",
            reported + " Boeing confirmed the deal. A spokesman said the lease would start next year.",
            url="https://www.paper.example/military/systems/aircraft/kc-767.htm",
        )
    ).news


def test_section_pages_with_a_breadcrumb_and_lists_of_posts() -> None:
    crumb = (
        "january 11 2005 Home > Strategic Program > Initiative for Integration of Regional Infrastructure "
        + REFERENCE_PROSE
    )
    assert (
        judge(
            facts(
                "Initiative for Integration of Regional Infrastructure",
                crumb,
                url="https://www.paper.example/view/index.asp?ms=11&pageMs=14448",
            )
        ).code
        == "front"
    )
    # An article under a breadcrumb and a section's name keeps its place.
    article = "News\n\nHome > News > UK > Health/Medical\n\nKmart to buy Sears\n\n" + STORY
    assert judge(facts("News", article)).news
    posts = "\n\n".join(
        f"Rocket news number {i}\n\nThe rocket was moved to the pad, where it will stand for a week.\n\nFULL STORY [Posted: Aug. {i}]"
        for i in range(10, 14)
    )
    assert judge(facts("Delta 4-Heavy mission report", posts)).code == "listing"


def test_a_paywall_offer_and_a_news_stub_under_the_sites_name() -> None:
    paywall = (
        "Are Paisley and Adams on the brink of the deal to end all deals?\n\n"
        "Belfast Telegraph Archive Article This article is available in full (approx. 723 words) to "
        "Belfast Telegraph Archive subscribers. Already Subscribed ? Please click here."
    )
    assert judge(facts("Belfast Telegraph", paywall)).code == "login"
    stub = (
        "LONDON (Reuters) - A Royal Navy senior rating was jailed for five years on Wednesday for raping a "
        "female colleague on board a warship in the first case of its kind, the Ministry of Defence said."
    )
    assert judge(facts("Personal Finance", stub)).news
    teaser = "All indications are the final relief bill will include stimulus checks. Weather. Sport."
    assert judge(facts("Latest News & Headlines", teaser)).code == "front"


def test_a_product_page() -> None:
    text = (
        "What's new in 2.26 (September pack)?\n\nNew tasks for the game!\n\nBetter Android support\n\n"
        "Click here to get more information or download this game.\n\n"
        "For whom this game? You are a couple who want to try something new this weekend, and this "
        "game brings hundreds of new tasks and questions to play together at home or away."
    )
    verdict = judge(
        facts(
            "Dare to Play 3 / October pack", text, url="https://games.example/dare-to-play-3-october-pack-2/"
        )
    )
    assert verdict.code == "reference" and "product" in verdict.detail, verdict
    # A report about an app store is news.
    assert judge(
        facts(
            "Apple removes Telegram from app store",
            "Apple removed the Telegram app from its App Store on Thursday, the company said. "
            "Telegram said the app would return to the App Store soon. " + STORY,
        )
    ).news


def test_words_of_reference_titles_only_as_a_title_part() -> None:
    assert judge(facts("Abstract art sells for a record price", STORY)).news
    short = "Since November 2000, the department has made changes to help ensure voter access to the polls."
    assert judge(facts("Reports and Testimony Report Abstract", short)).code == "reference"


def test_recipes_and_how_to_guides_are_not_news() -> None:
    """The Anti-June Cleaver's "Spiced Honey Pear Jam Recipe" (recorded web): a blog post by its
    type, a recipe by its schema.org data and its title. News that names a recipe still passes."""
    recipe = "Heat to boiling for a minute or so to combine the spices and pears. Remove the jars."
    by_schema = judge(
        facts(
            "Spiced Honey Pear Jam | The Anti-June Cleaver",
            recipe,
            signals=PageSignals(schema_types=frozenset({"blogposting", "recipe", "howtostep"})),
        )
    )
    assert by_schema.code == "howto", by_schema
    assert judge(facts("Spiced Honey Pear Jam Recipe | The Anti-June Cleaver", recipe)).code == "howto"
    assert judge(facts("Recipe: pear jam with honey", recipe)).code == "howto"
    assert judge(facts("Kmart's recipe for beating Wal-Mart: buy Sears")).news
    assert judge(facts("A recipe for disaster, analysts say of the Kmart deal")).news
    assert triage.describe("howto") == "a recipe or how-to guide"
    # Business Insider's "How to retire early …" (recorded web): a guide, not a report.
    assert judge(
        facts("How to retire early so you can work, travel, and relax on your own schedule")
    ).code == ("howto")
    assert judge(facts("Japan split over how to deal with North Korean missile launches")).news
