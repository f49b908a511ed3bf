"""The four results of a year, as «Главная» and «Показатели» show them."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from db.queries.indicators import Headline


def ru_figure(value: float | None, digits: int = 1) -> str:
    """`88.94` -> `88,9`, thousands apart by a space, a missing value -> `—`."""
    return "—" if value is None else f"{value:,.{digits}f}".replace(",", " ").replace(".", ",")


def headline_tiles(head: Headline, as_of: dt.date) -> None:
    """Assessed share, average total with its change, overdue points, improvement measures done."""
    tiles = st.columns(4)
    tiles[0].metric(
        "Оценено учреждений",
        f"{head.assessed_share:.0%}" if head.assessed_share is not None else "—",
        help=f"{head.assessed} из {head.organizations} учреждений оценены за {head.year} год (опубликовано).",
        border=True,
    )
    tiles[1].metric(
        "Средний итоговый балл",
        ru_figure(head.average_total),
        delta=f"{head.average_change:+.1f}".replace(".", ",") if head.average_change is not None else None,
        help=f"Изменение к {head.year - 1} году.",
        border=True,
    )
    tiles[2].metric(
        "Просрочено точек",
        ru_figure(head.overdue_points, 0),
        help=f"Контрольные точки со сроком до {as_of:%d.%m.%Y}, не выполненные к этой дате.",
        border=True,
    )
    tiles[3].metric(
        "Меры планов улучшения",
        f"{head.improvement_share:.0%}" if head.improvement_share is not None else "—",
        help=f"Выполнено {head.improvement_done} из {head.improvement_due} мер со сроком до {as_of:%d.%m.%Y}",
        border=True,
    )
