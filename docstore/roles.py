"""Roles and permissions, Plone style: a table role -> permissions and one function that checks it.

Roles (`db.models.ROLES`) are given by `RoleAssignment`, like Plone's local roles: global when
both scopes are empty, otherwise limited to one authority (its documents and its region's
organizations) or to one organization. `user=None` is the system (CLI, demo loader) acting as
admin. Every write in `docstore/` calls `require`; the UI hiding a button is only a courtesy.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlmodel import Session, select

from db.models import Document, Organization, RoleAssignment, User
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
            VERIFY_RATINGS,
        }
    ),
    "minister": frozenset({VIEW_ALL, VIEW_RATINGS, COMMENT}),
    "staff": frozenset({VIEW_ALL, UPLOAD, EDIT, COMMENT, VIEW_RATINGS, CONFIRM_ORGANIZATION}),
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


def assignments(session: Session, user: User | None) -> list[RoleAssignment]:
    """The user's role assignments (empty for None: the system needs none)."""
    if user is None or user.id is None:
        return []
    return list(session.exec(select(RoleAssignment).where(RoleAssignment.user_id == user.id)))


def roles_in_scope(session: Session, user: User | None, scope: Scope = Scope()) -> set[str]:
    """The roles the user holds for an object in `scope` (global ones always count).

    The system (user None) is admin. An authority-scoped role covers the authority's documents
    and the organizations under that authority; an organization-scoped role covers only that
    organization.
    """
    if user is None:
        return {"admin"}
    if not user.is_active:
        return set()
    organization_authority = _authority_of_organization(session, scope.organization_id)
    roles = set()
    for assignment in assignments(session, user):
        if _covers(assignment, scope, organization_authority):
            roles.add(assignment.role)
    return roles


def has_permission(session: Session, user: User | None, permission: str, scope: Scope = Scope()) -> bool:
    return any(permission in PERMISSIONS.get(role, ()) for role in roles_in_scope(session, user, scope))


def require(
    session: Session,
    user: User | None,
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


def require_on_document(session: Session, user: User | None, permission: str, document_id: int) -> Document:
    """The document, once `require` passed in its scope; `NotFound` if there is none."""
    document = session.get(Document, document_id)
    if document is None:
        raise NotFound(f"Документ № {document_id} не найден.")
    scope = {"authority_id": document.authority_id, "organization_id": document.organization_id}
    require(session, user, permission, **scope)
    return document


def user_authorities(session: Session, user: User | None, roles: Iterable[str]) -> set[int]:
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
