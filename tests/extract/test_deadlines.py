"""The deadline grammar: a table of real phrasings, then the date arithmetic as properties.

The table holds every phrasing of the corpus goldens (in their documents' period and
date) and further ones written in Russian regional НОК plans; each row gives the
whole expected Deadline, so a change in any field fails.
"""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.deadlines import parse_deadline
from extract.records import Deadline, Period

D = dt.date


def year_period(first: int, last: int | None = None) -> Period:
    return Period(D(first, 1, 1), D(last or first, 12, 31))


MAGADAN = (year_period(2017, 2018), D(2017, 3, 15))
TULA = (year_period(2020), D(2020, 4, 18))
VLADIMIR = (year_period(2019), D(2019, 2, 8))
NOTHING = (None, None)
THREE_YEARS = (year_period(2019, 2021), D(2019, 2, 8))


def once(text: str, *due: dt.date) -> Deadline:
    return Deadline(text=text, kind="once", due_dates=tuple(due))


def rec(text: str, every: str, *due: dt.date) -> Deadline:
    return Deadline(text=text, kind="recurring", due_dates=tuple(due), every=every)  # type: ignore[arg-type]


def rel(text: str, days: int, event: str | None) -> Deadline:
    return Deadline(text=text, kind="relative", offset_days=days, after_event=event)


def plain(text: str | None, kind: str) -> Deadline:
    return Deadline(text=text, kind=kind)  # type: ignore[arg-type]


QUARTERS_2019 = (D(2019, 3, 31), D(2019, 6, 30), D(2019, 9, 30), D(2019, 12, 31))

