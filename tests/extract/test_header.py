"""The header recognizer on hand-made documents of other regions and on the real corpus."""

from __future__ import annotations

import datetime as dt
from functools import cache

from extract.blocks import Blocks
from extract.header import recognize_header
from extract.readers import read_blocks
from extract.records import Period, Reference, Signatory
from tests.conftest import CORPUS
from tests.extract.docx_fixtures import P, T, docx_blocks


@cache
def corpus(name: str) -> Blocks:
    return read_blocks((CORPUS / name).read_bytes(), name)


def karelia_decree() -> Blocks:
    return docx_blocks(
        P("МИНИСТЕРСТВО СОЦИАЛЬНОЙ ЗАЩИТЫ", bold=True, center=True),
        P("РЕСПУБЛИКИ КАРЕЛИЯ", bold=True, center=True),
        P("П О С Т А Н О В Л Е Н И Е", bold=True, center=True),
        P("от 12.03.2021\t№ 45-П"),
        P("г. Петрозаводск", center=True),
        P("Об утверждении плана мероприятий по улучшению качества", bold=True, center=True),
        P("работы организаций социального обслуживания на 2021-2023 годы", bold=True, center=True),
        P(
            "В соответствии с приказом Министерства труда и социальной защиты Российской Федерации "
            "от 31 мая 2018 г. № 344н «Об утверждении Единого порядка расчета показателей» "
            "постановляю:"
        ),
        P("1. Утвердить план мероприятий."),
        P("Исполняющий обязанности Министра И.И. Иванов"),
        P("Исп. П.П. Петрова"),
    )


def test_decree_of_a_republic_with_a_spaced_kind_word_and_a_hyphenated_number():
    header = recognize_header(karelia_decree()).header
    assert header.kind == "decree"
    assert header.authority == "Министерство социальной защиты Республики Карелия"
    assert header.region == "Республика Карелия"
    assert header.number == "45-П"
    assert header.date == dt.date(2021, 3, 12)
    assert header.title == (
        "Об утверждении плана мероприятий по улучшению качества работы организаций "
        "социального обслуживания на 2021-2023 годы"
    )
    assert header.period == Period(dt.date(2021, 1, 1), dt.date(2023, 12, 31))


def test_signature_without_a_tab_needs_a_post_word_and_an_executor_is_not_a_signatory():
    header = recognize_header(karelia_decree()).header
    assert header.signatory == Signatory("Исполняющий обязанности Министра", "И.И. Иванов")


def test_reference_to_a_federal_order_with_its_quoted_title():
    header = recognize_header(karelia_decree()).header
    assert header.references == (
        Reference(
            "order", dt.date(2018, 5, 31), "344н", "Об утверждении Единого порядка расчета показателей"
        ),
    )


def test_letter_of_an_autonomous_okrug_with_a_greeting_and_an_executor():
    blocks = docx_blocks(
        P("ДЕПАРТАМЕНТ СОЦИАЛЬНОЙ ЗАЩИТЫ НАСЕЛЕНИЯ", bold=True, center=True),
        P("ЯМАЛО-НЕНЕЦКОГО АВТОНОМНОГО ОКРУГА", bold=True, center=True),
        P("« 5 » июня 2019 г. № 01-15/2345"),
        P("Уважаемая Анна Петровна!", center=True),
        P("Направляем информацию о результатах независимой оценки."),
        P("Директор департамента\tС.В. Сидорова"),
        P("Иванов Иван Иванович"),
        P("8 (34922) 4-00-00"),
    )
    header = recognize_header(blocks).header
    assert header.kind == "letter"
    assert header.authority == "Департамент социальной защиты населения Ямало-Ненецкого автономного округа"
    assert header.region == "Ямало-Ненецкий автономный округ"
    assert (header.number, header.date) == ("01-15/2345", dt.date(2019, 6, 5))
    assert header.title is None
    assert header.signatory == Signatory("Директор департамента", "С.В. Сидорова")
    assert header.period is None


def test_plan_under_an_approval_stamp_takes_its_date_and_signatory_from_the_stamp():
    blocks = docx_blocks(
        P("УТВЕРЖДАЮ"),
        P("Министр социального развития"),
        P("Пермского края"),
        P("_________ Л.А. Лебедева"),
        P("«20» января 2022 г."),
        P("ПЛАН-ГРАФИК", bold=True, center=True),
        P("проведения независимой оценки качества в 2022 году", bold=True, center=True),
        T((("№", "Мероприятие", "Срок"), ("1.", "Сбор информации", "март 2022 г."))),
    )
    header = recognize_header(blocks).header
    assert header.kind == "plan"
    assert header.title == "План-график проведения независимой оценки качества в 2022 году"
    assert header.date == dt.date(2022, 1, 20)
    assert header.signatory == Signatory("Министр социального развития Пермского края", "Л.А. Лебедева")
    assert header.region == "Пермский край"
    assert header.authority is None
    assert header.period == Period(dt.date(2022, 1, 1), dt.date(2022, 12, 31))


