"""Charts build valid Vega-Lite from Russian-named frames; exports keep Russian headers and values."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd

from dashboard import charts
from dashboard.export import to_csv, to_xlsx

TABLE = pd.DataFrame(
    {
        "Место": [1, 2, 2],
        "Учреждение": ["Центр «Альфа»", "Дом «Бета»", "Дом «Гамма»"],
        "Итоговый балл": [93.5, 90.0, None],
    }
)


def test_xlsx_has_russian_headers_and_the_values() -> None:
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(TABLE)))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0] == ("Место", "Учреждение", "Итоговый балл")
    assert rows[1] == (1, "Центр «Альфа»", 93.5)
    assert rows[3] == (2, "Дом «Гамма»", None)


def test_csv_opens_in_a_russian_excel() -> None:
    data = to_csv(TABLE)
    assert data.startswith("\ufeff".encode())
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "Место;Учреждение;Итоговый балл"
    assert lines[1] == "1;Центр «Альфа»;93,5"


def _fields(spec: dict) -> set[str]:  # type: ignore[type-arg]
    found = set()
    stack = [spec]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("field"), str):
                found.add(node["field"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def test_each_chart_encodes_the_russian_columns() -> None:
    ranking = TABLE.assign(**{"Код учреждения": [1, 2, 3], "Форма обслуживания": ["стационарная"] * 3})
    assert {"Учреждение", "Итоговый балл"} <= _fields(charts.ranking_chart(ranking).to_dict())
    heat = pd.DataFrame(
        {"Учреждение": ["А", "А"], "Критерий": ["Открытость", "Комфортность"], "Балл": [90, None]}
    )
    assert {"Учреждение", "Критерий", "Балл"} <= _fields(charts.criteria_heatmap(heat).to_dict())
    assert {"Учреждение", "Критерий", "Балл"} <= _fields(charts.profile_chart(heat).to_dict())
    trend = pd.DataFrame({"Учреждение": ["А", "А"], "Год": [2023, 2024], "Итоговый балл": [80, 85]})
    assert {"Год", "Итоговый балл"} <= _fields(charts.trend_chart(trend).to_dict())
    assert "Итоговый балл" in _fields(charts.distribution_chart(trend).to_dict())
    gantt = pd.DataFrame(
        {
            "Мероприятие": ["1"],
            "Начало": [pd.Timestamp(dt.date(2024, 1, 1))],
            "Срок": [pd.Timestamp(dt.date(2024, 3, 1))],
            "Статус": ["просрочено"],
        }
    )
    spec = charts.gantt_chart(gantt).to_dict()
    assert {"Мероприятие", "Начало", "Срок", "Статус"} <= _fields(spec)
    compliance = pd.DataFrame({"Исполнитель": ["Отдел"], "Статус": ["просрочено"], "Точек": [3]})
    assert {"Исполнитель", "Точек"} <= _fields(charts.compliance_chart(compliance).to_dict())
    indicators = pd.DataFrame({"Показатель": ["Доля"], "Год": [2024], "Вид": ["факт"], "Значение": [80.0]})
    assert {"Показатель", "Значение"} <= _fields(charts.indicator_chart(indicators).to_dict())
    before_after = pd.DataFrame(
        {"Учреждение": ["А"], "Критерий": ["Комфортность"], "Когда": ["до плана"], "Балл": [70]}
    )
    assert "Когда" in _fields(charts.before_after_chart(before_after).to_dict())


def test_criteria_stand_in_the_order_of_the_law_not_the_alphabet() -> None:
    heat = pd.DataFrame(
        {"Учреждение": ["А"] * 5, "Критерий": sorted(charts.CRITERIA_ORDER), "Балл": [90, 91, 92, 93, 94]}
    )
    assert (
        charts.criteria_heatmap(heat).to_dict()["layer"][0]["encoding"]["x"]["sort"] == charts.CRITERIA_ORDER
    )
    assert charts.profile_chart(heat).to_dict()["encoding"]["column"]["sort"] == charts.CRITERIA_ORDER
    assert charts.CRITERIA_ORDER[0] == "Открытость" and charts.CRITERIA_ORDER[-1].startswith("Удовлетвор")


def test_numbers_on_the_page_read_the_russian_way() -> None:
    from dashboard.export import ru_number

    assert [ru_number(v) for v in (93.24, 100.0, 61.1, 5, None, float("nan"))] == [
        "93,24",
        "100",
        "61,1",
        "5",
        "—",
        "—",
    ]
