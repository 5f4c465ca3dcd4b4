"""The newsletter's I/O shell: sign-up, confirmation, preferences and sending editions.

Delivery guarantee. Every (subscriber, edition) has one :class:`Delivery` row, created
before anything is sent. A message is claimed (``sending``, Message-ID recorded, commit),
handed to SMTP, and marked ``sent`` in the very next statement (commit), so the only
window in which a crash leaves doubt is between the server's "250 OK" and that commit.
A row still ``sending`` when a later run starts was interrupted inside that window or
during the SMTP exchange; we choose at-least-once and resend it with the *same*
Message-ID (mail systems drop a second copy with a known Message-ID), because losing a
message is worse than an unlikely duplicate. ``resend_interrupted=False``
(``--no-resend-interrupted``) picks at-most-once instead and marks such rows failed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import smtplib
import socket
import time
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.core.mail import mailers
from django.db import connection as db_connection
from django.db.models import F, Q

from dateline import clock, conf
from dateline.newsletter import core, emails
from dateline.newsletter.digest import EditionIndex
from dateline.newsletter.models import Delivery, Edition, Subscriber

log = logging.getLogger("dateline.newsletter")

IP_LIMIT = (10, 3600)  # sign-ups per IP address per hour
ADDRESS_LIMIT = (3, 3600)  # confirmation emails per address per hour
MAX_ATTEMPTS = 5  # over all runs, for transient errors
RETRIES_PER_RUN = 3
RETRY_BASE = 1.0  # seconds; doubled on each retry
MAX_CONSECUTIVE_FAILURES = 5  # the server is down: stop this run, the next one resumes
LEASE_SECONDS = 120.0


# --- schedule ---------------------------------------------------------------------------


def schedule() -> tuple[int, int, str]:
    """The configured weekday (0 = Monday), hour and time zone."""
    return (
        int(conf.get("DATELINE_NEWSLETTER_WEEKDAY")),
        int(conf.get("DATELINE_NEWSLETTER_HOUR")),
        str(conf.get("DATELINE_NEWSLETTER_TIMEZONE")),
    )


def edition_window(edition_date: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The window of an edition: from its row if it exists, else from the schedule."""
    row = Edition.objects.filter(date=edition_date).values_list("window_start", "window_end").first()
    if row:
        return row[0], row[1]
    _, hour, tz = schedule()
    return core.window(edition_date, hour, tz)


# --- sign-up and preferences ------------------------------------------------------------------


def _over_limit(key: str, limit: int, period: int) -> bool:
    if cache.add(key, 1, period):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, period)
        return False
    return count > limit


def ip_limited(ip: str) -> bool:
    """Count a sign-up from ``ip``; True once it is over :data:`IP_LIMIT`."""
    return _over_limit(f"newsletter:ip:{ip}", *IP_LIMIT)


def subscribe(email: str, countries: list[str], worldwide: bool) -> None:
    """Ask ``email`` to confirm these choices, whatever its current state.

    Unknown, pending, active or unsubscribed: the address gets the same kind of email
    and the caller gives the same answer, so the form reveals nothing about who is
    subscribed. Past :data:`ADDRESS_LIMIT` nothing is sent (no mail-bombing), silently.
    """
    email = email.strip().lower()
    digest = hashlib.sha256(email.encode()).hexdigest()
    if _over_limit(f"newsletter:addr:{digest}", *ADDRESS_LIMIT):
        log.info("newsletter sign-up: address over its hourly limit")
        return
    subscriber, created = Subscriber.objects.get_or_create(
        email=email,
        defaults={"countries": countries, "worldwide": worldwide, "created_at": clock.now()},
    )
    if not created and subscriber.status == Subscriber.Status.PENDING:
        Subscriber.objects.filter(pk=subscriber.pk).update(countries=countries, worldwide=worldwide)
    try:
        mailers.default.send_messages([emails.confirmation_message(subscriber, countries, worldwide)])
    except (smtplib.SMTPException, OSError, ValueError) as exc:
        # Same answer to the visitor either way; the operator sees it in the log.
        log.warning("newsletter confirmation email failed: %s", exc)


def confirm(subscriber: Subscriber, countries: list[str], worldwide: bool) -> Subscriber:
    """Activate a subscriber with the choices from its confirmation link."""
    now = clock.now()
    subscriber.countries = countries
    subscriber.worldwide = bool(worldwide or not countries)
    subscriber.status = Subscriber.Status.ACTIVE
    subscriber.confirmed_at = subscriber.confirmed_at or now
    subscriber.unsubscribed_at = None
    subscriber.bounced_at = None
    subscriber.save(
        update_fields=["countries", "worldwide", "status", "confirmed_at", "unsubscribed_at", "bounced_at"]
    )
    return subscriber