CASES: list[tuple[str | None, tuple[Period | None, dt.date | None], Deadline]] = [
    # --- the corpus goldens, in their own documents' period and date
    ("апрель 2017 г.", MAGADAN, once("апрель 2017 г.", D(2017, 4, 30))),
    ("I квартал ежегодно", MAGADAN, rec("I квартал ежегодно", "year", D(2017, 3, 31), D(2018, 3, 31))),
    ("II квартал ежегодно", MAGADAN, rec("II квартал ежегодно", "year", D(2017, 6, 30), D(2018, 6, 30))),
    ("IV квартал ежегодно", MAGADAN, rec("IV квартал ежегодно", "year", D(2017, 12, 31), D(2018, 12, 31))),
    (
        "Не реже 2 раз в год",
        MAGADAN,
        rec(
            "Не реже 2 раз в год",
            "half_year",
            D(2017, 6, 30),
            D(2017, 12, 31),
            D(2018, 6, 30),
            D(2018, 12, 31),
        ),
    ),
    (
        "ежеквартально",
        MAGADAN,
        rec(
            "ежеквартально",
            "quarter",
            *(D(y, m, calendar.monthrange(y, m)[1]) for y in (2017, 2018) for m in (3, 6, 9, 12)),
        ),
    ),
    (
        "в течение месяца после поступления отчета организации-оператора",
        MAGADAN,
        rel(
            "в течение месяца после поступления отчета организации-оператора",
            30,
            "поступления отчета организации-оператора",
        ),
    ),
    (
        "в течение месяца со дня поступления информации",
        MAGADAN,
        rel("в течение месяца со дня поступления информации", 30, "поступления информации"),
    ),
    (
        "в сроки, установленные планом мероприятий",
        MAGADAN,
        plain("в сроки, установленные планом мероприятий", "unspecified"),
    ),
    (None, MAGADAN, plain(None, "unspecified")),
    ("  \n ", MAGADAN, plain(None, "unspecified")),
    (
        "В месячный срок после поступления предложений",
        NOTHING,
        rel("В месячный срок после поступления предложений", 30, "поступления предложений"),
    ),
    (
        "1-4 кварталы 2020 года",
        TULA,
        rec("1-4 кварталы 2020 года", "quarter", D(2020, 6, 30), D(2020, 9, 30), D(2020, 12, 31)),
    ),
    ("2 квартал 2020 года", TULA, once("2 квартал 2020 года", D(2020, 6, 30))),
    ("3 квартал 2020 года", TULA, once("3 квартал 2020 года", D(2020, 9, 30))),
    ("Ежегодно до 1 декабря", TULA, rec("Ежегодно до 1 декабря", "year", D(2020, 12, 1))),
    (
        "Ежеквартально",
        TULA,
        rec("Ежеквартально", "quarter", D(2020, 6, 30), D(2020, 9, 30), D(2020, 12, 31)),
    ),
    ("По мере необходимости", TULA, plain("По мере необходимости", "on_demand")),
    ("Постоянно", TULA, plain("Постоянно", "continuous")),
    ("I квартал 2019 года", VLADIMIR, once("I квартал 2019 года", D(2019, 3, 31))),
    ("II квартал 2019 года", VLADIMIR, once("II квартал 2019 года", D(2019, 6, 30))),
    ("IV квартал 2019 года", VLADIMIR, once("IV квартал 2019 года", D(2019, 12, 31))),
    ("до 01.03.2019", VLADIMIR, once("до 01.03.2019", D(2019, 3, 1))),
    ("до 01.09.2019", VLADIMIR, once("до 01.09.2019", D(2019, 9, 1))),
    ("ежеквартально", VLADIMIR, rec("ежеквартально", "quarter", *QUARTERS_2019)),
    # --- as a scan reads them: the last letters of a cell lost, `П` read as `Н`
    ("ежеквартал", VLADIMIR, rec("ежеквартал", "quarter", *QUARTERS_2019)),
    ("Но мере необходимости", TULA, plain("Но мере необходимости", "on_demand")),
    # --- once: months, quarters, half-years, years, dates
    ("в апреле 2019 года", VLADIMIR, once("в апреле 2019 года", D(2019, 4, 30))),
    ("до конца апреля", VLADIMIR, once("до конца апреля", D(2019, 4, 30))),
    ("до апреля 2019 года", VLADIMIR, once("до апреля 2019 года", D(2019, 4, 1))),
    ("Февраль 2020 г.", VLADIMIR, once("Февраль 2020 г.", D(2020, 2, 29))),
    ("IV квартал", VLADIMIR, once("IV квартал", D(2019, 12, 31))),
    ("4 кв. 2020 г.", VLADIMIR, once("4 кв. 2020 г.", D(2020, 12, 31))),
    ("в IV квартале 2019 года", VLADIMIR, once("в IV квартале 2019 года", D(2019, 12, 31))),
    ("четвертый квартал 2019 года", VLADIMIR, once("четвертый квартал 2019 года", D(2019, 12, 31))),
    ("2-й квартал 2019 года", VLADIMIR, once("2-й квартал 2019 года", D(2019, 6, 30))),
    ("1 полугодие 2019 г.", VLADIMIR, once("1 полугодие 2019 г.", D(2019, 6, 30))),
    ("II полугодие", VLADIMIR, once("II полугодие", D(2019, 12, 31))),
    ("в первом полугодии 2019 года", VLADIMIR, once("в первом полугодии 2019 года", D(2019, 6, 30))),
    ("до 10 февраля 2019 года", VLADIMIR, once("до 10 февраля 2019 года", D(2019, 2, 10))),
    ("в срок до 01.03.2022", VLADIMIR, once("в срок до 01.03.2022", D(2022, 3, 1))),
    ("01.12.2019", VLADIMIR, once("01.12.2019", D(2019, 12, 1))),
    ("до 01.03.2О19", VLADIMIR, once("до 01.03.2О19", D(2019, 3, 1))),
    ("до 1 декабря", VLADIMIR, once("до 1 декабря", D(2019, 12, 1))),
    ("до 15.12", VLADIMIR, once("до 15.12", D(2019, 12, 15))),
    ("2019 год", VLADIMIR, once("2019 год", D(2019, 12, 31))),
    ("в 2019 году", VLADIMIR, once("в 2019 году", D(2019, 12, 31))),
    ("до конца 2019 года", VLADIMIR, once("до конца 2019 года", D(2019, 12, 31))),
    ("декабрь 2019 – январь 2020", VLADIMIR, once("декабрь 2019 – январь 2020", D(2020, 1, 31))),
    ("IV квартал 2019 – I квартал 2020", VLADIMIR, once("IV квартал 2019 – I квартал 2020", D(2020, 3, 31))),
    ("с 01.09.2019 по 31.12.2019", VLADIMIR, once("с 01.09.2019 по 31.12.2019", D(2019, 12, 31))),
    ("до 01.03.2019, до 01.09.2019", VLADIMIR, once("до 01.03.2019, до 01.09.2019", D(2019, 9, 1))),
    # a year-less once: first such day on or after the document date inside the period
    ("I квартал", MAGADAN, once("I квартал", D(2017, 3, 31))),
    ("до 1 марта", MAGADAN, once("до 1 марта", D(2018, 3, 1))),
    ("IV квартал", (None, D(2019, 2, 8)), once("IV квартал", D(2019, 12, 31))),
    ("IV квартал", NOTHING, once("IV квартал")),
    # --- recurring
    (
        "II–III кварталы 2019 года",
        VLADIMIR,
        rec("II–III кварталы 2019 года", "quarter", D(2019, 6, 30), D(2019, 9, 30)),
    ),
    ("II-IV кварталы", VLADIMIR, rec("II-IV кварталы", "quarter", *QUARTERS_2019[1:])),
    ("2019-2020 годы", VLADIMIR, rec("2019-2020 годы", "year", D(2019, 12, 31), D(2020, 12, 31))),
    ("2019 - 2020 гг.", VLADIMIR, rec("2019 - 2020 гг.", "year", D(2019, 12, 31), D(2020, 12, 31))),
    (
        "ежемесячно",
        VLADIMIR,
        rec("ежемесячно", "month", *(D(2019, m, calendar.monthrange(2019, m)[1]) for m in range(2, 13))),
    ),
    ("ежегодно", MAGADAN, rec("ежегодно", "year", D(2017, 12, 31), D(2018, 12, 31))),
    ("ежегодно в I квартале", VLADIMIR, rec("ежегодно в I квартале", "year", D(2019, 3, 31))),
    ("ежегодно, декабрь", VLADIMIR, rec("ежегодно, декабрь", "year", D(2019, 12, 31))),
    ("не реже 1 раза в год", VLADIMIR, rec("не реже 1 раза в год", "year", D(2019, 12, 31))),
    ("не реже 4 раз в год", VLADIMIR, rec("не реже 4 раз в год", "quarter", *QUARTERS_2019)),
    (
        "не реже одного раза в квартал",
        VLADIMIR,
        rec("не реже одного раза в квартал", "quarter", *QUARTERS_2019),
    ),
    ("1 раз в полугодие", VLADIMIR, rec("1 раз в полугодие", "half_year", D(2019, 6, 30), D(2019, 12, 31))),
    (
        "ежеквартально до 5 числа месяца, следующего за отчетным кварталом",
        VLADIMIR,
        rec(
            "ежеквартально до 5 числа месяца, следующего за отчетным кварталом",
            "quarter",
            D(2019, 4, 5),
            D(2019, 7, 5),
            D(2019, 10, 5),
            D(2020, 1, 5),
        ),
    ),
    (
        "ежеквартально, в течение 10 дней после окончания квартала",
        VLADIMIR,
        rec(
            "ежеквартально, в течение 10 дней после окончания квартала",
            "quarter",
            D(2019, 4, 10),
            D(2019, 7, 10),
            D(2019, 10, 10),
            D(2020, 1, 10),
        ),
    ),
    (
        "ежегодно до 1 марта года, следующего за отчетным",
        VLADIMIR,
        rec("ежегодно до 1 марта года, следующего за отчетным", "year", D(2020, 3, 1)),
    ),
    (
        "ежеквартально в 2019-2020 годах",
        NOTHING,
        rec(
            "ежеквартально в 2019-2020 годах",
            "quarter",
            *QUARTERS_2019,
            D(2020, 3, 31),
            D(2020, 6, 30),
            D(2020, 9, 30),
            D(2020, 12, 31),
        ),
    ),
    ("ежеквартально", (None, D(2019, 5, 20)), rec("ежеквартально", "quarter", *QUARTERS_2019[1:])),
    ("ежеквартально", NOTHING, rec("ежеквартально", "quarter")),
    # --- relative
    (
        "в течение 10 рабочих дней со дня получения запроса",
        VLADIMIR,
        rel("в течение 10 рабочих дней со дня получения запроса", 14, "получения запроса"),
    ),
    (
        "в течение двух недель с момента размещения",
        VLADIMIR,
        rel("в течение двух недель с момента размещения", 14, "размещения"),
    ),
    (
        "в 10-дневный срок со дня поступления",
        VLADIMIR,
        rel("в 10-дневный срок со дня поступления", 10, "поступления"),
    ),
    (
        "в трехдневный срок после подписания",
        VLADIMIR,
        rel("в трехдневный срок после подписания", 3, "подписания"),
    ),
    (
        "не позднее 30 дней после проведения оценки",
        VLADIMIR,
        rel("не позднее 30 дней после проведения оценки", 30, "проведения оценки"),
    ),
    ("в течение месяца", VLADIMIR, rel("в течение месяца", 30, None)),
    # --- continuous, on demand, unspecified
    ("в течение 2019 года", VLADIMIR, plain("в течение 2019 года", "continuous")),
    ("в течение года", VLADIMIR, plain("в течение года", "continuous")),
    ("в течение I квартала 2019 года", VLADIMIR, plain("в течение I квартала 2019 года", "continuous")),
    ("в течение 2019-2020 годов", VLADIMIR, plain("в течение 2019-2020 годов", "continuous")),
    ("на постоянной основе", VLADIMIR, plain("на постоянной основе", "continuous")),
    ("по мере поступления", VLADIMIR, plain("по мере поступления", "on_demand")),
    ("по запросу", VLADIMIR, plain("по запросу", "on_demand")),
    ("в установленные сроки", VLADIMIR, plain("в установленные сроки", "unspecified")),
    # --- harder: lists recur by their unit, spans are once on the last day
    ("июнь, декабрь", VLADIMIR, rec("июнь, декабрь", "month", D(2019, 6, 30), D(2019, 12, 31))),
    (
        "II квартал 2019 года, IV квартал 2019 года",
        VLADIMIR,
        rec("II квартал 2019 года, IV квартал 2019 года", "quarter", D(2019, 6, 30), D(2019, 12, 31)),
    ),
    (
        "II и IV кварталы 2019 г.",
        VLADIMIR,
        rec("II и IV кварталы 2019 г.", "quarter", D(2019, 6, 30), D(2019, 12, 31)),
    ),
    ("август-сентябрь 2019 г.", VLADIMIR, once("август-сентябрь 2019 г.", D(2019, 9, 30))),
    ("с сентября по декабрь 2019 г.", VLADIMIR, once("с сентября по декабрь 2019 г.", D(2019, 12, 31))),
    ("4 кв.2019г.", VLADIMIR, once("4 кв.2019г.", D(2019, 12, 31))),
    ("III кв-л 2019 г.", VLADIMIR, once("III кв-л 2019 г.", D(2019, 9, 30))),
    ("до 1.09.19", VLADIMIR, once("до 1.09.19", D(2019, 9, 1))),
    ("Не позднее 1 декабря 2019 года", VLADIMIR, once("Не позднее 1 декабря 2019 года", D(2019, 12, 1))),
    (
        "ежегодно (IV квартал)",
        MAGADAN,
        rec("ежегодно (IV квартал)", "year", D(2017, 12, 31), D(2018, 12, 31)),
    ),
    (
        "ежегодно в течение I квартала",
        MAGADAN,
        rec("ежегодно в течение I квартала", "year", D(2017, 3, 31), D(2018, 3, 31)),
    ),
    ("постоянно, ежеквартально", VLADIMIR, rec("постоянно, ежеквартально", "quarter", *QUARTERS_2019)),
    (
        "В течение 10 дней после размещения информации на сайте bus.gov.ru",
        VLADIMIR,
        rel(
            "В течение 10 дней после размещения информации на сайте bus.gov.ru",
            10,
            "размещения информации на сайте bus.gov.ru",
        ),
    ),
    ("в течение 3 рабочих дней", VLADIMIR, rel("в течение 3 рабочих дней", 5, None)),
    ("При необходимости", VLADIMIR, plain("При необходимости", "on_demand")),
    # starting points, OCR numerals, reporting-period phrasing
    (
        "IV квартал 2019 года, далее – ежегодно",
        THREE_YEARS,
        rec(
            "IV квартал 2019 года, далее – ежегодно",
            "year",
            D(2019, 12, 31),
            D(2020, 12, 31),
            D(2021, 12, 31),
        ),
    ),
    (
        "ежеквартально, начиная с II квартала 2019 года",
        VLADIMIR,
        rec("ежеквартально, начиная с II квартала 2019 года", "quarter", *QUARTERS_2019[1:]),
    ),
    (
        "ежегодно, начиная с 2020 года",
        THREE_YEARS,
        rec("ежегодно, начиная с 2020 года", "year", D(2020, 12, 31), D(2021, 12, 31)),
    ),
    ("Ш квартал 2019 года", VLADIMIR, once("Ш квартал 2019 года", D(2019, 9, 30))),
    ("1V квартал 2019 г.", VLADIMIR, once("1V квартал 2019 г.", D(2019, 12, 31))),
    (
        "не позднее 15 числа месяца, следующего за отчетным кварталом",
        VLADIMIR,
        rec(
            "не позднее 15 числа месяца, следующего за отчетным кварталом",
            "quarter",
            D(2019, 4, 15),
            D(2019, 7, 15),
            D(2019, 10, 15),
            D(2020, 1, 15),
        ),
    ),
    (
        "не позднее 3-х рабочих дней со дня подписания",
        VLADIMIR,
        rel("не позднее 3-х рабочих дней со дня подписания", 5, "подписания"),
    ),
    (
        "в течение 5 (пяти) рабочих дней после получения",
        VLADIMIR,
        rel("в течение 5 (пяти) рабочих дней после получения", 7, "получения"),
    ),
    (
        "в двухмесячный срок после утверждения",
        VLADIMIR,
        rel("в двухмесячный срок после утверждения", 60, "утверждения"),
    ),
    ("12.2019", VLADIMIR, once("12.2019", D(2019, 12, 31))),
    (
        "в течение 2019 года (ежеквартально)",
        VLADIMIR,
        rec("в течение 2019 года (ежеквартально)", "quarter", *QUARTERS_2019),
    ),
    (
        "2 квартал 2019 года и далее ежеквартально",
        VLADIMIR,
        rec("2 квартал 2019 года и далее ежеквартально", "quarter", *QUARTERS_2019[1:]),
    ),
    (
        "Незамедлительно после выявления нарушения;",
        VLADIMIR,
        rel("Незамедлительно после выявления нарушения;", 0, "выявления нарушения"),
    ),
    ("с 01.01.2019", VLADIMIR, plain("с 01.01.2019", "continuous")),
    ("III-IV кв. 2019 г.", VLADIMIR, rec("III-IV кв. 2019 г.", "quarter", D(2019, 9, 30), D(2019, 12, 31))),
    ("Выполнено", VLADIMIR, plain("Выполнено", "unspecified")),
    ("при наличии финансирования", VLADIMIR, plain("при наличии финансирования", "on_demand")),
    ("дважды в год", VLADIMIR, rec("дважды в год", "half_year", D(2019, 6, 30), D(2019, 12, 31))),
    (
        "до 20 числа каждого месяца",
        VLADIMIR,
        rec("до 20 числа каждого месяца", "month", *(D(2019, m, 20) for m in range(2, 13))),
    ),
    ("ежегодно в срок до 20 января", VLADIMIR, rec("ежегодно в срок до 20 января", "year")),
    ("Май-июнь 2019", VLADIMIR, once("Май-июнь 2019", D(2019, 6, 30))),
    # whitespace collapsed in text
    (" до  01.03.2019\n", VLADIMIR, once("до 01.03.2019", D(2019, 3, 1))),
]


