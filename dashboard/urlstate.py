"""Shared filters live in the URL (`st.query_params`), so a link reproduces the view."""

from __future__ import annotations

import datetime as dt

import streamlit as st


def get_int(name: str) -> int | None:
    value = st.query_params.get(name)
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def get_str(name: str) -> str | None:
    value = st.query_params.get(name)
    return value or None


def get_ints(name: str) -> list[int]:
    return [int(v) for v in st.query_params.get_all(name) if v.isdigit()]


def get_date(name: str) -> dt.date | None:
    value = st.query_params.get(name)
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def put(name: str, value: object) -> None:
    """Write one filter back to the URL; None or empty removes it."""
    if value is None or value == "" or value == []:
        if name in st.query_params:
            del st.query_params[name]
    elif isinstance(value, list):
        st.query_params[name] = [str(v) for v in value]
    elif isinstance(value, dt.date):
        st.query_params[name] = value.isoformat()
    else:
        st.query_params[name] = str(value)


def index_of(options: list, value: object, default: int = 0) -> int:  # type: ignore[type-arg]
    return options.index(value) if value in options else default
