"""Benchmark the streaming clusterer: cost per article with 10k, 50k and 100k articles already stored.

Synthesises a realistic stream from the recorded web's article texts (read at run time from
``../shared/corpus/truth.jsonl``): each synthetic event recombines sentences of two real articles,
carries its own made-up names (as real events bring new names), and is covered by a few outlets
within days of each other. Articles arrive at a steady rate, so a larger index means a longer
history, not a busier day: with cold stories dropping out, the cost per article should stay flat.

At each size the index is filled (in time order) up to that many articles, then the next
``--stream`` articles are clustered (``match`` then ``add``) and timed. The timed stream is run
``--repeats`` times on a copy of the index and the best run is kept: the others are slowed by
whatever else the machine is doing, not by the index. The synthetic input is frozen out of the
garbage collector's view so that a collection pass costs the same whatever the size of the input.

    .venv/bin/python bench/cluster.py [--truth PATH] [--stream 3000] [--per-day 80] [--repeats 3]

Last line: JSON ``{"per_s_10k", "per_s_50k", "per_s_100k"}``.
"""

from __future__ import annotations

import argparse
import copy
import gc
import json
import math
import random
import re
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dateline.stories.cluster import Doc, StoryIndex  # noqa: E402

SIZES = (10_000, 50_000, 100_000)
_SENT = re.compile(r"(?<=[.!?])\s+")
_SYLLABLES = "ka lo mi ren tas vo bar dul en fi gor hal is jun kel mar nor op pra qu ros sel tor ul vin wes yar zo".split()


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def load_bases(truth: Path) -> list[tuple[str, list[str]]]:
    """(title, sentences) of each recorded article with some text."""
    bases = []
    with truth.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            sentences = [s.strip() for s in _SENT.split(row.get("gold_text") or "") if len(s.split()) >= 5]
            if row.get("title") and len(sentences) >= 3:
                bases.append((row["title"], sentences[:40]))
    return bases


def synthesise(
    bases: list[tuple[str, list[str]]], n: int, per_day: float, seed: int = 7
) -> list[tuple[Doc, int]]:
    """``n`` (article, event number) pairs in publication order, about 3 per event, ``per_day`` a day."""
    rng = random.Random(seed)
    start = datetime(2020, 1, 1, tzinfo=UTC)
    span_days = n / per_day
    docs: list[tuple[datetime, str, str, int]] = []
    countries = ["US", "GB", "FR", "DE", "RU", "CN", "IN", "BR", "NG", "JP", "UA", "IL", "ZA", "MX"]
    event = 0
    while len(docs) < n:
        event += 1
        (title, s1), (_, s2) = rng.sample(bases, 2)
        names = [f"{_name(rng)} {_name(rng)}", _name(rng)]
        pool = s1 + s2[: len(s2) // 2]
        t0 = start + timedelta(days=rng.uniform(0, span_days))
        size = min(1 + int(rng.expovariate(1 / 2.0)), 25)
        country = rng.choice(countries)
        for _ in range(size):
            k = rng.randint(min(5, len(pool)), min(12, len(pool)))
            sentences = rng.sample(pool, k)
            sentences.insert(0, f"{names[0]} said {names[1]} was involved.")
            when = t0 + timedelta(hours=rng.uniform(0, 72))
            docs.append((when, f"{names[1]}: {title}", " ".join(sentences) + f" ({country})", event))
    docs.sort(key=lambda d: d[0])
    return [
        (Doc(key=str(i), title=t, text=x, published=w, countries=(x[-3:-1],)), e)
        for i, (w, t, x, e) in enumerate(docs[:n])
    ]


def _timed_stream(index: StoryIndex, stream: list[tuple[Doc, int]]) -> float:
    """Seconds to cluster ``stream`` into ``index`` (``match`` then ``add``, new stories numbered apart)."""
    next_id = 1_000_000_000
    t = time.perf_counter()
    for doc, _ in stream:
        sid = index.match(doc)
        if sid is None:
            sid, next_id = next_id, next_id + 1
        index.add(doc, sid)
    return time.perf_counter() - t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--truth", type=Path, default=ROOT / ".." / "shared" / "corpus" / "truth.jsonl")
    ap.add_argument("--stream", type=int, default=3000, help="new articles timed at each size")
    ap.add_argument("--repeats", type=int, default=3, help="timed runs per size (best kept)")
    ap.add_argument("--per-day", type=float, default=80.0, help="articles published per day")
    args = ap.parse_args(argv)
    if not args.truth.exists():
        print(f"recorded corpus not found at {args.truth}", file=sys.stderr)
        return 2

    t = time.perf_counter()
    bases = load_bases(args.truth)
    docs = synthesise(bases, SIZES[-1] + args.stream, args.per_day)
    # The synthetic input is not part of the index: keep the collector from re-scanning it.
    gc.collect()
    gc.freeze()
    print(f"synthesised {len(docs)} articles from {len(bases)} texts in {time.perf_counter() - t:.1f}s")

    index = StoryIndex()
    results: dict[str, float] = {}
    pos = 0
    for size in SIZES:
        # Stored articles with their stories, replayed as the pipeline does on start.
        t = time.perf_counter()
        for doc, event in docs[pos:size]:
            index.add(doc, event)
        fill_s = time.perf_counter() - t
        pos = size
        stream = docs[size : size + args.stream]
        best = math.inf
        for _ in range(max(1, args.repeats)):
            # Each run starts from the same stored state, and the copy is kept out of the
            # collector's scans just like the stored index it stands for.
            trial = copy.deepcopy(index)
            gc.collect()
            gc.freeze()
            best = min(best, _timed_stream(trial, stream))
            del trial
            gc.unfreeze()
            gc.collect()
        per_s = len(stream) / best
        label = f"per_s_{size // 1000}k"
        results[label] = round(per_s, 1)
        print(
            f"{size:>7} stored: {per_s:8.1f} articles/s ({1000 * best / len(stream):.3f} ms each, best of"
            f" {args.repeats}); open stories {index.open_stories}, fill {fill_s:.1f}s"
        )
    ratio = results["per_s_10k"] / results["per_s_100k"]
    print(f"cost per article at 100k / at 10k: {ratio:.2f}x")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
