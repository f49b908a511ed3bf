"""Russian dates as official documents write them: one table of real phrasings."""

from __future__ import annotations

import datetime as dt

import pytest

from extract.dates import MONTHS, find_ru_dates, month_number, normalize_digits, parse_ru_date

D = dt.date

PARSE_CASES = [
    ("«15» марта 2017 г.", D(2017, 3, 15)),
    ("« 18 » апреля 2020 г.", D(2020, 4, 18)),
    ('"15" марта 2017 года', D(2017, 3, 15)),
    ("“08” февраля 2019 г.", D(2019, 2, 8)),
    ("«08» февраля 2019 г.", D(2019, 2, 8)),
    ("15.03.2017", D(2017, 3, 15)),
    ("15.03.17", D(2017, 3, 15)),
    ("15/03/2017", D(2017, 3, 15)),
    ("17 мая 2016 г.", D(2016, 5, 17)),
    ("17 мая 2016 года", D(2016, 5, 17)),
    ("от 17.05.2016", D(2016, 5, 17)),
    ("от 17.05.2016 № 345-р", D(2016, 5, 17)),
    ("Приказ от 18.02.2020 № 83-ОЗИ", D(2020, 2, 18)),
    ("до 10 февраля 2019 года", D(2019, 2, 10)),
    ("в срок до 01.03.2022", D(2022, 3, 1)),
    ("1 дек. 2019 г.", D(2019, 12, 1)),
    ("3 сент. 2018", D(2018, 9, 3)),
    ("29 февраля 2020 г.", D(2020, 2, 29)),
    ("2017-03-15", D(2017, 3, 15)),
    ("01 ЯНВАРЯ 2021 ГОДА", D(2021, 1, 1)),
    ("12 ноября 2018г.", D(2018, 11, 12)),
    # OCR: a Cyrillic or Latin O read for a zero
    ("О1.03.2019", D(2019, 3, 1)),
    ("01.03.2О19", D(2019, 3, 1)),
    ("O1.O3.2019", D(2019, 3, 1)),
    ("«1О» июня 2О19 г.", D(2019, 6, 10)),
    ("15,03.2017", D(2017, 3, 15)),
    ("от 01,12,2019 №", D(2019, 12, 1)),
    # not dates
    ("5, 12, 2019", None),
    ("31.02.2019", None),
    ("29 февраля 2019 г.", None),
    ("32 марта 2019 г.", None),
    ("15.13.2019", None),
    ("1 декабря", None),
    ("в январе 2019 года", None),
    ("«___» ________ 20__ г.", None),
    ("пункт 5.1", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), PARSE_CASES)
def test_parse_ru_date(text: str, expected: dt.date | None) -> None:
    assert parse_ru_date(text) == expected


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("до 1 декабря", 2020, D(2020, 12, 1)),
        ("Ежегодно до 1 декабря", 2019, D(2019, 12, 1)),
        ("до 30 февраля", 2019, None),
        ("до 1 декабря 2018 г.", 2020, D(2018, 12, 1)),
    ],
)
def test_default_year_completes_a_yearless_date(text: str, year: int, expected: dt.date | None) -> None:
    assert parse_ru_date(text, default_year=year) == expected


def test_find_ru_dates_gives_offsets_into_the_original_text() -> None:
    text = "Приказ от 17.05.2016 № 5, изменён «О1» марта 2О17 г. и 31.02.2019"
    found = find_ru_dates(text)
    assert [d for d, _, _ in found] == [D(2016, 5, 17), D(2017, 3, 1)]
    assert text[found[0][1] : found[0][2]] == "17.05.2016"
    assert text[found[1][1] : found[1][2]] == "«О1» марта 2О17 г."


def test_find_ru_dates_in_order_of_appearance() -> None:
    text = "с 01.09.2019 по 31 декабря 2019 года и 2019-06-30"
    assert [d for d, _, _ in find_ru_dates(text)] == [D(2019, 9, 1), D(2019, 12, 31), D(2019, 6, 30)]


@pytest.mark.parametrize(
    ("word", "month"),
    [
        ("январь", 1),
        ("января", 1),
        ("январе", 1),
        ("январём", 1),
        ("февраль", 2),
        ("марта", 3),
        ("марте", 3),
        ("апреле", 4),
        ("Май", 5),
        ("мае", 5),
        ("июня", 6),
        ("июле", 7),
        ("августе", 8),
        ("сентябрю", 9),
        ("октябрем", 10),
        ("ноябрь", 11),
        ("ДЕКАБРЯ", 12),
        ("дек.", 12),
        ("понедельник", None),
    ],
)
def test_month_names_in_every_case(word: str, month: int | None) -> None:
    assert month_number(word) == month


def test_months_table_has_every_month_in_six_cases() -> None:
    counts = {m: sum(1 for v in MONTHS.values() if v == m) for m in range(1, 13)}
    assert all(n >= 5 for n in counts.values()), counts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("О1.03.2019", "01.03.2019"),
        ("2О19", "2019"),
        ("от 17.05", "от 17.05"),
        ("Об утверждении", "Об утверждении"),
        ("КО1", "КО1"),
    ],
)
def test_normalize_digits_keeps_words_and_length(text: str, expected: str) -> None:
    assert normalize_digits(text) == expected
    assert len(normalize_digits(text)) == len(text)
