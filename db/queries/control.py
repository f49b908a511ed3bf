"""Execution control (контроль исполнения): control points and their status as of a date.

A control point (контрольная точка) is one due date of a plan item or of an improvement
measure. Its status is always computed *as of* a date given by the caller, so history can be
replayed: a point done on 2019-12-10 was still overdue on 2019-12-01, and a relative point
whose triggering event was recorded on 2020-02-01 did not exist on 2020-01-15.

The status is one SQL CASE expression over (due_date, done_date), built by `status_case`, and
every list or measure here is one query: the database does the work, never a Python loop.
Items with `continuous` or `on_demand` deadlines are never overdue: they are listed by
`continuous_items` with their last report date and kept out of statuses and compliance.
"""

from __future__ import annotations

import datetime as dt
import gc
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import (
    Date,
    Integer,
    String,
    and_,
    case,
    cast,
    extract,
    func,
    literal,
    null,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import TypeDecorator
from sqlmodel import Session, col

from db.models import (
    CRITERIA,
    Authority,
    ControlPoint,
    Document,
    Executor,
    ImprovementItem,
    Organization,
    PlanEvent,
    PlanItem,
    PlanItemExecutor,
    Rating,
)

STATUSES = ("done_on_time", "done_late", "overdue", "due_soon", "not_yet_due")
STATUS_RU = {
    "done_on_time": "выполнено в срок",
    "done_late": "выполнено с опозданием",
    "overdue": "просрочено",
    "due_soon": "срок наступает",
    "not_yet_due": "срок не наступил",
}
UNTRACKED_KINDS = ("continuous", "on_demand")
"""Deadline kinds with no due date to miss: listed separately, never overdue."""
NO_EXECUTOR = "исполнитель не указан"


class days_between(FunctionElement[int]):
    """Whole days from `earlier` to `later` (dates), on SQLite and PostgreSQL alike."""

    type = Integer()
    inherit_cache = True


@compiles(days_between, "sqlite")
def _days_between_sqlite(element: days_between, compiler: Any, **kw: Any) -> str:
    later, earlier = list(element.clauses)
    return (
        f"CAST(julianday({compiler.process(later, **kw)}) - julianday({compiler.process(earlier, **kw)})"
        " AS INTEGER)"
    )


@compiles(days_between, "postgresql")
def _days_between_pg(element: days_between, compiler: Any, **kw: Any) -> str:
    later, earlier = list(element.clauses)
    return (
        f"(CAST({compiler.process(later, **kw)} AS DATE) - CAST({compiler.process(earlier, **kw)} AS DATE))"
    )


class IsoDate(TypeDecorator[dt.date]):
    """A date read with `date.fromisoformat` on SQLite, several times faster than SQLAlchemy's
    regular-expression parser; that matters for lists of tens of thousands of due dates."""

    impl = Date
    cache_ok = True

    def result_processor(self, dialect: Any, coltype: Any) -> Any:
        if dialect.name == "sqlite":
            return _date_from_iso
        return super().result_processor(dialect, coltype)


def _date_from_iso(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


class ControlPointRow(NamedTuple):
    """One control point with its status as of the requested date (Russian labels via STATUS_RU).

    A NamedTuple rather than a frozen dataclass: lists of tens of thousands are built per call,
    and a tuple is built several times faster; it is as immutable, and `pandas.DataFrame(rows)`
    takes the field names as columns.
    """

    control_point_id: int
    source: str
    """`plan` (мероприятие плана) or `improvement` (мера по устранению недостатков)."""
    item_id: int
    item_number: str | None
    item_title: str
    result_form: str | None
    executor: str
    document_id: int
    document_title: str | None
    document_number: str | None
    document_date: dt.date | None
    authority_id: int | None
    authority_name: str | None
    organization_id: int | None
    organization_name: str | None
    due_date: dt.date
    done_date: dt.date | None
    done_comment: str | None
    evidence_document_id: int | None
    proposed_evidence_document_id: int | None
    status: str
    days_late: int | None
    days_overdue: int | None
    days_left: int | None

    @property
    def status_ru(self) -> str:
        return STATUS_RU[self.status]


ROW_FIELDS = ControlPointRow._fields


@dataclass(frozen=True)
class ComplianceRow:
    """Deadline compliance of one group: how many of its due points were done on time."""

    key: str | int | None
    label: str
    on_time: int
    late: int
    overdue: int
    due_soon: int
    not_yet_due: int

    @property
    def due(self) -> int:
        """Points whose outcome is known as of the date: done (either way) or overdue."""
        return self.on_time + self.late + self.overdue

    @property
    def share_on_time(self) -> float | None:
        """Share of due points done on time (0..1), None when nothing was due yet."""
        return self.on_time / self.due if self.due else None


@dataclass(frozen=True)
class OrganizationExecution:
    """Improvement-plan execution of one institution as of a date."""

    organization_id: int | None
    organization_name: str
    done: int
    done_late: int
    overdue: int
    due_soon: int
    not_yet_due: int


@dataclass(frozen=True)
class ContinuousItem:
    """An item without a due date to miss (постоянно, по мере необходимости)."""

    source: str
    item_id: int
    item_title: str
    deadline_kind: str
    deadline_text: str | None
    executor: str
    document_id: int
    document_title: str | None
    last_report_date: dt.date | None


class DeficiencyEffect(NamedTuple):
    """A deficiency's criterion score in the rating it came from and in the next year's rating
    (a NamedTuple, as ControlPointRow: a federal list holds a hundred thousand)."""

    improvement_item_id: int
    organization_id: int
    organization_name: str
    criterion: str
    deficiency: str | None
    measure: str
    done: bool
    base_year: int | None
    base_score: float | None
    next_year: int | None
    next_score: float | None

    @property
    def change(self) -> float | None:
        if self.base_score is None or self.next_score is None:
            return None
        return round(self.next_score - self.base_score, 2)


def status_case(
    due: ColumnElement[Any], done: ColumnElement[Any], as_of: dt.date, within_days: int
) -> ColumnElement[str]:
    """The status of a point as of `as_of`: one CASE; a point done after `as_of` was still open then."""
    as_of_sql = literal(as_of, Date)
    soon = literal(as_of + dt.timedelta(days=within_days), Date)
    return case(
        (and_(done <= as_of_sql, done <= due), "done_on_time"),
        (done <= as_of_sql, "done_late"),
        (due < as_of_sql, "overdue"),
        (due <= soon, "due_soon"),
        else_="not_yet_due",
    )


def status_condition(
    status: str, due: ColumnElement[Any], done: ColumnElement[Any], as_of: dt.date, within_days: int
) -> ColumnElement[bool]:
    """A WHERE condition equal to `status_case(...) == status`, written so indexes on due_date help."""
    as_of_sql = literal(as_of, Date)
    soon = literal(as_of + dt.timedelta(days=within_days), Date)
    open_then = or_(done.is_(None), done > as_of_sql)
    conditions = {
        "done_on_time": and_(done <= as_of_sql, done <= due),
        "done_late": and_(done <= as_of_sql, done > due),
        "overdue": and_(due < as_of_sql, open_then),
        "due_soon": and_(due >= as_of_sql, due <= soon, open_then),
        "not_yet_due": and_(due > soon, open_then),
    }
    if status not in conditions:
        raise ValueError(f"unknown status {status!r}; expected one of {STATUSES}")
    return conditions[status]


def _existed_then(as_of: dt.date) -> ColumnElement[bool]:
    """A point existed on `as_of` when its plan was signed and its triggering event recorded by then."""
    as_of_sql = literal(as_of, Date)
    return and_(
        or_(Document.date.is_(None), Document.date <= as_of_sql),
        or_(PlanEvent.occurred_on.is_(None), PlanEvent.occurred_on <= as_of_sql),
    )


def _plan_executor_names() -> ColumnElement[str]:
    """All executors of the current plan item, in one string (correlated subquery)."""
    return (
        select(func.aggregate_strings(Executor.name, "; "))
        .select_from(PlanItemExecutor)
        .join(Executor, Executor.id == PlanItemExecutor.executor_id)
        .where(PlanItemExecutor.plan_item_id == PlanItem.id)
        .scalar_subquery()
    )


def _matching_executor_ids(session: Session, executor: str) -> list[int]:
    """Executors whose name contains `executor`, case-insensitively (Cyrillic too: done in Python,
    because SQLite's lower() only folds ASCII)."""
    needle = " ".join(executor.casefold().replace("ё", "е").split())
    rows = session.execute(select(Executor.id, Executor.name)).all()
    return [row.id for row in rows if needle in " ".join(row.name.casefold().replace("ё", "е").split())]


POINT_COLUMNS = ROW_FIELDS[:-4]
"""The context columns `_points` can give, in the order of ControlPointRow (status columns last)."""


def _points(
    session: Session,
    *,
    as_of: dt.date,
    within_days: int,
    columns: tuple[str, ...] = POINT_COLUMNS,
    per_executor: bool = False,
    executor: str | None = None,
    authority_id: int | None = None,
    document_id: int | None = None,
    region: str | None = None,
    source: str | None = None,
    statuses: tuple[str, ...] = (),
    computed: dict[str, ColumnElement[Any]] | None = None,
    as_subquery: bool = True,
):  # type: ignore[no-untyped-def]
    """The union of plan-item and improvement-item control points with the context `columns`
    (only those: a measure grouped by quarter needs neither names nor joins to find them).

    With `per_executor`, a plan item's point appears once per executor (for compliance by
    executor); otherwise once, with its executors joined in one string. `computed` columns
    (expressions over ControlPoint) are added to both branches; without `as_subquery` the UNION
    itself is returned, for the caller to order: SQLite then streams it instead of materialising.
    `source` (`plan` or `improvement`) keeps one branch only.
    """
    wanted = set(columns) | {"due_date", "done_date"}
    common: list[ColumnElement[bool]] = [_existed_then(as_of)]
    if authority_id is not None:
        common.append(Document.authority_id == authority_id)
    if document_id is not None:
        common.append(Document.id == document_id)
    if region is not None:
        common.append(Document.region == region)
    if statuses:
        due, done = ControlPoint.due_date, ControlPoint.done_date
        if set(statuses) == {"overdue", "due_soon"}:  # the overdue list: one range, index-friendly
            soon = literal(as_of + dt.timedelta(days=within_days), Date)
            common.append(and_(due <= soon, or_(done.is_(None), done > literal(as_of, Date))))
        else:
            common.append(or_(*(status_condition(s, due, done, as_of, within_days) for s in statuses)))
    executor_ids = _matching_executor_ids(session, executor) if executor else None

    shared: dict[str, ColumnElement[Any]] = {
        "control_point_id": ControlPoint.id,
        "due_date": type_coerce(ControlPoint.due_date, IsoDate),
        "done_date": type_coerce(ControlPoint.done_date, IsoDate),
        "done_comment": ControlPoint.done_comment,
        "evidence_document_id": ControlPoint.evidence_document_id,
        "proposed_evidence_document_id": ControlPoint.proposed_evidence_document_id,
        "document_id": Document.id,
        "document_title": Document.title,
        "document_number": Document.number,
        "document_date": type_coerce(Document.date, IsoDate),
        "authority_id": Document.authority_id,
        "authority_name": func.coalesce(Authority.name, Document.authority_name),
    }
    plan_executor = Executor.name if per_executor else _plan_executor_names()
    plan_columns = {
        **shared,
        "source": literal("plan", String),
        "item_id": PlanItem.id,
        "item_number": PlanItem.number,
        "item_title": PlanItem.title,
        "result_form": PlanItem.result_form,
        "executor": func.coalesce(plan_executor, NO_EXECUTOR),
        "organization_id": cast(null(), Integer),
        "organization_name": cast(null(), String),
    }
    organization_id = func.coalesce(ImprovementItem.organization_id, Document.organization_id)
    improvement_columns = {
        **shared,
        "source": literal("improvement", String),
        "item_id": ImprovementItem.id,
        "item_number": cast(null(), String),
        "item_title": ImprovementItem.measure,
        "result_form": cast(null(), String),
        "executor": func.coalesce(Executor.name, ImprovementItem.responsible_name, NO_EXECUTOR),
        "organization_id": organization_id,
        "organization_name": func.coalesce(Organization.name, ImprovementItem.organization_name),
    }
    names = [name for name in POINT_COLUMNS if name in wanted]
    plan_columns.update(computed or {})
    improvement_columns.update(computed or {})
    names += list(computed or {})

    plan = (
        select(*(plan_columns[name].label(name) for name in names))
        .select_from(ControlPoint)
        .join(PlanItem, PlanItem.id == ControlPoint.plan_item_id)
        .join(Document, Document.id == PlanItem.document_id)
        .outerjoin(PlanEvent, PlanEvent.id == ControlPoint.trigger_event_id)
        .where(PlanItem.deadline_kind.not_in(UNTRACKED_KINDS), *common)
    )
    improvement = (
        select(*(improvement_columns[name].label(name) for name in names))
        .select_from(ControlPoint)
        .join(ImprovementItem, ImprovementItem.id == ControlPoint.improvement_item_id)
        .join(Document, Document.id == ImprovementItem.document_id)
        .outerjoin(PlanEvent, PlanEvent.id == ControlPoint.trigger_event_id)
        .where(ImprovementItem.planned_kind.not_in(UNTRACKED_KINDS), *common)
    )
    if "authority_name" in wanted:
        plan = plan.outerjoin(Authority, Authority.id == Document.authority_id)
        improvement = improvement.outerjoin(Authority, Authority.id == Document.authority_id)
    if "executor" in wanted:
        improvement = improvement.outerjoin(Executor, Executor.id == ImprovementItem.executor_id)
    if "organization_name" in wanted:
        improvement = improvement.outerjoin(Organization, Organization.id == organization_id)
    if per_executor:
        plan = plan.outerjoin(PlanItemExecutor, PlanItemExecutor.plan_item_id == PlanItem.id).outerjoin(
            Executor, Executor.id == PlanItemExecutor.executor_id
        )
    if executor_ids is not None:
        improvement = improvement.where(ImprovementItem.executor_id.in_(executor_ids))
        if per_executor:
            plan = plan.where(Executor.id.in_(executor_ids))
        else:
            plan = plan.where(
                select(PlanItemExecutor.plan_item_id)
                .where(
                    PlanItemExecutor.plan_item_id == PlanItem.id,
                    PlanItemExecutor.executor_id.in_(executor_ids),
                )
                .exists()
            )
    branches = {"plan": plan, "improvement": improvement}
    chosen = branches[source] if source else union_all(plan, improvement)
    return chosen.subquery("points") if as_subquery else chosen  # type: ignore[union-attr]


def control_point_statuses(
    session: Session,
    *,
    as_of: dt.date,
    within_days: int = 14,
    executor: str | None = None,
    authority_id: int | None = None,
    document_id: int | None = None,
    region: str | None = None,
    source: str | None = None,
    status: str | None = None,
    statuses: tuple[str, ...] = (),
) -> list[ControlPointRow]:
    """Every control point that existed on `as_of`, with its status then (one query), by due date.

    `within_days`: an open point due in at most that many days is `due_soon`; `executor`
    matches part of an executor's name; `region` is the plan's; `status` keeps one of STATUSES
    (`statuses`: any of several).
    """
    return _status_rows(
        session,
        as_of=as_of,
        within_days=within_days,
        filters={
            "executor": executor,
            "authority_id": authority_id,
            "document_id": document_id,
            "region": region,
            "source": source,
        },
        statuses=(status,) if status else statuses,
    )


def overdue_list(
    session: Session,
    *,
    as_of: dt.date,
    within_days: int = 0,
    executor: str | None = None,
    authority_id: int | None = None,
    document_id: int | None = None,
    region: str | None = None,
) -> list[ControlPointRow]:
    """What a supervisor sends round (one query): overdue points, most overdue first, then those
    due within `within_days` (0: besides the overdue, only those due on `as_of` itself)."""
    return control_point_statuses(
        session,
        as_of=as_of,
        within_days=within_days,
        executor=executor,
        authority_id=authority_id,
        document_id=document_id,
        region=region,
        statuses=("overdue", "due_soon"),
    )


def _status_rows(
    session: Session,
    *,
    as_of: dt.date,
    within_days: int,
    filters: dict[str, Any],
    statuses: tuple[str, ...],
) -> list[ControlPointRow]:
    due, done = ControlPoint.due_date, ControlPoint.done_date
    as_of_sql = literal(as_of, Date)
    done_then = done <= as_of_sql
    open_then = or_(done.is_(None), done > as_of_sql)
    computed = {
        "status": status_case(due, done, as_of, within_days),
        "days_late": case((and_(done_then, done > due), days_between(done, due))),
        "days_overdue": case((and_(open_then, due < as_of_sql), days_between(as_of_sql, due))),
        "days_left": case((and_(open_then, due >= as_of_sql), days_between(due, as_of_sql))),
    }
    union = _points(
        session,
        as_of=as_of,
        within_days=within_days,
        statuses=statuses,
        computed=computed,
        as_subquery=False,
        **filters,
    )
    columns = union.selected_columns
    # By due date: on the overdue list that also puts the most overdue first, the due-soon after.
    statement = union.order_by(columns.due_date, columns.executor, columns.control_point_id)
    # Tens of thousands of new tuples would set off full garbage collections over the whole heap
    # (up to half the time of the call); they hold no cycles, so the collector can wait.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return [ControlPointRow._make(row) for row in session.connection().execute(statement).all()]
    finally:
        if collecting:
            gc.enable()


def _status_counts(points: Any, as_of: dt.date, within_days: int) -> list[ColumnElement[int]]:
    """One SUM per status; `status_condition`s partition the points, so each is counted once."""
    due, done = points.c.due_date, points.c.done_date
    return [
        func.sum(case((status_condition(status, due, done, as_of, within_days), 1), else_=0)).label(status)
        for status in STATUSES
    ]


def status_counts(
    session: Session, *, as_of: dt.date, within_days: int = 14, **filters: Any
) -> dict[str, int]:
    """How many points had each status on `as_of` (one query, no rows fetched): the tiles of
    «Контроль сроков» and the overdue count of «Главная». `filters` as `control_point_statuses`
    takes them (executor, authority_id, document_id, region)."""
    points = _points(session, as_of=as_of, within_days=within_days, columns=(), **filters)
    row = session.connection().execute(select(*_status_counts(points, as_of, within_days))).one()
    return {status: int(getattr(row, status) or 0) for status in STATUSES}


def _compliance(
    session: Session, as_of: dt.date, within_days: int, group: str, per_executor: bool = False, **filters: Any
) -> list[ComplianceRow]:
    needs = {
        "executor": ("executor",),
        "authority": ("authority_id", "authority_name"),
        "plan": ("document_id", "document_title", "document_number", "document_date"),
        "quarter": (),
    }
    points = _points(
        session,
        as_of=as_of,
        within_days=within_days,
        columns=needs[group],
        per_executor=per_executor,
        **filters,
    )
    c = points.c
    if group == "quarter":
        group_columns: list[ColumnElement[Any]] = [
            extract("year", c.due_date).label("year"),
            ((cast(extract("month", c.due_date), Integer) + 2) // 3).label("quarter"),
        ]
    else:
        group_columns = [c[name] for name in needs[group]]
    statement = (
        select(*group_columns, *_status_counts(points, as_of, within_days))
        .group_by(*group_columns)
        .order_by(*group_columns)
    )
    result = []
    for row in session.connection().execute(statement).all():
        key, label = _group_label(group, row)
        counts = [int(getattr(row, status) or 0) for status in STATUSES]
        result.append(ComplianceRow(key, label, *counts))
    return result


_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _group_label(group: str, row: Any) -> tuple[str | int | None, str]:
    if group == "executor":
        return row.executor, row.executor
    if group == "authority":
        return row.authority_id, row.authority_name or "орган не указан"
    if group == "plan":
        parts = [f"№ {row.document_number}" if row.document_number else None,
                 f"от {_ru_date(row.document_date)}" if row.document_date else None,
                 row.document_title]  # fmt: skip
        return row.document_id, " ".join(p for p in parts if p) or f"документ {row.document_id}"
    year, quarter = int(row.year), int(row.quarter)
    return f"{year}-Q{quarter}", f"{_ROMAN[quarter]} кв. {year}"


def _ru_date(value: dt.date | str) -> str:
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return value.strftime("%d.%m.%Y")


def compliance_by_executor(
    session: Session,
    *,
    as_of: dt.date,
    within_days: int = 14,
    authority_id: int | None = None,
    region: str | None = None,
) -> list[ComplianceRow]:
    """Deadline compliance per executor; a point with two executors counts for each of them."""
    return _compliance(
        session, as_of, within_days, "executor", per_executor=True, authority_id=authority_id, region=region
    )


def compliance_by_authority(
    session: Session, *, as_of: dt.date, within_days: int = 14, region: str | None = None
) -> list[ComplianceRow]:
    """Deadline compliance per authority (the body whose plan it is)."""
    return _compliance(session, as_of, within_days, "authority", region=region)


def overdue_by_body(
    session: Session, *, as_of: dt.date, body: str, region: str | None = None, limit: int = 10
) -> list[ComplianceRow]:
    """The bodies with most points overdue on `as_of`, most first (one query over the overdue points
    only, counted and cut to `limit` by the database): `body` is `authority` (whose plan it is) or
    `executor` (who must do it; a point with two executors counts for each)."""
    names = {"authority": ("authority_id", "authority_name"), "executor": ("executor",)}[body]
    points = _points(
        session,
        as_of=as_of,
        within_days=0,
        columns=names,
        per_executor=body == "executor",
        region=region,
        statuses=("overdue",),
    )
    group = [points.c[name] for name in names]
    overdue = func.count().label("overdue")
    statement = select(*group, overdue).group_by(*group).order_by(overdue.desc(), group[-1]).limit(limit)
    return [
        ComplianceRow(
            *_group_label(body, row), on_time=0, late=0, overdue=int(row.overdue), due_soon=0, not_yet_due=0
        )
        for row in session.connection().execute(statement).all()
    ]


def compliance_by_plan(
    session: Session, *, as_of: dt.date, within_days: int = 14, authority_id: int | None = None
) -> list[ComplianceRow]:
    """Deadline compliance per plan document (improvement plans included)."""
    return _compliance(session, as_of, within_days, "plan", authority_id=authority_id)


def compliance_by_quarter(
    session: Session, *, as_of: dt.date, within_days: int = 14, authority_id: int | None = None
) -> list[ComplianceRow]:
    """Deadline compliance per quarter of the due date (key `YYYY-Qn`, label `IV кв. 2019`)."""
    return _compliance(session, as_of, within_days, "quarter", authority_id=authority_id)


def improvement_execution_by_organization(
    session: Session, *, as_of: dt.date, within_days: int = 14, region: str | None = None
) -> list[OrganizationExecution]:
    """Per institution: improvement measures done (on time / late), overdue, due soon, not yet due."""
    points = _points(
        session,
        as_of=as_of,
        within_days=within_days,
        columns=("organization_id", "organization_name"),
        region=region,
        source="improvement",
    )
    statement = (
        select(
            points.c.organization_id, points.c.organization_name, *_status_counts(points, as_of, within_days)
        )
        .group_by(points.c.organization_id, points.c.organization_name)
        .order_by(points.c.organization_name)
    )
    return [
        OrganizationExecution(
            organization_id=row.organization_id,
            organization_name=row.organization_name or "учреждение не указано",
            done=int(row.done_on_time or 0),
            done_late=int(row.done_late or 0),
            overdue=int(row.overdue or 0),
            due_soon=int(row.due_soon or 0),
            not_yet_due=int(row.not_yet_due or 0),
        )
        for row in session.execute(statement).all()
    ]


def continuous_items(session: Session, *, as_of: dt.date) -> list[ContinuousItem]:
    """Items to be done постоянно or по мере необходимости, with the last report on or before `as_of`
    (a report is a done control point of the item; for a measure, also its actual date)."""
    as_of_sql = literal(as_of, Date)
    last_plan = (
        select(func.max(ControlPoint.done_date))
        .where(ControlPoint.plan_item_id == PlanItem.id, ControlPoint.done_date <= as_of_sql)
        .scalar_subquery()
    )
    last_improvement = (
        select(func.max(ControlPoint.done_date))
        .where(ControlPoint.improvement_item_id == ImprovementItem.id, ControlPoint.done_date <= as_of_sql)
        .scalar_subquery()
    )
    actual = case((ImprovementItem.actual_date <= as_of_sql, ImprovementItem.actual_date))
    plan = (
        select(
            literal("plan", String).label("source"),
            PlanItem.id.label("item_id"),
            PlanItem.title.label("item_title"),
            PlanItem.deadline_kind.label("deadline_kind"),
            PlanItem.deadline_text.label("deadline_text"),
            func.coalesce(_plan_executor_names(), NO_EXECUTOR).label("executor"),
            Document.id.label("document_id"),
            Document.title.label("document_title"),
            last_plan.label("last_report_date"),
        )
        .join(Document, Document.id == PlanItem.document_id)
        .where(
            PlanItem.deadline_kind.in_(UNTRACKED_KINDS),
            or_(Document.date.is_(None), Document.date <= as_of_sql),
        )
    )
    improvement = (
        select(
            literal("improvement", String).label("source"),
            ImprovementItem.id.label("item_id"),
            ImprovementItem.measure.label("item_title"),
            ImprovementItem.planned_kind.label("deadline_kind"),
            ImprovementItem.planned_text.label("deadline_text"),
            func.coalesce(Executor.name, ImprovementItem.responsible_name, NO_EXECUTOR).label("executor"),
            Document.id.label("document_id"),
            Document.title.label("document_title"),
            func.coalesce(last_improvement, actual).label("last_report_date"),
        )
        .join(Document, Document.id == ImprovementItem.document_id)
        .outerjoin(Executor, Executor.id == ImprovementItem.executor_id)
        .where(
            ImprovementItem.planned_kind.in_(UNTRACKED_KINDS),
            or_(Document.date.is_(None), Document.date <= as_of_sql),
        )
    )
    both = union_all(plan, improvement).subquery("continuous")
    statement = select(both).order_by(both.c.document_id, both.c.source, both.c.item_id)
    rows = []
    for row in session.execute(statement).all():
        data = dict(row._mapping)
        if isinstance(data["last_report_date"], str):  # SQLite returns max() of dates as text
            data["last_report_date"] = dt.date.fromisoformat(data["last_report_date"])
        rows.append(ContinuousItem(**data))
    return rows


def _deficiency_rows(  # type: ignore[no-untyped-def]
    rating_states: tuple[str, ...], region: str | None, limit: int | None = None, texts: bool = True
):
    """One row per deficiency filed under a criterion, with its criterion's score in the rating
    the plan answers and in the next one, all in the database (a federal list is a hundred
    thousand deficiencies, too many to match in Python).

    The scores per institution and year carry the next year's beside them (a window). The
    rating a plan answers, the latest year not after the plan's, is found by a second window
    over the plan years and rating years of each institution in one order (a running maximum
    of the rating years), so that every join is on equal keys: matching each plan against every
    earlier rating took most of the page's time at federal scale. With `limit`, the first
    deficiencies by institution are chosen before anything is joined to them. Without `texts`
    the rows leave out the names and wordings (NULL): a summary need not carry a hundred
    thousand measures' texts through its joins."""
    in_region = [Organization.region == region] if region is not None else []
    scores = (
        select(
            Rating.organization_id.label("organization_id"),
            Rating.year.label("year"),
            *[func.avg(getattr(Rating, name)).label(name) for name in CRITERIA],
        )
        .join(Document, Document.id == Rating.document_id)
        .join(Organization, Organization.id == Rating.organization_id)
        .where(Document.state.in_(rating_states), *in_region)
        .group_by(Rating.organization_id, Rating.year)
        .cte("scores")
    )
    following = {"partition_by": scores.c.organization_id, "order_by": scores.c.year}
    paired = select(
        scores,
        func.lead(scores.c.year).over(**following).label("next_year"),
        *[func.lead(scores.c[name]).over(**following).label(f"next_{name}") for name in CRITERIA],
    ).subquery("paired")
    never = 9999  # a plan with no year answers the latest rating
    plan_year = func.coalesce(
        cast(extract("year", Document.period_start), Integer),
        cast(extract("year", Document.date), Integer),
        never,
    )
    wordings: tuple[ColumnElement[Any], ...] = (
        func.coalesce(Organization.name, ImprovementItem.organization_name),
        col(ImprovementItem.deficiency),
        col(ImprovementItem.measure),
    )
    if not texts:
        wordings = (null(), null(), null())
    items = (
        select(
            ImprovementItem.id.label("id"),
            ImprovementItem.organization_id.label("organization_id"),
            *(
                column.label(name)
                for column, name in zip(wordings, ("organization_name", "deficiency", "measure"), strict=True)
            ),
            ImprovementItem.criterion.label("criterion"),
            ImprovementItem.actual_date.label("actual_date"),
            plan_year.label("plan_year"),
        )
        .join(Document, Document.id == ImprovementItem.document_id)
        .join(Organization, Organization.id == ImprovementItem.organization_id)
        .where(ImprovementItem.criterion.in_(CRITERIA), *in_region)
    )
    if limit is not None:
        items = items.order_by(Organization.name, ImprovementItem.id).limit(limit)
    items = items.cte("items")
    years = union_all(
        select(
            items.c.organization_id, items.c.plan_year.label("year"), literal(1).label("is_plan")
        ).distinct(),
        select(scores.c.organization_id, scores.c.year, literal(0)),
    ).subquery("years")
    latest_rating = func.max(case((years.c.is_plan == 0, years.c.year))).over(
        partition_by=years.c.organization_id,
        order_by=(years.c.year, years.c.is_plan),
        rows=(None, 0),
    )
    running = select(
        years.c.organization_id, years.c.year, years.c.is_plan, latest_rating.label("base_year")
    ).subquery("running")
    answered = (
        select(running.c.organization_id, running.c.year.label("plan_year"), running.c.base_year)
        .where(running.c.is_plan == 1)
        .subquery("answered")
    )
    reported = (
        select(ControlPoint.id)
        .where(ControlPoint.improvement_item_id == items.c.id, ControlPoint.done_date.is_not(None))
        .exists()
    )

    def of_criterion(prefix: str) -> ColumnElement[Any]:
        return case(*[(items.c.criterion == name, paired.c[prefix + name]) for name in CRITERIA])

    return (
        select(
            items.c.id,
            items.c.organization_id,
            items.c.organization_name,
            items.c.criterion,
            items.c.deficiency,
            items.c.measure,
            or_(items.c.actual_date.is_not(None), reported).label("done"),
            answered.c.base_year,
            of_criterion("").label("base_score"),
            paired.c.next_year,
            of_criterion("next_").label("next_score"),
        )
        .select_from(items)
        .outerjoin(
            answered,
            and_(
                answered.c.organization_id == items.c.organization_id,
                answered.c.plan_year == items.c.plan_year,
            ),
        )
        .outerjoin(
            paired,
            and_(paired.c.organization_id == items.c.organization_id, paired.c.year == answered.c.base_year),
        )
    )


def _score(value: Any) -> float | None:
    return None if value is None else round(float(value), 2)


def deficiency_effect(
    session: Session,
    *,
    rating_states: tuple[str, ...] = ("published",),
    region: str | None = None,
    limit: int | None = None,
) -> list[DeficiencyEffect]:
    """For each deficiency filed under a criterion: that criterion's score in the institution's
    rating the plan answers (the latest year not after the plan's year) and in the next year's,
    so the council sees whether the measure helped. Scores of several service forms are averaged;
    only ratings whose document is in `rating_states` count (the council sees published ones).
    By institution; the first `limit` when given. One query."""
    rows = _deficiency_rows(rating_states, region, limit).subquery()
    statement = select(rows).order_by(rows.c.organization_name, rows.c.id)
    effects = []
    for *item, done, base_year, base, next_year, after in session.connection().execute(statement).all():
        item[2] = item[2] or ""
        effects.append(DeficiencyEffect(*item, bool(done), base_year, _score(base), next_year, _score(after)))
    return effects


@dataclass(frozen=True)
class CriterionEffect:
    """A criterion's average score before the plans and a year after, over the deficiencies whose
    measures were done (or not), counting only those with both scores."""

    criterion: str
    done: bool
    deficiencies: int
    base_score: float
    next_score: float


def deficiency_effect_by_criterion(
    session: Session, *, rating_states: tuple[str, ...] = ("published",), region: str | None = None
) -> list[CriterionEffect]:
    """`deficiency_effect` summed up per criterion and outcome (one query): the council's chart,
    whatever the number of deficiencies."""
    rows = _deficiency_rows(rating_states, region, texts=False).subquery()
    statement = (
        select(
            rows.c.criterion,
            rows.c.done,
            func.count(),
            func.avg(rows.c.base_score),
            func.avg(rows.c.next_score),
        )
        .where(rows.c.base_score.is_not(None), rows.c.next_score.is_not(None))
        .group_by(rows.c.criterion, rows.c.done)
        .order_by(rows.c.criterion, rows.c.done)
    )
    return [
        CriterionEffect(criterion, bool(done), int(n), _score(base), _score(after))  # type: ignore[arg-type]
        for criterion, done, n, base, after in session.connection().execute(statement).all()
    ]


# --- What waits for a supervisor: evidence proposals to confirm, and relative deadlines whose
# triggering event has not been recorded yet. A proposal is an open point whose
# `proposed_evidence_document_id` the ingest pipeline set (a newly stored document plainly is
# the result the item asks for). A relative deadline ("в течение месяца после поступления
# отчета ...") has no control point until its event is recorded.


@dataclass(frozen=True)
class EvidenceProposalRow:
    control_point_id: int
    due_date: dt.date
    item_number: str | None
    item_title: str
    result_form: str | None
    plan_document_id: int
    plan_title: str | None
    plan_authority_id: int | None
    evidence_document_id: int
    evidence_kind: str
    evidence_number: str | None
    evidence_date: dt.date | None
    evidence_title: str | None


@dataclass(frozen=True)
class AwaitedEvent:
    plan_document_id: int
    plan_title: str | None
    plan_authority_id: int | None
    event: str
    items: int
    offset_days: int | None
    """The shortest offset among the waiting items (days after the event)."""


def evidence_proposals(session: Session, *, authority_id: int | None = None) -> list[EvidenceProposalRow]:
    """Open control points with a proposed evidence document, earliest due first."""
    plan = aliased(Document)
    evidence = aliased(Document)
    statement = (
        select(
            ControlPoint.id,
            ControlPoint.due_date,
            PlanItem.number,
            PlanItem.title,
            PlanItem.result_form,
            plan.id,
            plan.title,
            plan.authority_id,
            evidence.id,
            evidence.kind,
            evidence.number,
            evidence.date,
            evidence.title,
        )
        .join(PlanItem, PlanItem.id == ControlPoint.plan_item_id)
        .join(plan, plan.id == PlanItem.document_id)
        .join(evidence, evidence.id == ControlPoint.proposed_evidence_document_id)
        .where(ControlPoint.done_date.is_(None), plan.state != "archived")
        .order_by(ControlPoint.due_date, ControlPoint.id)
    )
    if authority_id is not None:
        statement = statement.where(plan.authority_id == authority_id)
    return [EvidenceProposalRow(*row) for row in session.execute(statement)]


def awaited_events(session: Session) -> list[AwaitedEvent]:
    """Per plan and event wording: current relative items with no control point yet."""
    branches = []
    for model, kind in ((PlanItem, PlanItem.deadline_kind), (ImprovementItem, ImprovementItem.planned_kind)):
        newest = (
            select(model.document_id, func.max(model.version_id).label("version_id"))
            .group_by(model.document_id)
            .subquery()
        )
        has_point = (
            select(ControlPoint.id)
            .where(
                (ControlPoint.plan_item_id if model is PlanItem else ControlPoint.improvement_item_id)
                == model.id
            )
            .exists()
        )
        branches.append(
            select(
                model.document_id.label("document_id"),
                model.after_event.label("event"),
                model.offset_days.label("offset_days"),
            )
            .join(newest, newest.c.document_id == model.document_id)
            .join(Document, Document.id == model.document_id)
            .where(func.coalesce(Document.records_version_id, newest.c.version_id) == model.version_id)
            .where(kind == "relative", model.after_event.is_not(None), ~has_point)
        )
    waiting = union_all(*branches).subquery()
    statement = (
        select(
            Document.id,
            Document.title,
            Document.authority_id,
            waiting.c.event,
            func.count(),
            func.min(waiting.c.offset_days),
        )
        .join(waiting, waiting.c.document_id == Document.id)
        .where(Document.state != "archived")
        .group_by(Document.id, Document.title, Document.authority_id, waiting.c.event)
        .order_by(Document.id, waiting.c.event)
    )
    return [AwaitedEvent(*row) for row in session.execute(statement)]
