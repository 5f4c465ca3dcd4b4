"""The silence test: after a week without news a story is followed up only by a report that
tells its happening again (a close headline, a date the story names)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from dateline.stories.cluster import ClusterParams, Doc, StoryIndex

T0 = datetime(2024, 3, 7, 12, 0, tzinfo=UTC)  # a Thursday
TEXT = (
    "Pyongyang fired a ballistic missile over Hokkaido on March 6, the Japanese defence ministry "
    "said, the latest launch in a tense season for the Korean peninsula and for Japan."
)


def _doc(key: str, title: str, text: str, when: datetime, source: str) -> Doc:
    return Doc(key=key, title=title, text=text, published=when, source=source)


def _index(*docs: Doc) -> StoryIndex:
    index = StoryIndex(ClusterParams())
    for doc in docs:
        index.add(doc, 0)
    return index


def test_a_report_after_a_weeks_silence_must_tell_the_happening_again() -> None:
    index = _index(_doc("a", "Missile flies over Hokkaido", TEXT, T0, "a.example"))
    story = index._stories[0]
    later = T0 + timedelta(days=30)
    talks = _doc("b", "Kim offers talks with Seoul", "Kim said he was open to dialogue.", later, "b.example")
    assert index._quiet_apart(talks, story, later)
    # The same headline again, or a date the story names, is a follow-up of its happening.
    again = _doc("c", "Missile flies over Hokkaido: inquiry", "An inquiry opened.", later, "b.example")
    assert not index._quiet_apart(again, story, later)
    named = _doc(
        "d", "Kim offers talks", "Since the launch of March 6, Kim has changed tack.", later, "b.example"
    )
    assert not index._quiet_apart(named, story, later)
    # Within the week the story is live: no test.
    soon = T0 + timedelta(days=3)
    assert not index._quiet_apart(talks, story, soon)


def test_an_outlets_own_story_is_followed_up_by_it_only_with_a_date() -> None:
    index = _index(_doc("a", "Palestine: Mass Hunger Strike by Prisoners", TEXT, T0, "gv.example"))
    story = index._stories[0]
    later = T0 + timedelta(days=19)
    end = _doc(
        "b", "Palestine: Agreement Made to End Prisoners' Hunger Strike", "It ended.", later, "gv.example"
    )
    assert index._quiet_apart(end, story, later)  # its headline is alike by the outlet's style only


def test_the_silence_test_can_be_turned_off() -> None:
    index = StoryIndex(ClusterParams(quiet_after=timedelta(0)))
    index.add(_doc("a", "Missile flies over Hokkaido", TEXT, T0, "a.example"), 0)
    later = T0 + timedelta(days=30)
    talks = _doc("b", "Kim offers talks with Seoul", "Kim said he was open to dialogue.", later, "b.example")
    assert not index._quiet_apart(talks, index._stories[0], later)


def test_a_like_headline_does_not_excuse_another_days_happening() -> None:
    index = _index(_doc("a", "Missile flies over Hokkaido", TEXT, T0, "a.example"))
    later = T0 + timedelta(days=30)
    other = _doc(
        "b", "Missile flies over Hokkaido again", "On Tuesday a new missile flew.", later, "b.example"
    )
    assert index._quiet_apart(other, index._stories[0], later)
