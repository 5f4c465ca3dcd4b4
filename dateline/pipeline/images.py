"""The lead-image step: for each new article, fetch the picture its page names through the polite,
guarded fetcher (with a size cap), verify it, and store resized WebP copies in the data folder.

Every article gets one :class:`~dateline.articles.models.LeadImage` row, stored copies or not, so
an article is looked at once; a refusal or a failed fetch keeps its reason. The same picture
named by several articles is fetched and stored once (copies are named by its URL's hash).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import logging
import os
import tempfile
from pathlib import Path

from django.db import transaction

from dateline import clock, conf
from dateline.articles import images
from dateline.articles.extract import decode_html
from dateline.articles.models import Article, ArticlePage, LeadImage, StoryPicture, archived_outlet
from dateline.pipeline.stages import quotable
from dateline.sources.fetch import Fetcher, FetchResult

log = logging.getLogger("dateline.pipeline")
#: Articles looked at per run, newest first (older ones wait for the next run).
BATCH = 400
ACCEPT = "image/webp,image/jpeg,image/png,image/gif;q=0.9,*/*;q=0.1"


def image_dir() -> Path:
    return conf.data_dir() / "images"


def stored_path(key: str, width: int) -> Path:
    """Where the copy of picture ``key`` at ``width`` pixels lies."""
    return image_dir() / key[:2] / f"{key}-{width}.webp"


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".part-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def store(key: str, lead: images.Lead) -> list[list[int]]:
    """Write a verified picture's copies; returns their ``[width, height]``."""
    for r in lead.renditions:
        _write(stored_path(key, r.width), r.data)
    return [[r.width, r.height] for r in lead.renditions]


def candidate_for(
    article: Article, page: ArticlePage | None
) -> tuple[images.Candidate | None, bool, list[images.Candidate]]:
    """The picture to fetch for an article (from its stored page, else the URL kept at ingest),
    whether the page allows image previews, and every picture the page names."""
    found: list[images.Candidate] = []
    preview = True
    if page is not None:
        raw = page.raw()
        if raw:
            html = decode_html(raw, page.content_type or None)
            found, preview = images.page_candidates(html, page.final_url or article.url)
        if page.x_robots_tag and not images.preview_allowed([page.x_robots_tag]):
            preview = False
    chosen = images.choose(found)
    if chosen is None and article.image:
        chosen = images.Candidate(article.image, origin="article")
    return chosen, preview, found


def refusal(result: FetchResult) -> str:
    """Why a fetched answer cannot be an image, before looking at its bytes ('' if it may be)."""
    if not result.ok:
        return result.error or f"HTTP {result.status}"
    if result.not_modified:
        return "unexpected 304 answer"
    return ""


Outcome = tuple[str, str, images.Lead | None]


def outcome(result: FetchResult) -> Outcome:
    """What a fetched answer yields: (status, reason, the verified picture or None)."""
    why = refusal(result)
    if why:
        return LeadImage.Status.FAILED, why, None
    try:
        return LeadImage.Status.READY, "", images.prepare(result.body, result.content_type)
    except images.ImageRefused as exc:
        return LeadImage.Status.REFUSED, exc.reason, None


async def _fetch_all(urls: list[str]) -> dict[str, Outcome]:
    """Fetch and verify each picture; a body is let go as soon as it is verified, and at most two
    are decoded at once (memory stays bounded whatever the batch)."""
    from dateline.pipeline.ingest import fetch_settings

    settings = dataclasses.replace(fetch_settings(), max_bytes=conf.get("DATELINE_IMAGE_MAX_BYTES"))
    decoding = asyncio.Semaphore(2)
    async with Fetcher(settings) as fetcher:

        async def one(url: str) -> Outcome:
            result = await fetcher.fetch(url, accept=ACCEPT)
            async with decoding:
                return await asyncio.to_thread(outcome, result)

        done = await asyncio.gather(*(one(u) for u in urls))
    return dict(zip(urls, done, strict=True))


