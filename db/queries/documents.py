"""Read-only queries about documents for the pages: the list with filters, a document's card
(versions, corrections, history), the records extracted from it, and the organizations waiting
for confirmation.

Writes (upload, corrections, transitions) are in `docstore/`. "Only published documents count
in the minister's and council's views": pass `states=PUBLISHED_ONLY` for those views.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from sqlalchemy import ColumnElement, Date, Integer, Select, bindparam, case, func
from sqlmodel import Session, col, select

from db.models import (
    AuditEvent,
    ControlPoint,
    Document,
    DocumentVersion,
    ImprovementItem,
    Indicator,
    IndicatorValue,
    MetadataCorrection,
    Organization,
    PlanItem,
    Rating,
    User,
)
from db.queries.ratings import RatingRow

PUBLISHED_ONLY = ("published",)
SignedCopy = Literal["seal_and_signature", "seal", "signature", "none"]
"""Whether a document has a signed copy among its versions: one with both a seal and a
signature, only a seal, only a signature, or none (typed files and unsigned scans only)."""
SignedFilter = Literal["any", "seal_and_signature", "none"]
"""`list_documents(signed=)`: documents with a seal or a signature on some copy, with both on
one copy, or with neither on any."""


class DocumentRow(NamedTuple):
    """A row of the registry (a NamedTuple: built by the ten thousand for the card's list)."""

    id: int
    kind: str
    number: str | None
    date: dt.date | None
    title: str | None
    authority_name: str | None
    region: str | None
    state: str
    versions: int
    signed: SignedCopy = "none"


@dataclass(frozen=True)
class VersionRow:
    id: int
    version_no: int
    filename: str
    sha256: str
    size: int
    format: str
    pages: int | None
    ocr: bool
    uploaded_at: dt.datetime
    uploaded_by: str | None
    comment: str | None
    seal: bool | None = None
    signature: bool | None = None
    ocr_fields: int | None = None
    ocr_fields_doubtful: int | None = None
    ocr_fields_checked: int | None = None
    ocr_fields_corrected: int | None = None


@dataclass(frozen=True)
class CorrectionRow:
    field_name: str
    old_value: str | None
    new_value: str | None
    user: str | None
    at: dt.datetime


@dataclass(frozen=True)
class EventRow:
    at: dt.datetime
    user: str | None
    action: str
    version_id: int | None
    details: dict


@dataclass(frozen=True)
class DocumentCard:
    document: Document
    versions: list[VersionRow]
    """Newest first; download each with `docstore.blobs.read(version.sha256)`."""
    corrections: list[CorrectionRow]
    events: list[EventRow]


@dataclass(frozen=True)
class FlaggedOrganization:
    organization: Organization
    similar_to: Organization | None


def list_documents(
    session: Session,
    *,
    kind: str | None = None,
    authority_id: int | None = None,
    organization_id: int | None = None,
    year: int | None = None,
    region: str | None = None,
    states: Iterable[str] | None = None,
    signed: SignedFilter | None = None,
    limit: int = 200,
    offset: int = 0,
) -> list[DocumentRow]:
    """Documents, newest date first, with their number of versions and whether one of them is
    a signed copy (`signed` filters by it)."""
    values: dict[str, Any] = {
        "kind": kind or None,
        "authority_id": authority_id,
        "organization_id": organization_id,
        "region": region,
        "states": list(states) if states is not None else None,
    }
    if year is not None:
        values |= {"date_from": dt.date(year, 1, 1), "date_to": dt.date(year + 1, 1, 1)}
    given = {name: value for name, value in values.items() if value is not None}
    statement = _registry_statement(frozenset(given), signed)
    rows = session.connection().execute(statement, {**given, "limit": limit, "offset": offset}).all()
    return [DocumentRow._make(row) for row in rows]


@functools.cache
def _registry_statement(filters: frozenset[str], signed: SignedFilter | None) -> Select[Any]:
    """The registry's statement for one set of filters, their values bound at execution: built
    once, it costs nothing to build again, which was a third of a page of 500 at federal scale.

    The page of documents is chosen first (by the newest-first index) and only its versions
    are counted: counting every version of twenty thousand documents to show five hundred took
    three quarters of the time at federal scale. Columns, not Document objects: the card's
    list of ten thousand builds five times faster."""
    seal, signature = col(DocumentVersion.seal).is_(True), col(DocumentVersion.signature).is_(True)

    def has_version(condition: ColumnElement[bool]) -> ColumnElement[bool]:
        return (
            select(DocumentVersion.id).where(DocumentVersion.document_id == Document.id, condition).exists()
        )

    conditions = {
        "kind": Document.kind == bindparam("kind"),
        "authority_id": Document.authority_id == bindparam("authority_id"),
        "organization_id": Document.organization_id == bindparam("organization_id"),
        "date_from": col(Document.date) >= bindparam("date_from", type_=Date),
        "date_to": col(Document.date) < bindparam("date_to", type_=Date),
        "region": Document.region == bindparam("region"),
        "states": col(Document.state).in_(bindparam("states", expanding=True)),
    }
    chosen = select(
        Document.id,
        Document.kind,
        Document.number,
        Document.date,
        Document.title,
        Document.authority_name,
        Document.region,
        Document.state,
    ).where(*(conditions[name] for name in sorted(filters)))
    if signed == "any":
        chosen = chosen.where(has_version(seal | signature))
    elif signed == "seal_and_signature":
        chosen = chosen.where(has_version(seal & signature))
    elif signed == "none":
        chosen = chosen.where(~has_version(seal | signature))
    page = (
        chosen.order_by(col(Document.date).desc().nulls_last(), col(Document.id).desc())
        .limit(bindparam("limit", type_=Integer))
        .offset(bindparam("offset", type_=Integer))
        .cte("page")
    )
    versions = (
        select(
            DocumentVersion.document_id,
            func.count().label("n"),
            func.max(case((seal & signature, 1), else_=0)).label("both"),
            func.max(case((seal, 1), else_=0)).label("seal"),
            func.max(case((signature, 1), else_=0)).label("signature"),
        )
        .where(col(DocumentVersion.document_id).in_(select(page.c.id)))
        .group_by(DocumentVersion.document_id)
        .subquery()
    )
    signed_copy = case(
        (versions.c.both == 1, "seal_and_signature"),
        (versions.c.seal == 1, "seal"),
        (versions.c.signature == 1, "signature"),
        else_="none",
    )
    return (
        select(
            page.c.id,
            page.c.kind,
            page.c.number,
            page.c.date,
            page.c.title,
            page.c.authority_name,
            page.c.region,
            page.c.state,
            versions.c.n,
            signed_copy,
        )
        .join(versions, versions.c.document_id == page.c.id)
        .order_by(page.c.date.desc().nulls_last(), page.c.id.desc())
    )


def document_card(session: Session, document_id: int) -> DocumentCard | None:
    """Everything the document page shows, or None if there is no such document."""
    document = session.get(Document, document_id)
    if document is None:
        return None
    logins = _logins(session)
    versions = session.exec(
        select(DocumentVersion)
        .where(DocumentVersion.document_id == document_id)
        .order_by(col(DocumentVersion.version_no).desc())
    )
    corrections = session.exec(
        select(MetadataCorrection)
        .where(MetadataCorrection.document_id == document_id)
        .order_by(col(MetadataCorrection.at), col(MetadataCorrection.id))
    )
    events = session.exec(
        select(AuditEvent).where(AuditEvent.document_id == document_id).order_by(col(AuditEvent.id))
    )
    return DocumentCard(
        document=document,
        versions=[
            VersionRow(
                id=v.id,  # type: ignore[arg-type]
                version_no=v.version_no,
                filename=v.filename,
                sha256=v.sha256,
                size=v.size,
                format=v.format,
                pages=v.pages,
                ocr=v.ocr,
                uploaded_at=v.uploaded_at,
                uploaded_by=logins.get(v.uploaded_by_id),
                comment=v.comment,
                seal=v.seal,
                signature=v.signature,
                ocr_fields=v.ocr_fields,
                ocr_fields_doubtful=v.ocr_fields_doubtful,
                ocr_fields_checked=v.ocr_fields_checked,
                ocr_fields_corrected=v.ocr_fields_corrected,
            )
            for v in versions
        ],
        corrections=[
            CorrectionRow(c.field_name, c.old_value, c.new_value, logins.get(c.user_id), c.at)
            for c in corrections
        ],
        events=[EventRow(e.at, e.actor, e.action, e.version_id, e.details) for e in events],
    )


def organizations_needing_confirmation(session: Session) -> list[FlaggedOrganization]:
    """Organizations created from a name close to a known one, waiting for a person."""
    flagged = session.exec(
        select(Organization).where(col(Organization.confirmed).is_(False)).order_by(col(Organization.name))
    )
    return [
        FlaggedOrganization(o, session.get(Organization, o.similar_to_id) if o.similar_to_id else None)
        for o in flagged
    ]


@dataclass(frozen=True)
class IndicatorRecord:
    name: str
    unit: str | None
    year: int
    kind: str
    """`plan` or `fact`."""
    value: float | None


@dataclass(frozen=True)
class DueDate:
    """One control point of an item: its due date and, once closed, the day it was done."""

    due: dt.date
    done: dt.date | None


@dataclass(frozen=True)
class PlanItemRecord:
    number: str | None
    title: str
    responsible: list[str]
    deadline_text: str | None
    due_dates: list[DueDate]


@dataclass(frozen=True)
class ImprovementRecord:
    organization: str | None
    criterion: str | None
    deficiency: str | None
    measure: str
    planned_text: str | None
    responsible: str | None
    due_dates: list[DueDate]


@dataclass(frozen=True)
class DocumentRecords:
    """What was extracted from a document (with people's corrections), as stored."""

    indicators: list[IndicatorRecord]
    plan_items: list[PlanItemRecord]
    ratings: list[RatingRow]
    improvement_items: list[ImprovementRecord]


def document_records(session: Session, document_id: int) -> DocumentRecords:
    """The indicator values, plan items (with their control points), ratings and improvement
    items of one document, in the order of the document."""
    indicators = session.exec(
        select(Indicator, IndicatorValue)
        .join(IndicatorValue, col(IndicatorValue.indicator_id) == Indicator.id)
        .where(IndicatorValue.document_id == document_id)
        .order_by(col(Indicator.id), col(IndicatorValue.year), col(IndicatorValue.kind).desc())
    )
    plan_items = list(
        session.exec(
            select(PlanItem)
            .where(PlanItem.document_id == document_id)
            .order_by(col(PlanItem.version_id), col(PlanItem.position), col(PlanItem.id))
        )
    )
    ratings = session.exec(
        select(Rating, Organization.name, Organization.region)
        .join(Organization, col(Organization.id) == Rating.organization_id)
        .where(Rating.document_id == document_id)
        .order_by(col(Rating.id))
    )
    improvement_items = list(
        session.exec(
            select(ImprovementItem)
            .where(ImprovementItem.document_id == document_id)
            .order_by(col(ImprovementItem.version_id), col(ImprovementItem.position), col(ImprovementItem.id))
        )
    )
    plan_due = _due_dates(session, ControlPoint.plan_item_id, [i.id for i in plan_items])
    improvement_due = _due_dates(session, ControlPoint.improvement_item_id, [i.id for i in improvement_items])
    return DocumentRecords(
        indicators=[
            IndicatorRecord(indicator.name, indicator.unit, value.year, value.kind, value.value)
            for indicator, value in indicators
        ],
        plan_items=[
            PlanItemRecord(i.number, i.title, list(i.responsible), i.deadline_text, plan_due.get(i.id, []))
            for i in plan_items
        ],
        ratings=[
            RatingRow(
                r.organization_id,
                name,
                region,
                r.year,
                r.service_form,
                r.openness,
                r.comfort,
                r.accessibility,
                r.courtesy,
                r.satisfaction,
                r.total,
                r.document_id,
            )
            for r, name, region in ratings
        ],
        improvement_items=[
            ImprovementRecord(
                i.organization_name,
                i.criterion,
                i.deficiency,
                i.measure,
                i.planned_text,
                i.responsible_name,
                improvement_due.get(i.id, []),
            )
            for i in improvement_items
        ],
    )


def _due_dates(session: Session, link: Any, item_ids: list[int | None]) -> dict[int, list[DueDate]]:
    """Control points of the items, by item id, earliest first."""
    ids = [i for i in item_ids if i is not None]
    if not ids:
        return {}
    due: dict[int, list[DueDate]] = {}
    points = session.exec(
        select(link, ControlPoint.due_date, ControlPoint.done_date)
        .where(col(link).in_(ids))
        .order_by(col(ControlPoint.due_date), col(ControlPoint.id))
    )
    for item_id, due_date, done_date in points:
        due.setdefault(item_id, []).append(DueDate(due_date, done_date))
    return due


def _logins(session: Session) -> dict[int | None, str]:
    return {user_id: login for user_id, login in session.exec(select(User.id, User.login))}
