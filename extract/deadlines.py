"""The Russian deadline grammar: a "срок исполнения" cell + the plan's period -> Deadline.

Semantics are the contract's (`docs/contract/EXTRACTION.md`, "deadline") and the
corpus conventions; the goldens are the spec by example. The rules are tried in a
fixed order, first match wins, because the kinds overlap in their words:

1. empty -> `unspecified` with `text` null;
2. `по мере ...`, `по необходимости`, `по запросу` -> `on_demand`;
3. a span counted from an event (`в течение месяца после X`, `в месячный срок со
   дня X`, `не позднее 10 рабочих дней с момента X`) -> `relative`;
4. a cadence word (`ежеквартально`, `ежегодно до 1 декабря`, `I квартал ежегодно`,
   `не реже 2 раз в год`) -> `recurring`;
5. `постоянно`, `в течение года`, `в течение 2019 года` -> `continuous`;
6. one numeral list over one unit (`1-4 кварталы 2020 года`, `II–III кварталы`,
   `2019-2020 годы`), or units listed with commas (`июнь, декабрь`) -> `recurring`
   over the listed units;
7. a date, day, month, quarter, half-year or year -> `once`, due on its last day;
8. anything else -> `unspecified`, text kept.

Decisions on phrasings the contract leaves open (each has a test):

- A span of separate units (`декабрь 2019 – январь 2020`, `с 01.09.2019 по
  31.12.2019`, `IV квартал 2019 – I квартал 2020`) is one piece of work: `once`,
  due on the span's last day.
- `до <month/quarter/year>` without `конца` is due on the unit's first day,
  as `до 1 апреля` is due on 1 April; `до конца апреля` on its last day.
- A year-less `once` (`IV квартал`, `до 1 декабря`) falls on the first such day
  inside the period on or after the document's date; failing that, in the period's
  first year; with no period, the first on or after the document's date.
- N working days are ceil(N * 7 / 5) calendar days (a working week is 7 days);
  a week is 7, a month 30, a quarter 90, a half-year 180, a year 365.
- `незамедлительно [после X]` is `relative` with `offset_days` 0; `с 01.01.2019`
  with no end is `continuous` (from then on).
- `в течение <named period>` without an event is `continuous`, whether the period
  is `года`, `2019 года` or `I квартала 2019 года`; `в течение 10 дней` without an
  event is `relative` with `after_event` null (counted from the document).
- `не реже N раз в год` takes the coarsest cadence giving at least N dates a year
  (1 year, 2 half-year, 3-4 quarter, more month).
- Several explicit dates (`до 01.03.2019, до 01.09.2019`) are `once` on the latest:
  a date has no unit to recur by. Listed months, quarters or half-years recur by
  their unit, and `every` is that unit (`июнь, декабрь` is `month`).
- `2019-2020 годы` recurs yearly (31 December of each), like `1-4 кварталы`;
  `в течение 2019-2020 годов` stays `continuous`.
- A cadence word wins over the other kinds: `в течение 2019 года (ежеквартально)`
  and `ежеквартально, в течение 10 дней после окончания квартала` are `recurring`,
  the latter shifted by the span (10 days after each quarter end).
- `до N числа месяца, следующего за отчетным кварталом` is due on day N after each
  unit; `ежегодно до 1 марта года, следующего за отчетным` on 1 March of the next
  year. Such dates may fall after the period's end and are kept.
- Written years bound the expansion instead of the period (`ежеквартально в
  2019-2020 годах`); `начиная с II квартала 2019 года` and `IV квартал 2019 года,
  далее ежегодно` run from that point to the period's end.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from extract.dates import MONTH_PATTERN, find_ru_dates, month_number, normalize_digits
from extract.records import Deadline, Every, Period

_UNIT_MONTHS: dict[Every, int] = {"month": 1, "quarter": 3, "half_year": 6, "year": 12}


@dataclass(frozen=True)
class _Context:
    shown: str  # the cell text as written, whitespace collapsed
    low: str  # same length: lower case, ё->е, dashes unified, OCR zeros read as 0
    period: Period | None
    document_date: dt.date | None

    def years(self) -> list[int]:
        """The calendar years recurring deadlines expand over (contract: period, else date's year)."""
        if self.period is not None:
            return list(range(self.period.start.year, self.period.end.year + 1))
        if self.document_date is not None:
            return [self.document_date.year]
        return []


Rule = Callable[[_Context], Deadline | None]


# --------------------------------------------------------------------------- text


def _collapse(text: str | None) -> str:
    return " ".join((text or "").split())


def _normalize(shown: str) -> str:
    """Lower case, ё->е, every dash a hyphen, OCR zeros as 0; keeps length and offsets."""
    low = shown.lower().replace("ё", "е").replace("і", "i")
    low = re.sub(r"[‐‑‒–—―−]", "-", low)
    low = normalize_digits(low)
    # `5 (пяти) рабочих дней`: the number repeated in words is blanked, offsets kept
    low = re.sub(r"(?<=\d)\s*\([а-я]+\)", lambda m: " " * len(m[0]), low)
    if len(low) != len(shown):  # lower() of some exotic letters changes length
        low = "".join(ch.lower()[:1] for ch in shown)
    return low


def _end_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _unit_end(year: int, every: Every, index: int) -> dt.date:
    """Last day of the index-th (1-based) month/quarter/half-year of `year`."""
    return _end_of_month(year, index * _UNIT_MONTHS[every])


def _unit_start(year: int, every: Every, index: int) -> dt.date:
    return dt.date(year, (index - 1) * _UNIT_MONTHS[every] + 1, 1)


def _safe_date(year: int, month: int, day: int) -> dt.date:
    """The day, or the month's last day where it has fewer (29 February); day 0 is the 1st."""
    return dt.date(year, month, max(1, min(day, calendar.monthrange(year, month)[1])))


# --------------------------------------------------------------------------- numerals

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "l": 1, "ll": 2, "lll": 3, "lv": 4, "1v": 4, "ш": 3, "п": 2}
"""Roman quarter numerals, with the shapes OCR reads them as (Ш for III, П for II)."""
_ORDINAL_STEMS = {"перв": 1, "втор": 2, "трет": 3, "четверт": 4}
_NUM = r"(?:1v|[1-4]|iv|lv|i{1,3}|l{1,3}|ш|п|перв\w*|втор\w*|трет\w*|четверт\w*)"
_SEP = r"\s*(?:-|,|и)\s*"
_SUFFIX = r"(?:\s*-?\s*(?:й|го|м|ом|ое|е|ым))?"
_QUARTER_LIST = re.compile(
    rf"(?<![\w.])(?P<list>{_NUM}{_SUFFIX}(?:{_SEP}{_NUM}{_SUFFIX})*)\s*(?P<unit>кварт\w*|кв\b\.?|кв-л\w*)"
)
_HALF_LIST = re.compile(
    rf"(?<![\w.])(?P<list>{_NUM}{_SUFFIX}(?:{_SEP}{_NUM}{_SUFFIX})*)\s*(?P<unit>полугод\w*)"
)
_YEAR = re.compile(r"(?<![\d.])(?P<year>(?:19|20)\d\d)(?![\d.])")
_YEAR_AFTER = re.compile(r"^\s*,?\s*(?P<year>(?:19|20)\d\d)(?!\d)")
_YEAR_RANGE = re.compile(
    r"(?<![\d.])(?P<a>(?:19|20)\d\d)\s*(?:г\.?|годы?)?\s*(?:-|по)\s*(?P<b>(?:19|20)\d\d|\d\d)(?![\d.])"
)
_COUNT_WORDS = {
    "одн": 1,
    "один": 1,
    "дв": 2,
    "тр": 3,
    "четыр": 4,
    "пят": 5,
    "шест": 6,
    "сем": 7,
    "восьм": 8,
    "восем": 8,
    "девят": 9,
    "десят": 10,
    "пятнадцат": 15,
    "двадцат": 20,
    "тридцат": 30,
    "сорок": 40,
    "шестидесят": 60,
    "девяност": 90,
}


