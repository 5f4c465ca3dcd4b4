"""Regression: mixed stories of the recorded web that the silence test and the text-alone rule
across days keep apart, clustered as one stream from the corpus text, as the gates do."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from dateline.stories.cluster import cluster_stream
from dateline.stories.eval_cluster import corpus_rows, geotagged, load_docs

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
TRUTH = SHARED / "corpus" / "truth.jsonl"
LABELS = Path(__file__).parent / "data" / "recorded_web_events.jsonl"


def _truth() -> list[dict[str, object]]:
    if not TRUTH.exists():
        pytest.skip(f"recorded corpus not found at {TRUTH}")
    with TRUTH.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@functools.cache
def _stories(stream: str) -> dict[str, int]:
    """Headline -> story id, clustering the labelled articles (``truth``) or the own labelled set."""
    rows = _truth()
    if stream == "own":
        labels = {r["url"]: r["event_id"] for r in map(json.loads, LABELS.read_text().splitlines())}
        rows = [{**r, "event_id": labels[r["url"]]} for r in rows if r["url"] in labels]
    docs = [geotagged(doc) for doc, _ in load_docs(corpus_rows(rows))]
    out: dict[str, int] = {}
    for doc, sid in zip(docs, cluster_stream(docs), strict=True):
        out.setdefault(doc.title, sid)
    return out


def _apart(stream: str, a: str, b: str) -> bool:
    stories = _stories(stream)
    assert a in stories and b in stories, "both pages are in the recorded web"
    return stories[a] != stories[b]


MISSILES = "North Korea Fires Missile Over Japan"


def test_kims_offer_of_talks_a_month_after_the_missiles_is_another_story() -> None:
    # The missile story had been silent since late November; Kim's new-year offer shares its
    # words (North Korea, nuclear, Pyongyang) but not its happening.
    assert _apart(
        "truth",
        MISSILES,
        "North Korea's Kim Says 'Open to Dialogue' With South Korea, Will Only Use Nukes if Threatened",
    )
    assert _apart("truth", MISSILES, "Kim Jong-un reopens hotline with South Korea")


def test_baghdad_bombings_two_weeks_after_the_mosul_raid_are_another_story() -> None:
    assert _apart(
        "truth",
        "Beheaded bodies found as fighting continues in Mosul",
        "Car bomb in Baghdad kills 7, mostly police, day after 16 officers are killed",
    )
    assert _apart(
        "truth",
        "Beheaded bodies found as fighting continues in Mosul",
        "Twin bombings hit Baghdad's Green Zone",
    )


def test_two_hong_kong_stories_a_week_apart_share_a_city_not_an_event() -> None:
    assert _apart(
        "own",
        "Alibaba to raise up to $12.9bn in landmark Hong Kong listing",
        "Hundreds of Hong Kong district council seats go to pro-democracy candidates",
    )


def test_one_events_reports_still_join() -> None:
    stories = _stories("truth")
    assert stories[MISSILES] == stories["North Korea Launches Another Missile, This One Over Japan"]
    assert (
        stories["Twin bombings hit Baghdad's Green Zone"]
        == stories["Bombs outside Baghdad's Green Zone kill 16"]
    )


def test_an_outlets_report_weeks_after_its_own_is_another_story() -> None:
    # One outlet's beat: the hunger strike's start, and its end three weeks later.
    assert _apart(
        "own",
        "Palestine: Mass Hunger Strike by Prisoners",
        "Palestine: Agreement Made to End Prisoners' Hunger Strike",
    )


def test_a_punishment_weeks_after_the_tanker_lease_story_is_another_story() -> None:
    # "Air Force" and "Boeing" in both headlines tell who, not what: its event date is weeks
    # from the lease story's, which had been silent since.
    assert _apart(
        "truth",
        "Internal emails expose Boeing-Air Force contract discussions",
        "Air Force punishes Boeing by taking 7 contracts",
    )
