"""Faults found by reading published recorded-web stories against their sources, one test each."""

from __future__ import annotations

from datetime import UTC, date, datetime

from dateline.stories import editorial
from dateline.stories.anchor import anchor
from dateline.stories.writer import SourceText, write_story


def test_a_dateline_after_the_headline_is_left_out() -> None:
    # Reuters, "Israel indicts Palestinian teenage girl who punched soldier: army": the page's text
    # repeats the headline above a dateline.
    text = (
        "Israel indicts Palestinian teenage girl who punched soldier: army\n\n"
        "OFER PRISON, West Bank (Reuters) - Israel indicted a 16-year-old Palestinian girl on charges "
        "including assault for punching an Israeli soldier in the face two weeks ago, military officials said.\n\n"
        "Israel has held Ahed Tamimi since arresting her three days after she was filmed punching the "
        "soldier at the entrance to her family home in a village in the occupied West Bank."
    )
    source = SourceText(
        "Reuters",
        "Israel indicts Palestinian teenage girl who punched soldier: army",
        text,
        datetime(2018, 1, 1, 17, 58, tzinfo=UTC),
    )
    draft, _ = write_story([source], today=date(2018, 1, 2))
    assert "Israel indicted a 16-year-old" in draft.summary
    assert "OFER PRISON" not in draft.summary and "(Reuters)" not in draft.summary


def test_widget_text_and_captions_are_boilerplate() -> None:
    # ABC News, "Erie smashes snowfall record with flakes still falling".
    assert editorial.boilerplate(
        "Add Weather as an interest to stay up to date on the latest Weather news, video, and analysis from ABC News."
    )
    # Global Voices, "Malawi: President Promises to Lift Ban on Homosexuality".
    assert editorial.boilerplate("A map showing penalties targeting gays and lesbians in Africa.")
    assert not editorial.boilerplate(
        "The fishing boat was carrying 43 people from Comoros to the French territory of Mayotte."
    )


def test_the_first_half_of_a_sentence_is_no_headline() -> None:
    # my6sense: "Though each of the three native ad units is unique, the best performing …"
    assert editorial.headline_faults("Though each of the three native ad units is unique")
    assert editorial.headline_faults("If confirmed by the Senate")
    assert not editorial.headline_faults("Erie smashes snowfall record with flakes still falling")


def test_a_weekday_named_on_that_weekday_is_that_day() -> None:
    # ABC News, Wednesday 27 December 2017: "forecasters predicting more snow on Wednesday".
    told, _ = anchor("More snow will fall on Wednesday.", date(2017, 12, 27))
    assert told == "More snow will fall on 27 December."


def test_a_title_case_dateline_is_left_out() -> None:
    # The Detroit News, "Thousands of teachers pack Indiana Statehouse for protest".
    source = SourceText(
        "The Detroit News",
        "Thousands of teachers pack Indiana Statehouse for protest",
        "Indianapolis – Several thousand teachers wearing red surrounded the Indiana Statehouse on "
        "Tuesday to call for better pay and more respect from the state government.\n\n"
        "The union-organized rally represented Indiana's biggest such teacher protest amid a wave of "
        "educator activism across the country over the past two years.",
        datetime(2019, 11, 19, 6, 57, tzinfo=UTC),
    )
    draft, _ = write_story([source], today=date(2019, 11, 20))
    assert "several thousand teachers" in draft.summary.lower()
    assert "Indianapolis –" not in draft.summary


def test_a_heading_ending_in_a_title_is_no_sentence_and_names_keep_their_capitals() -> None:
    # Daily Mail, "Avengers: Infinity War Super Bowl trailer": a heading line between paragraphs.
    source = SourceText(
        "Daily Mail",
        "Super Bowl ads: the best of the night",
        "Disney and Marvel released a new trailer for the film during the Super Bowl on Sunday night.\n\n"
        "Hugh Jackman and Chris Hemsworth for 'Crocodile Dundee'\n\n"
        "The marketing scheme has already paid off, as the brand's digital engagement has since skyrocketed.",
        datetime(2018, 2, 5, 4, 51, tzinfo=UTC),
    )
    draft, _ = write_story([source], today=date(2018, 2, 6))
    assert "Crocodile Dundee" not in draft.summary
    # RT, "SpaceX plans audacious triple landing": a name with a capital inside keeps its capital.
    rocket = SourceText(
        "RT",
        "SpaceX plans audacious triple landing",
        "SpaceX is all set to launch its most powerful rocket to date in the form of the Falcon Heavy.\n\n"
        "Falcon Heavy essentially looks like three Falcon 9 rockets strapped together, say the engineers "
        "at spacex.com.",
        datetime(2018, 2, 5, 5, 50, tzinfo=UTC),
    )
    told, _ = write_story([rocket], today=date(2018, 2, 6))
    assert "spaceX" not in told.summary


def test_furniture_and_dated_captions_are_no_copy() -> None:
    # Salon, "Whitewashing torture?": the page's poll box, offered as a headline.
    assert editorial.headline_faults("Just choose one of the two options below")
    # Global Voices, "Yemen: Millions Go Hungry in Ongoing Food Crisis": a picture's caption.
    assert editorial.boilerplate("Severely malnourished Yemeni child, Sana'a, Yemen, April 2012.")
    assert not editorial.headline_faults("Thousands of teachers pack Indiana Statehouse for protest")


def test_a_page_titled_by_its_place_and_a_heading_run_into_the_text() -> None:
    # The Ledger: the feed's title is the site's place line; the page's heading runs into its text.
    assert editorial.headline_faults("Lakeland, Polk County, Florida")
    assert not editorial.headline_faults("Obama, Romney Clash Over Economy")
    glued = (
        "Man Charged With Animal Cruelty After Biting His Dog The pet owner says the act was for "
        "punishment and training purposes."
    )
    assert not editorial.standalone(glued)
    assert editorial.standalone(
        "A man accused of biting his Jack Russell terrier was arrested on an animal cruelty charge."
    )
