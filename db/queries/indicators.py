"""The minister's view: target indicators plan vs fact, and the headline figures of a year.

Only published documents count: a draft plan or an unsigned report must not move the
minister's numbers. Each function is one or two queries; the page only draws.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlmodel import Session, col

from db.models import ControlPoint, Document, ImprovementItem, Indicator, IndicatorValue, Organization, Rating
from db.queries.control import status_counts

PUBLISHED = "published"
GREEN, YELLOW, RED, GREY = "green", "yellow", "red", "grey"
LIGHT_RU = {GREEN: "достигнут", YELLOW: "близок к цели", RED: "отстаёт", GREY: "нет данных"}
NEAR_TARGET = 0.9
"""Fact at 90 % of the target or more is «близок к цели» (yellow)."""


@dataclass(frozen=True)
class IndicatorPoint:
    """One indicator in one year: its target (plan) and its fact, either may be missing."""

    indicator_id: int
    name: str
    unit: str | None
    region: str | None
    year: int
    plan: float | None
    fact: float | None


@dataclass(frozen=True)
class IndicatorProgress:
    """An indicator's latest fact against its target of that year (or the last target)."""

    indicator_id: int
    name: str
    unit: str | None
    year: int | None
    plan: float | None
    fact: float | None
    progress: float | None
    """fact / plan (1.0 = target met); None without both."""
    light: str


@dataclass(frozen=True)
class Headline:
    year: int
    organizations: int
    assessed: int
    average_total: float | None
    previous_average_total: float | None
    overdue_points: int
    improvement_due: int
    improvement_done: int

    @property
    def assessed_share(self) -> float | None:
        return self.assessed / self.organizations if self.organizations else None

    @property
    def average_change(self) -> float | None:
        if self.average_total is None or self.previous_average_total is None:
            return None
        return self.average_total - self.previous_average_total

    @property
    def improvement_share(self) -> float | None:
        return self.improvement_done / self.improvement_due if self.improvement_due else None


def indicator_points(session: Session, *, region: str | None = None) -> list[IndicatorPoint]:
    """Plan and fact per indicator and year from published documents (latest document wins)."""
    statement = (
        select(
            Indicator.id,
            Indicator.name,
            Indicator.unit,
            Indicator.region,
            IndicatorValue.year,
            IndicatorValue.kind,
            IndicatorValue.value,
        )
        .join(IndicatorValue, IndicatorValue.indicator_id == Indicator.id)
        .join(Document, Document.id == IndicatorValue.document_id)
        .where(Document.state == PUBLISHED)
        .order_by(col(Indicator.name), col(IndicatorValue.year), col(Document.date), col(IndicatorValue.id))
    )
    if region:
        statement = statement.where(Indicator.region == region)
    merged: dict[tuple[int, int], dict] = {}  # type: ignore[type-arg]
    for row in session.execute(statement).all():
        entry = merged.setdefault(
            (row.id, row.year),
            {"name": row.name, "unit": row.unit, "region": row.region, "plan": None, "fact": None},
        )
        if row.kind in ("plan", "fact") and row.value is not None:
            entry[row.kind] = float(row.value)
    return [
        IndicatorPoint(indicator_id=key[0], year=key[1], **entry)
        for key, entry in sorted(merged.items(), key=lambda item: (item[1]["name"], item[0][1]))
    ]


def indicator_trends(session: Session, *, region: str | None = None) -> list[IndicatorPoint]:
    """Plan and fact per indicator name and year, one query: for one region its indicators' values,
    for all regions the average over the regions that report the indicator (`region` None).

    Each indicator's value of a year and kind is the one of its latest published document, as in
    `indicator_points`; then indicators of the same name are averaged, so a federal reader sees
    ten national lines instead of eighty-five regional copies of each."""
    latest = (
        select(
            IndicatorValue.indicator_id,
            IndicatorValue.year,
            IndicatorValue.kind,
            IndicatorValue.value,
            func.row_number()
            .over(
                partition_by=(IndicatorValue.indicator_id, IndicatorValue.year, IndicatorValue.kind),
                order_by=(col(Document.date).desc().nulls_last(), col(IndicatorValue.id).desc()),
            )
            .label("newest"),
        )
        .join(Document, Document.id == IndicatorValue.document_id)
        .where(Document.state == PUBLISHED, col(IndicatorValue.value).is_not(None))
        .subquery()
    )

    def average(kind: str):  # type: ignore[no-untyped-def]
        return func.avg(case((latest.c.kind == kind, latest.c.value)))

    statement = (
        select(
            func.min(Indicator.id),
            Indicator.name,
            func.min(Indicator.unit),
            latest.c.year,
            average("plan"),
            average("fact"),
        )
        .join(latest, latest.c.indicator_id == Indicator.id)
        .where(latest.c.newest == 1)
        .group_by(Indicator.name, latest.c.year)
        .order_by(Indicator.name, latest.c.year)
    )
    if region:
        statement = statement.where(Indicator.region == region)
    return [
        IndicatorPoint(
            indicator_id=int(first_id),
            name=name,
            unit=unit,
            region=region,
            year=int(year),
            plan=float(plan) if plan is not None else None,
            fact=float(fact) if fact is not None else None,
        )
        for first_id, name, unit, year, plan, fact in session.execute(statement).all()
    ]


