"""Who is using the app: password sign-in against the database, or OIDC through `st.login`.

The signed-in user's id lives in `st.session_state["user_id"]`; nothing else is shown until it
is set. A password sign-in also opens a server-side session (`docstore.sessions`) whose signed
id the browser keeps in the cookie `nok_session`: Streamlit reads the cookies of the page's
request (`st.context.cookies`), so a reload or a new tab signs the user in again, and a small
script (`st.html` with JavaScript, in the page itself) writes and removes the cookie, since
Streamlit cannot set one from Python. Each run checks the session again: one ended by signing
out, expired, or of a disabled account signs this tab out too.

When `.streamlit/secrets.toml` has an `[auth]` section the ministry's identity provider signs
people in (`st.login`, with Streamlit's own cookie) and the account is matched by e-mail or
login in our user table, which still holds the roles.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import streamlit as st
from sqlmodel import Session, select

from db.engine import get_engine
from db.models import User
from docstore.auth import SignInRefused, roles_of, sign_in
from docstore.sessions import COOKIE_NAME, end_session, lifetime, open_session, session_user

USER_KEY = "user_id"
COOKIE_KEY = "web_session"
"""The cookie value of this tab's sign-in (also kept by the browser)."""
FORGET_KEY = "forget_session_cookie"
PASSWORD, OIDC = "password", "oidc"


@dataclass(frozen=True)
class SignedIn:
    user_id: int
    login: str
    full_name: str
    roles: frozenset[str]


def sign_in_method(secrets: Mapping[str, Any]) -> str:
    """OIDC when the secrets configure `[auth]` (with a provider or `client_id`), else passwords."""
    try:
        section = secrets.get("auth") if hasattr(secrets, "get") else None
    except Exception:  # st.secrets raises when no secrets file exists at all
        section = None
    return OIDC if section else PASSWORD


def browser_cookie() -> str | None:
    """The session cookie the browser sent with the page's request (none under AppTest)."""
    value = st.context.cookies.get(COOKIE_NAME)
    return value if isinstance(value, str) else None


def current_user() -> SignedIn | None:
    """The signed-in user with their roles (re-read each run: a disabled account, an ended or
    expired session is out at once)."""
    user_id = st.session_state.get(USER_KEY)
    cookie = st.session_state.get(COOKIE_KEY)
    if user_id is None and not st.session_state.get(FORGET_KEY):
        user_id, cookie = _from_cookie(browser_cookie())
    if user_id is None and sign_in_method(st.secrets) == OIDC and getattr(st.user, "is_logged_in", False):
        user_id = _match_oidc_user()
        if user_id is not None:
            st.session_state[USER_KEY] = user_id
    if user_id is None:
        return None
    with Session(get_engine()) as session:
        user = session.get(User, user_id)
        if cookie is not None:
            user = session_user(session, cookie)
        if user is None or not user.is_active or user.id != user_id:
            st.session_state.pop(USER_KEY, None)
            st.session_state.pop(COOKIE_KEY, None)
            return None
        return SignedIn(user.id, user.login, user.full_name, frozenset(roles_of(session, user)))  # type: ignore[arg-type]


def password_sign_in(login: str, password: str) -> str | None:
    """Sign in; None on success, else the Russian reason (wrong password, login locked)."""
    with Session(get_engine()) as session:
        try:
            user = sign_in(session, login, password)
        except SignInRefused as error:
            return error.message
        cookie = open_session(session, user)
        st.session_state[USER_KEY] = user.id
    st.session_state[COOKIE_KEY] = cookie
    st.session_state.pop(FORGET_KEY, None)
    return None


def sign_out() -> None:
    """End the session on the server and have the browser forget its cookie."""
    cookie = st.session_state.pop(COOKIE_KEY, None) or browser_cookie()
    with Session(get_engine()) as session:
        end_session(session, cookie)
    st.session_state.pop(USER_KEY, None)
    st.session_state[FORGET_KEY] = True
    if sign_in_method(st.secrets) == OIDC and getattr(st.user, "is_logged_in", False):
        st.logout()


def cookie_script() -> None:
    """Write this tab's session cookie into the browser (or remove it after signing out)."""
    cookie = st.session_state.get(COOKIE_KEY)
    if cookie is not None:
        seconds = int(lifetime().total_seconds())
        value = f"{COOKIE_NAME}={cookie}; Path=/; Max-Age={seconds}; SameSite=Strict"
    elif st.session_state.get(FORGET_KEY):
        value = f"{COOKIE_NAME}=; Path=/; Max-Age=0; SameSite=Strict"
    else:
        return
    st.html(
        "<script>document.cookie = "
        f"{json.dumps(value)} + (location.protocol === 'https:' ? '; Secure' : '');</script>",
        unsafe_allow_javascript=True,
    )


def db_user(signed_in: SignedIn) -> User | None:
    """The `User` row for docstore actions (which check the roles themselves)."""
    with Session(get_engine()) as session:
        user = session.get(User, signed_in.user_id)
        if user is not None:
            session.expunge(user)
        return user


def acting_user(signed_in: SignedIn | None) -> User:
    """The account a page acts as; the page stops when there is none, so no write from the app
    ever runs as the system (which has every right)."""
    user = db_user(signed_in) if signed_in is not None else None
    if user is None:
        st.warning("Войдите в систему.")
        st.stop()
    return user  # type: ignore[return-value]


def _from_cookie(cookie: str | None) -> tuple[int | None, str | None]:
    """The user id and cookie of an open session the browser's cookie names."""
    if not cookie:
        return None, None
    with Session(get_engine()) as session:
        user = session_user(session, cookie)
        if user is None:
            return None, None
        st.session_state[USER_KEY] = user.id
    st.session_state[COOKIE_KEY] = cookie
    return user.id, cookie


def _match_oidc_user() -> int | None:
    email = st.user.get("email")
    with Session(get_engine()) as session:
        for column, value in ((User.email, email), (User.login, email)):
            if value:
                user = session.exec(select(User).where(column == value)).first()
                if user is not None and user.is_active:
                    return user.id
    return None
