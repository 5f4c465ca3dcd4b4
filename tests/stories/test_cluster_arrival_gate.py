"""Gate: arrival order does not change the stories (B-cubed agreement, F1 under random lateness).

Feeds that deliver late are simulated on Giveme5W1H as the pipeline sees them, in batches
(``arrival.cluster_arrivals``: each batch is one clustering run, whose late articles re-stream
the window they fall in):
- half the outlets' articles, then the other half's: compared with one ingest by B-cubed;
- each article arriving up to seven days after its publication (random, fixed seeds), a batch
  per day of arrival: B-cubed F1 against the events, within 0.01 of publication order.
"""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

import pytest

from dateline.stories.arrival import cluster_arrivals
from dateline.stories.cluster import Doc, cluster_stream
from dateline.stories.eval_cluster import bcubed, geotagged, load_docs, read_jsonl

# Pinned a little under the measured figures (two halves: 0.998; it was 0.946 when each late
# article met the stories of its time one by one): a drop below them is a regression.
AGREEMENT_FLOOR = 0.98
F1_SLACK = 0.01
LATENESS = timedelta(days=7)
SEEDS = (1,)

DATASET = (
    Path(__file__).resolve().parents[2] / ".." / "shared" / "datasets" / "clustering" / "giveme5w1h.jsonl.gz"
)

pytestmark = pytest.mark.gate


@pytest.fixture(scope="module")
def stream() -> tuple[list[Doc], list[object]]:
    if not DATASET.exists():
        pytest.skip(f"shared evaluation set not found at {DATASET}")
    pairs = load_docs(list(read_jsonl(DATASET)))
    return [geotagged(doc) for doc, _ in pairs], [event for _, event in pairs]


def test_two_halves_ingest_agrees_with_one_ingest(stream: tuple[list[Doc], list[object]]) -> None:
    docs, _ = stream
    one = cluster_stream(docs)
    outlets = sorted({doc.source for doc in docs})
    first = set(outlets[::2])
    halves = cluster_arrivals(
        [[d for d in docs if d.source in first], [d for d in docs if d.source not in first]]
    )
    assert len(first) > 10 and len(halves) == len(docs)
    assert bcubed([halves[d.key] for d in docs], one)[2] >= AGREEMENT_FLOOR


def test_random_lateness_keeps_publication_order_f1(stream: tuple[list[Doc], list[object]]) -> None:
    docs, gold = stream
    in_order = bcubed(cluster_stream(docs), gold)[2]
    for seed in SEEDS:
        rnd = random.Random(seed)
        arrives = {d.key: d.published + LATENESS * rnd.random() for d in docs if d.published}
        days: dict[object, list[Doc]] = {}
        for d in sorted(docs, key=lambda d: arrives[d.key]):
            days.setdefault(arrives[d.key].date(), []).append(d)
        got = cluster_arrivals(days.values())
        f1 = bcubed([got[d.key] for d in docs], gold)[2]
        assert abs(f1 - in_order) <= F1_SLACK, (seed, f1, in_order)
