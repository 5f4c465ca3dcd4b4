"""CPU-seconds per article, stage by stage (process CPU time, not wall: robust on a busy machine).

Serves ../shared/corpus, imports its sources into a fresh SQLite database and ingests them
once with one extraction process: the ingesting process's own CPU is split into its
database work (the one database thread: ``known``, ``store``, ``record_fetch``) and the rest
(fetching, the event loop). Then replays, in this process, what the extraction process
did for every feed and page — feed parsing, then per page: decoding and parsing the HTML,
trafilatura (precision pass, and the recall pass where the first kept little), metadata
(dates, canonical, robots), the lead image, the SimHash fingerprint, language detection,
packing, and pickling the result back to the worker — each timed on its own.
The last line is JSON: {"articles", "pages", "cpu_s_per_article": {stage: s}, …}.

    python bench/article_cpu.py [--sources N] [--repeat 1]
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import pickle
import resource
import sys
import time
import urllib.request
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import CORPUS, recorded_desk  # noqa: E402

SPENT: dict[str, float] = defaultdict(float)
CALLS: dict[str, int] = defaultdict(int)


def timed(
    label: str, fn: Callable[..., Any], clock: Callable[[], float] = time.process_time
) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = clock()
        try:
            return fn(*args, **kwargs)
        finally:
            SPENT[label] += clock() - start
            CALLS[label] += 1

    return wrapper


def own_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("--sources", type=int, default=0, help="recorded outlets to ingest (0: all)")
    ap.add_argument("--repeat", type=int, default=1, help="replays of the extraction work (more: steadier)")
    args = ap.parse_args()
    with recorded_desk("dateline-bench-cpu-"):
        from dateline.articles import dedupe
        from dateline.articles import extract as extract_mod
        from dateline.articles import page as page_mod
        from dateline.articles.models import Article, ArticlePage
        from dateline.pipeline import ingest as ingest_mod
        from dateline.sources import feeds
        from dateline.sources.models import Source

        if args.sources:
            keep = list(Source.objects.order_by("id").values_list("id", flat=True)[: args.sources])
            Source.objects.exclude(id__in=keep).delete()
        # The database thread's CPU, by what it does (thread time: only that thread's work).
        for name in ("known", "store", "record_fetch"):
            method = timed(f"db {name}", getattr(ingest_mod.Store, name), time.thread_time)
            static = isinstance(ingest_mod.Store.__dict__[name], staticmethod)
            setattr(ingest_mod.Store, name, staticmethod(method) if static else method)
        ingest_mod.Store.__init__ = timed("db start", ingest_mod.Store.__init__, time.thread_time)  # type: ignore[method-assign]
        before = own_cpu()
        wall = time.perf_counter()
        summary = ingest_mod.ingest(workers=1)
        wall = time.perf_counter() - wall
        ingesting = own_cpu() - before
        feed_bodies = []
        for source in Source.objects.all():
            try:
                with urllib.request.urlopen(source.feed_url, timeout=30) as answer:
                    feed_bodies.append((answer.read(), answer.headers.get("content-type"), source.feed_url))
            except OSError:
                pass
    articles = Article.objects.count()
    db = {k: v for k, v in SPENT.items() if k.startswith("db ")}
    SPENT.clear()
    CALLS.clear()

    pages = [(p.raw(), p.final_url, p.content_type) for p in ArticlePage.objects.all()]
    # Wrap the stages of process_page (inner ones are part of outer ones: see "rest" below).
    import trafilatura

    extract_mod.decode_html = timed("decode", extract_mod.decode_html)  # type: ignore[assignment]
    extract_mod._main_text = timed("trafilatura (all passes)", extract_mod._main_text)  # type: ignore[assignment]
    trafilatura.bare_extraction = timed("trafilatura passes", trafilatura.bare_extraction)
    extract_mod._lead_image = timed("lead image", extract_mod._lead_image)  # type: ignore[assignment]
    extract_mod._published = timed("metadata: published", extract_mod._published)  # type: ignore[assignment]
    extract_mod._canonical = timed("metadata: canonical", extract_mod._canonical)  # type: ignore[assignment]
    extract_mod._meta = timed("metadata: meta tags", extract_mod._meta)  # type: ignore[assignment]
    page_mod.extract = timed("extract (all)", page_mod.extract)  # type: ignore[assignment]
    dedupe.fingerprint = timed("fingerprint", dedupe.fingerprint)  # type: ignore[assignment]
    page_mod.article_language = timed("language", page_mod.article_language)  # type: ignore[assignment]
    page_mod.zlib = type(
        "Z", (), {"compress": staticmethod(timed("pack (zlib)", __import__("zlib").compress))}
    )  # type: ignore[assignment]
    process = timed("process_page (all)", page_mod.process_page)
    parse = timed("feed parse", feeds.parse_feed)
    dumps = timed("pickle", pickle.dumps)
    loads = timed("pickle", pickle.loads)

    for _ in range(args.repeat):
        for body, content_type, url in feed_bodies:
            loads(dumps(parse(body, content_type=content_type, url=url)))
        for body, url, content_type in pages:
            loads(dumps(process(body, url, content_type, None)))
    n = articles * args.repeat
    per = {k: v / n for k, v in SPENT.items()}
    rest_extract = per["extract (all)"] - sum(
        per.get(k, 0.0)
        for k in (
            "decode",
            "trafilatura (all passes)",
            "lead image",
            "metadata: published",
            "metadata: canonical",
            "metadata: meta tags",
        )
    )
    stages = {
        "feed parse": per.get("feed parse", 0.0),
        "decode": per.get("decode", 0.0),
        "trafilatura": per.get("trafilatura (all passes)", 0.0),
        "html parse + robots + title (rest of extract)": rest_extract,
        "metadata (meta, dates, canonical)": per.get("metadata: published", 0.0)
        + per.get("metadata: canonical", 0.0)
        + per.get("metadata: meta tags", 0.0),
        "lead image": per.get("lead image", 0.0),
        "fingerprint": per.get("fingerprint", 0.0),
        "language": per.get("language", 0.0),
        "pack (zlib)": per.get("pack (zlib)", 0.0),
        "pickle": per.get("pickle", 0.0),
    }
    extraction_total = per.get("process_page (all)", 0.0) + stages["feed parse"] + stages["pickle"]
    db_per = {k: v / articles for k, v in db.items()}
    db_total = sum(db_per.values())
    main_rest = ingesting / articles - db_total
    print(
        f"{articles} articles from {len(feed_bodies)} feeds, {len(pages)} pages kept; ingest wall {wall:.1f} s"
    )
    print(f"  {summary.as_dict()}")
    print("CPU-s per article (ms), extraction process (replayed here):")
    for k, v in stages.items():
        print(f"  {k:<48} {v * 1000:7.2f}")
    passes = CALLS.get("trafilatura passes", 0) / max(1, CALLS.get("trafilatura (all passes)", 1))
    print(
        f"  {'= extraction process total':<48} {extraction_total * 1000:7.2f}   ({passes:.2f} trafilatura passes a page)"
    )
    print("CPU-s per article (ms), ingesting process:")
    for k, v in sorted(db_per.items()):
        print(f"  {k:<48} {v * 1000:7.2f}")
    print(f"  {'fetching, event loop, rest':<48} {main_rest * 1000:7.2f}")
    print(f"  {'= ingesting process total':<48} {ingesting / articles * 1000:7.2f}")
    total = extraction_total + ingesting / articles
    print(f"total {total * 1000:.1f} ms CPU per article; load average {os.getloadavg()[0]:.1f}")
    print(
        json.dumps(
            {
                "articles": articles,
                "pages": len(pages),
                "cpu_ms_per_article": {k: round(v * 1000, 2) for k, v in {**stages, **db_per}.items()},
                "fetch_and_loop_ms": round(main_rest * 1000, 2),
                "extraction_ms": round(extraction_total * 1000, 2),
                "ingesting_ms": round(ingesting / articles * 1000, 2),
                "total_ms": round(total * 1000, 2),
                "trafilatura_passes_per_page": round(passes, 2),
                "load_avg": round(os.getloadavg()[0], 1),
                "corpus": str(CORPUS),
            }
        )
    )


if __name__ == "__main__":
    main()
