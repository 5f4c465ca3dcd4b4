"""Sources: the outlets' feeds Dateline reads, with their health."""

from __future__ import annotations

import datetime as dt

from django.db import models


class SourceQuerySet(models.QuerySet["Source"]):
    def active(self) -> SourceQuerySet:
        return self.filter(active=True)

    def due(self, now: dt.datetime) -> SourceQuerySet:
        """Active sources whose next fetch time has come (or was never set)."""
        return self.active().filter(models.Q(next_fetch_at__isnull=True) | models.Q(next_fetch_at__lte=now))

    def failing(self) -> SourceQuerySet:
        return self.filter(consecutive_failures__gt=0)


class Source(models.Model):
    """One outlet's feed."""

    name = models.CharField(max_length=200)
    feed_url = models.URLField(max_length=2000, unique=True)
    site_url = models.URLField(max_length=2000, blank=True)
    country = models.CharField(
        max_length=2, blank=True, help_text="Home country of the outlet (ISO alpha-2); never the filing rule."
    )
    language = models.CharField(max_length=16, blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    # Health
    last_fetch_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    next_fetch_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_status = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    feed_problem = models.TextField(
        blank=True, help_text="What was wrong with the last feed document, if anything."
    )

    # HTTP validators for conditional GET; saved only once every entry of that feed is stored.
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    final_url = models.URLField(max_length=2000, blank=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def healthy(self) -> bool:
        return self.consecutive_failures == 0 and not self.last_error
