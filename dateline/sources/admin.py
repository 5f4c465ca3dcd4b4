"""Sources in the admin, with their health."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from dateline.sources.models import Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "country",
        "language",
        "active",
        "is_healthy",
        "last_success_at",
        "consecutive_failures",
        "next_fetch_at",
        "short_error",
    )
    list_filter = ("active", "country", "language")
    search_fields = ("name", "feed_url", "site_url")
    readonly_fields = (
        "created_at",
        "last_fetch_at",
        "last_success_at",
        "consecutive_failures",
        "next_fetch_at",
        "last_status",
        "last_error",
        "feed_problem",
        "etag",
        "last_modified",
        "final_url",
    )
    actions = ("activate", "deactivate")
    ordering = ("name",)

    @admin.display(boolean=True, description="healthy")
    def is_healthy(self, obj: Source) -> bool:
        return obj.healthy

    @admin.display(description="last error")
    def short_error(self, obj: Source) -> str:
        return (obj.last_error or obj.feed_problem)[:80]

    @admin.action(description="Activate the selected sources")
    def activate(self, request: HttpRequest, queryset: QuerySet[Source]) -> None:
        n = queryset.update(active=True)
        self.message_user(request, f"{n} source(s) activated.", messages.SUCCESS)

    @admin.action(description="Deactivate the selected sources")
    def deactivate(self, request: HttpRequest, queryset: QuerySet[Source]) -> None:
        n = queryset.update(active=False)
        self.message_user(request, f"{n} source(s) deactivated.", messages.SUCCESS)
