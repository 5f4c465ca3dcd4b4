"""A time of day written before its day ("11:55 p.m. Sunday") stays in one sentence, so the day
is anchored inside it ("11:55 p.m. on 31 December"), not as a new sentence's "On 31 December"."""

from __future__ import annotations

from datetime import UTC, datetime

from dateline.stories import editorial
from dateline.stories.sentences import split_clean
from dateline.stories.writer import SourceText, write_extractive

# Hawaii News Now's page of 1 January 2018 on the recorded web.
HAWAII = SourceText(
    outlet="Hawaii News Now",
    title="Passengers on a Hawaiian Airlines flight got to ring in 2018 twice",
    text=(
        "Passengers on a Hawaiian Airlines flight got to ring in the new year twice this year, thanks "
        "to the time difference. The flight was scheduled to take off at 11:55 p.m. Sunday, but left "
        "about 10 minutes late."
    ),
    published=datetime(2018, 1, 1, 20, 0, tzinfo=UTC),
)


def test_a_time_of_day_keeps_its_day_in_one_sentence() -> None:
    assert split_clean(HAWAII.text, clock_days=True)[1] == (
        "The flight was scheduled to take off at 11:55 p.m. Sunday, but left about 10 minutes late."
    )
    assert split_clean("He was walking home around 7 p.m. Tuesday. Police came.", clock_days=True)[
        0
    ].endswith("Tuesday.")
    assert (
        split_clean("Voting ends at 8 p.m. Sunday is the last day.", clock_days=True)[0]
        == "Voting ends at 8 p.m."
    )
    draft = write_extractive([HAWAII], words=60)
    assert "11:55 p.m. on 31 December, but left" in draft.summary
    assert "cut sentence" not in editorial.story_faults(draft.headline, draft.summary, [HAWAII])
    cut = draft.summary.replace("p.m. on 31", "p.m. On 31")
    assert "cut sentence" in editorial.story_faults(draft.headline, cut, [HAWAII])
