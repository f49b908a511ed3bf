"""Ingest jobs: the state of every file handed to the queue, stored where the page reads it.

Paperless-ngx's `consume_file` task is a few lines that hand the file to the consumer; here
`run_job` is that task's body and `docstore.ingest` the one pipeline:

- an upload (mode `review`): the worker runs check, extract and match (`ingest.analyse`) and
  stores the extraction in the job: «ждёт проверки». A person checks and corrects it on the page;
  `confirm` runs `ingest_file` with the reviewed extraction (the write step of the same
  pipeline); `reject` throws the file away;
- `nok ingest` and the watched folder (mode `store`): the worker runs `ingest_file` whole.

States: queued «в очереди» -> processing «распознаётся» -> review «ждёт проверки» -> done
«сохранён», or failed «ошибка» with the reason, or rejected «отклонён».

Safe against a worker killed at any point: a job is claimed by one atomic UPDATE (queued ->
processing), so two workers never run it; the write step marks the job done inside the same
transaction as the document (`on_write`), so it is stored once or not at all; the file's bytes
stay in the job until its original is in the blob store. A processing job whose worker died
(its process is gone on this host, or its heartbeat is older than the lease) goes back to the
queue (`requeue_stale`), and the next run finds either nothing written or the job done.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, update
from sqlmodel import Session, col, select

from db.models import IngestJob, QueueWorker, User, as_utc, utcnow
from docstore import blobs
from docstore.actors import Actor, actor_for, actor_name
from docstore.confidence import OcrCheck
from docstore.errors import DocstoreError, NotFound
from docstore.ingest import IngestResult, analyse, ingest_file, safe_filename
from docstore.roles import UPLOAD, Scope, has_permission, require, user_authorities
from extract.records import Extraction
from extract.records_json import extraction_from_json

STATES_RU = {
    "queued": "в очереди",
    "processing": "распознаётся",
    "review": "ждёт проверки",
    "done": "сохранён",
    "failed": "ошибка",
    "rejected": "отклонён",
}
FINISHED = ("done", "failed", "rejected")
WAITING = ("queued", "processing")
HEARTBEAT_SECONDS = 5.0
LEASE_SECONDS = float(os.environ.get("NOK_JOB_LEASE_SECONDS", "120"))
"""A processing job whose heartbeat is older than this has lost its worker (on another host)."""
WORKER_ALIVE_SECONDS = 30.0


def worker_id() -> str:
    """`host:pid` of this process: what a job records while this process holds it."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _now() -> dt.datetime:
    return utcnow()


# --- putting files on the queue -----------------------------------------------------------------


def submit(
    engine: Engine,
    data: bytes,
    filename: str | bytes,
    *,
    user: Actor = None,
    mode: str = "store",
    source: str = "cli",
    batch: str | None = None,
) -> int:
    """A new queued job for the file (its bytes kept in the job); returns its id. The caller
    enqueues it (`docstore.queue.enqueue`). Raises `Forbidden` if the user may not upload."""
    with Session(engine) as session:
        if user is not None and not _uploads_somewhere(session, user):
            require(session, user, UPLOAD)  # raises Forbidden with the reason
        job = IngestJob(
            state="queued",
            mode=mode,
            source=source,
            filename=safe_filename(filename),
            sha256=blobs.sha256_of(data),
            size=len(data),
            payload=data,
            user_id=user.id if user is not None else None,
            actor=actor_name(user),
            batch=batch,
        )
        session.add(job)
        session.commit()
        assert job.id is not None
        return job.id


def _uploads_somewhere(session: Session, user: User) -> bool:
    """Whether the user may upload anywhere (globally or for one authority)."""
    if has_permission(session, user, UPLOAD):
        return True
    return any(
        has_permission(session, user, UPLOAD, Scope(authority_id=authority_id))
        for authority_id in user_authorities(session, user, ("staff", "admin"))
    )


def new_batch() -> str:
    return uuid.uuid4().hex[:16]


# --- the worker's side --------------------------------------------------------------------------


