"""Failed sign-ins are throttled per account and per address (password guessing on the admin).

After :data:`PER_ACCOUNT` failures for one user name, or :data:`PER_ADDRESS` from one client
address, within :data:`WINDOW`, every sign-in attempt for that account or from that address
is refused with a clear message until the window has passed, the right password included.
Counts live in Django's cache (shared between workers when the cache is).
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest

PER_ACCOUNT = 5
PER_ADDRESS = 20
WINDOW = 15 * 60  # seconds

MESSAGE = "Too many failed sign-ins for this account or from this address. Try again in 15 minutes."


def _key(kind: str, value: str) -> str:
    return f"login-fail:{kind}:{hashlib.sha256(value.encode()).hexdigest()[:32]}"


def _keys(request: HttpRequest | None, username: str | None) -> list[tuple[str, int]]:
    keys = [(_key("account", (username or "").strip().lower()), PER_ACCOUNT)]
    address = request.META.get("REMOTE_ADDR") if request is not None else None
    if address:
        keys.append((_key("address", address), PER_ADDRESS))
    return keys


def _count_failure(key: str) -> None:
    if not cache.add(key, 1, WINDOW):
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, WINDOW)


class ThrottledModelBackend(ModelBackend):
    """Django's model backend behind a failure counter."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        keys = _keys(request, username)
        if any((cache.get(key) or 0) >= limit for key, limit in keys):
            raise ValidationError(MESSAGE, code="throttled")
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            for key, _ in keys:
                _count_failure(key)
        else:
            cache.delete(keys[0][0])
        return user
