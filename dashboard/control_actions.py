"""The supervisor's answers on «Контроль сроков»: confirm or reject a proposed evidence document,
and record the event that starts a plan's relative deadlines. Writes go through
`docstore.control`, which checks the role again; these sections only draw and call."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st
from sqlmodel import Session

from dashboard import data
from dashboard.export import show_table
from dashboard.flash import flash
from dashboard.labels import ru_date
from db.engine import get_engine
from db.models import User
from db.queries.control import EvidenceProposalRow, awaited_events, evidence_proposals
from docstore.control import confirm_evidence, record_event
from docstore.errors import DocstoreError
from extract.records import DOCUMENT_KINDS_RU

FLASH = "control"
"""Where `dashboard.flash` keeps the page's message across the rerun after a write."""


def _done(message: str) -> None:
    data.invalidate()
    flash("success", message, FLASH)
    st.rerun()


def proposals_section(user: User, authority_id: int | None) -> None:
    """Open points for which a newly stored document looks like the required result."""
    with Session(get_engine()) as session:
        proposals = evidence_proposals(session, authority_id=authority_id)
    if not proposals:
        return
    st.subheader(f"Предложенные подтверждения: {len(proposals)}")
    st.caption(
        "Новый документ по виду и дате похож на результат мероприятия. Точка не закрывается сама: "
        "примите предложение (точка будет отмечена выполненной датой документа) или отклоните его."
    )
    show_table(
        pd.DataFrame(
            {
                "№ точки": [p.control_point_id for p in proposals],
                "Срок": [ru_date(p.due_date) for p in proposals],
                "Мероприятие": [f"{p.item_number or ''} {p.item_title}".strip() for p in proposals],
                "Почему предложен": [_reason(p) for p in proposals],
                "План": [p.plan_title or f"документ № {p.plan_document_id}" for p in proposals],
                "Предложенный документ": [_document_label(p) for p in proposals],
            }
        )
    )
    labels = {p.control_point_id: f"№ {p.control_point_id}: {p.item_title[:80]}" for p in proposals}
    with st.form("evidence_proposal"):
        point_id = st.selectbox(
            "Контрольная точка", list(labels), format_func=labels.get, key="proposal_point"
        )
        comment = st.text_input("Комментарий", key="proposal_comment")
        accept_column, reject_column = st.columns(2)
        accept = accept_column.form_submit_button("Принять подтверждение", type="primary")
        reject = reject_column.form_submit_button("Отклонить")
    if not (accept or reject):
        return
    try:
        with Session(get_engine()) as session:
            point = confirm_evidence(
                session, user, int(point_id), accept=bool(accept), comment=comment.strip() or None
            )
            done_on = point.done_date
            session.commit()
    except DocstoreError as error:
        st.error(error.message)
        return
    if accept:
        _done(f"Контрольная точка № {point_id} закрыта документом-подтверждением ({ru_date(done_on)}).")
    else:
        _done(f"Предложение для контрольной точки № {point_id} отклонено.")


def events_section(user: User) -> None:
    """Plans whose relative deadlines wait for an event; recording it creates their points."""
    with Session(get_engine()) as session:
        waiting = awaited_events(session)
    if not waiting:
        return
    st.subheader("Записать событие плана")
    st.caption(
        "Сроки вида «в течение месяца после поступления отчета» начинают идти с события. "
        "Отчёт, загруженный в систему, записывает событие сам; здесь его можно записать вручную."
    )
    labels = {
        index: f"{w.event} — {w.plan_title or f'план № {w.plan_document_id}'} "
        f"(мероприятий: {w.items}, срок через {w.offset_days or 0} дн.)"
        for index, w in enumerate(waiting)
    }
    with st.form("record_event"):
        choice = st.selectbox("Событие", list(labels), format_func=labels.get, key="event_choice")
        today = dt.date.today()
        occurred_on = st.date_input(
            "Дата события", today, max_value=today, format="DD.MM.YYYY", key="event_date"
        )
        source = document_choice("Документ-основание", "event_source")
        submitted = st.form_submit_button("Записать событие")
    if not submitted:
        return
    awaited = waiting[int(choice)]
    try:
        with Session(get_engine()) as session:
            points = record_event(
                session,
                user,
                plan_document_id=awaited.plan_document_id,
                event=awaited.event,
                occurred_on=occurred_on,
                source_document_id=source,
            )
            due = sorted({p.due_date for p in points})
            session.commit()
    except DocstoreError as error:
        st.error(error.message)
        return
    _done(
        f"Событие «{awaited.event}» записано {occurred_on:%d.%m.%Y}; создано контрольных точек: "
        f"{len(points)}" + (f", срок {', '.join(ru_date(d) for d in due)}." if due else ".")
    )


def document_choice(label: str, key: str, region: str | None = None) -> int | None:
    """A searchable list of documents (type part of the title, number or date) with «без документа»
    first; the chosen document's id, or None."""
    choices = data.document_choices(region)
    return st.selectbox(
        label,
        [None, *choices],
        format_func=lambda i: "без документа" if i is None else choices[i],
        placeholder="Начните вводить название, номер или дату",
        key=key,
    )


def _document_label(proposal: EvidenceProposalRow) -> str:
    kind = DOCUMENT_KINDS_RU.get(proposal.evidence_kind, proposal.evidence_kind)
    number = f" № {proposal.evidence_number}" if proposal.evidence_number else ""
    date = f" от {ru_date(proposal.evidence_date)}" if proposal.evidence_date else ""
    title = f": {proposal.evidence_title}" if proposal.evidence_title else ""
    return f"№ {proposal.evidence_document_id}. {kind}{number}{date}{title}"


def _reason(proposal: EvidenceProposalRow) -> str:
    """Why ingest proposed it (the rule of `docstore.control.propose_evidence`, re-told)."""
    kind = DOCUMENT_KINDS_RU.get(proposal.evidence_kind, proposal.evidence_kind)
    if not proposal.result_form:
        return f"вид документа: {kind}"
    return f"вид документа ({kind}) соответствует форме результата «{proposal.result_form}»"
