"""`nok dedupe`: documents stored more than once (copies of one act taken in before nok knew
copies, see `docstore.copies`) merged into one, losing no version, correction or audit entry.

`find_duplicates` groups the documents that name the same act (`copies.same_act`); the one kept
is the furthest along the workflow (then the oldest). `merge_documents` moves every version
(renumbered after the kept document's), correction, audit entry, record, control point, event
and job reference of the others onto it, then:

- the records come from the best-reading copy among the merged documents' record versions (the
  same rule as for an arriving copy: checked by a person, then DOCX, PDF, scan), and the metadata
  is that copy's header with every person's correction on top;
- rows of the other copies are removed, except plan and improvement items with a done or
  evidenced control point: they stay as history, and no new point repeats a done one;
- one `merge_documents` audit entry says what was merged.

Like Paperless's sanity checker, the work returns a report the CLI prints; nothing is written
without `apply=True`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from db.models import (
    AuditEvent,
    ControlPoint,
    Document,
    DocumentVersion,
    ImprovementItem,
    IndicatorValue,
    IngestJob,
    MetadataCorrection,
    PlanEvent,
    PlanItem,
    Rating,
)
from docstore import audit, copies
from docstore.actors import Actor
from docstore.control import schedule_control_points
from docstore.errors import DocstoreError
from docstore.metadata import apply_extraction
from docstore.records import remove_records
from docstore.roles import EDIT, require_on_document
from docstore.search import index_document, unindex_document
from extract.records import DocumentHeader, Period
from extract.records_json import extraction_from_json

_STATE_ORDER = {"published": 4, "approved": 3, "registered": 2, "draft": 1}


@dataclass(frozen=True)
class DuplicateGroup:
    """Documents naming one act: `keep` stays, `merge` are folded into it."""

    keep: int
    merge: tuple[int, ...]
    act: str
    """Russian: «приказ № 64 от 15.03.2017»."""


@dataclass
class DedupeReport:
    groups: list[DuplicateGroup] = field(default_factory=list)
    applied: bool = False
    versions_moved: int = 0


def header_of(document: Document) -> DocumentHeader:
    """The document's current metadata as a header, to compare with `copies.same_act`."""
    period = (
        Period(document.period_start, document.period_end)
        if document.period_start and document.period_end
        else None
    )
    return DocumentHeader(
        kind=document.kind,  # type: ignore[arg-type]
        authority=document.authority_name,
        region=document.region,
        number=document.number,
        date=document.date,
        title=document.title,
        period=period,
    )


def find_duplicates(session: Session) -> list[DuplicateGroup]:
    """Groups of documents (not archived) that name the same act."""
    documents = list(
        session.exec(select(Document).where(Document.state != "archived").order_by(col(Document.id)))
    )
    buckets: dict[tuple[str, object], list[Document]] = {}
    for document in documents:
        if document.kind == "other":
            continue
        key = (document.kind, document.date) if document.number and document.date else (document.kind, None)
        buckets.setdefault(key, []).append(document)
    groups = []
    for bucket in buckets.values():
        left = list(bucket)
        while left:
            first = left.pop(0)
            same = [d for d in left if copies.same_act(first, header_of(d))]
            if not same:
                continue
            left = [d for d in left if d not in same]
            members = sorted([first, *same], key=lambda d: (-_STATE_ORDER.get(d.state, 0), d.id))
            keep = members[0]
            act = f"{copies.describe_ru(keep.kind, keep.number, keep.date, keep.title)}"
            groups.append(
                DuplicateGroup(
                    keep=keep.id,  # type: ignore[arg-type]
                    merge=tuple(d.id for d in members[1:]),  # type: ignore[misc]
                    act=act,
                )
            )
    return sorted(groups, key=lambda g: g.keep)


def dedupe(session: Session, user: Actor = None, *, apply: bool = False) -> DedupeReport:
    """Find documents stored twice; with `apply`, merge each group (the caller commits)."""
    report = DedupeReport(groups=find_duplicates(session), applied=apply)
    if apply:
        for group in report.groups:
            report.versions_moved += merge_documents(session, user, group.keep, group.merge)
    return report


def merge_documents(session: Session, user: Actor, keep_id: int, merge_ids: tuple[int, ...]) -> int:
    """Fold `merge_ids` into `keep_id` (see the module docstring); returns versions moved."""
    if keep_id in merge_ids:
        raise DocstoreError("Нельзя объединить документ с самим собой.")
    keep = require_on_document(session, user, EDIT, keep_id)
    candidates = [(keep, copies.records_version(session, keep))]
    moved = 0
    for source_id in merge_ids:
        source = require_on_document(session, user, EDIT, source_id)
        candidates.append((source, copies.records_version(session, source)))
        moved += _move_versions(session, source_id, keep_id)
        _move_references(session, source_id, keep_id)
    winner_document, winner = max(
        (c for c in candidates if c[1] is not None),
        key=lambda c: (c[0].records_reviewed, copies.quality(c[1].format, c[1].ocr), c[0].id == keep_id),  # type: ignore[union-attr]
        default=(keep, None),
    )
    reviewed = winner_document.records_reviewed
    for source_id in merge_ids:
        unindex_document(session, source_id)
        session.delete(session.get(Document, source_id))
    session.flush()
    if winner is not None:
        remove_records(session, keep_id, keep_version_id=winner.id)  # type: ignore[arg-type]
        keep.records_version_id = winner.id
        keep.records_reviewed = reviewed
        if winner.extraction is not None:
            apply_extraction(session, keep, extraction_from_json(winner.extraction).document)
    session.add(keep)
    session.flush()
    schedule_control_points(session, keep_id, user)
    audit.record(
        session,
        action="merge_documents",
        user=user,
        document_id=keep_id,
        details={
            "merged": list(merge_ids),
            "versions_moved": moved,
            "records_from": winner.version_no if winner is not None else None,
        },
    )
    session.flush()
    index_document(session, keep_id)
    return moved


def _move_versions(session: Session, source_id: int, keep_id: int) -> int:
    last = session.exec(
        select(func.max(DocumentVersion.version_no)).where(DocumentVersion.document_id == keep_id)
    ).one()
    number = int(last or 0)
    versions = list(
        session.exec(
            select(DocumentVersion)
            .where(DocumentVersion.document_id == source_id)
            .order_by(col(DocumentVersion.version_no))
        )
    )
    for version in versions:
        number += 1
        version.document_id = keep_id
        version.version_no = number
        session.add(version)
    session.flush()
    return len(versions)


def _move_references(session: Session, source_id: int, keep_id: int) -> None:
    """Every row pointing at the source document now points at the kept one."""
    moves = (
        (MetadataCorrection, "document_id"),
        (AuditEvent, "document_id"),
        (PlanItem, "document_id"),
        (ImprovementItem, "document_id"),
        (IndicatorValue, "document_id"),
        (Rating, "document_id"),
        (PlanEvent, "document_id"),
        (PlanEvent, "source_document_id"),
        (ControlPoint, "evidence_document_id"),
        (ControlPoint, "proposed_evidence_document_id"),
        (IngestJob, "document_id"),
        (IngestJob, "match_document_id"),
    )
    for model, name in moves:
        column = getattr(model, name)
        session.execute(update(model).where(column == source_id).values({name: keep_id}))
    session.flush()


__all__ = ["DedupeReport", "DuplicateGroup", "dedupe", "find_duplicates", "merge_documents"]
