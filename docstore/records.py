"""Writing an extraction's records (indicators, plan items, ratings, improvement items) to the
database, each linked to its source document and version.

Called by the ingest pipeline inside its transaction. On re-extraction (a new version, or the
same document re-read) the document's records are replaced:

- ratings and indicator values of the document are deleted and written anew (nothing refers
  to them, and an old version's copy would be counted twice);
- plan items and improvement items written before are deleted together with their open
  control points, EXCEPT items that have a done (or evidenced) control point: those stay as
  history, linked to their old version, so no supervisor's mark is lost (re-reading the same
  version keeps such items beside the new ones; `schedule_control_points` never repeats a
  done point of the same wording). The current items of
  a document are those of its newest version (see `docstore.control._current_items`), and
  `schedule_control_points` does not repeat a point already done for the same wording.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import delete, insert, or_, true
from sqlmodel import Session, col, select

from db.models import (
    CRITERIA,
    ControlPoint,
    Document,
    DocumentVersion,
    Executor,
    ImprovementItem,
    Indicator,
    IndicatorValue,
    PlanItem,
    PlanItemExecutor,
    Rating,
)
from docstore.organizations import OrganizationMatcher, match_organization
from extract.records import Extraction


@dataclass
class RecordCounts:
    indicators: int = 0
    indicator_values: int = 0
    plan_items: int = 0
    ratings: int = 0
    improvement_items: int = 0
    skipped_ratings: int = 0
    """Rating rows without a year (neither in the row, the period nor the document date)."""
    new_organizations: list[str] = field(default_factory=list)
    flagged_organizations: list[str] = field(default_factory=list)
    """Names that created an organization close to an existing one: a person must confirm."""


def write_records(
    session: Session,
    document: Document,
    version: DocumentVersion,
    extraction: Extraction,
    *,
    improvement_criteria: tuple[str | None, ...] = (),
) -> RecordCounts:
    """Replace the document's records by those of `extraction` (see the module docstring)."""
    assert document.id is not None and version.id is not None
    counts = RecordCounts()
    remove_records(session, document.id)
    _write_indicators(session, document, version, extraction, counts)
    _write_plan_items(session, document, version, extraction, counts)
    _write_ratings(session, document, version, extraction, counts)
    _write_improvement_items(session, document, version, extraction, improvement_criteria, counts)
    session.flush()
    return counts


def remove_records(session: Session, document_id: int, *, keep_version_id: int | None = None) -> None:
    """Remove the document's records (all, or all but those of `keep_version_id`); plan and
    improvement items with a done or evidenced control point stay as history."""

    def other(model):  # type: ignore[no-untyped-def]
        return col(model.version_id) != keep_version_id if keep_version_id is not None else true()

    session.execute(delete(Rating).where(col(Rating.document_id) == document_id, other(Rating)))
    session.execute(
        delete(IndicatorValue).where(col(IndicatorValue.document_id) == document_id, other(IndicatorValue))
    )
    kept_history = or_(
        col(ControlPoint.done_date).is_not(None), col(ControlPoint.evidence_document_id).is_not(None)
    )
    for model, link in (
        (PlanItem, ControlPoint.plan_item_id),
        (ImprovementItem, ControlPoint.improvement_item_id),
    ):
        old_ids = list(
            session.exec(
                select(model.id).where(model.document_id == document_id, other(model))  # type: ignore[attr-defined]
            )
        )
        if not old_ids:
            continue
        with_history = set(session.exec(select(link).where(col(link).in_(old_ids), kept_history)))
        removable = [i for i in old_ids if i not in with_history]
        if not removable:
            continue
        session.execute(delete(ControlPoint).where(col(link).in_(removable)))
        if model is PlanItem:
            session.execute(delete(PlanItemExecutor).where(col(PlanItemExecutor.plan_item_id).in_(removable)))
        session.execute(delete(model).where(col(model.id).in_(removable)))  # type: ignore[attr-defined]


def _write_indicators(
    session: Session,
    document: Document,
    version: DocumentVersion,
    extraction: Extraction,
    counts: RecordCounts,
) -> None:
    for record in extraction.indicators:
        indicator = session.exec(
            select(Indicator).where(Indicator.name == record.name, _same(Indicator.region, document.region))
        ).first()
        if indicator is None:
            indicator = Indicator(
                name=record.name, unit=record.unit, region=document.region, authority_id=document.authority_id
            )
            session.add(indicator)
            session.flush()
        counts.indicators += 1
        for value in record.values:
            session.add(
                IndicatorValue(
                    indicator_id=indicator.id,
                    year=value.year,
                    kind=value.kind,
                    value=value.value,
                    document_id=document.id,
                    version_id=version.id,
                )
            )
            counts.indicator_values += 1


