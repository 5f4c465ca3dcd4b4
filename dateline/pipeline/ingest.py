"""Ingest: due sources → fetch feed → parse → new entries → fetch page → extract → dedupe → store.

The flow reads top-down in :func:`ingest`. Network work runs concurrently on one asyncio
loop (the :class:`~dateline.sources.fetch.Fetcher` keeps per-host limits); extraction,
which is CPU-bound, runs in a small process pool; every database write goes through one
thread, one article per transaction, which suits SQLite's single writer.

Crash safety: an article is stored whole (row, raw page, aliases) or not at all, and a
source's HTTP validators (ETag / Last-Modified) are saved only after every entry of that
feed document is stored. A run killed at any moment re-reads the feed on restart, skips
what it already has, and stores the rest: nothing lost, nothing twice.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import concurrent.futures.process
import contextlib
import functools
import html
import logging
import os
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import IntegrityError, connection, transaction

from dateline import clock, conf
from dateline.articles import dedupe
from dateline.articles.extract import Extracted
from dateline.articles.models import Article, ArticleAlias, ArticlePage
from dateline.articles.page import ProcessedPage, process_page
from dateline.language import article_language, normalize
from dateline.pipeline import lifeline
from dateline.sources import decide
from dateline.sources.feeds import EntryData, FeedData, is_unusable, parse_feed
from dateline.sources.fetch import Fetcher, FetchResult, FetchSettings, default_user_agent
from dateline.sources.models import Source
from dateline.text import without_author_box

log = logging.getLogger("dateline.ingest")

#: PostgreSQL advisory lock key taken while one article is checked and stored.
STORE_LOCK = 0x0DA7E11E

#: Below this many words an extraction is taken as failed (paywall stub, empty shell).
MIN_PAGE_WORDS = 40
PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5"
)


@dataclass
class IngestSummary:
    """What one ingest run did, for the closing table and the logs."""

    sources_fetched: int = 0
    sources_not_modified: int = 0
    sources_failed: int = 0
    articles_new: int = 0
    articles_duplicate: int = 0
    articles_failed: int = 0
    articles_from_feed: int = 0
    new_article_ids: list[int] = field(default_factory=list)
    #: Every problem met, as ``(source name, message)``; see :meth:`problem_counts`.
    failures: list[tuple[str, str]] = field(default_factory=list)

    def problem_counts(self) -> dict[str, int]:
        """How many problems of each kind (see :func:`problem_kind`), most frequent first."""
        counts = Counter(problem_kind(message) for _, message in self.failures)
        return dict(counts.most_common())

    def as_dict(self) -> dict[str, int]:
        return {
            "sources_fetched": self.sources_fetched,
            "sources_not_modified": self.sources_not_modified,
            "sources_failed": self.sources_failed,
            "articles_new": self.articles_new,
            "articles_duplicate": self.articles_duplicate,
            "articles_failed": self.articles_failed,
            "articles_from_feed": self.articles_from_feed,
        }


Progress = Callable[[str, int], None]


def fetch_settings() -> FetchSettings:
    """The fetcher's settings from Dateline's configuration."""
    user_agent = conf.get("DATELINE_USER_AGENT") or default_user_agent(settings.SITE_URL)
    return FetchSettings(
        user_agent=user_agent,
        connect_timeout=conf.get("DATELINE_FETCH_CONNECT_TIMEOUT"),
        read_timeout=conf.get("DATELINE_FETCH_READ_TIMEOUT"),
        deadline=conf.get("DATELINE_FETCH_DEADLINE"),
        max_bytes=conf.get("DATELINE_FETCH_MAX_BYTES"),
        max_redirects=conf.get("DATELINE_FETCH_MAX_REDIRECTS"),
        per_host_concurrency=conf.get("DATELINE_FETCH_PER_HOST"),
        per_host_delay=conf.get("DATELINE_FETCH_HOST_DELAY"),
        respect_robots=conf.get("DATELINE_FETCH_ROBOTS"),
        allow_private=conf.get("DATELINE_FETCH_ALLOW_PRIVATE"),
        allowed_networks=tuple(conf.get("DATELINE_FETCH_ALLOWED_NETWORKS")),
        total_concurrency=conf.get("DATELINE_FETCH_CONCURRENCY"),
    )


# -- pure helpers ------------------------------------------------------------------------

_KINDS = (
    # (kind, words any of which in a message give that kind), first match wins
    ("internal error", ("internal error", "could not parse the feed")),
    ("entry", ("entry ",)),
    ("refused feed", ("feed: refused",)),
    ("not a feed", ("feed: not a feed", "feed: empty feed", "feed: not a valid json", "feed: not a json")),
    ("malformed feed", ("feed: ",)),
    ("refused", ("refused", "private", "loopback", "not allowed")),
    ("timeout", ("timed out",)),
    ("too large", ("larger than",)),
    ("redirect", ("redirect",)),
    ("rate limited", ("http 429",)),
    ("gone", ("http 410",)),
    ("server error", ("http 5",)),
    ("client error", ("http 4", "http 3")),
    ("invalid URL", ("invalid url",)),
    ("connection", ("could not connect", "network error", "dns", "resolve")),
)


def problem_kind(message: str) -> str:
    """The kind of one ingest problem, for the summary's counts ("timeout", "not a feed", ...)."""
    lowered = message.lower()
    for kind, words in _KINDS:
        if any(word in lowered for word in words):
            return kind
    return "other"


