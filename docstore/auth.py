"""Users and sign-in: argon2 password hashes in the database, roles as `RoleAssignment` rows.

Only the hash is ever stored (argon2id via argon2-cffi, its own salt and parameters inside the
string), so a leaked database does not leak passwords; a hash made with older parameters is
re-hashed on the next successful sign-in.
"""

from __future__ import annotations

from collections.abc import Sequence

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlmodel import Session, select

from db.models import ROLES, RoleAssignment, User
from docstore.errors import DocstoreError

_HASHER = PasswordHasher()

RoleSpec = tuple[str, int | None, int | None]
"""(role, authority_id, organization_id); both scopes None means a global role."""


class UserExists(DocstoreError):
    """A login is already taken."""


class UnknownRole(DocstoreError):
    """A role name outside `db.models.ROLES`."""


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def create_user(
    session: Session,
    *,
    login: str,
    password: str,
    full_name: str = "",
    roles: Sequence[RoleSpec] = (),
) -> User:
    """A new active user with the given roles; the caller commits."""
    login = login.strip()
    if not login:
        raise DocstoreError("Логин не может быть пустым.")
    if session.exec(select(User).where(User.login == login)).first() is not None:
        raise UserExists(f"Пользователь «{login}» уже существует.")
    for role, _, _ in roles:
        if role not in ROLES:
            raise UnknownRole(f"Неизвестная роль «{role}». Допустимые роли: {', '.join(ROLES)}.")
    user = User(login=login, full_name=full_name, password_hash=hash_password(password))
    session.add(user)
    session.flush()
    for role, authority_id, organization_id in roles:
        session.add(
            RoleAssignment(
                user_id=user.id,  # type: ignore[arg-type]
                role=role,
                authority_id=authority_id,
                organization_id=organization_id,
            )
        )
    session.flush()
    return user


def authenticate(session: Session, login: str, password: str) -> User | None:
    """The active user whose password matches, else None (same answer for every failure)."""
    user = session.exec(select(User).where(User.login == login.strip())).first()
    if user is None or not user.is_active or not user.password_hash:
        # Spend the same time as a real check so that timing does not reveal logins.
        _safe_verify(_DUMMY_HASH, password)
        return None
    if not _safe_verify(user.password_hash, password):
        return None
    if _HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        session.add(user)
        session.commit()
    return user


def user_by_login(session: Session, login: str) -> User | None:
    return session.exec(select(User).where(User.login == login)).first()


def roles_of(session: Session, user: User | None) -> set[str]:
    """Every role the user holds, whatever its scope (the pages shown depend on these)."""
    if user is None or user.id is None or not user.is_active:
        return set()
    rows = session.exec(select(RoleAssignment.role).where(RoleAssignment.user_id == user.id))
    return set(rows)


def _safe_verify(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


_DUMMY_HASH = _HASHER.hash("nok-dummy-password")
