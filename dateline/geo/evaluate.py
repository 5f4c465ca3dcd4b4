"""Evaluate the geotagger on a labelled JSONL file (the geo format of the shared datasets).

Each line: ``{"id", "title", "text", "countries": [alpha-2 codes], ...}``.
"""

from __future__ import annotations

import json
from pathlib import Path

from dateline.geo.tagger import tag

__all__ = ["evaluate", "score"]


def score(items: list[tuple[set[str], list[str]]]) -> dict:
    """Metrics for (gold set, predicted codes with the primary first) pairs.

    - ``top1``: share of items whose predicted primary is in the gold set. An item with an
      empty gold set counts as a hit when nothing is predicted and a miss otherwise; an item
      with gold countries and no prediction is a miss.
    - ``precision`` / ``recall`` / ``f1``: micro-averaged over all items, predicted set
      against gold set. Predictions for an item with an empty gold set are false positives.
    """
    n = len(items)
    hits = tp = fp = fn = 0
    for gold, pred in items:
        predicted = set(pred)
        if gold:
            hits += bool(pred) and pred[0] in gold
        else:
            hits += not pred
        tp += len(predicted & gold)
        fp += len(predicted - gold)
        fn += len(gold - predicted)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "n": n,
        "top1": hits / n if n else 0.0,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def evaluate(path: str | Path) -> dict:
    """Tag every article in a geo JSONL file and return ``{"n", "top1", "precision", "recall", "f1"}``.

    See :func:`score` for how items with an empty gold set are counted.
    """
    items: list[tuple[set[str], list[str]]] = []
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            gold = {str(c).upper() for c in row.get("countries") or []}
            result = tag(row.get("title") or "", row.get("text") or "")
            items.append((gold, result.codes))
    return score(items)
