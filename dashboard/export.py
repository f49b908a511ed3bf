"""Every table of the app downloads as XLSX (openpyxl) and CSV, with Russian column names."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from docstore.spreadsheets import XLSX_MIME, to_csv, to_xlsx

__all__ = ["download_buttons", "to_csv", "to_xlsx"]


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
