"""Two workers at once against one: the recorded web ingested by one `dateline ingest`, then by
two started together on another empty database; the articles and stories are compared.

Each run gets a fresh database: a SQLite file in a temporary folder, or, when ``DATABASE_URL``
names a PostgreSQL server, a fresh database on it (created and dropped here). Stories are
compared as sets of URLs (each article's URL with its aliases: which outlet's copy of a wire
text is the article depends on who stored it first), exactly and by B-cubed F1. The last line
is JSON: {"database", "single": {...}, "pair": {...}, "identical", "bcubed_f1"}.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import serve_corpus  # noqa: E402

DATELINE = [sys.executable, "-m", "dateline"]

REPORT = """
import json
from dateline.articles.models import Article, ArticleAlias
from dateline.stories.models import Story
together = {}
for url, story in Article.objects.values_list("url", "story_id"):
    together.setdefault(story, set()).add(url)
for url, story in ArticleAlias.objects.values_list("url", "article__story_id"):
    together.setdefault(story, set()).add(url)
print(json.dumps({
    "articles": Article.objects.count(),
    "aliases": ArticleAlias.objects.count(),
    "stories": Story.objects.count(),
    "together": sorted(sorted(urls) for story, urls in together.items() if story is not None),
}))
"""


@contextmanager
def fresh_database(name: str) -> Iterator[dict[str, str]]:
    """Environment for one run on an empty database."""
    url = os.environ.get("DATABASE_URL", "")
    with tempfile.TemporaryDirectory(prefix=f"dateline-bench-{name}-") as data_dir:
        env = {**os.environ, "DATELINE_DATA_DIR": data_dir}
        if not url.startswith("postgres"):
            env.pop("DATABASE_URL", None)
            yield env
            return
        import psycopg

        db = f"dateline_bench_{name}"
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {db}")
            admin.execute(f"CREATE DATABASE {db}")
        env["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + db
        try:
            yield env
        finally:
            with psycopg.connect(url, autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")


def dateline(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run([*DATELINE, *args], env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"dateline {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def run(name: str, base: str, workers: int) -> dict:
    with fresh_database(name) as env:
        dateline(["migrate", "--no-input", "-v0"], env)
        dateline(["sources", "import", f"{base}/sources.opml"], env)
        start = time.perf_counter()
        procs = [
            subprocess.Popen(
                [*DATELINE, "ingest", "--quiet"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(workers)
        ]
        codes = []
        for proc in procs:
            _, err = proc.communicate()
            codes.append(proc.returncode)
            if proc.returncode:
                print(f"{name}: a worker exited {proc.returncode}:\n{err[-2000:]}", file=sys.stderr)
        seconds = time.perf_counter() - start
        report = json.loads(dateline(["shell", "-c", REPORT], env).strip().splitlines()[-1])
    report.update(exit_codes=codes, seconds=round(seconds, 1))
    return report


def bcubed_f1(a: list[list[str]], b: list[list[str]]) -> float:
    """B-cubed F1 of clustering ``b`` against ``a`` over the URLs they share."""
    of_a = {url: frozenset(group) for group in a for url in group}
    of_b = {url: frozenset(group) for group in b for url in group}
    urls = of_a.keys() & of_b.keys()
    if not urls:
        return 0.0
    precision = sum(len(of_a[u] & of_b[u] & urls) / len(of_b[u] & urls) for u in urls) / len(urls)
    recall = sum(len(of_a[u] & of_b[u] & urls) / len(of_a[u] & urls) for u in urls) / len(urls)
    return 2 * precision * recall / (precision + recall)


def main() -> None:
    os.environ.update(
        DATELINE_FETCH_ALLOWED_NETWORKS="127.0.0.1",
        DATELINE_FETCH_HOST_DELAY="0",
        DATELINE_FETCH_PER_HOST="8",  # every recorded host is one 127.0.0.1:PORT origin
        DATELINE_IMAGES="false",
    )
    os.environ.pop("DJANGO_SETTINGS_MODULE", None)
    with serve_corpus() as base:
        single = run("single", base, 1)
        pair = run("pair", base, 2)
    identical = single["together"] == pair["together"]
    f1 = bcubed_f1(single["together"], pair["together"])
    for name, report in (("one worker", single), ("two workers", pair)):
        print(
            f"{name}: exit {report['exit_codes']}, {report['articles']} articles, {report['aliases']} aliases, "
            f"{report['stories']} stories, {report['seconds']} s"
        )
    print(f"stories identical: {identical}; B-cubed F1 over URLs: {f1:.4f}")
    database = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    brief = {k: v for k, v in single.items() if k != "together"}
    print(
        json.dumps(
            {
                "database": database,
                "single": brief,
                "pair": {k: v for k, v in pair.items() if k != "together"},
                "identical": identical,
                "bcubed_f1": round(f1, 4),
            }
        )
    )


if __name__ == "__main__":
    main()
