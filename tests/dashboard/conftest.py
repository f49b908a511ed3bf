"""AppTest runs the real app against a test database chosen by NOK_DATABASE_URL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy import Engine

from db.engine import get_engine

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
