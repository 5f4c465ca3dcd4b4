"""Sentences an editor sends back though every word is the source's (The Sun's page of
16 September 2017 on the recorded web, and other recorded pages):

- a typo that half-joins two sentences: "… with its recent nuclear missile tests. as he warned …";
- a speech of several paragraphs run into one, its quotation marks no longer pairing up:
  'Boris Johnson said: "North Korea has conducted yet another illegal missile launch. "The UK …';
- a judgement in the desk's own voice: "The brash North Korean tyrant boasted …", "The incredible
  time traveling flight was pointed out by …".
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from dateline.stories import editorial
from dateline.stories.writer import SourceText, write_extractive

RUN_ON = (
    "Japan's defence minister Itsunori Onodera said he believed North Korea has the U.S. territory in "
    'mind with its recent nuclear missile tests. as he warned that "similar actions (by the North) would '
    'continue".'
)
REOPENED = (
    'Foreign Secretary Boris Johnson said: "North Korea has conducted yet another illegal missile launch. '
    '"The UK and the international community have condemned the aggressive and illegal actions of the '
    "North Korean regime, and the succession of missile and nuclear tests."
)
OPINION = (
    'The brash North Korean tyrant boasted of his "shining victory" and vowed that his final goal is '
    '"equilibrium of real force with US".'
)
PLAIN = "Seoul said it was the 19th launch of a ballistic missile by North Korea this year."
SUN = SourceText(
    outlet="The Sun",
    title="North Korea fires missile over Japan",
    text=f"{PLAIN}\n\n{OPINION}\n\n{RUN_ON}\n\n{REOPENED}",
    published=datetime(2017, 9, 15, 10, 25, tzinfo=UTC),
)


def test_a_half_joined_sentence_is_not_told_and_is_counted() -> None:
    assert editorial.run_on(RUN_ON)
    assert "cut sentence" in editorial.story_faults(SUN.title, f"{PLAIN} {RUN_ON}", [SUN])
    assert RUN_ON not in write_extractive([SUN], words=120).summary


@pytest.mark.parametrize(
    "sentence",
    [
        "Hawaii Airlines Flight no. 446 took off from Auckland at 12:05 a.m. on New Year's Day.",
        "Pacific Gas & Electric Co. was set to begin shutting off power to some 37,000 customers.",
        "The show ran longer than planned, approx. two hours in all, and ended at midnight.",
        "Youtube-dl can download videos from LiveLeak and Vimeo. youtube-dl is free software.",
    ],
)
def test_abbreviations_and_lower_case_names_are_no_typo(sentence: str) -> None:
    assert not editorial.run_on(sentence)


def test_a_quotation_reopened_while_open_is_a_split_quote() -> None:
    faults = editorial.story_faults(SUN.title, f"{PLAIN} {REOPENED}", [SUN])
    assert "split or unattributed quote" in faults
    assert REOPENED not in write_extractive([SUN], words=120).summary
    # Quotations that open and close, of one sentence or of two, stay good.
    speech = 'The minister said: "We are here. We will stay." She added that "nobody" would leave.'
    assert "split or unattributed quote" not in editorial.story_faults("Talks go on", speech, [])


def test_a_judgement_in_the_desks_voice_is_not_told() -> None:
    assert editorial.desk_opinion(OPINION)
    assert editorial.desk_opinion("The incredible time traveling flight was pointed out by Flightradar24.")
    assert editorial.desk_opinion(
        "According to Business Insider, retiring early takes incredible discipline."
    )
    # Said by someone, or inside the quotation marks, it is theirs.
    assert not editorial.desk_opinion('Raab said the account was "absurd" and would be closed.')
    assert not editorial.desk_opinion(
        "Officials said the damage was shocking and would take months to repair."
    )
    assert "opinion in the desk's voice" in editorial.story_faults(SUN.title, f"{PLAIN} {OPINION}", [SUN])
    summary = write_extractive([SUN], words=120).summary
    assert OPINION not in summary
    assert PLAIN in summary


def test_exclamations_notes_and_list_items_are_not_told() -> None:
    # IGN's Black Friday deals and Business Insider's early-retirement guide on the recorded web.
    assert editorial.desk_opinion("Undoubtedly it will end very, very soon so hurry!")
    assert not editorial.desk_opinion('The coach said: "We won!"')
    assert not editorial.desk_opinion("The quiz was won by a contestant on Jeopardy!")
    assert editorial.boilerplate("Note: The bundle includes Hulu with limited commercials.")
    assert not editorial.boilerplate("The note includes the names of 12 officials.")
    ign = SourceText(
        outlet="IGN",
        title="More Black Friday Deals Are Live",
        text=(
            "Best Buy cut the price of the PS4 DualShock controller to $30 for Black Friday. "
            "Undoubtedly it will end very, very soon so hurry! "
            "Note: The bundle includes Hulu with limited commercials.\n\n"
            "Not paying off his mortgage before retiring.\n\n"
            "Not just on Copyblogger but on many of the most-important online blogs of the day.\n\n"
            "Apple AirPods are down to $129 at Amazon and Walmart this week."
        ),
        published=datetime(2019, 11, 18, 10, 0, tzinfo=UTC),
    )
    summary = write_extractive([ign], words=120).summary
    assert "hurry" not in summary
    assert "Note:" not in summary
    assert "Not paying" not in summary
    assert "Not just" not in summary
    assert "Apple AirPods are down to $129" in summary


def test_an_authors_line_is_boilerplate() -> None:
    # CNN's page on the recorded web opened the story with its author's line.
    assert editorial.boilerplate(
        "Kelly Wallace is CNN's digital correspondent and editor-at-large covering family, career and life."
    )
    assert not editorial.boilerplate("Jim Taricani is a television reporter who refused to name his source.")


def test_a_columnists_hope_and_guess_are_not_told_in_the_desks_voice() -> None:
    # Los Angeles Times, "Column: The Gannett/GateHouse merger sends a dismal signal about the
    # future of local news" (20 November 2019): the column's view came out as the desk's.
    assert editorial.desk_opinion(
        "One would hope so, since the news business could use an injection of optimism these days."
    )
    assert editorial.desk_opinion(
        "Perhaps there are grounds for hope, since the new Gannett will have national-scale heft."
    )
    assert editorial.desk_opinion("According to Los Angeles Times, perhaps the deal will work.")
    # A numeral, or nobody, is no columnist's "one".
    assert not editorial.desk_opinion("No one would comment on the merger, a spokesman said.")
    assert not editorial.desk_opinion("Two ships sank near the port and one could not be found.")
    assert not editorial.desk_opinion("He is perhaps best known for his guitar solo Eruption.")
