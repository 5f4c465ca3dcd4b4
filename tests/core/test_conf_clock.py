"""Settings are declared once; the one clock can be frozen and set for replays."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline import clock, conf


def test_settings_have_unique_names_defaults_and_help() -> None:
    names = [s.name for s in conf.SETTINGS]
    assert len(names) == len(set(names))
    for s in conf.SETTINGS:
        assert s.help.strip(), s.name
        s.parse(s.default)  # every default parses


def test_environment_overrides_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATELINE_FETCH_INTERVAL", "7")
    assert conf.get("DATELINE_FETCH_INTERVAL") == 7
    monkeypatch.setenv("DATELINE_FETCH_ALLOW_PRIVATE", "yes")
    assert conf.get("DATELINE_FETCH_ALLOW_PRIVATE") is True


def test_clock_frozen_and_fixed(monkeypatch: pytest.MonkeyPatch) -> None:
    at = dt.datetime(2017, 8, 29, 6, 0, tzinfo=dt.UTC)
    with clock.frozen(at):
        assert clock.now() == at
    monkeypatch.setenv("DATELINE_NOW", "2005-01-07T12:00:00Z")
    assert clock.now() == dt.datetime(2005, 1, 7, 12, 0, tzinfo=dt.UTC)
    monkeypatch.setenv("DATELINE_NOW", "")
    assert abs((clock.now() - clock.wall()).total_seconds()) < 5


def test_clock_latest_uses_provider(monkeypatch: pytest.MonkeyPatch) -> None:
    at = dt.datetime(2021, 3, 5, tzinfo=dt.UTC)
    clock.set_latest_provider(lambda: at)
    monkeypatch.setenv("DATELINE_NOW", "latest")
    assert clock.now() == at
