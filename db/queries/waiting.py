"""What waits for a supervisor: evidence proposals to confirm and relative deadlines whose
triggering event has not been recorded yet.

A proposal is an open control point whose `proposed_evidence_document_id` the ingest pipeline
set (a newly stored document plainly is the result the item asks for). A relative deadline
("в течение месяца после поступления отчета ...") has no control point until its event is
recorded; `awaited_events` lists, per plan, the events its current items still wait for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, func, select, union_all
from sqlalchemy.orm import aliased
from sqlmodel import Session

from db.models import ControlPoint, Document, ImprovementItem, PlanItem


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
            .join(
                newest,
                and_(newest.c.document_id == model.document_id, newest.c.version_id == model.version_id),
            )
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
