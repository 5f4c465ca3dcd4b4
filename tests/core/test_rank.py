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
