"""Trending: breadth, velocity and recency against the clock."""

from __future__ import annotations

import datetime as dt

from dateline.stories.rank import trending_score

NOW = dt.datetime(2018, 2, 6, 12, tzinfo=dt.UTC)


def score(outlets: int, recent: int, hours_ago: float) -> float:
    return trending_score(
        outlets=outlets, recent_articles=recent, last_updated=NOW - dt.timedelta(hours=hours_ago), now=NOW
    )


def test_more_outlets_rank_higher() -> None:
    assert score(8, 8, 2) > score(2, 2, 2) > score(1, 1, 2) > 0


def test_recent_beats_stale_at_equal_breadth() -> None:
    assert score(5, 5, 1) > score(5, 5, 30)


def test_velocity_counts() -> None:
    assert score(5, 10, 3) > score(5, 1, 3)


def test_out_of_window_and_future() -> None:
    assert score(10, 10, 24 * 8) == 0.0
    assert score(3, 3, -5) == score(3, 3, 0)


def test_front_page_sections_show_different_stories() -> None:
    from dateline.stories.rank import Candidate, front_page

    stories = [Candidate(i, outlets) for i, outlets in enumerate([1, 9, 1, 13, 2, 1, 3, 4, 1, 2], start=1)]
    by_score = sorted(stories, key=lambda c: -c.outlets)
    page = front_page(by_score, list(reversed(stories)), list(reversed(stories)), size=3)
    assert page.trending == [4, 2, 8]  # broadest first
    shown = page.trending + page.latest + page.newest
    assert len(shown) == len(set(shown)) == 9
    # The Latest holds multi-outlet stories only; a single-source story never enters Trending.
    outlets = {c.id: c.outlets for c in stories}
    assert all(outlets[i] >= 2 for i in page.trending + page.latest)
    assert page.newest[0] == 9  # newest first, whatever its breadth


def test_front_page_without_multi_outlet_stories_leaves_trending_empty() -> None:
    from dateline.stories.rank import Candidate, front_page

    singles = [Candidate(i, 1) for i in range(1, 6)]
    page = front_page(singles, singles, singles, size=3)
    assert page.trending == [] and page.latest == []
    assert page.newest == [1, 2, 3]


def test_zero_velocity_falls_back_to_breadth() -> None:
    # No article in the last day: breadth and recency alone still order the stories.
    assert score(9, 0, 30) > score(2, 0, 30) > 0
