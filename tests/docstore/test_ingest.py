"""The ingest pipeline on both backends: new, duplicate, new version, rollback, concurrency, names."""

from __future__ import annotations

import dataclasses
import os
import shutil
import threading
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from db.models import (
    AuditEvent,
    Document,
    DocumentVersion,
    ImprovementItem,
    IndicatorValue,
    MetadataCorrection,
    Organization,
    PlanItem,
    Rating,
)
from docstore import blobs
from docstore.errors import IngestFailed
from docstore.ingest import ingest_file, ingest_paths, preview, reextract_document, safe_filename
from docstore.metadata import correct_field
from tests.conftest import CORPUS
from tests.docstore.conftest import MAGADAN, order_extraction, rating, unique_bytes


def count(session: Session, model: type) -> int:
    return int(session.exec(select(func.count()).select_from(model)).one())


def test_new_document_fills_metadata_records_audit_and_blob(session: Session, blob_dir: Path) -> None:
    data = unique_bytes()
    result = ingest_file(session, data, "приказ 64.pdf", extraction=order_extraction(), blob_dir=blob_dir)
    assert result.status == "new", result.message
    document = session.get(Document, result.document_id)
    assert document is not None
    assert (document.kind, document.number, document.title) == (
        "order",
        "64",
        "Об утверждении плана мероприятий по проведению независимой оценки",
    )
    assert document.authority_name == MAGADAN and document.authority_id is not None
    assert document.state == "draft"
    assert count(session, PlanItem) == 2
    assert count(session, IndicatorValue) == 2
    assert blobs.read(result.sha256, blob_dir) == data
    assert (
        blobs.blob_path(result.sha256, blob_dir)
        == blob_dir / result.sha256[:2] / result.sha256[2:4] / result.sha256
    )
    assert [e.action for e in session.exec(select(AuditEvent))] == ["upload"]


def test_same_bytes_twice_is_a_duplicate_stored_once(session: Session, blob_dir: Path) -> None:
    data = unique_bytes()
    first = ingest_file(session, data, "a.pdf", extraction=order_extraction(), blob_dir=blob_dir)
    second = ingest_file(session, data, "copy of a.pdf", extraction=order_extraction(), blob_dir=blob_dir)
    assert (first.status, second.status) == ("new", "duplicate")
    assert second.document_id == first.document_id
    assert "уже загружен" in second.message
    assert count(session, DocumentVersion) == 1
    assert count(session, Document) == 1
    assert len(list(blob_dir.rglob("*"))) == 3  # ab/, ab/cd/, the blob


def test_new_version_keeps_the_old_one_and_replaces_records(session: Session, blob_dir: Path) -> None:
    old_data, new_data = unique_bytes("v1"), unique_bytes("v2")
    ratings_v1 = (rating('ГБУСО "Ковровский КЦСОН"', 92.5), rating('ГБУСО "Муромский КЦСОН"', 90.0))
    first = ingest_file(
        session, old_data, "v1.pdf", extraction=order_extraction(ratings=ratings_v1), blob_dir=blob_dir
    )
    second = ingest_file(
        session,
        new_data,
        "v2.pdf",
        document_id=first.document_id,
        extraction=order_extraction(ratings=ratings_v1[:1], plan_titles=("Только одно мероприятие",)),
        blob_dir=blob_dir,
    )
    assert second.status == "new_version" and second.version_no == 2
    assert second.document_id == first.document_id
    assert blobs.read(first.sha256, blob_dir) == old_data  # the earlier version stays downloadable
    assert blobs.read(second.sha256, blob_dir) == new_data
    assert count(session, Rating) == 1
    assert session.exec(select(PlanItem.title)).all() == ["Только одно мероприятие"]
    assert count(session, IndicatorValue) == 2
    assert count(session, Organization) == 2  # organizations are not removed with ratings
    actions = [e.action for e in session.exec(select(AuditEvent).order_by(AuditEvent.id))]
    assert actions == ["upload", "new_version"]


def test_correction_survives_a_new_version(session: Session, blob_dir: Path, make_user) -> None:  # type: ignore[no-untyped-def]
    editor = make_user("editor", "admin")
    first = ingest_file(session, unique_bytes(), "v1.pdf", extraction=order_extraction(), blob_dir=blob_dir)
    correct_field(session, editor, first.document_id, "number", "64-ОД")
    correct_field(session, editor, first.document_id, "date", "16.03.2017")
    session.commit()
    ingest_file(
        session,
        unique_bytes(),
        "v2.pdf",
        document_id=first.document_id,
        extraction=order_extraction(title="Новый заголовок"),
        blob_dir=blob_dir,
    )
    session.expire_all()
    document = session.get(Document, first.document_id)
    assert document is not None
    assert document.number == "64-ОД"  # corrected: the person's word wins
    assert document.date.isoformat() == "2017-03-16"
    assert document.title == "Новый заголовок"  # not corrected: the new extraction's
    corrections = session.exec(select(MetadataCorrection).order_by(MetadataCorrection.id)).all()
    assert [(c.field_name, c.old_value, c.new_value, c.user_id) for c in corrections] == [
        ("number", "64", "64-ОД", editor.id),
        ("date", "2017-03-15", "2017-03-16", editor.id),
    ]


