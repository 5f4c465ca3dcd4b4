"""Pure tests of the streaming clusterer: joining, splitting, going cold, determinism, evaluation."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from dateline.stories.cluster import ClusterParams, Doc, StoryIndex, cluster_stream, features
from dateline.stories.eval_cluster import bcubed, evaluate, parse_time

T0 = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)

QUAKE_1 = Doc(
    key="1",
    title="Magnitude 7.1 earthquake strikes Hualien, Taiwan",
    text=(
        "A magnitude 7.1 earthquake struck off Hualien County in eastern Taiwan on Wednesday morning, "
        "collapsing buildings and triggering landslides. The Central Weather Administration said the "
        "quake was centred 18 kilometres south of Hualien City. Taiwan Railway suspended services."
    ),
    published=T0,
    countries=("TW",),
)
QUAKE_2 = Doc(
    key="2",
    title="Taiwan earthquake: buildings collapse in Hualien as 7.1 quake hits",
    text=(
        "Buildings collapsed in Hualien after a 7.1 magnitude earthquake hit eastern Taiwan. The Central "
        "Weather Administration reported aftershocks and Taiwan Railway halted trains near Hualien City."
    ),
    published=T0 + timedelta(hours=3),
    countries=("TW",),
)
BUDGET = Doc(
    key="3",
    title="Bundestag passes Germany's 2025 federal budget after Lindner compromise",
    text=(
        "The Bundestag approved the federal budget for 2025 on Friday after finance minister Christian "
        "Lindner agreed a compromise on the debt brake with Chancellor Olaf Scholz in Berlin."
    ),
    published=T0 + timedelta(hours=5),
    countries=("DE",),
)


def test_same_event_joins_and_other_event_does_not() -> None:
    assert cluster_stream([QUAKE_1, QUAKE_2, BUDGET]) == [0, 0, 1]


def test_match_and_add_with_known_story_ids() -> None:
    index = StoryIndex()
    index.add(QUAKE_1, 41)
    index.add(BUDGET, 42)
    assert len(index) == 2
    assert index.match(QUAKE_2) == 41
    unrelated = Doc(
        "9", "Cricket: India beat Australia in Perth", "India won by 295 runs in Perth.", T0, ("IN",)
    )
    assert index.match(unrelated) is None


def test_cold_story_is_not_joined() -> None:
    params = ClusterParams(cold_after=timedelta(days=3))
    late = Doc(QUAKE_2.key, QUAKE_2.title, QUAKE_2.text, T0 + timedelta(days=10), QUAKE_2.countries)
    index = StoryIndex(params)
    index.add(QUAKE_1, 1)
    assert index.match(late) is None
    fresh = Doc(QUAKE_2.key, QUAKE_2.title, QUAKE_2.text, T0 + timedelta(days=2), QUAKE_2.countries)
    assert index.match(fresh) == 1


def test_cold_stories_are_swept_from_memory() -> None:
    params = ClusterParams(cold_after=timedelta(days=3))
    index = StoryIndex(params)
    index.add(QUAKE_1, 1)
    later = Doc(BUDGET.key, BUDGET.title, BUDGET.text, T0 + timedelta(days=30), BUDGET.countries)
    index.add(later, 2)
    assert index.open_stories == 1
    assert len(index) == 2


def test_widely_covered_story_stays_open_longer() -> None:
    params = ClusterParams(cold_after=timedelta(days=3))
    late = T0 + timedelta(days=6)
    big, small = StoryIndex(params), StoryIndex(params)
    for i in range(8):
        big.add(Doc(f"q{i}", QUAKE_1.title, QUAKE_1.text, T0, QUAKE_1.countries), 1)
    small.add(QUAKE_1, 1)
    follow_up = Doc(QUAKE_2.key, QUAKE_2.title, QUAKE_2.text, late, QUAKE_2.countries)
    assert big.match(follow_up) == 1
    assert small.match(follow_up) is None


def test_background_frequencies_make_common_words_weak_from_the_start() -> None:
    index = StoryIndex()
    assert index._idf("announced") < index._idf("hualien") - 1.0
    off = StoryIndex(ClusterParams(background_words=0.0))
    assert off._idf("announced") == pytest.approx(off._idf("hualien"))


def test_undated_article_takes_stream_time() -> None:
    undated = Doc(QUAKE_2.key, QUAKE_2.title, QUAKE_2.text, None, QUAKE_2.countries)
    assert cluster_stream([QUAKE_1, undated]) == [0, 0]


def test_deterministic() -> None:
    docs = [QUAKE_1, BUDGET, QUAKE_2] * 3
    assert cluster_stream(docs) == cluster_stream(list(docs))


def test_entities_are_features() -> None:
    feats = features(BUDGET, ClusterParams())
    assert "e:christian lindner" in feats
    assert any(k.startswith("e:") and k.endswith("olaf scholz") for k in feats)
    assert "the" not in feats


def test_bcubed() -> None:
    assert bcubed([0, 0, 1], ["a", "a", "b"]) == (1.0, 1.0, 1.0)
    p, r, _ = bcubed([0, 0, 0], ["a", "a", "b"])
    assert p == pytest.approx(5 / 9) and r == 1.0


def test_parse_time_naive_is_utc() -> None:
    assert parse_time("2017-12-27T06:57:28") == datetime(2017, 12, 27, 6, 57, 28, tzinfo=UTC)
    assert parse_time(None) is None


def test_evaluate_accepts_gzip_and_null_times(tmp_path: Path) -> None:
    rows = [
        {"id": "a", "title": QUAKE_1.title, "text": QUAKE_1.text, "published": None, "event_id": "q"},
        {
            "id": "b",
            "title": QUAKE_2.title,
            "text": QUAKE_2.text,
            "published": "2024-03-04T12:00:00Z",
            "event_id": "q",
        },
        {
            "id": "c",
            "title": BUDGET.title,
            "text": BUDGET.text,
            "published": "2024-03-04T13:00:00",
            "event_id": "b",
        },
    ]
    path = tmp_path / "set.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r) + "\n" for r in rows)
    result = evaluate(path)
    assert result == {"n": 3, "clusters": 2, "precision": 1.0, "recall": 1.0, "f1": 1.0}
