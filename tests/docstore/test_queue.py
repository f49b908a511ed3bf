"""The ingest queue for real: `nok worker` processes on SQLite and on Redis storage take jobs
put there by uploads and `nok ingest`, a killed worker loses nothing and stores nothing twice,
and the watched folder never loses a file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from cli.main import main as nok
from db.models import AuditEvent, Document, DocumentVersion, IngestJob, PlanItem
from docstore import jobs
from docstore.queue import enqueue
from docstore.watch import WatchedFolder
from tests.conftest import CORPUS, ROOT
from tests.docstore.queue_env import QueueEnv, queue_env, wait_until  # noqa: F401  (the fixture)
from tests.extract.conftest import tesseract  # noqa: F401  (the fixture)


def count(session: Session, model: type) -> int:
    return int(session.exec(select(func.count()).select_from(model)).one())


def job(session: Session, job_id: int) -> IngestJob:
    session.expire_all()
    found = session.get(IngestJob, job_id)
    assert found is not None
    return found


def submit(session: Session, name: str, mode: str = "review") -> int:
    data = (CORPUS / name).read_bytes()
    job_id = jobs.submit(session.get_bind(), data, name, mode=mode, source="upload")
    enqueue(job_id)
    return job_id


def test_uploads_wait_for_review_then_confirm_stores_the_document(
    queue_env: QueueEnv,  # noqa: F811
    session: Session,
) -> None:
    """Two workers take an upload each to «ждёт проверки»; confirming one stores it, the other
    (a copy of the first act) is then offered as a new version of that document."""
    first = submit(session, "tula_2020_order83.docx")
    copy = submit(session, "tula_2020_order83.pdf")
    assert job(session, first).state == "queued"
    queue_env.start_worker(processes=2)
    wait_until(lambda: {job(session, first).state, job(session, copy).state} == {"review"})
    assert count(session, Document) == 0  # nothing is stored before the person confirms
    item = jobs.review_item(session.get_bind(), first)
    assert item.extraction.document.number == "83-ОСН" and len(item.extraction.plan_items) == 11
    result = jobs.confirm(
        session.get_bind(), first, user=None, extraction=item.extraction, blob_dir=queue_env.blob_dir
    )
    assert result.status == "new", result.message
    done = job(session, first)
    assert (done.state, done.outcome, done.document_id, done.payload) == (
        "done",
        "new",
        result.document_id,
        None,
    )
    second = jobs.review_item(session.get_bind(), copy)
    again = jobs.confirm(
        session.get_bind(), copy, user=None, extraction=second.extraction, blob_dir=queue_env.blob_dir
    )
    assert again.status == "new_version" and again.copy and again.document_id == result.document_id
    assert count(session, Document) == 1 and count(session, PlanItem) == 11


def test_nok_ingest_waits_for_its_jobs_and_prints_the_summary(
    queue_env: QueueEnv,  # noqa: F811
    session: Session,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("tula_2020_order83.docx", "tula_2020_order83.pdf", "primorsky_letter.docx"):
        shutil.copy(CORPUS / name, folder / name)
    (folder / "broken.pdf").write_bytes(b"not a pdf")
    queue_env.start_worker()
    wait_until(lambda: jobs.live_workers(session) == 1)
    assert nok(["ingest", str(folder)]) == 2
    out, err = capsys.readouterr()
    assert "Обработано файлов: 4; новых: 2, новых версий: 1, дубликатов: 0, с ошибками: 1." in out
    assert "копии уже загруженных документов" in out
    assert "broken.pdf: Файл не прочитан" in err
    workers = {j.worker for j in session.exec(select(IngestJob))}
    assert workers == {None}  # finished jobs hold no worker
    assert count(session, Document) == 2
    assert nok(["ingest", "--no-wait", str(folder / "primorsky_letter.docx")]) == 0
    assert "Поставлено в очередь файлов: 1" in capsys.readouterr().out
    latest = max(j.id for j in session.exec(select(IngestJob)))
    wait_until(lambda: job(session, latest).outcome == "duplicate")


@pytest.mark.ocr
@pytest.mark.usefixtures("tesseract")
def test_a_worker_killed_in_the_middle_of_a_file_loses_nothing_and_stores_it_once(
    queue_env: QueueEnv,  # noqa: F811
    session: Session,
) -> None:
    """SIGKILL while a worker reads a scan; after a restart the file is processed once: one
    document, one version, one blob, one audit entry, no orphan rows."""
    job_id = submit(session, "magadan_2017_order64_scan.pdf", mode="store")  # OCR: seconds long
    worker = queue_env.start_worker()
    wait_until(lambda: job(session, job_id).state == "processing", poll=0.05)
    queue_env.kill(worker)
    assert job(session, job_id).state == "processing"  # its worker is gone mid-file
    queue_env.start_worker()
    wait_until(lambda: job(session, job_id).state == "done")
    finished = job(session, job_id)
    assert (finished.outcome, finished.attempts, finished.payload) == ("new", 2, None)
    assert count(session, Document) == count(session, DocumentVersion) == 1
    assert count(session, AuditEvent) == 1
    version = session.exec(select(DocumentVersion)).one()
    blobs = [p.name for p in queue_env.blob_dir.rglob("*") if p.is_file()]
    assert blobs == [version.sha256]
    orphans = session.exec(select(PlanItem).where(PlanItem.version_id != version.id)).all()
    assert orphans == []


def test_the_watched_folder_moves_files_to_done_and_failed_and_survives_a_kill(
    queue_env: QueueEnv,  # noqa: F811
    session: Session,
    tmp_path: Path,
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(CORPUS / "primorsky_letter.docx", inbox / "письмо.docx")
    (inbox / "пустой.pdf").write_bytes(b"")
    (inbox / "notes.txt").write_text("не документ")
    old = 1_000_000_000
    for path in inbox.iterdir():
        os.utime(path, (old, old))
    # a watcher killed right after claiming a file: it waits in processing/ without a job
    (inbox / "processing").mkdir()
    shutil.copy(CORPUS / "tula_2020_order83.docx", inbox / "processing" / "0123456789ab-приказ.docx")
    watcher = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "watch", str(inbox), "--once"],
        env=queue_env.env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    out, err = watcher.communicate(timeout=300)
    assert watcher.returncode == 0, err
    assert sorted(p.name for p in (inbox / "done").iterdir()) == ["письмо.docx", "приказ.docx"]
    assert sorted(p.name for p in (inbox / "failed").iterdir()) == ["пустой.pdf", "пустой.pdf.reason.txt"]
    assert (inbox / "failed" / "пустой.pdf.reason.txt").read_text(encoding="utf-8") == "Файл пуст.\n"
    assert list((inbox / "processing").iterdir()) == []
    assert (inbox / "notes.txt").exists()
    assert "не загружен: пустой.pdf: Файл пуст." in out
    assert count(session, Document) == 2


def test_a_file_claimed_by_a_killed_watcher_with_a_job_is_finished_not_submitted_twice(
    queue_env: QueueEnv,  # noqa: F811
    session: Session,
    tmp_path: Path,
) -> None:
    inbox = tmp_path / "inbox"
    watched = WatchedFolder(inbox, session.get_bind())
    shutil.copy(CORPUS / "primorsky_letter.docx", inbox / "letter.docx")
    os.utime(inbox / "letter.docx", (1_000_000_000, 1_000_000_000))
    watched.run_pass()  # claimed and submitted; then the watcher "dies"
    assert [p.name.split("-", 1)[1] for p in (inbox / "processing").iterdir()] == ["letter.docx"]
    restarted = WatchedFolder(inbox, session.get_bind())
    restarted.recover()
    report = restarted.run_pass(work_inline=True)
    assert report.done == ["letter.docx"] and count(session, IngestJob) == 1
    assert count(session, DocumentVersion) == 1
