"""The council's view: НОК results of institutions by year, region and service form.

Only ratings from published documents count. Missing criteria stay None (never 0), and
ties keep the same place, so the page can show both honestly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import func, select
from sqlmodel import Session, col

from db.models import CRITERIA, Document, ImprovementItem, Organization, Rating

PUBLISHED = "published"


class RatingRow(NamedTuple):
    """One published rating (a NamedTuple: a federal year is eight thousand of them, built per
    call, and `pandas.DataFrame(rows)` takes the field names as columns)."""

    organization_id: int
    organization_name: str
    region: str | None
    year: int
    service_form: str | None
    openness: float | None
    comfort: float | None
    accessibility: float | None
    courtesy: float | None
    satisfaction: float | None
    total: float | None
    document_id: int


@dataclass(frozen=True)
class RatingFilters:
    years: list[int]
    regions: list[str]
    service_forms: list[str]


@dataclass(frozen=True)
class ImprovementRow:
    criterion: str | None
    deficiency: str | None
    measure: str
    planned_text: str | None
    responsible_name: str | None
    actual_date: dt.date | None
    done_points: int
    points: int
    document_id: int


@dataclass(frozen=True)
class DocumentLink:
    document_id: int
    kind: str
    number: str | None
    date: dt.date | None
    title: str | None


@dataclass(frozen=True)
class OrganizationCard:
    organization: Organization
    ratings: list[RatingRow]
    improvement: list[ImprovementRow]
    documents: list[DocumentLink]


def _published_ratings():  # type: ignore[no-untyped-def]
    return (
        select(
            Rating.organization_id,
            Organization.name.label("organization_name"),  # type: ignore[attr-defined]
            Organization.region,
            Rating.year,
            Rating.service_form,
            *[getattr(Rating, name) for name in CRITERIA],
            Rating.total,
            Rating.document_id,
        )
        .join(Organization, Organization.id == Rating.organization_id)
        .join(Document, Document.id == Rating.document_id)
        .where(Document.state == PUBLISHED)
    )


def rating_rows(
    session: Session,
    *,
    year: int | None = None,
    region: str | None = None,
    service_form: str | None = None,
    organization_ids: list[int] | None = None,
) -> list[RatingRow]:
    """Published ratings, best total first (None totals last), one query."""
    statement = _published_ratings()
    if year is not None:
        statement = statement.where(Rating.year == year)
    if region:
        statement = statement.where(Organization.region == region)
    if service_form:
        statement = statement.where(Rating.service_form == service_form)
    if organization_ids:
        statement = statement.where(col(Rating.organization_id).in_(organization_ids))
    statement = statement.order_by(
        col(Rating.total).desc().nulls_last(), col(Organization.name), col(Rating.year)
    )
    # The driver's own tuples (numbers and names, nothing to convert): building SQLAlchemy's Row
    # for each of a federal year's eight thousand ratings would cost a quarter of the query again.
    result = session.connection().execute(statement)
    try:
        return list(map(RatingRow._make, result.cursor.fetchall()))  # type: ignore[union-attr]
    finally:
        result.close()


@dataclass(frozen=True)
class RatingChange:
    """An institution's total in a year beside the year before (averaged over service forms)."""

    organization_id: int
    organization_name: str
    region: str | None
    previous_total: float
    total: float

    @property
    def change(self) -> float:
        return round(self.total - self.previous_total, 2)


def biggest_falls(
    session: Session, *, year: int, region: str | None = None, limit: int = 10
) -> list[RatingChange]:
    """The institutions whose published total fell most from `year - 1` to `year` (one query);
    only falls, largest first."""

    def totals(of_year: int):  # type: ignore[no-untyped-def]
        return (
            select(Rating.organization_id, func.avg(Rating.total).label("total"))
            .join(Document, Document.id == Rating.document_id)
            .where(Document.state == PUBLISHED, Rating.year == of_year, col(Rating.total).is_not(None))
            .group_by(Rating.organization_id)
            .subquery()
        )

    now, before = totals(year), totals(year - 1)
    change = now.c.total - before.c.total
    statement = (
        select(Organization.id, Organization.name, Organization.region, before.c.total, now.c.total)
        .join(now, now.c.organization_id == Organization.id)
        .join(before, before.c.organization_id == Organization.id)
        .where(change < 0)
        .order_by(change, Organization.name)
        .limit(limit)
    )
    if region:
        statement = statement.where(Organization.region == region)
    return [
        RatingChange(int(i), name, reg, round(float(old), 2), round(float(new), 2))
        for i, name, reg, old, new in session.connection().execute(statement).all()
    ]


def rating_filters(session: Session) -> RatingFilters:
    """The years, regions and service forms that published ratings have."""
    base = _published_ratings().subquery()
    years = session.execute(select(base.c.year).distinct().order_by(base.c.year.desc())).scalars()
    regions = session.execute(
        select(base.c.region).where(base.c.region.is_not(None)).distinct().order_by(base.c.region)
    ).scalars()
    forms = session.execute(
        select(base.c.service_form)
        .where(base.c.service_form.is_not(None))
        .distinct()
        .order_by(base.c.service_form)
    ).scalars()
    return RatingFilters(years=[int(y) for y in years], regions=list(regions), service_forms=list(forms))


def dense_ranks(totals: list[float | None]) -> list[int | None]:
    """Places for totals sorted best first: equal totals share a place (1, 2, 2, 3), None gets none."""
    ranks: list[int | None] = []
    place, previous = 0, object()
    for total in totals:
        if total is None:
            ranks.append(None)
            continue
        if total != previous:
            place += 1
            previous = total
        ranks.append(place)
    return ranks


def organization_card(session: Session, organization_id: int) -> OrganizationCard | None:
    """An institution: its published ratings of all years, its improvement measures, its documents."""
    organization = session.get(Organization, organization_id)
    if organization is None:
        return None
    ratings = rating_rows(session, organization_ids=[organization_id])
    from db.models import ControlPoint  # local: only the card needs it

    done = func.count(ControlPoint.done_date)
    measures = session.execute(
        select(
            ImprovementItem.criterion,
            ImprovementItem.deficiency,
            ImprovementItem.measure,
            ImprovementItem.planned_text,
            ImprovementItem.responsible_name,
            ImprovementItem.actual_date,
            done.label("done_points"),
            func.count(ControlPoint.id).label("points"),
            ImprovementItem.document_id,
        )
        .outerjoin(ControlPoint, ControlPoint.improvement_item_id == ImprovementItem.id)
        .where(ImprovementItem.organization_id == organization_id)
        .group_by(ImprovementItem.id)
        .order_by(ImprovementItem.document_id, ImprovementItem.position)
    )
    document_ids = {r.document_id for r in ratings} | set(
        session.execute(
            select(ImprovementItem.document_id).where(ImprovementItem.organization_id == organization_id)
        ).scalars()
    )
    documents = session.execute(
        select(Document.id, Document.kind, Document.number, Document.date, Document.title)
        .where(
            (col(Document.id).in_(document_ids)) | (Document.organization_id == organization_id),
            Document.state == PUBLISHED,
        )
        .order_by(col(Document.date).desc().nulls_last())
    )
    return OrganizationCard(
        organization=organization,
        ratings=sorted(ratings, key=lambda r: (r.year, r.service_form or "")),
        improvement=[ImprovementRow(**row._mapping) for row in measures],
        documents=[DocumentLink(d.id, d.kind, d.number, d.date, d.title) for d in documents],
    )
