"""What is in the database, for the home page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, union
from sqlmodel import Session, select

from db.models import AuditEvent, ControlPoint, Document, Organization, Rating


@dataclass(frozen=True)
class Overview:
    documents: int
    organizations: int
    ratings: int
    overdue_control_points: int

    @property
    def is_empty(self) -> bool:
        return self.documents == 0 and self.organizations == 0


def database_overview(session: Session, as_of: dt.date) -> Overview:
    """Counts of documents, institutions, ratings and control points overdue on `as_of`."""

    def count(statement) -> int:  # type: ignore[no-untyped-def]
        return int(session.exec(statement).one())

    return Overview(
        documents=count(select(func.count()).select_from(Document)),
        organizations=count(select(func.count()).select_from(Organization)),
        ratings=count(select(func.count()).select_from(Rating)),
        overdue_control_points=count(
            select(func.count())
            .select_from(ControlPoint)
            .where(ControlPoint.due_date < as_of, ControlPoint.done_date.is_(None))  # type: ignore[union-attr]
        ),
    )


def data_version(session: Session) -> int:
    """A number that grows with every write: each one leaves an audit event, whichever process
    made it (the app, `nok ingest`, `nok demo`), so caches compare it to know they are stale."""
    return int(session.exec(select(func.coalesce(func.max(AuditEvent.id), 0))).one())


def known_regions(session: Session) -> list[str]:
    """Every region an institution or a document names, alphabetically: the «Регион» filter."""
    names = union(
        select(Organization.region).where(Organization.region.is_not(None)),  # type: ignore[union-attr]
        select(Document.region).where(Document.region.is_not(None)),  # type: ignore[union-attr]
    ).subquery()
    return list(session.exec(select(names.c.region).order_by(names.c.region)))
