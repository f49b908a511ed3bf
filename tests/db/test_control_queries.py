"""Control point statuses as of a date, compliance measures and the overdue list, on both backends."""

# ruff: noqa: E501  (the status table reads best one case per line)

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session

from db.models import ControlPoint, PlanEvent, Rating
from db.queries.control import (
    awaited_events,
    compliance_by_authority,
    compliance_by_executor,
    compliance_by_plan,
    compliance_by_quarter,
    continuous_items,
    control_point_statuses,
    deficiency_effect,
    evidence_proposals,
    improvement_execution_by_organization,
    overdue_list,
)
from tests import control_plans as build

D = dt.date

# (due, done, as_of, within_days) -> (status, days_late, days_overdue, days_left)
STATUS_CASES = [
    pytest.param(D(2019, 12, 31), None, D(2019, 12, 31), 0, ("due_soon", None, None, 0), id="due-today-not-overdue"),
    pytest.param(D(2019, 12, 31), None, D(2020, 1, 1), 14, ("overdue", None, 1, None), id="year-end-crossed"),
    pytest.param(D(2020, 2, 29), None, D(2020, 3, 1), 14, ("overdue", None, 1, None), id="leap-day-due"),
    pytest.param(D(2020, 2, 28), None, D(2020, 3, 1), 14, ("overdue", None, 2, None), id="leap-year-february"),
    pytest.param(D(2019, 2, 28), None, D(2019, 3, 1), 14, ("overdue", None, 1, None), id="common-year-february"),
    pytest.param(D(2020, 3, 31), D(2020, 3, 31), D(2020, 4, 1), 14, ("done_on_time", None, None, None),
                 id="quarter-end-done-exactly-on-due-date"),
    pytest.param(D(2020, 3, 31), D(2020, 4, 1), D(2020, 4, 10), 14, ("done_late", 1, None, None),
                 id="quarter-end-done-next-quarter"),
    pytest.param(D(2020, 6, 30), D(2020, 7, 15), D(2020, 7, 10), 14, ("overdue", None, 10, None),
                 id="replay-before-it-was-done"),
    pytest.param(D(2020, 6, 30), D(2020, 7, 15), D(2020, 7, 15), 14, ("done_late", 15, None, None),
                 id="replay-on-the-day-it-was-done"),
    pytest.param(D(2020, 6, 30), D(2020, 6, 1), D(2020, 5, 31), 14, ("not_yet_due", None, None, 30),
                 id="replay-before-early-completion"),
    pytest.param(D(2020, 6, 30), None, D(2020, 6, 16), 14, ("due_soon", None, None, 14), id="within-window-edge"),
    pytest.param(D(2020, 6, 30), None, D(2020, 6, 15), 14, ("not_yet_due", None, None, 15), id="outside-window"),
    pytest.param(D(2020, 12, 31), D(2020, 10, 1), D(2020, 11, 1), 14, ("done_on_time", None, None, None),
                 id="done-early"),
    pytest.param(D(2021, 1, 1), None, D(2020, 12, 31), 0, ("not_yet_due", None, None, 1), id="new-year-tomorrow"),
    pytest.param(D(2019, 3, 31), None, D(2021, 3, 31), 14, ("overdue", None, 731, None),
                 id="two-years-over-a-leap-year"),
]  # fmt: skip


@pytest.mark.parametrize(("due", "done", "as_of", "within", "expected"), STATUS_CASES)
def test_status_of_a_point_as_of_a_date(session: Session, due, done, as_of, within, expected) -> None:  # type: ignore[no-untyped-def]
    doc, version = build.document(session, date=D(2019, 1, 1), period=(D(2019, 1, 1), D(2021, 12, 31)))
    item = build.plan_item(session, doc, version, "Заседание общественного совета")
    build.point(session, item, due, done)
    [row] = control_point_statuses(session, as_of=as_of, within_days=within)
    assert (row.status, row.days_late, row.days_overdue, row.days_left) == expected
    # The status filter is the same rule written for indexes: it must keep exactly this row.
    assert [r.control_point_id for r in control_point_statuses(session, as_of=as_of, within_days=within,
                                                                status=expected[0])] == [row.control_point_id]  # fmt: skip
    others = [
        s for s in ("done_on_time", "done_late", "overdue", "due_soon", "not_yet_due") if s != expected[0]
    ]
    for status in others:
        assert control_point_statuses(session, as_of=as_of, within_days=within, status=status) == []


