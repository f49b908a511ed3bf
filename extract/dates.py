"""Russian calendar dates as official documents write them.

One grammar for every recognizer: the header's `«15» марта 2017 г.`, a reference's
`от 17.05.2016`, a plan's `до 01.03.2022`. Month names come in every grammatical
case because Russian puts them in whichever the preposition asks for (`в апреле`,
`до конца апреля`, `апрель`). Scanned copies confuse the letter О with the digit 0
(`О1.03.2019`, `2О19`), so digits are read through a same-length normalisation:
offsets found in the normalised text are offsets in the original.
"""

from __future__ import annotations

import datetime as dt
import re

_SOFT_STEMS = {
    "январ": 1,
    "феврал": 2,
    "апрел": 4,
    "июн": 6,
    "июл": 7,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
_HARD_STEMS = {"март": 3, "август": 8}


def _month_forms() -> dict[str, int]:
    """Every case form of every month name, lower case, `ё` and `е` both."""
    forms: dict[str, int] = {}
    for stem, number in _SOFT_STEMS.items():
        for ending in ("ь", "я", "ю", "ём", "ем", "е"):
            forms[stem + ending] = number
    for stem, number in _HARD_STEMS.items():
        for ending in ("", "а", "у", "ом", "е"):
            forms[stem + ending] = number
    for word in ("май", "мая", "маю", "маем", "мае"):
        forms[word] = 5
    return forms


MONTHS: dict[str, int] = _month_forms()
"""Month name in any case (nominative, genitive, dative, accusative, instrumental,
prepositional), lower case, -> month number."""

MONTH_ABBREVIATIONS: dict[str, int] = {
    "янв": 1,
    "фев": 2,
    "февр": 2,
    "мар": 3,
    "апр": 4,
    "июн": 6,
    "июл": 7,
    "авг": 8,
    "сен": 9,
    "сент": 9,
    "окт": 10,
    "ноя": 11,
    "нояб": 11,
    "дек": 12,
}
"""Abbreviated month names, written with a trailing dot (`1 дек. 2019 г.`)."""

_NOT_LETTER_AFTER = r"(?![а-яёa-z])"
_NOT_LETTER_BEFORE = r"(?<![а-яёa-z])"

MONTH_PATTERN = (
    _NOT_LETTER_BEFORE + "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")" + _NOT_LETTER_AFTER
)
"""A regex alternative matching one month name in any case (use with re.IGNORECASE)."""

_ABBR_PATTERN = (
    _NOT_LETTER_BEFORE + "(?:" + "|".join(sorted(MONTH_ABBREVIATIONS, key=len, reverse=True)) + r")\."
)

_QUOTE = r"[«»\"“”„'‘’]"
_YEAR_WORD = r"(?:\s*(?:г\.|гг\.|года|году|год|г(?![а-яё])))?"

_VERBAL = re.compile(
    rf"(?<!\d)(?:{_QUOTE}\s*)?(?P<day>\d{{1,2}})\s*(?:{_QUOTE}\s*)?\s*"
    rf"(?P<month>{MONTH_PATTERN}|{_ABBR_PATTERN})"
    rf"(?:\s*(?P<year>\d{{4}})(?!\d){_YEAR_WORD})?",
    re.IGNORECASE,
)
_NUMERIC = re.compile(
    r"(?<![\d.])(?P<day>\d{1,2})\s?[./]\s?(?P<month>\d{1,2})\s?[./]\s?"
    r"(?P<year>\d{4}|\d{2})(?![\d])(?:\s*(?:г\.|года|г(?![а-яё])))?",
    re.IGNORECASE,
)
_NUMERIC_OCR_COMMA = re.compile(r"(?<![\d.,])(?P<day>\d{2})[.,](?P<month>\d{2})[.,](?P<year>\d{4})(?![\d])")
"""`15,03.2017`: a scanned dot read as a comma; only in the strict dd,mm,yyyy shape."""
_ISO = re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)")

_ZERO_LIKE = "ОоOo"
_OCR_ZERO = re.compile(
    rf"(?<=\d)[{_ZERO_LIKE}](?![а-яёa-z])|(?<![а-яёa-z])[{_ZERO_LIKE}](?=\d)",
    re.IGNORECASE,
)


def normalize_digits(text: str) -> str:
    """`text` with an О/O read as 0 where it stands inside a number; same length.

    A letter О glued to digits on a scanned page (`О1.03.2019`, `2О19`) is a zero;
    one starting a word (`от 17.05`, `Об утверждении`) is not, so an О counts only
    when it touches a digit and does not touch a letter on its other side.
    """
    previous = None
    while previous != text:
        previous = text
        text = _OCR_ZERO.sub("0", text)
    return text


def _year(raw: str) -> int:
    value = int(raw)
    if len(raw) == 2:
        return 2000 + value if value < 70 else 1900 + value
    return value


def _make(year: int | None, month: int, day: int) -> dt.date | None:
    if year is None or not 1900 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_number(word: str) -> int | None:
    """The month a name or abbreviation stands for (`апреле` -> 4, `дек.` -> 12)."""
    word = word.strip().lower().replace("ё", "е")
    if word in MONTHS:
        return MONTHS[word]
    return MONTH_ABBREVIATIONS.get(word.rstrip("."))


def _find(text: str, default_year: int | None) -> list[tuple[dt.date, int, int]]:
    norm = normalize_digits(text)
    found: list[tuple[dt.date, int, int]] = []
    taken: list[tuple[int, int]] = []

    def add(date: dt.date | None, start: int, end: int) -> None:
        if date is None or any(start < e and s < end for s, e in taken):
            return
        taken.append((start, end))
        found.append((date, start, end))

    for m in _VERBAL.finditer(norm):
        month = month_number(m["month"])
        year = _year(m["year"]) if m["year"] else default_year
        if month is not None:
            add(_make(year, month, int(m["day"])), m.start(), m.end())
    for m in _NUMERIC.finditer(norm):
        add(_make(_year(m["year"]), int(m["month"]), int(m["day"])), m.start(), m.end())
    for m in _NUMERIC_OCR_COMMA.finditer(norm):
        add(_make(int(m["year"]), int(m["month"]), int(m["day"])), m.start(), m.end())
    for m in _ISO.finditer(norm):
        add(_make(int(m["year"]), int(m["month"]), int(m["day"])), m.start(), m.end())
    found.sort(key=lambda item: item[1])
    return found


def find_ru_dates(text: str) -> list[tuple[dt.date, int, int]]:
    """Every full date in `text` (day, month and year) as (date, start, end), in order.

    Impossible dates (`31.02.2019`) are skipped; a day and month without a year
    (`1 декабря`) is not a date here, see `parse_ru_date(default_year=...)`.
    """
    return _find(text, None)


def parse_ru_date(text: str, *, default_year: int | None = None) -> dt.date | None:
    """The first date written in `text`, or None.

    `default_year` completes a day and month written without a year (`до 1 декабря`);
    without it such a phrase gives None.
    """
    found = _find(text, default_year)
    return found[0][0] if found else None
