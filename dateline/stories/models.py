"""Stories: one real-world event, told once, with every outlet that covered it."""

from __future__ import annotations

from django.db import models
from django.urls import reverse


class StoryQuerySet(models.QuerySet["Story"]):
    def published(self) -> StoryQuerySet:
        return self.filter(status=Story.Status.PUBLISHED)

    def trending(self) -> StoryQuerySet:
        """Published stories by trending score (breadth, velocity, recency); pinned first; past
        the trending window (score 0), by breadth."""
        return self.published().order_by(
            "-pinned", "-trending_score", "-outlet_count", "-last_updated_at", "-id"
        )

    def recently_updated(self) -> StoryQuerySet:
        """ "The Latest": most recently updated first."""
        return self.published().order_by("-last_updated_at", "-id")

    def newest(self) -> StoryQuerySet:
        """ "New Stories": most recently first seen first."""
        return self.published().order_by("-first_seen_at", "-id")

    def in_country(self, code: str) -> StoryQuerySet:
        """Stories filed under a country, as primary or secondary."""
        return self.filter(story_countries__country=code.upper())

    def awaiting_writer(self) -> StoryQuerySet:
        return self.filter(needs_write=True)


class Story(models.Model):
    """An event and its coverage."""

    class Status(models.TextChoices):
        PUBLISHED = "published", "published"
        HIDDEN = "hidden", "hidden"

    slug = models.SlugField(max_length=120, unique=True)
    headline = models.TextField()
    summary = models.TextField(blank=True)
    writer = models.CharField(max_length=120, default="extractive", help_text="What produced the text.")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PUBLISHED, db_index=True)
    pinned = models.BooleanField(default=False)

    countries = models.JSONField(
        default=list, blank=True, help_text="Country scores with evidence, primary first."
    )
    primary_country = models.CharField(max_length=2, blank=True, db_index=True)

    first_seen_at = models.DateTimeField(db_index=True)
    last_updated_at = models.DateTimeField(db_index=True)
    article_count = models.PositiveIntegerField(default=0)
    outlet_count = models.PositiveIntegerField(default=0)
    trending_score = models.FloatField(default=0.0, db_index=True)

    version = models.PositiveIntegerField(default=0)
    needs_write = models.BooleanField(default=True, db_index=True)
    edited_by_editor = models.BooleanField(
        default=False, help_text="An editor's text: the writer no longer replaces it."
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="absorbed",
        help_text="Set when coverage showed this was the same event as another story; its page redirects there.",
    )
    correction_note = models.TextField(
        blank=True, help_text="Shown on the story page when an editor corrected it."
    )
    corrected_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    objects = StoryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "stories"
        ordering = ["-last_updated_at", "-id"]
        indexes = [
            models.Index(fields=["status", "first_seen_at", "id"], name="story_new_idx"),
            models.Index(fields=["status", "last_updated_at", "id"], name="story_latest_idx"),
            models.Index(fields=["status", "pinned", "trending_score"], name="story_trending_idx"),
        ]

    def __str__(self) -> str:
        return self.headline

    def get_absolute_url(self) -> str:
        return reverse("story", kwargs={"slug": self.slug})

    @property
    def single_source(self) -> bool:
        return self.outlet_count <= 1

    @property
    def secondary_countries(self) -> list[str]:
        return [c["code"] for c in self.countries[1:]] if self.countries else []


class StoryCountry(models.Model):
    """A story filed under a country (primary or secondary), for country pages and counts."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="story_countries")
    country = models.CharField(max_length=2)
    position = models.PositiveSmallIntegerField(default=0, help_text="0 for the primary country.")
    score = models.FloatField(default=0.0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["story", "country"], name="story_country_unique")]
        indexes = [models.Index(fields=["country", "story"], name="storycountry_country_idx")]


class StoryVersion(models.Model):
    """One written text of a story; a story is rewritten when its coverage grows."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    headline = models.TextField()
    summary = models.TextField()
    writer = models.CharField(max_length=120)
    article_count = models.PositiveIntegerField(default=0)
    outlet_count = models.PositiveIntegerField(default=0)
    problems = models.TextField(blank=True, help_text="Why a model's text was not used, if it was not.")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["story", "-number"]
        constraints = [models.UniqueConstraint(fields=["story", "number"], name="story_version_unique")]
