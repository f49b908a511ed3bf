"""Execution control writes: control points from plans, events, marking done, evidence links.

A control point (контрольная точка) is one due date of a plan item or improvement measure.
Due dates are NOT stored on the items: they are re-derived here from the stored deadline text
with `extract.deadlines.parse_deadline(text, period=<the document's period>,
document_date=<its date>)`, so a corrected period or date re-schedules by calling
`schedule_control_points` again. The ingest pipeline calls `schedule_control_points(session,
document_id)` for EVERY document it stores, inside its transaction, after writing the records:
for a plan it (re)creates the points; for any document it also records the events that start
relative deadlines (an operator's report arriving) and proposes the document as evidence for
open points whose result form it matches. Nothing is ever closed silently: a proposal waits for
a supervisor's `confirm_evidence`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import delete, func, or_, update
from sqlmodel import Session, select

from db.models import (
    ControlPoint,
    Document,
    ImprovementItem,
    PlanEvent,
    PlanItem,
)
from docstore import audit
from docstore.actors import Actor
from docstore.errors import DocstoreError, NotFound
from docstore.roles import ATTACH_EVIDENCE, MARK_DONE, require
from extract.deadlines import parse_deadline
from extract.records import Period

SCHEDULED_KINDS = ("once", "recurring")
EVENT_KIND_STEMS = {
    "report": ("отчет", "информаци", "результат"),
    "protocol": ("протокол", "заседани"),
    "rating": ("рейтинг", "результат"),
    "order": ("приказ",),
    "decree": ("постановлени", "распоряжени"),
}
"""Which words in a relative deadline's event ("после поступления отчета ...") a newly stored
document of each kind can satisfy."""
RESULT_FORM_KINDS = (
    ("план по устранению", "improvement_plan"),
    ("протокол", "protocol"),
    ("приказ", "order"),
    ("постановлени", "decree"),
    ("распоряжени", "decree"),
    ("рейтинг", "rating"),
    ("отчет", "report"),
    ("информаци", "report"),
    ("доклад", "report"),
    ("аналитическ", "report"),
    ("письм", "letter"),
    ("план", "plan"),
)
"""Result forms (форма реализации) and the document kind that plainly is such a result."""


@dataclass(frozen=True)
class EvidenceProposal:
    """A newly stored document that looks like the result a control point asks for."""

    control_point_id: int
    document_id: int
    item_title: str
    due_date: dt.date
    reason: str


def _normal(text: str | None) -> str:
    text = (text or "").casefold().replace("ё", "е")
    return " ".join(re.sub(r"[^\w\s-]", " ", text).split())


def _stems(text: str | None) -> set[str]:
    """Crude stems: the first five letters of each word, enough to match Russian case endings
    (поступление / поступления, отчёт / отчета)."""
    return {word[:5] for word in _normal(text).replace("-", " ").split() if len(word) >= 3}


def same_event(recorded: str, expected: str | None) -> bool:
    """Whether a recorded event is the one a relative deadline waits for: the words of the shorter
    wording all occur, up to case endings, in the longer."""
    a, b = _stems(recorded), _stems(expected)
    return bool(a and b) and (a <= b or b <= a)


def result_form_kind(result_form: str | None) -> str | None:
    """The document kind that fulfils a result form, e.g. `протокол заседания ...` -> protocol."""
    text = _normal(result_form)
    return next((kind for stem, kind in RESULT_FORM_KINDS if stem in text), None)


def item_due_dates(deadline_text: str | None, document: Document) -> tuple[dt.date, ...]:
    """The due dates of a `once` or `recurring` deadline over the document's period (the contract's
    rules: recurring dates before the plan's own date are dropped)."""
    period = (
        Period(document.period_start, document.period_end)
        if document.period_start and document.period_end
        else None
    )
    deadline = parse_deadline(deadline_text, period=period, document_date=document.date)
    return tuple(sorted(set(deadline.due_dates)))