def test_failure_halfway_through_the_records_leaves_nothing(session: Session, blob_dir: Path) -> None:
    broken = order_extraction(plan_titles=("Первое мероприятие", None))  # a plan item without a title
    result = ingest_file(session, unique_bytes(), "broken.pdf", extraction=broken, blob_dir=blob_dir)
    assert result.status == "failed"
    assert "ничего не изменено" in result.message
    for model in (Document, DocumentVersion, PlanItem, IndicatorValue, AuditEvent):
        assert count(session, model) == 0, model
    assert not blob_dir.exists() or not any(p.is_file() for p in blob_dir.rglob("*"))


def test_the_original_is_in_the_blob_store_before_its_version_is_committed(
    session: Session, blob_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process killed between the two leaves a blob no version names yet, never a version
    whose original is missing (`nok check` would call that a lost file)."""
    engine = session.get_bind()
    seen_at_store: list[int] = []
    real_write = blobs.write

    def write(data: bytes, folder: Path | None = None) -> str:
        with Session(engine) as other:  # another connection sees only what is committed
            seen_at_store.append(count(other, DocumentVersion))
        return real_write(data, folder)

    monkeypatch.setattr(blobs, "write", write)
    result = ingest_file(engine, unique_bytes(), "a.pdf", extraction=order_extraction(), blob_dir=blob_dir)
    assert result.status == "new", result.message
    assert seen_at_store == [0]
    assert count(session, DocumentVersion) == 1 and blobs.exists(result.sha256, blob_dir)  # type: ignore[arg-type]


def test_an_original_that_cannot_be_written_leaves_nothing_stored(
    session: Session, blob_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(data: bytes, folder: Path | None = None) -> str:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(blobs, "write", disk_full)
    result = ingest_file(session, unique_bytes(), "a.pdf", extraction=order_extraction(), blob_dir=blob_dir)
    assert result.status == "failed"
    assert result.message == (
        "Оригинал не записан в хранилище (No space left on device); ничего не сохранено, "
        "загрузите файл ещё раз."
    )
    for model in (Document, DocumentVersion, PlanItem, AuditEvent):
        assert count(session, model) == 0, model


def test_unreadable_file_is_failed_and_stores_nothing(session: Session, blob_dir: Path) -> None:
    result = ingest_file(session, b"\x00\x01 not a document", "bad.pdf", blob_dir=blob_dir)
    assert result.status == "failed" and result.message.startswith("Файл не прочитан")
    assert count(session, Document) == 0
    assert not blob_dir.exists()


def test_two_concurrent_ingests_store_one_version_and_one_blob(session: Session, blob_dir: Path) -> None:
    data = unique_bytes("race")
    engine = session.get_bind()
    barrier = threading.Barrier(2)
    results = []

    def worker(name: str) -> None:
        barrier.wait()
        results.append(ingest_file(engine, data, name, extraction=order_extraction(), blob_dir=blob_dir))

    threads = [threading.Thread(target=worker, args=(f"{i}.pdf",)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.status for r in results) == ["duplicate", "new"], [r.message for r in results]
    assert count(session, DocumentVersion) == 1
    assert count(session, Document) == 1
    assert [p.name for p in blob_dir.rglob("*") if p.is_file()] == [results[0].sha256]


def test_hostile_file_names_are_stored_harmlessly(session: Session, blob_dir: Path, tmp_path: Path) -> None:
    long_name = "я" * 300 + ".docx"
    names = {
        "../../etc/passwd.pdf": "passwd.pdf",
        b"\xff\xfe\xcf\xf0\xe8\xea\xe0\xe7.pdf": "\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd.pdf",
        "..\\..\\windows\\evil\x00\x07.pdf": "evil.pdf",
    }
    for number, (raw, expected) in enumerate(names.items()):
        extraction = order_extraction(number=str(number))  # three acts, not copies of one
        result = ingest_file(session, unique_bytes(), raw, extraction=extraction, blob_dir=blob_dir)
        assert result.status == "new", result.message
        assert session.get(DocumentVersion, result.version_id).filename == expected
    stored = safe_filename(long_name)
    assert len(stored.encode()) <= 255 and stored.endswith(".docx")
    result = ingest_file(session, unique_bytes(), long_name, extraction=order_extraction(), blob_dir=blob_dir)
    assert session.get(DocumentVersion, result.version_id).filename == stored
    assert not (tmp_path.parent / "etc").exists()
    assert {p.name for p in blob_dir.rglob("*") if p.is_file()} == {
        v.sha256 for v in session.exec(select(DocumentVersion))
    }


def test_staff_uploads_into_their_authority_and_not_into_others(  # type: ignore[no-untyped-def]
    session: Session, blob_dir: Path, make_user, authority
) -> None:
    staff = make_user("staff", "staff", authority_id=authority.id)
    council = make_user("council", "council")
    mine = ingest_file(
        session, unique_bytes(), "a.pdf", user=staff, extraction=order_extraction(), blob_dir=blob_dir
    )
    assert mine.status == "new"
    assert session.get(Document, mine.document_id).authority_id == authority.id
    refused = ingest_file(
        session, unique_bytes(), "b.pdf", user=council, extraction=order_extraction(), blob_dir=blob_dir
    )
    assert refused.status == "failed" and "Недостаточно прав" in refused.message
    other = ingest_file(
        session,
        unique_bytes(),
        "c.pdf",
        extraction=order_extraction(authority="Департамент социальной защиты Владимирской области"),
        blob_dir=blob_dir,
    )
    version = ingest_file(
        session,
        unique_bytes(),
        "d.pdf",
        user=staff,
        document_id=other.document_id,
        extraction=order_extraction(),
        blob_dir=blob_dir,
    )
    assert version.status == "failed" and "Недостаточно прав" in version.message
    assert count(session, DocumentVersion) == 2


def test_real_corpus_files_through_the_whole_pipeline(session: Session, blob_dir: Path) -> None:
    ratings_file = CORPUS / "vladimir_2018_ratings.docx"
    result = ingest_file(session, ratings_file.read_bytes(), ratings_file.name, blob_dir=blob_dir)
    assert result.status == "new", result.message
    assert count(session, Rating) == 15
    organizations = session.exec(select(Organization)).all()
    assert len(organizations) == 15 and all(o.region == "Владимирская область" for o in organizations)
    order = CORPUS / "magadan_2017_order64.docx"
    result = ingest_file(session, order.read_bytes(), order.name, blob_dir=blob_dir)
    assert result.status == "new", result.message
    document = session.get(Document, result.document_id)
    assert (document.kind, document.number) == ("order", "64")
    assert result.counts is not None and result.counts.plan_items > 0


def test_reextraction_of_the_same_version_keeps_corrections(session: Session, blob_dir: Path) -> None:
    order = CORPUS / "magadan_2017_order64.docx"
    first = ingest_file(session, order.read_bytes(), order.name, blob_dir=blob_dir)
    assert first.status == "new", first.message
    correct_field(session, None, first.document_id, "title", "Исправленный заголовок")
    session.commit()
    plan_items = count(session, PlanItem)
    again = reextract_document(session, first.document_id, blob_dir=blob_dir)
    assert again.status == "reextracted", again.message
    session.expire_all()
    document = session.get(Document, first.document_id)
    assert document.title == "Исправленный заголовок" and document.number == "64"
    assert count(session, PlanItem) == plan_items  # replaced, not doubled
    assert count(session, DocumentVersion) == 1
    actions = [e.action for e in session.exec(select(AuditEvent).order_by(AuditEvent.id))]
    assert actions == ["upload", "correct_metadata", "reextract"]


def test_folder_with_a_non_utf8_file_name_on_disk(session: Session, blob_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "входящие"
    folder.mkdir()
    odd = folder / os.fsdecode(b"\xcf\xf0\xe8\xea\xe0\xe7 64.docx")  # "Приказ 64" in cp1251
    shutil.copy(CORPUS / "primorsky_letter.docx", odd)
    summary = ingest_paths([folder], engine=session.get_bind(), blob_dir=blob_dir)
    assert [r.status for r in summary.results] == ["new"], [r.message for r in summary.results]
    stored = session.exec(select(DocumentVersion.filename)).one()
    assert stored == "\ufffd" * 6 + " 64.docx"
    again = ingest_paths([folder], engine=session.get_bind(), blob_dir=blob_dir)
    assert [r.status for r in again.results] == ["duplicate"]


def test_preview_then_save_the_corrected_extraction(session: Session, blob_dir: Path) -> None:
    plan = CORPUS / "vladimir_2019_improvement_plan.docx"
    data = plan.read_bytes()
    shown = preview(data, plan.name)
    assert count(session, Document) == 0  # a preview stores nothing
    assert len(shown.improvement_criteria) == len(shown.extraction.improvement_items) > 0
    edited = dataclasses.replace(
        shown.extraction, document=dataclasses.replace(shown.extraction.document, number="12-П")
    )
    result = ingest_file(
        session,
        data,
        plan.name,
        extraction=edited,
        improvement_criteria=shown.improvement_criteria,
        blob_dir=blob_dir,
    )
    assert result.status == "new", result.message
    assert session.get(Document, result.document_id).number == "12-П"
    criteria = session.exec(select(ImprovementItem.criterion).order_by(ImprovementItem.position)).all()
    assert list(criteria) == [c if c else None for c in shown.improvement_criteria]
    assert any(criteria)
    with pytest.raises(IngestFailed, match="Файл не прочитан"):
        preview(b"garbage", "x.pdf")
