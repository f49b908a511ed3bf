"""AppTest runs the real app against a test database chosen by NOK_DATABASE_URL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from db.engine import get_engine

TEST_PASSWORD = "пароль-для-тестов"
"""The password of the test accounts (it follows the password rules)."""
APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


@pytest.fixture
def app_database(engine: Engine, session, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:  # type: ignore[no-untyped-def]
    """Point the app at the (emptied) test database and clear its caches."""
    monkeypatch.setenv("NOK_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    get_engine.cache_clear()
    st.cache_data.clear()
    yield engine
    get_engine.cache_clear()
    st.cache_data.clear()


def signed_in_app(user_id: int | None, page: str | None = None, *, query: dict | None = None) -> AppTest:  # type: ignore[type-arg]
    """The app run once as this user (None: nobody signed in), on `page` (a file in views/)."""
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in (query or {}).items():
        at.query_params[name] = value
    if user_id is not None:
        at.session_state["user_id"] = user_id
    at.run()
    if page is not None:
        at.switch_page(f"views/{page}").run()
    return at


@pytest.fixture
def filled(app_database, session):  # type: ignore[no-untyped-def]
    """The hand-made database of `tests/dashboard/filling.py`."""
    from tests.dashboard.filling import fill

    return fill(session)


@pytest.fixture
def empty_users(app_database, session) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """One user per role on an otherwise empty database."""
    from docstore.auth import create_user

    users = {}
    for role in ("admin", "minister", "staff", "council", "supervisor"):
        users[role] = create_user(session, login=role, password=TEST_PASSWORD, roles=[(role, None, None)]).id
    session.commit()
    return users
