"""Signed links: confirmation (expiring, carries the chosen countries) and management
(preferences and unsubscribe; valid until the subscriber's key changes)."""

from __future__ import annotations

from typing import Any

from django.core import signing
from django.utils.crypto import constant_time_compare

from dateline.newsletter.models import Subscriber

CONFIRM_SALT = "dateline.newsletter.confirm"
MANAGE_SALT = "dateline.newsletter.manage"
#: A confirmation link works for three days (real time: it is about the mail, not the news).
CONFIRM_MAX_AGE = 3 * 24 * 3600


def confirm_token(subscriber: Subscriber, countries: list[str], worldwide: bool) -> str:
    """A token that, within :data:`CONFIRM_MAX_AGE`, activates the subscriber with these choices."""
    payload = {"i": subscriber.pk, "k": subscriber.key, "c": countries, "w": bool(worldwide)}
    return signing.dumps(payload, salt=CONFIRM_SALT, compress=True)


def read_confirm_token(token: str) -> tuple[Subscriber, list[str], bool] | None:
    """The subscriber and choices in a confirmation token, or None if bad, expired or revoked."""
    try:
        payload: Any = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict):
        return None
    sid = payload.get("i")
    if not isinstance(sid, int):
        return None
    subscriber = Subscriber.objects.filter(pk=sid).first()
    if subscriber is None or not constant_time_compare(subscriber.key, str(payload.get("k", ""))):
        return None
    countries = [str(c) for c in payload.get("c") or []]
    return subscriber, countries, bool(payload.get("w"))


def manage_token(subscriber_id: int, key: str) -> str:
    """The token in every email's preferences and unsubscribe links."""
    return _signer().sign(f"{subscriber_id}.{key}")


def read_manage_token(token: str) -> Subscriber | None:
    """The subscriber a management token names, or None."""
    try:
        value = _signer().unsign(token)
    except signing.BadSignature:
        return None
    sid, _, key = value.partition(".")
    if not sid.isdigit():
        return None
    subscriber = Subscriber.objects.filter(pk=int(sid)).first()
    if subscriber is None or not constant_time_compare(subscriber.key, key):
        return None
    return subscriber


def _signer() -> signing.Signer:
    # Built per call: SECRET_KEY may differ between test settings overrides.
    return signing.Signer(salt=MANAGE_SALT)