def _current_items(session: Session, model: type, document_id: int) -> list:  # type: ignore[type-arg]
    """Items of the version the document's records come from (`Document.records_version_id`;
    before it was recorded, the newest version that has any); other versions' items are history."""
    document = session.get(Document, document_id)
    version_id = document.records_version_id if document is not None else None
    if version_id is None:
        version_id = session.exec(
            select(func.max(model.version_id)).where(model.document_id == document_id)
        ).one()
    if version_id is None:
        return []
    return list(
        session.exec(
            select(model)
            .where(model.document_id == document_id, model.version_id == version_id)
            .order_by(model.position, model.id)
        )
    )


def _item_ids(session: Session, model: type, document_id: int) -> list[int]:
    return list(session.exec(select(model.id).where(model.document_id == document_id)))


def schedule_control_points(session: Session, document_id: int, user: Actor = None) -> int:
    """Create the control points of a document's current plan items and improvement items.

    Idempotent: the document's open, never-done points are replaced; done points stay, and no
    new point repeats a done one (same item wording, same due date). Relative deadlines get a
    point per recorded matching event. Improvement items with an actual date are done on it.
    For any document, also records the events it starts and proposes it as evidence.
    Returns the number of points created. `user` is who stored the document (the events it
    records are theirs in the audit).
    """
    document = session.get(Document, document_id)
    if document is None:
        raise NotFound(f"Документ {document_id} не найден")
    plan_ids = _item_ids(session, PlanItem, document_id)
    improvement_ids = _item_ids(session, ImprovementItem, document_id)
    open_points = or_(
        ControlPoint.plan_item_id.in_(plan_ids), ControlPoint.improvement_item_id.in_(improvement_ids)
    )
    session.execute(
        delete(ControlPoint).where(
            open_points, ControlPoint.done_date.is_(None), ControlPoint.evidence_document_id.is_(None)
        )
    )
    done_keys = _done_keys(session, plan_ids, improvement_ids)
    events = list(session.exec(select(PlanEvent).where(PlanEvent.document_id == document_id)))
    created = 0
    for item in _current_items(session, PlanItem, document_id):
        for due, event_id in _due_dates(item.deadline_text, item.deadline_kind, item, document, events):
            if ("plan", _normal(item.title), due) in done_keys:
                continue
            session.add(ControlPoint(plan_item_id=item.id, due_date=due, trigger_event_id=event_id))
            created += 1
    for measure in _current_items(session, ImprovementItem, document_id):
        for due, event_id in _due_dates(
            measure.planned_text, measure.planned_kind, measure, document, events
        ):
            if ("improvement", _normal(measure.measure), due) in done_keys:
                continue
            session.add(
                ControlPoint(
                    improvement_item_id=measure.id,
                    due_date=due,
                    trigger_event_id=event_id,
                    done_date=measure.actual_date,
                    done_comment=measure.done_measures if measure.actual_date else None,
                )
            )
            created += 1
    session.flush()
    created += _record_events_from(session, document, user)
    propose_evidence(session, document_id)  # a plan, too, may be the result another plan asks for
    return created


def _done_keys(
    session: Session, plan_ids: list[int], improvement_ids: list[int]
) -> set[tuple[str, str, dt.date]]:
    keys: set[tuple[str, str, dt.date]] = set()
    done = ControlPoint.done_date.is_not(None) | ControlPoint.evidence_document_id.is_not(None)
    for title, due in session.execute(
        select(PlanItem.title, ControlPoint.due_date)
        .join(PlanItem, PlanItem.id == ControlPoint.plan_item_id)
        .where(PlanItem.id.in_(plan_ids), done)
    ):
        keys.add(("plan", _normal(title), due))
    for measure, due in session.execute(
        select(ImprovementItem.measure, ControlPoint.due_date)
        .join(ImprovementItem, ImprovementItem.id == ControlPoint.improvement_item_id)
        .where(ImprovementItem.id.in_(improvement_ids), done)
    ):
        keys.add(("improvement", _normal(measure), due))
    return keys


