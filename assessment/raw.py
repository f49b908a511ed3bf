"""The operator's raw figures as an XLSX file: read into figures, and the template to fill in.

One row per institution, one column per quantity named by its symbol in the order (`Истенд`,
`Инорм-стенд`, … `Ууд`, see `assessment.method.QUANTITIES`), with the institution's name
(`Учреждение`) and its service form (`Форма обслуживания`). Operators' habits are accepted:

- the header row need not be the first: title lines above it are skipped (the first of the
  first 30 rows that names `Учреждение` and most symbols is the header);
- headers are compared without case, spaces, dots, dashes or underscores, ё as е, Latin
  look-alike letters as Cyrillic, and a unit or note after the symbol («Истенд, ед.»,
  «Чобщ (чел.)») is ignored;
- numbers may be typed as text with a decimal comma, spaces between thousands, or a % sign;
- empty rows and «Итого» / «Всего» / «Среднее» rows are skipped.

Every row keeps what could not be read (`RawRow.problems`); a file that is no XLSX at all, or
has no header row, raises `UnreadableRawFigures` with the reason in Russian.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from assessment.method import QUANTITIES, SYMBOLS

INSTITUTION = "Учреждение"
SERVICE_FORM = "Форма обслуживания"
_INSTITUTION_HEADERS = ("учреждение", "организация", "наименованиеучреждения", "наименованиеорганизации")
_FORM_HEADERS = ("формаобслуживания", "формасоциальногообслуживания", "форма")
_SKIPPED_ROWS = re.compile(r"^\s*(итого|всего|среднее|в среднем)\b", re.IGNORECASE)
HEADER_SEARCH_ROWS = 30
MAX_UNPACKED_MB = 100
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_LOOKALIKES = str.maketrans("aeopcxkmtbhy", "аеорсхкмтвну")
_NOT_KEY = re.compile(r"[\s.\-_‐‑‒–—−/\\]+")
FORMS_RU = {"stationary": "стационарная", "semi_stationary": "полустационарная", "home": "на дому"}


class UnreadableRawFigures(Exception):
    """The file is not an XLSX with the operator's table; `reason` in Russian."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class RawRow:
    """One institution's row as the operator typed it."""

    row: int
    """The row number Excel shows."""
    institution: str
    service_form: str | None
    """stationary, semi_stationary or home; None when the column is empty or missing."""
    figures: dict[str, Fraction | None]
    """By symbol: None for an empty or unreadable cell; a column the file lacks is absent."""
    problems: tuple[str, ...] = ()
    """What could not be read: a cell that is no number, an unknown service form, no name."""
    unreadable: frozenset[str] = frozenset()
    """Symbols whose cell held something that is no number (already in `problems`)."""


@dataclass(frozen=True)
class RawTable:
    sheet: str
    header_row: int
    rows: tuple[RawRow, ...]
    missing_columns: tuple[str, ...]
    """Symbols the header lacks (every row then lacks them; Пожид is not required)."""


def header_key(text: str) -> str:
    """The comparable form of a header: «Уобщ - стенд», «уобщ_стенд», «УОБЩ-СТЕНД» are one."""
    text = str(text).casefold().replace("ё", "е").translate(_LOOKALIKES)
    return _NOT_KEY.sub("", text)


_SYMBOL_KEYS = {header_key(symbol): symbol for symbol in SYMBOLS}


def _column_of(text: Any) -> str | None:
    """The symbol, or INSTITUTION / SERVICE_FORM, a header cell names; None for anything else."""
    if text is None:
        return None
    whole = str(text).strip()
    for candidate in (whole, re.split(r"[(,:;\n]", whole, maxsplit=1)[0]):
        key = header_key(candidate)
        if key in _SYMBOL_KEYS:
            return _SYMBOL_KEYS[key]
        if key in _INSTITUTION_HEADERS:
            return INSTITUTION
        if key in _FORM_HEADERS:
            return SERVICE_FORM
    return None


def read_raw_figures(data: bytes) -> RawTable:
    """The operator's table from an XLSX file (see the module docstring)."""
    workbook = _open(data)
    try:
        for worksheet in workbook.worksheets:
            rows = [tuple(row) for row in worksheet.iter_rows(values_only=True)]
            found = _header(rows)
            if found is None:
                continue
            header_index, columns = found
            return _table(worksheet.title, header_index, columns, rows)
    finally:
        workbook.close()
    raise UnreadableRawFigures(
        f"в файле не найдена строка заголовков: нужны столбцы «{INSTITUTION}» и обозначения "
        "показателей по приказу № 344н (Истенд, Инорм-стенд, …); скачайте шаблон"
    )


