"""The «Загрузка» tab: files go on the ingest queue, workers read them, staff review when ready.

Uploading only creates jobs (`docstore.jobs.submit`) and puts them on the queue, so the page is
free at once and a reload or a closed tab loses nothing: the list below is read from the jobs
table on every run (в очереди, распознаётся, ждёт проверки, ошибка с причиной). While files
wait, a fragment looks again every two seconds and reruns the page when a state changed. A file
waiting for review shows its pages beside the extracted fields; confirming runs the write step
of the same pipeline (`docstore.jobs.confirm`).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlmodel import Session

from dashboard import data, flash, previews, review, urlstate
from db.engine import get_engine
from db.models import User
from db.queries.jobs import JobRow, upload_jobs
from docstore import copies, jobs
from docstore.errors import DocstoreError
from docstore.queue import QueueUnavailable, enqueue
from extract.records import Extraction

REFRESH_SECONDS = 2.0


def section(user: User | None) -> None:
    """The whole tab: uploader, list of files and their states, a review per ready file."""
    flash.show("upload")
    _uploader(user)
    engine = get_engine()
    with Session(engine) as session:
        rows = upload_jobs(session, user_id=user.id if user is not None else None)
        workers = jobs.live_workers(session)
    waiting = [r for r in rows if r.state in jobs.WAITING]
    if waiting and workers == 0:
        st.warning(
            "Обработчик очереди не запущен: файлы ждут в очереди. Запустите `nok worker` "
            "(`make run` запускает его вместе с приложением)."
        )
    if rows:
        _job_table(rows)
    if waiting:
        _watch_states([r.id for r in waiting])
    for row in rows:
        if row.state == "review":
            _review(row, user)


def _uploader(user: User | None) -> None:
    files = st.file_uploader(
        "Файлы DOCX или PDF (можно несколько)", type=["docx", "pdf"], accept_multiple_files=True, key="upload"
    )
    sent: set[str] = st.session_state.setdefault("upload_sent", set())
    new = [f for f in files or [] if f.file_id not in sent]
    if not new:
        return
    engine = get_engine()
    job_ids = []
    try:
        for file in new:
            job_ids.append(
                jobs.submit(engine, file.getvalue(), file.name, user=user, mode="review", source="upload")
            )
            sent.add(file.file_id)
    except DocstoreError as error:
        st.error(error.message)
        return
    try:
        enqueue(job_ids)
    except QueueUnavailable as error:
        st.warning(f"{error.message} Файлы сохранены и будут обработаны, когда очередь станет доступна.")
    flash.flash("info", f"Поставлено в очередь файлов: {len(job_ids)}.", "upload")
    st.rerun()


def state_ru(row: JobRow) -> str:
    state = jobs.STATES_RU.get(row.state, row.state)
    if row.state == "failed":
        return f"{state}: {row.message or 'причина не указана'}"
    if row.state == "done" and row.outcome == "duplicate":
        return "уже загружен"
    return state


def _job_table(rows: list[JobRow]) -> None:
    st.markdown("**Загруженные файлы**")
    frame = pd.DataFrame(
        {
            "Файл": [r.filename for r in rows],
            "Состояние": [state_ru(r) for r in rows],
            "Документ": [f"№ {r.document_id}" if r.document_id else "" for r in rows],
            "Загружен": [r.created_at.strftime("%d.%m.%Y %H:%M") for r in rows],
        }
    )
    st.dataframe(frame, hide_index=True, width="stretch", key="upload_jobs")
    finished = [r.id for r in rows if r.state in jobs.FINISHED]
    if finished and st.button("Убрать завершённые из списка", key="upload_dismiss"):
        jobs.dismiss(get_engine(), finished)
        st.rerun()


def _watch_states(job_ids: list[int]) -> None:
    """Rerun the page when a waiting file's state changes (the workers run elsewhere)."""
    before = _states(job_ids)

    @st.fragment(run_every=REFRESH_SECONDS)
    def watch() -> None:
        if _states(job_ids) != before:
            st.rerun(scope="app")
        st.caption(f"Файлов в обработке: {len(job_ids)}. Страница обновится сама, когда они будут готовы.")

    watch()


def _states(job_ids: list[int]) -> list[tuple[int | None, str]]:
    return [(j.id, j.state) for j in jobs.load_jobs(get_engine(), job_ids)]


