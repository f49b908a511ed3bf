"""Review before saving: a real file's extraction becomes tables, and corrections fold back in."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from dashboard import review
from docstore.confidence import OcrCheck
from extract import extract_document
from tests.conftest import CORPUS
from tests.docstore.conftest import SCAN_DOUBTFUL, SCAN_FIELDS, SCAN_SHOWN, scanned_order


def _extract(name: str):  # type: ignore[no-untyped-def]
    return extract_document((CORPUS / name).read_bytes(), name)


def test_header_correction_of_a_real_order() -> None:
    extraction = _extract("magadan_2017_order64.docx")
    frame = review.header_frame(extraction.document)
    assert frame["Поле"].tolist()[:5] == ["Вид документа", "Орган", "Регион", "Номер", "Дата (ДД.ММ.ГГГГ)"]
    assert frame.loc[3, "Значение"] == extraction.document.number
    frame.loc[4, "Значение"] = "01.02.2017"
    frame.loc[5, "Значение"] = "Исправленный заголовок"
    header = review.apply_header(extraction.document, frame)
    assert header.date == dt.date(2017, 2, 1)
    assert header.title == "Исправленный заголовок"
    assert header.number == extraction.document.number
    frame.loc[4, "Значение"] = "32.13.2017"
    with pytest.raises(review.InvalidCorrection, match=r"ДД\.ММ\.ГГГГ"):
        review.apply_header(extraction.document, frame)


def test_a_changed_deadline_is_parsed_again() -> None:
    extraction = _extract("ryazan_plan_graph.docx")
    plan = review.plan_frame(extraction.plan_items)
    assert len(plan) == len(extraction.plan_items) == 14
    plan.iloc[0, 3] = "до 31.12.2020"
    plan.iloc[1, 1] = "Новое название мероприятия"
    corrected = review.apply_tables(extraction, extraction.document, plan=plan)
    assert corrected.plan_items[0].deadline.kind == "once"
    assert corrected.plan_items[0].deadline.due_dates == (dt.date(2020, 12, 31),)
    assert corrected.plan_items[1].title == "Новое название мероприятия"
    assert corrected.plan_items[2] == extraction.plan_items[2]


def test_rating_scores_are_corrected_with_a_decimal_comma() -> None:
    extraction = _extract("vladimir_2018_ratings.docx")
    ratings = review.rating_frame(extraction.ratings).astype(object)
    assert len(ratings) == 15
    ratings.iloc[0, 8] = "77,5"
    ratings.iloc[0, 4] = None
    corrected = review.apply_tables(extraction, extraction.document, ratings=ratings)
    assert corrected.ratings[0].total == 77.5
    assert corrected.ratings[0].scores.comfort is None
    assert corrected.ratings[1] == extraction.ratings[1]
    ratings.iloc[0, 8] = "много"
    with pytest.raises(review.InvalidCorrection, match="не число"):
        review.apply_tables(extraction, extraction.document, ratings=ratings)


def test_improvement_measures_round_trip() -> None:
    extraction = _extract("vladimir_2019_improvement_plan.docx")
    frame = review.improvement_frame(extraction.improvement_items)
    assert len(frame) == 6
    unchanged = review.apply_tables(extraction, extraction.document, improvement=frame)
    assert unchanged.improvement_items == extraction.improvement_items


def test_the_kind_is_shown_and_corrected_in_russian() -> None:
    extraction = _extract("magadan_2017_order64.docx")
    frame = review.header_frame(extraction.document)
    assert frame.loc[0, "Значение"] == "приказ"
    frame.loc[0, "Значение"] = "Протокол"
    assert review.apply_header(extraction.document, frame).kind == "protocol"
    frame.loc[0, "Значение"] = "указ"
    with pytest.raises(review.InvalidCorrection, match="Неизвестный вид"):
        review.apply_header(extraction.document, frame)


def test_service_forms_are_shown_and_read_in_russian() -> None:
    extraction = _extract("vladimir_2018_ratings.docx")
    ratings = review.rating_frame(extraction.ratings).astype(object)
    assert set(ratings["Форма"]) <= {"стационарная", "полустационарная", "на дому", ""}
    assert review.apply_tables(extraction, extraction.document, ratings=ratings).ratings == extraction.ratings
    ratings.iloc[0, 1] = "на дому"
    assert (
        review.apply_tables(extraction, extraction.document, ratings=ratings).ratings[0].service_form
        == "home"
    )


def test_indicator_values_are_one_row_each_and_round_trip() -> None:
    extraction = _extract("magadan_2017_order64.docx")
    frame = review.indicator_frame(extraction.indicators)
    assert frame.columns.tolist() == ["Показатель", "Ед. изм.", "Год", "План/факт", "Значение"]
    assert len(frame) == sum(len(i.values) for i in extraction.indicators) == 8
    assert frame["Год"].tolist()[:4] == [2015, 2016, 2017, 2018]
    assert frame["План/факт"].tolist()[:4] == ["факт", "факт", "план", "план"]
    unchanged = review.apply_tables(extraction, extraction.document, indicators=frame)
    assert unchanged.indicators == extraction.indicators


def test_indicator_corrections_take_a_decimal_comma_and_a_new_name() -> None:
    extraction = _extract("magadan_2017_order64.docx")
    frame = review.indicator_frame(extraction.indicators).astype(object)
    frame.iloc[1, 4] = "40,5"
    frame.iloc[2, 3] = "Факт"
    frame.iloc[3, 0] = "Доля оцененных организаций"
    frame.iloc[4, 1] = "процентов"
    corrected = review.apply_tables(extraction, extraction.document, indicators=frame)
    first, second = corrected.indicators
    assert first.name == "Доля оцененных организаций"
    assert first.values[1].value == 40.5
    assert first.values[2].kind == "fact" and first.values[2].year == 2017
    assert first.unit == extraction.indicators[0].unit
    assert second.unit == "процентов"
    assert second.values == extraction.indicators[1].values


def test_an_indicator_value_that_is_not_a_number_is_refused_in_russian() -> None:
    extraction = _extract("magadan_2017_order64.docx")
    frame = review.indicator_frame(extraction.indicators).astype(object)
    frame.iloc[0, 4] = "одиннадцать"
    with pytest.raises(review.InvalidCorrection, match="«одиннадцать» — не число"):
        review.apply_tables(extraction, extraction.document, indicators=frame)
    frame.iloc[0, 4] = 11
    frame.iloc[0, 3] = "прогноз"
    with pytest.raises(review.InvalidCorrection, match="укажите «план» или «факт»"):
        review.apply_tables(extraction, extraction.document, indicators=frame)
    frame.iloc[0, 3] = "факт"
    frame.iloc[0, 2] = None
    with pytest.raises(review.InvalidCorrection, match="не указан год"):
        review.apply_tables(extraction, extraction.document, indicators=frame)


def test_a_value_can_be_typed_for_an_indicator_without_values() -> None:
    from extract.records import Indicator, IndicatorValue

    extraction = _extract("magadan_2017_order64.docx")
    bare = dataclasses.replace(extraction, indicators=(Indicator(name="Доля жалоб", unit="%"),))
    frame = review.indicator_frame(bare.indicators).astype(object)
    assert len(frame) == 1 and frame.iloc[0, 3] == ""
    assert review.apply_tables(bare, bare.document, indicators=frame).indicators == bare.indicators
    frame.iloc[0, 2:5] = [2024, "план", "2,5"]
    corrected = review.apply_tables(bare, bare.document, indicators=frame)
    assert corrected.indicators[0].values == (IndicatorValue(year=2024, kind="plan", value=2.5),)


# --- a scanned copy: doubtful cells first ---------------------------------------------------------


def test_doubtful_cells_of_a_scan_are_named_and_come_first() -> None:
    scan = scanned_order()
    plan = review.marked("plan_items", scan.plan_items, review.plan_frame(scan.plan_items))
    assert plan.index.tolist()[:3] == [2, 5, 0]  # least sure first, the others in document order
    assert plan[review.CHECK_COLUMN].tolist()[:3] == ["⚠ Срок (41)", "⚠ Мероприятие (55)", ""]
    assert plan.loc[2, "Срок"] == "ежеквартально"
    # a doubtful result form is not shown on the review, so row 0 has nothing to check
    indicators = review.marked("indicators", scan.indicators, review.indicator_frame(scan.indicators))
    assert indicators.index[0] == 6 and indicators.iloc[0]["Год"] == 2017
    assert indicators.iloc[0][review.CHECK_COLUMN] == "⚠ Значение (35)"
    assert (indicators[review.CHECK_COLUMN] != "").sum() == 1


def test_a_doubtful_header_field_carries_the_warning_and_its_confidence() -> None:
    frame = review.marked_header(scanned_order().document)
    assert frame.loc[3, "Поле"] == "⚠ Номер"
    assert frame.loc[3, review.CHECK_COLUMN] == "⚠ уверенность 48 из 100"
    assert frame.loc[1, "Поле"] == "Орган" and frame.loc[1, review.CHECK_COLUMN] == ""


def test_a_typed_file_gets_no_marks() -> None:
    extraction = _extract("ryazan_plan_graph.docx")
    assert review.ocr_summary_ru(extraction) is None and review.signed_ru(extraction) is None
    frame = review.plan_frame(extraction.plan_items)
    assert review.marked("plan_items", extraction.plan_items, frame) is frame
    assert review.CHECK_COLUMN not in review.marked_header(extraction.document).columns


def test_marked_tables_fold_back_in_document_order() -> None:
    scan = scanned_order()
    plan = review.marked("plan_items", scan.plan_items, review.plan_frame(scan.plan_items))
    header = review.marked_header(scan.document)
    assert review.apply_tables(scan, review.apply_header(scan.document, header), plan=plan) == scan
    plan.loc[2, "Срок"] = "до 31.12.2017"  # the first row shown: plan item 3
    header.loc[3, "Значение"] = "64-П"
    corrected = review.apply_tables(scan, review.apply_header(scan.document, header), plan=plan)
    assert corrected.plan_items[2].deadline.due_dates == (dt.date(2017, 12, 31),)
    assert corrected.plan_items[0] == scan.plan_items[0]
    assert corrected.document.number == "64-П"


def test_the_top_of_the_review_says_how_many_fields_are_doubtful() -> None:
    text, doubtful = review.ocr_summary_ru(scanned_order())  # type: ignore[misc]
    assert doubtful == len(SCAN_DOUBTFUL) - 1  # the result form is not shown
    assert text.startswith(f"Распознано OCR: {SCAN_SHOWN} полей, из них сомнительных: 4 (уверенность ниже 60")
    text, doubtful = review.ocr_summary_ru(scanned_order(doubtful=False))  # type: ignore[misc]
    assert doubtful == 0
    assert text.startswith(f"Распознано OCR: {SCAN_SHOWN} полей, все прочитаны уверенно")
    assert review.signed_ru(scanned_order()) == "В копии найдены печать и подпись: подписанный экземпляр."
    assert (
        review.signed_ru(scanned_order(signature=False)) == "В копии найдена печать: подписанный экземпляр."
    )
    assert review.signed_ru(scanned_order(seal=False, signature=False)).startswith(
        "Печать и подпись в копии не найдены"
    )


def test_what_the_person_checked_and_changed_is_counted() -> None:
    scan = scanned_order()
    plan = review.marked("plan_items", scan.plan_items, review.plan_frame(scan.plan_items))
    untouched = review.apply_tables(scan, scan.document, plan=plan)
    assert review.ocr_check(scan, untouched) == OcrCheck(SCAN_FIELDS, 5, SCAN_SHOWN, 0)
    plan.loc[2, "Срок"] = "до 31.12.2017"
    plan.loc[5, "Мероприятие"] = "Подготовка технического задания"
    indicators = review.indicator_frame(scan.indicators).astype(object)
    indicators.iloc[6, 4] = "65"
    header = review.header_frame(scan.document)
    header.loc[0, "Значение"] = "протокол"  # the kind is not read with a confidence: not counted
    corrected = review.apply_tables(
        scan, review.apply_header(scan.document, header), plan=plan, indicators=indicators
    )
    assert review.ocr_check(scan, corrected) == OcrCheck(SCAN_FIELDS, 5, SCAN_SHOWN, 3)
