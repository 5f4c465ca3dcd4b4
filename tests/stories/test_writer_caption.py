"""A caption with no full stop run into the sentence after it at "According to": "New North Korea
propaganda video celebrates its missile capability as tensions in region rise According to US
military sources, …" (The Sun's page of 16 September 2017 on the recorded web)."""

from __future__ import annotations

from datetime import UTC, datetime

from dateline.stories import editorial
from dateline.stories.writer import SourceText, write_extractive

CAPTION = "New North Korea propaganda video celebrates its missile capability as tensions in region rise"
SENTENCE = (
    "According to US military sources, North Korea has been spotted moving mobile missile launchers "
    "and preparing test sites."
)
SUN = SourceText(
    outlet="The Sun",
    title="North Korea missile launch footage emerges",
    text=(
        "Seoul said it was the 19th launch of a ballistic missile by North Korea this year.\n\n"
        f"{CAPTION} {SENTENCE}"
    ),
    published=datetime(2017, 9, 16, 10, 25, tzinfo=UTC),
)


def test_a_caption_run_into_according_to_is_counted_and_cut_off() -> None:
    assert editorial.caption_glued(f"{CAPTION} {SENTENCE}") == len(CAPTION) + 1
    assert editorial.caption_glued(SENTENCE) == -1
    glued = f"According to The Sun, Seoul said it was the 19th launch. {CAPTION} {SENTENCE}"
    assert "caption glued" in editorial.story_faults(SUN.title, glued, [SUN])
    draft = write_extractive([SUN], words=60)
    assert CAPTION not in draft.summary
    assert SENTENCE in draft.summary
    assert "caption glued" not in editorial.story_faults(draft.headline, draft.summary, [SUN])