def test_recurring_points_of_a_plan_over_several_years_replay_by_date(session: Session) -> None:
    doc, version = build.document(session, date=D(2018, 1, 10), period=(D(2018, 1, 1), D(2020, 12, 31)))
    item = build.plan_item(
        session, doc, version, "Мониторинг", kind="recurring", deadline_text="ежегодно до 1 декабря"
    )
    for year in (2018, 2019, 2020):
        build.point(session, item, D(year, 12, 1), D(year, 11, 20) if year == 2018 else None)
    statuses = {r.due_date.year: r.status for r in control_point_statuses(session, as_of=D(2019, 12, 1))}
    assert statuses == {2018: "done_on_time", 2019: "due_soon", 2020: "not_yet_due"}
    statuses = {r.due_date.year: r.status for r in control_point_statuses(session, as_of=D(2021, 1, 1))}
    assert statuses == {2018: "done_on_time", 2019: "overdue", 2020: "overdue"}


def test_a_plan_signed_after_the_date_had_no_points_then(session: Session) -> None:
    doc, version = build.document(session, date=D(2020, 3, 1), period=(D(2020, 1, 1), D(2020, 12, 31)))
    item = build.plan_item(session, doc, version, "Размещение информации")
    build.point(session, item, D(2020, 2, 1))
    assert control_point_statuses(session, as_of=D(2020, 2, 15)) == []
    assert [r.status for r in control_point_statuses(session, as_of=D(2020, 3, 2))] == ["overdue"]


def test_relative_point_exists_only_from_its_event(session: Session) -> None:
    doc, version = build.document(session)
    item = build.plan_item(
        session, doc, version, "Рассмотрение результатов", kind="relative", offset_days=30,
        after_event="поступления отчета организации-оператора",
    )  # fmt: skip
    event = PlanEvent(document_id=doc.id, event=item.after_event, occurred_on=D(2019, 9, 2))
    session.add(event)
    session.flush()
    session.add(ControlPoint(plan_item_id=item.id, due_date=D(2019, 10, 2), trigger_event_id=event.id))
    session.flush()
    assert control_point_statuses(session, as_of=D(2019, 9, 1)) == []
    [row] = control_point_statuses(session, as_of=D(2019, 9, 2))
    assert (row.status, row.days_left) == ("not_yet_due", 30)
    [row] = control_point_statuses(session, as_of=D(2019, 10, 3))
    assert (row.status, row.days_overdue) == ("overdue", 1)


def test_row_carries_item_executors_and_document(session: Session) -> None:
    body = build.authority(session)
    doc, version = build.document(session, authority_id=body.id, number="64")
    ministry = build.executor(session, "Министерство социальной защиты")
    council = build.executor(session, "Общественный совет")
    item = build.plan_item(
        session, doc, version, "Заседание совета", executors=(ministry, council), number="2.1"
    )
    build.point(session, item, D(2019, 3, 31))
    [row] = control_point_statuses(session, as_of=D(2019, 4, 1))
    assert row.source == "plan"
    assert row.item_title == "Заседание совета" and row.item_number == "2.1"
    assert sorted(row.executor.split("; ")) == ["Министерство социальной защиты", "Общественный совет"]
    assert (row.document_id, row.document_number, row.authority_id) == (doc.id, "64", body.id)
    assert row.authority_name == body.name
    assert row.status_ru == "просрочено"


def test_executor_filter_is_case_insensitive_in_cyrillic(session: Session) -> None:
    doc, version = build.document(session)
    ministry = build.executor(session, "Министерство социальной защиты")
    council = build.executor(session, "Общественный совет")
    first = build.plan_item(session, doc, version, "Первое", executors=(ministry,))
    second = build.plan_item(session, doc, version, "Второе", executors=(council,))
    build.point(session, first, D(2019, 3, 31))
    build.point(session, second, D(2019, 3, 31))
    rows = control_point_statuses(session, as_of=D(2019, 4, 1), executor="ОБЩЕСТВЕННЫЙ")
    assert [r.item_title for r in rows] == ["Второе"]
    assert control_point_statuses(session, as_of=D(2019, 4, 1), executor="никто") == []


