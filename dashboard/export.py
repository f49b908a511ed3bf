"""Tables on the page: shown the Russian way (`93,24`, an empty value as `—`, never `None`), and
every one downloads as XLSX (openpyxl) and CSV with Russian column names."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from docstore.spreadsheets import XLSX_MIME, to_csv, to_xlsx

__all__ = ["download_buttons", "ru_number", "show_table", "to_csv", "to_xlsx"]

STYLED_ROWS = 2_000
"""Tables up to this size are formatted cell by cell; a longer one is shown as is (formatting
tens of thousands of cells on every rerun would cost more than the page's 1 s)."""


def ru_number(value: object) -> str:
    """`93.24` -> `93,24`, `100.0` -> `100`, a missing value -> `—` (as a Russian table prints)."""
    if value is None or (isinstance(value, float) and value != value):
        return "—"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    return str(value)


def show_table(frame: pd.DataFrame, **kwargs: object) -> None:
    """`st.dataframe` with Russian number formatting and `—` for empty values.

    `st.dataframe` draws a null cell as `None` whatever the Styler says, so a column with
    empty values is shown as text (`—`, `61,1`); other number columns keep their numbers
    (and their sorting) with only the display formatted. The frame itself is not changed:
    the downloads keep real numbers."""
    if len(frame) > STYLED_ROWS:
        st.dataframe(frame, hide_index=True, width="stretch", **kwargs)  # type: ignore[arg-type]
        return
    shown = frame.copy()
    numeric = []
    for column in shown.columns:
        values = shown[column]
        if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            if values.isna().any():
                shown[column] = values.map(ru_number)
            else:
                numeric.append(column)
        elif values.isna().any():
            shown[column] = values.astype(object).where(values.notna(), "—")
    styled = shown.style.format(ru_number, subset=numeric) if numeric else shown.style
    st.dataframe(styled, hide_index=True, width="stretch", **kwargs)  # type: ignore[arg-type]


def download_buttons(frame: pd.DataFrame, name: str, key: str) -> None:
    """Two buttons under a table: «Скачать XLSX» and «Скачать CSV». The files are made only when
    clicked (a callable): building an XLSX of 15,000 rows on every rerun would cost seconds."""
    left, right, _ = st.columns([1, 1, 4])
    left.download_button(
        "Скачать XLSX", lambda: to_xlsx(frame), file_name=f"{name}.xlsx", mime=XLSX_MIME, key=f"{key}_xlsx"
    )
    right.download_button(
        "Скачать CSV", lambda: to_csv(frame), file_name=f"{name}.csv", mime="text/csv", key=f"{key}_csv"
    )
