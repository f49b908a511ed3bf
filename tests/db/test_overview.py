"""The home page's counts, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from db.models import ControlPoint, Document, DocumentVersion, Organization, PlanItem, Rating
from db.queries.overview import database_overview


def _plan_item_with_points(session: Session, due_and_done: list[tuple[dt.date, dt.date | None]]) -> None:
    document = Document(kind="plan", title="План")
    session.add(document)
    session.flush()
    version = DocumentVersion(
        document_id=document.id, filename="p.docx", sha256="a" * 64, size=1, mime="x", format="docx"
    )
    session.add(version)
    session.flush()
    item = PlanItem(document_id=document.id, version_id=version.id, title="Мероприятие")
    session.add(item)
    session.flush()
    for due, done in due_and_done:
        session.add(ControlPoint(plan_item_id=item.id, due_date=due, done_date=done))
    session.commit()


def test_overview_of_an_empty_database_is_empty(session: Session) -> None:
    counts = database_overview(session, dt.date(2020, 1, 1))
    assert counts.is_empty
    assert (counts.documents, counts.organizations, counts.ratings, counts.overdue_control_points) == (
        0,
        0,
        0,
        0,
    )


def test_overview_counts_overdue_only_open_points_due_before_the_date(session: Session) -> None:
    _plan_item_with_points(
        session,
        [
            (dt.date(2019, 3, 31), None),  # overdue on 2019-12-01
            (dt.date(2019, 6, 30), dt.date(2019, 6, 1)),  # done
            (dt.date(2019, 12, 1), None),  # due on the day: not yet overdue
            (dt.date(2020, 3, 31), None),  # in the future
        ],
    )
    assert database_overview(session, dt.date(2019, 12, 1)).overdue_control_points == 1
    assert database_overview(session, dt.date(2019, 12, 2)).overdue_control_points == 2


def test_overview_counts_documents_organizations_and_ratings(session: Session) -> None:
    _plan_item_with_points(session, [])
    organization = Organization(name="ГБУСО «Центр»", service_forms=["home"])
    session.add(organization)
    session.flush()
    version_id = session.exec(DocumentVersion.__table__.select()).first().id  # type: ignore[attr-defined]
    document_id = session.exec(Document.__table__.select()).first().id  # type: ignore[attr-defined]
    for year in (2018, 2019):
        session.add(
            Rating(
                organization_id=organization.id,
                year=year,
                total=90.0,
                document_id=document_id,
                version_id=version_id,
            )
        )
    session.commit()
    counts = database_overview(session, dt.date(2020, 1, 1))
    assert (counts.documents, counts.organizations, counts.ratings) == (1, 1, 2)
    assert not counts.is_empty
    assert session.get(Organization, organization.id).service_forms == ["home"]
