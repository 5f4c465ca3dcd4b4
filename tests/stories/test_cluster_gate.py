"""Gates: streaming clustering quality on labelled event sets (B-cubed precision and F1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.stories.eval_cluster import evaluate

# Pinned a little under the measured figures: a drop below them is a regression.
F1_FLOOR = 0.955
PRECISION_FLOOR = 0.994
WIKINEWS_F1_FLOOR = 0.846
WIKINEWS_PRECISION_FLOOR = 0.95
CORPUS_F1_FLOOR = 0.906
CORPUS_PRECISION_FLOOR = 0.974

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
DATASET = SHARED / "datasets" / "clustering" / "giveme5w1h.jsonl.gz"
TRUTH = SHARED / "corpus" / "truth.jsonl"

pytestmark = pytest.mark.gate


def test_giveme5w1h_bcubed_f1() -> None:
    if not DATASET.exists():
        pytest.skip(f"shared evaluation set not found at {DATASET}")
    result = evaluate(DATASET)
    assert result["n"] == 383
    assert result["f1"] >= F1_FLOOR, result
    assert result["precision"] >= PRECISION_FLOOR, result


def test_wikinews_cited_sources_bcubed_f1(tmp_path: Path) -> None:
    """A second, noisier stream: the sources Wikinews stories cite, grouped by the citing story."""
    if not TRUTH.exists():
        pytest.skip(f"recorded corpus not found at {TRUTH}")
    rows: list[dict[str, object]] = []
    with TRUTH.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if str(row.get("event_id") or "").startswith("wns-"):
                rows.append(
                    {
                        "id": str(len(rows)),
                        "title": row.get("title"),
                        "text": row.get("gold_text"),
                        "published": row.get("published"),
                        "event_id": row["event_id"],
                        "source": row.get("host"),
                    }
                )
    path = tmp_path / "wikinews_cited.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = evaluate(path)
    assert result["n"] == 319
    assert result["f1"] >= WIKINEWS_F1_FLOOR, result
    assert result["precision"] >= WIKINEWS_PRECISION_FLOOR, result


def test_recorded_web_labelled_articles_bcubed() -> None:
    """Every labelled article of the recorded web in one stream, read from its truth file."""
    if not TRUTH.exists():
        pytest.skip(f"recorded corpus not found at {TRUTH}")
    result = evaluate(TRUTH)
    assert result["n"] == 702
    assert result["f1"] >= CORPUS_F1_FLOOR, result
    assert result["precision"] >= CORPUS_PRECISION_FLOOR, result
