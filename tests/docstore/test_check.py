"""`nok check` on both backends: a clean store, then each kind of problem found and named."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlmodel import Session

from cli.main import main as nok
from db.engine import get_engine
from docstore import blobs, jobs
from docstore.check import check_store
from docstore.ingest import ingest_file
from tests.docstore.conftest import order_extraction, unique_bytes


def _store(session: Session, blob_dir: Path, count: int) -> list[str]:
    hashes = []
    for i in range(count):
        result = ingest_file(
            session,
            unique_bytes(f"c{i}"),
            f"{i}.pdf",
            extraction=order_extraction(number=str(i)),
            blob_dir=blob_dir,
        )
        assert result.status == "new", result.message
        hashes.append(result.sha256)
    return hashes  # type: ignore[return-value]


def blobs_of(blob_dir: Path) -> list[str]:
    return [f.sha256 for f in blobs.stored(blob_dir) if f.sha256]


def _spoil(path: Path) -> None:
    os.chmod(path, 0o644)
    path.write_bytes(path.read_bytes() + b" changed")


def test_a_clean_store_has_no_messages_and_every_original_is_read(session: Session, blob_dir: Path) -> None:
    _store(session, blob_dir, 3)
    seen: list[tuple[int, int]] = []
    report = check_store(session.get_bind(), blob_dir=blob_dir, progress=lambda d, t: seen.append((d, t)))
    assert report.clean and report.messages == []
    assert report.summary() == "Проверено версий: 3, файлов в хранилище: 3; всё в порядке."
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert report.bytes_read == sum(blobs.blob_path(h, blob_dir).stat().st_size for h in blobs_of(blob_dir))


def test_each_problem_is_named_with_its_level_and_document(session: Session, blob_dir: Path) -> None:
    missing, damaged, _fine = _store(session, blob_dir, 3)
    blobs.blob_path(missing, blob_dir).unlink()
    _spoil(blobs.blob_path(damaged, blob_dir))
    orphan = blobs.write(b"bytes no version names", blob_dir)
    (blob_dir / "notes.txt").write_text("stray")
    report = check_store(session.get_bind(), blob_dir=blob_dir)
    levels = [(m.level, m.document_id is not None) for m in report.messages]
    assert levels == [("error", True), ("error", True), ("warning", False), ("warning", False)]
    texts = [m.message for m in report.messages]
    assert any(f"оригинала нет в хранилище (sha256 {missing})" in t for t in texts)
    assert any("оригинал повреждён" in t and f"вместо {damaged}" in t for t in texts)
    assert (
        f"Файл {orphan[:2]}/{orphan[2:4]}/{orphan} в хранилище не принадлежит ни одной версии документа."
        in texts
    )
    assert "Посторонний файл в хранилище: notes.txt." in texts
    assert not report.clean
    assert report.summary() == "Проверено версий: 3, файлов в хранилище: 3; ошибок: 2, предупреждений: 2."


def test_an_interrupted_ingest_is_not_a_problem(session: Session, blob_dir: Path) -> None:
    """A blob written just before a crash, whose job still holds its bytes, and the temporary file
    of a write killed before its rename, are what a SIGKILL leaves: the store is consistent."""
    engine = session.get_bind()
    data = unique_bytes("pending")
    job_id = jobs.submit(engine, data, "прерван.pdf")
    blobs.write(data, blob_dir)
    temp = blobs.blob_path(blobs.sha256_of(data), blob_dir).parent / ".incoming-abc123"
    temp.write_bytes(b"half")
    report = check_store(engine, blob_dir=blob_dir)
    assert report.clean
    assert [m.level for m in report.messages] == ["info", "info"]
    assert f"загрузка «прерван.pdf» (задание № {job_id}) была прервана" in report.messages[0].message


def test_nok_check_exits_0_when_clean_and_1_naming_each_problem(
    fresh_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert nok(["init"]) == 0
    with Session(get_engine()) as session:
        missing, _fine = _store(session, fresh_env / "blobs", 2)
    capsys.readouterr()
    assert nok(["check"]) == 0
    out, err = capsys.readouterr()
    assert out == "Проверено версий: 2, файлов в хранилище: 2; всё в порядке.\n"
    assert "[##############################] 2/2 (проверено)" in err
    blobs.blob_path(missing, fresh_env / "blobs").unlink()
    assert nok(["check"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("ошибка: Документ № 1, версия 1 («0.pdf»): оригинала нет в хранилище")
    assert lines[-1] == "Проверено версий: 2, файлов в хранилище: 1; ошибок: 1, предупреждений: 0."
