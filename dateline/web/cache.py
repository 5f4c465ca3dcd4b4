"""The page cache: rendered pages in Django's cache, under a key that holds a generation number.

The pipeline calls :func:`invalidate` when it publishes; that bumps the generation kept in the
database (one row), so every process's cached pages go stale at once. Each process reads the
generation at most once a second, so a cache hit costs no query.

Pages that hold a CSRF token (a form) are cached with a placeholder that is replaced by the
reader's own token on every response (:mod:`dateline.web.csrf`); such pages are marked
``private`` and their ETag names the reader's CSRF secret as well as the page.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.utils.http import http_date

from dateline.web.csrf import reader_token, secret_of
from dateline.web.models import CacheGeneration

__all__ = ["CSRF_PLACEHOLDER", "cached_page", "generation", "invalidate", "reset_local"]

# What a cached page holds instead of a reader's CSRF token (plain ASCII: escaping leaves it alone).
CSRF_PLACEHOLDER = "csrfplaceholder0d4a7b19e2c64f3ab8"
_PLACEHOLDER_BYTES = CSRF_PLACEHOLDER.encode()
READ_EVERY = 1.0  # seconds between two reads of the generation by one process
MAX_AGE = 60
_PUBLIC = f"public, max-age={MAX_AGE}"
_PRIVATE = f"private, max-age={MAX_AGE}"

_local: dict[str, float] = {"number": -1.0, "read_at": -1e9}

View = Callable[..., HttpResponse]


def generation() -> int:
    """The current generation, read from the database at most once a second per process."""
    clock = time.monotonic()
    if _local["number"] < 0 or clock - _local["read_at"] >= READ_EVERY:
        number = CacheGeneration.objects.filter(pk=1).values_list("number", flat=True).first()
        _local["number"] = float(number or 0)
        _local["read_at"] = clock
    return int(_local["number"])


def invalidate() -> None:
    """Make every cached page stale, in every process (within a second)."""
    bump = CacheGeneration.objects.filter(pk=1)
    with transaction.atomic():
        if not bump.update(number=F("number") + 1):
            # The first publish: two processes may both find no row, so the row is made without
            # conflict (one of them wins) and then bumped, never inserted twice.
            CacheGeneration.objects.bulk_create([CacheGeneration(pk=1, number=0)], ignore_conflicts=True)
            bump.update(number=F("number") + 1)
    reset_local()


def reset_local() -> None:
    """Forget this process's copy of the generation (tests; after :func:`invalidate`)."""
    _local["number"] = -1.0
    _local["read_at"] = -1e9


def _key(request: HttpRequest) -> str:
    path = hashlib.blake2b(request.get_full_path().encode("utf-8", "replace"), digest_size=16).hexdigest()
    return f"web:page:{generation()}:{path}"


def _finish(request: HttpRequest, entry: dict[str, Any]) -> HttpResponse:
    content: bytes = entry["content"]
    has_form = _PLACEHOLDER_BYTES in content
    if has_form:
        content = content.replace(_PLACEHOLDER_BYTES, reader_token(request).encode())
    response = HttpResponse(content, content_type=entry["content_type"])
    if entry.get("last_modified"):
        response["Last-Modified"] = entry["last_modified"]
    # A fresh response has no Cache-Control yet: set it whole (patch_cache_control parses).
    if has_form:
        # A reader's own token is in the page: no shared cache may keep it.
        # (CsrfViewMiddleware adds "Vary: Cookie" as it sets the reader's cookie.)
        response["Cache-Control"] = _PRIVATE
        # Each answer carries a fresh masking of the reader's secret, and any masking of it is
        # valid: the same page for the same secret is the same page (a weak validator, so a
        # returning reader gets a 304, and nobody hashes the whole page on every request).
        keyed = hashlib.blake2b(secret_of(request).encode(), digest_size=8).hexdigest()
        response["ETag"] = f'W/"{entry["etag"][1:-1]}-{keyed}"'
    else:
        response["Cache-Control"] = _PUBLIC
        response["ETag"] = entry["etag"]
    return response


def cached_page(view: View) -> View:
    """Serve a GET page from the cache, rendering and storing it on a miss.

    The view may set ``response.last_modified_at`` (a datetime) for the Last-Modified header.
    Only 200 answers are kept; anything else passes through untouched.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        key = _key(request)
        entry = cache.get(key)
        if entry is None:
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.streaming or response.has_header("Set-Cookie"):
                return response
            modified = getattr(response, "last_modified_at", None)
            content = response.content
            entry = {
                "content": content,
                "content_type": response["Content-Type"],
                "etag": '"' + hashlib.md5(content, usedforsecurity=False).hexdigest() + '"',
                "last_modified": http_date(modified.timestamp()) if modified else "",
            }
            cache.set(key, entry, MAX_AGE * 10)
        return _finish(request, entry)

    return wrapper