def _write_plan_items(
    session: Session,
    document: Document,
    version: DocumentVersion,
    extraction: Extraction,
    counts: RecordCounts,
) -> None:
    for position, record in enumerate(extraction.plan_items):
        deadline = record.deadline
        item = PlanItem(
            document_id=document.id,
            version_id=version.id,
            position=position,
            number=record.number,
            title=record.title,
            section=record.section,
            result_form=record.result_form,
            responsible=list(record.responsible),
            deadline_text=deadline.text,
            deadline_kind=deadline.kind,
            every=deadline.every,
            offset_days=deadline.offset_days,
            after_event=deadline.after_event,
        )
        session.add(item)
        session.flush()
        executor_ids = {executor_id(session, name) for name in record.responsible if name.strip()}
        for executor in sorted(executor_ids):
            session.add(PlanItemExecutor(plan_item_id=item.id, executor_id=executor))
        counts.plan_items += 1


def _write_ratings(
    session: Session,
    document: Document,
    version: DocumentVersion,
    extraction: Extraction,
    counts: RecordCounts,
) -> None:
    default_year = _document_year(document)
    matcher = OrganizationMatcher(session, region=document.region, authority_id=document.authority_id)
    matched = []
    for record in extraction.ratings:
        year = record.year or default_year
        if year is None:
            counts.skipped_ratings += 1
            continue
        match = matcher.match(record.organization, record.service_form)
        _note_match(match.status, record.organization, counts)
        matched.append((record, year, match))
    matcher.flush()  # one batch insert of the new organizations, then their ids are known
    rows = [
        {
            "organization_id": match.id,
            "year": year,
            "service_form": record.service_form,
            **dataclasses.asdict(record.scores),
            "total": record.total,
            "rank": record.rank,
            "scale": record.scale,
            "document_id": document.id,
            "version_id": version.id,
        }
        for record, year, match in matched
    ]
    if rows:  # a core insert: ten thousand ORM objects would cost more than the rest of ingest
        session.execute(insert(Rating), rows)
    counts.ratings += len(rows)


def _write_improvement_items(
    session: Session,
    document: Document,
    version: DocumentVersion,
    extraction: Extraction,
    criteria: tuple[str | None, ...],
    counts: RecordCounts,
) -> None:
    for position, record in enumerate(extraction.improvement_items):
        organization_id = None
        if record.organization:
            match = match_organization(
                session, record.organization, region=document.region, authority_id=document.authority_id
            )
            _note_match(match.status, record.organization, counts)
            organization_id = match.organization.id
            if document.organization_id is None:
                document.organization_id = organization_id
                session.add(document)
        criterion = criteria[position] if position < len(criteria) else None
        responsible = record.responsible
        planned = record.planned
        executor_name = (responsible.name or responsible.position) if responsible else None
        session.add(
            ImprovementItem(
                document_id=document.id,
                version_id=version.id,
                position=position,
                organization_id=organization_id,
                organization_name=record.organization,
                criterion=criterion if criterion in CRITERIA else None,
                deficiency=record.deficiency,
                measure=record.measure,
                planned_text=planned.text,
                planned_kind=planned.kind,
                every=planned.every,
                offset_days=planned.offset_days,
                after_event=planned.after_event,
                responsible_name=responsible.name if responsible else None,
                responsible_position=responsible.position if responsible else None,
                executor_id=executor_id(session, executor_name) if executor_name else None,
                done_measures=record.done_measures,
                actual_date=record.actual_date,
            )
        )
        counts.improvement_items += 1


def executor_id(session: Session, name: str) -> int:
    """The executor called `name` (compared case- and space-insensitively), created if new."""
    normalized = " ".join(name.lower().replace("ё", "е").split())[:500]
    found = session.exec(select(Executor.id).where(Executor.normalized == normalized)).first()
    if found is not None:
        return found
    executor = Executor(name=" ".join(name.split())[:500], normalized=normalized)
    session.add(executor)
    session.flush()
    assert executor.id is not None
    return executor.id


def _note_match(status: str, name: str, counts: RecordCounts) -> None:
    if status == "new" and name not in counts.new_organizations:
        counts.new_organizations.append(name)
    if status == "flagged" and name not in counts.flagged_organizations:
        counts.flagged_organizations.append(name)


def _document_year(document: Document) -> int | None:
    if (
        document.period_start
        and document.period_end
        and document.period_start.year == document.period_end.year
    ):
        return document.period_start.year
    return document.date.year if isinstance(document.date, dt.date) else None


def _same(column, value):  # type: ignore[no-untyped-def]
    """`column = value` that also matches NULL to None."""
    return col(column).is_(None) if value is None else column == value
