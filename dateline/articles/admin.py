"""Articles in the admin: read-mostly, for looking into what the pipeline did."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from dateline.articles import triage
from dateline.articles.models import Article, LeadImage


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "outlet_name",
        "published_at",
        "primary_country",
        "story",
        "text_from",
        "triage_reason",
        "duplicate_of",
    )
    list_filter = ("triage", "text_from", "nosnippet", "language")
    search_fields = ("title", "url")
    list_select_related = ("source", "story")
    raw_id_fields = ("source", "story", "duplicate_of")
    date_hierarchy = "published_at"
    exclude = ("text", "feed_text")  # long texts: shown read-only below, never edited here
    readonly_fields = (
        "source",
        "url",
        "url_key",
        "guid",
        "canonical_url",
        "title",
        "text_from",
        "author",
        "language",
        "image",
        "published_at",
        "fetched_at",
        "page_error",
        "triage",
        "triage_detail",
        "nosnippet",
        "max_snippet",
        "fingerprint",
        "duplicate_of",
        "countries",
        "primary_country",
        "geotagged_at",
        "story",
        "clustered_at",
        "text_excerpt",
    )

    @admin.display(description="outlet", ordering="source__name")
    def outlet_name(self, obj: Article) -> str:
        return obj.source.name

    @admin.display(description="news?", ordering="triage")
    def triage_reason(self, obj: Article) -> str:
        """Whether triage judged the page news, else why not (with the evidence)."""
        words = triage.describe(obj.triage)
        return f"{words}: {obj.triage_detail}" if obj.triage_detail else words

    @admin.display(description="text (start)")
    def text_excerpt(self, obj: Article) -> str:
        return obj.text[:1500]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(LeadImage)
class LeadImageAdmin(admin.ModelAdmin):
    """Each article's lead image: stored, or why not (refused, fetch failed, none named)."""

    list_display = ("article", "status", "reason", "width", "height", "checked_at")
    list_filter = ("status", "preview")
    search_fields = ("url", "reason", "article__title")
    list_select_related = ("article",)
    raw_id_fields = ("article",)
    readonly_fields = [f.name for f in LeadImage._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
