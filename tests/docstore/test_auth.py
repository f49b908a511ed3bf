"""Sign-in like a real web application: password rules, five failures lock a login for 15
minutes (every attempt in the audit log), and signed, expiring server-side sessions that
signing out ends."""

from __future__ import annotations

import datetime as dt
import io
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session, select

from cli.main import main as nok
from db.engine import get_engine
from db.models import AuditEvent, User, WebSession, utcnow
from docstore import sessions
from docstore.auth import SignInRefused, WeakPassword, create_user, sign_in
from docstore.errors import DocstoreError
from docstore.installation import mark_demo_installation

GOOD = "Длинный-пароль-2024"


@pytest.fixture
def app_env(engine, session, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The commands use the (emptied) test database."""
    monkeypatch.setenv("NOK_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    get_engine.cache_clear()
    yield
    get_engine.cache_clear()


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("a", "слишком короткий"),
        (" ", "только из пробелов"),
        ("        ", "только из пробелов"),
        ("\t \t \t \t ", "только из пробелов"),
        ("short7!", "слишком короткий"),
        ("Ivanova-Admin", "совпадать с логином"),
    ],
)
def test_weak_passwords_are_refused_with_the_reason(session: Session, password: str, reason: str) -> None:
    with pytest.raises(WeakPassword, match=reason):
        create_user(session, login="ivanova-admin", password=password)
    assert session.exec(select(User)).all() == []


@pytest.mark.parametrize("password", ["a", " "])
def test_nok_user_add_refuses_a_weak_password_with_exit_2(
    app_env,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    session: Session,
    password: str,
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    assert nok(["user", "add", "weak", "--role", "admin", "--password-stdin"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("nok user add: Пароль") and "Traceback" not in err
    session.expire_all()
    assert session.exec(select(User)).all() == []


def test_demo_accounts_exist_only_in_a_demo_installation(session: Session) -> None:
    with pytest.raises(DocstoreError, match="только в демонстрационной установке"):
        create_user(session, login="admin", password="demo", demo=True)
    mark_demo_installation(session)
    create_user(session, login="admin", password="demo", demo=True)
    with pytest.raises(WeakPassword):  # an ordinary account of a demo installation follows the rules
        create_user(session, login="other", password="demo")


def test_five_failures_lock_a_login_for_15_minutes_and_every_attempt_is_audited(session: Session) -> None:
    user = create_user(session, login="ivanova", password=GOOD)
    session.commit()
    start = utcnow()
    for attempt in range(4):
        with pytest.raises(SignInRefused, match="Неверный логин или пароль"):
            sign_in(session, "ivanova", "не тот", now=start + dt.timedelta(seconds=attempt))
    with pytest.raises(SignInRefused, match="заблокирован на 15 минут"):
        sign_in(session, "ivanova", "не тот", now=start + dt.timedelta(seconds=5))
    with pytest.raises(SignInRefused, match="заблокирован"):  # even the right password, while locked
        sign_in(session, "ivanova", GOOD, now=start + dt.timedelta(minutes=14))
    assert sign_in(session, "ivanova", GOOD, now=start + dt.timedelta(minutes=16)).id == user.id
    events = session.exec(select(AuditEvent).order_by(AuditEvent.id)).all()  # type: ignore[arg-type]
    assert [e.action for e in events if e.action.startswith("sign_")] == [
        *["sign_in_failed"] * 5,
        "sign_in_locked",
        "sign_in_refused",
        "sign_in",
    ]
    assert {e.actor for e in events if e.action.startswith("sign_")} == {"ivanova"}
    assert events[-1].user_id == user.id


def test_an_unknown_login_locks_the_same_way_and_a_success_resets_the_count(session: Session) -> None:
    create_user(session, login="petrov", password=GOOD)
    session.commit()
    for _ in range(5):
        with pytest.raises(SignInRefused):
            sign_in(session, "nobody", "x")
    with pytest.raises(SignInRefused, match="заблокирован"):
        sign_in(session, "nobody", "x")
    for _ in range(4):
        with pytest.raises(SignInRefused, match="Неверный"):
            sign_in(session, "petrov", "x")
    sign_in(session, "petrov", GOOD)
    for _ in range(4):  # counted afresh after the success
        with pytest.raises(SignInRefused, match="Неверный"):
            sign_in(session, "petrov", "x")


@pytest.fixture
def secret_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NOK_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("NOK_SESSION_SECRET", raising=False)
    return tmp_path


def test_a_session_cookie_is_signed_expires_and_ends_with_sign_out(
    session: Session, secret_dir: Path
) -> None:
    user = create_user(session, login="ivanova", password=GOOD)
    session.commit()
    cookie = sessions.open_session(session, user)
    assert sessions.session_user(session, cookie).id == user.id
    session_id, _, signature = cookie.rpartition(".")
    assert session.get(WebSession, session_id) is not None
    assert sessions.session_user(session, f"{session_id}.{'0' * len(signature)}") is None  # forged
    assert sessions.session_user(session, session_id) is None
    later = utcnow() + dt.timedelta(hours=13)
    assert sessions.session_user(session, cookie, now=later) is None  # expired (12 h by default)
    sessions.end_session(session, cookie)
    assert sessions.session_user(session, cookie) is None  # replayed after sign-out
    assert session.exec(select(AuditEvent.action).where(AuditEvent.action == "sign_out")).all() == [
        "sign_out"
    ]


def test_a_disabled_account_loses_its_open_sessions(session: Session, secret_dir: Path) -> None:
    user = create_user(session, login="ivanova", password=GOOD)
    session.commit()
    cookie = sessions.open_session(session, user)
    user.is_active = False
    session.commit()
    assert sessions.session_user(session, cookie) is None


def test_the_secret_is_generated_once_in_the_data_folder_unless_set(
    session: Session, secret_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = create_user(session, login="ivanova", password=GOOD)
    session.commit()
    cookie = sessions.open_session(session, user)
    kept = secret_dir / "session_secret"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert len(kept.read_text().strip()) >= 64
    assert sessions.session_user(session, cookie) is not None  # the same secret read back
    monkeypatch.setenv("NOK_SESSION_SECRET", "задан-администратором")
    assert sessions.session_user(session, cookie) is None  # signed with another key
    assert sessions.session_user(session, sessions.open_session(session, user)) is not None