def _numeral(token: str) -> int | None:
    token = re.sub(r"[\s-]*(й|го|м|ом|ое|е|ым)$", "", token.strip()) if not token.isdigit() else token
    if token.isdigit():
        return int(token)
    if token in _ROMAN:
        return _ROMAN[token]
    for stem, value in _ORDINAL_STEMS.items():
        if token.startswith(stem):
            return value
    return None


def _numeral_list(raw: str) -> list[int]:
    """`II-III` -> [2, 3]; `1-4` -> [1, 2, 3, 4]; `I и III` -> [1, 3]."""
    values: list[int] = []
    for part in re.split(r"\s*(?:,|\bи\b)\s*", raw):
        ends = [_numeral(p) for p in re.split(r"\s*-\s*(?![йгмое])", part) if p.strip()]
        ends = [e for e in ends if e is not None]
        if len(ends) == 2 and ends[0] <= ends[1]:
            values.extend(range(ends[0], ends[1] + 1))
        else:
            values.extend(ends)
    return sorted(set(values))


def _count(raw: str | None) -> int | None:
    if not raw:
        return 1
    raw = raw.strip()
    if raw[0].isdigit():
        return int(re.sub(r"\D.*", "", raw))
    for stem in sorted(_COUNT_WORDS, key=len, reverse=True):
        if raw.startswith(stem):
            return _COUNT_WORDS[stem]
    return None


