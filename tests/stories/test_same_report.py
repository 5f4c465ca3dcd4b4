"""Two headlines of one outlet: versions of one report, or the next instalment of a template."""

from __future__ import annotations

from dateline.stories.event_signals import headline_names, headline_overlap, same_report


def test_a_beat_label_is_not_shared_content() -> None:
    assert (
        headline_overlap("Cuba: Nothing Changes on May Day", "Cuba: Bloggers Offended by Archbishop") == 0.0
    )
    assert same_report(
        "Thailand: Grandfather Jailed for Lese Majeste Dies",
        "Thailand: Grandfather Serving an Anti-Royal Sentence Dies in Prison",
        0.4,
    )


def test_one_template_naming_different_people_is_two_reports() -> None:
    assert not same_report(
        "Gillibrand ends US presidential bid", "Hickenlooper ends US presidential bid", 0.4
    )
    assert not same_report(
        "Hurricane Dorian strengthens to Category 5, makes landfall in the Bahamas",
        "Hurricane Humberto strengthens to Category 3 while approaching Bermuda",
        0.4,
    )
    # An update may name more than the first version did.
    assert same_report("Earthquake strikes near Palu", "Earthquake strikes near Palu, Donggala", 0.4)


def test_title_case_headlines_carry_no_names() -> None:
    assert headline_names("North Korean Missile Passes Over Northern Japan, Government Says") is None
    assert headline_names("Gillibrand ends US presidential bid") == frozenset({"gillibrand", "us"})
