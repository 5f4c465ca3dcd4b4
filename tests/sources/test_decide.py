"""Pure scheduling decisions: no network, no database, no real clock."""

import random
from datetime import UTC, datetime, timedelta

import pytest

from dateline.sources.decide import (
    MAX_BACKOFF,
    MIN_DELAY,
    Outcome,
    classify,
    decide_after_fetch,
    is_due,
    next_fetch,
    parse_cache_max_age,
    parse_retry_after,
)

NOW = datetime(2020, 3, 1, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


@pytest.mark.parametrize(
    ("status", "outcome"),
    [
        (200, Outcome.OK),
        (203, Outcome.OK),
        (304, Outcome.NOT_MODIFIED),
        (429, Outcome.RATE_LIMITED),
        (500, Outcome.SERVER_ERROR),
        (503, Outcome.SERVER_ERROR),
        (404, Outcome.CLIENT_ERROR),
        (403, Outcome.CLIENT_ERROR),
        (410, Outcome.GONE),
        (None, Outcome.FAILED),
    ],
)
def test_classify(status, outcome):
    assert classify(status) is outcome


def test_failure_flags():
    assert not Outcome.OK.is_failure and not Outcome.NOT_MODIFIED.is_failure
    assert all(o.is_failure for o in Outcome if o not in (Outcome.OK, Outcome.NOT_MODIFIED))


def test_is_due():
    assert is_due(None, NOW)
    assert is_due(NOW, NOW)
    assert is_due(NOW - HOUR, NOW)
    assert not is_due(NOW + timedelta(seconds=1), NOW)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("120", 120.0),
        (" 0 ", 0.0),
        ("Sun, 01 Mar 2020 13:00:00 GMT", 3600.0),
        ("Sun, 01 Mar 2020 11:00:00 GMT", 0.0),  # in the past: now
        ("-5", None),
        ("soon", None),
        ("", None),
        (None, None),
        ("\xb2", None),  # a superscript two: str.isdigit() says yes, int() says no
        ("²³", None),
        ("١٢٠", None),  # Arabic-Indic digits
        ("9" * 13, None),  # longer than any delay
        ("Sun, 01 Mar 99999 13:00:00 GMT", None),
        ("Sun, 01 Mar 2020 99:99:99 GMT", None),
    ],
)
def test_parse_retry_after(value, expected):
    assert parse_retry_after(value, NOW) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("public, max-age=600", 600.0),
        ("max-age=60, s-maxage=900", 900.0),
        ('max-age="300"', 300.0),
        ("no-cache", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_cache_max_age(value, expected):
    assert parse_cache_max_age(value) == expected


def test_healthy_source_waits_one_interval():
    assert next_fetch(NOW, interval=timedelta(minutes=30)) == NOW + timedelta(minutes=30)
    assert next_fetch(NOW, interval=1800.0) == NOW + timedelta(minutes=30)


def test_backoff_doubles_per_failure_without_rng():
    delays = [next_fetch(NOW, interval=timedelta(minutes=30), failures=n) - NOW for n in range(4)]
    assert delays == [timedelta(minutes=m) for m in (30, 60, 120, 240)]


def test_backoff_is_capped_even_after_many_failures():
    assert next_fetch(NOW, interval=HOUR, failures=10) - NOW == MAX_BACKOFF
    # no overflow with absurd counts, jitter cannot push past the cap
    assert next_fetch(NOW, interval=HOUR, failures=10_000, rng=random.Random(1)) - NOW <= MAX_BACKOFF


def test_jitter_stays_within_twenty_percent_and_is_reproducible():
    base = timedelta(minutes=120)
    seen = set()
    for seed in range(200):
        delay = next_fetch(NOW, interval=timedelta(minutes=30), failures=2, rng=random.Random(seed)) - NOW
        assert base * 0.8 <= delay <= base * 1.2
        seen.add(delay)
    assert len(seen) > 100  # it really varies
    a = next_fetch(NOW, interval=HOUR, failures=3, rng=random.Random(7))
    b = next_fetch(NOW, interval=HOUR, failures=3, rng=random.Random(7))
    assert a == b


def test_retry_after_is_a_lower_bound():
    assert next_fetch(NOW, interval=timedelta(minutes=30), retry_after=7200) == NOW + timedelta(hours=2)
    # a short Retry-After does not make a failing source come back early
    assert next_fetch(NOW, interval=HOUR, failures=2, retry_after=10) == NOW + timedelta(hours=4)
    # absurd values are capped at a week
    assert next_fetch(NOW, interval=HOUR, retry_after=10**9) == NOW + timedelta(days=7)


def test_cache_max_age_lengthens_but_never_shortens():
    assert next_fetch(NOW, interval=timedelta(minutes=30), cache_max_age=7200) == NOW + timedelta(hours=2)
    assert next_fetch(NOW, interval=timedelta(minutes=30), cache_max_age=60) == NOW + timedelta(minutes=30)


def test_floor_applies_to_tiny_intervals():
    assert next_fetch(NOW, interval=0, cache_max_age=0, retry_after=0) == NOW + MIN_DELAY


def test_decide_after_fetch_counts_and_resets_failures():
    ok = decide_after_fetch(NOW, status=200, error=None, interval=HOUR, failures=3)
    assert (ok.outcome, ok.failures, ok.has_content, ok.next_fetch_at) == (Outcome.OK, 0, True, NOW + HOUR)
    same = decide_after_fetch(NOW, status=304, error=None, interval=HOUR, failures=2)
    assert (same.outcome, same.failures, same.has_content) == (Outcome.NOT_MODIFIED, 0, False)
    bad = decide_after_fetch(NOW, status=500, error="HTTP 500", interval=HOUR, failures=1)
    assert (bad.outcome, bad.failures, bad.next_fetch_at) == (Outcome.SERVER_ERROR, 2, NOW + 4 * HOUR)
    big = decide_after_fetch(NOW, status=200, error="body larger than 5 MB", interval=HOUR, failures=0)
    assert (big.outcome, big.failures, big.has_content) == (Outcome.FAILED, 1, False)
    slow = decide_after_fetch(NOW, status=429, error="HTTP 429", interval=HOUR, failures=0, retry_after=86400)
    assert slow.outcome is Outcome.RATE_LIMITED and slow.next_fetch_at == NOW + timedelta(days=1)
    gone = decide_after_fetch(NOW, status=410, error="HTTP 410", interval=HOUR, failures=0)
    assert gone.gone and gone.outcome is Outcome.GONE


def test_sources_modules_do_not_import_django():
    import subprocess
    import sys

    code = (
        "import sys, dateline.sources.decide as d; assert 'httpx' not in sys.modules, 'decide pulls httpx';"
        "import dateline.sources.fetch, dateline.sources.feeds, dateline.sources.opml, dateline.sources.netguard;"
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules), 'django imported'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)  # noqa: S603
    assert done.returncode == 0, done.stderr
