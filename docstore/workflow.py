"""The document workflow, DCWorkflow style: transitions are data, one function checks them.

draft -> registered -> approved (signed) -> published, and archived from anywhere (deletion is
soft: archiving; originals are never removed). Only published documents count in the
minister's and the council's views. Each transition is guarded by a permission (the role table
is `docstore.roles.PERMISSIONS`) and checked by `roles.require_on_document`, which also applies the
four-eyes rule to approving and publishing. Each transition is recorded in the audit log with
who, when and an optional comment.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from db.models import Document, utcnow
from docstore import audit
from docstore.actors import Actor
from docstore.errors import ForbiddenTransition, NotFound
from docstore.roles import (
    APPROVE,
    ARCHIVE,
    PUBLISH,
    REGISTER,
    RESTORE,
    UNPUBLISH,
    document_denial,
    may_on_document,
)

STATE_TITLES_RU = {
    "draft": "черновик",
    "registered": "зарегистрирован",
    "approved": "утверждён (подписан)",
    "published": "опубликован",
    "archived": "в архиве",
}


@dataclass(frozen=True)
class Transition:
    name: str
    title_ru: str
    from_states: frozenset[str]
    to_state: str
    permission: str


def _t(name: str, title_ru: str, from_states: set[str], to_state: str, permission: str) -> Transition:
    return Transition(name, title_ru, frozenset(from_states), to_state, permission)


TRANSITIONS: tuple[Transition, ...] = (
    _t("register", "Зарегистрировать", {"draft"}, "registered", REGISTER),
    _t("back_to_draft", "Вернуть в черновики", {"registered"}, "draft", REGISTER),
    _t("approve", "Утвердить (подписан)", {"registered"}, "approved", APPROVE),
    _t("publish", "Опубликовать", {"approved"}, "published", PUBLISH),
    _t("unpublish", "Снять с публикации", {"published"}, "approved", UNPUBLISH),
    _t("archive", "Отправить в архив", {"draft", "registered", "approved", "published"}, "archived", ARCHIVE),
    _t("restore", "Вернуть из архива", {"archived"}, "draft", RESTORE),
)


def find_transition(from_state: str, to_state: str) -> Transition | None:
    for candidate in TRANSITIONS:
        if from_state in candidate.from_states and candidate.to_state == to_state:
            return candidate
    return None


def available_transitions(session: Session, user: Actor, document: Document) -> list[Transition]:
    """The transitions this user may take on this document now (for the buttons of a page)."""
    return [
        t
        for t in TRANSITIONS
        if document.state in t.from_states and may_on_document(session, user, t.permission, document)
    ]


def transition(
    session: Session,
    user: Actor,
    document_id: int,
    to_state: str,
    comment: str | None = None,
    *,
    action: str = "transition",
) -> Document:
    """Move the document to `to_state`, or raise `ForbiddenTransition`. The caller commits."""
    document = session.get(Document, document_id)
    if document is None:
        raise NotFound(f"Документ № {document_id} не найден.")
    step = find_transition(document.state, to_state)
    if step is None:
        raise ForbiddenTransition(
            f"Переход из состояния «{_title(document.state)}» в «{_title(to_state)}» не предусмотрен."
        )
    reason = document_denial(session, user, step.permission, document)
    if reason is not None:
        raise ForbiddenTransition(reason)
    from_state = document.state
    document.state = to_state
    document.updated_at = utcnow()
    session.add(document)
    audit.record(
        session,
        action=action,
        user=user,
        document_id=document_id,
        details={"from": from_state, "to": to_state, "transition": step.name, "comment": comment},
    )
    session.flush()
    return document


def request_deletion(session: Session, user: Actor, document_id: int, reason: str | None = None) -> Document:
    """Soft deletion: the document goes to the archive; nothing is removed. The caller commits."""
    return transition(session, user, document_id, "archived", reason, action="deletion_request")


def _title(state: str) -> str:
    return STATE_TITLES_RU.get(state, state)