# --------------------------------------------------------------------------- 2. on demand

_ON_DEMAND = re.compile(
    r"по мере|по необходимости|при необходимости|в случае необходимости|по запросу|по требованию"
    r"|при наличии|при поступлении|при условии|при выделении"
    r"|(?<![а-я])но мере необходимости"  # a scan's `П` read as `Н`: the phrase means nothing else
)


def _on_demand(ctx: _Context) -> Deadline | None:
    if _ON_DEMAND.search(ctx.low):
        return Deadline(text=ctx.shown, kind="on_demand")
    return None


# --------------------------------------------------------------------------- 3. relative

_SPAN_DAYS = {
    "месячн": 30,
    "дн": 1,
    "ден": 1,
    "сут": 1,
    "недел": 7,
    "месяц": 30,
    "квартал": 90,
    "полугод": 180,
    "год": 365,
    "лет": 365,
}
_COUNT = r"(?P<count>\d{1,3}(?:-?(?:х|ти|и|ми))?(?![\d\w])|[а-я]+)"
_UNIT = (
    r"(?P<working>рабоч\w*\s+|календарн\w*\s+)?"
    r"(?P<unit>дн\w*|день|сут\w*|недел\w*|месяц\w*|квартал\w*|полугод\w*|год\w*|лет)"
)
_RELATIVE = [
    re.compile(rf"(?<![а-я])в\s+течение\s+(?:{_COUNT}\s+)?{_UNIT}(?![\w])"),
    re.compile(
        rf"(?<![а-я])(?:не\s+позднее|не\s+позже|через|в\s+срок\s+(?:не\s+более|до))\s+(?:чем\s+)?(?:через\s+)?"
        rf"(?:{_COUNT}\s+)?{_UNIT}(?![\w])"
    ),
    re.compile(
        r"(?<![а-я])в\s+(?P<count>\d{1,3}|[а-я]+?)?\s*-?\s*(?P<working>)(?P<unit>дневн|недельн|месячн|двухнедельн)\w*\s+срок"
    ),
]
_EVENT_PREPOSITION = re.compile(
    r"^(?:после|со\s+дня|с\s+дня|с\s+даты|от\s+даты|с\s+момента|по\s+истечении|по\s+окончании"
    r"|по\s+завершении|по\s+итогам|со|с|от|по)\s+"
)


@dataclass(frozen=True)
class _Span:
    days: int
    event: str | None
    named_period: bool  # `в течение года`: a stretch of work, not a count from an event


def _event_after(ctx: _Context, end: int) -> str | None:
    """The event a span counts from, as written after `end`, its preposition stripped."""
    rest = ctx.shown[end:].strip(" .,;:-–—")
    event = _EVENT_PREPOSITION.sub("", _normalize(rest), count=1)
    return rest[len(rest) - len(event) :].strip(" .,;") or None


def _span(ctx: _Context) -> _Span | None:
    """The first `в течение N units [после X]`-like span in the cell, or None."""
    for pattern in _RELATIVE:
        m = pattern.search(ctx.low)
        if m is None:
            continue
        unit_raw = m["unit"]
        if unit_raw.startswith("двухнедел"):
            count, per = 2, 7
        else:
            count = _count(m["count"])
            per = next((v for k, v in _SPAN_DAYS.items() if unit_raw.startswith(k)), None)
        if count is None or per is None:
            continue
        event_shown = _event_after(ctx, m.end())
        days = count * per
        if m["working"] and m["working"].startswith("рабоч"):
            days = math.ceil(count * 7 / 5)
        named = per >= 90 and m["count"] is None and event_shown is None
        return _Span(days=days, event=event_shown, named_period=named)
    return None


