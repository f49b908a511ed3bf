"""The app's access to data: cached wrappers over `db.queries` (invalidated on ingest)."""

from __future__ import annotations

import datetime as dt

import streamlit as st
from sqlmodel import Session

from db.engine import get_engine
from db.queries.overview import Overview, database_overview


@st.cache_data(ttl=60, show_spinner=False)
def overview(as_of: dt.date) -> Overview:
    with Session(get_engine()) as session:
        return database_overview(session, as_of)
