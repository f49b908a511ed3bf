"""Tables as files: XLSX (openpyxl) and CSV with Russian column names, for the app's download
buttons and for `nok export`. No Streamlit here, so the command line does not import it."""

from __future__ import annotations

import io
import re

import pandas as pd

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def to_xlsx(frame: pd.DataFrame, sheet: str = "Данные") -> bytes:
    """An Excel workbook; the header row is the frame's (already Russian) column names."""
    sheet = re.sub(r"[\[\]:*?/\\]", " ", sheet).strip()[:31] or "Данные"  # Excel forbids these
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=sheet)
        worksheet = writer.sheets[sheet]
        for cells in worksheet.columns:
            width = max((len(str(c.value)) for c in cells if c.value is not None), default=8)
            worksheet.column_dimensions[cells[0].column_letter].width = min(max(width + 2, 8), 60)
    return buffer.getvalue()


def to_csv(frame: pd.DataFrame) -> bytes:
    """CSV with `;` and a BOM: Excel in a Russian locale opens it with the right columns and letters."""
    return frame.to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")
