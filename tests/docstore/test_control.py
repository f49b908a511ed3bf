"""Execution-control writes: scheduling points from plans, events, marking done, evidence proposals."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session, select

from db.models import AuditEvent, ControlPoint, PlanEvent, RoleAssignment, User
from db.queries.control import continuous_items, control_point_statuses
from docstore.control import (
    confirm_evidence,
    mark_done,
    propose_evidence,
    record_event,
    report_progress,
    result_form_kind,
    same_event,
    schedule_control_points,
)
from docstore.errors import DocstoreError, Forbidden, NotFound
from tests import control_plans as build

D = dt.date
OPERATOR_REPORT = "поступления отчета организации-оператора"


def _user(session: Session, login: str, role: str, authority_id: int | None = None) -> User:
    user = User(login=login, full_name=login)
    session.add(user)
    session.flush()
    session.add(RoleAssignment(user_id=user.id, role=role, authority_id=authority_id))
    session.flush()
    return user


def _points(session: Session) -> list[ControlPoint]:
    return list(session.exec(select(ControlPoint).order_by(ControlPoint.due_date, ControlPoint.id)))


def test_schedule_once_and_recurring_items_over_a_several_year_plan(session: Session) -> None:
    doc, version = build.document(session, date=D(2019, 2, 1), period=(D(2019, 1, 1), D(2021, 12, 31)))
    once = build.plan_item(
        session, doc, version, "Утвердить состав совета", deadline_text="до 10 февраля 2019 года"
    )
    yearly = build.plan_item(
        session, doc, version, "Мониторинг", kind="recurring", deadline_text="ежегодно до 1 декабря"
    )
    quarterly = build.plan_item(
        session, doc, version, "Отчёт", kind="recurring", deadline_text="ежеквартально"
    )
    created = schedule_control_points(session, doc.id)
    by_item: dict[int, list[dt.date]] = {}
    for cp in _points(session):
        by_item.setdefault(cp.plan_item_id, []).append(cp.due_date)
    assert by_item[once.id] == [D(2019, 2, 10)]
    assert by_item[yearly.id] == [D(2019, 12, 1), D(2020, 12, 1), D(2021, 12, 1)]
    assert len(by_item[quarterly.id]) == 12 and by_item[quarterly.id][0] == D(2019, 3, 31)
    assert by_item[quarterly.id][-1] == D(2021, 12, 31)
    assert created == 16
    # Idempotent: scheduling again replaces the open points, it does not add more.
    assert schedule_control_points(session, doc.id) == 16
    assert len(_points(session)) == 16


def test_schedule_keeps_done_points_and_does_not_repeat_them(session: Session) -> None:
    doc, version = build.document(session)
    item = build.plan_item(session, doc, version, "Рассмотреть отчёт", kind="relative", offset_days=30,
                           after_event=OPERATOR_REPORT)  # fmt: skip
    [cp] = record_event(
        session, None, plan_document_id=doc.id, event=OPERATOR_REPORT, occurred_on=D(2019, 9, 2)
    )
    mark_done(session, None, cp.id, done_on=D(2019, 9, 20), comment="рассмотрен")
    assert schedule_control_points(session, doc.id) == 0
    [kept] = _points(session)
    assert (kept.id, kept.plan_item_id, kept.done_date) == (cp.id, item.id, D(2019, 9, 20))


def test_relative_deadline_gets_its_point_when_the_event_is_recorded(session: Session) -> None:
    doc, version = build.document(session)
    item = build.plan_item(session, doc, version, "Рассмотреть результаты", kind="relative", offset_days=30,
                           after_event=OPERATOR_REPORT)  # fmt: skip
    assert schedule_control_points(session, doc.id) == 0
    assert control_point_statuses(session, as_of=D(2019, 12, 31)) == []
    [cp] = record_event(
        session, None, plan_document_id=doc.id, event="Поступление отчёта организации-оператора",
        occurred_on=D(2019, 11, 15),
    )  # fmt: skip
    assert (cp.plan_item_id, cp.due_date) == (item.id, D(2019, 12, 15))
    assert control_point_statuses(session, as_of=D(2019, 11, 14)) == []
    [row] = control_point_statuses(session, as_of=D(2019, 12, 16))
    assert (row.status, row.days_overdue) == ("overdue", 1)
    # Rescheduling the plan re-derives the point from the stored event.
    assert schedule_control_points(session, doc.id) == 1
    assert [p.due_date for p in _points(session)] == [D(2019, 12, 15)]


def test_ingesting_the_operators_report_records_the_event(session: Session) -> None:
    body = build.authority(session)
    plan, version = build.document(session, authority_id=body.id)
    build.plan_item(
        session,
        plan,
        version,
        "Рассмотреть результаты",
        kind="relative",
        offset_days=30,
        after_event=OPERATOR_REPORT,
    )
    report, _ = build.document(session, kind="report", date=D(2019, 10, 1), authority_id=body.id,
                               title="Отчет о результатах независимой оценки", period=None)  # fmt: skip
    other_body = build.authority(session, "Департамент")
    stranger, _ = build.document(
        session, kind="report", date=D(2019, 10, 5), authority_id=other_body.id, period=None
    )
    assert schedule_control_points(session, stranger.id) == 0
    assert schedule_control_points(session, report.id) == 1
    [event] = session.exec(select(PlanEvent)).all()
    assert (event.document_id, event.source_document_id, event.occurred_on) == (
        plan.id,
        report.id,
        D(2019, 10, 1),
    )
    [cp] = _points(session)
    assert cp.due_date == D(2019, 10, 31)
    assert schedule_control_points(session, report.id) == 0  # the same report is not an event twice


def test_improvement_item_with_actual_date_is_done_on_it(session: Session) -> None:
    org = build.organization(session, "ГБУ «Дом-интернат»")
    doc, version = build.document(session, kind="improvement_plan")
    build.improvement_item(
        session, doc, version, "Обновить сайт", organization_id=org.id, kind="relative", offset_days=10,
        after_event=OPERATOR_REPORT, actual_date=D(2019, 5, 5),
    )  # fmt: skip
    session.add(PlanEvent(document_id=doc.id, event=OPERATOR_REPORT, occurred_on=D(2019, 5, 1)))
    session.flush()
    assert schedule_control_points(session, doc.id) == 1
    [row] = control_point_statuses(session, as_of=D(2019, 6, 1))
    assert (row.status, row.done_date, row.organization_name) == ("done_on_time", D(2019, 5, 5), org.name)


def test_mark_done_by_supervisor_with_evidence_is_audited(session: Session) -> None:
    body = build.authority(session)
    doc, version = build.document(session, authority_id=body.id)
    item = build.plan_item(session, doc, version, "Заседание общественного совета")
    cp = build.point(session, item, D(2019, 6, 30))
    protocol, _ = build.document(
        session, kind="protocol", date=D(2019, 7, 2), authority_id=body.id, period=None
    )
    supervisor = _user(session, "supervisor", "supervisor", body.id)
    mark_done(session, supervisor, cp.id, done_on=D(2019, 7, 2), comment="протокол № 3",
              evidence_document_id=protocol.id)  # fmt: skip
    [row] = control_point_statuses(session, as_of=D(2019, 8, 1))
    assert (row.status, row.days_late, row.evidence_document_id) == ("done_late", 2, protocol.id)
    [audit] = session.exec(select(AuditEvent).where(AuditEvent.action == "control.mark_done")).all()
    assert (audit.user_id, audit.document_id, audit.details["control_point_id"]) == (
        supervisor.id,
        doc.id,
        cp.id,
    )
    with pytest.raises(DocstoreError, match="уже отмечена"):
        mark_done(session, supervisor, cp.id, done_on=D(2019, 7, 3))


def test_mark_done_refused_without_the_permission_or_outside_scope(session: Session) -> None:
    body = build.authority(session)
    elsewhere = build.authority(session, "Департамент")
    doc, version = build.document(session, authority_id=body.id)
    cp = build.point(session, build.plan_item(session, doc, version, "Пункт"), D(2019, 6, 30))
    with pytest.raises(Forbidden):
        mark_done(session, _user(session, "council", "council"), cp.id, done_on=D(2019, 6, 1))
    with pytest.raises(Forbidden):
        mark_done(session, _user(session, "other", "supervisor", elsewhere.id), cp.id, done_on=D(2019, 6, 1))
    with pytest.raises(NotFound):
        mark_done(session, None, cp.id, done_on=D(2019, 6, 1), evidence_document_id=999_999)
    with pytest.raises(NotFound):
        mark_done(session, None, 999_999, done_on=D(2019, 6, 1))
    assert session.get(ControlPoint, cp.id).done_date is None


def test_a_council_protocol_is_proposed_as_evidence_and_closes_only_when_confirmed(session: Session) -> None:
    body = build.authority(session)
    plan, version = build.document(session, authority_id=body.id)
    meeting = build.plan_item(session, plan, version, "Заседание общественного совета",
                              result_form="протокол заседания общественного совета")  # fmt: skip
    order = build.plan_item(session, plan, version, "Утвердить перечень", result_form="приказ министерства")
    first = build.point(session, meeting, D(2019, 3, 31))
    second = build.point(session, meeting, D(2019, 9, 30))
    build.point(session, order, D(2019, 3, 31))
    protocol, _ = build.document(
        session, kind="protocol", date=D(2019, 4, 10), authority_id=body.id, period=None
    )
    [proposal] = propose_evidence(session, protocol.id)
    # Dated after the first point, so it is proposed for the next open one, never for the order item.
    assert (proposal.control_point_id, proposal.document_id) == (second.id, protocol.id)
    assert "протокол" in proposal.reason
    assert session.get(ControlPoint, second.id).done_date is None  # never closed silently
    assert session.get(ControlPoint, first.id).proposed_evidence_document_id is None
    supervisor = _user(session, "supervisor", "supervisor", body.id)
    closed = confirm_evidence(session, supervisor, second.id)
    assert (closed.done_date, closed.evidence_document_id, closed.proposed_evidence_document_id) == (
        D(2019, 4, 10), protocol.id, None,
    )  # fmt: skip


def test_rejecting_a_proposal_leaves_the_point_open(session: Session) -> None:
    body = build.authority(session)
    plan, version = build.document(session, authority_id=body.id)
    meeting = build.plan_item(session, plan, version, "Заседание", result_form="протокол заседания")
    cp = build.point(session, meeting, D(2019, 3, 31))
    protocol, _ = build.document(
        session, kind="protocol", date=D(2019, 5, 1), authority_id=body.id, period=None
    )
    # The only open point is overdue: a late protocol still proves it (done late, once confirmed).
    [proposal] = propose_evidence(session, protocol.id)
    assert proposal.control_point_id == cp.id
    with pytest.raises(Forbidden):
        confirm_evidence(session, _user(session, "staff", "staff", body.id), cp.id)
    confirm_evidence(session, None, cp.id, accept=False)
    point = session.get(ControlPoint, cp.id)
    assert (point.done_date, point.proposed_evidence_document_id) == (None, None)
    with pytest.raises(DocstoreError, match="нет предложенного"):
        confirm_evidence(session, None, cp.id)


def test_a_letter_or_another_authoritys_protocol_is_not_proposed(session: Session) -> None:
    body = build.authority(session)
    plan, version = build.document(session, authority_id=body.id)
    meeting = build.plan_item(session, plan, version, "Заседание", result_form="протокол заседания")
    build.point(session, meeting, D(2019, 3, 31))
    letter, _ = build.document(session, kind="letter", date=D(2019, 3, 1), authority_id=body.id, period=None)
    foreign, _ = build.document(
        session,
        kind="protocol",
        date=D(2019, 3, 1),
        authority_id=build.authority(session, "Иной орган").id,
        period=None,
    )
    outside, _ = build.document(
        session, kind="protocol", date=D(2021, 3, 1), authority_id=body.id, period=None
    )
    assert propose_evidence(session, letter.id) == []
    assert propose_evidence(session, foreign.id) == []
    assert propose_evidence(session, outside.id) == []


def test_report_progress_on_a_continuous_item(session: Session) -> None:
    doc, version = build.document(session)
    item = build.plan_item(
        session, doc, version, "Информирование", kind="continuous", deadline_text="постоянно"
    )
    report_progress(
        session, None, plan_item_id=item.id, reported_on=D(2019, 4, 1), comment="размещено на сайте"
    )
    [row] = continuous_items(session, as_of=D(2019, 5, 1))
    assert row.last_report_date == D(2019, 4, 1)
    assert control_point_statuses(session, as_of=D(2019, 5, 1)) == []
    with pytest.raises(DocstoreError):
        report_progress(session, None, reported_on=D(2019, 4, 1))


@pytest.mark.parametrize(
    ("result_form", "kind"),
    [
        ("протокол заседания общественного Совета", "protocol"),
        ("Приказ министерства", "order"),
        ("план по устранению недостатков", "improvement_plan"),
        ("Информация на сайте", "report"),
        ("размещение на сайте", None),
        (None, None),
    ],
)
def test_result_form_kind(result_form: str | None, kind: str | None) -> None:
    assert result_form_kind(result_form) == kind


def test_same_event_tolerates_case_endings_and_yo() -> None:
    assert same_event("Поступление отчёта организации-оператора", OPERATOR_REPORT)
    assert same_event("отчета организации-оператора", OPERATOR_REPORT)
    assert not same_event("заседание совета", OPERATOR_REPORT)
    assert not same_event("", OPERATOR_REPORT)


def test_a_plan_is_proposed_for_an_item_asking_for_a_plan(session: Session) -> None:
    body = build.authority(session)
    order, version = build.document(session, kind="order", authority_id=body.id)
    item = build.plan_item(session, order, version, "Утвердить план-график", result_form="план мероприятий")
    cp = build.point(session, item, D(2019, 6, 30))
    plan, plan_version = build.document(session, kind="plan", date=D(2019, 5, 20), authority_id=body.id)
    build.plan_item(session, plan, plan_version, "Пункт плана", kind="unspecified")
    schedule_control_points(session, plan.id)  # what ingest calls for every stored document
    assert session.get(ControlPoint, cp.id).proposed_evidence_document_id == plan.id
    assert session.get(ControlPoint, cp.id).done_date is None