def _due_dates(
    text: str | None,
    kind: str,
    item: PlanItem | ImprovementItem,
    document: Document,
    events: list[PlanEvent],
) -> list[tuple[dt.date, int | None]]:
    """(due date, triggering event id) pairs of one item."""
    if kind in SCHEDULED_KINDS:
        return [(due, None) for due in item_due_dates(text, document)]
    if kind == "relative":
        offset = dt.timedelta(days=item.offset_days or 0)
        return [(e.occurred_on + offset, e.id) for e in events if same_event(e.event, item.after_event)]
    return []


def _relative_points(session: Session, event: PlanEvent) -> list[ControlPoint]:
    """New points of a plan's relative items that wait for `event` (none twice for one event)."""
    points = []
    for model, field in ((PlanItem, "plan_item_id"), (ImprovementItem, "improvement_item_id")):
        link = getattr(ControlPoint, field)
        existing = set(session.exec(select(link).where(ControlPoint.trigger_event_id == event.id)))
        for item in _current_items(session, model, event.document_id):
            kind = item.deadline_kind if model is PlanItem else item.planned_kind
            if kind != "relative" or item.id in existing or not same_event(event.event, item.after_event):
                continue
            due = event.occurred_on + dt.timedelta(days=item.offset_days or 0)
            points.append(ControlPoint(**{field: item.id}, due_date=due, trigger_event_id=event.id))
    session.add_all(points)
    session.flush()
    return points


def record_event(
    session: Session,
    user: Actor,
    *,
    plan_document_id: int,
    event: str,
    occurred_on: dt.date,
    source_document_id: int | None = None,
) -> list[ControlPoint]:
    """Record that an event happened (e.g. "поступление отчета организации-оператора") and create
    the control points of the plan's relative deadlines waiting for it: due = event + offset."""
    plan = session.get(Document, plan_document_id)
    if plan is None:
        raise NotFound(f"План {plan_document_id} не найден")
    require(session, user, MARK_DONE, authority_id=plan.authority_id, organization_id=plan.organization_id)
    if source_document_id is not None and session.get(Document, source_document_id) is None:
        raise NotFound(f"Документ-основание {source_document_id} не найден")
    recorded = PlanEvent(
        document_id=plan_document_id,
        event=event,
        occurred_on=occurred_on,
        source_document_id=source_document_id,
        recorded_by_id=user.id if user else None,
    )
    session.add(recorded)
    session.flush()
    points = _relative_points(session, recorded)
    audit.record(
        session,
        user=user,
        action="control.record_event",
        document_id=plan_document_id,
        details={"event": event, "occurred_on": occurred_on.isoformat(), "control_points": len(points)},
    )
    return points


def _record_events_from(session: Session, document: Document, user: Actor) -> int:
    """A stored document (say, the operator's report) is the event that relative deadlines of the
    same authority's plans wait for: record it and create their points. Returns points created."""
    stems = EVENT_KIND_STEMS.get(document.kind)
    if not stems or document.date is None:
        return 0
    same_body = (
        Document.authority_id == document.authority_id
        if document.authority_id is not None
        else Document.region == document.region
    )
    if document.authority_id is None and document.region is None:
        return 0
    created = 0
    for model, kind_column in (
        (PlanItem, PlanItem.deadline_kind),
        (ImprovementItem, ImprovementItem.planned_kind),
    ):
        rows = session.execute(
            select(model.document_id, model.after_event)
            .join(Document, Document.id == model.document_id)
            .where(
                kind_column == "relative",
                same_body,
                Document.id != document.id,
                or_(Document.date.is_(None), Document.date <= document.date),
            )
            .distinct()
        ).all()
        for plan_id, after_event in rows:
            if not after_event or not any(stem in _normal(after_event) for stem in stems):
                continue
            already = session.exec(
                select(PlanEvent).where(
                    PlanEvent.document_id == plan_id, PlanEvent.source_document_id == document.id
                )
            ).all()
            if any(same_event(e.event, after_event) for e in already):
                continue
            event = PlanEvent(
                document_id=plan_id,
                event=after_event,
                occurred_on=document.date,
                source_document_id=document.id,
            )
            session.add(event)
            session.flush()
            created += len(_relative_points(session, event))
            audit.record(
                session,
                user=user,
                action="control.record_event",
                document_id=plan_id,
                details={
                    "event": after_event,
                    "occurred_on": document.date.isoformat(),
                    "source": document.id,
                },
            )
    return created


