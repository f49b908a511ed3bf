"""Improvement plans on the form of decree 457 and the Vladimir form."""

from __future__ import annotations

import datetime as dt

from extract.improvement import criterion_of_section, recognize_improvement, split_responsible
from extract.readers import read_blocks
from extract.records import Period, Responsible
from tests.conftest import CORPUS
from tests.extract.docx_fixtures import P, T, docx_blocks

PERIOD = Period(dt.date(2020, 1, 1), dt.date(2020, 12, 31))


def test_responsible_name_and_position_in_either_order_or_a_post_alone():
    assert split_responsible("Петрова Ирина Сергеевна, заместитель директора") == Responsible(
        "Петрова Ирина Сергеевна", "заместитель директора"
    )
    assert split_responsible("заместитель директора Иванова И.И.") == Responsible(
        "Иванова И.И.", "заместитель директора"
    )
    assert split_responsible("заведующие отделениями") == Responsible(None, "заведующие отделениями")
    assert split_responsible("") is None


def test_criterion_of_section_rows():
    assert criterion_of_section("II. Комфортность условий предоставления услуг") == "comfort"
    assert criterion_of_section("III. Доступность услуг для инвалидов") == "accessibility"
    assert criterion_of_section("Прочее") is None


def test_columns_in_another_order_without_the_report_columns():
    blocks = docx_blocks(
        T(
            (
                (
                    "№ п/п",
                    "Мероприятие по устранению недостатков",
                    "Недостатки, выявленные в ходе независимой оценки",
                    "Ответственный исполнитель",
                    "Срок реализации",
                ),
                "I. Открытость и доступность информации об организации",
                ("1", "Обновить сайт", "Сайт не обновляется", "Сидоров П.П., программист", "до 01.06.2020"),
                "V. Удовлетворенность условиями оказания услуг",
                ("", "", "Недостатки не выявлены", "", ""),
            )
        )
    )
    result = recognize_improvement(blocks, organization="ГБУ «Центр»", period=PERIOD, document_date=None)
    assert len(result.items) == 1
    item = result.items[0]
    assert (item.measure, item.deficiency, item.organization) == (
        "Обновить сайт",
        "Сайт не обновляется",
        "ГБУ «Центр»",
    )
    assert item.responsible == Responsible("Сидоров П.П.", "программист")
    assert item.planned.text == "до 01.06.2020"
    assert (item.done_measures, item.actual_date) == (None, None)
    assert result.criteria == ("openness",)


def test_vladimir_457_plan_from_the_real_docx():
    blocks = read_blocks((CORPUS / "vladimir_2019_improvement_plan.docx").read_bytes(), "i.docx")
    result = recognize_improvement(
        blocks, organization="ГБУСО ВО «Вязниковский КЦСОН»", period=PERIOD, document_date=dt.date(2019, 2, 8)
    )
    items = result.items
    assert len(items) == 6  # the `Недостатки не выявлены` row yields none
    assert items[0].actual_date == dt.date(2019, 2, 28)
    assert items[0].done_measures.startswith("Информация о порядке подачи жалобы")
    assert items[2].done_measures is None and items[2].actual_date is None
    assert items[5].responsible == Responsible(
        None, "заведующие отделениями социального обслуживания на дому"
    )
    assert result.criteria == (
        "openness",
        "openness",
        "comfort",
        "accessibility",
        "accessibility",
        "courtesy",
    )
    assert "фактическ" in result.reasons[0]


def test_the_empty_vladimir_form_gives_no_items():
    blocks = read_blocks((CORPUS / "vladimir_2019_info.docx").read_bytes(), "v.docx")
    assert recognize_improvement(blocks, organization=None, period=None, document_date=None).items == ()


def test_institution_heading_above_each_table_and_a_deficiency_merged_over_two_measures():
    blocks = docx_blocks(
        P("Приложение 2 к приказу"),
        P("ГАУСО «Комплексный центр социального обслуживания населения Тверской области»", center=True),
        T(
            (
                ("Недостатки", "Мероприятия по устранению недостатков", "Срок", "Ответственный"),
                ("Нет пандуса у входа", "Установить пандус", "III квартал 2020 года", "Директор"),
                ("", "Установить кнопку вызова", "IV квартал 2020 года", "Директор"),
            )
        ),
    )
    items = recognize_improvement(blocks, organization=None, period=PERIOD, document_date=None).items
    assert [i.organization for i in items] == [
        "ГАУСО «Комплексный центр социального обслуживания населения Тверской области»"
    ] * 2
    assert [i.deficiency for i in items] == ["Нет пандуса у входа", "Нет пандуса у входа"]
    assert items[1].responsible == Responsible(None, "Директор")
