"""The website's own tables: readers' problem reports and the page-cache generation."""

from __future__ import annotations

from django.db import models


class Report(models.Model):
    """A reader's report of a problem with a story or page."""

    story = models.ForeignKey(
        "stories.Story", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    url = models.CharField(max_length=2000, blank=True, help_text="The page the reader was on.")
    message = models.TextField()
    email = models.EmailField(blank=True)
    created_at = models.DateTimeField(db_index=True)
    handled = models.BooleanField(default=False, db_index=True)

    class Meta:
        ordering = ["handled", "-created_at"]

    def __str__(self) -> str:
        return f"Report {self.pk}: {self.message[:60]}"


class CacheGeneration(models.Model):
    """One row: the page cache's generation; bumping it invalidates every cached page in every process."""

    number = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"generation {self.number}"