_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"[ \t\r\f\v]+")


def plain_text(markup: str) -> str:
    """Feed HTML (summary or content:encoded) as plain text, paragraphs kept, without a box about
    its writer."""
    if not markup:
        return ""
    text = re.sub(r"(?i)<\s*(br|/p|/div|/li|/h\d)\s*/?>", "\n", markup)
    text = html.unescape(_TAG.sub(" ", text))
    lines = (_SPACE.sub(" ", line).strip() for line in text.splitlines())
    return without_author_box("\n\n".join(line for line in lines if line))


def useful_canonical(url: str) -> bool:
    """A rel=canonical worth trusting: absolute http(s) with a real path (not a home page)."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and parts.path.strip("/") != ""


def url_keys(entry_url: str, final_url: str = "", canonical: str = "") -> list[str]:
    """Every normalised key this article is known under, the preferred one first."""
    keys: list[str] = []
    for candidate in (canonical if canonical and useful_canonical(canonical) else "", entry_url, final_url):
        if candidate:
            key = dedupe.canonical_url(candidate)
            if key and key not in keys:
                keys.append(key)
    return keys


def choose_text(feed_text: str, page: Extracted | None) -> tuple[str, str]:
    """The article's main text and where it came from: the page, else the feed's own text."""
    if page is not None and not page.error and len(page.text.split()) >= MIN_PAGE_WORDS:
        return page.text, Article.TextFrom.PAGE
    if page is not None and not page.error and len(page.text.split()) > len(feed_text.split()):
        return page.text, Article.TextFrom.PAGE
    return feed_text, Article.TextFrom.FEED


# -- the database side (one thread) ------------------------------------------------------


class Store:
    """All of ingestion's reads and writes; called from one thread only."""

    def __init__(self) -> None:
        self.copies = dedupe.NearDuplicateIndex()
        self._seen_id = 0
        self._catch_up()

    def _catch_up(self) -> None:
        """Add the fingerprints of articles stored since the last look (by other workers too)."""
        rows = list(
            Article.objects.filter(id__gt=self._seen_id).values_list("id", "fingerprint").order_by("id")
        )
        for article_id, fp in rows:
            if fp is not None:
                self.copies.add(article_id, dedupe.from_signed(fp))
        if rows:
            self._seen_id = rows[-1][0]

    @staticmethod
    def _lock() -> None:
        """Serialise "is it new? then store it" across workers, for the rest of the transaction.

        SQLite's transactions are IMMEDIATE (see settings): beginning one already takes the
        write lock. PostgreSQL takes a transaction-level advisory lock.
        """
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [STORE_LOCK])

    def known(self, source_id: int, entries: Iterable[EntryData]) -> list[bool]:
        """For each entry: is it already stored (by URL key or guid)?"""
        entries = list(entries)
        keys = {e.url: dedupe.canonical_url(e.url) for e in entries if e.url}
        have = set(Article.objects.filter(url_key__in=keys.values()).values_list("url_key", flat=True))
        have |= set(ArticleAlias.objects.filter(url_key__in=keys.values()).values_list("url_key", flat=True))
        guids = {e.guid for e in entries if e.guid}
        have_guids = set(
            Article.objects.filter(source_id=source_id, guid__in=guids).values_list("guid", flat=True)
        )
        return [(keys.get(e.url or "") in have) or (bool(e.guid) and e.guid in have_guids) for e in entries]

    def store(
        self, source: Source, entry: EntryData, page: FetchResult | None, processed: ProcessedPage | None
    ) -> str:
        """Store one entry as an article, or link it to the one it copies.

        Returns "new", "duplicate" (same URL or guid) or "copy" (near-duplicate text).
        """
        now = clock.wall()
        entry_url = entry.url or ""
        found = processed.found if processed is not None else None
        final_url = page.final_url if page is not None and page.ok else ""
        keys = url_keys(entry_url, final_url, found.canonical_url if found else "")
        if not keys:
            return "duplicate"
        feed_text = plain_text(entry.content or entry.summary or "")
        text, text_from = choose_text(feed_text, found)
        title = fuller_title(entry.title or "", *((found.title, found.heading) if found else ()))
        declared = found.language if found and found.language else source.language
        if processed is not None and text_from == Article.TextFrom.PAGE:
            fp: int | None = processed.fingerprint or None
            language = processed.language or normalize(declared)
        else:
            fp = dedupe.fingerprint(text) or None if text else None
            language = article_language(title, text, declared)
        try:
            # Check and insert under one lock, so two workers never both find an article new.
            with transaction.atomic():
                self._lock()
                existing = self._existing(source, keys, entry.guid)
                if existing is not None:
                    self._alias(existing, source, entry_url, keys, ArticleAlias.Kind.URL, now)
                    return "duplicate"
                self._catch_up()
                original_id = self.copies.find(fp) if fp is not None else None
                original = Article.objects.filter(id=original_id).first() if original_id is not None else None
                if original is not None:
                    self._alias(original, source, entry_url, keys, ArticleAlias.Kind.COPY, now)
                    return "copy"
                article = Article.objects.create(
                    source=source,
                    url=entry_url or final_url,
                    url_key=keys[0],
                    guid=entry.guid or "",
                    canonical_url=(found.canonical_url if found else "")[:2000],
                    title=(title or "(untitled)")[:2000],
                    feed_text=feed_text,
                    text=text,
                    text_from=text_from,
                    author=((found.author if found and found.author else entry.author) or "")[:300],
                    language=language[:16],
                    image=(found.image if found else "")[:2000],
                    published_at=entry.published or (found.published if found else None),
                    fetched_at=now,
                    page_error=_page_error(page, found),
                    nosnippet=bool(found and found.nosnippet),
                    max_snippet=found.max_snippet if found else None,
                    fingerprint=dedupe.to_signed(fp) if fp is not None else None,
                )
                if page is not None and page.body:
                    packed = processed.packed if processed is not None else ArticlePage.pack(page.body)
                    ArticlePage.objects.create(
                        article=article,
                        final_url=page.final_url[:2000],
                        status=page.status,
                        content_type=(page.content_type or "")[:200],
                        x_robots_tag=(page.headers.get("x-robots-tag") or "")[:500],
                        body=packed,
                        fetched_at=now,
                    )
                for key in keys[1:]:
                    ArticleAlias.objects.get_or_create(
                        url_key=key,
                        defaults={
                            "article": article,
                            "source": source,
                            "url": entry_url or key,
                            "kind": ArticleAlias.Kind.URL,
                            "seen_at": now,
                        },
                    )
        except IntegrityError:
            # Another worker stored it first: the same article, not a new one.
            return "duplicate"
        if fp is not None:
            self.copies.add(article.id, fp)
        self._seen_id = max(self._seen_id, article.id)  # under the lock nobody else stored meanwhile
        return "new"

    def _existing(self, source: Source, keys: list[str], guid: str | None) -> Article | None:
        article = Article.objects.filter(url_key__in=keys).first()
        if article is None:
            alias = ArticleAlias.objects.filter(url_key__in=keys).select_related("article").first()
            article = alias.article if alias else None
        if article is None and guid:
            article = Article.objects.filter(source=source, guid=guid).first()
        return article

    @staticmethod
    def _alias(article: Article, source: Source, url: str, keys: list[str], kind: str, now: datetime) -> None:
        for key in keys:
            if key == article.url_key:
                continue
            try:
                with transaction.atomic():
                    ArticleAlias.objects.get_or_create(
                        url_key=key,
                        defaults={
                            "article": article,
                            "source": source,
                            "url": url or key,
                            "kind": kind,
                            "seen_at": now,
                        },
                    )
            except IntegrityError:
                pass

    @staticmethod
    def record_fetch(
        source: Source, result: FetchResult, feed: FeedData | None, entry_problems: Iterable[str] = ()
    ) -> decide.FetchOutcome:
        """Record a feed fetch on its source: health, next time, validators, problems.

        A feed that was refused or could not be read at all (a problem and no entry) counts
        as a failed fetch: the source backs off and ``last_error`` says why.
        """
        now = clock.wall()
        error = result.error
        if error is None and feed is not None and is_unusable(feed):
            error = f"feed unusable: {feed.problem}"
        outcome = decide.decide_after_fetch(
            now,
            status=result.status,
            error=error,
            interval=timedelta(minutes=conf.get("DATELINE_FETCH_INTERVAL")),
            failures=source.consecutive_failures,
            retry_after=result.retry_after,
            cache_max_age=result.cache_max_age,
            rng=_rng,
        )
        source.last_fetch_at = now
        source.last_status = result.status
        source.consecutive_failures = outcome.failures
        source.next_fetch_at = outcome.next_fetch_at
        if outcome.outcome.is_failure:
            source.last_error = (error or f"HTTP {result.status}")[:2000]
            if feed is not None:
                source.feed_problem = feed.problem or ""
            if outcome.gone:
                source.active = False
                source.last_error += " — the feed is gone; deactivated until an editor looks at it"
        else:
            source.last_success_at = now
            source.last_error = ""
            if result.final_url and result.final_url != source.feed_url:
                source.final_url = result.final_url[:2000]
            if outcome.has_content:
                source.etag = (result.etag or "")[:500]
                source.last_modified = (result.last_modified or "")[:100]
                problems = [feed.problem] if feed and feed.problem else []
                problems += _first_and_count(list(entry_problems), "entry problem")
                source.feed_problem = "; ".join(problems)[:2000]
        source.save()
        return outcome

    @staticmethod
    def record_error(source: Source, message: str) -> None:
        """Record a failure that happened on Dateline's side of one source: it backs off like any other."""
        now = clock.wall()
        failures = source.consecutive_failures + 1
        source.last_fetch_at = now
        source.consecutive_failures = failures
        source.next_fetch_at = decide.next_fetch(
            now, interval=timedelta(minutes=conf.get("DATELINE_FETCH_INTERVAL")), failures=failures, rng=_rng
        )
        source.last_error = message[:2000]
        source.save()


