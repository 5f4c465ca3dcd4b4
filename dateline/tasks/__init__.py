"""Scaling out: the pipeline's stages as Celery tasks on Redis, over PostgreSQL.

Roles, each its own command and each able to run on its own machine:

- ``dateline worker [--queues dateline|cluster]``: a Celery worker (one task at a time per
  process; run more processes for more throughput). The ``cluster`` queue has exactly one
  consumer, because clustering keeps an in-memory index and takes articles in publication order.
- ``dateline scheduler``: the one process that enqueues due work (guarded by a Redis lock, so a
  second scheduler started by mistake stands by).
- ``dateline serve``: the website under gunicorn, several processes.

Without ``DATELINE_BROKER_URL`` none of this is imported and ``dateline run`` is one process.
"""

from __future__ import annotations

import os

from dateline import conf


def broker_url() -> str:
    """The broker's URL: DATELINE_BROKER_URL, else CELERY_BROKER_URL, else empty."""
    return str(conf.get("DATELINE_BROKER_URL") or os.environ.get("CELERY_BROKER_URL", "")).strip()
