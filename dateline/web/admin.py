"""Readers' reports in the admin."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from dateline.web.models import Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("created_at", "short_message", "story", "email", "handled")
    list_filter = ("handled",)
    search_fields = ("message", "url", "email")
    raw_id_fields = ("story",)
    readonly_fields = ("created_at",)
    actions = ("mark_handled", "mark_unhandled")
    date_hierarchy = "created_at"

    @admin.display(description="message")
    def short_message(self, obj: Report) -> str:
        return obj.message[:100]

    @admin.action(description="Mark as handled")
    def mark_handled(self, request: HttpRequest, queryset: QuerySet[Report]) -> None:
        queryset.update(handled=True)

    @admin.action(description="Mark as not handled")
    def mark_unhandled(self, request: HttpRequest, queryset: QuerySet[Report]) -> None:
        queryset.update(handled=False)
