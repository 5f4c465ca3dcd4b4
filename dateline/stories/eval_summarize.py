"""Evaluate the extractive writer on a summaries set (``{"id", "documents": [{"title"?, "text"}], "summary"}``).

Scores are ROUGE F-measures (``rouge-score``, stemmed) as percentages (×100), beside a LexRank baseline
computed in the same run at the same word budget; ``faithful`` is the share (0-1) of generated summaries
that pass the faithfulness gate.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dateline.stories.faithful import check
from dateline.stories.lexrank import lexrank_summary
from dateline.stories.writer import SourceText, write_extractive

__all__ = ["evaluate", "load_items"]

_METRICS = ("rouge1", "rouge2", "rougeL")


def load_items(path: str | Path) -> list[dict[str, Any]]:
    """Read the JSONL set, skipping blank lines."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def evaluate(path: str | Path, words: int = 220) -> dict[str, Any]:
    """ROUGE-1/2/L (percent), faithfulness rate and a same-run LexRank baseline for the set at ``path``."""
    try:
        from rouge_score import rouge_scorer
    except ImportError as exc:  # a development dependency
        raise RuntimeError(
            "summary evaluation needs the rouge-score package (pip install rouge-score)"
        ) from exc
    scorer = rouge_scorer.RougeScorer(list(_METRICS), use_stemmer=True)
    items = load_items(path)
    ours = dict.fromkeys(_METRICS, 0.0)
    base = dict.fromkeys(_METRICS, 0.0)
    faithful = 0
    for item in items:
        docs = [d for d in item.get("documents", []) if (d.get("text") or "").strip()]
        sources = [SourceText(outlet="", title=d.get("title") or "", text=d["text"]) for d in docs]
        summary = write_extractive(sources, words=words).summary if sources else ""
        texts = [f"{d.get('title') or ''}\n{d['text']}" for d in docs]
        if check(summary, texts).ok:
            faithful += 1
        baseline = lexrank_summary([d["text"] for d in docs], words=words)
        for totals, text in ((ours, summary), (base, baseline)):
            result = scorer.score(item["summary"], text)
            for m in _METRICS:
                totals[m] += result[m].fmeasure
    n = len(items) or 1
    return {
        "n": len(items),
        **{m: round(100 * ours[m] / n, 2) for m in _METRICS},
        "faithful": round(faithful / n, 4),
        "lexrank": {m: round(100 * base[m] / n, 2) for m in _METRICS},
    }