_rng = random.Random()


def _first_and_count(problems: list[str], what: str) -> list[str]:
    if not problems:
        return []
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return [f"{what}: {problems[0]}{more}"]


def _title_words(title: str) -> list[str]:
    return re.findall(r"\w+", title.casefold())


def fuller_title(feed_title: str, *page_titles: str) -> str:
    """The feed's title of an article; the page's own (its ``<title>``, ``og:title`` or ``h1``, the
    first that fits) when the feed's is a truncated prefix of it ("Fact Check: Is An" of "Fact Check:
    Is An 'Oxygen Bar' In Delhi …"; "Business Focus: It" of "Business Focus: It's Why …")."""
    titles = [" ".join(t.split()) for t in page_titles if t and t.strip()]
    feed_title = " ".join(feed_title.split())
    if not feed_title:
        return titles[0] if titles else ""
    cut = re.sub(r"\s*(?:\.\.\.|…)$", "", feed_title)
    feed_words = _title_words(cut)
    for page_title in titles:
        page_words = _title_words(page_title)
        if feed_words and len(page_words) > len(feed_words) and page_words[: len(feed_words)] == feed_words:
            return page_title
    return feed_title


def _page_error(page: FetchResult | None, found: Extracted | None) -> str:
    if page is None:
        return "page not fetched"
    if not page.ok:
        return page.error or f"HTTP {page.status}"
    if found is None:
        return "extraction failed"
    if found.error:
        return found.error
    if len(found.text.split()) < MIN_PAGE_WORDS:
        return f"extraction found only {len(found.text.split())} words (paywall or empty page?)"
    return ""


