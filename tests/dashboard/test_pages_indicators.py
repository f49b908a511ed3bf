"""Показатели (minister): tiles and indicators from published documents only; filters change them."""

from __future__ import annotations

import pytest

from tests.dashboard.conftest import signed_in_app

AS_OF = {"as_of": "2024-06-01"}


def _metrics(at) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {m.label: m.value for m in at.metric}


def test_minister_sees_the_headline_of_the_year(filled) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(filled.users["minister"], "indicators.py", query=AS_OF)
    assert not at.exception
    assert at.selectbox(key="year").options == ["2024", "2023"]  # the draft's 2022 never shows
    metrics = _metrics(at)
    assert metrics["Оценено учреждений"] == "100%"
    assert metrics["Средний итоговый балл"] == "85,2"
    assert at.metric[1].delta == "+0,5"
    assert metrics["Просрочено точек"] == "2"
    assert metrics["Меры планов улучшения"] == "50%"
    table = at.dataframe[0].value
    assert table["Показатель"].tolist() == ["Доля оцененных учреждений"]
    assert table["Выполнение, %"].tolist() == [80.0]
    assert table["Статус"].tolist() == ["отстаёт"]
    assert [b.label for b in at.get("download_button")][:2] == ["Скачать XLSX", "Скачать CSV"]


def test_year_and_region_filters_change_the_figures(filled) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(filled.users["minister"], "indicators.py", query=AS_OF)
    at.selectbox(key="year").select("2023").run()
    assert _metrics(at)["Оценено учреждений"] == "60%"
    assert at.query_params["year"] in ("2023", ["2023"])
    at.selectbox(key="year").select("2024").run()
    at.selectbox(key="region").select("Южная область").run()
    assert _metrics(at)["Средний итоговый балл"] == "76,5"
    assert "Нет опубликованных целевых показателей" in at.info[0].value


def test_the_url_reproduces_the_view(filled) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(filled.users["minister"], "indicators.py", query={**AS_OF, "year": "2023"})
    assert at.selectbox(key="year").value == 2023
    assert _metrics(at)["Оценено учреждений"] == "60%"


@pytest.mark.parametrize("role", ["staff", "council", "supervisor"])
def test_other_roles_have_no_indicators_page(filled, role: str) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(filled.users[role])
    with pytest.raises(ValueError, match="Known pages"):
        at.switch_page("views/indicators.py")


def test_progress_uses_the_next_target_when_the_fact_year_has_none() -> None:
    from db.queries.indicators import IndicatorPoint, indicator_progress

    def point(year: int, plan: float | None, fact: float | None) -> IndicatorPoint:
        return IndicatorPoint(1, "Доля", "%", None, year, plan, fact)

    (progress,) = indicator_progress([point(2023, None, 70), point(2024, None, 81), point(2025, 90, None)])
    assert (progress.year, progress.plan, progress.fact, progress.light) == (2024, 90, 81, "yellow")
    (only_fact,) = indicator_progress([point(2024, None, 81)])
    assert only_fact.light == "grey" and only_fact.progress is None