@pytest.mark.parametrize(("text", "context", "expected"), CASES, ids=[repr(c[0])[:50] for c in CASES])
def test_phrasing(
    text: str | None, context: tuple[Period | None, dt.date | None], expected: Deadline
) -> None:
    period, document_date = context
    assert parse_deadline(text, period=period, document_date=document_date) == expected


def test_the_table_is_long_enough() -> None:
    assert len({c[0] for c in CASES}) >= 40


# --------------------------------------------------------------------------- properties

UNIT_MONTHS = {"month": 1, "quarter": 3, "half_year": 6, "year": 12}
CADENCES = [
    ("ежемесячно", "month", 12),
    ("ежеквартально", "quarter", 4),
    ("Ежеквартально", "quarter", 4),
    ("не реже 2 раз в год", "half_year", 2),
    ("не реже 4 раз в год", "quarter", 4),
    ("не реже 12 раз в год", "month", 12),
    ("ежегодно", "year", 1),
    ("1-4 кварталы", "quarter", 4),
    ("I-II полугодие", "half_year", 2),
]
YEARS = st.integers(min_value=1995, max_value=2090)
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def is_period_end(day: dt.date, every: str) -> bool:
    last_of_month = (day + dt.timedelta(days=1)).day == 1
    return last_of_month and day.month % UNIT_MONTHS[every] == 0


