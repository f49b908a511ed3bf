"""Reading the operator's XLSX: the habits operators have, and files that are no such table."""

from __future__ import annotations

import io
from fractions import Fraction

import openpyxl
import pytest

from assessment.method import QUANTITIES, SYMBOLS
from assessment.raw import (
    EXPLANATION_SHEET,
    TEMPLATE_SHEET,
    UnreadableRawFigures,
    header_key,
    number_of,
    read_raw_figures,
    template_xlsx,
)
from tests.assessment.test_method import EXAMPLE_A


def workbook_bytes(rows: list[list[object]], *, sheets: dict[str, list[list[object]]] | None = None) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for title, other in (sheets or {}).items():
        extra = workbook.create_sheet(title, 0)
        for row in other:
            extra.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def operator_file(headers: list[str], *rows: list[object], title_rows: int = 0) -> bytes:
    return workbook_bytes(
        [["Сводная таблица оператора"]] * title_rows + [[]] * bool(title_rows) + [headers, *rows]
    )


HEADERS = ["Учреждение", "Форма обслуживания", *SYMBOLS]
ROW_A = ["ГБУСО «Пример»", "стационарная", *(EXAMPLE_A[s] for s in SYMBOLS)]


def test_a_plain_table_is_read_row_by_row() -> None:
    table = read_raw_figures(operator_file(HEADERS, ROW_A))
    (row,) = table.rows
    assert (row.row, row.institution, row.service_form, row.problems) == (
        2,
        "ГБУСО «Пример»",
        "stationary",
        (),
    )
    assert row.figures == {s: None if EXAMPLE_A[s] is None else Fraction(EXAMPLE_A[s]) for s in SYMBOLS}
    assert table.missing_columns == ()


def test_operator_habits_headers_with_spaces_and_case_title_rows_comma_decimals() -> None:
    habits = {
        "Истенд": " истенд ",
        "Инорм-стенд": "ИНОРМ - СТЕНД",
        "Исайт": "Исайт, ед.",
        "Инорм-сайт": "Инорм_сайт",
        "Сдист": "Cдист",  # a Latin C
        "Уобщ-стенд": "Уобщ‑стенд",  # a non-breaking hyphen
        "Пожид": "Пожид (баллы)",
        "Чобщ": "ЧОБЩ",
        "Уперв.конт": "Уперв. конт",
        "Чобщ_ус": "Чобщ ус",
    }
    headers = ["Наименование организации", "Форма социального обслуживания"]
    headers += [habits.get(s, s) for s in SYMBOLS]
    row = ["ГБУСО «Пример»", "Полустационарная форма", *(EXAMPLE_A[s] for s in SYMBOLS)]
    row[2 + SYMBOLS.index("Пожид")] = "87,5"
    row[2 + SYMBOLS.index("Чобщ")] = "200,0"
    row[2 + SYMBOLS.index("Укомф")] = " 180 "
    row[2 + SYMBOLS.index("Ууд")] = 188.0
    total = ["Итого", None, *([1] * len(SYMBOLS))]
    table = read_raw_figures(operator_file(headers, row, [None] * len(headers), total, title_rows=2))
    assert table.header_row == 4
    (read,) = table.rows
    assert read.problems == ()
    assert read.service_form == "semi_stationary"
    assert read.figures["Пожид"] == Fraction(175, 2)
    assert read.figures["Чобщ"] == 200 and read.figures["Укомф"] == 180 and read.figures["Ууд"] == 188
    assert read.figures["Сдист"] == 4 and read.figures["Чобщ_ус"] == 90


def test_a_missing_column_and_a_cell_that_is_no_number_are_reported_per_row() -> None:
    headers = [h for h in HEADERS if h != "Чинв"]
    row = [v for h, v in zip(HEADERS, ROW_A, strict=True) if h != "Чинв"]
    row[headers.index("Удост")] = "двадцать"
    row[headers.index("Форма обслуживания")] = "выездная"
    table = read_raw_figures(operator_file(headers, row))
    assert table.missing_columns == ("Чинв",)
    (read,) = table.rows
    assert "«двадцать» в столбце «Удост» — не число" in read.problems
    assert "форма обслуживания «выездная» не распознана" in read.problems
    assert read.unreadable == {"Удост"} and "Чинв" not in read.figures


def test_the_sheet_with_the_table_is_found_among_others() -> None:
    data = workbook_bytes([HEADERS, ROW_A], sheets={"Титул": [["Отчёт оператора"], ["2025 год"]]})
    assert read_raw_figures(data).rows[0].institution == "ГБУСО «Пример»"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "файл пуст"),
        (b"not a spreadsheet", "не является таблицей XLSX"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "старом формате Excel"),
        (workbook_bytes([["Отчёт"], ["нет таблицы"]]), "не найдена строка заголовков"),
        (operator_file(HEADERS), "нет ни одной строки с данными"),
    ],
    ids=["empty", "text", "xls", "no-header", "no-rows"],
)
def test_a_file_that_is_no_operator_table_is_unreadable(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableRawFigures, match=reason):
        read_raw_figures(data)


def test_a_docx_is_no_spreadsheet(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import docx

    document = docx.Document()
    document.add_paragraph("Приказ")
    path = tmp_path / "order.docx"
    document.save(str(path))
    with pytest.raises(UnreadableRawFigures, match=r"нет xl/workbook\.xml"):
        read_raw_figures(path.read_bytes())


@pytest.mark.parametrize(
    ("cell", "value"),
    [(12, 12), (87.35, Fraction("87.35")), ("87,35", Fraction("87.35")), ("1 234", 1234), ("95 %", 95),
     ("", None), ("—", None), (None, None)],
)  # fmt: skip
def test_numbers_as_operators_type_them(cell: object, value: Fraction | None) -> None:
    assert number_of(cell) == value


def test_header_keys_ignore_case_spaces_and_punctuation() -> None:
    assert header_key("Уобщ - стенд") == header_key("уобщ_стенд") == header_key("УОБЩ-СТЕНД")
    assert len({header_key(s) for s in SYMBOLS}) == len(SYMBOLS)


def test_the_template_has_every_column_and_explains_each_symbol() -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(template_xlsx()))
    assert workbook.sheetnames == [TEMPLATE_SHEET, EXPLANATION_SHEET]
    headers = [c.value for c in workbook[TEMPLATE_SHEET][1]]
    assert headers == HEADERS
    explained = {row[0].value: row[1].value for row in workbook[EXPLANATION_SHEET].iter_rows(min_row=2)}
    for quantity in QUANTITIES:
        assert explained[quantity.symbol].startswith(quantity.meaning)
    assert "целое число" in explained["Сдист"]
    # a filled-in template reads back
    sheet = workbook[TEMPLATE_SHEET]
    sheet.append(ROW_A)
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert read_raw_figures(buffer.getvalue()).rows[0].problems == ()
