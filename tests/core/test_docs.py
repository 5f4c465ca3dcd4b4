"""The README is the front door: it must not drift from the code."""

from __future__ import annotations

from pathlib import Path

from dateline import conf

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_setting_is_documented_in_the_readme() -> None:
    text = README.read_text()
    missing = [s.name for s in conf.SETTINGS if f"`{s.name}`" not in text]
    assert not missing, f"settings missing from the README (run `dateline settings --markdown`): {missing}"


def test_readme_set_up_is_the_two_commands() -> None:
    text = README.read_text()
    setup = text.split("## Set up", 1)[1].split("##", 1)[0]
    assert "make run" in setup and "make test" in setup


def test_every_command_is_documented() -> None:
    text = README.read_text()
    for command in (
        "run",
        "ingest",
        "sources",
        "extract",
        "geotag",
        "stories",
        "newsletter",
        "eval",
        "settings",
    ):
        assert f"`dateline {command}" in text, command
