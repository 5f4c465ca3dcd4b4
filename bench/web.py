"""Benchmark the website: seed 100k stories, serve with gunicorn, measure with wrk.

    .venv/bin/python bench/web.py [--stories 100000] [--duration 15] [--connections 32] [--rounds 3]

Pages measured: a minimal Django view (the floor: same middleware, a constant answer), the home,
a country, a story and a search page served from the page cache, then story, country and search
pages that miss the page cache (a unique query string on every request, so every one is rendered:
its queries run and its template is rendered; only the per-country "More from" list of a story
page may come from the cache, as it would on a live site). Each page's seconds are split into
rounds interleaved with the minimal view's, so that a drifting machine slows floor and page alike.
Prints req/s (mean over rounds), p99 latency (the median round's, and the worst) and each page's
ratio to the minimal view; the last line is JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import socket
import subprocess  # noqa: S404 - runs gunicorn and wrk, both fixed command lines
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRUTH = ROOT / ".." / "shared" / "corpus" / "truth.jsonl"
COUNTRIES = (
    "US GB FR DE RU UA CN JP IN BR MX CA AU ZA NG EG KE TR IR IL PS SY IQ SA AE PK AF BD ID PH VN KR KP TH "
    "MY SG NZ AR CL CO PE VE CU IT ES PT NL BE PL SE NO FI DK GR HU RO CZ AT CH IE ET SD LY MA DZ TN GH"
).split()
WORDS = [
    "election",
    "budget",
    "flood",
    "summit",
    "strike",
    "court",
    "vaccine",
    "border",
    "trade",
    "earthquake",
]


def create_app():  # type: ignore[no-untyped-def]
    """The WSGI app gunicorn serves: Dateline plus the bench-only minimal view."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.project.settings")
    import django

    django.setup()
    from django.core.wsgi import get_wsgi_application
    from django.urls import clear_url_caches, path

    from dateline.project import urls
    from dateline.web.views import minimal

    urls.urlpatterns.insert(0, path("_bench/minimal", minimal))
    clear_url_caches()
    return get_wsgi_application()


