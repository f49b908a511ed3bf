"""Users and sign-in: argon2 password hashes in the database, roles as `RoleAssignment` rows.

Only the hash is ever stored (argon2id via argon2-cffi, its own salt and parameters inside the
string), so a leaked database does not leak passwords; a hash made with older parameters is
re-hashed on the next successful sign-in.

Passwords follow `password_problem` wherever one is set: at least 8 characters, not only spaces,
not the login. The demo accounts (password `demo`) are the one exception, and exist only in a
demo installation (`docstore.installation`).

`sign_in` guards against guessing: five failed attempts in a row lock a login (whether or not it
exists, so a lock tells nothing) for 15 minutes, and every attempt (success, failure, lock, an
attempt while locked) is a line of the audit log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlmodel import Session, select

from db.models import ROLES, RoleAssignment, SignInThrottle, User, as_utc, utcnow
from docstore import audit
from docstore.actors import Actor
from docstore.errors import DocstoreError
from docstore.installation import is_demo_installation
from docstore.roles import MANAGE_USERS, require

_HASHER = PasswordHasher()
MIN_PASSWORD_LENGTH = 8
MAX_FAILURES = 5
LOCK_MINUTES = 15

RoleSpec = tuple[str, int | None, int | None]
"""(role, authority_id, organization_id); both scopes None means a global role."""


class UserExists(DocstoreError):
    """A login is already taken."""


class UnknownRole(DocstoreError):
    """A role name outside `db.models.ROLES`."""


class WeakPassword(DocstoreError):
    """A password that breaks the rules of `password_problem`."""


class SignInRefused(DocstoreError):
    """A wrong login or password, or a login locked after too many failures."""


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def password_problem(login: str, password: str) -> str | None:
    """Why the password may not be used for this login (a Russian line), or None."""
    if not password.strip():
        return "Пароль не может быть пустым или состоять только из пробелов."
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Пароль слишком короткий: нужно не меньше {MIN_PASSWORD_LENGTH} символов."
    if password.strip().casefold() == login.strip().casefold():
        return "Пароль не должен совпадать с логином."
    return None


def set_password(session: Session, user: User, password: str) -> None:
    """Give the user a new password (checked against the rules); the caller commits."""
    problem = password_problem(user.login, password)
    if problem is not None:
        raise WeakPassword(problem)
    user.password_hash = hash_password(password)
    session.add(user)


def create_user(
    session: Session,
    *,
    login: str,
    password: str,
    full_name: str = "",
    roles: Sequence[RoleSpec] = (),
    by: Actor = None,
    demo: bool = False,
) -> User:
    """A new active user with the given roles, created by `by` (who must manage users); the
    caller commits. `demo` makes a demo account, exempt from the password rules, which only a
    demo installation may have."""
    login = login.strip()
    if not login:
        raise DocstoreError("Логин не может быть пустым.")
    require(session, by, MANAGE_USERS)
    if demo and not is_demo_installation(session):
        raise DocstoreError("Демонстрационные учётные записи создаются только в демонстрационной установке.")
    problem = None if demo else password_problem(login, password)
    if problem is not None:
        raise WeakPassword(problem)
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
    audit.record(
        session,
        action="create_user",
        user=by,
        details={"login": login, "roles": [list(spec) for spec in roles], "demo": demo},
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


def sign_in(session: Session, login: str, password: str, *, now: dt.datetime | None = None) -> User:
    """The user, once the password matches and the login is not locked; else `SignInRefused`.
    Records the attempt in the audit log and commits."""
    now = now or utcnow()
    key = login.strip()[:100]
    who = key or "(пустой логин)"
    throttle = session.get(SignInThrottle, key) or SignInThrottle(login=key)
    locked_until = as_utc(throttle.locked_until)
    if locked_until is not None and locked_until > now:
        audit.record(session, action="sign_in_refused", user=None, actor=who, details={"login": key})
        session.commit()
        raise SignInRefused(_locked_message(key, locked_until))
    user = authenticate(session, key, password)
    if user is not None:
        stored = session.get(SignInThrottle, key)
        if stored is not None:  # a success ends the run of failures
            session.delete(stored)
        audit.record(session, action="sign_in", user=user)
        session.commit()
        return user
    last = as_utc(throttle.last_failure_at)
    recent = last is not None and now - last < dt.timedelta(minutes=LOCK_MINUTES)
    throttle.failures = (throttle.failures if recent else 0) + 1
    throttle.last_failure_at = now
    audit.record(
        session,
        action="sign_in_failed",
        user=None,
        actor=who,
        details={"login": key, "failures": throttle.failures},
    )
    message = "Неверный логин или пароль."
    if throttle.failures >= MAX_FAILURES:
        throttle.locked_until = now + dt.timedelta(minutes=LOCK_MINUTES)
        throttle.failures = 0
        audit.record(
            session,
            action="sign_in_locked",
            user=None,
            actor=who,
            details={"login": key, "until": throttle.locked_until.isoformat()},
        )
        message = _locked_message(key, throttle.locked_until)
    session.add(throttle)
    session.commit()
    raise SignInRefused(message)


def user_by_login(session: Session, login: str) -> User | None:
    return session.exec(select(User).where(User.login == login)).first()


def roles_of(session: Session, user: User | None) -> set[str]:
    """Every role the user holds, whatever its scope (the pages shown depend on these)."""
    if user is None or user.id is None or not user.is_active:
        return set()
    rows = session.exec(select(RoleAssignment.role).where(RoleAssignment.user_id == user.id))
    return set(rows)


def _locked_message(login: str, until: dt.datetime) -> str:
    local = until.astimezone()
    return (
        f"Слишком много неудачных попыток: вход «{login}» заблокирован на {LOCK_MINUTES} минут, "
        f"до {local:%H:%M}. Попробуйте позже."
    )


def _safe_verify(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


_DUMMY_HASH = _HASHER.hash("nok-dummy-password")
