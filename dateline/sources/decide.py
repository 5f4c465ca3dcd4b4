"""When to fetch a source next, and what an HTTP answer means: pure decisions, no I/O.

The fetcher (:mod:`dateline.sources.fetch`) does the talking and never decides; this
module decides and never talks. Everything here is a function of its arguments (the
clock and the random source are passed in), so it is tested without network or database.
"""

from __future__ import annotations

import email.utils
import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

#: A failing source is retried no later than this (before jitter is clamped).
MAX_BACKOFF = timedelta(hours=24)
#: Never fetch a source again sooner than this, whatever a server or setting says.
MIN_DELAY = timedelta(minutes=1)
#: Retry-After and Cache-Control are honoured up to this; longer values are assumed mistakes.
MAX_SERVER_DELAY = timedelta(days=7)
#: Jitter spreads retries of sources that failed together (e.g. one host going down).
JITTER = 0.2


class Outcome(StrEnum):
    """What one fetch came to, from the scheduler's point of view."""

    OK = "ok"
    NOT_MODIFIED = "not_modified"
    RATE_LIMITED = "rate_limited"
    SERVER_ERROR = "server_error"
    CLIENT_ERROR = "client_error"
    GONE = "gone"
    #: No HTTP status at all: timeout, refused connection, DNS, guard refusal, oversized body.
    FAILED = "failed"

    @property
    def is_failure(self) -> bool:
        """True when the source's failure count should grow."""
        return self not in (Outcome.OK, Outcome.NOT_MODIFIED)


def classify(status: int | None) -> Outcome:
    """Map an HTTP status (None when no answer came) to an :class:`Outcome`."""
    if status is None:
        return Outcome.FAILED
    if status == 304:
        return Outcome.NOT_MODIFIED
    if 200 <= status < 300:
        return Outcome.OK
    if status == 429:
        return Outcome.RATE_LIMITED
    if status == 410:
        return Outcome.GONE
    if status >= 500:
        return Outcome.SERVER_ERROR
    # 1xx/3xx reaching here means a redirect was not followed (no Location, too many hops).
    return Outcome.CLIENT_ERROR


def is_due(next_fetch_at: datetime | None, now: datetime) -> bool:
    """True when a source scheduled for ``next_fetch_at`` should be fetched at ``now``.

    A source never fetched (None) is due at once.
    """
    return next_fetch_at is None or next_fetch_at <= now


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delay-seconds or HTTP-date), or None.

    A date in the past means "now" (0.0); a value that is neither form (including digits
    outside ASCII such as "²", or a number too long to be a delay) gives None. Never raises.
    """
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value:
        return None
    if value.isascii() and value.isdigit():
        # More than twelve digits (over 30,000 years) is nonsense; the caller caps delays anyway.
        return float(int(value)) if len(value) <= 12 else None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:  # HTTP-dates are GMT; "-0000" parses naive
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


_MAX_AGE = re.compile(r"(?:^|,)\s*(s-maxage|max-age)\s*=\s*\"?(\d+)\"?", re.IGNORECASE)


def parse_cache_max_age(cache_control: str | None) -> float | None:
    """Seconds from a Cache-Control header's ``max-age`` (or ``s-maxage``), or None.

    ``no-cache``/``no-store`` give None: they say nothing about how often to poll.
    """
    if not cache_control:
        return None
    ages = {name.lower(): int(seconds) for name, seconds in _MAX_AGE.findall(cache_control)}
    if "s-maxage" in ages:  # Dateline is a shared cache of sorts
        return float(ages["s-maxage"])
    if "max-age" in ages:
        return float(ages["max-age"])
    return None


def _seconds(value: timedelta | float) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def backoff_delay(interval: timedelta | float, failures: int, rng: random.Random | None = None) -> float:
    """Seconds before retrying a source that failed ``failures`` times in a row.

    ``interval · 2^failures``, capped at :data:`MAX_BACKOFF`, with ±20 % jitter from
    ``rng`` (the result is clamped to the cap again). No failures: the plain interval.
    """
    base = _seconds(interval)
    if failures <= 0:
        return base
    cap = MAX_BACKOFF.total_seconds()
    delay = min(base * 2.0 ** min(failures, 32), cap)  # min() keeps 2**n finite
    if rng is not None:
        delay *= rng.uniform(1 - JITTER, 1 + JITTER)
    return min(delay, cap)


def next_fetch(
    now: datetime,
    *,
    interval: timedelta | float,
    failures: int = 0,
    retry_after: float | None = None,
    cache_max_age: float | None = None,
    rng: random.Random | None = None,
) -> datetime:
    """When to fetch a source next.

    - healthy (``failures == 0``): after ``interval``, or after ``cache_max_age`` when the
      server asked for a longer cache lifetime;
    - failing: exponential backoff with jitter (see :func:`backoff_delay`);
    - ``retry_after`` (seconds, from :func:`parse_retry_after`) is a lower bound;
    - never sooner than :data:`MIN_DELAY`; server-given delays count up to :data:`MAX_SERVER_DELAY`.

    ``rng`` is injectable so tests are deterministic; without it there is no jitter.
    """
    delay = backoff_delay(interval, failures, rng)
    server_cap = MAX_SERVER_DELAY.total_seconds()
    if cache_max_age is not None and failures <= 0:
        delay = max(delay, min(cache_max_age, server_cap))
    if retry_after is not None:
        delay = max(delay, min(retry_after, server_cap))
    delay = max(delay, MIN_DELAY.total_seconds())
    return now + timedelta(seconds=delay)


@dataclass(frozen=True)
class FetchOutcome:
    """What the scheduler should record about a source after one fetch."""

    outcome: Outcome
    failures: int
    next_fetch_at: datetime
    #: True when the answer carried new content to parse (a 200).
    has_content: bool
    #: True when the source should be retired (410 Gone) until an editor looks at it.
    gone: bool


def decide_after_fetch(
    now: datetime,
    *,
    status: int | None,
    error: str | None,
    interval: timedelta | float,
    failures: int,
    retry_after: float | None = None,
    cache_max_age: float | None = None,
    rng: random.Random | None = None,
) -> FetchOutcome:
    """Turn one fetch's status and error into the source's new failure count and next time.

    A transport or guard ``error`` counts as a failure even when a status is present
    (e.g. a 200 whose body was over the size cap).
    """
    outcome = classify(status)
    if error is not None and not outcome.is_failure:
        outcome = Outcome.FAILED
    new_failures = failures + 1 if outcome.is_failure else 0
    when = next_fetch(
        now,
        interval=interval,
        failures=new_failures,
        retry_after=retry_after,
        cache_max_age=cache_max_age if not outcome.is_failure else None,
        rng=rng,
    )
    return FetchOutcome(
        outcome=outcome,
        failures=new_failures,
        next_fetch_at=when,
        has_content=outcome is Outcome.OK,
        gone=outcome is Outcome.GONE,
    )
