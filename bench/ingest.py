"""Ingest benchmark: the recorded web into a fresh database, against extraction alone.

Serves ../shared/corpus with its serve.py, imports its sources, runs one whole ingest
(fetch feeds → pages → extract → dedupe → store) into a fresh SQLite database, then runs
extraction alone, in this process, over the same stored pages. Prints both rates and
their ratio, and the CPU time the ingest took per article (robust on a busy machine, where
wall-clock rates are not); the last line is JSON: {"articles", "seconds", "articles_per_s",
"extract_only_per_s", "ratio", "peak_rss_mb", "cpu_ms_per_article", "load_avg"}.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import recorded_desk  # noqa: E402


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)


def cpu_seconds() -> float:
    """CPU time of this process and every process under it, those running (the extraction
    pool's forkserver and its processes) and those that ended and were waited for."""
    import psutil

    me = psutil.Process()
    total = 0.0
    for p in [me, *me.children(recursive=True)]:
        try:
            t = p.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += t.user + t.system + t.children_user + t.children_system
    return total


def main() -> None:
    with recorded_desk("dateline-bench-ingest-"):
        from dateline.articles.extract import extract
        from dateline.articles.models import Article, ArticlePage
        from dateline.pipeline.ingest import ingest

        cpu = cpu_seconds()
        start = time.perf_counter()
        summary = ingest()
        seconds = time.perf_counter() - start
        cpu = cpu_seconds() - cpu
    articles = Article.objects.count()
    load = os.getloadavg()[0]
    print(
        f"whole pipeline: {articles} articles in {seconds:.1f} s = {articles / seconds:.1f} articles/s; "
        f"CPU {cpu / articles * 1000:.1f} ms per article (this process and its extraction processes); "
        f"load average {load:.1f}"
    )
    print(f"  {summary.as_dict()}")

    pages = [(p.raw(), p.final_url, p.content_type) for p in ArticlePage.objects.all()]
    start = time.perf_counter()
    for body, url, content_type in pages:
        extract(body, url, content_type=content_type)
    extract_seconds = time.perf_counter() - start
    extract_rate = len(pages) / extract_seconds
    print(
        f"extraction alone (one process): {len(pages)} pages in {extract_seconds:.1f} s = {extract_rate:.1f} pages/s"
    )
    rate = articles / seconds
    result = {
        "articles": articles,
        "seconds": round(seconds, 2),
        "articles_per_s": round(rate, 2),
        "extract_only_per_s": round(extract_rate, 2),
        "ratio": round(rate / extract_rate, 3),
        "peak_rss_mb": peak_rss_mb(),
        "cpu_ms_per_article": round(cpu / articles * 1000, 1),
        "load_avg": round(load, 1),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
