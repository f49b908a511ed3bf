"""Sign-in sessions of the web app: a row per sign-in (`WebSession`, with its expiry), and a cookie
in the browser holding the row's id signed with the server's secret (HMAC-SHA256 of the standard
library), so a reload or a new tab finds the user again and a forged or altered cookie opens
nothing. Signing out ends the row: a copy of the cookie replayed later opens nothing either.

The secret is `NOK_SESSION_SECRET`, or one generated on first use and kept in the data folder
(`session_secret`, readable by its owner only). Several app servers on one database need the
same secret: set the variable on each.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import os
import secrets
import tempfile
from pathlib import Path

from sqlalchemy import delete
from sqlmodel import Session, col

from db.models import User, WebSession, as_utc, utcnow
from db.settings import Settings, get_settings
from docstore import audit

COOKIE_NAME = "nok_session"
SECRET_FILE = "session_secret"


def lifetime(settings: Settings | None = None) -> dt.timedelta:
    return dt.timedelta(hours=(settings or get_settings()).session_hours)


def open_session(session: Session, user: User, *, now: dt.datetime | None = None) -> str:
    """A new session for the user; returns the cookie value. Commits (and drops sessions that
    ended more than a day ago)."""
    now = now or utcnow()
    row = WebSession(
        id=secrets.token_urlsafe(32), user_id=user.id, created_at=now, expires_at=now + lifetime()
    )  # type: ignore[arg-type]
    session.add(row)
    session.execute(delete(WebSession).where(col(WebSession.expires_at) < now - dt.timedelta(days=1)))
    session.commit()
    return _sign(row.id)


def session_user(session: Session, cookie: str | None, *, now: dt.datetime | None = None) -> User | None:
    """The active user of an open, unexpired session whose cookie carries a valid signature."""
    row = _open_row(session, cookie, now or utcnow())
    if row is None:
        return None
    user = session.get(User, row.user_id)
    return user if user is not None and user.is_active else None


def end_session(session: Session, cookie: str | None, *, now: dt.datetime | None = None) -> None:
    """Sign out: the session ends on the server (recorded in the audit log). Commits."""
    now = now or utcnow()
    row = _open_row(session, cookie, now)
    if row is None:
        return
    row.ended_at = now
    session.add(row)
    audit.record(session, action="sign_out", user=session.get(User, row.user_id))
    session.commit()


def _open_row(session: Session, cookie: str | None, now: dt.datetime) -> WebSession | None:
    session_id = _unsigned(cookie or "")
    if session_id is None:
        return None
    row = session.get(WebSession, session_id)
    if row is None or row.ended_at is not None:
        return None
    expires = as_utc(row.expires_at)
    return row if expires is not None and expires > now else None


def _sign(session_id: str) -> str:
    return f"{session_id}.{_signature(session_id)}"


def _unsigned(cookie: str) -> str | None:
    session_id, dot, signature = cookie.rpartition(".")
    if not dot or not session_id or not hmac.compare_digest(signature, _signature(session_id)):
        return None
    return session_id


def _signature(session_id: str) -> str:
    return hmac.new(_secret(), session_id.encode(), hashlib.sha256).hexdigest()


def _secret() -> bytes:
    settings = get_settings()
    if settings.session_secret:
        return settings.session_secret.encode()
    return _kept_secret(settings.data_dir / SECRET_FILE)


def _kept_secret(path: Path) -> bytes:
    """The secret kept at `path`, made on first use; two processes starting together agree on
    one (it is written whole under another name, then linked into place once)."""
    try:
        return path.read_bytes().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".secret-")
    try:
        os.write(descriptor, secrets.token_hex(32).encode())
        os.close(descriptor)
        os.chmod(temporary, 0o600)
        with contextlib.suppress(FileExistsError):  # another process linked its secret first
            os.link(temporary, path)
    finally:
        os.unlink(temporary)
    return path.read_bytes().strip()
