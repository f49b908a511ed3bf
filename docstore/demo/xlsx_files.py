"""The operator's raw figures of 2025 as the operator hands them over: an Excel workbook with a
title above the header, the waiting-time indicator typed as text with a decimal comma, and some
names in straight quotes (the habits `assessment.raw` accepts). Saved with fixed times, so the
same figures give the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from assessment.method import SYMBOLS
from assessment.raw import FORMS_RU, INSTITUTION, SERVICE_FORM
from docstore.demo import region
from docstore.demo.operator_data import RAW_YEAR, operator_rows
from docstore.demo.wording import ru_number

_FIXED_TIME = dt.datetime(2025, 11, 14, 9, 0, 0)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def operator_data_name() -> str:
    return f"iskhodnye_dannye_operatora_{RAW_YEAR}.xlsx"


def write_operator_data(path: Path) -> Path:
    """The workbook: one row per institution, one column per symbol of приказ № 344н."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.properties.creator = region.OPERATOR
    workbook.properties.created = _FIXED_TIME
    sheet = workbook.active
    sheet.title = f"НОК {RAW_YEAR}"
    sheet.append(
        [
            f"Исходные данные для расчета показателей независимой оценки качества условий оказания услуг "
            f"организациями социального обслуживания {region.REGION_GENITIVE}, {RAW_YEAR} год "
            f"({region.OPERATOR})"
        ]
    )
    sheet["A1"].font = Font(bold=True)
    sheet.append([])
    sheet.append([INSTITUTION, SERVICE_FORM, *(_header(symbol) for symbol in SYMBOLS)])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in operator_rows():
        inst = row.institution
        name = f'{inst.legal_form} "{inst.quoted}"' if inst.form == "home" else inst.name
        cells: list[object] = [name, FORMS_RU[inst.form]]
        for symbol in SYMBOLS:
            value = row.figures[symbol]
            cells.append(ru_number(value) if symbol == "Пожид" and value is not None else value)
        sheet.append(cells)
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["B"].width = 18
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _save_fixed(buffer.getvalue(), path)


def _header(symbol: str) -> str:
    """As operators type them: a unit after some symbols, spaces around a dash in others."""
    if symbol == "Пожид":
        return "Пожид, баллов"
    if symbol == "Чобщ":
        return "Чобщ (чел.)"
    return symbol.replace("Уобщ-", "Уобщ - ")


def _save_fixed(data: bytes, path: Path) -> Path:
    """The package rewritten with fixed entry times and a fixed «modified» date."""
    stamp = _FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, content)
    return path
