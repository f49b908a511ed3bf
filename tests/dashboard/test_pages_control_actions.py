"""«Контроль сроков»: a supervisor confirms or rejects a proposed evidence document and records
the event that starts a plan's relative deadlines; other roles see neither."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session, select

from db.models import AuditEvent, ControlPoint, Document, PlanEvent, PlanItem
from db.queries.control import awaited_events
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


def test_accepting_a_proposal_closes_the_point_with_the_document(waiting, session: Session) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(waiting.users["supervisor"], "control.py", query=AS_OF)
    assert not at.exception
    assert "Предложенные подтверждения: 1" in [s.value for s in at.subheader]
    proposal = next(d.value for d in at.dataframe if "Предложенный документ" in d.value.columns).iloc[0]
    assert proposal["Мероприятие"] == "Разместить результаты на сайте"
    assert proposal["Предложенный документ"].startswith(f"№ {waiting.documents['rating_2024']}. ")
    assert proposal["План"] == "План НОК на 2024 год" and proposal["Срок"] == "01.05.2024"
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


def test_the_source_document_is_picked_from_the_list_by_its_title(waiting, session: Session) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(waiting.users["supervisor"], "control.py", query=AS_OF)
    source = at.selectbox(key="event_source")
    assert source.value is None and source.options[0] == "без документа"
    plan_label = next(option for option in source.options if "План НОК на 2024 год" in option)
    assert plan_label.startswith("План от 15.01.2024")  # kind, number (none here), date, title
    source.select(plan_label)
    at.date_input(key="event_date").set_value(dt.date(2024, 5, 20))
    at.button(key="FormSubmitter:record_event-Записать событие").click().run()
    assert not at.exception and at.success
    session.expire_all()
    (event,) = session.exec(select(PlanEvent)).all()
    assert event.source_document_id == waiting.documents["plan"]


@pytest.mark.parametrize("role", ["supervisor", "admin"])
def test_supervisors_and_admins_see_both_forms(waiting, role: str) -> None:  # type: ignore[no-untyped-def]
    labels = {b.label for b in signed_in_app(waiting.users[role], "control.py", query=AS_OF).button}
    assert {"Принять подтверждение", "Отклонить", "Записать событие"} <= labels


@pytest.mark.parametrize("role", ["minister", "council", "staff"])
def test_other_roles_never_reach_the_forms(waiting, role: str) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(waiting.users[role])
    assert not {"Принять подтверждение", "Отклонить", "Записать событие"} & {b.label for b in at.button}
    with pytest.raises(ValueError, match="Known pages"):
        at.switch_page("views/control.py")
