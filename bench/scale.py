"""Scale-out benchmark: the recorded web, ingested by 1, 2 and 4 task workers.

Serves ../shared/corpus through a wrapper that answers every request after a delay, as
real sites do (``--latency``, 150 ms by default), starts its own redis-server and PostgreSQL,
and for each worker count: a fresh database, ``dateline worker --queues dateline`` × N plus
one ``dateline worker --queues cluster``, then one ``dateline scheduler --once`` turn.
Reports articles/s over the fetch phase (from the turn's first task until every source is
fetched and its articles stored; the scheduler process's own start-up is printed apart) and
over the whole turn (with geotag, cluster, write, rank, publish), peak RSS per worker
(PSS of the worker with its extraction processes), and the ratio to 1 worker. Also, from
process CPU times: CPU-seconds per article (the workers with their extraction processes; and
with PostgreSQL, Redis, the scheduler and the clustering worker), the cores busy, and the
bound the machine's cores put on the ratio (cores / cores busy with one worker), with the
fetch tasks' timeline from the workers' logs (tasks and busy seconds per worker, task
durations, idle gaps, the tail after the first worker ran dry), so a reader sees whether a
ratio is CPU-bound or latency-bound. The last line is JSON:
{"per_s": {"1": …, "2": …, "4": …}, "ratio_4": …, "peak_rss_mb_per_worker": …, …}.

Then serves the last database's site with one ``dateline serve`` node, and two nodes on one
Redis cache, under wrk: the cached home page's req/s, and the ratio (same cores, so per core).

    python bench/scale.py [--latency 0.15] [--sources 160] [--workers 1,2,4] [--web-seconds 8] [--whole-turn]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
DATELINE = [sys.executable, "-m", "dateline"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def slow_corpus(latency: float) -> Iterator[str]:
    """The recorded web's own server, each answer held back by ``latency`` seconds."""
    if not (CORPUS / "serve.py").is_file():
        sys.exit(f"the recorded web is not at {CORPUS}; put ../shared beside the repository")
    spec = importlib.util.spec_from_file_location("recorded_web", CORPUS / "serve.py")
    assert spec is not None and spec.loader is not None
    serve = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(serve)

    class Slow(serve.Handler):  # type: ignore[name-defined,misc]
        def do_GET(self) -> None:
            time.sleep(latency)
            super().do_GET()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    server.daemon_threads = True
    server.request_queue_size = 256
    server.root = str(CORPUS)  # type: ignore[attr-defined]
    server.base = f"http://127.0.0.1:{server.server_address[1]}"  # type: ignore[attr-defined]
    server.started = int(os.stat(CORPUS / "sites").st_mtime)  # type: ignore[attr-defined]
    server.log = False  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.base  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def services(tmp: Path) -> Iterator[tuple[str, str]]:
    """A redis-server and a PostgreSQL server on free ports: (redis URL, postgres URL)."""
    redis_bin = shutil.which("redis-server")
    initdb = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if redis_bin is None or not initdb:
        sys.exit("bench/scale.py needs redis-server and PostgreSQL (apt-get install redis-server postgresql)")
    bindir = initdb[-1].parent
    rport, pport = free_port(), free_port()
    redis = subprocess.Popen(
        [redis_bin, "--port", str(rport), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(tmp, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data = tmp / "pg"
    subprocess.run(
        [*as_user, str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    subprocess.run(
        [
            *as_user,
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            f"-p {pport} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
            "-l",
            str(tmp / "pg.log"),
            "-w",
            "start",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    SERVICE_PIDS["redis"] = redis.pid
    SERVICE_PIDS["postgres"] = int((data / "postmaster.pid").read_text().split()[0])
    try:
        yield f"redis://127.0.0.1:{rport}/0", f"postgres://postgres@127.0.0.1:{pport}"
    finally:
        subprocess.run(
            [*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            stdout=subprocess.DEVNULL,
        )
        redis.terminate()
        redis.wait()


def subset_opml(base: str, count: int, path: Path) -> int:
    sources = json.loads((CORPUS / "sources.json").read_text())
    chosen = [s for s in sources if s["in_feed"] <= 12][:count]
    body = "".join(
        f'<outline type="rss" text="{s["title"]}" xmlUrl="{s["xmlUrl"].replace("{BASE}", base)}"/>'
        for s in chosen
    )
    path.write_text(f'<?xml version="1.0"?><opml version="2.0"><head/><body>{body}</body></opml>')
    return len(chosen)


def tree_rss(proc: psutil.Process) -> float:
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0
    for p in procs:
        try:
            # PSS: pages shared by the worker, its forkserver and its extraction process
            # (and with the other workers) are counted once, shared out, not once each.
            total += getattr(p.memory_full_info(), "pss", 0) or p.memory_info().rss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return total / 2**20


#: The service processes of this run (PostgreSQL's postmaster, redis-server), for their CPU time.
SERVICE_PIDS: dict[str, int] = {}


def tree_cpu(pid: int) -> float:
    """CPU-seconds (user + system) of a process and its descendants, those still running and
    those that ended and were waited for (their time is in their parent's children_*)."""
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0.0
    for p in procs:
        try:
            t = p.cpu_times()
            total += t.user + t.system + t.children_user + t.children_system
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return total


def own_cpu(pid: int) -> float:
    try:
        t = psutil.Process(pid).cpu_times()
    except psutil.NoSuchProcess:
        return 0.0
    return t.user + t.system


def wait_ready(logs: list[Path], timeout: float = 180) -> None:
    """Until every worker says it is ready (connected, its extraction process started), so
    the clock measures the work, not the start of the workers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(" ready." in log.read_text(errors="replace") for log in logs if log.exists()) and all(
            log.exists() for log in logs
        ):
            return
        time.sleep(0.2)
    sys.exit(f"workers not ready after {timeout:.0f} s; see {logs[0].parent}")


def one_run(n: int, env: dict[str, str], opml: Path, sources: int, logs: Path, *, whole_turn: bool) -> dict:
    """One worker count on a fresh database. ``whole_turn``: wait for the turn's later stages
    too (geotag, cluster, write, …); otherwise stop once every source is fetched."""
    import psycopg
    import redis

    name = f"bench{n}"
    with psycopg.connect(env["PG"] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    env = {**env, "DATABASE_URL": f"{env['PG']}/{name}"}
    client = redis.Redis.from_url(env["DATELINE_BROKER_URL"])
    client.flushall()
    subprocess.run([*DATELINE, "migrate", "--no-input"], env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(
        [*DATELINE, "sources", "import", str(opml)], env=env, check=True, stdout=subprocess.DEVNULL
    )

    def start(label: str, *args: str) -> subprocess.Popen:
        log = (logs / f"{name}-{label}.log").open("w")
        return subprocess.Popen(
            [*DATELINE, *args], env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    workers = [start(f"worker{i}", "worker", "--queues", "dateline") for i in range(n)]
    clusterer = start("cluster", "worker", "--queues", "cluster")
    peak = [0.0] * n
    peak_fetching = 0.0
    try:
        wait_ready([logs / f"{name}-worker{i}.log" for i in range(n)] + [logs / f"{name}-cluster.log"])
        cpu_at_start = _cpu(workers, clusterer)
        started = time.perf_counter()
        started_wall = time.time()
        scheduler = start("scheduler", "scheduler", "--once")
        cpu_at_fetched: dict[str, float] = {}
        fetched_at = None
        while scheduler.poll() is None:
            for i, w in enumerate(workers):
                peak[i] = max(peak[i], tree_rss(psutil.Process(w.pid)))
            if fetched_at is None:
                peak_fetching = max(peak)
            if fetched_at is None and int(client.get("dateline:count:sources_fetched") or 0) >= sources:
                fetched_at = time.perf_counter()
                cpu_at_fetched = _cpu(workers, clusterer, scheduler)
                if not whole_turn:
                    # It would wait for the later stages' tasks first: those are not measured here.
                    os.killpg(scheduler.pid, signal.SIGKILL)
                    scheduler.wait(timeout=60)
                    break
            time.sleep(0.25)
        turn = time.perf_counter() - started
        fetched = (fetched_at or time.perf_counter()) - started
        articles = int(client.get("dateline:count:articles_new") or 0)
        cpu_at_end = _cpu(workers, clusterer)
    finally:
        for p in [*workers, clusterer]:
            os.killpg(p.pid, signal.SIGTERM)
        for p in [*workers, clusterer]:
            p.wait(timeout=60)
    # CPU over the fetch phase: the fetching workers (with their extraction processes), and the
    # rest that the same cores serve (PostgreSQL, Redis, the scheduler and the clustering worker).
    spent = {k: cpu_at_fetched.get(k, cpu_at_end[k]) - cpu_at_start.get(k, 0.0) for k in cpu_at_end}
    worker_cpu = spent["workers"]
    all_cpu = sum(v for k, v in spent.items() if k != "workers' own process")
    timeline = task_timeline([logs / f"{name}-worker{i}.log" for i in range(n)])
    # The turn starts when the first fetch task is taken: before that, the scheduler process
    # starts (Python, Django: seconds, once; a running scheduler does not pay it per turn).
    startup = max(0.0, timeline.pop("first_start_at", started_wall) - started_wall) if timeline else 0.0
    turn_fetch = max(fetched - startup, 0.01)
    return {
        "workers": n,
        "articles": articles,
        "startup_s": round(startup, 2),
        "per_s_with_startup": round(articles / fetched, 1),
        "cpu_ms_per_article": round(worker_cpu / max(articles, 1) * 1000, 1),
        "cpu_ms_per_article_all": round(all_cpu / max(articles, 1) * 1000, 1),
        "cores_workers": round(worker_cpu / turn_fetch, 2),
        "cores_all": round(all_cpu / turn_fetch, 2),
        "cpu_split_s": {k: round(v, 1) for k, v in spent.items()},
        "timeline": timeline,
        "fetch_s": round(turn_fetch, 2),
        "turn_s": round(turn - startup, 2) if whole_turn else None,
        "per_s": round(articles / turn_fetch, 1),
        "turn_per_s": round(articles / max(turn - startup, 0.01), 1) if whole_turn else None,
        "peak_rss_mb": round(max(peak), 1),
        "peak_rss_mb_fetching": round(peak_fetching, 1),
        # Other jobs' load too: a figure measured with the cores busy elsewhere is CPU-bound.
        "load_avg": round(os.getloadavg()[0], 1),
    }


def _cpu(
    workers: list[subprocess.Popen], clusterer: subprocess.Popen, scheduler: subprocess.Popen | None = None
) -> dict[str, float]:
    return {
        "workers": sum(tree_cpu(w.pid) for w in workers),
        "workers' own process": sum(own_cpu(w.pid) for w in workers),
        "postgres": tree_cpu(SERVICE_PIDS.get("postgres", 0)),
        "redis": tree_cpu(SERVICE_PIDS.get("redis", 0)),
        "cluster+scheduler": tree_cpu(clusterer.pid) + (tree_cpu(scheduler.pid) if scheduler else 0.0),
    }


_LOG_TIME = re.compile(
    r"^\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}): \w+/\w+\] Task (\S+)\[([\w-]+)\] (received|succeeded in ([\d.]+)s)"
)


def task_timeline(logs: list[Path]) -> dict:
    """From the workers' logs: fetch tasks per worker, their busy time, and the idle gaps
    between one task's end and the next one's start (queue waits), and how long the last
    task ran after the first worker had nothing left to do (the tail)."""
    from datetime import datetime

    per_worker = []
    for log in logs:
        spans: list[tuple[float, float]] = []
        begun: dict[str, float] = {}
        for line in log.read_text(errors="replace").splitlines():
            m = _LOG_TIME.match(line)
            if not m or m[2] not in ("dateline.fetch_sources", "dateline.fetch_source"):
                continue
            at = datetime.strptime(m[1], "%Y-%m-%d %H:%M:%S,%f").timestamp()
            if m[4] == "received":
                begun[m[3]] = at
            elif m[3] in begun:
                spans.append((begun.pop(m[3]), at))
        per_worker.append(sorted(spans))
    spans_all = [s for w in per_worker for s in w]
    if not spans_all:
        return {}
    first = min(s[0] for s in spans_all)
    ends = [w[-1][1] for w in per_worker if w]
    durations = sorted(e - b for b, e in spans_all)
    gaps = [w[i + 1][0] - w[i][1] for w in per_worker for i in range(len(w) - 1)]
    return {
        "tasks": [len(w) for w in per_worker],
        "busy_s": [round(sum(e - b for b, e in w), 1) for w in per_worker],
        "task_s_median": round(durations[len(durations) // 2], 2),
        "task_s_max": round(durations[-1], 2),
        "gaps_s_total": round(sum(gaps), 1),
        "first_start_at": first,
        "last_end_s": round(max(ends) - first, 1),  # seconds after the first task began
        "tail_s": round(max(ends) - min(ends), 1),
    }


def _wrk(url: str, duration: int, connections: int) -> float:
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", out)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if bad:
        raise RuntimeError(f"{url}: {bad[1]} answers were not 2xx/3xx")
    return float(match[1]) if match else 0.0


def web_nodes(env: dict[str, str], database: str, cache: str, duration: int, logs: Path) -> dict:
    """Cached home page: one ``dateline serve`` node alone, then two nodes on one Redis cache
    at once (each wrk'd by its own client); both use the same cores, so the ratio is per core."""
    env = {**env, "DATABASE_URL": database, "DATELINE_CACHE_URL": cache, "ALLOWED_HOSTS": "127.0.0.1"}
    nodes: list[subprocess.Popen] = []

    def node(port: int) -> str:
        log = (logs / f"serve-{port}.log").open("w")
        nodes.append(
            subprocess.Popen(
                [*DATELINE, "serve", "--port", str(port), "--workers", "2"],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=5) as answer:
                    if answer.status == 200:
                        return url
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"dateline serve on {port} did not answer")

    try:
        one = node(free_port())
        _wrk(one, 2, 4)  # warm the cache
        alone = _wrk(one, duration, 16)
        two = node(free_port())
        _wrk(two, 2, 4)
        with ThreadPoolExecutor(2) as pool:
            both = sum(pool.map(lambda u: _wrk(u, duration, 8), [one, two]))
    finally:
        for p in nodes:
            os.killpg(p.pid, signal.SIGTERM)
        for p in nodes:
            p.wait(timeout=30)
    return {"one_node_rps": round(alone, 1), "two_nodes_rps": round(both, 1), "ratio": round(both / alone, 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("--latency", type=float, default=0.15, help="seconds added to every answer")
    ap.add_argument("--sources", type=int, default=160, help="recorded outlets to ingest")
    ap.add_argument("--workers", default="1,2,4", help="worker counts to measure")
    ap.add_argument("--web-seconds", type=int, default=8, help="wrk seconds per web measurement (0: none)")
    ap.add_argument(
        "--whole-turn",
        action="store_true",
        help="time every count's whole turn (geotag … publish too), not only the last one's",
    )
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))  # clean up the servers
    tmp = Path(tempfile.mkdtemp(prefix="dateline-bench-scale-"))
    logs = tmp / "logs"
    logs.mkdir()
    results: dict[int, dict] = {}
    with services(tmp) as (redis_url, pg_url), slow_corpus(args.latency) as base:
        opml = tmp / "sources.opml"
        sources = subset_opml(base, args.sources, opml)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DATELINE_", "CELERY_"))}
        env.update(
            PG=pg_url,
            DJANGO_SETTINGS_MODULE="dateline.project.settings",
            DATELINE_BROKER_URL=redis_url,
            DATELINE_DATA_DIR=str(tmp / "data"),
            DATELINE_FETCH_ALLOWED_NETWORKS="127.0.0.1",
            DATELINE_FETCH_HOST_DELAY="0",
            # Every recorded outlet is one 127.0.0.1:PORT origin here, and per-host limits now
            # hold across all workers: give that one origin the room of many real outlets.
            DATELINE_FETCH_PER_HOST="64",
            DATELINE_INGEST_EVERY="3600",
        )
        print(f"{sources} recorded outlets, {args.latency * 1000:.0f} ms per answer; logs in {logs}")
        counts = [int(x) for x in args.workers.split(",")]
        for n in counts:
            # The last count runs its whole turn: its stories are what the web nodes serve, and
            # its workers write summaries (a worker's peak memory is there).
            r = one_run(n, env, opml, sources, logs, whole_turn=args.whole_turn or n == counts[-1])
            results[n] = r
            turn = f"whole turn {r['turn_s']} s = {r['turn_per_s']}/s; " if r["turn_s"] is not None else ""
            print(
                f"{n} worker(s): {r['articles']} articles fetched and stored in {r['fetch_s']} s = "
                f"{r['per_s']} articles/s from the turn's first task ({r['per_s_with_startup']}/s counting "
                f"the scheduler's start-up, {r['startup_s']} s); {turn}"
                f"peak RSS per worker {r['peak_rss_mb']} MB ({r['peak_rss_mb_fetching']} MB while fetching); "
                f"load average {r['load_avg']}"
            )
            print(
                f"  CPU per article: workers {r['cpu_ms_per_article']} ms, with PostgreSQL, Redis, "
                f"scheduler and clusterer {r['cpu_ms_per_article_all']} ms; cores busy: workers "
                f"{r['cores_workers']}, all {r['cores_all']} of {os.cpu_count()}; CPU-s {r['cpu_split_s']}"
            )
            if r["timeline"]:
                print(f"  fetch tasks: {r['timeline']}")
        web = None
        if shutil.which("wrk") and args.web_seconds > 0:
            last = f"{pg_url}/bench{max(results)}"
            web = web_nodes(env, last, redis_url.rsplit("/", 1)[0] + "/1", args.web_seconds, logs)
            print(
                f"cached home page: one node {web['one_node_rps']} req/s; two nodes on one Redis cache "
                f"{web['two_nodes_rps']} req/s together = {web['ratio']}× on the same cores; "
                f"load average {os.getloadavg()[0]:.1f}"
            )
    base_rate = results[min(results)]["per_s"] or 1.0
    one = results[min(results)]
    cores = os.cpu_count() or 1
    # If the cores were the only limit, N workers could go at most this much faster than one:
    # the machine's cores over the cores one worker's run keeps busy (itself and the services).
    bound = round(cores / max(one["cores_all"], 0.01), 2)
    bound_workers = round(cores / max(one["cores_workers"], 0.01), 2)
    print(
        f"CPU bound on the ratio: {cores} cores / {one['cores_all']} cores busy with {min(results)} worker = "
        f"{bound}× ({bound_workers}× counting the workers alone); measured 4-worker ratio "
        f"{round(results[4]['per_s'] / base_rate, 2) if 4 in results else None}× — "
        "near the bound: CPU-bound; well under it: latency- or serialisation-bound"
    )
    out = {
        "per_s": {str(n): r["per_s"] for n, r in results.items()},
        "turn_per_s": {str(n): r["turn_per_s"] for n, r in results.items()},
        "ratio_4": round(results[4]["per_s"] / base_rate, 2) if 4 in results else None,
        "peak_rss_mb_per_worker": max(r["peak_rss_mb"] for r in results.values()),
        "latency_s": args.latency,
        "sources": sources,
        "articles": results[min(results)]["articles"],
        "web_two_nodes_ratio": web["ratio"] if web else None,
        "load_avg": {str(n): r["load_avg"] for n, r in results.items()},
        "cpu_ms_per_article": {str(n): r["cpu_ms_per_article"] for n, r in results.items()},
        "cores_busy": {str(n): r["cores_all"] for n, r in results.items()},
        "cpu_bound_ratio": bound,
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
