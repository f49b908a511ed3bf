"""Every table of the app downloads as XLSX (openpyxl) and CSV, with Russian column names."""

from __future__ import annotations

import io

import pandas as pd
import streamlit as st


def to_xlsx(frame: pd.DataFrame, sheet: str = "Данные") -> bytes:
    """An Excel workbook; the header row is the frame's (already Russian) column names."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=sheet[:31])
        worksheet = writer.sheets[sheet[:31]]
        for cells in worksheet.columns:
            width = max((len(str(c.value)) for c in cells if c.value is not None), default=8)
            worksheet.column_dimensions[cells[0].column_letter].width = min(max(width + 2, 8), 60)
    return buffer.getvalue()


def to_csv(frame: pd.DataFrame) -> bytes:
    """CSV with `;` and a BOM: Excel in a Russian locale opens it with the right columns and letters."""
    return frame.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")


def download_buttons(frame: pd.DataFrame, name: str, key: str) -> None:
    """Two buttons under a table: «Скачать XLSX» and «Скачать CSV». The files are made only when
    clicked (a callable): building an XLSX of 15,000 rows on every rerun would cost seconds."""
    left, right, _ = st.columns([1, 1, 4])
    left.download_button(
        "Скачать XLSX",
        lambda: to_xlsx(frame),
        file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
    )
    right.download_button(
        "Скачать CSV", lambda: to_csv(frame), file_name=f"{name}.csv", mime="text/csv", key=f"{key}_csv"
    )