def claim(engine: Engine, job_id: int, worker: str) -> bool:
    """queued -> processing for this worker, in one UPDATE: True for exactly one claimant."""
    now = _now()
    with engine.begin() as connection:
        claimed = connection.execute(
            update(IngestJob)
            .where(col(IngestJob.id) == job_id, col(IngestJob.state) == "queued")
            .values(
                state="processing",
                worker=worker,
                heartbeat_at=now,
                updated_at=now,
                attempts=IngestJob.attempts + 1,  # type: ignore[operator]
            )
        )
        return claimed.rowcount == 1


def run_job(engine: Engine, job_id: int, *, blob_dir: Path | None = None) -> str | None:
    """Run a queued job in this process (the queue task's body); returns its new state, or None
    when another worker holds it or it is no longer queued."""
    me = worker_id()
    if not claim(engine, job_id, me):
        return None
    with _heartbeat(engine, job_id, me):
        with Session(engine) as session:
            job = session.get(IngestJob, job_id)
            assert job is not None
            data, name, mode = job.payload or b"", job.filename, job.mode
            account = session.get(User, job.user_id) if job.user_id is not None else None
            user = actor_for(account, job.actor)  # the worker writes in the name of who queued it
        try:
            if mode == "review":
                return _analyse_for_review(engine, job_id, data, name, user, blob_dir)
            result = ingest_file(
                engine, data, name, user=user, blob_dir=blob_dir, on_write=_mark_done(job_id)
            )
        except Exception as error:  # a job never dies silently: the reason goes to the page
            _finish(
                engine, job_id, "failed", message=f"Внутренняя ошибка обработки ({type(error).__name__})."
            )
            return "failed"
        return _after_write(engine, job_id, result)


def _analyse_for_review(
    engine: Engine, job_id: int, data: bytes, name: str, user: Actor, blob_dir: Path | None
) -> str:
    analysis = analyse(engine, data, name, user=user, blob_dir=blob_dir)
    if analysis.result is not None:
        return _after_write(engine, job_id, analysis.result)
    assert analysis.preview is not None
    stored = {
        "extraction": analysis.preview.extraction.to_json(),
        "text": analysis.preview.extraction.text,
        "criteria": list(analysis.preview.improvement_criteria),
    }
    match_id = analysis.match.document_id if analysis.match is not None else None
    _finish(engine, job_id, "review", extraction=stored, match_document_id=match_id, keep_payload=True)
    return "review"


def _mark_done(job_id: int) -> Callable[[Session, IngestResult], None]:
    """The job's outcome, written inside the write transaction of its document."""

    def hook(session: Session, result: IngestResult) -> None:
        session.execute(
            update(IngestJob)
            .where(col(IngestJob.id) == job_id)
            .values(
                state="done",
                outcome=result.status,
                message=result.message,
                document_id=result.document_id,
                version_id=result.version_id,
                updated_at=_now(),
            )
        )

    return hook


def _after_write(engine: Engine, job_id: int, result: IngestResult) -> str:
    """After `ingest_file` returned (its original in the blob store): the job's final state."""
    if result.status == "failed":
        _finish(engine, job_id, "failed", message=result.message)
        return "failed"
    _finish(
        engine,
        job_id,
        "done",
        outcome=result.status,
        message=result.message,
        document_id=result.document_id,
        version_id=result.version_id,
    )
    return "done"


def _finish(engine: Engine, job_id: int, state: str, *, keep_payload: bool = False, **values: Any) -> None:
    changes: dict[str, Any] = {"state": state, "worker": None, "updated_at": _now(), **values}
    if not keep_payload:
        changes["payload"] = None
    with engine.begin() as connection:
        connection.execute(update(IngestJob).where(col(IngestJob.id) == job_id).values(**changes))


