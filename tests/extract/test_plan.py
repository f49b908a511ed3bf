"""Plan tables: columns by meaning in any order, numbering styles, sections, responsible lists."""

from __future__ import annotations

import datetime as dt

from extract.plan import recognize_plan, split_responsible
from extract.readers import read_blocks
from extract.records import Period
from tests.conftest import CORPUS
from tests.extract.docx_fixtures import P, T, docx_blocks

PERIOD = Period(dt.date(2021, 1, 1), dt.date(2021, 12, 31))


def reordered_plan():
    return docx_blocks(
        T(
            (
                (
                    "Срок исполнения",
                    "№ п/п",
                    "Ответственные исполнители",
                    "Содержание мероприятия",
                    "Ожидаемый результат",
                ),
                ("", "1.", "", "Организационные мероприятия", ""),
                (
                    "I квартал 2021 г.",
                    "1.1.",
                    "Министерство труда, занятости и социальной защиты Республики Татарстан, "
                    "органы местного самоуправления (по согласованию),",
                    "Формирование перечня организаций",
                    "приказ",
                ),
                (
                    "постоянно",
                    "1.2.",
                    "Отдел мониторинга\nОбщественный совет",
                    "Мониторинг сайтов",
                    "справка",
                ),
                ("", "2.", "", "Проведение оценки", ""),
                ("по мере необходимости", "2.1.", "Оператор", "Сбор информации", ""),
            )
        )
    )


def test_columns_in_another_order_and_number_only_headings_become_sections():
    items = recognize_plan(reordered_plan(), period=PERIOD, document_date=None).items
    assert [(i.number, i.title, i.section) for i in items] == [
        ("1.1", "Формирование перечня организаций", "1. Организационные мероприятия"),
        ("1.2", "Мониторинг сайтов", "1. Организационные мероприятия"),
        ("2.1", "Сбор информации", "2. Проведение оценки"),
    ]
    assert [i.result_form for i in items] == ["приказ", "справка", None]
    assert [i.deadline.text for i in items] == ["I квартал 2021 г.", "постоянно", "по мере необходимости"]


def test_responsible_split_on_commas_and_paragraphs_keeps_a_name_with_a_comma_whole():
    items = recognize_plan(reordered_plan(), period=PERIOD, document_date=None).items
    assert items[0].responsible == (
        "Министерство труда, занятости и социальной защиты Республики Татарстан",
        "органы местного самоуправления (по согласованию)",
    )
    assert items[1].responsible == ("Отдел мониторинга", "Общественный совет")
    assert split_responsible(("",)) == ()


def test_numbering_with_brackets_inside_the_text_cell():
    blocks = docx_blocks(
        T(
            (
                ("Мероприятие", "Срок", "Исполнитель"),
                ("1) Разработка анкеты", "май 2021 г.", "Министерство"),
                ("2) Размещение анкеты на сайте", "июнь 2021 г.", "Организации"),
            )
        )
    )
    items = recognize_plan(blocks, period=PERIOD, document_date=None).items
    assert [(i.number, i.title) for i in items] == [
        ("1", "Разработка анкеты"),
        ("2", "Размещение анкеты на сайте"),
    ]


def test_improvement_and_rating_tables_are_not_plans():
    blocks = docx_blocks(
        T(
            (
                ("Недостатки", "Мероприятие", "Срок", "Ответственный"),
                ("Нет пандуса", "Установить", "2021", "Директор"),
            )
        ),
        T((("№", "Наименование учреждения", "Итоговый балл", "Место"), ("1", "ГБУ «Центр»", "90", "1"))),
    )
    assert recognize_plan(blocks, period=PERIOD, document_date=None).items == ()


def test_magadan_plan_from_the_real_docx_keeps_the_title_row_section_and_both_5_5():
    blocks = read_blocks((CORPUS / "magadan_2017_order64.docx").read_bytes(), "m.docx")
    result = recognize_plan(blocks, period=PERIOD, document_date=dt.date(2017, 3, 15))
    numbers = [i.number for i in result.items]
    assert numbers == ["1", "2", "3", "4", "5.1", "5.2", "5.3", "5.4", "5.5", "5.5", "5.6"]
    assert result.items[0].section == "II. План мероприятий"
    assert result.items[4].section == "5. Организация и проведение независимой оценки качества услуг"
    assert result.items[7].deadline.text is None
    assert "Форма реализации" in result.reasons[0]


