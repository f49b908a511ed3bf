"""Планы улучшения (council, supervisors): execution per institution and overdue measures."""

from __future__ import annotations

import pytest

from tests.dashboard.conftest import signed_in_app


@pytest.mark.parametrize("role", ["council", "supervisor"])
def test_execution_and_overdue_measures(filled, role: str) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(filled.users[role], "improvement.py", query={"as_of": "2024-06-01"})
    assert not at.exception
    assert {m.label: m.value for m in at.metric} == {
        "Учреждений с планами": "1",
        "Исполнено мер со сроком": "50%",
        "Просроченных мер": "1",
    }
    by_org = at.dataframe[0].value
    assert by_org.iloc[0].to_dict()["Учреждение"] == "Дом «Эпсилон»"
    assert by_org.iloc[0]["Исполнение, %"] == 50.0
    assert at.dataframe[1].value["Мера"].tolist() == ["Устранить недостаток (accessibility)"]
    effect = at.dataframe[2].value
    assert effect["Критерий"].tolist() == ["Комфортность", "Доступность"]
    assert effect["Выполнено"].tolist() == ["да", "нет"]


def test_an_earlier_date_has_nothing_overdue(filled) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(filled.users["council"], "improvement.py", query={"as_of": "2024-02-26"})
    assert {m.label: m.value for m in at.metric}["Просроченных мер"] == "0"
    assert any("просроченных мер нет" in c.value for c in at.caption)


@pytest.mark.parametrize("role", ["minister", "staff"])
def test_other_roles_have_no_improvement_page(filled, role: str) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(filled.users[role])
    with pytest.raises(ValueError, match="Known pages"):
        at.switch_page("views/improvement.py")
