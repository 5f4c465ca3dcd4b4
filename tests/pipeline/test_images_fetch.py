"""The lead-image step end to end: pages stored at ingest name pictures on a real HTTP server on
127.0.0.1; good ones are fetched through the polite fetcher, verified and stored, hostile ones
refused with their reason; a story then shows its picture from the site itself."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import re
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from PIL import Image

from dateline.articles.models import Article, ArticlePage, LeadImage, StoryPicture
from dateline.pipeline import images as step
from dateline.sources.models import Source
from dateline.stories.models import Story

pytestmark = pytest.mark.django_db(transaction=True)
WHEN = dt.datetime(2024, 5, 10, 12, 0, tzinfo=dt.UTC)
_seq = itertools.count(1)


def jpeg(width: int, height: int) -> bytes:
    img = Image.blend(
        Image.linear_gradient("L").resize((width, height)).convert("RGB"),
        Image.effect_noise((width, height), 40).convert("RGB"),
        0.3,
    )
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=85)
    return buf.getvalue()


def bomb() -> bytes:
    """A small PNG whose header claims 30000 x 30000 pixels."""
    import struct
    import zlib

    buf = io.BytesIO()
    Image.new("RGB", (300, 200)).save(buf, "PNG")
    data = bytearray(buf.getvalue())
    data[16:24] = struct.pack(">II", 30_000, 30_000)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


PHOTO = jpeg(1200, 800)
SMALLER = jpeg(700, 466)
FILES: dict[str, tuple[str, bytes]] = {
    "/img/photo.jpg": ("image/jpeg", PHOTO),
    "/img/smaller.jpg": ("image/jpeg", SMALLER),
    "/img/bomb.png": ("image/png", bomb()),
    "/img/corrupt.jpg": ("image/jpeg", PHOTO[:600] + b"\x00" * 600),
    "/img/evil.svg": (
        "image/svg+xml",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>',
    ),
    "/img/drawing.jpg": (
        "image/jpeg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(3)</script></svg>',
    ),
    "/img/fake.jpg": ("image/jpeg", b"<!DOCTYPE html><html><body>Sign in to see this picture</body></html>"),
    "/img/huge.jpg": ("image/jpeg", b"\xff\xd8\xff\xe0" + b"\x10" * 600_000),
}


class _Handler(BaseHTTPRequestHandler):
    hits: Counter[str] = Counter()

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        _Handler.hits[self.path] += 1
        found = FILES.get(self.path)
        if found is None:
            self.send_error(404)
            return
        ctype, body = found
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture
def image_server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[str]:
    monkeypatch.setenv("DATELINE_IMAGES", "true")
    monkeypatch.setenv("DATELINE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DATELINE_FETCH_ALLOWED_NETWORKS", "127.0.0.1")
    monkeypatch.setenv("DATELINE_FETCH_HOST_DELAY", "0")
    monkeypatch.setenv("DATELINE_FETCH_PER_HOST", "8")
    monkeypatch.setenv("DATELINE_IMAGE_MAX_BYTES", "500000")
    _Handler.hits.clear()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    cache.clear()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        cache.clear()


def page(head: str) -> str:
    return f"<!doctype html><html><head><title>T</title>{head}</head><body><p>Text.</p></body></html>"


def article(
    base: str, head: str, *, outlet: str = "", story: Story | None = None, **extra: object
) -> Article:
    n = next(_seq)
    source = Source.objects.create(
        name=outlet or f"Outlet {n}", feed_url=f"{base}/feed-{n}.xml", site_url=f"{base}/", country="FR"
    )
    url = f"{base}/news/{n}.html"
    item = Article.objects.create(
        source=source, url=url, url_key=url, title=f"Report {n}", text="Text.", fetched_at=WHEN, triage="news",
        published_at=WHEN + dt.timedelta(minutes=n), story=story, **extra,
    )  # fmt: skip
    ArticlePage.objects.create(
        article=item,
        final_url=url,
        status=200,
        content_type="text/html; charset=utf-8",
        body=ArticlePage.pack(page(head).encode()),
        fetched_at=WHEN,
    )
    return item


def og(path: str) -> str:
    return (
        f'<meta property="og:image" content="{path}"><meta property="og:image:alt" content="Alt of {path}">'
    )


CASES = {
    # og:image path: (status, words of the reason)
    "/img/bomb.png": (LeadImage.Status.REFUSED, "pixels"),
    "/img/corrupt.jpg": (LeadImage.Status.REFUSED, "corrupt"),
    "/img/evil.svg": (LeadImage.Status.REFUSED, "svg"),
    "/img/drawing.jpg": (LeadImage.Status.REFUSED, "svg"),
    "/img/fake.jpg": (LeadImage.Status.REFUSED, "html"),
    "/img/huge.jpg": (LeadImage.Status.FAILED, "larger than"),
    "/img/gone.jpg": (LeadImage.Status.FAILED, "404"),
}


def test_good_pictures_are_stored_and_hostile_ones_refused_with_the_reason(
    image_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = image_server
    good = article(base, og("/img/photo.jpg"))
    same = article(base, og(f"{base}/img/photo.jpg"))
    hostile = {path: article(base, og(path)) for path in CASES}
    private = article(base, og("/img/smaller.jpg") + '<meta name="robots" content="max-image-preview:none">')
    bare = article(base, "")

    assert sorted(step.fetch_images()) == sorted([good.id, same.id])

    row = LeadImage.objects.get(article=good)
    assert row.status == LeadImage.Status.READY and (row.width, row.height) == (1200, 800)
    assert row.alt == "Alt of /img/photo.jpg" and row.sizes == [[160, 107], [320, 213], [640, 427]]
    for width, height in row.sizes:
        with Image.open(step.stored_path(row.key, width)) as copy:
            assert copy.format == "WEBP" and copy.size == (width, height)
    assert LeadImage.objects.get(article=same).key == row.key
    assert _Handler.hits["/img/photo.jpg"] == 1  # one picture, fetched and stored once

    for path, (status, words) in CASES.items():
        got = LeadImage.objects.get(article=hostile[path])
        assert got.status == status and words in got.reason.lower(), (path, got.reason)
        assert got.key == "" and got.sizes == []
    blocked = LeadImage.objects.get(article=private)
    assert blocked.status == LeadImage.Status.REFUSED and "max-image-preview" in blocked.reason
    assert _Handler.hits["/img/smaller.jpg"] == 0  # never fetched
    assert LeadImage.objects.get(article=bare).status == LeadImage.Status.NONE

    assert step.fetch_images() == []  # every article is looked at once
    monkeypatch.setenv("DATELINE_IMAGES", "false")
    article(base, og("/img/photo.jpg"))
    assert step.fetch_images() == [] and LeadImage.objects.count() == 11  # the step can be turned off
    assert not list(Path(step.image_dir()).rglob(".part-*"))


def _story(slug: str) -> Story:
    return Story.objects.create(
        slug=slug, headline=f"Headline {slug}", summary="First paragraph.\n\nSecond.", first_seen_at=WHEN,
        last_updated_at=WHEN, primary_country="FR", countries=[{"code": "FR", "score": 1.0, "evidence": []}],
        outlet_count=2, article_count=2,
    )  # fmt: skip


def test_a_story_shows_its_best_picture_from_the_site_itself(image_server: str) -> None:
    base = image_server
    story = _story("floods")
    plain = _story("no-picture")
    article(base, og("/img/smaller.jpg"), outlet="Le Courrier", story=story)
    article(base, og("/img/photo.jpg"), outlet="The Daily Example", story=story)
    article(base, og("/img/photo.jpg"), outlet="Paywalled", story=plain, nosnippet=True)
    article(base, og("/img/evil.svg"), story=plain)
    step.fetch_images()
    assert step.choose_pictures([story.id, plain.id]) == 1
    chosen = StoryPicture.objects.get(story=story)
    assert chosen.data["outlet"] == "The Daily Example" and chosen.data["sizes"][-1] == [640, 427]

    client = Client()
    html = client.get(f"/story/{story.slug}/").content.decode()
    key = chosen.key
    assert f'<img src="/images/{key}-640.webp"' in html
    assert 'width="640" height="427"' in html and f"/images/{key}-160.webp 160w" in html
    assert 'Image: <a href="' in html and "The Daily Example</a>" in html
    assert f'<meta property="og:image" content="{settings.SITE_URL}/images/{key}-640.webp">' in html
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1])  # type: ignore[index]
    assert ld["image"][0].endswith(f"/images/{key}-640.webp")
    # Every picture on the page is the site's own.
    assert all(
        src.startswith(("/images/", "/static/")) for src in re.findall(r'<img[^>]* src="([^"]+)"', html)
    )

    served = client.get(f"/images/{key}-320.webp")
    assert served.status_code == 200 and served["Content-Type"] == "image/webp"
    assert "immutable" in served["Cache-Control"]
    body = b"".join(served.streaming_content)  # type: ignore[attr-defined]
    assert body[8:12] == b"WEBP" and len(body) <= 40_000
    for bad in ("0" * 40 + "-320.webp", f"{key}-320.png", "..%2F..%2Fsecret_key", f"{key[:39]}-320.webp"):
        assert client.get(f"/images/{bad}").status_code == 404

    home = client.get("/").content.decode()
    thumb = re.search(r'<figure class="thumb">(.*?)</figure>', home, re.S)
    assert thumb is not None
    assert 'loading="lazy"' in thumb[1] and 'width="160" height="107"' in thumb[1]
    assert f"/images/{key}-320.webp 320w" in thumb[1] and "-640.webp" not in thumb[1]
    assert "Image: The Daily Example" in thumb[1]

    # The weekly digest shows the thumbnail too, hosted by the site.
    from django.template.loader import get_template

    from dateline.newsletter.digest import EditionIndex

    sections = EditionIndex(WHEN - dt.timedelta(days=1), WHEN + dt.timedelta(days=1)).sections((), True)
    item = next(i for i in sections[0].stories if i.id == story.id)
    assert item.image == f"{settings.SITE_URL}/images/{key}-320.webp"
    assert item.image_credit == "Image: The Daily Example"
    email = get_template("newsletter/email/_section.html").render({"section": sections[0]})
    assert f'<img src="{item.image}" width="120" height="80"' in email

    # The paywalled source's picture is not used; the SVG was refused: no image rather than a broken one.
    other = client.get(f"/story/{plain.slug}/").content.decode()
    assert "/images/" not in other and "og:image" not in other


def test_the_pipeline_fetches_pictures_and_chooses_them_for_stories(image_server: str) -> None:
    from dateline.pipeline import stages

    base = image_server
    text = (
        "Floods hit the north of France on Tuesday after days of rain. Rescuers evacuated hundreds "
        "of residents in Lille and Amiens, and the rivers Somme and Lys burst their banks."
    )
    for path in ("/img/photo.jpg", "/img/smaller.jpg"):
        a = article(base, og(path))
        Article.objects.filter(id=a.id).update(title="Floods hit northern France", text=text)
    summary = stages.process()
    assert summary.images == 2
    stories = Story.objects.filter(articles__isnull=False).distinct()
    assert stories.count() == 1
    assert StoryPicture.objects.get(story=stories[0]).data["sizes"][-1] == [640, 427]