def _review(row: JobRow, user: User | None) -> None:
    try:
        item = jobs.review_item(get_engine(), row.id)
    except DocstoreError:
        return
    extraction = item.extraction
    key = f"job{row.id}"
    with st.expander(f"{item.filename}: проверьте и исправьте распознанное", expanded=True):
        _reading_notice(extraction, key)
        original, fields = st.columns([2, 3])
        with original:
            st.caption("Оригинал")
            previews.show_original(item.data, item.filename, key=f"{key}_preview")
        with fields:
            match = _match(extraction, user, key)
            st.caption("Реквизиты документа")
            header_frame = st.data_editor(
                review.marked_header(extraction.document),
                disabled=["Поле", review.CHECK_COLUMN],
                column_config={
                    review.CHECK_COLUMN: st.column_config.TextColumn(help=review.HEADER_CHECK_HELP)
                },
                hide_index=True,
                width="stretch",
                key=f"header_{key}",
            )
            edited = {}
            for kind, records_kind, title, builder in (
                ("indicators", "indicators", "Целевые показатели", review.indicator_frame),
                ("plan", "plan_items", "Мероприятия плана", review.plan_frame),
                ("ratings", "ratings", "Результаты оценки", review.rating_frame),
                (
                    "improvement",
                    "improvement_items",
                    "Меры по устранению недостатков",
                    review.improvement_frame,
                ),
            ):
                records = getattr(extraction, records_kind)
                if records:
                    st.caption(f"{title}: {len(records)}")
                    edited[kind] = _table_editor(
                        review.marked(records_kind, records, builder(records)),  # type: ignore[arg-type]
                        f"{kind}_{key}",
                    )
            confirm, reject = st.columns(2)
            if confirm.button("Подтвердить и сохранить", key=f"confirm_{key}", type="primary"):
                _confirm(row, item, header_frame, edited, match, user)
            if reject.button("Отклонить файл", key=f"reject_{key}"):
                jobs.reject(get_engine(), row.id, user=user)
                flash.flash("info", f"{item.filename}: файл отклонён, ничего не сохранено.", "upload")
                st.rerun()


def _reading_notice(extraction: Extraction, key: str) -> None:
    """At the top of the review of a scanned copy: how many fields are doubtful, and whether the
    copy bears a seal and a signature."""
    summary = review.ocr_summary_ru(extraction)
    if summary is not None:
        text, doubtful = summary
        (st.warning if doubtful else st.info)(text, icon="⚠️" if doubtful else None)
    signed = review.signed_ru(extraction)
    if signed is not None:
        st.caption(signed)


def _table_editor(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    """One table of records to correct; its «Проверить» column (OCR) is read-only and first."""
    if review.CHECK_COLUMN not in frame.columns:
        return st.data_editor(frame, hide_index=True, width="stretch", key=key, num_rows="fixed")
    return st.data_editor(
        frame,
        hide_index=True,
        width="stretch",
        key=key,
        num_rows="fixed",
        disabled=[review.CHECK_COLUMN],
        column_order=[review.CHECK_COLUMN, *(c for c in frame.columns if c != review.CHECK_COLUMN)],
        column_config={
            review.CHECK_COLUMN: st.column_config.TextColumn(help=review.CHECK_HELP, width="medium")
        },
    )


def _match(extraction, user: User | None, key: str) -> int | str:  # type: ignore[no-untyped-def]
    """The copy notice and the person's choice: a document id (new version of it) or `new`."""
    with Session(get_engine()) as session:
        match = copies.match_for(session, extraction, user)
    if match is None:
        return "new"
    st.info(f"Файл {match.message_ru}.")
    choices = {
        "copy": f"как новую версию документа № {match.document_id}",
        "new": "как отдельный документ",
    }
    chosen = st.radio(
        "Сохранить", list(choices), format_func=choices.get, key=f"match_{key}", horizontal=True
    )
    if chosen == "new":
        return "new"
    st.caption(
        "Записи документа (мероприятия, показатели, рейтинг) будут взяты из этого файла."
        if match.takes_records
        else "Записи документа останутся из уже загруженной копии; расхождения будут видны в карточке."
    )
    return match.document_id


def _confirm(row, item, header_frame, edited, match, user) -> None:  # type: ignore[no-untyped-def]
    try:
        header = review.apply_header(item.extraction.document, header_frame)
        corrected = review.apply_tables(item.extraction, header, **edited)
    except review.InvalidCorrection as error:
        st.error(str(error))
        return
    try:
        result = jobs.confirm(
            get_engine(),
            row.id,
            user=user,
            extraction=corrected,
            match=match,
            ocr_check=review.ocr_check(item.extraction, corrected),
        )
    except DocstoreError as error:
        st.error(error.message)
        return
    data.invalidate()
    if result.status == "failed":
        st.error(f"{item.filename}: {result.message}")
        return
    flash.flash("success", f"{item.filename}: {result.message} Документ № {result.document_id}.", "upload")
    urlstate.put("doc", result.document_id)
    st.session_state["doc"] = result.document_id  # the card tab shows it
    st.rerun()
