"""Stories in the admin: hide, unhide, pin, and correct with a note shown on the page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from dateline import clock
from dateline.stories.models import Story, StoryVersion


def _after_change(ids: list[int]) -> None:
    # The search index and the page cache follow every editorial change.
    from dateline.web import cache, search

    search.index_stories(ids)
    cache.invalidate()


class StoryForm(forms.ModelForm):
    class Meta:
        model = Story
        fields = ("headline", "summary", "correction_note", "status", "pinned")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        text_changed = {"headline", "summary"} & set(self.changed_data)
        if text_changed and not (data.get("correction_note") or "").strip():
            raise forms.ValidationError(
                "Say what was corrected: a correction note is shown on the story page."
            )
        return data


class StoryVersionInline(admin.TabularInline):
    model = StoryVersion
    extra = 0
    can_delete = False
    fields = ("number", "writer", "headline", "article_count", "outlet_count", "problems", "created_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    form = StoryForm
    list_display = (
        "headline",
        "primary_country",
        "status",
        "pinned",
        "outlet_count",
        "writer",
        "last_updated_at",
        "edited_by_editor",
    )
    list_filter = ("status", "pinned", "edited_by_editor", "writer", "primary_country")
    search_fields = ("headline", "slug")
    date_hierarchy = "last_updated_at"
    actions = ("hide", "unhide", "pin", "unpin")
    inlines = (StoryVersionInline,)
    readonly_fields = (
        "slug",
        "writer",
        "countries",
        "first_seen_at",
        "last_updated_at",
        "article_count",
        "outlet_count",
        "trending_score",
        "version",
        "edited_by_editor",
        "corrected_at",
        "created_at",
        "modified_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # stories come from the pipeline

    def save_model(self, request: HttpRequest, obj: Story, form: forms.ModelForm, change: bool) -> None:
        if {"headline", "summary", "correction_note"} & set(form.changed_data):
            obj.edited_by_editor = True
            obj.corrected_at = clock.now()
        super().save_model(request, obj, form, change)
        _after_change([obj.pk])

    def _set(self, request: HttpRequest, queryset: QuerySet[Story], done: str, **values: Any) -> None:
        ids = list(queryset.values_list("pk", flat=True))
        n = queryset.update(**values)
        _after_change(ids)
        self.message_user(request, f"{n} stor{'y' if n == 1 else 'ies'} {done}.", messages.SUCCESS)

    @admin.action(description="Hide the selected stories")
    def hide(self, request: HttpRequest, queryset: QuerySet[Story]) -> None:
        self._set(request, queryset, "hidden", status=Story.Status.HIDDEN)

    @admin.action(description="Publish (unhide) the selected stories")
    def unhide(self, request: HttpRequest, queryset: QuerySet[Story]) -> None:
        self._set(request, queryset, "published", status=Story.Status.PUBLISHED)

    @admin.action(description="Pin the selected stories")
    def pin(self, request: HttpRequest, queryset: QuerySet[Story]) -> None:
        self._set(request, queryset, "pinned", pinned=True)

    @admin.action(description="Unpin the selected stories")
    def unpin(self, request: HttpRequest, queryset: QuerySet[Story]) -> None:
        self._set(request, queryset, "unpinned", pinned=False)
