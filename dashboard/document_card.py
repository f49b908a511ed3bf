"""Sections of a document's card on the «Документы» page: versions with their originals, a new
version, the metadata correction form and the records extracted from the document.

Each section reads through `db.queries.documents` and writes through `docstore/`; the page
decides (with `docstore.roles`) which sections a user sees, docstore checks again on write.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st
from sqlmodel import Session

from dashboard import data, previews
from dashboard.export import download_buttons, show_table
from dashboard.flash import flash
from dashboard.labels import CRITERIA_SHORT_RU, SERVICE_FORMS_RU, fields_ru, mark_ru, ru_date
from db.engine import get_engine
from db.models import Document, User
from db.queries.documents import DocumentRecords, DueDate, VersionRow
from docstore import blobs, copies
from docstore.errors import DocstoreError
from docstore.ingest import IngestResult, ingest_file
from docstore.metadata import DOCUMENT_KINDS_RU, FIELD_TITLES_RU, correct_field

DATE_FIELDS = ("date", "period_start", "period_end")
# The order of the correction form; the kind is a selectbox, every other field a text line.
FORM_FIELDS = (
    "kind",
    "number",
    "date",
    "title",
    "authority_name",
    "region",
    "signatory_position",
    "signatory_name",
    "period_start",
    "period_end",
)
VALUE_KINDS_RU = {"plan": "план", "fact": "факт"}


def versions_section(versions: list[VersionRow]) -> None:
    """The table of versions, newest first (with the seal and signature of a scanned copy and
    what a person checked of its OCR reading), and a download button for each version's original."""
    st.markdown("**Версии**")
    show_table(
        pd.DataFrame(
            {
                "Версия": [v.version_no for v in versions],
                "Файл": [v.filename for v in versions],
                "Формат": [v.format.upper() for v in versions],
                "Страниц": [v.pages or "—" for v in versions],
                "Печать": [mark_ru(v.seal) for v in versions],
                "Подпись": [mark_ru(v.signature) for v in versions],
                "Размер, КБ": [round(v.size / 1024, 1) for v in versions],
                "Загружен": [v.uploaded_at.strftime("%d.%m.%Y %H:%M") for v in versions],
                "Кем": [v.uploaded_by or "система" for v in versions],
                "Комментарий": [v.comment or "" for v in versions],
            }
        )
    )
    for version in versions:
        if (line := ocr_check_ru(version)) is not None:
            st.caption(f"Версия {version.version_no}. {line}")
    for version in versions:
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.caption(f"Версия {version.version_no}: {version.filename}")
        if blobs.exists(version.sha256):
            # read only when clicked: every version's bytes on every rerun would cost seconds
            right.download_button(
                "Скачать",
                lambda sha256=version.sha256: blobs.read(sha256),
                file_name=version.filename,
                key=f"download_version_{version.version_no}",
            )
        else:
            right.caption("оригинал не найден в хранилище")


def ocr_check_ru(version: VersionRow) -> str | None:
    """«Распознано OCR: 96 полей, проверено человеком: 96, исправлено: 3 (сомнительных: 7).»;
    None for a typed file."""
    if version.ocr_fields is None:
        return None
    doubtful = f" (сомнительных: {version.ocr_fields_doubtful})" if version.ocr_fields_doubtful else ""
    if version.ocr_fields_checked is None:
        return (
            f"Распознано OCR: {fields_ru(version.ocr_fields)}{doubtful}; "
            "проверку человеком для версий, загруженных раньше, не записывали."
        )
    return (
        f"Распознано OCR: {fields_ru(version.ocr_fields)}, проверено человеком: "
        f"{version.ocr_fields_checked}, исправлено: {version.ocr_fields_corrected or 0}{doubtful}."
    )


def new_version_section(document_id: int, user: User | None) -> None:
    """A file uploader that stores a new version of the document (or says why not)."""
    with st.expander("Загрузить новую версию"):
        file = st.file_uploader("Файл DOCX или PDF", type=["docx", "pdf"], key=f"new_version_{document_id}")
        comment = st.text_input("Комментарий к версии", key=f"new_version_comment_{document_id}")
        if st.button("Загрузить версию", key=f"new_version_submit_{document_id}", disabled=file is None):
            assert file is not None
            with st.spinner("Распознавание и запись…"):
                result = upload_new_version(document_id, file.getvalue(), file.name, user, comment)
            level, text = result_message(result)
            if result.status in ("new", "new_version"):
                data.invalidate()
                flash(level, text, "card")
                st.rerun()
            getattr(st, level)(text)


