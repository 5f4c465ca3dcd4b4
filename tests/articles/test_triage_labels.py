"""Page triage against hand labels of the recorded web's in-feed pages.

``triage_labels.jsonl`` names each in-feed page of the recorded web by its path (host and
path, as the recorded web serves it) and says whether it is a news article, with a reason
when it is not. The test extracts each page as ingestion does, judges it against its feed
date and reports precision and recall of "not news".
"""

from __future__ import annotations

import datetime as dt
import json
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from dateline.articles import triage
from dateline.articles.extract import decode_html, extract

LABELS = Path(__file__).with_name("triage_labels.jsonl")
#: Floors (measured P 0.984, R 0.968 on 62 pages not news of 878): only go up.
MIN_PRECISION = 0.97
MIN_RECALL = 0.96
BASE = "http://127.0.0.1:8001"


def _judge(job: tuple[str, str, str, str, str | None]) -> tuple[str, str, str]:
    page, path, title, outlet, published = job
    body = Path(path).read_bytes()
    url = f"{BASE}/{page}"
    found = extract(body, url)
    facts = triage.PageFacts(
        url=url,
        title=title,
        text=found.text,
        feed_published=dt.datetime.fromisoformat(published.replace("Z", "+00:00")) if published else None,
        status=200,
        outlet=outlet,
        signals=triage.page_signals(decode_html(body)),
    )
    verdict = triage.judge(facts)
    return page, verdict.code, verdict.detail


def judge_corpus(corpus_dir: Path) -> list[tuple[dict, str, str]]:
    truth = {}
    for line in (corpus_dir / "truth.jsonl").open():
        row = json.loads(line)
        truth.setdefault(row["url"].replace("{BASE}/", ""), row)
    labels = [json.loads(line) for line in LABELS.open()]
    jobs = []
    for label in labels:
        row = truth[label["page"]]
        jobs.append(
            (label["page"], str(corpus_dir / row["path"]), row["title"], row["outlet"], row["published"])
        )
    with ProcessPoolExecutor(max_workers=2) as pool:
        verdicts = {page: (code, detail) for page, code, detail in pool.map(_judge, jobs, chunksize=16)}
    return [(label, *verdicts[label["page"]]) for label in labels]


def scores(judged: list[tuple[dict, str, str]]) -> dict[str, float]:
    tp = sum(1 for label, code, _ in judged if not label["news"] and code != triage.NEWS)
    fp = sum(1 for label, code, _ in judged if label["news"] and code != triage.NEWS)
    fn = sum(1 for label, code, _ in judged if not label["news"] and code == triage.NEWS)
    return {
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "not_news": tp + fn,
        "flagged": tp + fp,
    }


def test_labels_cover_the_recorded_web(corpus_dir: Path) -> None:
    in_feed = {
        json.loads(line)["url"].replace("{BASE}/", "")
        for line in (corpus_dir / "truth.jsonl").open()
        if json.loads(line)["in_feed"]
    }
    labels = [json.loads(line) for line in LABELS.open()]
    assert {label["page"] for label in labels} == in_feed
    for label in labels:
        assert label["news"] or label["reason"] in triage.REASONS, label


@pytest.mark.slow
def test_triage_precision_recall_on_labels(corpus_dir: Path) -> None:
    judged = judge_corpus(corpus_dir)
    result = scores(judged)
    wrong = [
        f"{'missed' if code == triage.NEWS else 'flagged'} {label['page'][:90]} ({code}: {detail})"
        for label, code, detail in judged
        if label["news"] != (code == triage.NEWS)
    ]
    print(json.dumps(result), *wrong, sep="\n")
    assert result["precision"] >= MIN_PRECISION, wrong
    assert result["recall"] >= MIN_RECALL, wrong
