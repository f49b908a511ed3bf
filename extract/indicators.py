"""Target-indicator tables (целевые показатели): a column of indicator names beside year columns.

A year column is `plan` unless marked as an actual (`2015 г. (факт)`, `факт`, `отчет`,
`Базовое значение (2019 год)`): the fact columns are the baseline, the others the targets.
A target written as a bound (`не менее 90`) is its number. Units come from the name
(`… (%)`) or from a unit column (`Единица измерения`).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

from extract.blocks import Blocks, Table
from extract.records import Indicator, IndicatorValue, Period, ValueKind
from extract.tables import Layout, body_rows, claim_tables, find_layout
from extract.text import collapse_spaces, parse_number

log = logging.getLogger("nok.extract")

_YEAR = re.compile(r"\b((?:19|20)\d{2})\s*(?:г\.?|год[а-я]*)?")
_FACT = re.compile(r"факт|отч[её]т|достигнут|исполнен|базов|исходн", re.I)
_PLAN = re.compile(r"план|прогноз|целев|ожидаем", re.I)
_NAME_ROLES = (
    ("name", re.compile(r"показател|индикатор|наименование", re.I)),
    ("unit", re.compile(r"единиц\w*\s*измерени|ед\.\s*изм", re.I)),  # `Единицаизмерения`: a PDF cell glued
)
# A target stated as a bound (`не менее 90`, `≥ 90`) is the number it names.
_BOUND = re.compile(r"^(?:не\s+(?:менее|более|ниже|выше|меньше|больше)|до|от|[≥≤<>]=?)\s*", re.I)
_UNIT_IN_NAME = re.compile(
    r"(?:\(|,\s*)(%|процент\w*|ед\.?|единиц\w*|чел\.?|человек|руб\.?|тыс\.\s*руб\.?|шт\.?|балл\w*)\)?\s*$"
)


@dataclass(frozen=True)
class IndicatorsResult:
    indicators: tuple[Indicator, ...]
    reasons: tuple[str, ...]


def _year_columns(headers: tuple[str, ...], skip: set[int]) -> list[tuple[int, int, ValueKind]]:
    """(column, year, plan/fact). A column headed only `факт` (or `план`) right after a year
    column belongs to that year: a two-level header (`2019 год` over `план | факт`) typed
    without merging the year cell leaves the year over the first sub-column only."""
    columns: list[tuple[int, int, ValueKind]] = []
    for j, text in enumerate(headers):
        if j in skip or len(text) > 60:
            continue
        kind: ValueKind = "fact" if _FACT.search(text) else "plan"
        m = _YEAR.search(text)
        if m:
            columns.append((j, int(m.group(1)), kind))
        elif columns and columns[-1][0] == j - 1 and (_FACT.search(text) or _PLAN.search(text)):
            columns.append((j, columns[-1][1], kind))
    return columns


def unit_of(name: str) -> str | None:
    """`… от общего количества (%)` -> `%`; None when the name states no unit."""
    m = _UNIT_IN_NAME.search(name)
    return m.group(1) if m else None


def _indicator_layout(table: Table) -> Layout | None:
    """The layout of a table with a name column and at least one year column, else None."""
    layout = find_layout(table, _NAME_ROLES, ["name"])
    if layout is None or not _year_columns(layout.headers, set(layout.columns.values())):
        return None
    return layout


def _table_indicators(table: Table, layout: Layout, reasons: list[str]) -> list[Indicator]:
    years = _year_columns(layout.headers, set(layout.columns.values()))
    reasons.append(f"indicators: {layout.reasons[0]}, years {[f'{y}:{k}' for _, y, k in years]}")
    name_col = layout.columns["name"]
    unit_col = layout.columns.get("unit")
    out: list[Indicator] = []
    for row in body_rows(table, layout):
        if row.section is not None:
            continue
        name = row.text(name_col)
        cells = [row.text(j) for j, _, _ in years]
        if not name or not any(cells):
            continue  # a section heading written in the name column only
        values = tuple(
            IndicatorValue(year=year, kind=kind, value=parse_number(_BOUND.sub("", text)))
            for (_, year, kind), text in zip(years, cells, strict=True)
            if text
        )
        unit = collapse_spaces(row.text(unit_col)) or None if unit_col is not None else None
        fields = {"name": name_col, "unit": unit_col}
        fields |= {f"values.{year}.{kind}": j for j, year, kind in years}
        confidence = row.confidences(fields)
        out.append(Indicator(name=name, unit=unit or unit_of(name), values=values, confidence=confidence))
    return out


def recognize_indicators(blocks: Blocks) -> IndicatorsResult:
    """Every indicator row of every target-indicator table in `blocks`."""
    reasons: list[str] = []
    found: list[Indicator] = []
    for claimed in claim_tables(blocks, _indicator_layout):
        found.extend(_table_indicators(claimed.table, claimed.layout, reasons))
    for reason in reasons:
        log.debug(reason)
    return IndicatorsResult(tuple(found), tuple(reasons))


def plan_period(indicators: tuple[Indicator, ...]) -> Period | None:
    """The span of the target (plan) years of the indicators: the plan's period failing a title."""
    years = [v.year for ind in indicators for v in ind.values if v.kind == "plan"]
    if not years:
        return None
    return Period(dt.date(min(years), 1, 1), dt.date(max(years), 12, 31))
