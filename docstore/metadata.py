"""Document metadata: filled from the extraction, corrected by people, corrections kept on top.

The extraction's header (kind, authority, number, date, title, signatory, period ...) fills the
`Document` row. A user may correct any of these fields (`correct_field`); each correction is a
`MetadataCorrection` row (who, when, old and new value), and after every re-extraction (the same
file re-read or a new version) the latest correction of each field is applied again, so a
person's word always beats the extractor's.

A published document's metadata is what was published: a re-extraction or a new version leaves it
as it is, and it changes only through a correction (by someone who may publish it, see
`docstore.roles`), recorded with the state it was made in.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlmodel import Session, col, select

from db.models import Authority, Document, MetadataCorrection, utcnow
from docstore import audit
from docstore.actors import Actor
from docstore.errors import DocstoreError
from docstore.roles import EDIT, Scope, require_on_document
from extract.records import DOCUMENT_KINDS_RU, DocumentHeader

FIELD_TITLES_RU = {
    "kind": "вид документа",
    "authority_name": "орган",
    "region": "регион",
    "number": "номер",
    "date": "дата",
    "title": "заголовок",
    "signatory_position": "должность подписавшего",
    "signatory_name": "подписавший",
    "period_start": "начало периода",
    "period_end": "конец периода",
}
CORRECTABLE_FIELDS = tuple(FIELD_TITLES_RU)
_DATE_FIELDS = {"date", "period_start", "period_end"}

# Kinds whose "authority" in the extraction is the institution itself, not a regional body.
_INSTITUTION_KINDS = {"improvement_plan"}


def header_values(header: DocumentHeader) -> dict[str, Any]:
    """The Document fields the extraction's header gives."""
    return {
        "kind": header.kind,
        "authority_name": header.authority,
        "region": header.region,
        "number": header.number,
        "date": header.date,
        "title": header.title,
        "signatory_position": header.signatory.position if header.signatory else None,
        "signatory_name": header.signatory.name if header.signatory else None,
        "period_start": header.period.start if header.period else None,
        "period_end": header.period.end if header.period else None,
    }


def apply_extraction(session: Session, document: Document, header: DocumentHeader) -> None:
    """Fill the document from a (re-)extraction, then put the users' corrections back on top; a
    published document keeps its metadata (see the module docstring)."""
    if document.state != "published":
        for name, value in header_values(header).items():
            setattr(document, name, value)
        document.references = [_jsonable(dataclasses.asdict(r)) for r in header.references]
        reapply_corrections(session, document)
    if document.authority_id is None:
        document.authority_id = resolve_authority_id(session, document)
    document.updated_at = utcnow()
    session.add(document)


def reapply_corrections(session: Session, document: Document) -> int:
    """Set every corrected field to its latest corrected value; returns how many fields."""
    if document.id is None:
        return 0
    latest: dict[str, MetadataCorrection] = {}
    statement = (
        select(MetadataCorrection)
        .where(MetadataCorrection.document_id == document.id)
        .order_by(col(MetadataCorrection.at), col(MetadataCorrection.id))
    )
    for correction in session.exec(statement):
        latest[correction.field_name] = correction
    for name, correction in latest.items():
        setattr(document, name, parse_value(name, correction.new_value))
    return len(latest)


def correct_field(
    session: Session, user: Actor, document_id: int, field_name: str, value: Any
) -> MetadataCorrection:
    """Record a user's correction of one field and apply it (it survives re-extraction).

    `value` may be a string (dates as ISO `YYYY-MM-DD` or `ДД.ММ.ГГГГ`), a date, or None to
    clear the field. A new authority name moves the document into that authority's scope, so the
    user needs the right there too. Raises `Forbidden`, `NotFound`, or `DocstoreError` for a bad
    value. The caller commits.
    """
    if field_name not in CORRECTABLE_FIELDS:
        raise DocstoreError(f"Поле «{field_name}» нельзя исправить.")
    new_value = parse_value(field_name, value)
    document = require_on_document(session, user, EDIT, document_id)
    if field_name == "authority_name":
        target = _authority_moved_to(session, document, new_value)
        if target is not None:
            require_on_document(session, user, EDIT, document_id, new_authority=target)
    old_text = format_value(getattr(document, field_name))
    correction = MetadataCorrection(
        document_id=document_id,
        field_name=field_name,
        old_value=old_text,
        new_value=format_value(new_value),
        user_id=user.id if user is not None else None,
    )
    state = document.state
    session.add(correction)
    setattr(document, field_name, new_value)
    if field_name == "authority_name":
        document.authority_id = resolve_authority_id(session, document) or document.authority_id
    document.updated_at = utcnow()
    session.add(document)
    audit.record(
        session,
        action="correct_metadata",
        user=user,
        document_id=document_id,
        details={"field": field_name, "old": old_text, "new": correction.new_value, "state": state},
    )
    session.flush()
    from docstore.search import index_document  # search depends on metadata, not the reverse

    index_document(session, document_id)
    return correction


def _authority_moved_to(session: Session, document: Document, name: str | None) -> Scope | None:
    """The bare scope of the authority a new `authority_name` moves the document into (`Scope()`
    for a name no authority has yet), or None when its scope stays."""
    name = (name or "").strip()
    if not name or document.kind in _INSTITUTION_KINDS:
        return None
    authority_id = session.exec(select(Authority.id).where(Authority.name == name)).first()
    if authority_id is not None and authority_id == document.authority_id:
        return None
    return Scope(authority_id=authority_id)


def resolve_authority_id(session: Session, document: Document) -> int | None:
    """The `Authority` named in the document (created when new); None for an institution's own
    documents or when no authority is named."""
    name = (document.authority_name or "").strip()
    if not name or document.kind in _INSTITUTION_KINDS:
        return None
    authority = session.exec(select(Authority).where(Authority.name == name)).first()
    if authority is None:
        authority = Authority(name=name, region=document.region)
        session.add(authority)
        session.flush()
    return authority.id


def parse_value(field_name: str, value: Any) -> Any:
    """The typed value of a field from a correction's text (or a typed value)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if field_name in _DATE_FIELDS:
        if isinstance(value, dt.date):
            return value
        return _parse_date(str(value).strip())
    text = str(value).strip()
    if field_name == "kind" and text not in DOCUMENT_KINDS_RU:
        allowed = ", ".join(DOCUMENT_KINDS_RU)
        raise DocstoreError(f"Неизвестный вид документа «{text}»; допустимы: {allowed}.")
    return text


def format_value(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _parse_date(text: str) -> dt.date:
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise DocstoreError(f"Дата «{text}» не распознана: укажите ГГГГ-ММ-ДД или ДД.ММ.ГГГГ.")


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