def test_a_plan_split_into_tables_by_page_breaks_keeps_its_sections():
    header = ("№ п/п", "Мероприятие", "Срок", "Ответственный")
    blocks = docx_blocks(
        T((header, ("1", "2", "3", "4"), "I. Подготовка", ("1.1", "Сбор данных", "март 2021 г.", "Отдел"))),
        P("2"),  # a page number between the parts
        T((("1.2", "Анализ данных", "апрель 2021 г.", "Отдел"),)),
        T((header, ("1", "2", "3", "4"), ("1.3", "Отчет", "май 2021 г.", "Отдел"), "II. Итоги")),
        P("Начальник отдела организации социального обслуживания населения министерства"),
        T((("1", "Другая таблица", "", ""),)),
    )
    items = recognize_plan(blocks, period=PERIOD, document_date=None).items
    assert [(i.number, i.section) for i in items] == [
        ("1.1", "I. Подготовка"),
        ("1.2", "I. Подготовка"),
        ("1.3", "I. Подготовка"),
    ]


def test_executors_glued_by_a_pdf_cell_are_split_where_the_next_body_begins() -> None:
    assert split_responsible(("Министерство социального развития Пермского края Общественный совет",)) == (
        "Министерство социального развития Пермского края",
        "Общественный совет",
    )
    assert split_responsible(("Общественный совет (по согласованию) отдел опеки",)) == (
        "Общественный совет (по согласованию)",
        "отдел опеки",
    )
    assert split_responsible(("Отдел департамента ГКУ ЯО «Центр социальных выплат»",)) == (
        "Отдел департамента",
        "ГКУ ЯО «Центр социальных выплат»",
    )
    # a body after a preposition, in the genitive or after a person stays in the same executor
    for whole in (
        "Общественный совет при Министерстве",
        "отдел опеки Департамента",
        "Руководители ГБУСО «Центр»",
    ):
        assert split_responsible((whole,)) == (whole,)


def _plan_with_sections(*headings: str) -> list:  # type: ignore[type-arg]
    header = ("№ п/п", "Наименование мероприятия", "Срок исполнения", "Ответственные исполнители")
    rows: list = [header]  # type: ignore[type-arg]
    for k, heading in enumerate(headings, start=1):
        rows += [heading, (f"{k}.1.", f"Мероприятие раздела {k}", "постоянно", "Отдел мониторинга")]
    items = recognize_plan(docx_blocks(T(tuple(rows))), period=PERIOD, document_date=None).items
    return list(dict.fromkeys(i.section for i in items))


def test_a_heading_whose_numeral_a_scan_lost_keeps_its_place_in_the_sequence() -> None:
    # the Ryazan plan numbers `1.`, `2.`, `III.` (so it is printed); a scan reads `III.` as `ПЕ`
    assert _plan_with_sections("1. Подготовка", "2. Проведение", "ПЕ Применение результатов") == [
        "1. Подготовка",
        "2. Проведение",
        "III. Применение результатов",
    ]
    assert _plan_with_sections("1. Подготовка", "Проведение", "3. Применение") == [
        "1. Подготовка",
        "2. Проведение",
        "3. Применение",
    ]
    # what a typed file prints stays: a numeral out of sequence, an unnumbered heading before
    # any numbered one, a gap the next heading does not close
    for typed in (
        ("I. Подготовка", "II. Проведение"),
        ("Общие мероприятия", "1. Подготовка"),
        ("1. Подготовка", "Проведение", "5. Применение"),
    ):
        assert _plan_with_sections(*typed) == list(typed)


def test_a_scanned_cells_lines_are_one_executor_where_the_name_runs_on():
    # a post that binds what follows, a genitive that can only continue the name above it
    assert split_responsible(("Заместитель", "директора департамента")) == (
        "Заместитель директора департамента",
    )
    assert split_responsible(
        ("Отдел социального обслуживания населения", "департамента", "ГКУ ЯО «Центр социальных выплат»")
    ) == ("Отдел социального обслуживания населения департамента", "ГКУ ЯО «Центр социальных выплат»")
    # a body of its own in the nominative (Tula's «организации социального обслуживания») stays apart
    assert split_responsible(
        ("министерство труда и социальной защиты", "организации социального обслуживания")
    ) == (
        "министерство труда и социальной защиты",
        "организации социального обслуживания",
    )
