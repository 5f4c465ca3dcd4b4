"""Evaluation gate: the extractive writer on the shared Multi-News dev set (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.stories.eval_summarize import evaluate

DATASET = (
    Path(__file__).resolve().parents[2] / ".." / "shared" / "datasets" / "summaries" / "multinews_dev.jsonl"
)
# Measured 45.3 at 220 words (LexRank baseline 42.8 in the same run); pinned a little below.
# 44.84 since sentences must stand alone, be current and in the story's language; 45.15 once
# sentences run together are split apart; 44.90 with pronouns told only after their own article's
# sentence. Lowered to 44.8 (measured 44.85, ROUGE-2 14.02, faithful 1.0) when judgements in the
# desk's own voice ("a shocking, never-before-seen look", "Terrific performances are turned in")
# stopped being told: the bound is 1 point below 45.3, and a neutral desk says no such thing.
# Raised to 44.9 when it measured 44.99 (ROUGE-2 13.97), with sentences that restate a told one left out.
ROUGE1_FLOOR = 44.9


@pytest.mark.gate
@pytest.mark.slow
def test_summaries_gate() -> None:
    if not DATASET.exists():
        pytest.skip(f"shared summaries set not found at {DATASET}")
    result = evaluate(DATASET, words=220)
    assert result["n"] == 100
    assert result["faithful"] == 1.0
    assert result["rouge1"] >= ROUGE1_FLOOR, result
    assert result["rouge1"] - result["lexrank"]["rouge1"] >= 2.0, result