def update_preferences(
    subscriber: Subscriber, countries: list[str], worldwide: bool, paused: bool
) -> Subscriber:
    """Change the followed countries and pause or resume; also resubscribes."""
    subscriber.countries = countries
    subscriber.worldwide = bool(worldwide or not countries)
    subscriber.status = Subscriber.Status.PAUSED if paused else Subscriber.Status.ACTIVE
    subscriber.confirmed_at = subscriber.confirmed_at or clock.now()
    subscriber.unsubscribed_at = None
    subscriber.save(update_fields=["countries", "worldwide", "status", "confirmed_at", "unsubscribed_at"])
    return subscriber


def unsubscribe(subscriber: Subscriber) -> None:
    """Unsubscribe at once: the sender re-checks the status right before each message."""
    Subscriber.objects.filter(pk=subscriber.pk).exclude(status=Subscriber.Status.UNSUBSCRIBED).update(
        status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=clock.now()
    )


# --- sending ------------------------------------------------------------------------------------


@dataclass
class SendReport:
    """What one run of :func:`send_edition` did."""

    edition: dt.date
    recipients: int = 0
    sent: int = 0
    failed: int = 0
    bounced: int = 0
    skipped: int = 0
    complete: bool = False
    busy: bool = False
    dry_run: bool = False
    stories: int = 0
    note: str = ""


def _edition(edition_date: dt.date, now: dt.datetime) -> Edition:
    _, hour, tz = schedule()
    start, end = core.window(edition_date, hour, tz)
    edition, _ = Edition.objects.get_or_create(
        date=edition_date,
        defaults={"send_at": end, "window_start": start, "window_end": end, "created_at": now},
    )
    return edition


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _acquire(edition: Edition, owner: str) -> bool:
    """Take the edition's lease: free, expired, or held by a dead process on this host."""
    # Real time, not the news clock: the lease is about live processes.
    now = time.time()
    free = Q(lease_owner="") | Q(lease_until__lt=now) | Q(lease_owner=owner)
    if Edition.objects.filter(free, pk=edition.pk).update(lease_owner=owner, lease_until=now + LEASE_SECONDS):
        return True
    holder = Edition.objects.values_list("lease_owner", flat=True).get(pk=edition.pk)
    host, _, rest = holder.partition(":")
    pid = rest.partition(":")[0]
    if host == socket.gethostname() and pid.isdigit() and not _alive(int(pid)):
        return bool(
            Edition.objects.filter(pk=edition.pk, lease_owner=holder).update(
                lease_owner=owner, lease_until=now + LEASE_SECONDS
            )
        )
    return False


def _release(edition: Edition, owner: str) -> None:
    Edition.objects.filter(pk=edition.pk, lease_owner=owner).update(lease_owner="", lease_until=0.0)


