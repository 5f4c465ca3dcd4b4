"""Gate: streaming clustering quality on the shared Giveme5W1H event set (B-cubed F1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.stories.eval_cluster import evaluate

# Pinned a little under the measured figure: a drop below it is a regression.
F1_FLOOR = 0.935

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
DATASET = SHARED / "datasets" / "clustering" / "giveme5w1h.jsonl.gz"

pytestmark = pytest.mark.gate


def test_giveme5w1h_bcubed_f1() -> None:
    if not DATASET.exists():
        pytest.skip(f"shared evaluation set not found at {DATASET}")
    result = evaluate(DATASET)
    assert result["n"] == 383
    assert result["f1"] >= F1_FLOOR, result
