"""Signed scans on «Документы»: the upload review of a scanned copy says how many fields are
doubtful and puts them first, the card lists each version's seal and signature and how many of
its OCR-read fields a person checked, and the registry tells and filters documents with a
signed copy. The scan is the OCR reader's report made by hand (`scanned_order`), read through the
worker's own path (`run_job`), so no test waits for Tesseract."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import Session, select

from db.models import DocumentVersion, IngestJob, User
from docstore import jobs
from extract.records import Extraction
from tests.dashboard.conftest import signed_in_app
from tests.docstore.conftest import SCAN_FIELDS, SCAN_SHOWN, scanned_order, unique_bytes


def _frame_with(at, *columns: str):  # type: ignore[no-untyped-def]
    return next(d.value for d in at.dataframe if set(columns) <= set(d.value.columns))


def _scan_waiting_for_review(session: Session, user_id: int, reads_as: Callable[[Extraction], None]) -> int:
    reads_as(scanned_order())
    engine = session.get_bind()
    user = session.get(User, user_id)
    job_id = jobs.submit(
        engine, unique_bytes("scan"), "prikaz_64_skan.pdf", user=user, mode="review", source="upload"
    )
    assert jobs.run_job(engine, job_id) == "review"
    return job_id


def test_the_review_of_a_scan_puts_doubtful_cells_first_and_the_card_counts_the_check(
    filled, session: Session, tmp_path, monkeypatch, reads_as
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NOK_BLOB_DIR", str(tmp_path / "blobs"))
    job_id = _scan_waiting_for_review(session, filled.users["staff"], reads_as)
    at = signed_in_app(filled.users["staff"], "documents.py")
    assert not at.exception
    assert [w.value for w in at.warning] == [
        f"Распознано OCR: {SCAN_SHOWN} полей, из них сомнительных: 4 (уверенность ниже 60 из 100). "
        "Они отмечены ⚠ в столбце «Проверить» и стоят в таблицах первыми: сверьте их с оригиналом "
        "в первую очередь."
    ]
    assert "В копии найдены печать и подпись: подписанный экземпляр." in [c.value for c in at.caption]
    header = _frame_with(at, "Поле", "Проверить")
    assert header.loc[header["Поле"] == "⚠ Номер", "Проверить"].tolist() == ["⚠ уверенность 48 из 100"]
    plan = _frame_with(at, "Мероприятие", "Проверить")
    assert plan["Проверить"].tolist()[:3] == ["⚠ Срок (41)", "⚠ Мероприятие (55)", ""]
    assert plan["№"].tolist()[:3] == ["3", "5.2", "1"]
    indicators = _frame_with(at, "План/факт", "Проверить")
    assert indicators["Проверить"].tolist()[0] == "⚠ Значение (35)"

    at.button(key=f"confirm_job{job_id}").click().run()
    assert not at.exception
    assert any(s.value.startswith("prikaz_64_skan.pdf: Документ загружен") for s in at.success)
    session.expire_all()
    version = session.exec(
        select(DocumentVersion).where(DocumentVersion.filename == "prikaz_64_skan.pdf")
    ).one()
    assert (version.seal, version.signature) == (True, True)
    assert (version.ocr_fields, version.ocr_fields_checked, version.ocr_fields_corrected) == (
        SCAN_FIELDS,
        SCAN_SHOWN,
        0,
    )
    assert session.get(IngestJob, job_id).state == "done"
    card = signed_in_app(filled.users["staff"], "documents.py", query={"doc": str(version.document_id)})
    assert not card.exception
    versions = _frame_with(card, "Печать", "Подпись")
    assert versions[["Версия", "Печать", "Подпись"]].values.tolist() == [[1, "есть", "есть"]]
    assert (
        f"Версия 1. Распознано OCR: {SCAN_FIELDS} полей, проверено человеком: {SCAN_SHOWN}, исправлено: 0 "
        "(сомнительных: 5)."
    ) in [c.value for c in card.caption]


def test_the_card_of_a_typed_document_has_no_ocr_line(filled) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(filled.users["staff"], "documents.py", query={"doc": str(filled.documents["plan"])})
    assert not at.exception
    assert not [c.value for c in at.caption if "Распознано OCR" in c.value]
    assert _frame_with(at, "Печать", "Подпись")[["Печать", "Подпись"]].values.tolist() == [["—", "—"]]


def test_the_registry_shows_and_filters_documents_with_a_signed_copy(
    filled, session: Session, tmp_path, monkeypatch, reads_as
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NOK_BLOB_DIR", str(tmp_path / "blobs"))
    reads_as(scanned_order(signature=False))
    engine = session.get_bind()
    job_id = jobs.submit(engine, unique_bytes("cli"), "skan.pdf", mode="store", source="cli")
    assert jobs.run_job(engine, job_id) == "done"
    scan_id = jobs.load_jobs(engine, [job_id])[0].document_id
    at = signed_in_app(filled.users["staff"], "documents.py")
    registry = _frame_with(at, "Подписанный экземпляр")
    assert len(registry) == 6
    assert registry.loc[registry["№"] == scan_id, "Подписанный экземпляр"].tolist() == ["только печать"]
    assert set(registry.loc[registry["№"] != scan_id, "Подписанный экземпляр"]) == {"нет"}
    at.selectbox(key="browse_signed").set_value("any").run()
    assert not at.exception
    assert _frame_with(at, "Подписанный экземпляр")["№"].tolist() == [scan_id]
    assert at.query_params["signed"] == "any"
    at.selectbox(key="browse_signed").set_value("seal_and_signature").run()
    assert "Документов нет" in at.info[0].value
    at.selectbox(key="browse_signed").set_value("none").run()
    assert len(_frame_with(at, "Подписанный экземпляр")) == 5
    shared = signed_in_app(filled.users["staff"], "documents.py", query={"signed": "any"})
    assert shared.selectbox(key="browse_signed").value == "any"
