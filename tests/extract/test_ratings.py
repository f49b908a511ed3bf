"""Ratings tables: criteria by meaning, service-form rows, points scales, ties."""

from __future__ import annotations

import pytest

from extract.ratings import _below, _score, recognize_ratings, service_form_of
from extract.readers import read_blocks
from extract.records import Scores
from tests.conftest import CORPUS
from tests.extract.docx_fixtures import P, T, docx_blocks


def test_points_scale_from_the_total_header_ties_and_missing_criteria():
    blocks = docx_blocks(
        P("Рейтинг учреждений социального обслуживания Приморского края за 2016 год", bold=True, center=True),
        T(
            (
                (
                    "Наименование организации",
                    "Итоговый балл (макс. 160 баллов)",
                    "Комфортность условий",
                    "Открытость и доступность информации",
                    "Место",
                ),
                "Надомная форма обслуживания",
                ("КГАУСО «Приморский центр»", "150,5", "28", "30", "1"),
                ("КГАУСО «Находкинский центр»", "140", "25,5", "29", "2-3"),
                ("КГАУСО «Уссурийский центр»", "140", "26", "27", "2-3"),
            )
        ),
    )
    ratings = recognize_ratings(blocks, year=2016).ratings
    assert [r.organization for r in ratings] == [
        "КГАУСО «Приморский центр»",
        "КГАУСО «Находкинский центр»",
        "КГАУСО «Уссурийский центр»",
    ]
    first = ratings[0]
    assert first.scores == Scores(openness=30.0, comfort=28.0)
    assert (first.total, first.rank, first.scale, first.year, first.service_form) == (
        150.5,
        1,
        160.0,
        2016,
        "home",
    )
    assert [r.rank for r in ratings[1:]] == [None, None]


def test_scale_stated_above_the_table_and_service_forms():
    assert service_form_of("Полустационарная форма социального обслуживания") == "semi_stationary"
    assert service_form_of("Стационарная форма") == "stationary"
    assert service_form_of("Форма социального обслуживания на дому (надомная)") == "home"
    assert service_form_of("Итого") is None


def test_vladimir_ratings_from_the_real_pdf():
    blocks = read_blocks((CORPUS / "vladimir_2018_ratings.pdf").read_bytes(), "r.pdf")
    result = recognize_ratings(blocks, year=2018)
    ratings = result.ratings
    assert len(ratings) == 15
    forms = [r.service_form for r in ratings]
    assert (forms.count("stationary"), forms.count("semi_stationary"), forms.count("home")) == (6, 4, 5)
    assert {r.scale for r in ratings} == {100.0}
    assert (
        ratings[7].organization
        == "ГБУСО ВО «Владимирский социально-реабилитационный центр для несовершеннолетних»"
    )
    assert (ratings[0].total, ratings[0].scores.accessibility, ratings[6].rank) == (92.5, 78.5, 1)
    assert "открытост" in result.reasons[0].lower()


def test_a_table_without_criteria_is_not_a_rating():
    blocks = docx_blocks(T((("№", "Наименование учреждения", "Адрес"), ("1", "ГБУ «Центр»", "г. Тула"))))
    assert recognize_ratings(blocks, year=None).ratings == ()


def test_a_rating_inside_a_letter_takes_its_year_from_its_heading_and_skips_the_average_row():
    blocks = docx_blocks(
        P("Результаты независимой оценки за 2019 год", bold=True, center=True),
        T(
            (
                ("Организация", "Открытость", "Комфортность", "Доступность для инвалидов", "Итоговый балл"),
                ("ГБУ «Центр»", "90", "80", "70", "80"),
                ("Среднее значение по области", "85", "75", "65", "75"),
            )
        ),
    )
    ratings = recognize_ratings(blocks, year=None).ratings
    assert [(r.organization, r.year, r.total, r.scores.accessibility) for r in ratings] == [
        ("ГБУ «Центр»", 2019, 80.0, 70.0)
    ]


def test_service_form_given_in_a_column():
    blocks = docx_blocks(
        T(
            (
                ("Учреждение", "Форма обслуживания", "Открытость", "Удовлетворенность", "Итоговый балл"),
                ("ГБУ «Дом-интернат»", "стационарная", "90", "95", "92,5"),
                ("ГБУ «КЦСОН»", "надомная", "85", "93", "89"),
            )
        )
    )
    ratings = recognize_ratings(blocks, year=2020).ratings
    assert [(r.organization, r.service_form) for r in ratings] == [
        ("ГБУ «Дом-интернат»", "stationary"),
        ("ГБУ «КЦСОН»", "home"),
    ]
    assert ratings[0].scores == Scores(openness=90.0, satisfaction=95.0)


@pytest.mark.parametrize(
    ("text", "score"),
    [("95,7", 95.7), ("957", 95.7), ("8674", 86.74), ("86 74", 86.74), ("1000", 100.0), ("100", 100.0)],
)
def test_a_score_a_scan_read_without_its_decimal_comma_is_put_back_on_the_scale(
    text: str, score: float
) -> None:
    assert _below(_score(text), 100.0) == score