def upload_new_version(
    document_id: int, payload: bytes, filename: str, user: User | None, comment: str | None
) -> IngestResult:
    """The file as the next version of the document; a bad file changes nothing (ingest's promise)."""
    return ingest_file(
        get_engine(), payload, filename, user=user, document_id=document_id, comment=comment or None
    )


def result_message(result: IngestResult) -> tuple[str, str]:
    """(Streamlit call, Russian line) for an ingest outcome: success, warning or error."""
    if result.status == "failed":
        return "error", f"{result.filename}: версия не загружена. {result.message}"
    if result.status == "duplicate":
        return "warning", f"{result.filename}: {result.message} Новая версия не создана."
    return "success", f"{result.filename}: {result.message}"


def correction_form(document: Document, user: User | None) -> None:
    """Correct the document's metadata; each changed field becomes one recorded correction."""
    assert document.id is not None
    key = f"fix_{document.id}"
    with st.expander("Исправить реквизиты"):
        st.caption(
            "Исправления записываются с именем автора и сохраняются при повторном распознавании. "
            "Даты — в формате ДД.ММ.ГГГГ."
        )
        with st.form(key):
            kinds = list(DOCUMENT_KINDS_RU)
            values: dict[str, str] = {
                "kind": st.selectbox(
                    "Вид документа",
                    kinds,
                    index=kinds.index(document.kind) if document.kind in kinds else kinds.index("other"),
                    format_func=DOCUMENT_KINDS_RU.get,
                    key=f"{key}_kind",
                )
            }
            for name in FORM_FIELDS[1:]:
                title = FIELD_TITLES_RU[name].capitalize()
                label = f"{title} (ДД.ММ.ГГГГ)" if name in DATE_FIELDS else title
                values[name] = st.text_input(label, shown_value(document, name), key=f"{key}_{name}")
            submitted = st.form_submit_button("Сохранить исправления", key=f"{key}_submit")
    if submitted:
        changed = changed_fields(document, values)
        if not changed:
            st.info("Реквизиты не изменены.")
            return
        try:
            with Session(get_engine()) as session:
                for name, value in changed.items():
                    correct_field(session, user, document.id, name, value)
                session.commit()
        except DocstoreError as error:
            st.error(f"Исправления не сохранены: {error.message}")
        else:
            data.invalidate()
            fields = ", ".join(FIELD_TITLES_RU[name] for name in changed)
            flash("success", f"Исправлено: {fields}.", "card")
            st.rerun()


def shown_value(document: Document, name: str) -> str:
    """A field as the form shows it: dates as ДД.ММ.ГГГГ, nothing as an empty line."""
    value = getattr(document, name)
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    return "" if value is None else str(value)


def changed_fields(document: Document, values: dict[str, str]) -> dict[str, str | None]:
    """The fields whose typed text differs from what the form showed (empty text clears)."""
    return {
        name: text.strip() or None
        for name, text in values.items()
        if text.strip() != shown_value(document, name).strip()
    }


def records_section(document_id: int, records: DocumentRecords) -> None:
    """Counts and tables of the indicators, plan items, ratings and improvement items."""
    counts = (
        ("показателей", len({(r.name, r.unit) for r in records.indicators})),
        ("мероприятий плана", len(records.plan_items)),
        ("строк рейтинга", len(records.ratings)),
        ("мер по устранению недостатков", len(records.improvement_items)),
    )
    st.markdown("**Извлечённые записи**")
    st.caption("В документе: " + ", ".join(f"{title} {count}" for title, count in counts) + ".")
    for title, frame, name in (
        ("Целевые показатели", indicators_frame(records), "pokazateli"),
        ("Мероприятия плана", plan_items_frame(records), "meropriyatiya"),
        ("Результаты оценки", ratings_frame(records), "reyting"),
        ("Меры по устранению недостатков", improvement_frame(records), "mery"),
    ):
        if frame.empty:
            continue
        with st.expander(f"{title}: {len(frame)}", expanded=len(frame) <= 15):
            show_table(frame)
            download_buttons(frame, f"{name}_{document_id}", f"records_{name}")


