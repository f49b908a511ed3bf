"""Signed copies as scans: the seal and signature the OCR reader found are stored on the version,
the registry tells documents with a signed copy from those with only a draft, and a version
records how many of its OCR-read fields a person checked and corrected on the upload review.

The scans here are the OCR reader's report built by hand (`scanned_order`: the golden reading of
a real colour scan plus `signed` and `confidence`), fed through the worker's own path with only
the reading step replaced, so no test waits for Tesseract."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from sqlmodel import Session

from dashboard import review
from dashboard.tables import documents_table
from db.models import DocumentVersion
from db.queries.documents import document_card, list_documents
from docstore import ingest, jobs
from docstore.ingest import ingest_file
from extract.records import Extraction
from tests.conftest import CORPUS
from tests.docstore.conftest import SCAN_FIELDS, SCAN_SHOWN, order_extraction, scanned_order, unique_bytes


def version_of(session: Session, version_id: int | None) -> DocumentVersion:
    session.expire_all()
    version = session.get(DocumentVersion, version_id)
    assert version is not None
    return version


def test_a_signed_scan_stores_its_seal_and_signature_on_the_version(session: Session, blob_dir: Path) -> None:
    result = ingest_file(
        session, unique_bytes("scan"), "scan.pdf", extraction=scanned_order(), blob_dir=blob_dir
    )
    assert result.status == "new", result.message
    version = version_of(session, result.version_id)
    assert (version.ocr, version.seal, version.signature) == (True, True, True)
    assert version.extraction["source"]["signed"] == {"seal": True, "signature": True}
    # stored without a review (as `nok ingest` and the watched folder do): nothing checked
    assert (version.ocr_fields, version.ocr_fields_doubtful) == (SCAN_FIELDS, 5)
    assert (version.ocr_fields_checked, version.ocr_fields_corrected) == (0, 0)


def test_a_typed_file_has_no_seal_signature_or_ocr_counts(session: Session, blob_dir: Path) -> None:
    result = ingest_file(
        session, (CORPUS / "magadan_2017_order64.docx").read_bytes(), "order.docx", blob_dir=blob_dir
    )
    version = version_of(session, result.version_id)
    assert (version.seal, version.signature, version.ocr_fields, version.ocr_fields_checked) == (
        None,
        None,
        None,
        None,
    )
    card = document_card(session, result.document_id)  # type: ignore[arg-type]
    assert card is not None and (card.versions[0].seal, card.versions[0].ocr_fields) == (None, None)


def test_an_unsigned_scan_says_so(session: Session, blob_dir: Path) -> None:
    unsigned = scanned_order(seal=False, signature=False)
    result = ingest_file(
        session, unique_bytes("draft scan"), "draft.pdf", extraction=unsigned, blob_dir=blob_dir
    )
    version = version_of(session, result.version_id)
    assert (version.seal, version.signature) == (False, False)


def test_the_registry_tells_which_documents_have_a_signed_copy(session: Session, blob_dir: Path) -> None:
    def store(label: str, extraction: Extraction) -> int:
        result = ingest_file(
            session, unique_bytes(label), f"{label}.pdf", extraction=extraction, blob_dir=blob_dir
        )
        assert result.status in ("new", "new_version"), result.message
        return result.document_id  # type: ignore[return-value]

    draft_only = store("draft", order_extraction(number="12", title="О порядке работы общественного совета"))
    signed = store("order 64 draft", order_extraction(number="64"))
    scan = dataclasses.replace(scanned_order(), text="скан")
    assert store("order 64 scan", scan) == signed  # the signed scan is a copy of the typed draft
    sealed = store(
        "sealed",
        dataclasses.replace(
            scanned_order(signature=False),
            document=dataclasses.replace(scan.document, number="70", title="О составе общественного совета"),
        ),
    )
    rows = {r.id: r.signed for r in list_documents(session)}
    assert rows == {draft_only: "none", signed: "seal_and_signature", sealed: "seal"}
    assert {r.id for r in list_documents(session, signed="any")} == {signed, sealed}
    assert [r.id for r in list_documents(session, signed="seal_and_signature")] == [signed]
    assert [r.id for r in list_documents(session, signed="none")] == [draft_only]
    registry = documents_table(list_documents(session))
    assert dict(zip(registry["№"], registry["Подписанный экземпляр"], strict=True)) == {
        draft_only: "нет",
        signed: "печать и подпись",
        sealed: "только печать",
    }
    card = document_card(session, signed)
    assert card is not None
    assert [(v.version_no, v.seal, v.signature) for v in card.versions] == [(2, True, True), (1, None, None)]


def test_a_reviewed_scan_records_what_the_person_checked_and_corrected(
    session: Session, blob_dir: Path, reads_as: Callable[[Extraction], None]
) -> None:
    """The upload path: the worker reads the scan and stores it for review; the person corrects two
    doubtful cells and the document's number and confirms."""
    reads_as(scanned_order())
    engine = session.get_bind()
    job_id = jobs.submit(engine, unique_bytes("upload"), "scan.pdf", mode="review", source="upload")
    assert jobs.run_job(engine, job_id, blob_dir=blob_dir) == "review"
    item = jobs.review_item(engine, job_id)
    read = item.extraction
    assert read.source.signed is not None and read.source.signed.seal
    assert read.document.confidence["number"] == 48.0  # the confidence survives the job's JSON
    plan = review.marked("plan_items", read.plan_items, review.plan_frame(read.plan_items))
    plan.loc[2, "Срок"] = "IV квартал 2017 года"
    plan.loc[5, "Мероприятие"] = "Подготовка технического задания"
    header = review.marked_header(read.document)
    header.loc[3, "Значение"] = "64-п"
    corrected = review.apply_tables(read, review.apply_header(read.document, header), plan=plan)
    check = review.ocr_check(read, corrected)
    result = jobs.confirm(engine, job_id, user=None, extraction=corrected, ocr_check=check, blob_dir=blob_dir)
    assert result.status == "new", result.message
    version = version_of(session, result.version_id)
    assert (version.seal, version.signature) == (True, True)
    assert (version.ocr_fields, version.ocr_fields_doubtful) == (SCAN_FIELDS, 5)
    assert (version.ocr_fields_checked, version.ocr_fields_corrected) == (SCAN_SHOWN, 3)


