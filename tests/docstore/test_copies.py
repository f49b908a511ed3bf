"""Copies of one act are versions of one document: the draft DOCX, its PDF and the signed scan
of a real order come in as one document, its records are not multiplied, and the overdue list
names each control point once; where copies disagree the differences are listed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from db.models import (
    AuditEvent,
    ControlPoint,
    Document,
    DocumentVersion,
    MetadataCorrection,
    PlanItem,
    Rating,
)
from db.queries.control import overdue_list
from docstore.copies import copy_differences, differences, match_for, normalize_number
from docstore.dedupe import dedupe
from docstore.ingest import ingest_file
from docstore.metadata import correct_field
from extract.records import Deadline
from tests.conftest import CORPUS
from tests.docstore.conftest import order_extraction, unique_bytes
from tests.extract.conftest import tesseract  # noqa: F401  (the fixture)


def count(session: Session, model: type) -> int:
    return int(session.exec(select(func.count()).select_from(model)).one())


def ingest(session: Session, name: str, blob_dir: Path, **options):  # type: ignore[no-untyped-def]
    result = ingest_file(session, (CORPUS / name).read_bytes(), name, blob_dir=blob_dir, **options)
    assert result.status in ("new", "new_version"), result.message
    return result


@pytest.mark.ocr
@pytest.mark.usefixtures("tesseract")
def test_draft_pdf_and_signed_scan_of_order_64_are_one_document(session: Session, blob_dir: Path) -> None:
    draft = ingest(session, "magadan_2017_order64.docx", blob_dir)
    pdf = ingest(session, "magadan_2017_order64.pdf", blob_dir)
    scan = ingest(session, "magadan_2017_order64_scan.pdf", blob_dir)
    assert (draft.status, pdf.status, scan.status) == ("new", "new_version", "new_version")
    assert pdf.copy and scan.copy and pdf.document_id == scan.document_id == draft.document_id
    assert "записи документа остаются из версии 1" in scan.message
    assert count(session, Document) == 1
    versions = session.exec(select(DocumentVersion).order_by(DocumentVersion.version_no)).all()
    assert [(v.version_no, v.format, v.ocr) for v in versions] == [
        (1, "docx", False),
        (2, "pdf", False),
        (3, "pdf", True),
    ]
    document = session.get(Document, draft.document_id)
    assert document.records_version_id == versions[0].id  # the typed draft reads best
    assert count(session, PlanItem) == 11  # not 33
    rows = overdue_list(session, as_of=dt.date(2018, 6, 1))
    assert rows, "order 64 has control points overdue on 01.06.2018"
    points = [(r.item_number, r.item_title, r.due_date) for r in rows]
    assert len(points) == len(set(points)) == len({r.control_point_id for r in rows})
    assert {r.document_id for r in rows} == {draft.document_id}


@pytest.mark.parametrize(
    ("first", "second", "records"),
    [
        ("tula_2020_order83.docx", "tula_2020_order83.pdf", (PlanItem, 11)),
        ("ryazan_plan_graph.docx", "ryazan_plan_graph.pdf", (PlanItem, 14)),
        ("vladimir_2018_ratings.docx", "vladimir_2018_ratings.pdf", (Rating, 15)),
    ],
)
def test_a_docx_and_its_pdf_are_one_document_in_either_order(
    session: Session, blob_dir: Path, first: str, second: str, records: tuple[type, int]
) -> None:
    """The PDF first, then the DOCX: the DOCX takes the records over; the records are those of
    one copy whatever the order, never both."""
    pdf = ingest(session, second, blob_dir)
    docx = ingest(session, first, blob_dir)
    assert (pdf.status, docx.status) == ("new", "new_version") and docx.copy
    assert "записи взяты из неё" in docx.message
    model, expected = records
    assert count(session, Document) == 1 and count(session, model) == expected
    document = session.get(Document, pdf.document_id)
    assert document.records_version_id == docx.version_id
    assert {row.version_id for row in session.exec(select(model))} == {docx.version_id}


def test_a_copy_read_by_machine_never_replaces_records_a_person_checked(
    session: Session, blob_dir: Path
) -> None:
    checked = dataclasses.replace(
        order_extraction(plan_titles=("Проверенное мероприятие",)),
        source=dataclasses.replace(order_extraction().source, format="pdf", ocr=True),
    )
    first = ingest_file(
        session, unique_bytes(), "scan.pdf", extraction=checked, reviewed=True, blob_dir=blob_dir
    )
    typed = dataclasses.replace(order_extraction(plan_titles=("Машинное чтение",)))
    second = ingest_file(session, unique_bytes(), "draft.pdf", extraction=typed, blob_dir=blob_dir)
    assert second.copy and second.document_id == first.document_id
    assert session.exec(select(PlanItem.title)).all() == ["Проверенное мероприятие"]
    assert session.get(Document, first.document_id).records_reviewed


def test_a_copy_that_takes_the_records_over_schedules_their_control_points(
    session: Session, blob_dir: Path
) -> None:
    """A scan read by machine first, then the typed PDF a person checked: the plan items are the
    PDF's, and so are their control points (they were once scheduled for the old copy's items
    and then lost with them)."""
    due = Deadline(text="до 01.12.2017", kind="once", due_dates=(dt.date(2017, 12, 1),))
    typed = order_extraction()
    typed = dataclasses.replace(
        typed, plan_items=tuple(dataclasses.replace(p, deadline=due) for p in typed.plan_items)
    )
    scan = dataclasses.replace(typed, source=dataclasses.replace(typed.source, ocr=True))
    ingest_file(session, unique_bytes(), "scan.pdf", extraction=scan, blob_dir=blob_dir)
    assert count(session, ControlPoint) == 2
    pdf = ingest_file(
        session, unique_bytes(), "order.pdf", extraction=typed, reviewed=True, blob_dir=blob_dir
    )
    assert pdf.copy and "записи взяты из неё" in pdf.message
    items = session.exec(select(PlanItem.id).where(PlanItem.version_id == pdf.version_id)).all()
    points = session.exec(select(ControlPoint.plan_item_id)).all()
    assert len(items) == 2 and sorted(points) == sorted(items)


def test_staff_may_store_a_matching_file_as_a_separate_document(session: Session, blob_dir: Path) -> None:
    first = ingest_file(session, unique_bytes(), "a.pdf", extraction=order_extraction(), blob_dir=blob_dir)
    match = match_for(session, order_extraction(), None)
    assert match is not None and match.document_id == first.document_id
    assert match.message_ru == "совпадает с приказом № 64 от 15.03.2017 — будет сохранён как новая версия"
    separate = ingest_file(
        session, unique_bytes(), "b.pdf", extraction=order_extraction(), match="new", blob_dir=blob_dir
    )
    assert separate.status == "new" and separate.document_id != first.document_id
    assert count(session, Document) == 2


def test_number_spellings_of_one_act_match() -> None:
    assert normalize_number("№ 83-ОСН") == normalize_number("83 - осн") == normalize_number("83-OCH")
    assert normalize_number("64") != normalize_number("64/1")


def test_the_card_lists_where_copies_disagree(session: Session, blob_dir: Path) -> None:
    first = ingest_file(
        session, unique_bytes(), "draft.docx", extraction=order_extraction(), blob_dir=blob_dir
    )
    signed = order_extraction(plan_titles=("Формирование общественного совета", "Размещение сведений"))
    signed = dataclasses.replace(
        signed,
        source=dataclasses.replace(signed.source, ocr=True),
        document=dataclasses.replace(signed.document, title="Об утверждении плана (подписанная редакция)"),
    )
    copy = ingest_file(session, unique_bytes(), "signed.pdf", extraction=signed, blob_dir=blob_dir)
    assert copy.copy and copy.document_id == first.document_id
    source_no, comparisons = copy_differences(session, first.document_id)
    assert source_no == 1 and [c.version_no for c in comparisons] == [2]
    found = {(d.where, d.records_value, d.copy_value) for d in comparisons[0].differences}
    assert found == {
        (
            "Заголовок",
            "Об утверждении плана мероприятий по проведению независимой оценки",
            "Об утверждении плана (подписанная редакция)",
        ),
        ("Мероприятие № 2: наименование", "Размещение информации", "Размещение сведений"),
    }
    assert differences(order_extraction(), order_extraction()) == []


def test_dedupe_merges_documents_stored_twice_losing_nothing(
    session: Session, blob_dir: Path, make_user
) -> None:  # type: ignore[no-untyped-def]
    editor = make_user("editor", "admin")
    draft = ingest(session, "tula_2020_order83.docx", blob_dir)
    pdf = ingest(session, "tula_2020_order83.pdf", blob_dir, match="new")  # as stored before copies
    assert pdf.document_id != draft.document_id
    correct_field(session, editor, pdf.document_id, "title", "Исправленный заголовок")
    point = session.exec(
        select(ControlPoint)
        .join(PlanItem)
        .where(PlanItem.document_id == draft.document_id)
        .order_by(ControlPoint.due_date)
    ).first()
    point.done_date, point.done_comment = dt.date(2020, 5, 1), "выполнено"
    session.add(point)
    session.commit()
    events_before = count(session, AuditEvent)
    points_before = count(session, ControlPoint)

    dry = dedupe(session, editor)
    assert [(g.keep, g.merge) for g in dry.groups] == [(draft.document_id, (pdf.document_id,))]
    assert dry.groups[0].act == "приказом № 83-ОСН от 18.04.2020"
    assert count(session, Document) == 2  # a dry run writes nothing

    report = dedupe(session, editor, apply=True)
    session.commit()
    assert report.versions_moved == 1
    assert count(session, Document) == 1
    versions = session.exec(select(DocumentVersion).order_by(DocumentVersion.version_no)).all()
    assert [(v.document_id, v.version_no, v.format) for v in versions] == [
        (draft.document_id, 1, "docx"),
        (draft.document_id, 2, "pdf"),
    ]
    document = session.get(Document, draft.document_id)
    assert document.title == "Исправленный заголовок"  # the correction made on the other copy
    assert session.exec(select(MetadataCorrection.document_id)).all() == [draft.document_id]
    assert count(session, AuditEvent) == events_before + 1
    assert {e.document_id for e in session.exec(select(AuditEvent))} == {draft.document_id}
    assert count(session, PlanItem) == 11
    done = session.exec(select(ControlPoint).where(ControlPoint.done_date.is_not(None))).all()
    assert [(p.done_date, p.done_comment) for p in done] == [(dt.date(2020, 5, 1), "выполнено")]
    assert count(session, ControlPoint) == points_before // 2
    assert dedupe(session, editor).groups == []