@contextmanager
def _heartbeat(engine: Engine, job_id: int, me: str) -> Iterator[None]:
    """Refresh the job's heartbeat while this process works on it."""
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(HEARTBEAT_SECONDS):
            try:
                with engine.begin() as connection:
                    connection.execute(
                        update(IngestJob)
                        .where(col(IngestJob.id) == job_id, col(IngestJob.worker) == me)
                        .values(heartbeat_at=_now())
                    )
            except Exception:  # a missed beat is retried; the lease is many beats long
                continue

    thread = threading.Thread(target=beat, name=f"job-{job_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _worker_gone(worker: str | None, heartbeat_at: dt.datetime | None, now: dt.datetime) -> bool:
    host, _, pid = (worker or "").rpartition(":")
    if host == socket.gethostname() and pid.isdigit() and not _pid_alive(int(pid)):
        return True
    beat = as_utc(heartbeat_at)
    return beat is None or (now - beat).total_seconds() > LEASE_SECONDS


def requeue_stale(engine: Engine) -> list[int]:
    """Processing jobs whose worker died go back to `queued` (enqueue them again); jobs done
    whose payload was not cleared before a crash get their original written (a no-op since the
    blob goes into the store before the commit; older rows may lack it) and the payload dropped."""
    now = _now()
    requeued = []
    with Session(engine) as session:
        processing = list(session.exec(select(IngestJob).where(IngestJob.state == "processing")))
        unstored = list(
            session.exec(
                select(IngestJob).where(IngestJob.state == "done", col(IngestJob.payload).is_not(None))
            )
        )
    for job in processing:
        if not _worker_gone(job.worker, job.heartbeat_at, now):
            continue
        with engine.begin() as connection:
            back = connection.execute(
                update(IngestJob)
                .where(
                    col(IngestJob.id) == job.id,
                    col(IngestJob.state) == "processing",
                    col(IngestJob.worker) == job.worker,
                )
                .values(state="queued", worker=None, updated_at=now)
            )
        if back.rowcount == 1:
            requeued.append(job.id)
    for job in unstored:  # killed between the commit and `_finish`
        if job.payload is not None:
            blobs.write(job.payload)
        _finish(engine, job.id, "done")  # type: ignore[arg-type]
    return [i for i in requeued if i is not None]


def queued_ids(engine: Engine, *, older_than: float = 0.0, ids: Iterable[int] | None = None) -> list[int]:
    """Queued jobs (waiting at least `older_than` seconds), oldest first."""
    cutoff = _now() - dt.timedelta(seconds=older_than)
    statement = select(IngestJob.id).where(IngestJob.state == "queued", col(IngestJob.updated_at) <= cutoff)
    if ids is not None:
        statement = statement.where(col(IngestJob.id).in_(list(ids)))
    with Session(engine) as session:
        return [i for i in session.exec(statement.order_by(col(IngestJob.id))) if i is not None]


# --- workers seen by their heartbeat ------------------------------------------------------------


def register_worker(engine: Engine, me: str | None = None) -> str:
    """Record (or refresh) this process as a live worker."""
    me = me or worker_id()
    host, _, pid = me.rpartition(":")
    with Session(engine) as session:
        row = session.get(QueueWorker, me) or QueueWorker(id=me, host=host, pid=int(pid))
        row.heartbeat_at = _now()
        session.add(row)
        session.commit()
    return me


def unregister_worker(engine: Engine, me: str | None = None) -> None:
    with engine.begin() as connection:
        connection.execute(delete(QueueWorker).where(col(QueueWorker.id) == (me or worker_id())))


def live_workers(session: Session) -> int:
    """How many workers beat within the last `WORKER_ALIVE_SECONDS`."""
    cutoff = _now() - dt.timedelta(seconds=WORKER_ALIVE_SECONDS)
    return len(list(session.exec(select(QueueWorker.id).where(col(QueueWorker.heartbeat_at) >= cutoff))))


# --- the person's side: review, confirm, reject -------------------------------------------------


@dataclass(frozen=True)
class ReviewItem:
    """A job waiting for a person: the file's bytes and what the worker read from them."""

    job_id: int
    filename: str
    data: bytes
    extraction: Extraction
    improvement_criteria: tuple[str | None, ...]
    match_document_id: int | None


def review_item(engine: Engine, job_id: int) -> ReviewItem:
    """What the review shows for a job in state `review`; `NotFound` otherwise."""
    with Session(engine) as session:
        job = session.get(IngestJob, job_id)
        if job is None or job.state != "review" or job.extraction is None:
            raise NotFound(f"Файл № {job_id} не ждёт проверки.")
        stored = job.extraction
        return ReviewItem(
            job_id=job_id,
            filename=job.filename,
            data=job.payload or b"",
            extraction=extraction_from_json(stored["extraction"], stored.get("text", "")),
            improvement_criteria=tuple(stored.get("criteria") or ()),
            match_document_id=job.match_document_id,
        )


def confirm(
    engine: Engine,
    job_id: int,
    *,
    user: Actor,
    extraction: Extraction,
    match: int | str = "auto",
    ocr_check: OcrCheck | None = None,
    blob_dir: Path | None = None,
) -> IngestResult:
    """Store a reviewed file: the write step of the pipeline with the person's extraction (and
    `ocr_check`, what the person was shown and changed of its OCR-read fields). A failure leaves
    the job waiting for review (the person can correct and try again)."""
    item = review_item(engine, job_id)
    result = ingest_file(
        engine,
        item.data,
        item.filename,
        user=user,
        extraction=extraction,
        improvement_criteria=item.improvement_criteria,
        match=match,  # type: ignore[arg-type]
        reviewed=True,
        ocr_check=ocr_check,
        blob_dir=blob_dir,
        on_write=_mark_done(job_id),
    )
    if result.status == "failed":
        return result
    _after_write(engine, job_id, result)
    return result


def reject(engine: Engine, job_id: int, *, user: Actor) -> None:
    """The person throws the file away: nothing is stored."""
    with engine.begin() as connection:
        connection.execute(
            update(IngestJob)
            .where(col(IngestJob.id) == job_id, col(IngestJob.state).in_(["review", "failed", "queued"]))
            .values(state="rejected", payload=None, updated_at=_now(), message="Отклонён при проверке.")
        )


def dismiss(engine: Engine, job_ids: Iterable[int]) -> None:
    """Hide finished jobs from the upload list (their rows stay as the record of the upload)."""
    with engine.begin() as connection:
        connection.execute(
            update(IngestJob)
            .where(col(IngestJob.id).in_(list(job_ids)), col(IngestJob.state).in_(FINISHED))
            .values(hidden=True)
        )


# --- waiting for a batch (nok ingest, the watched folder) ---------------------------------------


def wait_for(
    engine: Engine,
    job_ids: list[int],
    *,
    work_inline: Callable[[], bool] | None = None,
    on_change: Callable[[list[IngestJob]], None] | None = None,
    poll: float = 0.5,
    timeout: float | None = None,
) -> list[IngestJob]:
    """Until every job is finished (or in review); returns the jobs. While no worker is alive
    (`work_inline()` True) the queued ones are run here, by the same `run_job`."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        jobs = load_jobs(engine, job_ids)
        if on_change is not None:
            on_change(jobs)
        if all(j.state in (*FINISHED, "review") for j in jobs):
            return jobs
        if deadline is not None and time.monotonic() > deadline:
            raise DocstoreError("Не дождались обработки файлов: запущен ли `nok worker`?")
        if work_inline is not None and work_inline():
            for job_id in queued_ids(engine, ids=job_ids):
                run_job(engine, job_id)
            continue
        time.sleep(poll)


def load_jobs(engine: Engine, job_ids: list[int]) -> list[IngestJob]:
    with Session(engine, expire_on_commit=False) as session:
        rows = session.exec(
            select(IngestJob).where(col(IngestJob.id).in_(job_ids)).order_by(col(IngestJob.id))
        )
        return [without_payload(j) for j in rows]


def without_payload(job: IngestJob) -> IngestJob:
    """A detached copy without the payload (the pages and the CLI never need the bytes)."""
    return IngestJob.model_validate({**job.model_dump(exclude={"payload"}), "payload": None})


def no_live_worker(engine: Engine) -> Callable[[], bool]:
    def check() -> bool:
        with Session(engine) as session:
            return live_workers(session) == 0

    return check


def jobs_by_state(jobs: Iterable[IngestJob]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for job in jobs:
        counts[job.state] = counts.get(job.state, 0) + 1
    return counts


__all__ = [
    "FINISHED",
    "STATES_RU",
    "ReviewItem",
    "claim",
    "confirm",
    "dismiss",
    "live_workers",
    "new_batch",
    "register_worker",
    "reject",
    "requeue_stale",
    "review_item",
    "run_job",
    "submit",
    "unregister_worker",
    "wait_for",
    "worker_id",
]
