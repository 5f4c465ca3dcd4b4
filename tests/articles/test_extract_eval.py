"""Tests for the extraction metric and file formats of dateline.articles.eval_extract."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from dateline.articles.eval_extract import evaluate, score_segments, score_text, shingles

BODY = " ".join(
    f"Sentence number {i} tells the reader something new about the council vote." for i in range(12)
)
PAGE = f"<html><head><title>T</title></head><body><nav>Home World Sport</nav><article><p>{BODY}</p></article></body></html>"


def test_score_text() -> None:
    assert score_text("a b c d e", "A b  c d e") == (1.0, 1.0, 1.0)
    assert score_text("", "a b c d") == (0.0, 0.0, 0.0)
    p, r, f = score_text("a b c d x y z w", "a b c d e")
    assert p < 1.0 and r == 0.5 and 0 < f < 1
    assert sum(shingles("a b c d a b c d").values()) == 5


def test_score_segments() -> None:
    assert score_segments("Hello   world. Bye", ["hello world", "Hello\nworld."], ["Bye"]) == (1, 1, 1)


def _write(tmp: Path, rows: list[dict]) -> Path:
    (tmp / "p1.html.gz").write_bytes(gzip.compress(PAGE.encode("cp1252")))
    (tmp / "p2.html").write_text(PAGE, encoding="utf-8")
    path = tmp / "pages.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_evaluate_text_format(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [
            {"id": "1", "url": "https://e.example/1", "html": "p1.html.gz", "text": BODY},
            {"id": "2", "url": "https://e.example/2", "html": "missing.html", "text": BODY},
        ],
    )
    result = evaluate(path)
    assert result["n"] == 2
    assert result["f1"] == pytest.approx(0.5, abs=0.01)  # the missing page scores 0


def test_evaluate_segment_and_mixed_formats(tmp_path: Path) -> None:
    seg = {
        "id": "2",
        "url": "https://e.example/2",
        "html": "p2.html",
        "must_include": ["Sentence number 3 tells", "council vote."],
        "must_exclude": ["Home World Sport"],
    }
    result = evaluate(_write(tmp_path, [seg]))
    assert (result["tp"], result["fp"], result["fn"]) == (2, 0, 0)
    assert result["f1"] == 1.0
    mixed = evaluate(_write(tmp_path, [{"id": "1", "html": "p1.html.gz", "text": BODY}, seg]))
    assert mixed["n"] == 1 and mixed["segments"]["n"] == 1
