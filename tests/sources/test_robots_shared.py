"""robots.txt answers shared between fetchers through a store (Redis in task workers)."""

import asyncio

from dateline.sources.robots import RobotsAnswer, RobotsCache


class DictStore:
    """A store in memory, with expiry on a fake clock, as Redis keeps it with PX."""

    def __init__(self, clock: list[float]) -> None:
        self.clock = clock
        self.items: dict[str, tuple[RobotsAnswer, float]] = {}
        self.down = False

    async def get(self, robots_url: str) -> tuple[RobotsAnswer, float] | None:
        if self.down or robots_url not in self.items:
            return None
        answer, until = self.items[robots_url]
        left = until - self.clock[0]
        return (answer, left) if left > 0 else None

    async def put(self, robots_url: str, answer: RobotsAnswer, ttl: float) -> None:
        if not self.down:
            self.items[robots_url] = (answer, self.clock[0] + ttl)


def test_a_robots_answer_fetched_by_one_cache_serves_the_others_until_it_expires() -> None:
    now = [1000.0]
    store = DictStore(now)
    fetched: list[str] = []

    async def fetch(url: str) -> RobotsAnswer:
        fetched.append(url)
        return 200, b"User-agent: *\nDisallow: /private/\n", None

    def cache() -> RobotsCache:  # one per task: a fresh fetcher each time
        return RobotsCache(fetch, ttl=600, clock=lambda: now[0], store=store)

    async def allowed(c: RobotsCache, url: str) -> bool:
        return (await c.rules_for(url)).allows(url, "Dateline")

    async def go() -> None:
        first, second = cache(), cache()
        assert await allowed(first, "http://a.example/news/1")
        assert not await allowed(second, "http://a.example/private/2")  # the first one's answer
        assert fetched == ["http://a.example/robots.txt"]
        now[0] += 599
        assert await allowed(cache(), "http://a.example/news/3")
        assert len(fetched) == 1
        now[0] += 2  # expired in the store: fetched again, once
        assert await allowed(cache(), "http://a.example/news/4")
        assert await allowed(cache(), "http://a.example/news/5")
        assert len(fetched) == 2
        # Another origin has its own answer.
        assert await allowed(cache(), "http://b.example/")
        assert fetched[-1] == "http://b.example/robots.txt"
        # The store unreachable: each cache fetches for itself, as one process does.
        store.down = True
        assert await allowed(cache(), "http://a.example/news/6")
        assert len(fetched) == 4

    asyncio.run(go())


def test_an_unreachable_robots_txt_is_shared_for_its_short_ttl_only() -> None:
    now = [0.0]
    store = DictStore(now)
    calls: list[str] = []

    async def fetch(url: str) -> RobotsAnswer:
        calls.append(url)
        return None, b"", "timed out"

    async def go() -> None:
        c = RobotsCache(fetch, ttl=3600, clock=lambda: now[0], store=store)
        assert not (await c.rules_for("http://slow.example/a")).allows("http://slow.example/a", "Dateline")
        # Kept 300 s, not an hour: the host may be back soon.
        assert store.items["http://slow.example/robots.txt"][1] == 300
        again = RobotsCache(fetch, ttl=3600, clock=lambda: now[0], store=store)
        assert (await again.rules_for("http://slow.example/b")).mode == "disallow_all"
        assert len(calls) == 1

    asyncio.run(go())