def indicators_frame(records: DocumentRecords) -> pd.DataFrame:
    rows = records.indicators
    return pd.DataFrame(
        {
            "Показатель": [r.name for r in rows],
            "Ед. изм.": [r.unit or "" for r in rows],
            "Год": [r.year for r in rows],
            "План/факт": [VALUE_KINDS_RU.get(r.kind, r.kind) for r in rows],
            "Значение": pd.array([r.value for r in rows], dtype="Float64"),
        }
    )


def plan_items_frame(records: DocumentRecords) -> pd.DataFrame:
    rows = records.plan_items
    return pd.DataFrame(
        {
            "№": [r.number or "" for r in rows],
            "Мероприятие": [r.title for r in rows],
            "Исполнители": ["; ".join(r.responsible) for r in rows],
            "Срок": [r.deadline_text or "" for r in rows],
            "Контрольные сроки": [due_dates_ru(r.due_dates) for r in rows],
        }
    )


def ratings_frame(records: DocumentRecords) -> pd.DataFrame:
    rows = records.ratings
    criteria = ("openness", "comfort", "accessibility", "courtesy", "satisfaction")
    return pd.DataFrame(
        {
            "Учреждение": [r.organization_name for r in rows],
            "Форма": [SERVICE_FORMS_RU.get(r.service_form or "", "") for r in rows],
            "Год": [r.year for r in rows],
            **{
                CRITERIA_SHORT_RU[c]: pd.array([getattr(r, c) for r in rows], dtype="Float64")
                for c in criteria
            },
            "Итог": pd.array([r.total for r in rows], dtype="Float64"),
        }
    )


def improvement_frame(records: DocumentRecords) -> pd.DataFrame:
    rows = records.improvement_items
    return pd.DataFrame(
        {
            "Учреждение": [r.organization or "" for r in rows],
            "Критерий": [CRITERIA_SHORT_RU.get(r.criterion or "", "") for r in rows],
            "Недостаток": [r.deficiency or "" for r in rows],
            "Мера": [r.measure for r in rows],
            "Срок": [r.planned_text or "" for r in rows],
            "Ответственный": [r.responsible or "" for r in rows],
            "Контрольные сроки": [due_dates_ru(r.due_dates) for r in rows],
        }
    )


def due_dates_ru(dates: list[DueDate]) -> str:
    """«01.03.2024 (выполнено 25.02.2024); 01.05.2024»."""
    return "; ".join(ru_date(d.due) + (f" (выполнено {ru_date(d.done)})" if d.done else "") for d in dates)


def original_section(document_id: int) -> None:
    """The pages of the version the records come from, beside the records."""
    with Session(get_engine()) as session:
        document = session.get(Document, document_id)
        version = copies.records_version(session, document) if document is not None else None
    st.markdown("**Оригинал**")
    if version is None:
        st.caption("У документа нет версий.")
        return
    st.caption(f"Страницы версии {version.version_no} ({version.filename}), из которой взяты записи")
    previews.show_stored(version.sha256, version.filename, key=f"card_preview_{document_id}")


def copies_section(document_id: int) -> None:
    """Where the document's other copies (versions) read otherwise than the one its records
    come from: a number, a date, a plan row."""
    with Session(get_engine()) as session:
        source_no, comparisons = copies.copy_differences(session, document_id)
    if not comparisons:
        return
    st.markdown("**Расхождения между копиями**")
    st.caption(f"Записи документа взяты из версии {source_no}; другие версии сравнены с ней.")
    for comparison in comparisons:
        title = f"Версия {comparison.version_no} ({comparison.filename})"
        if not comparison.differences:
            st.caption(f"{title}: совпадает.")
            continue
        with st.expander(f"{title}: расхождений {len(comparison.differences)}"):
            show_table(
                pd.DataFrame(
                    {
                        "Где": [d.where for d in comparison.differences],
                        f"В версии {source_no}": [d.records_value for d in comparison.differences],
                        f"В версии {comparison.version_no}": [d.copy_value for d in comparison.differences],
                    }
                )
            )