@given(st.sampled_from(CADENCES), YEARS, st.integers(min_value=1, max_value=5))
def test_expansion_gives_period_ends_inside_the_period(
    cadence: tuple[str, str, int], first: int, n: int
) -> None:
    text, every, per_year = cadence
    period = year_period(first, first + n - 1)
    deadline = parse_deadline(text, period=period, document_date=None)
    assert deadline.kind == "recurring" and deadline.every == every
    assert len(deadline.due_dates) == n * per_year
    assert list(deadline.due_dates) == sorted(set(deadline.due_dates))
    for day in deadline.due_dates:
        assert period.start <= day <= period.end
        assert is_period_end(day, every)


@given(st.sampled_from(CADENCES), YEARS, st.integers(min_value=1, max_value=3), st.integers(0, 3 * 366))
def test_no_recurring_date_before_the_document(
    cadence: tuple[str, str, int], first: int, n: int, offset: int
) -> None:
    text, _, _ = cadence
    period = year_period(first, first + n - 1)
    signed = period.start + dt.timedelta(days=offset)
    full = parse_deadline(text, period=period, document_date=None).due_dates
    kept = parse_deadline(text, period=period, document_date=signed).due_dates
    assert all(day >= signed for day in kept)
    assert kept == tuple(day for day in full if day >= signed)


