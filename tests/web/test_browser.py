"""A real Chromium walks the site: home → country → story → source link → search → newsletter box."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core import mail

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip(f"Chromium is not installed at {CHROMIUM}: browser tests need it")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    # Playwright's sync API runs an event loop; Django must allow its ORM calls from this thread.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


def test_reader_walk(browser: Any, live_server: Any, make_story, frozen_now) -> None:
    evil = "<script>alert(1)</script>"
    other = make_story(headline="Rail strike ends in Lyon", countries=("FR",), outlets=2)
    story = make_story(
        headline=evil,
        summary=f"According to Outlet A, {evil} was posted.\n\nNothing ran.",
        countries=("FR", "DE"),
        outlets=2,
        source_titles=("<img src=x onerror=alert(1)>", "Second report <b>bold</b>"),
    )
    source_url = story.articles.order_by("published_at").first().url
    ARTIFACTS.mkdir(exist_ok=True)
    dialogs: list[str] = []
    errors: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    def on_console(message: Any) -> None:
        if message.type == "error":
            errors.append(message.text)

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.on("dialog", on_dialog)
    page.on("console", on_console)
    page.on("pageerror", lambda e: errors.append(str(e)))

    page.goto(live_server.url + "/")
    assert page.locator("h1").count() == 1
    assert page.get_by_role("heading", name="Trending").is_visible()
    assert page.get_by_role("link", name=evil).first.is_visible()  # shown as text
    page.screenshot(path=str(ARTIFACTS / "home-1280.png"), full_page=True)

    page.get_by_role("link", name="France").first.click()
    page.wait_for_url("**/country/fr/")
    assert "France" in page.locator("h1").inner_text()
    assert page.get_by_role("link", name=other.headline).is_visible()

    page.get_by_role("link", name=evil).first.click()
    page.wait_for_url(f"**{story.get_absolute_url()}")
    assert page.locator("h1").inner_text() == evil
    assert page.get_by_role("heading", name="Sources").is_visible()
    source_link = page.get_by_role("link", name="<img src=x onerror=alert(1)>")
    assert source_link.get_attribute("href") == source_url
    assert "noopener" in (source_link.get_attribute("rel") or "")
    assert "written by software" in page.locator(".disclosure").inner_text()
    assert page.get_by_role("heading", name="More from France").is_visible()
    box = page.get_by_role("heading", name="Weekly Newsletter")
    assert box.is_visible()
    assert page.locator("form[action*='newsletter'] input[type=email]").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "story-1280.png"), full_page=True)

    page.get_by_label("Search stories").fill("strike Lyon")
    page.get_by_label("Search stories").press("Enter")
    page.wait_for_url("**/search?q=*")
    assert page.locator("mark", has_text="strike").first.is_visible()
    assert page.get_by_role("link", name="Rail strike ends in Lyon").is_visible()

    mobile = browser.new_context(viewport={"width": 360, "height": 740})
    small = mobile.new_page()
    small.on("dialog", on_dialog)
    small.on("console", on_console)
    for name, url in (("home", "/"), ("story", story.get_absolute_url()), ("countries", "/countries/")):
        small.goto(live_server.url + url)
        # Nothing wider than the screen: no sideways scrolling at 360 px.
        assert small.evaluate("document.documentElement.scrollWidth") <= 360, name
        small.screenshot(path=str(ARTIFACTS / f"{name}-360.png"), full_page=True)
    mobile.close()

    # With JavaScript off, sign up in the story page's box: Chromium's own Origin and
    # Sec-Fetch-Site headers carry the sign-up past the cross-site check.
    plain = browser.new_context(java_script_enabled=False)
    reader = plain.new_page()
    reader.goto(live_server.url + story.get_absolute_url())
    reader.locator(".newsletter-box input[type=email]").fill("browser.reader@example.com")
    reader.locator(".newsletter-box button[type=submit]").click()
    reader.wait_for_url("**/newsletter/check-your-inbox/")
    assert [m.to for m in mail.outbox] == [["browser.reader@example.com"]]
    plain.close()
    context.close()
    assert dialogs == []
    assert errors == []


def _axe() -> Any:
    """axe-core, from the axe-playwright-python package that bundles ``axe.min.js`` (no download)."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        pytest.skip("axe-playwright-python is not installed (pip install -e '.[dev]'): no axe-core")
    return Axe()


def _violations(axe: Any, page: Any) -> list[str]:
    results = axe.run(page)
    found = []
    for v in results.response["violations"]:
        targets = "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:3])
        found.append(f"{v['id']} ({v['impact']}): {v['help']} — {targets}")
    return found


def test_axe_core_finds_nothing_on_any_page_type(
    browser: Any, live_server: Any, make_story, frozen_now
) -> None:
    """axe-core's default rules (WCAG 2 A/AA and best practices) on every page type, phone and desktop."""
    axe = _axe()
    story = make_story(headline="Rail strike ends in Lyon", countries=("FR", "DE"), outlets=3)
    make_story(headline="Budget passes in Berlin", countries=("DE",), outlets=1)
    make_story(
        headline="Harbour reopens",
        countries=("FR",),
        correction_note="An earlier version named the wrong port.",
    )
    pages = {
        "home": "/",
        "story": story.get_absolute_url(),
        "country": "/country/fr/",
        "countries": "/countries/",
        "search": "/search?q=strike",
        "search-empty": "/search?q=zebra",
        "about": "/about/",
        "corrections": "/corrections/",
        "report": f"/report/?story={story.slug}",
        "report-thanks": "/report/thanks/",
        "newsletter": "/newsletter/",
        "newsletter-inbox": "/newsletter/check-your-inbox/",
        "newsletter-bad-link": "/newsletter/confirm/not-a-token/",
        "not-found": "/no/such/page/",
    }
    problems: list[str] = []
    for width, height in ((360, 740), (1280, 900)):
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        for name, url in pages.items():
            page.goto(live_server.url + url)
            problems += [f"{name} @{width}px: {v}" for v in _violations(axe, page)]
        # Forms sent with errors show their messages: check those too.
        page.goto(live_server.url + "/report/")
        page.locator("#id_message").fill("   ")  # passes the browser's check, not the server's
        page.locator("form.form button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator(".error").count() >= 1
        problems += [f"report-errors @{width}px: {v}" for v in _violations(axe, page)]
        page.goto(live_server.url + "/newsletter/")
        page.locator("form.newsletter-form button[type=submit]").click()  # novalidate: the server answers
        page.wait_for_load_state()
        assert page.locator(".error").count() >= 1
        problems += [f"newsletter-errors @{width}px: {v}" for v in _violations(axe, page)]
        context.close()
    assert problems == [], "\n".join(problems)


def test_story_page_uses_the_width_and_flags_load(
    browser: Any, live_server: Any, make_story, frozen_now
) -> None:
    story = make_story(headline="Rail strike ends in Lyon", countries=("FR", "DE"), outlets=2)
    make_story(headline="Another story from France", countries=("FR",))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    hosts: set[str] = set()
    page.on("request", lambda r: hosts.add(r.url.split("/")[2]))
    page.goto(live_server.url + story.get_absolute_url())
    side = page.locator(".more").bounding_box()
    article = page.locator("article.story").bounding_box()
    # "More from" sits beside the story, not below it, and the page's right side is used.
    assert side and article and side["x"] > article["x"] + article["width"]
    assert side["x"] + side["width"] > 1280 * 0.8
    flag = page.locator("img.flag").first
    assert flag.evaluate("img => img.complete && img.naturalWidth > 0")
    assert hosts == {live_server.url.split("/")[2]}  # nothing from another host
    context.close()
