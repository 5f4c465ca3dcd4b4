"""``dateline reextract [--all]``: re-run extraction on the stored raw pages, without refetching."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from dateline.articles import dedupe
from dateline.articles.models import Article, ArticlePage
from dateline.articles.page import process_page
from dateline.language import article_language
from dateline.pipeline.ingest import MIN_PAGE_WORDS
from dateline.stories.models import Story


class Command(BaseCommand):
    help = (
        "Re-extract articles from their stored pages (after an extractor change); --all includes good ones."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--all", action="store_true", help="every stored page, not only those that fell back to the feed"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        pages = ArticlePage.objects.select_related("article")
        if not options["all"]:
            pages = pages.filter(article__text_from=Article.TextFrom.FEED)
        improved = 0
        for page in pages.iterator(chunk_size=100):
            processed = process_page(
                page.raw(), page.final_url or None, page.content_type or None, page.x_robots_tag or None
            )
            found = processed.found
            article = page.article
            if found.error or len(found.text.split()) < MIN_PAGE_WORDS:
                continue
            with transaction.atomic():
                article.text = found.text
                article.language = article_language(
                    article.title, found.text, found.language or article.language
                )[:16]
                article.text_from = Article.TextFrom.PAGE
                article.page_error = ""
                article.nosnippet = found.nosnippet
                article.max_snippet = found.max_snippet
                article.fingerprint = (
                    dedupe.to_signed(processed.fingerprint) if processed.fingerprint else None
                )
                article.geotagged_at = None  # countries are re-derived from the new text
                article.triage = ""  # and the page is judged again
                article.save()
                if article.story_id:
                    Story.objects.filter(id=article.story_id).update(needs_write=True)
            improved += 1
        self.stdout.write(f"{improved} articles re-extracted from their stored pages.")
