"""The text as readers get it: each check, with its true and its false alarms, and the repairs."""

from __future__ import annotations

import pytest

from dateline.stories import editorial, hygiene
from dateline.stories.hygiene import hygiene_faults, tidy

CLEAN = (
    "Prime Minister Rutte resigned on Friday, according to Reuters. The coalition had split over "
    "asylum policy (the fourth time since 2010), the Dutch broadcaster NOS said.\n\n"
    "“We could not agree,” Rutte told reporters in The Hague. Elections are due in November."
)


def test_a_clean_story_has_no_fault() -> None:
    assert hygiene_faults("Dutch government resigns over asylum policy", CLEAN) == set()


@pytest.mark.parametrize(
    "text",
    [
        "CafÃ© owners protest",
        "The minister said it wasnâ€™t true.",
        "Price rose to Â£5 a share.",
        "S\ufffdo Paulo floods",
        "Prime minister Andrej BabiÅ¡ spoke.",
        "Ä°stanbul flooded.",
        "Ð¿Ñ€ÐµÐ·Ð¸Ð´ÐµÐ½Ñ‚ spoke.",
        "Ticket\u0092s sold out.",
    ],
)
def test_broken_encoding(text: str) -> None:
    assert "broken encoding" in hygiene_faults("Headline", text)


@pytest.mark.parametrize(
    "text",
    ["Café owners in São Paulo protest.", "Zürich’s mayor: “Ça suffit”.", "Álvaro Uribe, 5 °C, 2½ years."],
)
def test_accented_text_is_no_broken_encoding(text: str) -> None:
    assert "broken encoding" not in hygiene_faults("Headline", text)


@pytest.mark.parametrize(
    "text",
    ["AT&amp;amp;T bought it.", "It&#8217;s over.", "Rain&nbsp;fell.", "Tom &amp; Jerry", "It&#x2019;s"],
)
def test_raw_entities(text: str) -> None:
    assert "raw entity" in hygiene_faults("Headline", text)


@pytest.mark.parametrize(
    "text", ["AT&T bought Time Warner.", "Johnson & Johnson; R&D spending rose.", "The S&Ls; failed."]
)
def test_ampersands_are_no_entity(text: str) -> None:
    assert "raw entity" not in hygiene_faults("Headline", text)


@pytest.mark.parametrize(
    "text",
    [
        "<p>The vote passed.</p>",
        "The vote passed.<br/>",
        "var adSlot = 'top'; The vote passed.",
        ".story { font-size: 12px; }",
        "function() { return 1 } The vote passed.",
        "The vote passed. <!-- ad -->",
    ],
)
def test_leftover_markup(text: str) -> None:
    assert "leftover markup" in hygiene_faults("Headline", text)


@pytest.mark.parametrize(
    "text",
    [
        "Sales rose by 5 < 7 per cent.",
        "The variable rate fell.",
        "A function of the committee is to vote.",
        "Visitors came to watch <The Palace: Tale of Jang Noksu> at Jeongdong Theater.",
    ],
)
def test_prose_is_no_markup(text: str) -> None:
    assert "leftover markup" not in hygiene_faults("Headline", text)


def test_markup_in_a_headline() -> None:
    assert "leftover markup" in hygiene_faults("<b>Vote</b> passes", CLEAN)


@pytest.mark.parametrize(
    "text",
    ["Read it at https://example.com/a.", "More on www.example.org today.", "Write to tips@example.com."],
)
def test_bare_addresses(text: str) -> None:
    assert "bare address" in hygiene_faults("Headline", text)


@pytest.mark.parametrize("text", ["Example.com's shares rose.", "The @nasa account posted a photo."])
def test_names_are_no_address(text: str) -> None:
    assert "bare address" not in hygiene_faults("Headline", text)


def test_repeated_sentence_across_paragraphs() -> None:
    summary = (
        "The dam burst on Monday near the city.\n\nRescuers arrived. The dam burst on Monday near the city."
    )
    assert "repeated sentence" in hygiene_faults("Dam bursts", summary)
    assert "repeated sentence" not in hygiene_faults(
        "Dam bursts", "It rained. It rained. The dam held firm all week."
    )