def test_overdue_list_most_overdue_first_then_due_soon(session: Session) -> None:
    doc, version = build.document(session)
    item = build.plan_item(session, doc, version, "Отчёт", executors=(build.executor(session, "Отдел"),))
    for due, done in ((D(2019, 5, 1), None), (D(2019, 3, 1), None), (D(2019, 4, 1), D(2019, 4, 1)),
                      (D(2019, 6, 5), None), (D(2019, 9, 1), None)):  # fmt: skip
        build.point(session, item, due, done)
    rows = overdue_list(session, as_of=D(2019, 6, 1), within_days=7)
    assert [(r.due_date, r.status, r.days_overdue) for r in rows] == [
        (D(2019, 3, 1), "overdue", 92),
        (D(2019, 5, 1), "overdue", 31),
        (D(2019, 6, 5), "due_soon", None),
    ]
    assert [r.due_date for r in overdue_list(session, as_of=D(2019, 6, 1))] == [D(2019, 3, 1), D(2019, 5, 1)]


def _two_executor_plan(session: Session):  # type: ignore[no-untyped-def]
    body = build.authority(session)
    doc, version = build.document(session, authority_id=body.id, period=(D(2019, 1, 1), D(2020, 12, 31)))
    alpha = build.executor(session, "Альфа")
    beta = build.executor(session, "Бета")
    shared = build.plan_item(session, doc, version, "Совместное", executors=(alpha, beta))
    alone = build.plan_item(session, doc, version, "Только Бета", executors=(beta,))
    build.point(session, shared, D(2019, 3, 31), D(2019, 3, 31))  # on time, Q1 2019
    build.point(session, shared, D(2019, 6, 30), D(2019, 7, 5))  # late, Q2 2019
    build.point(session, alone, D(2019, 12, 31))  # overdue, Q4 2019
    build.point(session, alone, D(2020, 1, 10))  # due soon on 2020-01-01
    build.point(session, alone, D(2020, 6, 30))  # not yet due
    return body, doc


def test_compliance_by_executor_counts_a_shared_point_for_each(session: Session) -> None:
    _two_executor_plan(session)
    rows = {r.label: r for r in compliance_by_executor(session, as_of=D(2020, 1, 1))}
    alpha, beta = rows["Альфа"], rows["Бета"]
    assert (alpha.on_time, alpha.late, alpha.overdue, alpha.share_on_time) == (1, 1, 0, 0.5)
    assert (beta.on_time, beta.late, beta.overdue, beta.due_soon, beta.not_yet_due) == (1, 1, 1, 1, 1)
    assert beta.share_on_time == pytest.approx(1 / 3)


def test_compliance_by_quarter_authority_and_plan(session: Session) -> None:
    body, doc = _two_executor_plan(session)
    quarters = {
        r.key: (r.label, r.on_time, r.late, r.overdue)
        for r in compliance_by_quarter(session, as_of=D(2020, 1, 1))
    }
    assert quarters == {
        "2019-Q1": ("I кв. 2019", 1, 0, 0),
        "2019-Q2": ("II кв. 2019", 0, 1, 0),
        "2019-Q4": ("IV кв. 2019", 0, 0, 1),
        "2020-Q1": ("I кв. 2020", 0, 0, 0),
        "2020-Q2": ("II кв. 2020", 0, 0, 0),
    }
    [authority] = compliance_by_authority(session, as_of=D(2020, 1, 1))
    assert (authority.key, authority.label, authority.due) == (body.id, body.name, 3)
    [plan] = compliance_by_plan(session, as_of=D(2020, 1, 1))
    assert plan.key == doc.id and plan.label.startswith("№ 12 от 15.01.2019")
    assert plan.share_on_time == pytest.approx(1 / 3)
    # Replayed a year earlier nothing was due yet: no share at all rather than a misleading 0.
    [early] = compliance_by_plan(session, as_of=D(2019, 1, 20))
    assert early.share_on_time is None and early.not_yet_due == 5


