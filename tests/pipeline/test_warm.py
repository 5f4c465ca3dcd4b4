"""The extraction path's warm-up (imported by the task workers' extraction forkserver, so
that every extraction process forked from it starts with the one-time work done)."""

from __future__ import annotations

from dateline.articles.page import process_page
from dateline.pipeline import warm


def test_the_warm_up_does_the_one_time_work() -> None:
    import trafilatura.external

    from dateline.language import _identifier

    assert _identifier.cache_info().currsize == 1  # the language model, unpacked
    assert getattr(_identifier(), "_full_model", None) is None  # only its restricted copy kept
    assert trafilatura.external.JT_STOPLIST  # jusText's stop lists, read by the fallback pass


def test_the_warm_up_page_is_extracted_like_any_other() -> None:
    page = process_page(warm._PAGE, "https://example.org/news/talks-resume", "text/html", None)
    assert page.found.title == "Talks resume"
    assert page.language == "en"
    assert "delegations had returned home" in page.found.text
    assert page.found.canonical_url == "https://example.org/news/talks-resume"
