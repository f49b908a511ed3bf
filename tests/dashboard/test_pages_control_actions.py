"""«Контроль сроков»: a supervisor confirms or rejects a proposed evidence document and records
the event that starts a plan's relative deadlines; other roles see neither."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session, select

from db.models import AuditEvent, ControlPoint, Document, PlanItem
from db.queries.waiting import awaited_events, evidence_proposals
from tests.dashboard.conftest import signed_in_app

AS_OF = {"as_of": "2024-06-01"}
EVENT = "поступления отчета организации-оператора"


@pytest.fixture
def waiting(filled, session: Session):  # type: ignore[no-untyped-def]
    """The filled database plus a proposal on the overdue point and a relative item with no event."""
    point = session.get(ControlPoint, filled.points["overdue"])
    point.proposed_evidence_document_id = filled.documents["rating_2024"]
    session.add(point)
    item = session.exec(select(PlanItem).where(PlanItem.document_id == filled.documents["plan"])).first()
    session.add(
        PlanItem(
            document_id=item.document_id,
            version_id=item.version_id,
            title="Рассмотреть отчет на заседании совета",
            deadline_text=f"в течение месяца после {EVENT}",
            deadline_kind="relative",
            offset_days=30,
            after_event=EVENT,
        )
    )
    session.commit()
    return filled


def test_queries_list_the_proposal_and_the_awaited_event(waiting, session: Session) -> None:  # type: ignore[no-untyped-def]
    [proposal] = evidence_proposals(session)
    assert (proposal.control_point_id, proposal.evidence_document_id) == (
        waiting.points["overdue"],
        waiting.documents["rating_2024"],
    )
    assert proposal.item_title == "Разместить результаты на сайте" and proposal.evidence_kind == "rating"
    assert evidence_proposals(session, authority_id=-1) == []
    [awaited] = awaited_events(session)
    assert (awaited.plan_document_id, awaited.event, awaited.items, awaited.offset_days) == (
        waiting.documents["plan"],
        EVENT,
        1,
        30,
    )


def test_accepting_a_proposal_closes_the_point_with_the_document(waiting, session: Session) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(waiting.users["supervisor"], "control.py", query=AS_OF)
    assert not at.exception
    assert "Предложенные подтверждения: 1" in [s.value for s in at.subheader]
    at.button(key="FormSubmitter:evidence_proposal-Принять подтверждение").click().run()
    assert not at.exception
    assert at.success[0].value.startswith(f"Контрольная точка № {waiting.points['overdue']} закрыта")
    session.expire_all()
    point = session.get(ControlPoint, waiting.points["overdue"])
    rating = session.get(Document, waiting.documents["rating_2024"])
    assert point.evidence_document_id == rating.id and point.done_date == rating.date
    assert "Предложенные подтверждения: 1" not in [s.value for s in at.subheader]


def test_rejecting_a_proposal_keeps_the_point_open(waiting, session: Session) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(waiting.users["supervisor"], "control.py", query=AS_OF)
    at.button(key="FormSubmitter:evidence_proposal-Отклонить").click().run()
    assert not at.exception
    assert (
        at.success[0].value == f"Предложение для контрольной точки № {waiting.points['overdue']} отклонено."
    )
    session.expire_all()
    point = session.get(ControlPoint, waiting.points["overdue"])
    assert point.proposed_evidence_document_id is None and point.done_date is None


def test_recording_the_event_creates_the_relative_point(waiting, session: Session) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(waiting.users["supervisor"], "control.py", query=AS_OF)
    at.date_input(key="event_date").set_value(dt.date(2024, 5, 20))
    at.button(key="FormSubmitter:record_event-Записать событие").click().run()
    assert not at.exception
    assert at.success[0].value.endswith("создано контрольных точек: 1, срок 19.06.2024.")
    session.expire_all()
    item = session.exec(select(PlanItem).where(PlanItem.deadline_kind == "relative")).one()
    [point] = session.exec(select(ControlPoint).where(ControlPoint.plan_item_id == item.id)).all()
    assert point.due_date == dt.date(2024, 6, 19)
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "control.record_event")).one()
    assert awaited_events(session) == []


@pytest.mark.parametrize("role", ["minister", "council", "staff"])
def test_only_supervisors_and_admins_answer(waiting, role: str) -> None:  # type: ignore[no-untyped-def]
    for allowed in ("supervisor", "admin"):
        labels = [b.label for b in signed_in_app(waiting.users[allowed], "control.py", query=AS_OF).button]
        assert {"Принять подтверждение", "Записать событие"} <= set(labels)
    at = signed_in_app(waiting.users[role])
    with pytest.raises(ValueError, match="Known pages"):
        at.switch_page("views/control.py")