@pytest.mark.parametrize(
    "text",
    [
        "The vote  passed.",
        "The vote passed , the speaker said.",
        "The vote passed .",
        "It passed ( narrowly).",
        "The vote passed.The speaker left.",
        "The vote passed ; the speaker left the chamber at noon on Friday.",
        "Did the vote pass ? The speaker would not say whether it had.",
    ],
)
def test_bad_spacing(text: str) -> None:
    assert "bad spacing" in hygiene_faults("Headline", text)


@pytest.mark.parametrize(
    "text",
    [
        "Le vote est passé : 300 voix pour ! Le président du Sénat a salué un moment historique.",
        "He said... then left.",
        "Population: 5.3 million.",
        "It cost $ 5.",
        "Åland and Ørsted: Ðakovo, Ålesund, Århus.",
        "Version 2.0 of Node.js and ASP.NET shipped.",
    ],
)
def test_good_spacing(text: str) -> None:
    assert "bad spacing" not in hygiene_faults("Headline", text)


@pytest.mark.parametrize(
    "text",
    [
        "The minister (who resigned said nothing.",
        "“We will win, he said.",
        'The minister said "we will win.',
        "The vote passed] today.",
    ],
)
def test_unbalanced(text: str) -> None:
    assert "unbalanced quote or bracket" in hygiene_faults("Headline", text)


@pytest.mark.parametrize(
    "text",
    [
        "“We will win. We always do,” he said.",
        "Er sagte: „Wir gewinnen.“",
        "Han sa: ”Vi vinner.”",
        "Il a dit « nous gagnerons » hier.",
        "Han sagde: »Vi vinder.«",
        "The steps: 1) vote, 2) count.",
        "The party's leaders' votes (all 40 of them) were counted.",
    ],
)
def test_balanced(text: str) -> None:
    assert "unbalanced quote or bracket" not in hygiene_faults("Headline", text)


@pytest.mark.parametrize(
    "headline", ["Breaking:", "The minister said that…", "The minister said that...", "Why . . ."]
)
def test_trailing_headline(headline: str) -> None:
    assert "trailing headline" in hygiene_faults(headline, CLEAN)


@pytest.mark.parametrize("headline", ["Brexit: talks resume", "U.S. votes", "Trump says “no deal”"])
def test_finished_headline(headline: str) -> None:
    assert "trailing headline" not in hygiene_faults(headline, CLEAN)


def test_the_editorial_check_counts_and_quotes_each_kind() -> None:
    assert set(hygiene.KINDS) <= set(editorial.KINDS)
    faults = editorial.story_faults("Markets fall:", CLEAN + "\n\nIt&#8217;s over, www.example.com says.", [])
    assert {"trailing headline", "raw entity", "bare address"} <= faults
    assert faults.evidence["trailing headline"] == "Markets fall:"  # type: ignore[attr-defined]
    figures = editorial.summarize([(faults, False)])
    assert figures["by_kind"]["raw entity"] == 1 and figures["by_kind"]["broken encoding"] == 0


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("The minister said it wasnâ€™t true.", "The minister said it wasn’t true."),
        ("CafÃ© owners protest.", "Café owners protest."),
        ("AT&amp;amp;T bought it.", "AT&T bought it."),
        ("It&#8217;s over.", "It’s over."),
        ("Rain\u00a0fell  all day , the agency said .", "Rain fell all day, the agency said."),
        ("It passed ( narrowly ).", "It passed (narrowly)."),
        ("Le vote est passé : 300 voix pour !", "Le vote est passé : 300 voix pour !"),
        ("He said... then left.", "He said... then left."),
        ("The BMC\u0097after instructions\u0085 acted.", "The BMC—after instructions… acted."),
        (
            "So a white man’s (not being racist,Greeks are white) art.",
            "So a white man’s (not being racist, Greeks are white) art.",
        ),
        ("It ended.The crowd left Port Vila : the port.", "It ended. The crowd left Port Vila: the port."),
    ],
)
def test_tidy_repairs_what_can_be_repaired(raw: str, clean: str) -> None:
    assert tidy(raw) == clean
    assert hygiene_faults("Headline", tidy(raw)) == set()


@pytest.mark.parametrize(
    "raw",
    [
        "For more information, please visit: www.ascom.com.",
        "It is available in the United States at http://beta.search.msn.com, and worldwide.",
        "The vote passed.<br/>",
        "var adSlot = 'top'; The vote passed.",
        "S\ufffdo Paulo flooded again on Monday.",
    ],
)
def test_tidy_refuses_what_no_repair_saves(raw: str) -> None:
    assert tidy(raw) == ""