def test_a_scan_stored_by_the_worker_alone_counts_nothing_checked(
    session: Session, blob_dir: Path, reads_as: Callable[[Extraction], None]
) -> None:
    reads_as(scanned_order(signature=False))
    engine = session.get_bind()
    job_id = jobs.submit(engine, unique_bytes("cli"), "scan.pdf", mode="store", source="cli")
    assert jobs.run_job(engine, job_id, blob_dir=blob_dir) == "done"
    job = jobs.load_jobs(engine, [job_id])[0]
    version = version_of(session, job.version_id)
    assert (version.seal, version.signature) == (True, False)
    assert (version.ocr_fields, version.ocr_fields_checked, version.ocr_fields_corrected) == (
        SCAN_FIELDS,
        0,
        0,
    )


def test_reading_a_version_again_drops_the_persons_check(
    session: Session, blob_dir: Path, reads_as: Callable[[Extraction], None]
) -> None:
    check = review.ocr_check(scanned_order(), scanned_order())
    stored = ingest_file(
        session, unique_bytes("r"), "scan.pdf", extraction=scanned_order(), ocr_check=check, blob_dir=blob_dir
    )
    assert version_of(session, stored.version_id).ocr_fields_checked == SCAN_SHOWN
    reads_as(scanned_order(seal=False, signature=False))
    again = ingest.reextract_document(session, stored.document_id, blob_dir=blob_dir)  # type: ignore[arg-type]
    assert again.status == "reextracted", again.message
    version = version_of(session, stored.version_id)
    assert (version.seal, version.signature, version.ocr_fields_checked) == (False, False, 0)