def test_improvement_execution_by_organization(session: Session) -> None:
    first = build.organization(session, "ГБУ «Магаданский дом-интернат»")
    second = build.organization(session, "ГКУ «Центр социальной поддержки»")
    doc, version = build.document(session, kind="improvement_plan", title="План по устранению недостатков")
    a = build.improvement_item(session, doc, version, "Обновить сайт", organization_id=first.id)
    b = build.improvement_item(session, doc, version, "Установить пандус", organization_id=first.id)
    c = build.improvement_item(session, doc, version, "Обучить персонал", organization_id=second.id)
    build.point(session, a, D(2019, 6, 30), D(2019, 6, 1))
    build.point(session, b, D(2019, 9, 30))
    build.point(session, c, D(2019, 12, 31))
    rows = {
        r.organization_name: r for r in improvement_execution_by_organization(session, as_of=D(2019, 10, 1))
    }
    assert (rows[first.name].done, rows[first.name].overdue, rows[first.name].not_yet_due) == (1, 1, 0)
    assert (rows[second.name].done, rows[second.name].overdue, rows[second.name].not_yet_due) == (0, 0, 1)


def test_continuous_items_are_listed_apart_with_last_report_and_never_overdue(session: Session) -> None:
    doc, version = build.document(session)
    always = build.plan_item(session, doc, version, "Информирование граждан", kind="continuous",
                             deadline_text="постоянно")  # fmt: skip
    build.plan_item(
        session, doc, version, "Консультации", kind="on_demand", deadline_text="по мере необходимости"
    )
    build.point(session, always, D(2019, 3, 1), D(2019, 3, 1))
    build.point(session, always, D(2019, 8, 1), D(2019, 8, 1))
    assert control_point_statuses(session, as_of=D(2020, 1, 1)) == []
    rows = {r.item_title: r for r in continuous_items(session, as_of=D(2019, 6, 1))}
    assert rows["Информирование граждан"].last_report_date == D(2019, 3, 1)
    assert rows["Консультации"].last_report_date is None
    assert rows["Консультации"].deadline_kind == "on_demand"
    later = {r.item_title: r for r in continuous_items(session, as_of=D(2019, 12, 1))}
    assert later["Информирование граждан"].last_report_date == D(2019, 8, 1)


def test_deficiency_effect_compares_the_criterion_with_next_year(session: Session) -> None:
    org = build.organization(session, "ГБУ «Дом-интернат»")
    rating_doc, rating_version = build.document(session, kind="rating", title="Рейтинг")
    rating_doc.state = "published"
    draft_doc, draft_version = build.document(session, kind="rating", title="Проект рейтинга")
    draft_doc.state = "draft"
    for year, accessibility in ((2018, 52.0), (2019, 71.5)):
        session.add(Rating(organization_id=org.id, year=year, accessibility=accessibility, openness=90.0,
                           document_id=rating_doc.id, version_id=rating_version.id))  # fmt: skip
    session.add(Rating(organization_id=org.id, year=2019, accessibility=10.0, openness=10.0,
                       document_id=draft_doc.id, version_id=draft_version.id))  # fmt: skip
    doc, version = build.document(session, kind="improvement_plan", period=(D(2018, 1, 1), D(2018, 12, 31)))
    item = build.improvement_item(session, doc, version, "Установить пандус", organization_id=org.id,
                                  criterion="accessibility", actual_date=D(2018, 10, 1))  # fmt: skip
    session.flush()
    [effect] = deficiency_effect(session)
    assert effect.improvement_item_id == item.id
    assert (effect.base_year, effect.base_score, effect.next_year, effect.next_score) == (
        2018,
        52.0,
        2019,
        71.5,
    )
    assert effect.change == 19.5 and effect.done


def _expected_status(due: dt.date, done: dt.date | None, as_of: dt.date, within: int) -> tuple:  # type: ignore[type-arg]
    """The rule in plain Python, to check the SQL against: (status, days_late, days_overdue, days_left)."""
    if done is not None and done <= as_of:
        return (
            ("done_on_time", None, None, None)
            if done <= due
            else ("done_late", (done - due).days, None, None)
        )
    if due < as_of:
        return ("overdue", None, (as_of - due).days, None)
    return ("due_soon" if (due - as_of).days <= within else "not_yet_due", None, None, (due - as_of).days)


