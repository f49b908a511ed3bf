"""The watched folder: every DOCX/PDF a scanner or a СЭД export drops into DIR is ingested and
moved to `DIR/done/`, or to `DIR/failed/` with `<name>.reason.txt` beside it.

No file is ever lost, even if the watcher is killed at any point:

1. claim: an atomic rename into `DIR/processing/` under a unique token (`<token>-<name>`), so a
   second watcher cannot take the same file, and a file still being written (its size or time
   changed within the last moment) is left for the next pass;
2. submit: a job of the ingest queue (mode store, batch `watch-<token>`) with the file's bytes;
3. when the job is finished: the reason file is written first, then the file is renamed out of
   `processing/`.

On start, `recover` looks at `processing/`: a file whose job finished is moved on, a file with a
job still running is waited for, a file without a job (killed between 1 and 2) is submitted.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from db.models import IngestJob
from docstore import jobs
from docstore.actors import Actor
from docstore.ingest import SUPPORTED_SUFFIXES

PROCESSING, DONE, FAILED = "processing", "done", "failed"
SETTLE_SECONDS = 1.0
"""A file changed more recently than this may still be being written: left for the next pass."""


@dataclass
class WatchReport:
    """What one pass did: file names moved to done/ and to failed/ (with the reason)."""

    done: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    claimed: list[str] = field(default_factory=list)


class WatchedFolder:
    """One watched folder; `run_pass` is a whole pass (claim, submit, move what finished)."""

    def __init__(
        self,
        folder: Path,
        engine: Engine,
        *,
        user: Actor = None,
        enqueue: Callable[[list[int]], None] | None = None,
    ) -> None:
        self.folder = folder
        self.engine = engine
        self.user = user
        self.enqueue = enqueue or (lambda ids: None)
        for name in (PROCESSING, DONE, FAILED):
            (folder / name).mkdir(parents=True, exist_ok=True)
        self.pending: dict[str, int] = {}
        """processing/ file name -> job id."""

    def recover(self) -> None:
        """Take over what a killed watcher left in processing/ (see the module docstring)."""
        for path in sorted((self.folder / PROCESSING).iterdir()):
            if not path.is_file():
                continue
            job_id = self._job_of(path.name)
            if job_id is None:
                self._submit(path)
            else:
                self.pending[path.name] = job_id
                if job_id in jobs.queued_ids(self.engine, ids=[job_id]):
                    self.enqueue([job_id])

    def run_pass(self, *, work_inline: bool = False) -> WatchReport:
        report = WatchReport()
        for path in self._arrived():
            claimed = self._claim(path)
            if claimed is not None:
                report.claimed.append(path.name)
                self._submit(claimed)
        if work_inline:
            for job_id in jobs.queued_ids(self.engine, ids=list(self.pending.values())):
                jobs.run_job(self.engine, job_id)
        self._move_finished(report)
        return report

    def _arrived(self) -> list[Path]:
        now = time.time()
        found = []
        for path in sorted(self.folder.iterdir()):
            if not path.is_file() or path.suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            try:
                if now - path.stat().st_mtime < SETTLE_SECONDS:
                    continue
            except FileNotFoundError:  # taken by another watcher meanwhile
                continue
            found.append(path)
        return found

    def _claim(self, path: Path) -> Path | None:
        target = self.folder / PROCESSING / f"{uuid.uuid4().hex[:12]}-{path.name}"
        try:
            os.rename(path, target)
        except FileNotFoundError:  # another watcher claimed it first
            return None
        return target

    def _submit(self, path: Path) -> None:
        batch = f"watch-{path.name.split('-', 1)[0]}"
        job_id = jobs.submit(
            self.engine,
            path.read_bytes(),
            _original_name(path.name),
            user=self.user,
            mode="store",
            source="watch",
            batch=batch,
        )
        self.pending[path.name] = job_id
        self.enqueue([job_id])

    def _job_of(self, processing_name: str) -> int | None:
        batch = f"watch-{processing_name.split('-', 1)[0]}"
        with Session(self.engine) as session:
            return session.exec(
                select(IngestJob.id).where(IngestJob.batch == batch).order_by(col(IngestJob.id).desc())
            ).first()

    def _move_finished(self, report: WatchReport) -> None:
        if not self.pending:
            return
        finished = {j.id: j for j in jobs.load_jobs(self.engine, list(self.pending.values()))}
        for name, job_id in list(self.pending.items()):
            job = finished.get(job_id)
            if job is None or job.state not in jobs.FINISHED:
                continue
            source = self.folder / PROCESSING / name
            original = _original_name(name)
            if job.state == "done":
                _move(source, self.folder / DONE, original)
                report.done.append(original)
            else:
                reason = job.message or "Причина не указана."
                target = _free_name(self.folder / FAILED, original)
                target.with_name(target.name + ".reason.txt").write_text(reason + "\n", encoding="utf-8")
                os.rename(source, target)
                report.failed.append((original, reason))
            del self.pending[name]


def _original_name(processing_name: str) -> str:
    return processing_name.split("-", 1)[1] if "-" in processing_name else processing_name


def _free_name(folder: Path, name: str) -> Path:
    """`name` in `folder`, or `name (2)`, `name (3)` ... when taken: nothing is overwritten."""
    target = folder / name
    stem, suffix = os.path.splitext(name)
    counter = 2
    while target.exists():
        target = folder / f"{stem} ({counter}){suffix}"
        counter += 1
    return target


def _move(source: Path, folder: Path, name: str) -> None:
    os.rename(source, _free_name(folder, name))


__all__ = ["DONE", "FAILED", "PROCESSING", "WatchReport", "WatchedFolder"]