_IMMEDIATELY = re.compile(r"^(?:немедленно|незамедлительно|безотлагательно)")


def _relative(ctx: _Context) -> Deadline | None:
    if _cadence(ctx) is not None:
        return None  # `ежеквартально, в течение 10 дней после окончания квартала`: recurring
    if (now := _IMMEDIATELY.match(ctx.low)) is not None:
        return Deadline(
            text=ctx.shown, kind="relative", offset_days=0, after_event=_event_after(ctx, now.end())
        )
    span = _span(ctx)
    if span is None or span.named_period:
        return None
    return Deadline(text=ctx.shown, kind="relative", offset_days=span.days, after_event=span.event)


# --------------------------------------------------------------------------- 4. cadence

_CADENCE_WORDS: list[tuple[re.Pattern[str], Every]] = [
    (re.compile(r"за\s+отчетным\s+месяцем"), "month"),
    (re.compile(r"за\s+отчетным\s+кварталом"), "quarter"),
    (re.compile(r"ежемесячн|кажд\w+ месяц|раза? в месяц|по итогам (?:каждого )?месяца"), "month"),
    # `ежеквартал` alone is no word: a scan that lost the cell's last letters (`ежеквартал|ьно`)
    (
        re.compile(
            r"ежеквартальн|ежеквартал\b|кажд\w+ квартал|раза? в квартал|по итогам (?:каждого )?квартала"
        ),
        "quarter",
    ),
    (re.compile(r"ежеполугодн|кажд\w+ полугоди|раза? в (?:полугодие|полгода)|дважды в год"), "half_year"),
    (re.compile(r"ежегодн|кажд\w+ год|раза? в год|по итогам (?:каждого )?года"), "year"),
]
_AFTER_UNIT_END = re.compile(r"оконч|заверш|истечени|отчетн|отчётн")
_TIMES_A_YEAR = re.compile(r"(?P<count>\d{1,2}|[а-я]+)\s+раз[а]?\s+в\s+год")
_DAY_OF_MONTH = re.compile(r"(?<![\d.])(?P<day>\d{1,2})\s*(?:-?го)?\s*числа")
_DAY_MONTH = re.compile(rf"(?<![\d.])(?P<day>\d{{1,2}})\s+(?P<month>{MONTH_PATTERN})(?!\s*(?:19|20)\d\d)")
_DAY_MONTH_NUMERIC = re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<month>\d{2})(?![\d.])")
_MONTH = re.compile(
    rf"(?P<end>до\s+конца\s+|до\s+|к\s+)?(?P<month>{MONTH_PATTERN})(?P<year>\s*(?:19|20)\d\d)?"
)


def _cadence(ctx: _Context) -> Every | None:
    m = _TIMES_A_YEAR.search(ctx.low)
    if m:
        n = _count(m["count"])
        if n is not None:
            if n <= 1:
                return "year"
            if n == 2:
                return "half_year"
            if n <= 4:
                return "quarter"
            return "month"
    for pattern, every in _CADENCE_WORDS:
        if pattern.search(ctx.low):
            return every
    return None


def _recurring(ctx: _Context) -> Deadline | None:
    every = _cadence(ctx)
    if every is None:
        return None
    low = _mask_full_dates(ctx.low)
    explicit_years = _written_years(low)
    years = explicit_years or ctx.years()
    start = _starting_from(ctx.low)
    if start is not None:
        first = start.year
        last = ctx.period.end.year if ctx.period is not None else first
        years = list(range(first, max(first, last) + 1))
    following = "следующ" in low
    bounded = not explicit_years and not following and start is None
    day_m = _DAY_OF_MONTH.search(low)
    dates: list[dt.date] = []
    if every == "year":
        full = find_ru_dates(ctx.low)
        month, day = (full[0][0].month, full[0][0].day) if full else _yearly_anchor(low)
        dates = [_safe_date(year + 1 if following else year, month, day) for year in years]
    else:
        per_year = 12 // _UNIT_MONTHS[every]
        for year in years:
            for index in range(1, per_year + 1):
                end = _unit_end(year, every, index)
                if day_m:
                    month = end + dt.timedelta(days=1) if following else end
                    dates.append(_safe_date(month.year, month.month, int(day_m["day"])))
                else:
                    dates.append(end)
    span = _span(ctx)
    if span is not None and span.event and _AFTER_UNIT_END.search(span.event.lower()):
        dates = [d + dt.timedelta(days=span.days) for d in dates]
        bounded = False
    if start is not None:
        dates = [d for d in dates if d >= start]
    return _recurring_deadline(ctx, every, dates, bounded=bounded)


