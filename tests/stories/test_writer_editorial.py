"""Regression tests of the editorial faults of published stories: each defect met on the recorded
web (text as quoted from its pages), caught by the editorial check and avoided by the writer."""

from __future__ import annotations

from datetime import UTC, datetime

from dateline.stories.editorial import StorySource, headline_faults, is_english, story_faults, summarize
from dateline.stories.sentences import split_clean
from dateline.stories.writer import SourceText, write_extractive

FILLER = (
    "Officials in the capital said the committee would publish its findings in the spring. "
    "The ministry confirmed that the budget for the programme had been approved by parliament. "
)


def test_splitter_keeps_abbreviations_initials_and_bang_names_inside_sentences() -> None:
    assert split_clean("The vote will be held before Jan. 30. Officials said so.") == [
        "The vote will be held before Jan. 30.",
        "Officials said so.",
    ]
    assert split_clean("Star Trek was directed by J.J. Abrams in 2009. It was a hit.")[0].endswith("2009.")
    assert split_clean("Captain James T. Kirk took command. The crew cheered.")[0] == (
        "Captain James T. Kirk took command."
    )
    assert split_clean("According to Yahoo! Notícias Brasil, the club won. Fans celebrated.")[0] == (
        "According to Yahoo! Notícias Brasil, the club won."
    )
    assert split_clean("According to U.S. officials, the plan failed. More came.")[0].startswith(
        "According to U.S. officials"
    )


def _faults(
    summary: str, headline: str = "Senate approves the new budget for schools", **kw: object
) -> set[str]:
    sources = kw.get("sources") or [StorySource("Example News", "Senate approves budget", FILLER + summary)]
    return story_faults(headline, summary, sources)  # type: ignore[arg-type]


def test_editorial_check_finds_each_kind_quoted_from_the_recorded_web() -> None:
    assert "empty" in _faults("Reported by Global Voices.")
    # A sentence cut at an abbreviation: the source goes on, the summary does not.
    src = [
        StorySource(
            "Example News",
            "Vote",
            FILLER + "The presidential elections will be held before Jan. 30, officials said.",
        )
    ]
    cut = "The presidential elections will be held before Jan. Officials in the capital said the committee would publish its findings in the spring."
    assert "cut sentence" in story_faults("Palestinian election date is set by officials", cut, src)
    assert "split or unattributed quote" in _faults(
        FILLER + "\"This ain't golf. Officials in the capital said the committee would meet."
    )
    assert "boilerplate" in _faults(
        FILLER + "This material may not be published, broadcast, rewritten or redistributed."
    )
    assert "boilerplate" in _faults(
        FILLER + "Story highlights The budget was approved by parliament on Monday."
    )
    glued = StorySource(
        "Example News",
        "Forbes lists the fortune as $284 billion",
        FILLER + "Forbes lists the fortune as $284 billion A Pennsylvania woman says she was not told.",
    )
    assert "glued headline" in story_faults(
        "Pennsylvania woman says she was never told of the fortune",
        FILLER + "Forbes lists the fortune as $284 billion A Pennsylvania woman says she was not told.",
        [glued],
    )
    assert "dangling reference" in _faults(
        "These concerns were raised by the committee in its first report. " + FILLER
    )
    assert "dangling reference" in _faults(
        "Below are the results of the vote held on the budget in parliament. " + FILLER
    )
    for headline in (
        "Impeachment sham completely debunked: White House",
        "Bitcoin is getting smashed right now today",
        "PUBLICO.PT Última Hora",
        "feature",
        "Top News Article",
        "Personal Finance",
        "A Man Developed",
        "Is Eurovision a rare opportunity for change?",
    ):
        assert headline_faults(headline), headline
    assert not headline_faults("Senate approves the new budget for schools")


def test_stale_state_sentences_are_found() -> None:
    old = StorySource(
        "A",
        "Vote due",
        FILLER + "MEPs are expected to vote on the budget next week in Strasbourg.",
        datetime(2004, 12, 1, tzinfo=UTC),
    )
    new = StorySource(
        "B",
        "Vote held",
        FILLER + "MEPs voted for the budget in Strasbourg by a large majority.",
        datetime(2004, 12, 9, tzinfo=UTC),
    )
    summary = "MEPs voted for the budget in Strasbourg by a large majority. MEPs are expected to vote on the budget next week in Strasbourg."
    assert "stale-state sentence" in story_faults(
        "European Parliament votes for the budget", summary, [old, new]
    )


def test_language_and_summary_figures() -> None:
    assert is_english("The minister said the budget would be approved by the parliament.") is True
    assert is_english("Os integrantes do movimento invadiram hoje as dependências da prefeitura.") is False
    figures = summarize([(set(), False), ({"empty"}, False), (set(), True)])
    assert figures["stories"] == 3 and figures["faulty"] == 2 and figures["junk"] == 1
    assert figures["by_kind"]["empty"] == 1 and figures["faulty_share"] == round(2 / 3, 4)


