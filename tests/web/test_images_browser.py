"""A real Chromium reads pages with lead images, on a phone and on a desktop: every picture comes
from the site itself, each card's picture stays small, and nothing moves when pictures arrive."""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from PIL import Image

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
CARD_BUDGET = 40_000  # bytes of picture per card at phone width

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip(f"Chromium is not installed at {CHROMIUM}: browser tests need it")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


def _photo(width: int, height: int, seed: int) -> bytes:
    img = Image.blend(
        Image.linear_gradient("L").rotate(seed * 40).resize((width, height)).convert("RGB"),
        Image.effect_noise((width, height), 30 + seed).convert("RGB"),
        0.35,
    )
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=90)
    return buf.getvalue()


@pytest.fixture
def pictured_stories(
    make_story: Any, frozen_now: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> list[Any]:
    """Eight stories, each with a stored lead image on its first article (as the pipeline leaves them)."""
    from dateline import clock
    from dateline.articles import images
    from dateline.articles.models import LeadImage
    from dateline.pipeline import images as step

    monkeypatch.setenv("DATELINE_DATA_DIR", str(tmp_path))
    import sklearn.datasets

    folder = Path(sklearn.datasets.__file__).parent / "images"  # real photographs, 640 x 427
    photos = [(folder / name).read_bytes() for name in ("china.jpg", "flower.jpg")]
    stories = [make_story(headline=f"Story number {i} about floods", countries=("FR",)) for i in range(8)]
    for i, story in enumerate(stories):
        first = story.articles.order_by("published_at").first()
        url = f"https://outlet.example/photos/{i}.jpg"
        lead = images.prepare(
            photos[(i // 2) % len(photos)] if i % 2 else _photo(1600 + 40 * i, 1000, i), "image/jpeg"
        )
        key = images.image_key(url)
        LeadImage.objects.create(
            article=first, url=url, alt=f"Picture {i}", status=LeadImage.Status.READY, key=key,
            width=lead.width, height=lead.height, sizes=step.store(key, lead), checked_at=clock.wall(),
        )  # fmt: skip
    assert step.choose_pictures([s.id for s in stories]) == len(stories)
    return stories


@pytest.mark.parametrize(
    ("viewport", "scale"), [({"width": 390, "height": 844}, 3), ({"width": 1280, "height": 900}, 1)]
)
def test_pictures_come_from_the_site_stay_small_and_do_not_move_the_page(
    browser: Any, live_server: Any, pictured_stories: list[Any], viewport: dict[str, int], scale: int
) -> None:
    context = browser.new_context(viewport=viewport, device_scale_factor=scale)
    page = context.new_page()
    origin = urlsplit(live_server.url).netloc
    requests: list[str] = []
    image_bytes: dict[str, int] = {}
    page.on("request", lambda r: requests.append(r.url))

    def on_response(response: Any) -> None:
        if response.request.resource_type == "image":
            image_bytes[response.url] = len(response.body())

    page.on("response", on_response)
    page.add_init_script(
        "window.__cls = 0; new PerformanceObserver(l => { for (const e of l.getEntries())"
        " if (!e.hadRecentInput) window.__cls += e.value; }).observe({type: 'layout-shift', buffered: true});"
    )
    page.goto(live_server.url + "/")
    thumbs = page.locator(".card .thumb img")
    assert thumbs.count() >= 8
    for i in range(thumbs.count()):
        img = thumbs.nth(i)
        assert img.get_attribute("loading") == "lazy" and img.get_attribute("srcset")
        assert img.get_attribute("width") and img.get_attribute("height")
    page.mouse.wheel(0, 20_000)
    page.wait_for_load_state("networkidle")
    for i in range(thumbs.count()):
        thumbs.nth(i).scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    loaded = page.eval_on_selector_all(
        ".card .thumb img", "els => els.map(e => e.complete && e.naturalWidth)"
    )
    assert all(loaded), loaded
    assert image_bytes, "no picture was loaded"
    assert max(image_bytes.values()) <= CARD_BUDGET, image_bytes
    assert page.evaluate("window.__cls") < 0.01, "the home page moved as pictures arrived"
    print(f"card pictures at {viewport['width']} px x{scale}: max {max(image_bytes.values())} bytes")

    story = pictured_stories[0]
    page.goto(live_server.url + story.get_absolute_url())
    lead = page.locator("figure.lead-image img")
    assert lead.evaluate("e => e.complete && e.naturalWidth > 0")
    assert "Image:" in page.locator("figure.lead-image figcaption").inner_text()
    cls = page.evaluate("window.__cls")
    assert cls < 0.01, f"layout shift {cls}"

    outside = [
        u for u in requests if urlsplit(u).scheme in {"http", "https"} and urlsplit(u).netloc != origin
    ]
    assert outside == [], outside  # 0 requests to another host
    context.close()
