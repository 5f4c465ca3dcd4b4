"""Trending: breadth of coverage, arrival velocity and recency, against the one clock."""

from __future__ import annotations

import math
from datetime import datetime

#: Stories older than this (since their last article) are no longer trending at all.
TRENDING_WINDOW_HOURS = 7 * 24
#: Articles that arrived within this many hours count towards velocity.
VELOCITY_HOURS = 24


def trending_score(
    *,
    outlets: int,
    recent_articles: int,
    last_updated: datetime,
    now: datetime,
    half_life_hours: float = 12.0,
) -> float:
    """A story's trending score.

    Breadth (distinct outlets, with diminishing returns) times velocity (articles in the
    last day) times an exponential decay on the time since the last article. A story seen
    by eight outlets today outranks one seen by eight outlets last week; a story updated
    "in the future" relative to the clock (clock skew, replays) counts as fresh, not more.
    """
    age_hours = max(0.0, (now - last_updated).total_seconds() / 3600.0)
    if age_hours > TRENDING_WINDOW_HOURS or outlets <= 0:
        return 0.0
    breadth = 1.0 + math.log2(outlets)
    velocity = 1.0 + math.log1p(max(0, recent_articles))
    decay = 0.5 ** (age_hours / max(half_life_hours, 0.1))
    return round(breadth * velocity * decay, 6)
