"""The computed results beside the stored ratings: what counts as a difference, and the JSON."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assessment.compare import SCORES, Check, StoredRating, check, compute_row
from assessment.method import SYMBOLS
from assessment.raw import read_raw_figures
from tests.assessment.test_method import EXAMPLE_A
from tests.assessment.test_raw import HEADERS, ROW_A, operator_file

# Example A of test_method: K1 91,72 · K2 85 · K3 74 · K4 94,78 · K5 91 · S 87,3
APPROVED = {
    "K1": Decimal("91.72"),
    "K2": Decimal("85.00"),
    "K3": Decimal("74.00"),
    "K4": Decimal("94.78"),
    "K5": Decimal("91.00"),
    "total": Decimal("87.30"),
}


def _checked(stored: dict[str, Decimal | None] | None, *rows: list[object]) -> Check:
    table = read_raw_figures(operator_file(HEADERS, *(rows or (ROW_A,))))
    rating = None if stored is None else StoredRating("ГБУСО «Пример»", "stationary", stored, document_id=7)
    return check(table, year=2025, stored_for=lambda name, form: rating if name == "ГБУСО «Пример»" else None)


def test_a_rating_computed_by_the_method_matches() -> None:
    result = _checked(APPROVED)
    (institution,) = result.institutions
    assert (institution.status, institution.differences, result.ok) == ("matches", (), True)


@pytest.mark.parametrize("what", SCORES)
def test_a_stored_rating_edited_by_five_hundredths_is_caught(what: str) -> None:
    edited = {**APPROVED, what: APPROVED[what] + Decimal("0.05")}
    result = _checked(edited)
    (institution,) = result.institutions
    assert institution.status == "differs" and not result.ok
    (difference,) = institution.differences
    assert (difference.what, difference.delta) == (what, Decimal("0.05"))
    assert "в рейтинге" in difference.line_ru and "(+0,05)" in difference.line_ru


def test_one_hundredth_off_is_within_the_tolerance_of_rounding_each_step() -> None:
    result = _checked({**APPROVED, "K4": APPROVED["K4"] - Decimal("0.01")})
    assert result.ok


def test_a_criterion_the_rating_leaves_empty_is_a_difference() -> None:
    (institution,) = _checked({**APPROVED, "K3": None}).institutions
    assert [(d.what, d.stored) for d in institution.differences] == [("K3", None)]
    assert "не указан" in institution.differences[0].line_ru


def test_an_institution_without_a_stored_rating_is_reported_and_an_invalid_row_is_not_compared() -> None:
    other = ["ГБУ «Другое»", "", *(EXAMPLE_A[s] for s in SYMBOLS)]
    broken = ["ГБУ «Сломанное»", "", *(EXAMPLE_A[s] for s in SYMBOLS)]
    broken[2 + SYMBOLS.index("Чинв")] = 0
    result = _checked(APPROVED, ROW_A, other, broken)
    assert [i.status for i in result.institutions] == ["matches", "unmatched", "invalid"]
    assert result.institutions[2].problems == ("Пдостуд: Чинв = 0: делить не на что (деление на ноль)",)
    assert (result.count("matches"), result.count("unmatched", "differs"), result.count("invalid")) == (
        1,
        1,
        1,
    )
    assert "совпадает — 1" in result.summary_ru and "ошибка в данных — 1" in result.summary_ru


def test_without_a_year_rows_are_computed_only() -> None:
    result = check(read_raw_figures(operator_file(HEADERS, ROW_A)))
    assert result.year is None and result.institutions[0].status == "computed" and result.ok


def test_an_unreadable_cell_is_reported_once() -> None:
    row = list(ROW_A)
    row[2 + SYMBOLS.index("Ууд")] = "н/д"
    (raw,) = read_raw_figures(operator_file(HEADERS, row)).rows
    assert compute_row(raw).problems == ("«н/д» в столбце «Ууд» — не число",)


def test_the_json_has_one_object_per_institution_and_reads_back() -> None:
    result = _checked({**APPROVED, "K1": Decimal("97.72"), "total": Decimal("88.50")})
    data = result.to_json()
    (institution,) = data["institutions"]
    assert {"institution", "indicators", "criteria", "total", "stored", "differences"} <= set(institution)
    assert institution["criteria"] == {"K1": 91.72, "K2": 85.0, "K3": 74.0, "K4": 94.78, "K5": 91.0}
    assert institution["total"] == 87.3
    assert institution["indicators"]["Пинф"] == 87.96 and institution["indicators"]["Пожид"] is None
    assert institution["stored"]["K1"] == 97.72 and institution["stored"]["document_id"] == 7
    assert institution["differences"] == [
        {"what": "K1", "computed": 91.72, "stored": 97.72, "difference": 6.0},
        {"what": "total", "computed": 87.3, "stored": 88.5, "difference": 1.2},
    ]
    assert Check.from_json(data) == result
