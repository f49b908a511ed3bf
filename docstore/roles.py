"""Roles and permissions, Plone style: a table role -> permissions and one function that checks it.

Roles (`db.models.ROLES`) are given by `RoleAssignment`, like Plone's local roles: global when
both scopes are empty, otherwise limited to one authority (its documents and its region's
organizations) or to one organization. `user=None` is the system (CLI, demo loader) acting as
admin. Every write in `docstore/` calls `require` (a scope) or `require_on_document` (a document: the
one place that also knows the rules below); the UI hiding a button is only a courtesy.

Rules on documents, beyond the table:
- a change of authority (correcting `authority_name`) needs the right in the old scope AND in the
  new authority, so a body's staff cannot plant an act under another body;
- a published document is changed (metadata, new versions) only by someone who may both edit and
  publish it, and its metadata only through recorded corrections (`docstore.metadata`);
- optionally (`NOK_FOUR_EYES=1`, Plone's reviewer vs owner), a person who uploaded a document or
  one of its versions cannot approve or publish it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlmodel import Session, select

from db.models import Document, DocumentVersion, Organization, RoleAssignment, User
from db.settings import get_settings
from docstore.actors import Actor, is_system
from docstore.errors import Forbidden, NotFound

# Permissions, as verbs on objects.
VIEW_ALL = "document.view_all"  # every state, not only published
UPLOAD = "document.upload"
EDIT = "document.edit"  # metadata corrections, new versions
COMMENT = "document.comment"
VIEW_RATINGS = "rating.view"
CONFIRM_ORGANIZATION = "organization.confirm"
MARK_DONE = "controlpoint.mark_done"
ATTACH_EVIDENCE = "controlpoint.attach_evidence"
MANAGE_USERS = "user.manage"
# Workflow transitions are guarded by permissions too (DCWorkflow's guards): see docstore.workflow.
REGISTER = "document.register"
APPROVE = "document.approve"
PUBLISH = "document.publish"
UNPUBLISH = "document.unpublish"
ARCHIVE = "document.archive"
RESTORE = "document.restore"
WORKFLOW_PERMISSIONS = frozenset({REGISTER, APPROVE, PUBLISH, UNPUBLISH, ARCHIVE, RESTORE})
FOUR_EYES_PERMISSIONS = frozenset({APPROVE, PUBLISH})
VERIFY_RATINGS = "rating.verify"  # store the operator's raw figures and check the ratings by them

PERMISSIONS: dict[str, frozenset[str]] = {
    "admin": frozenset(
        {
            VIEW_ALL,
            UPLOAD,
            EDIT,
            COMMENT,
            VIEW_RATINGS,
            CONFIRM_ORGANIZATION,
            MARK_DONE,
            ATTACH_EVIDENCE,
            MANAGE_USERS,
            *WORKFLOW_PERMISSIONS,
            VERIFY_RATINGS,
        }
    ),
    "minister": frozenset({VIEW_ALL, VIEW_RATINGS, COMMENT, APPROVE, PUBLISH, UNPUBLISH}),
    "staff": frozenset(
        {
            VIEW_ALL,
            UPLOAD,
            EDIT,
            COMMENT,
            VIEW_RATINGS,
            CONFIRM_ORGANIZATION,
            REGISTER,
            APPROVE,
            PUBLISH,
            ARCHIVE,
        }
    ),
    "council": frozenset({VIEW_RATINGS, COMMENT, VERIFY_RATINGS}),
    "supervisor": frozenset({VIEW_RATINGS, MARK_DONE, ATTACH_EVIDENCE}),
}

ROLE_TITLES_RU = {
    "admin": "администратор",
    "minister": "министр",
    "staff": "сотрудник органа",
    "council": "член общественного совета",
    "supervisor": "контролёр",
}

PERMISSION_TITLES_RU = {
    VIEW_ALL: "просматривать все документы",
    UPLOAD: "загружать документы",
    EDIT: "изменять документы",
    COMMENT: "оставлять комментарии",
    VIEW_RATINGS: "просматривать рейтинги",
    CONFIRM_ORGANIZATION: "подтверждать учреждения",
    MARK_DONE: "отмечать выполнение контрольных точек",
    ATTACH_EVIDENCE: "прикладывать подтверждающие документы",
    MANAGE_USERS: "управлять пользователями",
    REGISTER: "регистрировать документы и возвращать их в черновики",
    APPROVE: "утверждать документы",
    PUBLISH: "публиковать документы",
    UNPUBLISH: "снимать документы с публикации",
    ARCHIVE: "отправлять документы в архив",
    RESTORE: "возвращать документы из архива",
    VERIFY_RATINGS: "проверять расчёт рейтингов по исходным данным оператора",
}

OPERATOR_DATA = "operator_data"
"""The one kind of document the council stores: the operator's raw figures it checks."""


def upload_permission(kind: str | None) -> str:
    """What storing a new document of `kind` takes: the operator's raw figures are the council's
    to check (`VERIFY_RATINGS`), every other kind is staff's (`UPLOAD`)."""
    return VERIFY_RATINGS if kind == OPERATOR_DATA else UPLOAD


def edit_permission(kind: str | None) -> str:
    """What adding a version to a document of `kind` takes (see `upload_permission`)."""
    return VERIFY_RATINGS if kind == OPERATOR_DATA else EDIT


@dataclass(frozen=True)
class Scope:
    """Where an action happens: the document's authority and/or organization."""

    authority_id: int | None = None
    organization_id: int | None = None