def test_magadan_order_header_from_the_real_docx():
    result = recognize_header(corpus("magadan_2017_order64.docx"))
    header = result.header
    assert header.kind == "order" and header.number == "64" and header.date == dt.date(2017, 3, 15)
    assert header.authority == "Министерство труда и социальной политики Магаданской области"
    assert header.signatory == Signatory("Министр", "Т.Г. Малютина")
    # The appendix stamp `к приказу … № 64` is the order itself, not a reference.
    assert [r.number for r in header.references] == ["133/1", "ОГ-П8-45Пр"]
    assert any("ПРИКАЗ" in reason for reason in result.reasons)


def test_fallback_period_is_used_only_when_no_title_names_years():
    fallback = Period(dt.date(2017, 1, 1), dt.date(2018, 12, 31))
    magadan = recognize_header(corpus("magadan_2017_order64.docx"), fallback_period=fallback).header
    tula = recognize_header(corpus("tula_2020_order83.docx"), fallback_period=fallback).header
    assert magadan.period == fallback
    assert tula.period == Period(dt.date(2020, 1, 1), dt.date(2020, 12, 31))


def test_tula_two_line_signature_and_titled_references_from_the_pdf():
    header = recognize_header(corpus("tula_2020_order83.pdf")).header
    assert header.signatory == Signatory(
        "Министр труда и социальной защиты Тульской области", "А.В. Филиппов"
    )
    assert [(r.kind, r.number) for r in header.references] == [("law", "392-ФЗ"), ("decree", "457")]
    assert header.references[0].title.startswith("О внесении изменений в отдельные законодательные акты")
    assert header.number == "83-ОСН"  # the header wins over the appendix stamp's `83-ОЗИ`


def test_improvement_plan_authority_is_the_institution():
    header = recognize_header(corpus("vladimir_2019_improvement_plan.docx")).header
    assert header.kind == "improvement_plan"
    assert header.authority == "ГБУСО ВО «Вязниковский комплексный центр социального обслуживания населения»"
    assert header.date == dt.date(2019, 2, 8)


def test_date_and_number_on_separate_lines_and_a_signature_set_in_a_table():
    blocks = docx_blocks(
        P("МИНИСТЕРСТВО СОЦИАЛЬНОГО РАЗВИТИЯ", bold=True, center=True),
        P("НОВОСИБИРСКОЙ ОБЛАСТИ", bold=True, center=True),
        P("ПРИКАЗ", bold=True, center=True),
        P("« 18 » апреля 2020 г."),
        P("№ 83-ОСН"),
        P("Об организации независимой оценки", bold=True),
        P("Приказываю: 1. Провести оценку."),
        T((("Министр", "Я.А. Фролов"),)),
    )
    header = recognize_header(blocks).header
    assert (header.kind, header.number, header.date) == ("order", "83-ОСН", dt.date(2020, 4, 18))
    assert header.region == "Новосибирская область"
    assert header.signatory == Signatory("Министр", "Я.А. Фролов")


def test_kind_and_number_on_one_line_and_an_unstyled_title():
    blocks = docx_blocks(
        P("ДЕПАРТАМЕНТ ТРУДА И СОЦИАЛЬНОЙ ЗАЩИТЫ НАСЕЛЕНИЯ"),
        P("ЯРОСЛАВСКОЙ ОБЛАСТИ"),
        P("ПРИКАЗ № 15-06 от 20.02.2019"),
        P("г. Ярославль"),
        P("О проведении независимой оценки качества в 2019 году"),
        P("В целях реализации закона приказываю:"),
        P("Директор департамента\tЛ.М. Луценко"),
    )
    header = recognize_header(blocks).header
    assert (header.kind, header.number, header.date) == ("order", "15-06", dt.date(2019, 2, 20))
    assert header.title == "О проведении независимой оценки качества в 2019 году"
    assert header.authority == "Департамент труда и социальной защиты населения Ярославской области"
    assert header.period == Period(dt.date(2019, 1, 1), dt.date(2019, 12, 31))


def test_a_body_line_beginning_with_prikaz_is_not_the_kind():
    blocks = docx_blocks(
        P("Информация о ходе независимой оценки", bold=True, center=True),
        P("Приказ вступает в силу со дня подписания № 1."),
    )
    assert recognize_header(blocks).header.kind == "report"