@given(
    st.integers(1, 4),
    YEARS,
    st.booleans(),
    st.sampled_from(["", "в ", "до конца "]),
    st.sampled_from(["квартал {y} года", "квартал {y} г.", "кв. {y} г.", "квартале {y} года"]),
)
def test_once_quarter_is_the_quarter_end_in_its_year(
    quarter: int, year: int, roman: bool, prefix: str, tail: str
) -> None:
    numeral = ROMAN[quarter] if roman else str(quarter)
    text = f"{prefix}{numeral} {tail.format(y=year)}"
    deadline = parse_deadline(text, period=year_period(2019), document_date=D(2019, 2, 8))
    assert deadline.kind == "once"
    (day,) = deadline.due_dates
    assert day.year == year
    assert day == D(year, 3 * quarter, calendar.monthrange(year, 3 * quarter)[1])


@given(
    st.dates(min_value=D(1995, 1, 1), max_value=D(2090, 12, 31)),
    st.sampled_from(
        [
            "до {d:%d.%m.%Y}",
            "в срок до {d:%d.%m.%Y}",
            "{d:%d.%m.%Y}",
            "до {d.day} {m} {d.year} года",
            "до «{d.day}» {m} {d.year} г.",
        ]
    ),
)
def test_once_date_is_the_date_as_written(day: dt.date, pattern: str) -> None:
    genitive = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                "октября", "ноября", "декабря"]  # fmt: skip
    text = pattern.format(d=day, m=genitive[day.month - 1])
    assert parse_deadline(text, period=None, document_date=None) == Deadline(
        text=text, kind="once", due_dates=(day,)
    )