@pytest.mark.parametrize(
    "as_of", [D(2019, 12, 31), D(2020, 2, 29), D(2020, 3, 1), D(2020, 12, 31), D(2021, 1, 1)]
)
def test_sql_status_agrees_with_the_rule_on_random_points(session: Session, as_of: dt.date) -> None:
    import random

    rng = random.Random(as_of.toordinal())
    doc, version = build.document(session, date=D(2019, 1, 1), period=(D(2019, 1, 1), D(2021, 12, 31)))
    item = build.plan_item(session, doc, version, "Пункт")
    expected = {}
    for _ in range(120):
        due = as_of + dt.timedelta(days=rng.randint(-400, 400))
        done = None if rng.random() < 0.4 else due + dt.timedelta(days=rng.randint(-60, 60))
        expected[build.point(session, item, due, done).id] = _expected_status(due, done, as_of, 10)
    rows = control_point_statuses(session, as_of=as_of, within_days=10)
    assert {
        r.control_point_id: (r.status, r.days_late, r.days_overdue, r.days_left) for r in rows
    } == expected
    overdue_ids = {r.control_point_id for r in overdue_list(session, as_of=as_of, within_days=10)}
    assert overdue_ids == {k for k, v in expected.items() if v[0] in ("overdue", "due_soon")}


def test_evidence_proposals_list_open_points_with_the_proposed_document(session: Session) -> None:
    body = build.authority(session)
    plan, version = build.document(session, authority_id=body.id)
    report, _ = build.document(
        session, kind="report", date=D(2019, 6, 20), title="Отчет оператора", number="7"
    )
    site = build.plan_item(
        session, plan, version, "Разместить отчет на сайте", number="3.1", result_form="отчет"
    )
    meeting = build.plan_item(session, plan, version, "Заседание совета", result_form="протокол")
    proposed = build.point(session, site, D(2019, 7, 1))
    closed = build.point(session, meeting, D(2019, 6, 1), D(2019, 5, 30))
    build.point(session, meeting, D(2019, 9, 1))  # open, nothing proposed
    for point in (proposed, closed):
        point.proposed_evidence_document_id = report.id
        session.add(point)
    archived, archived_version = build.document(session, authority_id=body.id)
    archived.state = "archived"
    old = build.point(session, build.plan_item(session, archived, archived_version, "Старое"), D(2019, 6, 1))
    old.proposed_evidence_document_id = report.id
    session.add_all([archived, old])
    session.flush()

    [row] = evidence_proposals(session)
    assert (row.control_point_id, row.due_date, row.item_number, row.item_title, row.result_form) == (
        proposed.id,
        D(2019, 7, 1),
        "3.1",
        "Разместить отчет на сайте",
        "отчет",
    )
    assert (row.plan_document_id, row.plan_authority_id) == (plan.id, body.id)
    assert (row.evidence_document_id, row.evidence_kind, row.evidence_number, row.evidence_date) == (
        report.id,
        "report",
        "7",
        D(2019, 6, 20),
    )
    assert [r.control_point_id for r in evidence_proposals(session, authority_id=body.id)] == [proposed.id]
    assert evidence_proposals(session, authority_id=build.authority(session).id) == []


def test_awaited_events_group_relative_items_per_plan_until_a_point_exists(session: Session) -> None:
    report = "поступления отчета организации-оператора"
    plan, version = build.document(session)
    for title, offset in (("Рассмотреть отчет", 30), ("Разместить отчет", 10)):
        build.plan_item(
            session, plan, version, title, kind="relative", offset_days=offset, after_event=report
        )
    meeting = build.plan_item(
        session, plan, version, "Обсудить", kind="relative", offset_days=5, after_event="заседания совета"
    )
    build.plan_item(session, plan, version, "Утвердить перечень", deadline_text="до 01.03.2019")
    improvement, improvement_version = build.document(
        session, kind="improvement_plan", title="План улучшения"
    )
    build.improvement_item(
        session,
        improvement,
        improvement_version,
        "Устранить",
        kind="relative",
        offset_days=14,
        after_event=report,
    )
    session.flush()

    waiting = [(a.plan_document_id, a.event, a.items, a.offset_days) for a in awaited_events(session)]
    assert waiting == [
        (plan.id, "заседания совета", 1, 5),
        (plan.id, report, 2, 10),
        (improvement.id, report, 1, 14),
    ]
    build.point(session, meeting, D(2019, 6, 6))  # the council met: its event is recorded
    assert [(a.plan_document_id, a.event) for a in awaited_events(session)] == [
        (plan.id, report),
        (improvement.id, report),
    ]
