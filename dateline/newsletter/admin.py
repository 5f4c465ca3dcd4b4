"""Editors' view of subscribers, editions and deliveries (deliveries are read-only)."""

from __future__ import annotations

from django.contrib import admin

from dateline.newsletter.models import Delivery, Edition, Subscriber


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ("email", "status", "countries", "worldwide", "created_at", "confirmed_at")
    list_filter = ("status", "worldwide")
    search_fields = ("email",)
    readonly_fields = ("key", "created_at", "confirmed_at", "unsubscribed_at", "bounced_at", "last_error")


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ("date", "status", "sent_count", "failed_count", "send_at", "completed_at")
    readonly_fields = [f.name for f in Edition._meta.fields]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ("edition", "subscriber", "status", "attempts", "permanent", "sent_at")
    list_filter = ("status", "permanent", "edition")
    search_fields = ("subscriber__email", "message_id")
    list_select_related = ("edition", "subscriber")
    readonly_fields = [f.name for f in Delivery._meta.fields]

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def,override]
        return False
