"""Рейтинги (council): ties share a place, missing criteria stay empty, filters and comparison work."""

from __future__ import annotations

import pytest

from db.queries.ratings import dense_ranks
from tests.dashboard.conftest import signed_in_app


def test_ranking_of_the_latest_year_with_ties_and_missing_criteria(filled) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(filled.users["council"], "ratings.py")
    assert not at.exception
    assert at.selectbox(key="year").options == ["2024", "2023"]
    table = at.dataframe[0].value
    assert table["Учреждение"].tolist() == [
        "Центр «Альфа»",
        "Центр «Бета»",
        "Центр «Гамма»",
        "Дом «Дельта»",
        "Дом «Эпсилон»",
    ]
    assert table["Место"].tolist() == [1, 2, 2, 3, 4]
    comfort = dict(zip(table["Учреждение"], table["Комфортность"], strict=True))
    assert comfort["Дом «Дельта»"] == "—" and comfort["Центр «Альфа»"] == "90"  # missing shown as a dash
    caption = " ".join(c.value for c in at.caption)
    assert "равные баллы у 2 оценок" in caption
    assert "у 1 оценок не все критерии указаны" in caption


def test_year_and_region_filters(filled) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(filled.users["council"], "ratings.py")
    at.selectbox(key="year").select("2023").run()
    assert at.dataframe[0].value["Итоговый балл"].tolist() == [88.0, 86.0, 80.0]
    at.selectbox(key="region").select("Южная область").run()
    assert at.dataframe[0].value["Учреждение"].tolist() == ["Дом «Дельта»"]


def test_compare_two_institutions_and_open_a_card(filled) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(filled.users["council"], "ratings.py")
    alpha, beta = filled.organizations["Центр «Альфа»"], filled.organizations["Центр «Бета»"]
    at.multiselect(key="compare").set_value([alpha, beta]).run()
    assert not at.exception
    compare = at.dataframe[1].value
    assert compare["Учреждение"].tolist() == ["Центр «Альфа»", "Центр «Бета»"]
    assert compare["2023"].tolist() == [88.0, 86.0]
    assert compare["2024"].tolist() == [93.0, 90.0]
    at.selectbox(key="card").set_value(filled.organizations["Дом «Эпсилон»"]).run()
    frames = [d.value for d in at.dataframe]
    measures = next(f for f in frames if "Мера" in f.columns)
    assert measures["Выполнено точек"].tolist() == ["1 из 1", "0 из 1"]
    history = next(f for f in frames if "Год" in f.columns and "Форма обслуживания" in f.columns)
    assert history["Год"].tolist() == [2024]  # the draft's 2022 row is not shown


def test_the_url_chooses_the_compared_institutions(filled) -> None:  # type: ignore[no-untyped-def]
    ids = [str(filled.organizations["Центр «Альфа»"]), str(filled.organizations["Дом «Дельта»"])]
    at = signed_in_app(filled.users["council"], "ratings.py", query={"org": ids, "year": "2023"})
    assert at.selectbox(key="year").value == 2023
    assert at.dataframe[1].value["Учреждение"].tolist() == ["Дом «Дельта»", "Центр «Альфа»"]


def test_staff_has_no_ratings_page(filled) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(filled.users["staff"])
    with pytest.raises(ValueError, match="Known pages"):
        at.switch_page("views/ratings.py")


def test_dense_ranks() -> None:
    assert dense_ranks([93.0, 90.0, 90.0, 82.0, None]) == [1, 2, 2, 3, None]
    assert dense_ranks([]) == []