@given(st.integers(1, 12), YEARS, st.booleans())
def test_once_month_is_the_months_last_day(month: int, year: int, end_word: bool) -> None:
    names = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
             "ноябрь", "декабрь"]  # fmt: skip
    text = f"{'до конца ' if end_word else ''}{names[month - 1]} {year} г."
    (day,) = parse_deadline(text, period=None, document_date=None).due_dates
    assert day == D(year, month, calendar.monthrange(year, month)[1])


@given(
    st.integers(1, 4),
    YEARS,
    st.integers(1, 3),
    st.integers(0, 3 * 365),
)
def test_yearless_quarter_falls_inside_the_period(quarter: int, first: int, n: int, offset: int) -> None:
    period = year_period(first, first + n - 1)
    signed = period.start + dt.timedelta(days=offset)
    (day,) = parse_deadline(f"{ROMAN[quarter]} квартал", period=period, document_date=signed).due_dates
    assert period.start <= day <= period.end
    assert is_period_end(day, "quarter") and day.month == 3 * quarter
    if day < signed:  # only when no such quarter end is left in the period
        assert D(period.end.year, 3 * quarter, 28) < signed


@given(
    st.integers(1, 120),
    st.sampled_from([("дней", 1), ("календарных дней", 1), ("рабочих дней", None)]),
    st.sampled_from(["после", "со дня", "с момента"]),
    st.sampled_from(["поступления отчета", "утверждения плана", "получения запроса"]),
)
def test_relative_counts_days_from_the_event(
    n: int, unit: tuple[str, int | None], preposition: str, event: str
) -> None:
    word, per_day = unit
    text = f"в течение {n} {word} {preposition} {event}"
    deadline = parse_deadline(text, period=year_period(2019), document_date=D(2019, 2, 8))
    days = n * per_day if per_day else -(-n * 7 // 5)
    assert deadline == Deadline(text=text, kind="relative", offset_days=days, after_event=event)


PHRASE_PARTS = [
    "до", "в течение", "ежегодно", "ежеквартально", "не реже", "2 раз в год", "IV", "1-4", "квартал",
    "кварталы", "полугодие", "апрель", "декабря", "1", "15", "2019", "2020", "года", "г.", "01.03.2019",
    "31.02.2019", "после", "со дня", "поступления", "постоянно", "по мере", ",", "–", "-", "месяца",
    "рабочих дней", "О1.03.2О19", "конца", "числа", "следующего за отчетным", "00.12", "0", "ежемесячно",
    "начиная с", "далее", "Ш", "и", "29 февраля", "июнь", "по",
]  # fmt: skip


@given(
    st.lists(st.sampled_from(PHRASE_PARTS), max_size=8).map(" ".join),
    st.one_of(st.none(), st.builds(year_period, YEARS, st.none())),
    st.one_of(st.none(), st.dates(min_value=D(1995, 1, 1), max_value=D(2090, 12, 31))),
)
def test_any_cell_gives_a_contract_valid_deadline(
    text: str, period: Period | None, signed: dt.date | None
) -> None:
    deadline = parse_deadline(text, period=period, document_date=signed)
    assert deadline.text == (" ".join(text.split()) or None)
    assert (deadline.every is not None) == (deadline.kind == "recurring")
    assert (deadline.offset_days is not None) == (deadline.kind == "relative")
    assert deadline.after_event is None or deadline.kind == "relative"
    if deadline.kind == "once":
        assert len(deadline.due_dates) <= 1
    elif deadline.kind == "recurring":
        assert list(deadline.due_dates) == sorted(set(deadline.due_dates))
        assert signed is None or all(day >= signed for day in deadline.due_dates)
    else:
        assert deadline.due_dates == ()
