"""The 344н method on worked examples computed by hand, and its properties over any valid figures.

Every expected value below was worked out on paper from the order's formulas (the arithmetic is
in the comments); the method must land on it exactly, rounded half up to hundredths only at the
end.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment import method
from assessment.method import InvalidFigures, compute, rounded

# Example A: a stationary institution, no waiting-time indicator (Пожид empty), Пдист capped.
EXAMPLE_A = {
    "Истенд": 10, "Инорм-стенд": 12, "Исайт": 25, "Инорм-сайт": 27, "Сдист": 4,
    "Устенд": 140, "Уобщ-стенд": 150, "Усайт": 100, "Уобщ-сайт": 120,
    "Скомф": 4, "Пожид": None, "Укомф": 180, "Чобщ": 200,
    "Соргдост": 3, "Суслугдост": 4, "Удост": 20, "Чинв": 25,
    "Уперв.конт": 190, "Уоказ.услуг": 195, "Увежл.дист": 80, "Чобщ_ус": 90,
    "Уреком": 170, "Уорг.усл": 185, "Ууд": 188,
}  # fmt: skip
# Пинф    = 0,5 × (10/12 + 25/27) × 100 = 0,5 × (45/54 + 50/54) × 100 = 4750/54 = 87,962… -> 87,96
# Пдист   = 30 × 4 = 120, capped at 100                                             -> 100
# Поткруд = 0,5 × (140/150 + 100/120) × 100 = 0,5 × (28/30 + 25/30) × 100 = 88,333… -> 88,33
# K1      = 0,3 × 87,962… + 0,3 × 100 + 0,4 × 88,333… = 26,3888… + 30 + 35,3333… = 91,7222… -> 91,72
# Пкомф.усл = 20 × 4 = 80; Пкомфуд = 180/200 × 100 = 90
# K2      = 0,5 × 80 + 0,5 × 90 (no Пожид: 2.1 and 2.3 weigh 50 % each)                   -> 85
# Поргдост = 20 × 3 = 60; Пуслугдост = 20 × 4 = 80; Пдостуд = 20/25 × 100 = 80
# K3      = 0,3 × 60 + 0,4 × 80 + 0,3 × 80 = 18 + 32 + 24                                   -> 74
# Пперв.контуд = 190/200 × 100 = 95; Показ.услугуд = 195/200 × 100 = 97,5;
# Пвежл.дистуд = 80/90 × 100 = 88,888…
# K4      = 0,4 × 95 + 0,4 × 97,5 + 0,2 × 88,888… = 38 + 39 + 17,7777… = 94,7777…         -> 94,78
# Преком = 85; Порг.услуд = 92,5; Пуд = 94
# K5      = 0,3 × 85 + 0,2 × 92,5 + 0,5 × 94 = 25,5 + 18,5 + 47                             -> 91
# S       = (91 13/18 + 85 + 74 + 94 14/18 + 91) / 5 = 436,5 / 5                           -> 87,3

# Example B: waiting time given by the operator, every cap reached, and S ends exactly on a half.
EXAMPLE_B = {
    "Истенд": 12, "Инорм-стенд": 12, "Исайт": 27, "Инорм-сайт": 27, "Сдист": 3,
    "Устенд": 150, "Уобщ-стенд": 150, "Усайт": 119, "Уобщ-сайт": 120,
    "Скомф": 6, "Пожид": Fraction("87.5"), "Укомф": 149, "Чобщ": 160,
    "Соргдост": 5, "Суслугдост": 7, "Удост": 9, "Чинв": 12,
    "Уперв.конт": 158, "Уоказ.услуг": 155, "Увежл.дист": 40, "Чобщ_ус": 48,
    "Уреком": 150, "Уорг.усл": 152, "Ууд": 157,
}  # fmt: skip
# Пинф = 0,5 × (12/12 + 27/27) × 100 = 100; Пдист = 30 × 3 = 90 (three channels: not yet capped)
# Поткруд = 0,5 × (150/150 + 119/120) × 100 = 50 × 239/120 = 99,58333…
# K1 = 0,3 × 100 + 0,3 × 90 + 0,4 × 99,58333… = 30 + 27 + 39,83333… = 96,83333…           -> 96,83
# Пкомф.усл = 20 × 6 = 120, capped at 100; Пожид = 87,5; Пкомфуд = 149/160 × 100 = 93,125
# K2 = 0,3 × 100 + 0,4 × 87,5 + 0,3 × 93,125 = 30 + 35 + 27,9375 = 92,9375                 -> 92,94
# Поргдост = 20 × 5 = 100; Пуслугдост = 20 × 7 = 140, capped at 100; Пдостуд = 9/12 × 100 = 75
# K3 = 0,3 × 100 + 0,4 × 100 + 0,3 × 75 = 30 + 40 + 22,5                                   -> 92,5
# Пперв.контуд = 158/160 × 100 = 98,75; Показ.услугуд = 155/160 × 100 = 96,875;
# Пвежл.дистуд = 40/48 × 100 = 83,333…
# K4 = 0,4 × 98,75 + 0,4 × 96,875 + 0,2 × 83,333… = 39,5 + 38,75 + 16,6666… = 94,91666…   -> 94,92
# Преком = 150/160 × 100 = 93,75; Порг.услуд = 152/160 × 100 = 95; Пуд = 157/160 × 100 = 98,125
# K5 = 0,3 × 93,75 + 0,2 × 95 + 0,5 × 98,125 = 28,125 + 19 + 49,0625 = 96,1875             -> 96,19
# S  = (96 5/6 + 92,9375 + 92,5 + 94 11/12 + 96,1875) / 5 = (191,75 + 189,125 + 92,5) / 5
#    = 473,375 / 5 = 94,675, half up                                                         -> 94,68

# Example C: nothing on the stands or the site, no channel, no condition, nobody satisfied.
EXAMPLE_C = {
    **{symbol: 0 for symbol in method.SYMBOLS},
    "Инорм-стенд": 10, "Инорм-сайт": 20, "Уобщ-стенд": 5, "Уобщ-сайт": 5,
    "Чобщ": 10, "Чинв": 3, "Чобщ_ус": 4,
}  # fmt: skip
# every share is 0/whole = 0 and every count × points is 0, so every K and S is 0

# Example D: everything the order asks for, and every respondent satisfied: 100 everywhere.
EXAMPLE_D = {
    "Истенд": 14, "Инорм-стенд": 14, "Исайт": 32, "Инорм-сайт": 32, "Сдист": 5,
    "Устенд": 90, "Уобщ-стенд": 90, "Усайт": 60, "Уобщ-сайт": 60,
    "Скомф": 5, "Пожид": 100, "Укомф": 100, "Чобщ": 100,
    "Соргдост": 5, "Суслугдост": 5, "Удост": 12, "Чинв": 12,
    "Уперв.конт": 100, "Уоказ.услуг": 100, "Увежл.дист": 30, "Чобщ_ус": 30,
    "Уреком": 100, "Уорг.усл": 100, "Ууд": 100,
}  # fmt: skip


def _d(text: str) -> Decimal:
    return Decimal(text)


@pytest.mark.parametrize(
    ("figures", "indicators", "criteria", "total"),
    [
        (
            EXAMPLE_A,
            {"Пинф": "87.96", "Пдист": "100.00", "Поткруд": "88.33", "Пкомф.усл": "80.00", "Пожид": None,
             "Пкомфуд": "90.00", "Поргдост": "60.00", "Пуслугдост": "80.00", "Пдостуд": "80.00",
             "Пперв.контуд": "95.00", "Показ.услугуд": "97.50", "Пвежл.дистуд": "88.89",
             "Преком": "85.00", "Порг.услуд": "92.50", "Пуд": "94.00"},
            ("91.72", "85.00", "74.00", "94.78", "91.00"),
            "87.30",
        ),
        (
            EXAMPLE_B,
            {"Пинф": "100.00", "Пдист": "90.00", "Поткруд": "99.58", "Пкомф.усл": "100.00",
             "Пожид": "87.50", "Пкомфуд": "93.13", "Поргдост": "100.00", "Пуслугдост": "100.00",
             "Пдостуд": "75.00", "Пперв.контуд": "98.75", "Показ.услугуд": "96.88",
             "Пвежл.дистуд": "83.33", "Преком": "93.75", "Порг.услуд": "95.00", "Пуд": "98.13"},
            ("96.83", "92.94", "92.50", "94.92", "96.19"),
            "94.68",
        ),
        (EXAMPLE_C, None, ("0.00",) * 5, "0.00"),
        (EXAMPLE_D, None, ("100.00",) * 5, "100.00"),
    ],
    ids=["stationary-without-waiting", "waiting-caps-and-a-half", "all-zero", "all-hundred"],
)  # fmt: skip
def test_worked_examples(figures, indicators, criteria, total) -> None:  # type: ignore[no-untyped-def]
    result = compute(figures)
    if indicators is not None:
        got = {s: None if v is None else rounded(v) for s, v in result.indicators.items()}
        assert got == {s: None if v is None else _d(v) for s, v in indicators.items()}
    assert tuple(rounded(result.criteria[k]) for k in method.CRITERIA) == tuple(_d(c) for c in criteria)
    assert rounded(result.total) == _d(total)


def test_the_total_is_rounded_once_at_the_end() -> None:
    # example B: S is exactly 94,675 and rounds half up to 94,68; floats would give 94,67499…
    assert compute(EXAMPLE_B).total == Fraction("94.675")
    assert rounded(Fraction("94.675")) == _d("94.68")
    assert round(94.675, 2) == 94.67  # the float trap the exact arithmetic avoids


def test_each_formula_cites_its_clause_and_shows_its_arithmetic() -> None:
    steps = {step.symbol: step for step in compute(EXAMPLE_A).steps}
    assert steps["Пинф"].clause == "показатель 1.1, формула (1.1)"
    assert steps["Пинф"].line_ru == (
        "Пинф = 0,5 × (Истенд / Инорм-стенд + Исайт / Инорм-сайт) × 100"
        " = 0,5 × (10 / 12 + 25 / 27) × 100 = 87,96"
    )
    assert steps["Пдист"].line_ru == "Пдист = min(30 × Сдист; 100) = min(30 × 4; 100) = 100"
    assert steps["K2"].clause.startswith("критерий 2 без показателя 2.2")
    assert steps["S"].line_ru == (
        "Итог = (К1 + К2 + К3 + К4 + К5) / 5 = (91,72 + 85 + 74 + 94,78 + 91) / 5 = 87,3"
    )
    assert "Пожид" not in steps  # nothing given, nothing shown
    assert [s.symbol for s in compute(EXAMPLE_B).steps][3:7] == ["Пкомф.усл", "Пожид", "Пкомфуд", "Поргдост"]
    for function in (
        method.information_compliance,
        method.distant_interaction,
        method.information_satisfaction,
        method.comfort_conditions,
        method.waiting_time,
        method.premises_accessibility,
        method.services_accessibility,
        method.percent,
        method.openness,
        method.comfort,
        method.accessibility,
        method.courtesy,
        method.satisfaction,
        method.total,
    ):
        assert "344н" in (function.__doc__ or ""), function.__name__


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"Чинв": 0}, "Пдостуд: Чинв = 0: делить не на что (деление на ноль)"),
        ({"Истенд": 13}, "Пинф: Истенд (13) больше Инорм-стенд (12): доля больше 100 %"),
        ({"Увежл.дист": 91}, "Пвежл.дистуд: Увежл.дист (91) больше Чобщ_ус (90): доля больше 100 %"),
        ({"Сдист": Fraction(5, 2)}, "Пдист: Сдист (2,5) должно быть целым числом"),
        ({"Скомф": -1}, "Пкомф.усл: Скомф меньше нуля"),
        ({"Пожид": 120}, "Пожид: Пожид (120) вне пределов 0–100"),
        ({"Ууд": None}, "не заполнено «Ууд»"),
    ],
)
def test_a_row_that_cannot_be_computed_says_why(change: dict, reason: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(InvalidFigures) as raised:
        compute({**EXAMPLE_A, **change})
    assert reason in raised.value.reasons


def test_every_reason_of_a_row_is_given_at_once() -> None:
    figures = {**EXAMPLE_A, "Чобщ": 0, "Истенд": 13}
    del figures["Чинв"]
    with pytest.raises(InvalidFigures) as raised:
        compute(figures)
    reasons = raised.value.reasons
    assert "в файле нет столбца «Чинв»" in reasons
    assert any(r.startswith("Пинф: Истенд (13)") for r in reasons)
    # Чобщ = 0 breaks every share of the respondents: 2.3, 4.1, 4.2, 5.1, 5.2, 5.3
    assert sum("Чобщ = 0" in r for r in reasons) == 6


# --- properties over any valid figures -----------------------------------------------------

_WHOLES = {
    "Инорм-стенд": ("Истенд",),
    "Инорм-сайт": ("Исайт",),
    "Уобщ-стенд": ("Устенд",),
    "Уобщ-сайт": ("Усайт",),
    "Чобщ": ("Укомф", "Уперв.конт", "Уоказ.услуг", "Уреком", "Уорг.усл", "Ууд"),
    "Чинв": ("Удост",),
    "Чобщ_ус": ("Увежл.дист",),
}
_COUNTS = ("Сдист", "Скомф", "Соргдост", "Суслугдост")


@st.composite
def valid_figures(draw: st.DrawFn) -> dict[str, Fraction | int | None]:
    figures: dict[str, Fraction | int | None] = {}
    for whole, parts in _WHOLES.items():
        figures[whole] = draw(st.integers(1, 500))
        for part in parts:
            figures[part] = draw(st.integers(0, figures[whole]))  # type: ignore[arg-type]
    for count in _COUNTS:
        figures[count] = draw(st.integers(0, 8))
    waiting = draw(st.none() | st.fractions(0, 100, max_denominator=100))
    figures["Пожид"] = waiting
    return figures


def _scores(figures: dict) -> list[Fraction]:  # type: ignore[type-arg]
    result = compute(figures)
    return [*result.criteria.values(), result.total]


@settings(max_examples=300, deadline=None)
@given(valid_figures())
def test_every_criterion_and_the_total_lie_within_0_and_100(figures: dict) -> None:  # type: ignore[type-arg]
    result = compute(figures)
    for value in [*result.criteria.values(), result.total]:
        assert 0 <= value <= 100
    for value in result.indicators.values():
        assert value is None or 0 <= value <= 100


_SHARES = tuple(part for parts in _WHOLES.values() for part in parts)


@settings(max_examples=300, deadline=None)
@given(valid_figures(), st.sampled_from(_SHARES + _COUNTS + ("Пожид",)), st.integers(1, 50))
def test_more_satisfied_respondents_or_conditions_never_lower_a_score(
    figures: dict,  # type: ignore[type-arg]
    symbol: str,
    more: int,
) -> None:
    higher = dict(figures)
    if symbol == "Пожид":
        if figures["Пожид"] is None:
            return
        higher[symbol] = min(Fraction(100), figures[symbol] + more)
    elif symbol in _COUNTS:
        higher[symbol] = figures[symbol] + more
    else:
        whole = next(w for w, parts in _WHOLES.items() if symbol in parts)
        higher[symbol] = min(figures[whole], figures[symbol] + more)
    for before, after in zip(_scores(figures), _scores(higher), strict=True):
        assert after >= before


@settings(max_examples=200, deadline=None)
@given(valid_figures(), st.sampled_from(tuple(_WHOLES)), st.integers(1, 50))
def test_more_respondents_asked_with_the_same_satisfied_never_raise_a_score(
    figures: dict,  # type: ignore[type-arg]
    whole: str,
    more: int,
) -> None:
    larger = {**figures, whole: figures[whole] + more}
    for before, after in zip(_scores(figures), _scores(larger), strict=True):
        assert after <= before


@given(st.fractions(0, 1000, max_denominator=10_000))
def test_rounding_is_half_up_to_hundredths(value: Fraction) -> None:
    result = rounded(value)
    assert abs(Fraction(result) - value) <= Fraction(1, 200)
    assert result == result.quantize(Decimal("0.01"))
    if abs(Fraction(result) - value) == Fraction(1, 200):
        assert Fraction(result) > value  # a half goes up