_STARTING = re.compile(r"начиная\s+со?\s+|с\s+(?=(?:19|20)\d\d\s*(?:г|год))")


def _starting_from(low: str) -> dt.date | None:
    """The first day a recurring deadline starts from: `начиная с II квартала 2019 года`
    is 2019-04-01, `с 2020 года` is 2020-01-01, `начиная с 01.07.2019` that day."""
    m = _STARTING.search(low)
    if m is not None:
        rest = low[m.end() :]
    elif (later := re.search(r"(?<![а-я])(?:и\s+)?далее", low)) is not None:
        rest = low[: later.start()].strip(" ,;-")  # `II квартал 2019 года и далее ежеквартально`
    else:
        return None
    full = find_ru_dates(rest)
    if full and full[0][1] == 0:
        return full[0][0]
    year_m = _YEAR.search(rest)
    if year_m is None:
        return None
    year = int(year_m["year"])
    for pattern, every in ((_QUARTER_LIST, "quarter"), (_HALF_LIST, "half_year")):
        unit = pattern.match(rest)
        if unit and (values := _numeral_list(unit["list"])):
            return _unit_start(year, every, values[0])  # type: ignore[arg-type]
    month = _MONTH.match(rest)
    if month and (number := month_number(month["month"])):
        return dt.date(year, number, 1)
    return dt.date(year, 1, 1)


def _written_years(low: str) -> list[int]:
    """Every year the cell names, a range (`2019-2021 годах`) filled in."""
    years = {int(y) for y in _YEAR.findall(low)}
    for m in _YEAR_RANGE.finditer(low):
        first = int(m["a"])
        last = int(m["b"]) if len(m["b"]) == 4 else first // 100 * 100 + int(m["b"])
        if first < last <= first + 20:
            years.update(range(first, last + 1))
    return sorted(years)


def _yearly_anchor(low: str) -> tuple[int, int]:
    """(month, day) a yearly deadline falls on; a unit's end is its last month and day 31,
    which `_safe_date` cuts to the month's length. Plain `ежегодно` is 31 December."""
    m = _DAY_MONTH.search(low)
    if m and (month := month_number(m["month"])):
        return month, int(m["day"])
    m = _DAY_MONTH_NUMERIC.search(low)
    if m and 1 <= int(m["month"]) <= 12:
        return int(m["month"]), int(m["day"])
    units: tuple[tuple[re.Pattern[str], Every], ...] = ((_QUARTER_LIST, "quarter"), (_HALF_LIST, "half_year"))
    for pattern, every in units:
        m = pattern.search(low)
        if m and (values := _numeral_list(m["list"])) and values[-1] <= 12 // _UNIT_MONTHS[every]:
            return values[-1] * _UNIT_MONTHS[every], 31
    m = _MONTH.search(low)
    if m and (month := month_number(m["month"])):
        return month, 31
    return 12, 31


def _recurring_deadline(ctx: _Context, every: Every, dates: list[dt.date], *, bounded: bool) -> Deadline:
    """Sorted, unique, inside the period when expanded over it, none before the document."""
    if bounded and ctx.period is not None:
        dates = [d for d in dates if ctx.period.start <= d <= ctx.period.end]
    if ctx.document_date is not None:
        dates = [d for d in dates if d >= ctx.document_date]
    return Deadline(text=ctx.shown, kind="recurring", due_dates=tuple(sorted(set(dates))), every=every)


# --------------------------------------------------------------------------- 5. continuous

_CONTINUOUS = re.compile(
    r"постоянн|на постоянной основе|в течение|систематическ|регулярн|ежедневн|еженедельн"
    r"|круглогодичн|весь период|на протяжении|в период действия|бессрочн"
)


_FROM_DATE_ON = re.compile(r"^(?:начиная\s+)?со?\s+\d")


