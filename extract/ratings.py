"""Ratings tables (рейтинг учреждений, результаты независимой оценки): one `Rating` per row.

The five criteria of the official method are found by their words, in any column order;
a table may lack some (then null). Service-form heading rows (стационарная /
полустационарная / надомная форма) set the form of the rows under them. The scale is
100 for the 0-100 method, or the maximum a points system states (`(макс. 30 баллов)`).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from extract.blocks import Blocks, Table
from extract.criteria import CRITERIA, CRITERION_WORDS
from extract.records import Rating, Scores, ServiceForm
from extract.tables import Layout, body_rows, claim_tables, find_layout
from extract.text import collapse_spaces, parse_number

log = logging.getLogger("nok.extract")

RATING_ROLES = (
    # a column headed only `Рейтинг` holds the place; `Рейтинговый балл` is a total
    ("rank", re.compile(r"место|ранг|позици|^рейтинг$", re.I)),
    *CRITERION_WORDS,
    ("total", re.compile(r"итог|общ\w* (балл|оценк|показател)|сумм|интегральн|рейтинг", re.I)),
    ("form", re.compile(r"^форм\w*\s+(социального\s+)?обслуживани|^вид\w* обслуживани", re.I)),
    ("organization", re.compile(r"учреждени|организаци|наименование", re.I)),
    ("number", re.compile(r"^(№|n\s*п/?п)", re.I)),
)
_SUMMARY_ROW = re.compile(r"^(итого|всего|средн\w*|в среднем|по области|по краю|по республике)\b", re.I)
_YEAR_IN_TITLE = re.compile(r"\b(?:в|за|на|по итогам)\s+((?:19|20)\d{2})\s*(?:г\.|год)", re.I)
_FORMS: tuple[tuple[re.Pattern[str], ServiceForm], ...] = (
    (re.compile(r"полустационар", re.I), "semi_stationary"),
    (re.compile(r"на дому|надомн", re.I), "home"),
    (re.compile(r"стационар", re.I), "stationary"),
)
_MAX = re.compile(
    r"(?:макс\w*\.?|максимальн\w*\s+(?:значение|балл|количество)?)\D{0,20}?(\d+(?:[.,]\d+)?)", re.I
)


@dataclass(frozen=True)
class RatingsResult:
    ratings: tuple[Rating, ...]
    reasons: tuple[str, ...]


def service_form_of(text: str) -> ServiceForm | None:
    """`Полустационарная форма социального обслуживания` -> `semi_stationary`."""
    for pattern, form in _FORMS:
        if pattern.search(text):
            return form
    return None


def _rating_layout(table: Table) -> Layout | None:
    layout = find_layout(table, RATING_ROLES, ["organization"])
    if layout is None:
        return None
    criteria = [c for c in CRITERIA if c in layout.columns]
    if len(criteria) < 2 and not ({"total", "rank"} <= layout.columns.keys()):
        return None
    return layout


def _scale(layout: Layout, context: str, values: list[float]) -> float | None:
    """The maximum score: stated for the total column, or in the text around the table."""
    total_col = layout.columns.get("total")
    stated = []
    if total_col is not None:
        stated = _MAX.findall(layout.headers[total_col])
    if not stated:
        stated = _MAX.findall(context)
    if stated:
        return parse_number(stated[0])
    if values and sorted(values)[int(0.8 * (len(values) - 1))] <= 100:
        return 100.0  # most scores on a 100-point scale (a few read without their comma)
    return None


_SCORE_SPLIT = re.compile(r"^(\d{1,3}) (\d{1,2})$")
"""A score whose decimal comma a scan lost to a space (`86 74`): two digits or fewer after it,
so it is no thousands separator."""


def _score(text: str) -> float | None:
    """A score cell: `93,24`, or `86 74` read from a scan without its comma."""
    if match := _SCORE_SPLIT.match(collapse_spaces(text)):
        return float(f"{match[1]}.{match[2]}")
    return parse_number(text)


def _below(value: float | None, scale: float) -> float | None:
    """A whole number above the scale read from a scan without its decimal comma, put back where
    the fewest digits move (`957` on a 100-point scale is 95.7, `8674` is 86.74, `1000` is 100);
    other values as they are."""
    if value is None or value <= scale or not value.is_integer():
        return value
    shifts = 0
    while value / 10**shifts > scale:
        shifts += 1
    return round(value / 10**shifts, shifts)


def _within(scores: Scores, scale: float) -> Scores:
    return Scores(**{c: _below(getattr(scores, c), scale) for c in CRITERIA})


def _rank(text: str) -> int | None:
    """`3` -> 3; a shared place (`2-3`) or anything else -> None."""
    text = collapse_spaces(text).rstrip(".")
    return int(text) if text.isdigit() else None


def _table_ratings(table: Table, layout: Layout, year: int | None, context: str) -> list[Rating]:
    form: ServiceForm | None = None
    rows: list[tuple[str, ServiceForm | None, Scores, float | None, int | None, dict[str, float]]] = []
    values: list[float] = []
    for row in body_rows(table, layout):
        if row.section is not None:
            form = service_form_of(row.section) or form
            continue
        organization = row.text(layout.columns["organization"])
        if _SUMMARY_ROW.match(organization):
            continue  # `Итого`, `Среднее значение по области`: not an institution
        numbers = {c: _score(row.text(layout.columns.get(c))) for c in CRITERIA}
        total = _score(row.text(layout.columns.get("total")))
        if not organization or (total is None and not any(v is not None for v in numbers.values())):
            if organization and service_form_of(organization):
                form = service_form_of(organization)
            continue
        values.extend(v for v in [total, *numbers.values()] if v is not None)
        scores = Scores(**numbers)
        row_form = service_form_of(row.text(layout.columns.get("form"))) or form
        rank = _rank(row.text(layout.columns.get("rank")))
        fields = {"organization": layout.columns["organization"], "total": layout.columns.get("total")}
        fields |= {f"scores.{c}": layout.columns.get(c) for c in CRITERIA}
        fields["rank"] = layout.columns.get("rank")
        rows.append((organization, row_form, scores, total, rank, row.confidences(fields)))
    scale = _scale(layout, context, values)
    if scale is not None:
        rows = [
            (org, row_form, _within(scores, scale), _below(total, scale), rank, confidence)
            for org, row_form, scores, total, rank, confidence in rows
        ]
    return [
        Rating(
            organization=org,
            service_form=service_form,
            year=year,
            scores=scores,
            total=total,
            rank=rank,
            scale=scale,
            confidence=confidence,
        )
        for org, service_form, scores, total, rank, confidence in rows
    ]


def recognize_ratings(blocks: Blocks, *, year: int | None) -> RatingsResult:
    """Every rated institution of every ratings table in `blocks`, for `year`."""
    reasons: list[str] = []
    ratings: list[Rating] = []
    for claimed in claim_tables(blocks, _rating_layout):
        block, layout = claimed.table, claimed.layout
        reasons.append("ratings: " + "; ".join(layout.reasons))
        text = " ".join(claimed.context)
        # A rating inside a letter or report: its own heading (`… в 2018 году`) names the year.
        table_year = year
        if table_year is None and len(set(found := _YEAR_IN_TITLE.findall(text))) == 1:
            table_year = int(found[0])
        ratings.extend(_table_ratings(block, layout, table_year, text))
    for reason in reasons:
        log.debug(reason)
    return RatingsResult(tuple(ratings), tuple(reasons))