def test_a_letter_about_a_year_has_no_period():
    blocks = docx_blocks(
        P("МИНИСТЕРСТВО СОЦИАЛЬНОЙ ЗАЩИТЫ НАСЕЛЕНИЯ КУРСКОЙ ОБЛАСТИ", bold=True, center=True),
        P("16.01.2026 № 01-12/145"),
        P("О результатах независимой оценки в 2025 году", bold=True),
        P("Направляем результаты."),
    )
    header = recognize_header(blocks).header
    assert (header.kind, header.number, header.date) == ("letter", "01-12/145", dt.date(2026, 1, 16))
    assert header.title == "О результатах независимой оценки в 2025 году"
    assert header.period is None


def test_position_and_name_on_separate_lines():
    blocks = docx_blocks(
        P("АГЕНТСТВО ПО СОЦИАЛЬНОЙ ПОЛИТИКЕ", bold=True, center=True),
        P("ВОЛОГОДСКОЙ ОБЛАСТИ", bold=True, center=True),
        P("ПРИКАЗ", bold=True, center=True),
        P("от 1 марта 2022 г. № 7"),
        P("Об оценке", bold=True),
        P("Приказываю провести оценку."),
        P("Руководитель агентства"),
        P("Н.Н. Кузнецова"),
        P("Исполнитель: Петров П.П."),
    )
    header = recognize_header(blocks).header
    assert header.signatory == Signatory("Руководитель агентства", "Н.Н. Кузнецова")
    assert header.region == "Вологодская область"


def test_a_rating_issued_by_a_public_council():
    blocks = docx_blocks(
        P(
            "ОБЩЕСТВЕННЫЙ СОВЕТ ПРИ МИНИСТЕРСТВЕ СОЦИАЛЬНОГО РАЗВИТИЯ ОРЕНБУРГСКОЙ ОБЛАСТИ",
            bold=True,
            center=True,
        ),
        P("Результаты независимой оценки качества за 2017 год", bold=True, center=True),
        T(
            (
                ("Наименование организации", "Открытость", "Комфортность", "Итого"),
                ("ГАУСО «Центр»", "90", "80", "85"),
            )
        ),
    )
    header = recognize_header(blocks).header
    assert header.kind == "rating"
    assert header.authority == "Общественный совет при министерстве социального развития Оренбургской области"
    assert header.region == "Оренбургская область"
    assert header.title == "Результаты независимой оценки качества за 2017 год"
    assert header.period == Period(dt.date(2017, 1, 1), dt.date(2017, 12, 31))


def test_council_protocol_number_date_and_chairman_not_the_presiding_line():
    header = recognize_header(
        docx_blocks(
            P("ПРОТОКОЛ № 5", bold=True, center=True),
            P(
                "заседания Общественного совета при департаменте социальной защиты, опеки и "
                "попечительства Костромской области",
                bold=True,
                center=True,
            ),
            P("г. Кострома\t20 декабря 2019 г."),
            P("Председательствовал: Кузнецов В.В."),
            P("РЕШИЛИ: 1. Утвердить результаты независимой оценки качества (приложение)."),
            P("Председатель общественного совета\tВ.В. Кузнецов"),
        )
    ).header
    assert (header.kind, header.number, header.date) == ("protocol", "5", dt.date(2019, 12, 20))
    assert header.region == "Костромская область"
    assert header.signatory == Signatory(position="Председатель общественного совета", name="В.В. Кузнецов")


def test_a_rating_stamped_as_the_appendix_to_a_protocol_cites_the_protocol():
    header = recognize_header(
        docx_blocks(
            P("Приложение к протоколу заседания общественного совета от 20.12.2019 № 5"),
            P(
                "Результаты независимой оценки качества условий оказания услуг организациями "
                "социального обслуживания Костромской области в 2019 году",
                bold=True,
                center=True,
            ),
            T((("Наименование организации", "Итоговый балл"), ("ОГБУ «Центр»", "90,1"))),
        )
    ).header
    assert header.kind == "rating"
    assert header.references == (
        Reference(kind="protocol", date=dt.date(2019, 12, 20), number="5", title=None),
    )
    assert header.period == Period(dt.date(2019, 1, 1), dt.date(2019, 12, 31))


def test_a_speck_read_as_a_comma_after_the_signatorys_post_is_not_part_of_it():
    blocks = docx_blocks(
        P("ДЕПАРТАМЕНТ СОЦИАЛЬНОЙ ЗАЩИТЫ НАСЕЛЕНИЯ", bold=True, center=True),
        P("« 5 » июня 2019 г. № 01-15/2345"),
        P("Направляем информацию о результатах независимой оценки."),
        P("Директор департамента,\tЛ.Е. Кукушкина"),
    )
    assert recognize_header(blocks).header.signatory == Signatory("Директор департамента", "Л.Е. Кукушкина")
