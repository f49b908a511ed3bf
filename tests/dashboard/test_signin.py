"""Sign-in: argon2 hashes, roles, `nok user`, the login page, OIDC branch selection."""

from __future__ import annotations

import io

import pytest
from sqlmodel import Session, select

from cli.main import main
from dashboard.navigation import pages_for
from dashboard.signin import COOKIE_KEY, OIDC, PASSWORD, sign_in_method
from db.models import AuditEvent, RoleAssignment, User
from docstore.auth import UnknownRole, UserExists, authenticate, create_user, roles_of
from tests.dashboard.conftest import TEST_PASSWORD, signed_in_app


def test_password_is_stored_as_argon2_and_checked(session: Session) -> None:
    user = create_user(
        session,
        login="ivanova",
        password="секретный пароль",
        full_name="Иванова И. И.",
        roles=[("council", None, None)],
    )
    session.commit()
    assert user.password_hash.startswith("$argon2id$")
    assert "секрет" not in user.password_hash
    assert authenticate(session, "ivanova", "секретный пароль").id == user.id
    assert authenticate(session, "ivanova", "неверно") is None
    assert authenticate(session, "nobody", "секретный пароль") is None
    assert roles_of(session, user) == {"council"}


def test_inactive_user_cannot_sign_in(session: Session) -> None:
    user = create_user(session, login="old", password=TEST_PASSWORD)
    user.is_active = False
    session.commit()
    assert authenticate(session, "old", TEST_PASSWORD) is None
    assert roles_of(session, user) == set()


def test_duplicate_login_and_unknown_role_are_refused(session: Session) -> None:
    create_user(session, login="a", password=TEST_PASSWORD)
    with pytest.raises(UserExists, match="уже существует"):
        create_user(session, login="a", password=TEST_PASSWORD)
    with pytest.raises(UnknownRole, match="Неизвестная роль"):
        create_user(session, login="b", password=TEST_PASSWORD, roles=[("king", None, None)])


def test_nok_user_add_and_list(app_database, session: Session, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sys.stdin", io.StringIO("пароль-номер-1\n"))
    assert (
        main(["user", "add", "petrov", "--role", "supervisor", "--role", "council", "--password-stdin"]) == 0
    )
    assert "создан" in capsys.readouterr().out
    session.expire_all()
    user = session.exec(select(User).where(User.login == "petrov")).one()
    assert authenticate(session, "petrov", "пароль-номер-1") is not None
    roles = {a.role for a in session.exec(select(RoleAssignment).where(RoleAssignment.user_id == user.id))}
    assert roles == {"supervisor", "council"}
    monkeypatch.setattr("sys.stdin", io.StringIO("другой-пароль\n"))
    assert main(["user", "add", "petrov", "--role", "admin", "--password-stdin"]) == 1
    assert "уже существует" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("третий-пароль\n"))
    assert main(["user", "add", "z", "--role", "staff", "--authority", "Нет такого", "--password-stdin"]) == 2
    assert main(["user", "list"]) == 0
    assert "petrov\tcouncil, supervisor" in capsys.readouterr().out


def test_oidc_is_chosen_only_when_secrets_configure_auth() -> None:
    assert sign_in_method({}) == PASSWORD
    assert sign_in_method({"other": {}}) == PASSWORD
    assert (
        sign_in_method({"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "client_id": "nok"}})
        == OIDC
    )


def test_roles_map_to_pages() -> None:
    assert [p.title for p in pages_for({"minister"})] == ["Главная", "Показатели", "Рейтинги"]
    assert [p.title for p in pages_for({"council"})] == ["Главная", "Рейтинги", "Планы улучшения"]
    assert [p.title for p in pages_for({"supervisor"})] == ["Главная", "Контроль сроков", "Планы улучшения"]
    assert [p.title for p in pages_for({"staff"})] == ["Главная", "Документы"]
    assert len(pages_for({"admin"})) == 6
    assert pages_for(set()) == []


def test_without_sign_in_only_the_login_page_is_shown(filled) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(None)
    assert not at.exception
    assert at.title[0].value == "Вход в систему мониторинга НОК"
    assert not at.metric and not at.dataframe
    with pytest.raises(ValueError, match="Known pages"):
        at.switch_page("views/ratings.py")


def test_login_form_signs_in_and_refuses_a_wrong_password(filled) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(None)
    at.text_input(key="login_name").input("council")
    at.text_input(key="login_password").input("wrong")
    at.button[0].click().run()
    assert at.error[0].value == "Неверный логин или пароль."
    at.text_input(key="login_password").input(TEST_PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    assert at.title[0].value == "Независимая оценка качества: мониторинг"
    assert at.session_state["user_id"] == filled.users["council"]
    at.button(key="sign_out").click().run()
    assert at.title[0].value == "Вход в систему мониторинга НОК"


def _sign_in(at, login: str, password: str):  # type: ignore[no-untyped-def]
    at.text_input(key="login_name").input(login)
    at.text_input(key="login_password").input(password)
    return at.button[0].click().run()


def test_after_five_wrong_passwords_the_page_says_the_login_is_locked(filled, session) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(None)
    for _ in range(4):
        assert _sign_in(at, "council", "угадываю").error[0].value == "Неверный логин или пароль."
    assert "заблокирован на 15 минут" in _sign_in(at, "council", "угадываю").error[0].value
    assert "заблокирован" in _sign_in(at, "council", TEST_PASSWORD).error[0].value
    assert at.title[0].value == "Вход в систему мониторинга НОК"
    actions = session.exec(select(AuditEvent.action).where(AuditEvent.actor == "council")).all()
    assert actions == [*["sign_in_failed"] * 5, "sign_in_locked", "sign_in_refused"]


def test_the_session_cookie_signs_a_new_tab_in_until_sign_out(filled, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A reload or a new tab is a new Streamlit session that only has the browser's cookie."""
    monkeypatch.setenv("NOK_DATA_DIR", str(tmp_path))
    at = _sign_in(signed_in_app(None), "council", TEST_PASSWORD)
    cookie = at.session_state[COOKIE_KEY]
    assert any(f"nok_session={cookie}" in h.proto.body for h in at.html)  # written into the browser
    monkeypatch.setattr("dashboard.signin.browser_cookie", lambda: cookie)
    tab = signed_in_app(None)
    assert not tab.exception
    assert tab.title[0].value == "Независимая оценка качества: мониторинг"
    assert tab.session_state["user_id"] == filled.users["council"]
    monkeypatch.setattr("dashboard.signin.browser_cookie", lambda: cookie + "0")
    assert signed_in_app(None).title[0].value == "Вход в систему мониторинга НОК"  # altered
    monkeypatch.setattr("dashboard.signin.browser_cookie", lambda: cookie)
    at.button(key="sign_out").click().run()
    assert at.title[0].value == "Вход в систему мониторинга НОК"
    assert any("nok_session=; Path=/; Max-Age=0" in h.proto.body for h in at.html)  # removed
    assert signed_in_app(None).title[0].value == "Вход в систему мониторинга НОК"  # replayed
    tab.run()  # the other tab is signed out on its next run
    assert tab.title[0].value == "Вход в систему мониторинга НОК"


def test_with_oidc_secrets_the_login_page_offers_the_identity_provider(filled) -> None:  # type: ignore[no-untyped-def]
    from streamlit.testing.v1 import AppTest

    from tests.dashboard.conftest import APP

    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "test",
        "client_id": "nok",
        "client_secret": "secret",
        "server_metadata_url": "https://idp.example/.well-known/openid-configuration",
    }
    at.run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Войти через учётную запись ведомства"]
    assert not at.text_input  # no password form
