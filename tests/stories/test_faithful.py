"""Tests of the faithfulness gate."""

from __future__ import annotations

from dateline.stories.faithful import check, extract_claims

SOURCES = [
    "Cary Joseph Heath, 35, was arrested on Monday in Fort Worth, Texas. He is held on a $1,200,000 bond.",
    "The White House said on Friday that 3.5 million people in the U.S. were affected in March 2024. "
    "Heath's neighbours said five people lived next door.",
]


def test_supported_text_passes() -> None:
    text = (
        "According to BBC News, Cary Joseph Heath, 35, was arrested Monday in Fort Worth. "
        "The White House said 3.5 million people in the US were affected in March 2024. "
        "Heath was held on a $1200000 bond; 5 people lived next door to Heath's home."
    )
    report = check(text, SOURCES, extra_names=["BBC News"])
    assert report.ok, report.missing
    assert report.missing == ()


def test_outlet_name_needs_metadata() -> None:
    report = check("According to BBC News, Heath was arrested.", SOURCES)
    assert not report.ok and report.missing == ("BBC News",)


def test_invented_names_numbers_and_dates_are_reported() -> None:
    text = "Heath, 36, was arrested on Tuesday by officers in Dallas. Sheriff John Doe said 7 people were there in June."
    report = check(text, SOURCES)
    assert not report.ok
    assert set(report.missing) == {"36", "Tuesday", "Dallas", "Sheriff John Doe", "7", "June"}


def test_number_words_match_digits_or_words() -> None:
    assert check("Five people lived there.", SOURCES).ok
    assert check("Heath had 5 neighbours.", ["Heath had five neighbours."]).ok
    assert check("Nine people lived there.", SOURCES).missing == ("nine",)


def test_invented_name_at_sentence_start_is_caught_but_common_openers_are_not() -> None:
    assert check("Obama was not involved.", SOURCES).missing == ("Obama",)
    assert check("Meanwhile officials were arrested in Texas.", SOURCES).ok


def test_extract_claims_finds_names_numbers_and_dates() -> None:
    claims = extract_claims(
        "On Friday the Bank of England raised rates to 5.25% in London, said Andrew Bailey."
    )
    assert {"Friday", "Bank of England", "5.25", "London", "Andrew Bailey"} <= set(claims)
    assert "On" not in claims and "The" not in claims


def test_possessives_and_punctuation_are_tolerated() -> None:
    assert check("Fort Worth's police arrested Heath.", SOURCES).ok
    assert check("Police in Fort-Worth arrested him.", SOURCES).ok