def assignments(session: Session, user: Actor) -> list[RoleAssignment]:
    """The user's role assignments (empty for None: the system needs none)."""
    if user is None or user.id is None:
        return []
    return list(session.exec(select(RoleAssignment).where(RoleAssignment.user_id == user.id)))


def roles_in_scope(session: Session, user: Actor, scope: Scope = Scope()) -> set[str]:
    """The roles the user holds for an object in `scope` (global ones always count).

    The system (None or `System`) is admin. An authority-scoped role covers the authority's documents
    and the organizations under that authority; an organization-scoped role covers only that
    organization.
    """
    if is_system(user):
        return {"admin"}
    assert isinstance(user, User)
    if not user.is_active:
        return set()
    organization_authority = _authority_of_organization(session, scope.organization_id)
    roles = set()
    for assignment in assignments(session, user):
        if _covers(assignment, scope, organization_authority):
            roles.add(assignment.role)
    return roles


def has_permission(session: Session, user: Actor, permission: str, scope: Scope = Scope()) -> bool:
    return any(permission in PERMISSIONS.get(role, ()) for role in roles_in_scope(session, user, scope))


def require(
    session: Session,
    user: Actor,
    permission: str,
    *,
    authority_id: int | None = None,
    organization_id: int | None = None,
) -> None:
    """Raise `Forbidden` unless the user holds `permission` in this scope."""
    scope = Scope(authority_id=authority_id, organization_id=organization_id)
    if not has_permission(session, user, permission, scope):
        what = PERMISSION_TITLES_RU.get(permission, permission)
        who = user.login if user is not None else "система"
        raise Forbidden(f"Недостаточно прав: пользователь «{who}» не может {what}.")


def document_scope(document: Document) -> Scope:
    return Scope(authority_id=document.authority_id, organization_id=document.organization_id)


def document_denial(
    session: Session,
    user: Actor,
    permission: str,
    document: Document,
    *,
    new_authority: Scope | None = None,
) -> str | None:
    """Why the user may not do `permission` on the document (a Russian line), or None if they may.

    `new_authority` is the bare authority scope a change of authority moves the document into
    (`Scope()` for an authority nobody holds yet). The rules are in the module docstring."""
    if is_system(user):
        return None
    who = user.login  # type: ignore[union-attr]
    needed = [permission]
    if document.state == "published" and permission == EDIT:
        needed.append(PUBLISH)
    for scope in (document_scope(document), *([new_authority] if new_authority is not None else [])):
        for wanted in needed:
            if has_permission(session, user, wanted, scope):
                continue
            if scope is new_authority:
                return (
                    f"Недостаточно прав: пользователь «{who}» не может перенести документ в другой "
                    "орган: нужны права и в прежнем, и в новом органе."
                )
            if wanted == PUBLISH:
                return (
                    f"Недостаточно прав: опубликованный документ изменяет только тот, кто вправе его "
                    f"публиковать; пользователь «{who}» не может."
                )
            what = PERMISSION_TITLES_RU.get(wanted, wanted)
            return f"Недостаточно прав: пользователь «{who}» не может {what}."
    four_eyes = permission in FOUR_EYES_PERMISSIONS and get_settings().four_eyes
    if four_eyes and _uploaded(session, user, document):
        return (
            f"Правило четырёх глаз: документ (или его версию) загрузил пользователь «{who}»; "
            "утвердить и опубликовать его должен другой сотрудник."
        )
    return None


def may_on_document(session: Session, user: Actor, permission: str, document: Document) -> bool:
    """Whether `require_on_document` would pass (for the pages' buttons and copy matching)."""
    return document_denial(session, user, permission, document) is None


def require_on_document(
    session: Session,
    user: Actor,
    permission: str,
    document_id: int,
    *,
    new_authority: Scope | None = None,
) -> Document:
    """The document, once the user may do `permission` on it; `NotFound` if there is none,
    `Forbidden` (with the reason) if they may not."""
    document = session.get(Document, document_id)
    if document is None:
        raise NotFound(f"Документ № {document_id} не найден.")
    reason = document_denial(session, user, permission, document, new_authority=new_authority)
    if reason is not None:
        raise Forbidden(reason)
    return document


def _uploaded(session: Session, user: Actor, document: Document) -> bool:
    """Whether this person created the document or uploaded one of its versions."""
    if user is None or user.id is None:
        return False
    if document.created_by_id == user.id:
        return True
    statement = select(DocumentVersion.id).where(
        DocumentVersion.document_id == document.id, DocumentVersion.uploaded_by_id == user.id
    )
    return session.exec(statement).first() is not None


def user_authorities(session: Session, user: Actor, roles: Iterable[str]) -> set[int]:
    """Authorities where the user holds one of `roles` (used to own a staff member's upload)."""
    wanted = set(roles)
    return {
        a.authority_id for a in assignments(session, user) if a.role in wanted and a.authority_id is not None
    }


def _covers(assignment: RoleAssignment, scope: Scope, organization_authority: int | None) -> bool:
    if assignment.authority_id is None and assignment.organization_id is None:
        return True
    if assignment.organization_id is not None:
        return assignment.organization_id == scope.organization_id
    return assignment.authority_id in {scope.authority_id, organization_authority} - {None}


def _authority_of_organization(session: Session, organization_id: int | None) -> int | None:
    if organization_id is None:
        return None
    organization = session.get(Organization, organization_id)
    return organization.authority_id if organization is not None else None
