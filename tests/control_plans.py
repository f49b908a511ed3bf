"""Plans for the execution-control tests, built through the models as ingest would store them:
a Document with its period and a version, PlanItems / ImprovementItems with executors."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools

from sqlmodel import Session

from db.models import (
    Authority,
    ControlPoint,
    Document,
    DocumentVersion,
    Executor,
    ImprovementItem,
    Organization,
    PlanItem,
    PlanItemExecutor,
)

_counter = itertools.count(1)


def authority(session: Session, name: str = "Министерство социальной защиты населения") -> Authority:
    body = Authority(name=f"{name} {next(_counter)}", region="Магаданская область")
    session.add(body)
    session.flush()
    return body


def document(
    session: Session,
    *,
    kind: str = "plan",
    date: dt.date | None = dt.date(2019, 1, 15),
    period: tuple[dt.date, dt.date] | None = (dt.date(2019, 1, 1), dt.date(2019, 12, 31)),
    authority_id: int | None = None,
    organization_id: int | None = None,
    title: str = "План мероприятий по проведению независимой оценки",
    number: str | None = "12",
) -> tuple[Document, DocumentVersion]:
    """A stored document with one version (its sha256 made unique)."""
    doc = Document(
        kind=kind,
        date=date,
        title=title,
        number=number,
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
        authority_id=authority_id,
        organization_id=organization_id,
        region="Магаданская область",
        state="registered",
    )
    session.add(doc)
    session.flush()
    version = DocumentVersion(
        document_id=doc.id,
        filename=f"doc{doc.id}.docx",
        sha256=hashlib.sha256(f"{doc.id}-{next(_counter)}".encode()).hexdigest(),
        size=1,
        mime="application/octet-stream",
        format="docx",
    )
    session.add(version)
    session.flush()
    return doc, version


def executor(session: Session, name: str) -> Executor:
    found = Executor(name=name, normalized=f"{name.casefold()} {next(_counter)}")
    session.add(found)
    session.flush()
    return found


def plan_item(
    session: Session,
    doc: Document,
    version: DocumentVersion,
    title: str,
    *,
    deadline_text: str | None = None,
    kind: str = "once",
    executors: tuple[Executor, ...] = (),
    result_form: str | None = None,
    offset_days: int | None = None,
    after_event: str | None = None,
    number: str | None = None,
) -> PlanItem:
    item = PlanItem(
        document_id=doc.id,
        version_id=version.id,
        title=title,
        number=number,
        result_form=result_form,
        responsible=[e.name for e in executors],
        deadline_text=deadline_text,
        deadline_kind=kind,
        offset_days=offset_days,
        after_event=after_event,
    )
    session.add(item)
    session.flush()
    for person in executors:
        session.add(PlanItemExecutor(plan_item_id=item.id, executor_id=person.id))
    session.flush()
    return item


def organization(session: Session, name: str, authority_id: int | None = None) -> Organization:
    org = Organization(name=name, authority_id=authority_id, region="Магаданская область")
    session.add(org)
    session.flush()
    return org


def improvement_item(
    session: Session,
    doc: Document,
    version: DocumentVersion,
    measure: str,
    *,
    organization_id: int | None = None,
    criterion: str | None = None,
    planned_text: str | None = None,
    kind: str = "once",
    executor_id: int | None = None,
    actual_date: dt.date | None = None,
    offset_days: int | None = None,
    after_event: str | None = None,
) -> ImprovementItem:
    item = ImprovementItem(
        document_id=doc.id,
        version_id=version.id,
        measure=measure,
        organization_id=organization_id,
        criterion=criterion,
        deficiency=f"Недостаток: {measure}",
        planned_text=planned_text,
        planned_kind=kind,
        executor_id=executor_id,
        actual_date=actual_date,
        offset_days=offset_days,
        after_event=after_event,
    )
    session.add(item)
    session.flush()
    return item


def point(
    session: Session,
    item: PlanItem | ImprovementItem,
    due: dt.date,
    done: dt.date | None = None,
) -> ControlPoint:
    field = "plan_item_id" if isinstance(item, PlanItem) else "improvement_item_id"
    cp = ControlPoint(**{field: item.id}, due_date=due, done_date=done)
    session.add(cp)
    session.flush()
    return cp