def _run(coro):  # type: ignore[no-untyped-def]
    """Run a coroutine to its end, in a thread when this one already runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def fetch_images(*, limit: int = BATCH) -> list[int]:
    """Look at up to ``limit`` news articles (triage has judged them) without a lead-image row;
    returns the ids of those that got an image."""
    if not conf.get("DATELINE_IMAGES"):
        return []
    articles = list(
        Article.objects.originals()
        .news()
        .filter(lead_image__isnull=True)
        .only("id", "url", "image")
        .order_by("-id")[:limit]
    )
    if not articles:
        return []
    pages = {p.article_id: p for p in ArticlePage.objects.filter(article_id__in=[a.id for a in articles])}
    now = clock.wall()
    rows: dict[int, LeadImage] = {}
    wanted: dict[int, images.Candidate] = {}
    for article in articles:
        chosen, preview, found = candidate_for(article, pages.get(article.id))
        row = LeadImage(article_id=article.id, checked_at=now, preview=preview)
        rows[article.id] = row
        if chosen is None and found:
            row.url = found[0].url[:2000]
            row.status = LeadImage.Status.REFUSED
            row.reason = "the page names only logos, icons or SVG drawings"
            continue
        if chosen is None:
            row.status, row.reason = LeadImage.Status.NONE, "the page names no lead image"
            continue
        row.url, row.alt, row.credit = chosen.url[:2000], chosen.alt[:300], chosen.credit[:300]
        if not preview:
            row.status, row.reason = LeadImage.Status.REFUSED, "the page says max-image-preview:none"
            continue
        wanted[article.id] = chosen
    keys = {aid: images.image_key(c.url) for aid, c in wanted.items()}
    known = {
        r.key: r
        for r in LeadImage.objects.filter(key__in=set(keys.values()), status=LeadImage.Status.READY).only(
            "key", "width", "height", "sizes"
        )
    }
    to_fetch = sorted({c.url for aid, c in wanted.items() if keys[aid] not in known})
    made: dict[str, Outcome] = _run(_fetch_all(to_fetch)) if to_fetch else {}
    stored: dict[str, list[list[int]]] = {}
    for aid, chosen in wanted.items():
        row, key = rows[aid], keys[aid]
        if key in known:
            had = known[key]
            row.status, row.key, row.width, row.height, row.sizes = (
                LeadImage.Status.READY, key, had.width, had.height, had.sizes
            )  # fmt: skip
            continue
        status, why, lead = made[chosen.url]
        row.status, row.reason = status, why[:300]
        if lead is not None:
            if key not in stored:
                stored[key] = store(key, lead)
            row.key, row.width, row.height, row.sizes = key, lead.width, lead.height, stored[key]
        else:
            log.info("article %s: no lead image from %s: %s", aid, chosen.url, why)
    LeadImage.objects.bulk_create(list(rows.values()), ignore_conflicts=True)
    return [aid for aid, r in rows.items() if r.status == LeadImage.Status.READY]


def choose_pictures(story_ids: list[int]) -> int:
    """Choose (again) the picture of each of these stories among its articles' stored lead
    images (see :func:`dateline.articles.images.best`); returns how many have one."""
    if not story_ids:
        return 0
    rows = (
        LeadImage.objects.filter(
            status=LeadImage.Status.READY, article__story_id__in=story_ids, article__duplicate_of__isnull=True
        )
        .order_by("article__published_at", "article_id")
        .values_list(
            "article__story_id", "article_id", "key", "width", "height", "url", "alt", "preview", "sizes",
            "article__nosnippet", "article__max_snippet", "article__source__name", "article__url",
        )
    )  # fmt: skip
    options: dict[int, list[tuple[int, images.Option]]] = {}
    for sid, aid, key, width, height, url, alt, preview, sizes, nosnippet, max_snippet, outlet, link in rows:
        if sizes:
            option = images.Option(
                key, width, height, url, alt, quotable(nosnippet, max_snippet), preview,
                archived_outlet(outlet, link), link,
                tuple((int(w), int(h)) for w, h in sizes),
            )  # fmt: skip
            options.setdefault(sid, []).append((aid, option))
    now = clock.wall()
    chosen: list[StoryPicture] = []
    for sid, found in options.items():
        pick = images.best(o for _, o in found)
        if pick is None:
            continue
        aid = next(a for a, o in found if o is pick)
        data = {"key": pick.key, "sizes": [list(s) for s in pick.sizes], "alt": pick.alt}
        data |= {"outlet": pick.outlet, "link": pick.link}
        chosen.append(StoryPicture(story_id=sid, article_id=aid, key=pick.key, data=data, chosen_at=now))
    with transaction.atomic():
        StoryPicture.objects.filter(story_id__in=story_ids).delete()
        StoryPicture.objects.bulk_create(chosen)
    return len(chosen)


def stories_of(article_ids: list[int]) -> list[int]:
    """The stories these articles belong to."""
    qs = Article.objects.filter(id__in=article_ids, story__isnull=False).values_list("story_id", flat=True)
    return sorted(set(qs))