def test_writer_avoids_the_defects() -> None:
    when = datetime(2004, 12, 9, tzinfo=UTC)
    pt = SourceText(
        "Folha",
        "MST invade prefeitura no interior do PA",
        "Depois de bloquear uma rodovia por cerca de três horas, integrantes do movimento invadiram hoje as "
        "dependências da prefeitura de Santa Bárbara do Pará.",
        when,
    )
    en = SourceText(
        "Wire",
        "Bitcoin is getting smashed",
        "The Senate approved the new budget for schools on Thursday after a long debate in the chamber. "
        "These concerns were raised by the committee in its first report on the budget.\n\n"
        "Story highlights The budget was approved by parliament on Thursday evening in the capital.\n\n"
        "This material may not be published, broadcast, rewritten or redistributed by anyone at all.\n\n"
        '"This is a great day for our children and for the teachers of the state," the governor said on Thursday.',
        when,
    )
    old = SourceText(
        "Daily",
        "Senate to vote on school budget",
        "The Senate is expected to vote on the school budget on Thursday after months of negotiations.",
        datetime(2004, 11, 20, tzinfo=UTC),
    )
    draft = write_extractive([en, pt, old])
    assert "smashed" not in draft.headline
    for banned in (
        "These concerns",
        "Story highlights",
        "may not be published",
        "expected to vote",
        "invadiram",
    ):
        assert banned not in draft.summary, (banned, draft.summary)
    assert "the Senate approved the new budget" in draft.summary
    assert draft.headline != pt.title
    assert (
        story_faults(
            draft.headline,
            draft.summary,
            [StorySource(s.outlet, s.title, s.text, s.published) for s in (en, pt, old)],
        )
        == set()
    )


def test_map_labels_and_cut_titles_are_caught() -> None:
    assert "boilerplate" in _faults(
        FILLER
        + "LAS VEGAS LAS VEGAS FREEWAY EXCALIBUR HOTEL LUXOR HOTEL The gunman shot from the 32nd floor."
    )
    assert headline_faults("One of the top-performing beauty stocks could surge after")
    assert not headline_faults("NATO leaders meet in Brussels to discuss the budget")


def test_a_headline_glued_onto_the_first_sentence_is_taken_off() -> None:
    title = "Seoul city Mayor Park Won-soon found dead, South Korean police confirm"
    src = SourceText(
        "Wikinews",
        title,
        f"{title} Park Won-soon, the mayor of Seoul, South Korea, was found dead, police reported Friday morning.",
        datetime(2020, 7, 10, tzinfo=UTC),
    )
    draft = write_extractive([src])
    assert "Park Won-soon, the mayor of Seoul, South Korea, was found dead" in draft.summary
    assert "police confirm Park" not in draft.summary


def test_headline_tells_the_newest_state_of_the_story() -> None:
    """The boy "found dead" of the newest report, not the "race to reach" him of days before."""
    body = FILLER * 3
    sources = [
        SourceText("BBC News", "China well rescue: Race to reach boy trapped in Hebei", body,
                   datetime(2016, 11, 8, 9, tzinfo=UTC)),
        SourceText("Daily Mail", "Rescuers use diggers to save boy who fell into a well in China", body,
                   datetime(2016, 11, 8, 12, tzinfo=UTC)),
        SourceText("BBC News", "Chinese boy found dead in well after huge four-day search", body,
                   datetime(2016, 11, 11, 9, tzinfo=UTC)),
    ]  # fmt: skip
    assert write_extractive(sources).headline == "Chinese boy found dead in well after huge four-day search"


def test_teasers_cut_short_are_not_quoted_and_run_together_sentences_are_split() -> None:
    text = (
        "A tourist ship has struck a highway bridge on the Rhine river in western Germany. Police say 27 "
        "people are injured.The Swiss Crystal was heading downstream on the last leg of a Rhine tour. "
        "The vessel, which carried 129 people, hit a supporting pillar of the motorway bridge near the city "
        "of Duisburg late on Tuesday... " + FILLER
    )
    summary = write_extractive(
        [SourceText("Daily Mail", "Tourist ship strikes bridge in Germany", text)]
    ).summary
    assert "injured.The" not in summary and "...\n" not in summary + "\n"
    assert "late on Tuesday..." not in summary
    assert "Police say 27 people are injured." in summary


def test_an_ordinary_opening_word_is_lowered_after_the_attribution() -> None:
    text = (
        "Earlier this year, Lexus revealed the LC Convertible Concept at a show in Detroit. "
        "The company said the car would go on sale earlier than planned next summer. " + FILLER
    )
    summary = write_extractive(
        [SourceText("AutoIndustriya", "Lexus shows the LC 500 Convertible", text)]
    ).summary
    assert "According to AutoIndustriya, earlier this year, Lexus" in summary
