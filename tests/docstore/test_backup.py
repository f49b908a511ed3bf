"""`nok backup` and `nok restore` on both backends: a small installation round-trips with the
same rows and originals; a non-empty target, a damaged or unfinished backup are refused."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlmodel import Session, select

from cli.main import main as nok
from db.migrate import upgrade
from db.models import Document, DocumentVersion
from docstore import blobs
from docstore.auth import create_user
from docstore.backup import BackupFailed, Manifest, backup, read_manifest, restore
from docstore.check import check_store
from docstore.ingest import ingest_file
from docstore.search import search
from tests.conftest import CORPUS
from tests.docstore.conftest import Installation, order_extraction, unique_bytes


def _filled(installation: Installation) -> None:
    """Two documents (one read from a real DOCX), a user, search rows."""
    upgrade(installation.engine)
    letter = (CORPUS / "primorsky_letter.docx").read_bytes()
    assert (
        ingest_file(installation.engine, letter, "письмо.docx", blob_dir=installation.blob_dir).status
        == "new"
    )
    result = ingest_file(
        installation.engine,
        unique_bytes(),
        "приказ.pdf",
        extraction=order_extraction(),
        blob_dir=installation.blob_dir,
    )
    assert result.status == "new", result.message
    with Session(installation.engine) as session:
        create_user(session, login="staff", password="длинный пароль", roles=[("staff", None, None)])
        session.commit()


@dataclass(frozen=True)
class BackedUp:
    """A filled installation, its backup, and an empty installation to restore it into."""

    source: Installation
    target: Installation
    copy: Path
    manifest: Manifest


@pytest.fixture
def backed_up(new_installation: Callable[[str], Installation], tmp_path: Path) -> BackedUp:
    source, target = new_installation("source"), new_installation("target")
    _filled(source)
    made = backup(source.engine, tmp_path / "copy", blob_dir=source.blob_dir)
    return BackedUp(source, target, tmp_path / "copy", made.manifest)


def _blob_hashes(blob_dir: Path) -> dict[str, str]:
    return {f.relative: blobs.file_sha256(f.path) for f in blobs.stored(blob_dir)}


def test_a_small_installation_round_trips_with_the_same_rows_and_originals(
    new_installation: Callable[[str], Installation], tmp_path: Path
) -> None:
    source, target = new_installation("source"), new_installation("target")
    _filled(source)
    stages: set[str] = set()
    made = backup(
        source.engine, tmp_path / "copy", blob_dir=source.blob_dir, progress=lambda s, d, t: stages.add(s)
    )
    assert made.missing == [] and made.damaged == []
    manifest = read_manifest(tmp_path / "copy")
    assert manifest.tables["document"] == 2 and manifest.tables["documentversion"] == 2
    assert (
        manifest.tables["app_user"] == 1
        and manifest.tables["search_fts" if "sqlite" in source.url else "search_document"] == 2
    )
    assert len(manifest.blob_files) == 2
    restored = restore(
        target.engine, tmp_path / "copy", blob_dir=target.blob_dir, progress=lambda s, d, t: stages.add(s)
    )
    assert stages == {"оригиналы", "проверка копии"}
    assert restored.revision == manifest.revision
    assert _blob_hashes(target.blob_dir) == _blob_hashes(source.blob_dir)
    assert check_store(target.engine, blob_dir=target.blob_dir).clean
    again = backup(target.engine, tmp_path / "copy of the copy", blob_dir=target.blob_dir)
    assert again.manifest.tables == manifest.tables
    assert again.manifest.blob_files == manifest.blob_files
    with Session(target.engine) as session:
        assert [h.title for h in search(session, "постановлением")] == [
            session.exec(select(Document.title).where(Document.kind == "letter")).one()
        ]
    # the restored database goes on: new rows get new ids (PostgreSQL's sequences came along)
    later = ingest_file(
        target.engine,
        unique_bytes("later"),
        "позже.pdf",
        extraction=order_extraction(number="65"),
        blob_dir=target.blob_dir,
    )
    assert later.status == "new", later.message
    assert later.document_id == 3


def test_restore_refuses_an_installation_that_is_not_empty(backed_up: BackedUp) -> None:
    source, target = backed_up.source, backed_up.target
    with pytest.raises(BackupFailed, match=r"Установка не пуста \(строк в таблицах: .*document: 2"):
        restore(source.engine, backed_up.copy, blob_dir=target.blob_dir)
    upgrade(target.engine)
    blobs.write(b"someone's file", target.blob_dir)
    with pytest.raises(BackupFailed, match=r"В хранилище оригиналов .* уже есть файлы"):
        restore(target.engine, backed_up.copy, blob_dir=target.blob_dir)
    with Session(target.engine) as session:
        assert session.exec(select(DocumentVersion)).all() == []


def test_a_damaged_or_unfinished_backup_is_refused_before_anything_changes(backed_up: BackedUp) -> None:
    target, copy, first_blob = backed_up.target, backed_up.copy, backed_up.manifest.blob_files[0].path
    spoilt = copy / first_blob
    os.chmod(spoilt, 0o644)
    spoilt.write_bytes(spoilt.read_bytes()[:-1])
    with pytest.raises(BackupFailed) as refused:
        restore(target.engine, copy, blob_dir=target.blob_dir)
    assert refused.value.message == f"Резервная копия повреждена: файл {first_blob} не совпадает с описью."
    assert not target.blob_dir.exists()
    (copy / "manifest.json").unlink()
    with pytest.raises(
        BackupFailed, match=r"нет manifest\.json: это не резервная копия nok, или её запись не закончилась"
    ):
        restore(target.engine, copy, blob_dir=target.blob_dir)


def test_a_backup_of_the_other_backend_or_a_newer_nok_is_refused(backed_up: BackedUp) -> None:
    target, manifest_path = backed_up.target, backed_up.copy / "manifest.json"
    data = json.loads(manifest_path.read_text())
    manifest_path.write_text(json.dumps({**data, "revision": "9999_future"}))
    with pytest.raises(BackupFailed, match="более новой версией nok"):
        restore(target.engine, backed_up.copy, blob_dir=target.blob_dir)
    other = "postgresql" if data["backend"] == "sqlite" else "sqlite"
    manifest_path.write_text(json.dumps({**data, "backend": other}))
    with pytest.raises(BackupFailed, match=f"Копия сделана с базы {other}"):
        restore(target.engine, backed_up.copy, blob_dir=target.blob_dir)


def test_nok_backup_and_restore_commands(
    new_installation: Callable[[str], Installation],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source, target = new_installation("source"), new_installation("target")
    _filled(source)
    source.use(monkeypatch)
    assert nok(["backup", str(tmp_path / "copy")]) == 0
    out, err = capsys.readouterr()
    assert out.startswith(f"Резервная копия {tmp_path / 'copy'}: документов 2, версий 2, оригиналов 2 (")
    assert "2/2 (оригиналы)" in err
    assert nok(["backup", str(tmp_path / "copy")]) == 2
    assert capsys.readouterr().err == (
        f"nok backup: Папка {tmp_path / 'copy'} не пуста: резервная копия пишется в новую или пустую папку.\n"
    )
    blobs.blob_path(
        read_manifest(tmp_path / "copy").blob_files[0].path.rsplit("/", 1)[-1], source.blob_dir
    ).unlink()
    assert nok(["backup", str(tmp_path / "incomplete")]) == 1
    out, err = capsys.readouterr()
    assert (
        "Нет оригиналов: 1, повреждены: 0 (см. nok check)." in out
        and "nok backup: нет оригинала: документ №" in err
    )
    target.use(monkeypatch)
    assert nok(["restore", str(tmp_path / "copy")]) == 0
    assert "документов 2, версий 2, оригиналов 2" in capsys.readouterr().out
    assert nok(["restore", str(tmp_path / "copy")]) == 2
    assert capsys.readouterr().err.startswith("nok restore: Установка не пуста")
    assert nok(["check"]) == 0
