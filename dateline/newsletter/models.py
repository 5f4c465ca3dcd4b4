"""Newsletter state: subscribers, weekly editions and one delivery row per (subscriber, edition)."""

from __future__ import annotations

import secrets

from django.db import models


def new_key() -> str:
    """A random per-subscriber key; it is part of every signed link to that subscriber."""
    return secrets.token_urlsafe(12)


class SubscriberQuerySet(models.QuerySet["Subscriber"]):
    def receiving(self) -> SubscriberQuerySet:
        """Confirmed, not paused, not unsubscribed, not bounced: those who get the digest."""
        return self.filter(status=Subscriber.Status.ACTIVE)


class Subscriber(models.Model):
    """An email address and the countries it follows; only ``active`` ones receive digests."""

    class Status(models.TextChoices):
        PENDING = "pending", "waiting for confirmation"
        ACTIVE = "active", "active"
        PAUSED = "paused", "paused"
        UNSUBSCRIBED = "unsubscribed", "unsubscribed"
        BOUNCED = "bounced", "address refused by the mail server"

    email = models.EmailField(max_length=254, unique=True, help_text="Stored lower-cased.")
    countries = models.JSONField(default=list, blank=True, help_text="ISO alpha-2 codes followed, in order.")
    worldwide = models.BooleanField(default=False, help_text="Also wants the top stories worldwide.")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    key = models.CharField(
        max_length=32, default=new_key, help_text="Part of every signed link; change it to revoke them."
    )
    created_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    bounced_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["status", "id"], name="subscriber_status_idx")]

    def __str__(self) -> str:
        return self.email

    @property
    def selection(self) -> tuple[tuple[str, ...], bool]:
        """What the digest is built from: the followed countries and the worldwide flag."""
        return tuple(self.countries or ()), bool(self.worldwide or not self.countries)


class Edition(models.Model):
    """One weekly issue, named by its local send date; its window ends at its send time."""

    class Status(models.TextChoices):
        SENDING = "sending", "sending"
        COMPLETE = "complete", "complete"

    date = models.DateField(unique=True)
    send_at = models.DateTimeField()
    window_start = models.DateTimeField()
    window_end = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SENDING)
    created_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    sent_count = models.PositiveIntegerField(default=0)
    failed_count = models.PositiveIntegerField(default=0)
    # A lease so two senders (the scheduler and a manual command) never work on one
    # edition at once; real time in epoch seconds, not the news clock (which may be frozen).
    lease_owner = models.CharField(max_length=200, blank=True)
    lease_until = models.FloatField(default=0.0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"Edition {self.date.isoformat()}"


class Delivery(models.Model):
    """One message of one edition to one subscriber, recorded before and after sending."""

    class Status(models.TextChoices):
        PENDING = "pending", "pending"
        SENDING = "sending", "handed to the mail server"
        SENT = "sent", "sent"
        FAILED = "failed", "failed"
        SKIPPED = "skipped", "skipped"

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    permanent = models.BooleanField(default=False, help_text="The server refused the address for good (5xx).")
    message_id = models.CharField(
        max_length=200, blank=True, help_text="Set before the first attempt; kept on retries."
    )
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "edition"], name="delivery_once_per_edition"),
        ]
        indexes = [models.Index(fields=["edition", "status", "id"], name="delivery_edition_status_idx")]

    def __str__(self) -> str:
        return f"{self.edition} → {getattr(self, 'subscriber_id', None)}: {self.status}"