def _point_context(session: Session, control_point_id: int) -> tuple[ControlPoint, Document, str, int | None]:
    """The point, its plan document, the item's wording and the institution (for role scope)."""
    point = session.get(ControlPoint, control_point_id)
    if point is None:
        raise NotFound(f"Контрольная точка {control_point_id} не найдена")
    if point.plan_item_id is not None:
        item = session.get(PlanItem, point.plan_item_id)
        title, organization_id = item.title, None
    else:
        item = session.get(ImprovementItem, point.improvement_item_id)
        title, organization_id = item.measure, item.organization_id
    document = session.get(Document, item.document_id)
    return point, document, title, organization_id or document.organization_id


def mark_done(
    session: Session,
    user: Actor,
    control_point_id: int,
    *,
    done_on: dt.date,
    comment: str | None = None,
    evidence_document_id: int | None = None,
) -> ControlPoint:
    """Close a control point: the date it was done, a comment, and the document that proves it
    (e.g. the council's protocol for "заседание общественного совета")."""
    point, document, _title, organization_id = _point_context(session, control_point_id)
    require(session, user, MARK_DONE, authority_id=document.authority_id, organization_id=organization_id)
    if point.done_date is not None:
        raise DocstoreError(f"Контрольная точка уже отмечена выполненной {point.done_date:%d.%m.%Y}")
    if evidence_document_id is not None and session.get(Document, evidence_document_id) is None:
        raise NotFound(f"Документ-подтверждение {evidence_document_id} не найден")
    point.done_date = done_on
    point.done_comment = comment
    point.done_by_id = user.id if user else None
    point.evidence_document_id = evidence_document_id
    if point.proposed_evidence_document_id == evidence_document_id:
        point.proposed_evidence_document_id = None
    session.add(point)
    session.flush()
    audit.record(
        session,
        user=user,
        action="control.mark_done",
        document_id=document.id,
        details={
            "control_point_id": point.id,
            "due_date": point.due_date.isoformat(),
            "done_on": done_on.isoformat(),
            "evidence_document_id": evidence_document_id,
        },
    )
    return point


def report_progress(
    session: Session,
    user: Actor,
    *,
    plan_item_id: int | None = None,
    improvement_item_id: int | None = None,
    reported_on: dt.date,
    comment: str | None = None,
    evidence_document_id: int | None = None,
) -> ControlPoint:
    """A report on an item done постоянно / по мере необходимости: stored as a point done on its own
    date, so `continuous_items` shows the last report (such points never count in compliance)."""
    if (plan_item_id is None) == (improvement_item_id is None):
        raise DocstoreError("Укажите ровно одно мероприятие: пункт плана или меру по устранению недостатков")
    item = (
        session.get(PlanItem, plan_item_id)
        if plan_item_id
        else session.get(ImprovementItem, improvement_item_id)
    )
    if item is None:
        raise NotFound("Мероприятие не найдено")
    point = ControlPoint(
        plan_item_id=plan_item_id, improvement_item_id=improvement_item_id, due_date=reported_on
    )
    session.add(point)
    session.flush()
    try:
        return mark_done(
            session,
            user,
            point.id,
            done_on=reported_on,
            comment=comment,
            evidence_document_id=evidence_document_id,
        )
    except DocstoreError:
        session.delete(point)
        session.flush()
        raise


