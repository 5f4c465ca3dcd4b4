"""Evaluate the streaming clusterer on a labelled clustering set (B-cubed against ``event_id``).

Input: JSON Lines (optionally gzip-compressed), one article per line with ``id``, ``title``,
``text``, ``published`` (ISO 8601 or null; a time without a zone is taken as UTC), ``event_id``
and optionally ``source`` (the outlet). A recorded web's ``truth.jsonl`` works too: its labelled
articles are scored (see ``corpus_rows``).
Articles are fed one by one in publication order; ties and undated articles keep file order,
undated ones after the dated (they take the stream's current time). Articles are geotagged
first, as in the pipeline, so the figure is the clusterer's as deployed.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dateline.stories.cluster import ClusterParams, Doc, cluster_stream

__all__ = ["bcubed", "corpus_rows", "evaluate", "geotagged", "load_docs", "parse_time", "read_jsonl"]


def read_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    """Yield the JSON objects of a ``.jsonl`` or ``.jsonl.gz`` file, skipping blank lines."""
    p = Path(path)
    opener = gzip.open if p.suffix == ".gz" else open
    with opener(p, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def parse_time(value: object) -> datetime | None:
    """Parse an ISO 8601 time into an aware UTC datetime; None for null or unparseable values."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def corpus_rows(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records to cluster. A recorded web's ``truth.jsonl`` (records with ``gold_text``) is
    read as its labelled articles only: ``gold_text`` for the text, ``host`` for the outlet, and
    no stored countries (the geotagger finds them, as in the pipeline)."""
    rows = list(rows)
    if not any("gold_text" in r for r in rows):
        return rows
    return [
        {
            "id": r.get("url") or str(i),
            "title": r.get("title"),
            "text": r.get("gold_text"),
            "published": r.get("published"),
            "event_id": r["event_id"],
            "source": r.get("host") or "",
        }
        for i, r in enumerate(rows)
        if r.get("event_id")
    ]


def load_docs(rows: Sequence[dict[str, Any]]) -> list[tuple[Doc, Hashable]]:
    """Turn records into (Doc, event_id) pairs in stream order (publication time, then file order)."""
    items = []
    for i, row in enumerate(rows):
        countries = row.get("countries") or ()
        doc = Doc(
            key=str(row.get("id", i)),
            title=str(row.get("title") or ""),
            text=str(row.get("text") or row.get("gold_text") or ""),
            published=parse_time(row.get("published")),
            countries=tuple(str(c) for c in countries),
            source=str(row.get("source") or row.get("host") or ""),
        )
        items.append((doc, row.get("event_id"), i))
    # Undated articles go after dated ones (a live stream sees them "now"), in file order.
    items.sort(
        key=lambda it: (it[0].published is None, it[0].published or datetime.min.replace(tzinfo=UTC), it[2])
    )
    return [(doc, event) for doc, event, _ in items]


def bcubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a predicted clustering against gold labels."""
    n = len(gold)
    if n == 0:
        return 0.0, 0.0, 0.0
    pair = Counter(zip(predicted, gold, strict=True))
    pred_size = Counter(predicted)
    gold_size = Counter(gold)
    precision = sum(c * c / pred_size[p] for (p, _), c in pair.items()) / n
    recall = sum(c * c / gold_size[g] for (_, g), c in pair.items()) / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def geotagged(doc: Doc) -> Doc:
    """``doc`` with the countries the geotagger finds, as the pipeline clusters it."""
    if doc.countries:
        return doc
    from dateline.geo.tagger import tag

    return replace(doc, countries=tuple(tag(doc.title, doc.text).codes))


def evaluate(path: str | Path, params: ClusterParams | None = None, *, geotag: bool = True) -> dict[str, Any]:
    """Cluster the file's articles as a stream and score them: ``{n, clusters, precision, recall, f1}``.

    Records without an ``event_id`` are each their own gold event. Articles without ``countries``
    are geotagged first, as the pipeline does before clustering (``geotag=False`` skips that).
    """
    rows = corpus_rows(read_jsonl(path))
    pairs = load_docs(rows)
    if geotag:
        pairs = [(geotagged(doc), event) for doc, event in pairs]
    gold: list[Hashable] = [
        event if event is not None else ("__unlabelled__", k) for k, (_, event) in enumerate(pairs)
    ]
    predicted = cluster_stream((doc for doc, _ in pairs), params)
    precision, recall, f1 = bcubed(predicted, gold)
    return {
        "n": len(pairs),
        "clusters": len(set(predicted)),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }
