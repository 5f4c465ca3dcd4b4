"""Extraction evaluation on a labelled ``pages.jsonl`` file (the shared datasets' format).

Each line is ``{"id", "url", "html", "text"?, "must_include"?, "must_exclude"?}``; ``html`` is
relative to the JSONL file (``.html`` or ``.html.gz``, any encoding).

- Pages with ``text``: per page, precision and recall of word 4-gram shingles (whitespace
  tokens, lower-cased, counted as a multiset) of the extraction against the gold text; P, R and F1
  are each the mean over pages of the per-page values. An empty or failed extraction scores 0.
- Pages with only ``must_include`` / ``must_exclude``: after collapsing whitespace, TP = included
  segments found in the extraction, FN = the others, FP = excluded segments found; micro P/R/F1
  over the file.

A file mixing both kinds reports the shingle metric (over its ``text`` pages) as the main
figures and the segment metric of the remaining pages under ``"segments"``.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from dateline.articles.extract import extract

__all__ = ["evaluate", "score_segments", "score_text", "shingles"]


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of lower-cased whitespace-token n-grams (a text shorter than n yields one shingle)."""
    words = text.lower().split()
    if 0 < len(words) < n:
        return Counter([tuple(words)])
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def score_text(predicted: str, gold: str) -> tuple[float, float, float]:
    """Per-page shingle precision, recall and F1 (0 for an empty prediction)."""
    pred, true = shingles(predicted), shingles(gold)
    if not pred or not true:
        return 0.0, 0.0, 0.0
    tp = sum((pred & true).values())
    p, r = tp / sum(pred.values()), tp / sum(true.values())
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _collapse(text: str) -> str:
    return " ".join(text.split())


def score_segments(predicted: str, include: Iterable[str], exclude: Iterable[str]) -> tuple[int, int, int]:
    """(TP, FP, FN) of gold segments for one page."""
    text = _collapse(predicted)
    inc = [s for s in (_collapse(x) for x in include) if s]
    exc = [s for s in (_collapse(x) for x in exclude) if s]
    tp = sum(1 for s in inc if s in text)
    return tp, sum(1 for s in exc if s in text), len(inc) - tp


def _read_html(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def _extract_page(args: tuple[str, str | None]) -> str:
    path, url = args
    try:
        return extract(_read_html(Path(path)), url).text
    except OSError:
        return ""


def _prf(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _text_metric(pairs: Sequence[tuple[str, str]]) -> dict[str, Any]:
    scores = [score_text(pred, gold) for pred, gold in pairs]
    n = len(scores)
    if not n:
        return {"n": 0, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    return {
        "n": n,
        "precision": sum(s[0] for s in scores) / n,
        "recall": sum(s[1] for s in scores) / n,
        "f1": sum(s[2] for s in scores) / n,
    }


def _segment_metric(items: Sequence[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    tp = fp = fn = 0
    for pred, row in items:
        a, b, c = score_segments(pred, row.get("must_include") or [], row.get("must_exclude") or [])
        tp, fp, fn = tp + a, fp + b, fn + c
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"n": len(items), "precision": p, "recall": r, "f1": _prf(p, r), "tp": tp, "fp": fp, "fn": fn}


def evaluate(path: str | Path, workers: int | None = None) -> dict[str, Any]:
    """Evaluate :func:`~dateline.articles.extract.extract` on a labelled JSONL file.

    Returns ``{"n", "precision", "recall", "f1"}`` (plus ``"segments"`` for a mixed file).
    ``workers`` > 1 spreads extraction over that many processes.
    """
    path = Path(path)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    jobs = [(str(path.parent / row["html"]), row.get("url")) for row in rows]
    if workers and workers > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            preds = list(pool.map(_extract_page, jobs, chunksize=4))
    else:
        preds = [_extract_page(job) for job in jobs]
    text_pairs = [(pred, row["text"]) for pred, row in zip(preds, rows, strict=True) if "text" in row]
    seg_items = [(pred, row) for pred, row in zip(preds, rows, strict=True) if "text" not in row]
    if text_pairs:
        result = _text_metric(text_pairs)
        if seg_items:
            result["segments"] = _segment_metric(seg_items)
        return result
    return _segment_metric(seg_items)
