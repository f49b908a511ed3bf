"""The audit log: every write in the document store leaves one `AuditEvent` (who, what, when).

Every line names a person (`actor`): the account's login, or `system:<os user>` for the system
acting for someone without one (`docstore.actors`); never nobody. Actions: upload, new_version,
reextract, correct_metadata, transition, deletion_request, rating_check, confirm_organization,
merge_organization, merge_documents, create_user, and the sign-in attempts (sign_in,
sign_in_failed, sign_in_locked, sign_in_refused, sign_out). `details` holds what changed, in
plain JSON.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from db.models import AuditEvent
from docstore.actors import Actor, actor_name

ACTIONS_RU = {
    "upload": "загрузка документа",
    "new_version": "новая версия",
    "reextract": "повторное извлечение",
    "correct_metadata": "исправление реквизитов",
    "transition": "смена состояния",
    "deletion_request": "запрос на удаление (в архив)",
    "confirm_organization": "подтверждение учреждения",
    "merge_organization": "объединение учреждений",
    "merge_documents": "объединение копий документа",
    "create_user": "создание пользователя",
    "sign_in": "вход в систему",
    "sign_in_failed": "неудачная попытка входа",
    "sign_in_locked": "вход заблокирован после неудачных попыток",
    "sign_in_refused": "попытка входа во время блокировки",
    "sign_out": "выход из системы",
    "rating_check": "проверка расчёта рейтинга по исходным данным оператора",
}


def record(
    session: Session,
    *,
    action: str,
    user: Actor,
    document_id: int | None = None,
    version_id: int | None = None,
    details: dict[str, Any] | None = None,
    actor: str | None = None,
) -> AuditEvent:
    """Add one event to the session (it commits with the write it describes). `actor` names who
    acted when there is no account to name (the login typed at a failed sign-in)."""
    event = AuditEvent(
        action=action,
        user_id=user.id if user is not None else None,
        actor=actor or actor_name(user),
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
