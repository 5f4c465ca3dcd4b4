"""A draft that fails the faithfulness gate is never published in that form."""

from __future__ import annotations

from dateline.stories.faithful import check
from dateline.stories.writer import HELD, Draft, SourceText, _without_unfounded

SOURCES = [
    SourceText(
        outlet="Example Wire",
        title="Flooding closes roads in Valencia - Example Wire",
        text="Heavy rain flooded streets in Valencia on Tuesday. Officials closed 12 roads.",
    )
]
TEXTS = [s.text + "\n" + s.title for s in SOURCES]


def test_unfounded_sentences_are_dropped() -> None:
    draft = Draft(
        headline="Flooding closes roads in Valencia",
        summary="Heavy rain flooded streets in Valencia on Tuesday. Mayor Gonzalo Pérez resigned on Friday.",
        writer="extractive",
    )
    safe = _without_unfounded(draft, TEXTS, ["Example Wire"], SOURCES)
    assert "Pérez" not in safe.summary and "Friday" not in safe.summary
    assert "Valencia on Tuesday" in safe.summary
    assert check(safe.headline + "\n" + safe.summary, TEXTS, extra_names=["Example Wire"]).ok


def test_nothing_founded_left_holds_the_story() -> None:
    draft = Draft(
        headline="Madrid mayor resigns",
        summary="Mayor Gonzalo Pérez resigned on Friday.",
        writer="extractive",
    )
    safe = _without_unfounded(draft, TEXTS, ["Example Wire"], SOURCES)
    assert safe.summary == "" and safe.writer == HELD
    assert safe.headline == "Flooding closes roads in Valencia"