def _texts() -> list[tuple[str, str]]:
    """(title, text) pairs from the recorded web's truth file, or synthetic ones."""
    pairs: list[tuple[str, str]] = []
    if TRUTH.is_file():
        with TRUTH.open(encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                title, text = (row.get("title") or "").strip(), (row.get("gold_text") or "").strip()
                if title and text:
                    pairs.append((title, text))
    if not pairs:
        rng = random.Random(1)
        for i in range(500):
            words = [rng.choice(WORDS) for _ in range(60)]
            pairs.append(
                (
                    f"Synthetic story {i} about {words[0]}",
                    ". ".join(" ".join(words[j : j + 12]) for j in range(0, 60, 12)),
                )
            )
    return pairs


def _summary(text: str) -> str:
    sentences = re.split(r"(?<=[.!?])\s+", " ".join(text.split()))[:4]
    half = max(1, len(sentences) // 2)
    return " ".join(sentences[:half])[:500] + "\n\n" + " ".join(sentences[half:])[:500]


def _insert(model, rows: list[dict]) -> None:  # type: ignore[no-untyped-def]
    """Insert rows with one executemany; missing columns take the field's default.

    Django's bulk_create spends most of its time preparing values field by field; the bench
    hands over database-ready values (SQLite: ISO text for times, JSON text) instead.
    """
    from django.db import connection

    fields = [f for f in model._meta.concrete_fields]
    defaults = {}
    for f in fields:
        if f.has_default():
            defaults[f.attname] = f.get_db_prep_save(f.get_default(), connection)
        elif not f.null and f.get_internal_type() in ("CharField", "TextField", "URLField", "SlugField"):
            defaults[f.attname] = ""
    names = [f.attname for f in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join("%s" for _ in fields)
    sql = f"INSERT INTO {model._meta.db_table} ({columns}) VALUES ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, [tuple(r.get(n, defaults.get(n)) for n in names) for r in rows])


def seed(n: int) -> float:
    """Create ``n`` published stories with countries and source articles; returns seconds taken."""
    from django.db import transaction
    from django.utils.text import slugify

    from dateline.articles.models import Article, StoryPicture
    from dateline.sources.models import Source
    from dateline.stories.models import Story, StoryCountry
    from dateline.web import search

    started = time.perf_counter()
    rng = random.Random(7)
    pairs = [(title, slugify(title)[:80] or "story", _summary(text)) for title, text in _texts()]
    now = dt.datetime(2024, 6, 1, tzinfo=dt.UTC)
    with transaction.atomic():
        sources = Source.objects.bulk_create(
            Source(
                name=f"Outlet {i}",
                feed_url=f"https://outlet{i}.example/feed",
                site_url=f"https://outlet{i}.example/",
                country=rng.choice(COUNTRIES),
                language="en",
            )
            for i in range(300)
        )
        source_ids = [s.pk for s in sources]
        base_id = (Story.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
        article_id = (Article.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
        stories, filed, articles, pictures = [], [], [], []
        for i in range(n):
            pk = base_id + i
            title, slug, summary = pairs[i % len(pairs)]
            codes = rng.sample(COUNTRIES, rng.choice((1, 1, 2, 3)))
            seen = now - dt.timedelta(minutes=i * 3 + rng.randint(0, 2))
            updated = (seen + dt.timedelta(minutes=30)).isoformat()
            outlets = rng.randint(1, 4)
            stories.append(
                {
                    "id": pk,
                    "slug": f"{slug}-{i}",
                    "headline": title,
                    "summary": summary,
                    "countries": json.dumps([{"code": c, "score": 1.0, "evidence": []} for c in codes]),
                    "primary_country": codes[0],
                    "first_seen_at": seen.isoformat(),
                    "last_updated_at": updated,
                    "article_count": outlets,
                    "outlet_count": outlets,
                    "trending_score": rng.random() * 10,
                    "needs_write": False,
                    "created_at": updated,
                    "modified_at": updated,
                }
            )
            filed += [
                {"story_id": pk, "country": c, "position": p, "score": 1.0} for p, c in enumerate(codes)
            ]
            if i % 4:  # three stories in four show a lead image on their card
                key = f"{pk:040x}"
                sizes = [[160, 107], [320, 213], [640, 427]]
                data = {
                    "key": key,
                    "sizes": sizes,
                    "alt": "",
                    "outlet": "Outlet",
                    "link": "https://outlet.example/",
                }
                pictures.append(
                    {
                        "story_id": pk,
                        "article_id": article_id,
                        "key": key,
                        "data": json.dumps(data),
                        "chosen_at": updated,
                    }
                )
            articles += [
                {
                    "id": article_id + k,
                    "source_id": source_ids[(pk * 7 + k) % len(source_ids)],
                    "url": f"https://outlet.example/{pk}/{k}",
                    "url_key": f"outlet.example/{pk}/{k}",
                    "title": title,
                    "published_at": seen.isoformat(),
                    "fetched_at": seen.isoformat(),
                    "story_id": pk,
                    "primary_country": codes[0],
                    "countries": "[]",
                    "max_snippet": None,
                    "fingerprint": None,
                    "duplicate_of_id": None,
                    "geotagged_at": None,
                    "clustered_at": None,
                }
                for k in range(min(outlets, 2))
            ]
            article_id += min(outlets, 2)
        _insert(Story, stories)
        _insert(StoryCountry, filed)
        _insert(Article, articles)
        _insert(StoryPicture, pictures)
        search.rebuild_index()
    return time.perf_counter() - started


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


_LUA = """
local paths = {%s}
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, paths[(n %% #paths) + 1] .. "%s" .. n .. "x" .. math.random(1, 1000000000))
end
"""


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url: str, duration: int, connections: int, script: Path | None = None) -> dict[str, float]:
    """Run wrk once; returns req/s, p99 in ms and the number of errors."""
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "10s"]
    if script:
        cmd += ["-s", str(script)]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout  # noqa: S603
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])  # type: ignore[index]
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out)[1])  # type: ignore[index]
    errors = 0
    for pattern in (
        r"Non-2xx or 3xx responses: (\d+)",
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
    ):
        match = re.search(pattern, out)
        if match:
            errors += sum(int(g) for g in match.groups())
    return {"rps": round(rps, 1), "p99_ms": round(p99, 2), "errors": errors}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds the seconds are split into")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (Debian package 'wrk')")

    data = Path(tempfile.mkdtemp(prefix="dateline-bench-"))
    env = {
        **os.environ,
        "DATELINE_DATA_DIR": str(data),
        "DEBUG": "false",
        "DATELINE_NOW": "2024-06-01T00:00:00Z",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SETTINGS_MODULE": "dateline.project.settings",
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    from dateline.stories.models import Story

    call_command("migrate", verbosity=0)
    seconds = seed(args.stories)
    print(f"seeded {args.stories} stories in {seconds:.1f} s", flush=True)
    story = Story.objects.newest()[args.stories // 2]
    slugs = list(Story.objects.published().values_list("slug", flat=True)[:: max(1, args.stories // 2000)])

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # noqa: S603
        [
            str(Path(sys.executable).parent / "gunicorn"),
            # Two synchronous workers: one request per process at a time, each going to whichever
            # worker is free. Threads (gthread, with keep-alive) were no faster here and pin a
            # connection to one worker, which lengthens the tail when the two are unevenly loaded.
            "-w",
            "2",
            "--worker-class",
            "sync",
            "-b",
            f"127.0.0.1:{port}",
            "--chdir",
            str(ROOT),
            "--pythonpath",
            str(ROOT / "bench"),
            "--log-level",
            "warning",
            "web:create_app()",
        ],
        env=env,
    )
    results: dict[str, dict[str, float]] = {}
    try:
        _wait(port)
        scripts = Path(tempfile.mkdtemp(prefix="dateline-wrk-"))

        def busting(name: str, paths: list[str], sep: str) -> Path:
            path = scripts / f"{name}.lua"
            path.write_text(_LUA % (", ".join(json.dumps(p) for p in paths), sep))
            return path

        pages: list[tuple[str, str, Path | None]] = [
            ("minimal", "/_bench/minimal", None),
            ("home", "/", None),
            ("country", "/country/fr/", None),
            ("story", story.get_absolute_url(), None),
            ("search", "/search?q=election", None),
            ("story_uncached", "/", busting("story", [f"/story/{s}/" for s in slugs], "?v=")),
            (
                "country_uncached",
                "/",
                busting("country", [f"/country/{c.lower()}/" for c in COUNTRIES], "?v="),
            ),
            (
                "search_uncached",
                "/",
                busting("search", [f"/search?q={w}" for w in WORDS] + ["/search?q=police+said"], "&v="),
            ),
        ]
        for _name, path, script in pages:
            # Warm the processes (imports, database connection, SQLite's page cache) before measuring;
            # a busting script's requests all miss the page cache, warm-up or not.
            warm = ["wrk", "-t1", "-c2", "-d2s"] + (["-s", str(script)] if script else [])
            subprocess.run([*warm, base + path], capture_output=True, check=False)  # noqa: S603
        # Every page gets its seconds in rounds, interleaved with the minimal view's, so that a
        # machine whose speed drifts (other tenants, CPU frequency) slows floor and page alike.
        runs: dict[str, list[dict[str, float]]] = {name: [] for name, _, _ in pages}
        seconds_each = max(1, round(args.duration / args.rounds))
        for _ in range(args.rounds):
            for name, path, script in pages:
                runs[name].append(wrk(base + path, seconds_each, args.connections, script))
        for name, path, script in pages:
            rows = runs[name]
            p99s = sorted(row["p99_ms"] for row in rows)
            results[name] = {
                "rps": round(sum(row["rps"] for row in rows) / len(rows), 1),
                "p99_ms": p99s[len(p99s) // 2],  # the median round's
                "p99_ms_worst": p99s[-1],
                "errors": sum(int(row["errors"]) for row in rows),
            }
            if script is not None:
                # With one connection per worker nothing queues: the latency of the page itself.
                alone = wrk(base + path, max(5, args.duration // 3), 2, script)
                results[name]["p99_ms_2conn"] = alone["p99_ms"]
                results[name]["rps_2conn"] = alone["rps"]
            print(
                f"{name:18} {results[name]['rps']:9.1f} req/s  p99 {results[name]['p99_ms']:8.2f} ms "
                f"(worst round {results[name]['p99_ms_worst']:.2f})  errors {results[name]['errors']}"
                + (f"  (2 connections: p99 {results[name]['p99_ms_2conn']:.2f} ms)" if script else ""),
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(data, ignore_errors=True)
    floor = results["minimal"]["rps"] or 1.0
    for row in results.values():
        row["ratio"] = round(row["rps"] / floor, 3)
    print("ratios to minimal: " + ", ".join(f"{k} {v['ratio']:.2f}" for k, v in results.items()))
    print(json.dumps({"stories": args.stories, "seed_s": round(seconds, 1), "pages": results}))


if __name__ == "__main__":
    main()
