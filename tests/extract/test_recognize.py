"""The orchestrator: every recognizer over one document, the contract JSON valid."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema

from extract.recognize import recognize, recognize_explained
from extract.records import Period, Source
from tests.conftest import SCHEMA_PATH
from tests.extract.docx_fixtures import P, T, docx_blocks

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
SOURCE = Source(filename="order.docx", sha256="0" * 64, format="docx", pages=None, ocr=False)


def order_with_indicators_and_plan():
    return docx_blocks(
        P("КОМИТЕТ ПО СОЦИАЛЬНОЙ ЗАЩИТЕ НАСЕЛЕНИЯ", bold=True, center=True),
        P("ЛЕНИНГРАДСКОЙ ОБЛАСТИ", bold=True, center=True),
        P("РАСПОРЯЖЕНИЕ", bold=True, center=True),
        P("от 3 февраля 2021 года\t№ 12-р"),
        P("Об утверждении плана по организации независимой оценки", bold=True, center=True),
        P("1. Утвердить план согласно приложению."),
        P("Председатель комитета\tА.Е. Толмачева"),
        T(
            (
                ("Наименование показателя", "2020 г. (факт)", "2021 г.", "2022 г."),
                ("Доля организаций, прошедших оценку (%)", "40", "60", "100"),
            )
        ),
        T(
            (
                ("№", "Мероприятие", "Срок исполнения", "Исполнитель"),
                ("1", "Заседание общественного совета", "ежеквартально", "Комитет"),
            )
        ),
    )


def test_the_period_of_a_plan_without_years_in_its_title_comes_from_the_indicator_targets():
    extraction = recognize(order_with_indicators_and_plan(), SOURCE)
    header = extraction.document
    assert (header.kind, header.number, header.date) == ("decree", "12-р", dt.date(2021, 2, 3))
    assert header.region == "Ленинградская область"
    assert header.period == Period(dt.date(2021, 1, 1), dt.date(2022, 12, 31))
    assert len(extraction.indicators) == 1 and len(extraction.plan_items) == 1
    assert extraction.plan_items[0].responsible == ("Комитет",)
    # `ежеквартально` expands over that period, from the document's date on.
    deadline = extraction.plan_items[0].deadline
    assert (deadline.kind, deadline.every) == ("recurring", "quarter")
    assert deadline.due_dates[0] == dt.date(2021, 3, 31) and deadline.due_dates[-1] == dt.date(2022, 12, 31)
    assert extraction.ratings == () and extraction.improvement_items == ()
    assert "Заседание общественного совета" in extraction.text


def test_contract_json_validates_and_reasons_name_the_deciding_words():
    recognition = recognize_explained(order_with_indicators_and_plan(), SOURCE)
    jsonschema.validate(recognition.extraction.to_json(), SCHEMA)
    reasons = "\n".join(recognition.reasons)
    assert "РАСПОРЯЖЕНИЕ" in reasons and "indicators:" in reasons and "plan:" in reasons
    assert recognition.improvement_criteria == ()
