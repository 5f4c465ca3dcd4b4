"""A story's newest headline gives way when it names nothing its other sources' headlines agree
on: the recorded web's ocean "smoke rings", which the Daily Mail, newest, titled "Elon Musk's
Hyperloop could transport animals at speed"."""

from __future__ import annotations

from datetime import UTC, datetime

from dateline.stories.writer import SourceText, write_extractive

TEXT = (
    "Researchers from the University of Liverpool have spotted the equivalent of smoke-rings in the "
    "ocean which they think could carry small marine creatures at high speed across the ocean. The "
    "smoke-rings are a pair of linked eddies spinning in opposite directions, spotted in the Tasman Sea."
)


def source(outlet: str, title: str, day: int, hour: int) -> SourceText:
    return SourceText(
        outlet=outlet, title=title, text=TEXT, published=datetime(2017, 12, day, hour, tzinfo=UTC)
    )


def test_a_figure_of_speech_does_not_head_the_story() -> None:
    sources = [
        source("University of Liverpool News", "`Smoke rings’ spotted in the ocean from space", 11, 9),
        source("NDTV", "'Smoke Rings' Spotted In The Ocean From Space", 11, 15),
        source("Daily Mail", "Elon Musk's Hyperloop could transport animals at speed", 13, 10),
    ]
    draft = write_extractive(sources, words=60)
    assert "Smoke" in draft.headline and "Hyperloop" not in draft.headline, draft.headline


def test_the_newest_headline_still_wins_when_it_tells_the_event() -> None:
    sources = [
        source("University of Liverpool News", "`Smoke rings’ spotted in the ocean from space", 11, 9),
        source("NDTV", "'Smoke Rings' Spotted In The Ocean From Space", 11, 15),
        source("Daily Mail", "Ocean smoke rings could carry marine creatures across the Tasman Sea", 13, 10),
    ]
    assert write_extractive(sources, words=60).headline == (
        "Ocean smoke rings could carry marine creatures across the Tasman Sea"
    )
