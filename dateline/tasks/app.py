"""The Celery application: late acknowledgement, one message at a time, two queues."""

from __future__ import annotations

from celery import Celery

from dateline import conf
from dateline.tasks import broker_url

#: The queue of every task but clustering.
DEFAULT_QUEUE = "dateline"
#: Clustering's own queue: exactly one consumer (see dateline.tasks.jobs.cluster).
CLUSTER_QUEUE = "cluster"


def make_app() -> Celery:
    url = broker_url() or "redis://127.0.0.1:6379/0"
    visibility = conf.get("DATELINE_TASK_VISIBILITY_TIMEOUT")
    app = Celery("dateline", include=["dateline.tasks.jobs"])
    app.conf.update(
        broker_url=url,
        result_backend=url,
        result_expires=3600,
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        # A task is acknowledged when it is done, not when it is taken: a worker killed
        # mid-way leaves it on the broker, and another worker runs it again (it is idempotent).
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_default_queue=DEFAULT_QUEUE,
        task_routes={"dateline.cluster": {"queue": CLUSTER_QUEUE}},
        # Tasks of a worker that died are put back once they are this old (checked on each
        # idle poll of any worker, so a dead worker's task waits at most a few seconds more).
        broker_transport_options={"visibility_timeout": visibility, "unacked_restore_throttle": 1},
        result_backend_transport_options={"visibility_timeout": visibility},
        broker_connection_retry_on_startup=True,
        broker_connection_max_retries=None,
        worker_send_task_events=False,
        task_send_sent_event=False,
        timezone="UTC",
    )
    return app


app = make_app()
