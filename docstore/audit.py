"""The audit log: every write in the document store leaves one `AuditEvent` (who, what, when).

Actions: upload, new_version, reextract, correct_metadata, transition, deletion_request, rating_check,
confirm_organization, merge_organization. `details` holds what changed, in plain JSON.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from db.models import AuditEvent, User

ACTIONS_RU = {
    "upload": "загрузка документа",
    "new_version": "новая версия",
    "reextract": "повторное извлечение",
    "correct_metadata": "исправление реквизитов",
    "transition": "смена состояния",
    "deletion_request": "запрос на удаление (в архив)",
    "confirm_organization": "подтверждение учреждения",
    "merge_organization": "объединение учреждений",
    "rating_check": "проверка расчёта рейтинга по исходным данным оператора",
}


def record(
    session: Session,
    *,
    action: str,
    user: User | None,
    document_id: int | None = None,
    version_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add one event to the session (it commits with the write it describes)."""
    event = AuditEvent(
        action=action,
        user_id=user.id if user is not None else None,
        document_id=document_id,
        version_id=version_id,
        details=details or {},
    )
    session.add(event)
    return event


def events_for_document(session: Session, document_id: int) -> list[AuditEvent]:
    """The document's history, oldest first."""
    statement = select(AuditEvent).where(AuditEvent.document_id == document_id).order_by(col(AuditEvent.id))
    return list(session.exec(statement))


def events_by_user(session: Session, user_id: int | None, *, limit: int = 500) -> list[AuditEvent]:
    """What a user did (None: the system), newest first."""
    condition = AuditEvent.user_id.is_(None) if user_id is None else AuditEvent.user_id == user_id  # type: ignore[union-attr]
    statement = select(AuditEvent).where(condition).order_by(col(AuditEvent.id).desc()).limit(limit)
    return list(session.exec(statement))
