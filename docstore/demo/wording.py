"""How the demo documents spell dates, numbers, titles and rating rows: shared by the DOCX and PDF writers,
so a rating reads the same whichever format it was typed in."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from docstore.demo import region

MONTHS_GENITIVE = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                   "октября", "ноября", "декабря")  # fmt: skip


def quoted_date(date: dt.date) -> str:
    """`«20» января 2025 г.`: the date line of an order."""
    return f"«{date.day:02d}» {MONTHS_GENITIVE[date.month - 1]} {date.year} г."


def spelled_date(date: dt.date) -> str:
    """`20 января 2025 г.`: a date cited in running text."""
    return f"{date.day} {MONTHS_GENITIVE[date.month - 1]} {date.year} г."


def letter_date(date: dt.date) -> str:
    """`от 16.01.2026`: the registration line of a letter."""
    return f"от {date:%d.%m.%Y}"


def ru_number(value: Decimal) -> str:
    """`91.96` -> `91,96`: numbers are printed with a decimal comma."""
    return f"{value}".replace(".", ",")


def rating_title(year: int) -> str:
    """The ministry renamed its institutions `организации` in 2023; older ratings say `учреждения`."""
    subject = "государственных учреждений" if year < 2023 else "организаций"
    return (
        f"Рейтинг {subject} социального обслуживания Заречной области по результатам независимой оценки "
        f"качества условий оказания услуг в {year} году"
    )


def rating_header_row() -> list[str]:
    return ["№ п/п", "Наименование учреждения", *region.CRITERIA_RU, "Итоговый балл", "Место в рейтинге"]


def rating_cells(row: region.RatingRow, n: int) -> list[str]:
    """One printed row: scores with a decimal comma, a dash where the operator gave none."""
    scores = ["—" if s is None else ru_number(s) for s in row.scores]
    return [str(n), row.institution.name, *scores, ru_number(row.total), str(row.rank)]