# -- the flow ------------------------------------------------------------------------------


class Ingestor:
    """One ingest run over a set of sources."""

    def __init__(
        self, sources: list[Source], *, progress: Progress | None = None, workers: int | None = None
    ) -> None:
        self.sources = sources
        self.progress = progress or (lambda kind, n: None)
        self.summary = IngestSummary()
        self.workers = workers if workers is not None else max(1, min(4, os.cpu_count() or 1))
        self.store: Store | None = None
        self.pool: concurrent.futures.ProcessPoolExecutor
        self._db = sync_to_async(lambda fn, *a: fn(*a), thread_sensitive=True)

    def _new_pool(self) -> concurrent.futures.ProcessPoolExecutor:
        # Workers fork from a server that has already imported the heavy modules, and exit
        # when this process does, whatever the way (see lifeline).
        return lifeline.new_pool(self.workers, ["dateline.articles.page", "dateline.sources.feeds"])

    def _renew_pool(self) -> None:
        if getattr(self.pool, "_broken", False):
            self.pool.shutdown(wait=False, cancel_futures=False)
            self.pool = self._new_pool()

    async def run(self) -> IngestSummary:
        self.store = await self._db(Store)
        self.pool = self._new_pool()
        try:
            async with Fetcher(fetch_settings()) as fetcher:
                self.fetcher = fetcher
                await asyncio.gather(*(self._source(s) for s in self.sources))
        finally:
            self.pool.shutdown(wait=True)
        return self.summary

    async def _source(self, source: Source) -> None:
        """One source, inside its fault boundary: whatever goes wrong is recorded on it, the run goes on."""
        try:
            await self._fetch_source(source)
        except Exception as exc:
            log.exception("ingest of source %s (%s) failed", source.id, source.feed_url)
            message = f"internal error: {type(exc).__name__}: {exc}"
            self.summary.sources_failed += 1
            self.summary.failures.append((source.name, message))
            assert self.store is not None
            with contextlib.suppress(Exception):  # the database itself may be what failed
                await self._db(self.store.record_error, source, message)
            self.progress("source", 1)

    async def _fetch_source(self, source: Source) -> None:
        assert self.store is not None
        result = await self.fetcher.fetch(
            source.feed_url,
            etag=source.etag or None,
            last_modified=source.last_modified or None,
            accept=FEED_ACCEPT,
        )
        if result.not_modified:
            self.summary.sources_not_modified += 1
            await self._db(self.store.record_fetch, source, result, None)
            self.progress("source", 1)
            return
        if not result.ok:
            self.summary.sources_failed += 1
            self.summary.failures.append((source.name, result.error or f"HTTP {result.status}"))
            await self._db(self.store.record_fetch, source, result, None)
            self.progress("source", 1)
            return
        # Parsing is CPU work too: it runs in the worker pool, off the event loop.
        parse = functools.partial(
            parse_feed, result.body, content_type=result.content_type, url=result.final_url or source.feed_url
        )
        try:
            feed = await asyncio.get_running_loop().run_in_executor(self.pool, parse)
        except concurrent.futures.process.BrokenProcessPool:
            self._renew_pool()
            feed = parse()
        entries = [e for e in feed.entries if e.url]
        known = await self._db(self.store.known, source.id, entries)
        fresh = [e for e, k in zip(entries, known, strict=True) if not k]
        self.summary.articles_duplicate += len(entries) - len(fresh)
        self.progress("entries", len(fresh))
        problems = await asyncio.gather(*(self._entry(source, e) for e in fresh))
        entry_problems = [p for p in problems if p]
        # Validators last: a crash before this line means the feed is read again in full.
        outcome = await self._db(self.store.record_fetch, source, result, feed, entry_problems)
        if outcome.outcome.is_failure:
            self.summary.sources_failed += 1
        else:
            self.summary.sources_fetched += 1
        if feed.problem:
            self.summary.failures.append((source.name, f"feed: {feed.problem}"))
        self.summary.failures.extend((source.name, p) for p in entry_problems)
        self.progress("source", 1)

    async def _entry(self, source: Source, entry: EntryData) -> str | None:
        """One entry, inside its fault boundary; returns what went wrong, or None."""
        try:
            await self._store_entry(source, entry)
        except Exception as exc:
            log.exception("entry %s of source %s failed", entry.url, source.id)
            self.summary.articles_failed += 1
            self.progress("article", 1)
            return f"entry {entry.url}: internal error: {type(exc).__name__}: {exc}"
        return None

    async def _store_entry(self, source: Source, entry: EntryData) -> None:
        assert self.store is not None
        page = await self.fetcher.fetch(entry.url or "", accept=PAGE_ACCEPT)
        found: Extracted | None = None
        processed: ProcessedPage | None = None
        if page.ok and page.body:
            loop = asyncio.get_running_loop()
            # process_page() lives in a module free of Django, so workers import it cheaply.
            job = functools.partial(
                process_page, page.body, page.final_url, page.content_type, page.headers.get("x-robots-tag")
            )
            try:
                processed = await loop.run_in_executor(self.pool, job)
                found = processed.found
            except concurrent.futures.process.BrokenProcessPool as exc:
                # A worker died on hostile input: keep the feed's text, start a fresh pool.
                log.warning("extraction crashed for %s: %s", entry.url, exc)
                self._renew_pool()
            except Exception as exc:
                log.warning("extraction failed for %s: %s", entry.url, exc)
        outcome = await self._db(self.store.store, source, entry, page, processed)
        if outcome == "new":
            self.summary.articles_new += 1
            if found is None or found.error or len(found.text.split()) < MIN_PAGE_WORDS:
                self.summary.articles_from_feed += 1
                if not page.ok:
                    self.summary.articles_failed += 1
        else:
            self.summary.articles_duplicate += 1
        self.progress("article", 1)


def sources_to_fetch(
    *, scheduled: bool, now: datetime | None = None, ids: Iterable[int] | None = None
) -> list[Source]:
    """The sources one run fetches.

    ``scheduled`` (``dateline run``): only those due. Otherwise (a manual ``dateline
    ingest``): every active source except failing ones still in backoff, so an unchanged
    feed costs one conditional request (304) and a rate-limited one is left alone.
    """
    now = now or clock.wall()
    qs = Source.objects.active()
    if ids is not None:
        qs = qs.filter(id__in=list(ids))
    if scheduled:
        qs = qs.due(now)
    else:
        from django.db.models import Q

        qs = qs.filter(Q(consecutive_failures=0) | Q(next_fetch_at__isnull=True) | Q(next_fetch_at__lte=now))
    return list(qs.order_by("id"))


def ingest(
    *,
    scheduled: bool = False,
    source_ids: Iterable[int] | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
) -> IngestSummary:
    """Fetch the sources and store their new articles. See the module docstring."""
    sources = sources_to_fetch(scheduled=scheduled, ids=source_ids)
    if not sources:
        return IngestSummary()
    return asyncio.run(Ingestor(sources, progress=progress, workers=workers).run())
