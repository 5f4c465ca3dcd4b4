"""Pure tests of the streaming clusterer: joining, splitting, going cold, determinism, evaluation."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from dateline.stories.cluster import ClusterParams, Doc, StoryIndex, cluster_stream, features
from dateline.stories.eval_cluster import bcubed, evaluate, geotagged, parse_time

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
    params = ClusterParams(cold_after=timedelta(days=3), revive_threshold=0.0)
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
    params = ClusterParams(cold_after=timedelta(days=3), revive_threshold=0.0)
    late = T0 + timedelta(days=6)
    big, small = StoryIndex(params), StoryIndex(params)
    for i in range(8):
        big.add(Doc(f"q{i}", QUAKE_1.title, QUAKE_1.text, T0, QUAKE_1.countries), 1)
    small.add(QUAKE_1, 1)
    follow_up = Doc(QUAKE_2.key, QUAKE_2.title, QUAKE_2.text, late, QUAKE_2.countries)
    assert big.match(follow_up) == 1
    assert small.match(follow_up) is None


def test_a_close_follow_up_revives_a_quiet_story_a_loose_one_does_not() -> None:
    params = ClusterParams(cold_after=timedelta(days=3), revive_after=timedelta(days=400))
    index = StoryIndex(params)
    index.add(QUAKE_1, 1)
    year = T0 + timedelta(days=300)
    index.add(Doc(BUDGET.key, BUDGET.title, BUDGET.text, year, BUDGET.countries), 2)  # sweeps story 1
    assert index.open_stories == 1  # story 1 is dormant: a summary, out of the open index
    loose = Doc("8", "Taiwan railway timetable changes", "Taiwan Railway publishes new timetables.", year)
    assert index.match(loose) is None
    follow_up = Doc(QUAKE_2.key, QUAKE_2.title, QUAKE_2.text, year, QUAKE_2.countries)
    assert index.match(follow_up) == 1
    index.add(follow_up, 1)
    assert index.open_stories == 2  # revived
    off = StoryIndex(ClusterParams(cold_after=timedelta(days=3), revive_threshold=0.0))
    off.add(QUAKE_1, 1)
    assert off.match(follow_up) is None


def test_dormant_stories_are_small_and_forgotten_after_revive_after() -> None:
    params = ClusterParams(cold_after=timedelta(days=3), revive_after=timedelta(days=30), revive_terms=5)
    index = StoryIndex(params)
    index.add(QUAKE_1, 1)
    index.add(Doc("5", BUDGET.title, BUDGET.text, T0 + timedelta(days=10)), 2)
    assert len(index._dormant[1].vec) == 5
    index.add(Doc("6", BUDGET.title, BUDGET.text, T0 + timedelta(days=60)), 2)
    assert 1 not in index._dormant and not any(1 in posted for posted in index._dormant_postings.values())
    late = Doc(QUAKE_2.key, QUAKE_2.title, QUAKE_2.text, T0 + timedelta(days=60), QUAKE_2.countries)
    assert index.match(late) is None


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
    assert evaluate(path, geotag=False) == result


def test_evaluation_geotags_like_the_pipeline() -> None:
    doc = Doc("1", "Flooding in Pakistan", "Floods hit Karachi and Lahore on Monday.", None)
    assert geotagged(doc).countries[:1] == ("PK",)
    kept = Doc("2", "Flooding in Pakistan", "Floods hit Karachi.", None, ("IN",))
    assert geotagged(kept) is kept  # countries given by the set are used as they are


def test_a_shared_country_alone_joins_nothing_by_default() -> None:
    # Two different events in one country: the geotagger's countries must not pull them together.
    params = ClusterParams()
    assert params.country_bonus == 0 and params.country_penalty == 0


# -- merges -----------------------------------------------------------------------------------


def _at(key: str, hours: float, title: str, text: str) -> Doc:
    return Doc(key, title, text, T0 + timedelta(hours=hours), ("TW",))


# Two early reports of one earthquake that share almost no words (the town, the gorge), then
# fuller reports that name both.
QUAKE_TOWN = _at(
    "t",
    0,
    "Strong earthquake shakes eastern Taiwan",
    "A magnitude 7.4 earthquake struck off Hualien County on Wednesday morning. Taiwan Railway "
    "suspended services and the Central Weather Administration warned of aftershocks near Hualien City.",
)
QUAKE_GORGE = _at(
    "g",
    1,
    "Hikers trapped in Taroko Gorge after rockfalls",
    "Rescuers are trying to reach dozens of hikers stranded at Taroko National Park, where boulders "
    "blocked the Shakadang Trail and the road to Tianxiang. Helicopters dropped supplies to the Silks "
    "Place hotel.",
)
QUAKE_BOTH = [
    _at(
        "b1",
        3,
        "Taiwan earthquake: Hualien quake strands hikers in Taroko Gorge",
        "The magnitude 7.4 earthquake in Hualien County triggered rockfalls in Taroko National Park, "
        "stranding hikers on the Shakadang Trail and near Tianxiang. Taiwan Railway suspended services; "
        "the Central Weather Administration warned of aftershocks. Helicopters dropped supplies to the "
        "Silks Place hotel.",
    ),
    _at(
        "b2",
        5,
        "Hualien earthquake: rescuers reach hikers stranded in Taroko Gorge",
        "Rescuers reached hikers stranded in Taroko National Park after the magnitude 7.4 Hualien "
        "earthquake. Boulders blocked the Shakadang Trail and the road to Tianxiang; Silks Place hotel "
        "guests were airlifted. Taiwan Railway resumed services as aftershocks shook Hualien City.",
    ),
]


def test_stories_bridged_by_later_articles_merge() -> None:
    docs = [QUAKE_TOWN, QUAKE_GORGE, *QUAKE_BOTH]
    # Without merging, the early split stays: the first report is alone for good.
    assert cluster_stream(docs, ClusterParams(merge_threshold=0.0)) == [0, 1, 1, 1]
    # With it, the fuller reports show the two threads are one event; the larger one survives.
    assert cluster_stream(docs) == [1, 1, 1, 1]


def test_merge_is_reported_once_and_applied_inside_the_index() -> None:
    index = StoryIndex()
    index.add(QUAKE_TOWN, 10)
    index.add(QUAKE_GORGE, 20)
    assert index.take_merges() == []
    index.add(QUAKE_BOTH[0], 20)
    assert index.take_merges() == [(10, 20)]
    assert index.take_merges() == []  # drained
    assert index.open_stories == 1
    assert index.match(QUAKE_BOTH[1]) == 20
    # A late assignment to the absorbed id lands in the surviving story.
    index.add(QUAKE_BOTH[1], 10)
    assert index.open_stories == 1
    assert index.take_merges() == []


def test_equal_stories_merge_into_the_older() -> None:
    index = StoryIndex()
    # The same event stored under two ids of two articles each, as a replay may find it.
    index.add(QUAKE_1, 7)
    index.add(QUAKE_BOTH[0], 7)
    index.add(QUAKE_2, 3)
    assert index.take_merges() == []  # a lone article was already weighed by ``match``
    index.add(QUAKE_BOTH[1], 3)
    assert index.take_merges() == [(3, 7)]


def test_unrelated_stories_never_merge() -> None:
    index = StoryIndex()
    stories = {1: [QUAKE_1, QUAKE_2], 2: [BUDGET]}
    budget_2 = Doc(
        "4",
        "German budget: Lindner and Scholz agree debt brake deal",
        "Finance minister Christian Lindner and Chancellor Olaf Scholz agreed how the 2025 budget "
        "keeps to the debt brake; the Bundestag votes in Berlin on Friday.",
        T0 + timedelta(hours=8),
        ("DE",),
    )
    stories[2].append(budget_2)
    cricket = Doc("5", "India beat Australia in Perth", "India won by 295 runs in Perth.", T0, ("IN",))
    index.add(cricket, 4)
    for sid, docs in stories.items():
        for doc in docs:
            index.add(doc, sid)
    assert index.take_merges() == []
    assert cluster_stream([QUAKE_1, BUDGET, cricket, QUAKE_2, budget_2]) == [0, 1, 2, 0, 1]