def traffic_light(progress: float | None) -> str:
    if progress is None:
        return GREY
    if progress >= 1.0:
        return GREEN
    return YELLOW if progress >= NEAR_TARGET else RED


def indicator_progress(points: list[IndicatorPoint], *, year: int | None = None) -> list[IndicatorProgress]:
    """Per indicator: the latest year with a fact (not after `year` when given), against that
    year's target, else the next target ahead (plans often start the year after the last report),
    else the last one before; a fact with no target at all is shown grey, never guessed."""
    by_indicator: dict[int, list[IndicatorPoint]] = {}
    for point in points:
        by_indicator.setdefault(point.indicator_id, []).append(point)
    result = []
    for indicator_id, series in by_indicator.items():
        with_fact = [p for p in series if p.fact is not None and (year is None or p.year <= year)]
        latest = with_fact[-1] if with_fact else None
        plan = _target_for(series, latest.year) if latest is not None else None
        progress = latest.fact / plan if latest is not None and latest.fact is not None and plan else None
        result.append(
            IndicatorProgress(
                indicator_id=indicator_id,
                name=series[0].name,
                unit=series[0].unit,
                year=latest.year if latest else None,
                plan=plan,
                fact=latest.fact if latest else None,
                progress=progress,
                light=traffic_light(progress),
            )
        )
    return sorted(result, key=lambda p: p.name)


def _target_for(series: list[IndicatorPoint], year: int) -> float | None:
    plans = [(p.year, p.plan) for p in series if p.plan is not None]
    same = [value for y, value in plans if y == year]
    ahead = [value for y, value in plans if y > year]
    before = [value for y, value in plans if y < year]
    return (same or ahead[:1] or before[-1:] or [None])[0]


def headline(session: Session, *, year: int, as_of: dt.date, region: str | None = None) -> Headline:
    """The four tiles of the minister's page for `year`, control points as of `as_of`."""
    organizations = (
        select(func.count()).select_from(Organization).where(col(Organization.confirmed).is_(True))
    )
    ratings = (
        select(Rating.year, func.count(func.distinct(Rating.organization_id)), func.avg(Rating.total))
        .join(Document, Document.id == Rating.document_id)
        .join(Organization, Organization.id == Rating.organization_id)
        .where(Document.state == PUBLISHED, col(Rating.year).in_([year, year - 1]))
        .group_by(Rating.year)
    )
    if region:
        organizations = organizations.where(Organization.region == region)
        ratings = ratings.where(Organization.region == region)
    by_year = {
        int(y): (int(n), float(avg) if avg is not None else None)
        for y, n, avg in session.execute(ratings).all()
    }
    improvement = (
        select(
            func.count(),
            func.count(ControlPoint.done_date),
        )
        .select_from(ControlPoint)
        .join(ImprovementItem, ImprovementItem.id == ControlPoint.improvement_item_id)
        .where(col(ControlPoint.due_date) <= as_of)
    )
    if region:
        improvement = improvement.join(Document, Document.id == ImprovementItem.document_id).where(
            Document.region == region
        )
    due, done = session.execute(improvement).one()
    return Headline(
        year=year,
        organizations=int(session.execute(organizations).scalar_one()),
        assessed=by_year.get(year, (0, None))[0],
        average_total=by_year.get(year, (0, None))[1],
        previous_average_total=by_year.get(year - 1, (0, None))[1],
        overdue_points=status_counts(session, as_of=as_of, region=region, statuses=("overdue",))["overdue"],
        improvement_due=int(due or 0),
        improvement_done=int(done or 0),
    )
