"""A story whose sources have no neutral headline takes one from its lead, not from a later line
(Wired's "The Future of Banking Is … You're Broke" and AutoIndustriya's convertible on the
recorded web)."""

from __future__ import annotations

from datetime import UTC, datetime

from dateline.stories import editorial
from dateline.stories.writer import SourceText, write_extractive

WIRED = SourceText(
    outlet="Wired",
    title="The Future of Banking Is … You're Broke",
    text=(
        "The latest wave of tech-based financial startups have a new angle on the banking sector: "
        "they assume that everyone is out of money, then try to make money from that.\n\n"
        "So-called neobanks such as Chime and Varo offer accounts with no monthly fees and no minimum "
        "balance to millions of customers.\n\n"
        "Yes, the exclamation point is part of the name."
    ),
    published=datetime(2019, 11, 18, 12, 0, tzinfo=UTC),
)


def test_the_headline_comes_from_the_lead_and_no_line_that_answers_another() -> None:
    assert editorial.headline_kind(WIRED.title, ["Wired"]) is not None  # the title will not do
    draft = write_extractive([WIRED], words=120)
    assert draft.headline.startswith("The latest wave of tech-based financial startups")
    assert not draft.headline.startswith("Yes")


def test_a_judgement_opening_a_line_is_the_desks_opinion() -> None:
    assert editorial.desk_opinion(
        "Unsurprisingly, the LC 500 Convertible looks largely similar to the concept previewed in January."
    )
