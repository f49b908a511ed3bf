"""The ingest queue: a thin layer over Huey that hands a job id to `docstore.jobs.run_job`.

Why Huey: one small library (no broker to run) that keeps its queue in a SQLite file on the
embedded default and in Redis for workers on several machines, with the same task code and a
consumer that runs process workers and restarts a dead one. Celery would bring a broker and a
result backend to configure; RQ and Dramatiq need Redis (or RabbitMQ) even on one machine;
procrastinate needs PostgreSQL. The queue carries only job ids: the state of each file and its
bytes live in the `ingestjob` table, where the page reads them, so a lost or repeated message
costs nothing (a job is claimed atomically; `requeue_stale` puts a dead worker's job back).

Settings (environment): `NOK_QUEUE_URL` `sqlite:///PATH` (default `$NOK_DATA_DIR/queue.db`) or
`redis://HOST:PORT/DB`; `NOK_QUEUE_NAME` (default `nok`; a test run uses its own).
"""

from __future__ import annotations

import functools
import logging
import multiprocessing
import os
import time
from pathlib import Path

from huey import Huey, RedisHuey, SqliteHuey
from huey.api import TaskWrapper
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from db.settings import get_settings
from docstore import jobs
from docstore.errors import DocstoreError

log = logging.getLogger("nok.queue")
JANITOR_SECONDS = 5.0
"""How often a worker looks for jobs of dead workers and refreshes its own heartbeat."""
_TASK_NAME = "ingest_job"
_TASKS: dict[int, TaskWrapper] = {}
"""The ingest task of each Huey instance made here (calling it enqueues)."""


class QueueUnavailable(DocstoreError):
    """The queue's storage cannot be reached (Redis down, a bad `NOK_QUEUE_URL`)."""


def make_huey(url: str, name: str) -> Huey:
    """A Huey instance for `url` (sqlite:///PATH or redis://...) with the ingest task."""
    scheme = make_url(url).get_backend_name() if "://" in url else ""
    if scheme == "sqlite":
        path = Path(make_url(url).database or "queue.db")
        path.parent.mkdir(parents=True, exist_ok=True)
        huey: Huey = SqliteHuey(name, filename=str(path), results=False, utc=True)
    elif url.startswith(("redis://", "rediss://", "unix://")):
        huey = RedisHuey(name, url=url, results=False, utc=True)
    else:
        raise QueueUnavailable(
            f"Очередь «{url}» не поддерживается: укажите sqlite:///ПУТЬ или redis://ХОСТ:ПОРТ/0."
        )
    _TASKS[id(huey)] = huey.task(name=_TASK_NAME, retries=0, context=False)(_ingest_job)
    return huey


@functools.cache
def _cached(url: str, name: str) -> Huey:
    return make_huey(url, name)


def get_queue() -> Huey:
    """The process's queue, from the settings."""
    settings = get_settings()
    return _cached(settings.queue_url, settings.queue_name)


def enqueue(job_ids: list[int] | int, huey: Huey | None = None) -> None:
    """Put jobs on the queue; `QueueUnavailable` if its storage cannot be reached (the jobs stay
    queued in the database and a worker's janitor enqueues them again)."""
    huey = huey or get_queue()
    task = _TASKS[id(huey)]
    try:
        for job_id in [job_ids] if isinstance(job_ids, int) else job_ids:
            task(job_id)
    except Exception as error:  # redis.ConnectionError, sqlite3.OperationalError ...
        raise QueueUnavailable(f"Очередь недоступна ({type(error).__name__}: {error}).") from None


@functools.cache
def _engine_of_process(pid: int) -> Engine:
    """One engine per process: a worker forked by the consumer must not share its parent's
    database connections."""
    from db.engine import make_engine

    return make_engine(get_settings().database_url)


def _ingest_job(job_id: int) -> None:
    """The task: a few lines handing the job to the pipeline, as Paperless's consume_file."""
    jobs.run_job(_engine_of_process(os.getpid()), job_id)


def janitor(huey: Huey, me: str, parent: int) -> None:
    """A worker's housekeeping, in its own process until its parent ends it or is gone: its
    heartbeat, dead workers' jobs back on the queue, and jobs queued long ago enqueued again
    (their message may have been lost). A process, not a thread: the consumer forks its
    workers, and a fork taken while a thread holds a lock leaves the child hung on it."""
    engine = _engine_of_process(os.getpid())
    while os.getppid() == parent:
        try:
            jobs.register_worker(engine, me)
            requeued = jobs.requeue_stale(engine)
            forgotten = jobs.queued_ids(engine, older_than=60.0)
            if requeued or forgotten:
                log.warning("requeued jobs %s", sorted(set(requeued) | set(forgotten)))
                enqueue(sorted(set(requeued) | set(forgotten)), huey)
        except Exception as error:  # the database or the queue is briefly away: try again
            log.warning("janitor: %s", error)
        time.sleep(JANITOR_SECONDS)


def run_worker(*, processes: int = 1, huey: Huey | None = None) -> None:
    """Run the Huey consumer with `processes` worker processes, and the janitor, until stopped
    (SIGINT / SIGTERM)."""
    huey = huey or get_queue()
    engine = _engine_of_process(os.getpid())
    me = jobs.worker_id()
    jobs.register_worker(engine, me)
    for job_id in jobs.requeue_stale(engine) + jobs.queued_ids(engine):
        enqueue(job_id, huey)
    engine.dispose()  # the consumer forks: children open their own connections
    # no lock is shared with the janitor: a signal to the whole group may kill it anywhere
    housekeeper = multiprocessing.Process(
        target=janitor, args=(huey, me, os.getpid()), name="nok-janitor", daemon=True
    )
    housekeeper.start()
    consumer = huey.create_consumer(
        workers=processes,
        worker_type="process",
        periodic=False,
        initial_delay=0.1,
        backoff=1.15,
        max_delay=1.0,
        check_worker_health=True,
        health_check_interval=1,
    )
    try:
        consumer.run()
    finally:
        housekeeper.terminate()
        housekeeper.join(timeout=10)
        jobs.unregister_worker(engine, me)
