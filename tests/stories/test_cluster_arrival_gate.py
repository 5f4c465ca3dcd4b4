"""Gate: arrival order changes the stories as little as possible (B-cubed agreement).

Feeds that deliver late are simulated on Giveme5W1H: half the outlets' articles (in publication
order), then the other half's; a late article meets the stories as they stood at its publication
time. The two clusterings are compared with B-cubed (the one-ingest clustering as reference).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.stories.cluster import cluster_stream
from dateline.stories.eval_cluster import bcubed, geotagged, load_docs, read_jsonl

# Pinned a little under the measured figure (0.946; 0.930 before late articles met the quiet
# stories of their time): a drop below it is a regression.
AGREEMENT_FLOOR = 0.94

DATASET = (
    Path(__file__).resolve().parents[2] / ".." / "shared" / "datasets" / "clustering" / "giveme5w1h.jsonl.gz"
)

pytestmark = pytest.mark.gate


def test_two_halves_ingest_agrees_with_one_ingest() -> None:
    if not DATASET.exists():
        pytest.skip(f"shared evaluation set not found at {DATASET}")
    docs = [geotagged(doc) for doc, _ in load_docs(list(read_jsonl(DATASET)))]
    one = cluster_stream(docs)
    outlets = sorted({doc.source for doc in docs})
    first = set(outlets[::2])
    order = [i for i, d in enumerate(docs) if d.source in first] + [
        i for i, d in enumerate(docs) if d.source not in first
    ]
    halves = cluster_stream([docs[i] for i in order])
    back = [0] * len(docs)
    for j, i in enumerate(order):
        back[i] = halves[j]
    assert len(first) > 10 and len(order) == len(docs)
    assert bcubed(back, one)[2] >= AGREEMENT_FLOOR
