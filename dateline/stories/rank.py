"""Trending: breadth of coverage, arrival velocity and recency, against the one clock; and how
the front page's three sections share out the stories."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
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
    last day; with none, breadth alone) times an exponential decay on the time since the last
    article. Outside the window the score is 0 and the front page falls back to breadth
    (``Story.objects.trending()`` orders by score, then outlets). A story seen
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


@dataclass(frozen=True)
class Candidate:
    """A story as the front page weighs it: its id and how many outlets covered it."""

    id: int
    outlets: int


@dataclass(frozen=True)
class FrontPage:
    trending: list[int]
    latest: list[int]
    newest: list[int]


def front_page(
    trending: Sequence[Candidate],
    latest: Sequence[Candidate],
    newest: Sequence[Candidate],
    size: int,
) -> FrontPage:
    """Fill the front page's three sections, each with its own stories.

    ``trending`` comes in trending order (pinned, then score, then breadth, then recency), ``latest``
    most recently updated first, ``newest`` first seen first. Trending takes stories covered by
    more than one outlet (a single-source story never leads it); The Latest takes the
    multi-outlet stories most recently updated that Trending did not; New Stories the newest
    stories that neither shows.
    """
    shown: set[int] = set()

    def take(pool: Sequence[Candidate], want: int, multi: bool) -> list[int]:
        picked: list[int] = []
        for c in pool:
            if len(picked) >= want:
                break
            if c.id in shown or (multi and c.outlets < 2):
                continue
            picked.append(c.id)
            shown.add(c.id)
        return picked

    top = take(trending, size, multi=True)
    middle = take(latest, size, multi=True)
    bottom = take(newest, size, multi=False)
    return FrontPage(top, middle, bottom)