def _materialize(edition: Edition, batch_size: int) -> None:
    """Record a pending delivery for every active subscriber (keyset batches, idempotent)."""
    last = 0
    now = clock.now()
    while True:
        ids = list(
            Subscriber.objects.filter(status=Subscriber.Status.ACTIVE)
            .filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        if not ids:
            return
        Delivery.objects.bulk_create(
            [Delivery(edition=edition, subscriber_id=sid, created_at=now, updated_at=now) for sid in ids],
            ignore_conflicts=True,
        )
        last = ids[-1]


def _claimable(resend_interrupted: bool) -> Q:
    states = [Delivery.Status.PENDING] + ([Delivery.Status.SENDING] if resend_interrupted else [])
    retry = Q(status=Delivery.Status.FAILED, permanent=False, attempts__lt=MAX_ATTEMPTS)
    return Q(status__in=states) | retry


_CLAIM_SQL = """
UPDATE newsletter_delivery
SET status = 'sending', attempts = attempts + 1, message_id = %s, updated_at = %s
WHERE id = %s
  AND (status IN ('pending', 'sending') OR (status = 'failed' AND NOT permanent AND attempts < %s))
  AND EXISTS (SELECT 1 FROM newsletter_subscriber s
              WHERE s.id = newsletter_delivery.subscriber_id AND s.status = 'active')
"""
_CLAIM_SQL_NO_RESEND = _CLAIM_SQL.replace("IN ('pending', 'sending')", "IN ('pending')")
_SENT_SQL = """
UPDATE newsletter_delivery SET status = 'sent', sent_at = %s, updated_at = %s, last_error = '' WHERE id = %s
"""


class _Sender:
    """Sends one edition's claimable deliveries over one SMTP connection."""

    def __init__(self, edition: Edition, report: SendReport, resend_interrupted: bool, owner: str) -> None:
        self.edition = edition
        self.report = report
        self.claimable = _claimable(resend_interrupted)
        self.resend_interrupted = resend_interrupted
        self.owner = owner
        self.index = EditionIndex(edition.window_start, edition.window_end)
        self.renderer = emails.DigestRenderer(edition.date, self.index)
        self.connection: Any = None
        self.consecutive_failures = 0

    def run(self, batch_size: int, subscribers: tuple[int, int] | None = None) -> None:
        """Send every claimable delivery, or only those to subscriber ids in ``[first, end)``."""
        self.connection = mailers.default
        self._open()
        only = Q(subscriber_id__gte=subscribers[0], subscriber_id__lt=subscribers[1]) if subscribers else Q()
        try:
            last = 0
            while True:
                batch = list(
                    Delivery.objects.filter(self.claimable, only, edition=self.edition, pk__gt=last)
                    .select_related("subscriber")
                    .only(
                        "pk",
                        "message_id",
                        "subscriber__email",
                        "subscriber__countries",
                        "subscriber__worldwide",
                        "subscriber__key",
                        "subscriber__status",
                    )
                    .order_by("pk")[:batch_size]
                )
                if not batch:
                    return
                for delivery in batch:
                    self._deliver(delivery)
                    if self.consecutive_failures >= MAX_CONSECUTIVE_FAILURES:
                        self.report.note = "mail server keeps failing; stopped, the next run resumes"
                        return
                last = batch[-1].pk
                if self.owner:  # a chunk's sender holds no edition lease (its task holds a lock)
                    Edition.objects.filter(pk=self.edition.pk, lease_owner=self.owner).update(
                        lease_until=time.time() + LEASE_SECONDS
                    )
        finally:
            self.connection.close()

    def _open(self) -> None:
        self.connection.open()
        sock = getattr(getattr(self.connection, "connection", None), "sock", None)
        if sock is not None:
            # Request/response over one long session: don't let Nagle hold back the
            # tail of each message while the server waits for it.
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    # The two statements on every message's path are plain SQL: they run once per message
    # and the ORM's query compilation would cost more than the statements themselves.
    def _claim(self, delivery_id: int, message_id: str) -> bool:
        """Record the attempt (and its Message-ID) before sending; re-checks the subscriber."""
        sql = _CLAIM_SQL if self.resend_interrupted else _CLAIM_SQL_NO_RESEND
        now = db_connection.ops.adapt_datetimefield_value(clock.now())
        with db_connection.cursor() as cursor:
            cursor.execute(sql, [message_id, now, delivery_id, MAX_ATTEMPTS])
            return cursor.rowcount == 1

    def _sent(self, delivery_id: int) -> None:
        now = db_connection.ops.adapt_datetimefield_value(clock.now())
        with db_connection.cursor() as cursor:
            cursor.execute(_SENT_SQL, [now, now, delivery_id])

    def _mark(self, delivery: Delivery, **fields: Any) -> int:
        fields.setdefault("updated_at", clock.now())
        return Delivery.objects.filter(pk=delivery.pk).update(**fields)

    def _deliver(self, delivery: Delivery) -> None:
        subscriber = delivery.subscriber
        self.report.recipients += 1
        active = subscriber.status == Subscriber.Status.ACTIVE
        content = self.renderer.content(*subscriber.selection) if active else None
        if content is None:
            why = "nothing to send for these countries" if active else f"subscriber {subscriber.status}"
            self._mark(delivery, status=Delivery.Status.SKIPPED, last_error=why)
            self.report.skipped += 1
            return
        message_id = delivery.message_id or emails.new_message_id(self.edition.date, subscriber.pk)
        # Claim: recorded (and committed) before the message leaves. The status check on
        # the subscriber makes an unsubscribe take effect even mid-edition.
        claimed = self._claim(delivery.pk, message_id)
        if not claimed:
            self._mark(delivery, status=Delivery.Status.SKIPPED, last_error="subscriber no longer active")
            self.report.skipped += 1
            return
        outgoing = self.renderer.build(content, subscriber.email, subscriber.pk, subscriber.key, message_id)
        for attempt in range(1, RETRIES_PER_RUN + 1):
            try:
                emails.transmit(self.connection, outgoing)
            except (smtplib.SMTPException, OSError) as exc:
                if self._failed(delivery, exc, attempt):
                    return
                continue
            # Sent: mark it in the very next statement (autocommit) to keep the doubt window tiny.
            self._sent(delivery.pk)
            self.report.sent += 1
            self.consecutive_failures = 0
            return

    def _failed(self, delivery: Delivery, exc: BaseException, attempt: int) -> bool:
        """Record an SMTP error; True when this message is done with (for this run)."""
        error = core.header_safe(f"{type(exc).__name__}: {exc}", 500)
        if core.is_permanent(exc):
            self._mark(delivery, status=Delivery.Status.FAILED, permanent=True, last_error=error)
            Subscriber.objects.filter(pk=delivery.subscriber.pk).update(
                status=Subscriber.Status.BOUNCED, bounced_at=clock.now(), last_error=error
            )
            self.report.bounced += 1
            log.warning("newsletter: %s refused for good: %s", delivery.subscriber.pk, error)
            return True
        # Transient: the connection may be unusable; reopen it before the next try.
        self.connection.close()
        if attempt >= RETRIES_PER_RUN:
            self._mark(delivery, status=Delivery.Status.FAILED, last_error=error)
            self.report.failed += 1
            self.consecutive_failures += 1
            return True
        self._mark(delivery, attempts=F("attempts") + 1, last_error=error)
        time.sleep(core.backoff(attempt, RETRY_BASE))
        try:
            self._open()
        except OSError as reopen:
            self._mark(delivery, status=Delivery.Status.FAILED, last_error=f"reconnect: {reopen}")
            self.report.failed += 1
            self.consecutive_failures += 1
            return True
        return False


def send_edition(
    edition_date: dt.date | None = None,
    *,
    now: dt.datetime | None = None,
    dry_run: bool = False,
    batch_size: int = 500,
    resend_interrupted: bool = True,
) -> SendReport:
    """Send (or finish sending) one edition to every active subscriber; idempotent.

    ``edition_date`` defaults to the edition due at ``now`` (the clock's time). A dry run
    writes nothing and sends nothing: it reports recipients and story counts.
    """
    now = now or clock.now()
    weekday, hour, tz = schedule()
    edition_date = edition_date or core.due_edition(now, weekday, hour, tz)
    report = SendReport(edition=edition_date, dry_run=dry_run)
    if dry_run:
        return _dry_run(report)
    edition = _edition(edition_date, now)
    if edition.status == Edition.Status.COMPLETE:
        report.complete = True
        report.note = "already complete"
        return report
    owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    if not _acquire(edition, owner):
        report.busy = True
        report.note = "another sender holds this edition"
        return report
    try:
        sender = _Sender(edition, report, resend_interrupted, owner)
        report.stories = sender.index.story_count
        if report.stories == 0:
            # Nothing published in the window (the pipeline may be down): send nothing and
            # leave the edition open, rather than completing it with no one reached.
            report.note = "no stories in this edition's window"
            Edition.objects.filter(pk=edition.pk).update(last_error=report.note)
            return report
        _materialize(edition, batch_size)
        if not resend_interrupted:
            Delivery.objects.filter(edition=edition, status=Delivery.Status.SENDING).update(
                status=Delivery.Status.FAILED,
                permanent=True,
                updated_at=clock.now(),
                last_error="interrupted while sending; not resent (at-most-once)",
            )
        sender.run(batch_size)
        _finish(edition, report, resend_interrupted)
    finally:
        _release(edition, owner)
    return report


def _finish(edition: Edition, report: SendReport, resend_interrupted: bool) -> None:
    deliveries = Delivery.objects.filter(edition=edition)
    left = deliveries.filter(_claimable(resend_interrupted)).exists()
    fields: dict[str, Any] = {
        "sent_count": deliveries.filter(status=Delivery.Status.SENT).count(),
        "failed_count": deliveries.filter(status=Delivery.Status.FAILED).count(),
        "last_error": report.note,
    }
    if not left:
        fields.update(status=Edition.Status.COMPLETE, completed_at=clock.now())
        report.complete = True
    Edition.objects.filter(pk=edition.pk).update(**fields)


def _dry_run(report: SendReport) -> SendReport:
    start, end = edition_window(report.edition)
    index = EditionIndex(start, end)
    report.stories = index.story_count
    renderer = emails.DigestRenderer(report.edition, index)
    already = Delivery.objects.filter(edition__date=report.edition, status=Delivery.Status.SENT)
    pending = Subscriber.objects.filter(status=Subscriber.Status.ACTIVE).exclude(
        pk__in=already.values("subscriber_id")
    )
    for countries, worldwide in pending.values_list("countries", "worldwide").iterator(chunk_size=2000):
        report.recipients += 1
        if renderer.content(*core.selection_key(tuple(countries or ()), worldwide)) is None:
            report.skipped += 1
    return report


# --- in chunks, for task workers -------------------------------------------------------------

#: Subscriber ids per chunk: chunk ``k`` is every subscriber with ``k * CHUNK <= id < (k+1) * CHUNK``,
#: the same whoever plans it, so a chunk planned twice is the same chunk (and the same lock).
CHUNK_SUBSCRIBERS = 500


def _due_date(now: dt.datetime) -> dt.date | None:
    """The date of the edition to send at ``now``, or None when it is complete, or missed by
    more than DATELINE_NEWSLETTER_CATCH_UP_HOURS and never started."""
    weekday, hour, tz = schedule()
    edition_date = core.due_edition(now, weekday, hour, tz)
    edition = Edition.objects.filter(date=edition_date).first()
    if edition is not None and edition.status == Edition.Status.COMPLETE:
        return None
    catch_up = dt.timedelta(hours=float(conf.get("DATELINE_NEWSLETTER_CATCH_UP_HOURS")))
    if edition is None and now - core.send_time(edition_date, hour, tz) > catch_up:
        return None
    return edition_date


def plan_edition(now: dt.datetime, *, size: int | None = None) -> tuple[int, list[int]] | None:
    """The edition due at ``now``, its deliveries recorded: ``(edition id, chunks still to send)``.

    None when nothing is due (the same rules as :func:`run_scheduled`), when the edition has
    no stories, or when it has nobody left to send to (then it is marked complete). Planning
    twice is harmless: the deliveries are recorded once and the chunks come out the same.
    """
    size = size or CHUNK_SUBSCRIBERS
    edition_date = _due_date(now)
    if edition_date is None:
        return None
    edition = _edition(edition_date, now)
    if EditionIndex(edition.window_start, edition.window_end).story_count == 0:
        Edition.objects.filter(pk=edition.pk).update(last_error="no stories in this edition's window")
        return None
    _materialize(edition, 1000)
    waiting = Delivery.objects.filter(_claimable(True), edition=edition).values_list(
        "subscriber_id", flat=True
    )
    chunks = sorted({subscriber_id // size for subscriber_id in waiting.iterator(chunk_size=5000)})
    if not chunks:
        _finish(edition, SendReport(edition=edition.date), True)
        return None
    return edition.pk, chunks


def send_chunk(
    edition_id: int, chunk: int, *, size: int | None = None, batch_size: int = 100
) -> SendReport | None:
    """Send one chunk of an edition (see :func:`plan_edition`); the edition is marked complete
    by whichever chunk leaves nobody to send to.

    Idempotent: every subscriber's delivery is claimed before its message leaves and marked
    sent right after, so a chunk run again (redelivered after its worker died) sends only
    what was not sent. Two runs of one chunk must not overlap (the task holds a lock); an
    edition held by a whole-edition sender (``dateline newsletter send``) is left to it.
    Returns None when the edition no longer exists or is held.
    """
    size = size or CHUNK_SUBSCRIBERS
    edition = Edition.objects.filter(pk=edition_id).first()
    if edition is None:
        log.info("newsletter edition %s no longer exists: nothing to send", edition_id)
        return None
    report = SendReport(edition=edition.date)
    if edition.status == Edition.Status.COMPLETE:
        report.complete = True
        return report
    if edition.lease_owner and edition.lease_until >= time.time():
        log.info(
            "newsletter %s is being sent by %s: chunk %d left to it", edition.date, edition.lease_owner, chunk
        )
        return None
    sender = _Sender(edition, report, True, owner="")
    report.stories = sender.index.story_count
    sender.run(batch_size, subscribers=(chunk * size, (chunk + 1) * size))
    _finish(edition, report, True)
    return report


def run_scheduled(now: dt.datetime) -> int | None:
    """Send the edition due at ``now`` unless it is complete; for the ``dateline run`` loop.

    Returns the number of messages sent, or None when nothing was due. A missed edition
    is started only within DATELINE_NEWSLETTER_CATCH_UP_HOURS of its send time; one that
    was started is always finished.
    """
    edition_date = _due_date(now)
    if edition_date is None:
        return None
    report = send_edition(edition_date, now=now)
    if report.busy:
        return None
    log.info(
        "newsletter %s: %d sent, %d failed, %d bounced",
        edition_date,
        report.sent,
        report.failed,
        report.bounced,
    )
    return report.sent
