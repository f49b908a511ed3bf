"""Who is using the app: password sign-in against the database, or OIDC through `st.login`.

The signed-in user's id lives in `st.session_state["user_id"]`; nothing else is shown until it
is set. When `.streamlit/secrets.toml` has an `[auth]` section the ministry's identity provider
signs people in (`st.login`) and the account is matched by e-mail or login in our user table,
which still holds the roles.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import streamlit as st
from sqlmodel import Session, select

from db.engine import get_engine
from db.models import User
from docstore.auth import authenticate, roles_of

USER_KEY = "user_id"
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


def current_user() -> SignedIn | None:
    """The signed-in user with their roles (re-read each run: a disabled account is out at once)."""
    user_id = st.session_state.get(USER_KEY)
    if user_id is None and sign_in_method(st.secrets) == OIDC and getattr(st.user, "is_logged_in", False):
        user_id = _match_oidc_user()
        if user_id is not None:
            st.session_state[USER_KEY] = user_id
    if user_id is None:
        return None
    with Session(get_engine()) as session:
        user = session.get(User, user_id)
        if user is None or not user.is_active:
            st.session_state.pop(USER_KEY, None)
            return None
        return SignedIn(user.id, user.login, user.full_name, frozenset(roles_of(session, user)))  # type: ignore[arg-type]


def password_sign_in(login: str, password: str) -> bool:
    with Session(get_engine()) as session:
        user = authenticate(session, login, password)
        if user is None:
            return False
        st.session_state[USER_KEY] = user.id
        return True


def sign_out() -> None:
    st.session_state.pop(USER_KEY, None)
    if sign_in_method(st.secrets) == OIDC and getattr(st.user, "is_logged_in", False):
        st.logout()


def db_user(signed_in: SignedIn) -> User | None:
    """The `User` row for docstore actions (which check the roles themselves)."""
    with Session(get_engine()) as session:
        user = session.get(User, signed_in.user_id)
        if user is not None:
            session.expunge(user)
        return user


def _match_oidc_user() -> int | None:
    email = st.user.get("email")
    with Session(get_engine()) as session:
        for column, value in ((User.email, email), (User.login, email)):
            if value:
                user = session.exec(select(User).where(column == value)).first()
                if user is not None and user.is_active:
                    return user.id
    return None
