"""Benchmark the geotagger: articles tagged per second on one core.

Uses the shared geo sets' texts when ../shared is present, else a synthetic article.
The last line of output is JSON: {"articles_per_s": ...}.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from dateline.geo.gazetteer import gazetteer
from dateline.geo.tagger import tag

GEO_DIR = Path(__file__).resolve().parents[1] / ".." / "shared" / "datasets" / "geo"

SYNTHETIC = (
    "MOSCOW (Reuters) - Russian troops have been seen in North Korea, officials in Seoul said on Tuesday.\n\n"
    + "The Kremlin declined to comment, while the Pentagon said Washington was watching closely. " * 3
    + "\n\nAnalysts in Tokyo and Beijing said the move could change the balance on the Korean Peninsula. " * 8
)


def _articles() -> list[tuple[str, str]]:
    items: list[tuple[str, str]] = []
    if GEO_DIR.is_dir():
        for path in sorted(GEO_DIR.glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    items.append((row.get("title") or "", row.get("text") or ""))
    return items or [("Russian soldiers in North Korea", SYNTHETIC)] * 200


def main() -> None:
    """Run the benchmark and print a JSON summary line last."""
    t0 = time.perf_counter()
    gazetteer()
    build_s = time.perf_counter() - t0
    articles = _articles()
    chars = sum(len(t) + len(x) for t, x in articles) / len(articles)
    # CPU time of this process, so that other load on the machine does not count against us.
    rounds, n = 0, 0
    start, wall_start = time.process_time(), time.perf_counter()
    while time.process_time() - start < 2.0 or rounds < 1:
        for title, text in articles:
            tag(title, text)
        n += len(articles)
        rounds += 1
    elapsed = time.process_time() - start
    wall = time.perf_counter() - wall_start
    rate = n / elapsed
    print(f"gazetteer built in {build_s:.2f} s ({len(gazetteer().table)} forms)")
    print(f"{len(articles)} articles, {chars:.0f} characters on average, {rounds} rounds")
    print(f"{rate:.0f} articles/s on one core, CPU time ({1000 / rate:.3f} ms per article)")
    print(f"{n / wall:.0f} articles/s by wall clock")
    print(json.dumps({"articles_per_s": round(rate, 1)}))


if __name__ == "__main__":
    main()
