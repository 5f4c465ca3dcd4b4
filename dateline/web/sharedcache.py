"""Django's Redis cache, made to miss instead of fail while Redis is unreachable.

Web nodes keep serving from the database when the shared cache is down; a rate limit then
counts nothing (it fails open) rather than refusing every reader. Each failure is logged at
most once a minute per process.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.cache.backends.redis import RedisCache

log = logging.getLogger("dateline.web")
_last_warning = [0.0]


def _down(exc: Exception) -> None:
    now = time.monotonic()
    if now - _last_warning[0] > 60:
        _last_warning[0] = now
        log.warning("the shared cache (Redis) is unreachable: serving without it (%s)", exc)


class TolerantRedisCache(RedisCache):
    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        try:
            return super().get(key, default, version)
        except Exception as exc:
            _down(exc)
            return default

    def get_many(self, keys: Any, version: int | None = None) -> dict[Any, Any]:
        try:
            return super().get_many(keys, version)
        except Exception as exc:
            _down(exc)
            return {}

    def set(self, key: Any, value: Any, timeout: Any = None, version: int | None = None) -> None:  # type: ignore[override]
        try:
            super().set(key, value, timeout, version)
        except Exception as exc:
            _down(exc)

    def set_many(self, data: Any, timeout: Any = None, version: int | None = None) -> list[Any]:  # type: ignore[override]
        try:
            return super().set_many(data, timeout, version)
        except Exception as exc:
            _down(exc)
            return []

    def add(self, key: Any, value: Any, timeout: Any = None, version: int | None = None) -> bool:  # type: ignore[override]
        try:
            return super().add(key, value, timeout, version)
        except Exception as exc:
            _down(exc)
            return True

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        try:
            return super().incr(key, delta, version)
        except ValueError:
            raise
        except Exception as exc:
            _down(exc)
            return delta

    def delete(self, key: Any, version: int | None = None) -> bool:
        try:
            return super().delete(key, version)
        except Exception as exc:
            _down(exc)
            return False

    def touch(self, key: Any, timeout: Any = None, version: int | None = None) -> bool:  # type: ignore[override]
        try:
            return super().touch(key, timeout, version)
        except Exception as exc:
            _down(exc)
            return False

    def has_key(self, key: Any, version: int | None = None) -> bool:
        try:
            return super().has_key(key, version)
        except Exception as exc:
            _down(exc)
            return False
