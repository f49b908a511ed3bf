"""`nok check`: is every version's original in the blob store, whole, and nothing else there?

As Paperless-ngx's sanity checker, `check_store` walks the store and returns a report of
messages (level, document, message); the command, a page or a test only read it.

- error: a version whose blob is missing, or whose bytes no longer give its sha256 (a lost or
  damaged original: restore it from a backup, or upload the file again);
- warning: a blob no version names and no ingest job is storing, a stray file in the folder;
- info: a blob whose ingest job has not finished (the write was interrupted: its bytes wait in
  the job, and `nok worker` or the same `nok ingest` again stores it), a temporary file left by
  an interrupted write. Not problems: the store is consistent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from db.models import DocumentVersion, IngestJob
from db.settings import get_settings
from docstore import blobs

Level = Literal["error", "warning", "info"]
LEVELS_RU: dict[str, str] = {"error": "ошибка", "warning": "предупреждение", "info": "сведения"}
Progress = Callable[[int, int], None]
"""progress(done, total): called as each version's original has been read."""
_UNFINISHED = ("queued", "processing", "review")


@dataclass(frozen=True)
class _PendingJob:
    id: int
    filename: str


@dataclass(frozen=True)
class CheckMessage:
    level: Level
    message: str
    """One Russian line for the user."""
    document_id: int | None = None
    version_id: int | None = None


@dataclass
class CheckReport:
    blob_dir: Path
    versions: int = 0
    blobs: int = 0
    bytes_read: int = 0
    messages: list[CheckMessage] = field(default_factory=list)

    @property
    def problems(self) -> list[CheckMessage]:
        """Errors and warnings: what makes `nok check` exit non-zero."""
        return [m for m in self.messages if m.level != "info"]

    @property
    def clean(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        errors = sum(1 for m in self.messages if m.level == "error")
        warnings = sum(1 for m in self.messages if m.level == "warning")
        head = f"Проверено версий: {self.versions}, файлов в хранилище: {self.blobs}"
        if self.clean:
            return f"{head}; всё в порядке."
        return f"{head}; ошибок: {errors}, предупреждений: {warnings}."

    def add(self, level: Level, message: str, version: DocumentVersion | None = None) -> None:
        self.messages.append(
            CheckMessage(
                level,
                message,
                document_id=version.document_id if version is not None else None,
                version_id=version.id if version is not None else None,
            )
        )


def check_store(
    engine: Engine, *, blob_dir: Path | None = None, progress: Progress | None = None
) -> CheckReport:
    """Read every version's original against its sha256 and size, and list what the blob folder
    holds beyond them. Reads only: nothing is changed."""
    root = Path(blob_dir) if blob_dir is not None else get_settings().blob_dir
    report = CheckReport(blob_dir=root)
    with Session(engine) as session:
        versions = list(
            session.exec(
                select(DocumentVersion).order_by(
                    col(DocumentVersion.document_id), col(DocumentVersion.version_no)
                )
            )
        )
        pending = _blobs_being_stored(session)
    found = {f.sha256: f for f in blobs.stored(root) if f.sha256 is not None}
    report.versions, report.blobs = len(versions), len(found)
    for done, version in enumerate(versions, start=1):
        _check_version(report, version, found.get(version.sha256))
        if progress is not None:
            progress(done, len(versions))
    named = {v.sha256 for v in versions}
    for sha256, stored in found.items():
        if sha256 in named:
            continue
        if sha256 in pending:
            job = pending[sha256]
            report.add(
                "info",
                f"Оригинал {sha256[:12]}… ждёт записи в базу: загрузка «{job.filename}» (задание № {job.id}) "
                "была прервана; её закончит `nok worker` или повторный `nok ingest`.",
            )
        else:
            report.add(
                "warning", f"Файл {stored.relative} в хранилище не принадлежит ни одной версии документа."
            )
    for stored in blobs.stored(root):
        if stored.interrupted:
            report.add("info", f"Временный файл прерванной записи: {stored.relative} (его можно удалить).")
        elif stored.sha256 is None:
            report.add("warning", f"Посторонний файл в хранилище: {stored.relative}.")
    return report


def _check_version(report: CheckReport, version: DocumentVersion, stored: blobs.StoredFile | None) -> None:
    where = f"Документ № {version.document_id}, версия {version.version_no} («{version.filename}»)"
    if stored is None:
        report.add("error", f"{where}: оригинала нет в хранилище (sha256 {version.sha256}).", version)
        return
    size = stored.path.stat().st_size
    actual = blobs.file_sha256(stored.path)
    report.bytes_read += size
    if actual != version.sha256:
        report.add(
            "error",
            f"{where}: оригинал повреждён, его sha256 {actual} вместо {version.sha256} ({size} байт "
            f"вместо {version.size}).",
            version,
        )
    elif size != version.size:
        report.add("error", f"{where}: размер в базе {version.size} байт, у оригинала {size}.", version)


def _blobs_being_stored(session: Session) -> dict[str, _PendingJob]:
    """Unfinished ingest jobs (their file may be in the store before its version is committed),
    by sha256; the payloads are not read."""
    rows = session.exec(
        select(IngestJob.id, IngestJob.filename, IngestJob.sha256).where(
            col(IngestJob.state).in_(_UNFINISHED)
        )
    )
    return {sha256: _PendingJob(job_id, filename) for job_id, filename, sha256 in rows}  # type: ignore[misc]
