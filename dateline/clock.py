"""The one clock.

Everything time-relative (trending, "this week", newsletter windows, relative times on
pages) asks :func:`now`. Replays of recorded news set it with ``DATELINE_NOW`` (an ISO
time, or ``latest`` for the newest article's time) or, in tests, with :func:`frozen`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator

UTC = dt.UTC

_override: dt.datetime | None = None
_latest_provider: Callable[[], dt.datetime | None] | None = None


def _real_now() -> dt.datetime:
    return dt.datetime.now(tz=UTC)


def set_latest_provider(provider: Callable[[], dt.datetime | None]) -> None:
    """Register how ``DATELINE_NOW=latest`` finds the newest article's time."""
    global _latest_provider
    _latest_provider = provider


def parse_iso(value: str) -> dt.datetime:
    """Parse an ISO 8601 time; a naive one is taken as UTC."""
    parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def now() -> dt.datetime:
    """The current time for Dateline, timezone-aware (UTC)."""
    if _override is not None:
        return _override
    from dateline import conf

    configured = str(conf.get("DATELINE_NOW")).strip()
    if not configured:
        return _real_now()
    if configured == "latest":
        latest = _latest_provider() if _latest_provider else None
        return latest or _real_now()
    return parse_iso(configured)


@contextlib.contextmanager
def frozen(at: dt.datetime) -> Iterator[dt.datetime]:
    """Freeze :func:`now` at ``at`` inside the block (tests, replays)."""
    global _override
    previous = _override
    _override = at if at.tzinfo else at.replace(tzinfo=UTC)
    try:
        yield _override
    finally:
        _override = previous


def wall() -> dt.datetime:
    """Real time, whatever :func:`now` says: for politeness towards real servers
    (when to fetch a feed again, Retry-After) and for recording when we fetched."""
    return _real_now()