def _open(data: bytes):  # type: ignore[no-untyped-def]
    if not data:
        raise UnreadableRawFigures("файл пуст (0 байт)")
    if data.startswith(_OLE_MAGIC):
        raise UnreadableRawFigures(
            "файл в старом формате Excel (.xls) или защищён паролем: сохраните его как XLSX"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UnreadableRawFigures("файл не является таблицей XLSX (или повреждён)") from None
    if "xl/workbook.xml" not in names:
        raise UnreadableRawFigures("архив не является таблицей XLSX (нет xl/workbook.xml)")
    if unpacked > MAX_UNPACKED_MB * 1024 * 1024:
        raise UnreadableRawFigures(f"таблица распаковывается больше чем в {MAX_UNPACKED_MB} МБ")
    import openpyxl

    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a broken package
        raise UnreadableRawFigures(f"таблица XLSX не читается ({type(error).__name__})") from None


def _header(rows: list[tuple[Any, ...]]) -> tuple[int, dict[int, str]] | None:
    """(index of the header row, column index -> what it holds), the row naming the most symbols."""
    best: tuple[int, dict[int, str]] | None = None
    best_symbols = 0
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns: dict[int, str] = {}
        for position, cell in enumerate(row):
            name = _column_of(cell)
            if name is not None and name not in columns.values():
                columns[position] = name
        symbols = sum(name in _SYMBOL_KEYS.values() for name in columns.values())
        if INSTITUTION in columns.values() and symbols >= 3 and symbols > best_symbols:
            best, best_symbols = (index, columns), symbols
    return best


def _table(sheet: str, header_index: int, columns: dict[int, str], rows: list[tuple[Any, ...]]) -> RawTable:
    present = set(columns.values())
    missing = tuple(q.symbol for q in QUANTITIES if q.symbol not in present and not q.optional)
    records = []
    for index in range(header_index + 1, len(rows)):
        row = rows[index]
        cells = {name: row[position] if position < len(row) else None for position, name in columns.items()}
        if all(_blank(value) for value in cells.values()):
            continue
        name = " ".join(str(cells.get(INSTITUTION) or "").split())
        if _SKIPPED_ROWS.match(name):
            continue
        records.append(_row(index + 1, name, cells))
    if not records:
        raise UnreadableRawFigures(f"в таблице «{sheet}» под заголовками нет ни одной строки с данными")
    return RawTable(sheet, header_index + 1, tuple(records), missing)


def _row(number: int, name: str, cells: dict[str, Any]) -> RawRow:
    problems: list[str] = []
    if not name:
        problems.append(f"не указано учреждение (столбец «{INSTITUTION}»)")
    form, form_problem = service_form_code(cells.get(SERVICE_FORM))
    if form_problem:
        problems.append(form_problem)
    figures: dict[str, Fraction | None] = {}
    unreadable = set()
    for symbol in SYMBOLS:
        if symbol not in cells:
            continue
        try:
            figures[symbol] = number_of(cells[symbol])
        except ValueError:
            figures[symbol] = None
            unreadable.add(symbol)
            problems.append(f"«{str(cells[symbol]).strip()[:40]}» в столбце «{symbol}» — не число")
    return RawRow(number, name, form, figures, tuple(problems), frozenset(unreadable))


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def number_of(value: Any) -> Fraction | None:
    """A cell as an exact number: 87.35, «87,35», «1 234», «95 %»; None when empty or a dash;
    ValueError for anything else."""
    if _blank(value) or (isinstance(value, str) and value.strip() in ("-", "—", "–")):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        return Fraction(Decimal(repr(value)))  # the shortest decimal Excel showed, not the binary float
    text = str(value).strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    text = text.removesuffix("%").replace(",", ".").replace("−", "-")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(value) from None
    if not number.is_finite():
        raise ValueError(value)
    return Fraction(number)


def service_form_code(value: Any) -> tuple[str | None, str | None]:
    """(stationary / semi_stationary / home or None, the problem when the text is not a form)."""
    if _blank(value):
        return None, None
    text = str(value).casefold().replace("ё", "е").strip()
    if text in FORMS_RU:
        return text, None
    if "полустац" in text:
        return "semi_stationary", None
    if "стац" in text:
        return "stationary", None
    if "дом" in text:
        return "home", None
    return None, f"форма обслуживания «{str(value).strip()[:40]}» не распознана"


# --- the template ---------------------------------------------------------------------------

TEMPLATE_SHEET = "Исходные данные"
EXPLANATION_SHEET = "Пояснения"


def template_xlsx() -> bytes:
    """An empty table with the columns, and a sheet explaining each symbol in Russian."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    table = workbook.active
    table.title = TEMPLATE_SHEET
    headers = [INSTITUTION, SERVICE_FORM, *SYMBOLS]
    table.append(headers)
    for cell in table[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    table.column_dimensions["A"].width = 50
    table.column_dimensions["B"].width = 20
    table.freeze_panes = "C2"
    notes = workbook.create_sheet(EXPLANATION_SHEET)
    notes.append(["Столбец", "Что указать", "Показатель приказа № 344н"])
    notes.append([INSTITUTION, "полное или сокращённое наименование организации, как в рейтинге", ""])
    notes.append([SERVICE_FORM, "стационарная, полустационарная или на дому (можно не заполнять)", ""])
    for quantity in QUANTITIES:
        whole = " (целое число)" if quantity.whole else ""
        notes.append([quantity.symbol, quantity.meaning + whole, quantity.indicator])
    notes.append([])
    notes.append(
        [
            "Как считается",
            "Баллы за каждый дистанционный способ взаимодействия — 30, за каждое комфортное условие и "
            "каждое условие доступности — 20 (не более 100). Показатели — доли в % от числа опрошенных; "
            "критерии К1–К5 и итоговый балл считаются по приказу Минтруда России от 31.05.2018 № 344н "
            "без промежуточного округления.",
            "",
        ]
    )
    for cell in notes[1]:
        cell.font = Font(bold=True)
    notes.column_dimensions["A"].width = 18
    notes.column_dimensions["B"].width = 100
    notes.column_dimensions["C"].width = 26
    for row in notes.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


__all__ = [
    "INSTITUTION",
    "SERVICE_FORM",
    "XLSX_MIME",
    "RawRow",
    "RawTable",
    "UnreadableRawFigures",
    "header_key",
    "number_of",
    "read_raw_figures",
    "service_form_code",
    "template_xlsx",
]