def propose_evidence(session: Session, new_document_id: int) -> list[EvidenceProposal]:
    """Propose a newly stored document as the evidence of open control points whose result form
    it plainly is (its kind matches the item's result form, same authority or region, dated
    within the plan's period). Per item, the proposal goes to the earliest open point due on or
    after the document's date, else to the latest overdue one. Never closes anything."""
    document = session.get(Document, new_document_id)
    if document is None:
        raise NotFound(f"Документ {new_document_id} не найден")
    if document.kind is None or document.date is None:
        return []
    if document.authority_id is None and document.region is None:
        return []
    same_body = (
        Document.authority_id == document.authority_id
        if document.authority_id is not None
        else Document.region == document.region
    )
    candidates = (
        select(ControlPoint.id)
        .join(PlanItem, PlanItem.id == ControlPoint.plan_item_id)
        .join(Document, Document.id == PlanItem.document_id)
        .where(
            same_body,
            Document.id != document.id,
            ControlPoint.done_date.is_(None),
            ControlPoint.proposed_evidence_document_id.is_(None),
            or_(Document.date.is_(None), Document.date <= document.date),
            PlanItem.deadline_kind.not_in(("continuous", "on_demand")),
        )
    )
    # The result form's kind is read in Python, so the forms are read first (a few distinct
    # strings) and only the points of items this document can fulfil are loaded: loading every
    # open point of the body made each stored document slower than the one before.
    forms = session.execute(candidates.with_only_columns(PlanItem.result_form).distinct()).scalars()
    fulfilled = [form for form in forms if result_form_kind(form) == document.kind]
    if not fulfilled:
        return []
    rows = session.execute(
        candidates.with_only_columns(
            ControlPoint.id,
            ControlPoint.plan_item_id,
            ControlPoint.due_date,
            PlanItem.title,
            PlanItem.result_form,
            Document.period_start,
            Document.period_end,
        )
        .where(PlanItem.result_form.in_(fulfilled))
        .order_by(ControlPoint.plan_item_id, ControlPoint.due_date)
    ).all()
    by_item: dict[int, list] = {}  # type: ignore[type-arg]
    for row in rows:
        start, end = row.period_start, row.period_end
        if start and end and not start <= document.date <= end + dt.timedelta(days=90):
            continue
        by_item.setdefault(row.plan_item_id, []).append(row)
    proposals = []
    for points in by_item.values():
        upcoming = [p for p in points if p.due_date >= document.date]
        point = upcoming[0] if upcoming else points[-1]
        proposals.append(
            EvidenceProposal(
                control_point_id=point.id,
                document_id=document.id,
                item_title=point.title,
                due_date=point.due_date,
                reason=f"вид документа соответствует форме результата «{point.result_form}», "
                f"дата {document.date:%d.%m.%Y} в периоде плана",
            )
        )
    if proposals:
        session.execute(
            update(ControlPoint)
            .where(ControlPoint.id.in_([p.control_point_id for p in proposals]))
            .values(proposed_evidence_document_id=document.id)
            .execution_options(synchronize_session="fetch")
        )
    return proposals


def confirm_evidence(
    session: Session,
    user: Actor,
    control_point_id: int,
    *,
    accept: bool = True,
    done_on: dt.date | None = None,
    comment: str | None = None,
) -> ControlPoint:
    """A supervisor's answer to a proposal: accept closes the point with the proposed document as
    evidence (done on the document's date unless `done_on` is given); reject drops the proposal."""
    point, document, _title, organization_id = _point_context(session, control_point_id)
    if point.proposed_evidence_document_id is None:
        raise DocstoreError("Для этой контрольной точки нет предложенного документа-подтверждения")
    require(
        session, user, ATTACH_EVIDENCE, authority_id=document.authority_id, organization_id=organization_id
    )
    evidence = session.get(Document, point.proposed_evidence_document_id)
    if accept:
        return mark_done(
            session,
            user,
            control_point_id,
            done_on=done_on or evidence.date,
            comment=comment,
            evidence_document_id=evidence.id,
        )
    point.proposed_evidence_document_id = None
    session.add(point)
    session.flush()
    audit.record(
        session,
        user=user,
        action="control.reject_evidence",
        document_id=document.id,
        details={"control_point_id": point.id, "evidence_document_id": evidence.id},
    )
    return point
