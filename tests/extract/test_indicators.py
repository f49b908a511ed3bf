"""Target-indicator tables: year columns by meaning, fact vs plan, units, comma decimals."""

from __future__ import annotations

import datetime as dt

from extract.indicators import plan_period, recognize_indicators, unit_of
from extract.readers import read_blocks
from extract.records import Indicator, IndicatorValue, Period
from tests.conftest import CORPUS
from tests.extract.docx_fixtures import T, docx_blocks


def test_unit_column_fact_columns_dashes_and_a_section_row():
    blocks = docx_blocks(
        T(
            (
                ("Наименование показателя", "Единица измерения", "2019 год (факт)", "2020 год", "2021 год"),
                "1. Показатели открытости",
                ("Доля организаций, прошедших оценку", "%", "45,5", "70", "-"),
                ("Число получателей услуг, опрошенных в ходе оценки", "чел.", "1 250", "1 500", "2 000"),
            )
        )
    )
    result = recognize_indicators(blocks)
    assert result.indicators == (
        Indicator(
            "Доля организаций, прошедших оценку",
            "%",
            (
                IndicatorValue(2019, "fact", 45.5),
                IndicatorValue(2020, "plan", 70.0),
                IndicatorValue(2021, "plan", None),
            ),
        ),
        Indicator(
            "Число получателей услуг, опрошенных в ходе оценки",
            "чел.",
            (
                IndicatorValue(2019, "fact", 1250.0),
                IndicatorValue(2020, "plan", 1500.0),
                IndicatorValue(2021, "plan", 2000.0),
            ),
        ),
    )
    assert "2019:fact" in result.reasons[0] and "наименование" in result.reasons[0].lower()
    assert plan_period(result.indicators) == Period(dt.date(2020, 1, 1), dt.date(2021, 12, 31))


def test_a_plan_table_without_year_columns_is_not_an_indicator_table():
    blocks = docx_blocks(T((("№", "Наименование мероприятия", "Срок"), ("1", "Сбор данных", "2020 год"))))
    assert recognize_indicators(blocks).indicators == ()


def test_unit_from_the_name():
    assert unit_of("Доля организаций (%)") == "%"
    assert unit_of("Количество учреждений, ед.") == "ед."
    assert unit_of("Доля организаций социального обслуживания") is None


def test_magadan_indicators_from_the_real_docx():
    blocks = read_blocks((CORPUS / "magadan_2017_order64.docx").read_bytes(), "m.docx")
    indicators = recognize_indicators(blocks).indicators
    assert len(indicators) == 2
    assert indicators[0].unit == "%"
    assert [(v.year, v.kind, v.value) for v in indicators[0].values] == [
        (2015, "fact", 11.0),
        (2016, "fact", 38.9),
        (2017, "plan", 100.0),
        (2018, "plan", 35.0),
    ]
    assert plan_period(indicators) == Period(dt.date(2017, 1, 1), dt.date(2018, 12, 31))


def test_two_level_header_with_plan_and_fact_under_each_year():
    blocks = docx_blocks(
        T(
            (
                ("Показатель", "2019 год", "2019 год", "2020 год", "2020 год"),
                ("", "план", "факт", "план", "факт"),
                ("Доля организаций (%)", "50", "48,2", "70", ""),
            )
        )
    )
    indicators = recognize_indicators(blocks).indicators
    assert [(v.year, v.kind, v.value) for v in indicators[0].values] == [
        (2019, "plan", 50.0),
        (2019, "fact", 48.2),
        (2020, "plan", 70.0),
    ]