def _continuous(ctx: _Context) -> Deadline | None:
    """`постоянно`, `в течение года`; also `с 01.01.2019` with no end: from then on."""
    open_ended = _FROM_DATE_ON.match(ctx.low) and not re.search(r"(?<![а-я])(?:по|до)(?![а-я])", ctx.low)
    if _CONTINUOUS.search(ctx.low) or open_ended:
        return Deadline(text=ctx.shown, kind="continuous")
    return None


# --------------------------------------------------------------------------- 6. unit lists


def _unit_list(ctx: _Context) -> Deadline | None:
    """One numeral list over one unit: `1-4 кварталы 2020 года`, `2019-2020 годы`."""
    low = _mask_full_dates(ctx.low)
    for pattern, every in ((_QUARTER_LIST, "quarter"), (_HALF_LIST, "half_year")):
        matches = list(pattern.finditer(low))
        if len(matches) != 1:
            continue
        values = _numeral_list(matches[0]["list"])
        if len(values) < 2:
            continue
        after = _YEAR_AFTER.match(low[matches[0].end() :])
        years = [int(after["year"])] if after else sorted({int(y) for y in _YEAR.findall(low)})
        bounded = not years
        years = years or ctx.years()
        dates = [_unit_end(y, every, i) for y in years for i in values if i <= 12 // _UNIT_MONTHS[every]]
        return _recurring_deadline(ctx, every, dates, bounded=bounded)
    m = _YEAR_RANGE.search(low)
    if m and not _MONTH.search(low):
        first = int(m["a"])
        last = int(m["b"]) if len(m["b"]) == 4 else first // 100 * 100 + int(m["b"])
        if first < last <= first + 20:
            dates = [dt.date(y, 12, 31) for y in range(first, last + 1)]
            return _recurring_deadline(ctx, "year", dates, bounded=False)
    return None


_SPAN_GAP = re.compile(r"-|(?<![а-я])по(?![а-я])")


def _listed_units(ctx: _Context) -> Deadline | None:
    """Separate units joined by commas or `и` (`июнь, декабрь`, `II квартал 2019 года,
    IV квартал 2019 года`): each is a due date, as in `II и IV кварталы`; joined by a
    dash or `по` they are one span, left to `_once`."""
    low = _mask_full_dates(ctx.low)
    if _DAY_MONTH.search(low) or _DAY_MONTH_NUMERIC.search(low):
        return None
    default = _written_years(low)
    units: tuple[tuple[re.Pattern[str], Every], ...] = (
        (_QUARTER_LIST, "quarter"),
        (_HALF_LIST, "half_year"),
        (_MONTH, "month"),
    )
    for pattern, every in units:
        matches = list(pattern.finditer(low))
        if len(matches) < 2:
            continue
        gaps = [_YEAR.sub("", low[a.end() : b.start()]) for a, b in itertools.pairwise(matches)]
        if any(_SPAN_GAP.search(gap) for gap in gaps):
            return None
        dates: list[dt.date] = []
        bounded = False
        for m in matches:
            indices = [month_number(m["month"]) or 0] if every == "month" else _numeral_list(m["list"])
            after = _YEAR_AFTER.match(low[m.end() :])
            years = [int(after["year"])] if after else default[-1:]
            if not years:
                years, bounded = ctx.years(), True
            per_year = 12 // _UNIT_MONTHS[every]
            dates += [_unit_end(y, every, i) for y in years for i in indices if 1 <= i <= per_year]
        return _recurring_deadline(ctx, every, dates, bounded=bounded)
    return None


# --------------------------------------------------------------------------- 7. once

_MONTH_NUMERIC = re.compile(
    r"(?P<end>до\s+(?!конца))?(?<![\d.])(?P<month>\d{1,2})\.(?P<year>(?:19|20)\d\d)(?![\d.])"
)
_YEAR_WORDS = re.compile(r"(?P<end>до\s+конца\s+|до\s+|к\s+)?(?<![\d.])(?P<year>(?:19|20)\d\d)(?![\d.])")


def _mask_full_dates(low: str) -> str:
    for _, start, end in find_ru_dates(low):
        low = low[:start] + " " * (end - start) + low[end:]
    return low


@dataclass(frozen=True)
class _Yearless:
    """A month and day whose year the cell does not name (`до 1 декабря`, `IV квартал`)."""

    month: int
    day: int


def _once(ctx: _Context) -> Deadline | None:
    full = [d for d, _, _ in find_ru_dates(ctx.low)]
    if full:
        return _once_deadline(ctx, max(full))
    low = _mask_full_dates(ctx.low)
    years = [int(y) for y in _YEAR.findall(low)]
    default_year = years[-1] if years else None
    candidates: list[dt.date | _Yearless] = []

    def add(year: int | None, month: int, day: int) -> None:
        if year is None:
            candidates.append(_Yearless(month, day))
        else:
            candidates.append(_safe_date(year, month, day))

    for m in _DAY_MONTH.finditer(low):
        if month := month_number(m["month"]):
            add(default_year, month, int(m["day"]))
    for m in _DAY_MONTH_NUMERIC.finditer(low):
        if 1 <= int(m["month"]) <= 12 and 1 <= int(m["day"]) <= 31:
            add(default_year, int(m["month"]), int(m["day"]))
    if not candidates:
        for pattern, every in ((_QUARTER_LIST, "quarter"), (_HALF_LIST, "half_year")):
            for m in pattern.finditer(low):
                values = _numeral_list(m["list"])
                if not values or values[-1] > 12 // _UNIT_MONTHS[every]:
                    continue
                after = _YEAR_AFTER.match(low[m.end() :])
                year = int(after["year"]) if after else default_year
                before = low[max(0, m.start() - 12) : m.start()]
                if re.search(r"до\s+$", before) and "конца" not in before:
                    start = _unit_start(2000, every, values[0])
                    add(year, start.month, 1)
                else:
                    end = _unit_end(2000, every, values[-1])
                    add(year, end.month, 31)
            if candidates:
                break
    if not candidates:
        for m in _MONTH_NUMERIC.finditer(low):
            if 1 <= (month := int(m["month"])) <= 12:
                add(int(m["year"]), month, 1 if m["end"] else 31)
    if not candidates:
        for m in _MONTH.finditer(low):
            month = month_number(m["month"])
            if not month:
                continue
            year = int(m["year"]) if m["year"] else default_year
            if m["end"] and "конца" not in m["end"]:
                add(year, month, 1)
            else:
                add(year, month, 31)
    if not candidates:
        for m in _YEAR_WORDS.finditer(low):
            year = int(m["year"])
            if m["end"] and "конца" not in m["end"]:
                add(year, 1, 1)
            else:
                add(year, 12, 31)
    if not candidates and re.search(r"до\s+конца\s+(?:текущего\s+|отчетного\s+)?года", low):
        candidates.append(_Yearless(12, 31))
    if not candidates:
        return None
    dated = [c for c in candidates if isinstance(c, dt.date)]
    if dated:
        return _once_deadline(ctx, max(dated))
    return _once_deadline(ctx, _place_yearless(ctx, max(candidates, key=lambda c: (c.month, c.day))))


def _place_yearless(ctx: _Context, day: _Yearless) -> dt.date | None:
    """The first such day in the period on or after the document date (module docstring)."""
    if ctx.period is not None:
        years = ctx.years()
        options = [_safe_date(y, day.month, day.day) for y in years]
        options = [d for d in options if ctx.period.start <= d <= ctx.period.end] or options
        if ctx.document_date is not None:
            later = [d for d in options if d >= ctx.document_date]
            if later:
                return later[0]
        return options[0] if options else None
    if ctx.document_date is not None:
        this_year = _safe_date(ctx.document_date.year, day.month, day.day)
        if this_year >= ctx.document_date:
            return this_year
        return _safe_date(ctx.document_date.year + 1, day.month, day.day)
    return None


def _once_deadline(ctx: _Context, date: dt.date | None) -> Deadline:
    return Deadline(text=ctx.shown, kind="once", due_dates=(date,) if date else ())


# --------------------------------------------------------------------------- entry point

_RULES: tuple[Rule, ...] = (
    _on_demand,
    _relative,
    _recurring,
    _continuous,
    _unit_list,
    _listed_units,
    _once,
)


def parse_deadline(text: str | None, *, period: Period | None, document_date: dt.date | None) -> Deadline:
    """The contract's Deadline for one "срок" cell (see the module docstring for the rules)."""
    shown = _collapse(text)
    if not shown:
        return Deadline(text=None, kind="unspecified")
    ctx = _Context(shown=shown, low=_normalize(shown), period=period, document_date=document_date)
    for rule in _RULES:
        deadline = rule(ctx)
        if deadline is not None:
            return deadline
    return Deadline(text=shown, kind="unspecified")
