"""Altair charts: each takes a DataFrame with Russian column names and returns a chart.

Kept apart from the pages so that they can be tested without a browser (`chart.to_dict()`).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from dashboard.labels import CRITERIA_SHORT_RU
from db.models import CRITERIA

CRITERIA_ORDER = [CRITERIA_SHORT_RU[name] for name in CRITERIA]
"""The five criteria in the order of the law and of every rating table, not alphabetical."""

LIGHT_COLORS = {
    "достигнут": "#2e7d32",
    "близок к цели": "#f9a825",
    "отстаёт": "#c62828",
    "нет данных": "#9e9e9e",
}
STATUS_COLORS = {
    "выполнено в срок": "#2e7d32",
    "выполнено с опозданием": "#81c784",
    "просрочено": "#c62828",
    "срок наступает": "#f9a825",
    "срок не наступил": "#90a4ae",
}


def indicator_chart(frame: pd.DataFrame, year: int | None = None, columns: int = 3) -> alt.Chart:
    """Plan (dashed) and fact (solid) by year, one small panel per indicator, `year` marked by a
    vertical rule. Columns: Показатель, Год, Вид (план/факт), Значение."""
    base = alt.Chart(frame).encode(
        x=alt.X("Год:O", title="Год", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("Значение:Q", title=None, scale=alt.Scale(zero=False)),
        color=alt.Color(
            "Вид:N", title=None, scale=alt.Scale(domain=["план", "факт"], range=["#90a4ae", "#1565c0"])
        ),
        strokeDash=alt.StrokeDash(
            "Вид:N", legend=None, scale=alt.Scale(domain=["план", "факт"], range=[[4, 3], [1, 0]])
        ),
        tooltip=["Показатель", "Год", "Вид", "Значение"],
    )
    layers = [base.mark_line(), base.mark_point(filled=True)]
    if year is not None:
        layers.append(
            alt.Chart(frame)
            .transform_filter(alt.datum["Год"] == year)
            .mark_rule(color="#9e9e9e", strokeDash=[2, 2])
            .encode(x="Год:O")
        )
    return (
        alt.layer(*layers)
        .properties(width=220, height=120)
        .facet(
            facet=alt.Facet("Показатель:N", title=None, header=alt.Header(labelLimit=260)), columns=columns
        )
        .resolve_scale(y="independent")
    )


def ranking_chart(frame: pd.DataFrame, selectable: bool = True) -> alt.Chart:
    """Horizontal bars of the total, best on top; columns Учреждение, Итоговый балл, Место."""
    selection = alt.selection_point(fields=["Код учреждения"], name="institution")
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("Учреждение:N", sort="-x", title=None, axis=alt.Axis(labelLimit=320, labelOverlap=False)),
            x=alt.X("Итоговый балл:Q", title="Итоговый балл", scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("Итоговый балл:Q", legend=None, scale=alt.Scale(scheme="blues")),
            tooltip=["Место", "Учреждение", "Итоговый балл", "Форма обслуживания"],
        )
        .properties(height=max(120, 22 * frame["Учреждение"].nunique()))
    )
    return chart.add_params(selection) if selectable else chart


def criteria_heatmap(frame: pd.DataFrame) -> alt.Chart:
    """Institution x criterion, the score as colour; a missing score stays an empty cell.
    Columns: Учреждение, Критерий, Балл."""
    base = alt.Chart(frame).encode(
        x=alt.X("Критерий:N", title=None, sort=CRITERIA_ORDER, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("Учреждение:N", title=None, sort=None, axis=alt.Axis(labelLimit=320)),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("Балл:Q", scale=alt.Scale(scheme="redyellowgreen", domain=[50, 100]), title="Балл"),
        tooltip=["Учреждение", "Критерий", "Балл"],
    )
    text = base.mark_text(fontSize=10).encode(text=alt.Text("Балл:Q", format=".1f"))
    return (cells + text).properties(height=max(120, 18 * frame["Учреждение"].nunique()))


def profile_chart(frame: pd.DataFrame) -> alt.Chart:
    """Side-by-side criteria of 2-6 institutions; columns Учреждение, Критерий, Балл."""
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("Учреждение:N", title=None, axis=alt.Axis(labels=False, ticks=False)),
            y=alt.Y("Балл:Q", title="Балл", scale=alt.Scale(domain=[0, 100])),
            color=alt.Color(
                "Учреждение:N",
                title="Учреждение",
                legend=alt.Legend(orient="bottom", columns=2, labelLimit=400),
            ),
            column=alt.Column(
                "Критерий:N", title=None, sort=CRITERIA_ORDER, header=alt.Header(labelOrient="bottom")
            ),
            tooltip=["Учреждение", "Критерий", "Балл"],
        )
        .properties(width=110, height=220)
    )


def trend_chart(frame: pd.DataFrame) -> alt.Chart:
    """Total by year per institution; columns Учреждение, Год, Итоговый балл."""
    return (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=alt.X("Год:O", title="Год", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("Итоговый балл:Q", scale=alt.Scale(zero=False)),
            color=alt.Color("Учреждение:N", legend=alt.Legend(orient="bottom", columns=2, labelLimit=400)),
            tooltip=["Учреждение", "Год", "Итоговый балл"],
        )
        .properties(height=260)
    )


def distribution_chart(frame: pd.DataFrame) -> alt.Chart:
    """Histogram of totals; column Итоговый балл."""
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("Итоговый балл:Q", bin=alt.Bin(step=2.5), title="Итоговый балл"),
            y=alt.Y("count():Q", title="Учреждений"),
        )
        .properties(height=220)
    )


def gantt_chart(frame: pd.DataFrame) -> alt.Chart:
    """Items of a plan on a time axis: from the plan date to the due date, coloured by status.
    Columns: Мероприятие, Начало, Срок, Статус."""
    return (
        alt.Chart(frame)
        .mark_bar(height=10)
        .encode(
            y=alt.Y("Мероприятие:N", sort=None, title=None, axis=alt.Axis(labelLimit=360)),
            x=alt.X("Начало:T", title=None),
            x2="Срок:T",
            color=alt.Color(
                "Статус:N", scale=alt.Scale(domain=list(STATUS_COLORS), range=list(STATUS_COLORS.values()))
            ),
            tooltip=["Мероприятие", alt.Tooltip("Срок:T", format="%d.%m.%Y"), "Статус"],
        )
        .properties(height=max(120, 16 * frame["Мероприятие"].nunique()))
    )


def compliance_chart(frame: pd.DataFrame) -> alt.Chart:
    """Stacked bars of point outcomes per executor; columns Исполнитель, Статус, Точек."""
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("Исполнитель:N", title=None, sort="-x", axis=alt.Axis(labelLimit=360)),
            x=alt.X("Точек:Q", title="Контрольных точек"),
            color=alt.Color(
                "Статус:N", scale=alt.Scale(domain=list(STATUS_COLORS), range=list(STATUS_COLORS.values()))
            ),
            tooltip=["Исполнитель", "Статус", "Точек"],
        )
        .properties(height=max(120, 26 * frame["Исполнитель"].nunique()))
    )


def before_after_chart(frame: pd.DataFrame) -> alt.Chart:
    """A criterion's score before the plan and a year after; columns Учреждение (or a group such
    as «меры выполнены»: the dash pattern), Критерий, Когда, Балл."""
    return (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=alt.X("Когда:N", sort=["до плана", "после плана"], title=None),
            y=alt.Y("Балл:Q", scale=alt.Scale(zero=False)),
            color=alt.Color("Критерий:N", sort=CRITERIA_ORDER),
            strokeDash=alt.StrokeDash("Учреждение:N", title=None),
            tooltip=["Учреждение", "Критерий", "Когда", "Балл"],
        )
        .properties(height=260)
    )


def falls_chart(frame: pd.DataFrame) -> alt.Chart:
    """How much each institution's total fell, the largest fall on top.
    Columns: Учреждение, Изменение (negative), Было, Стало."""
    return (
        alt.Chart(frame)
        .mark_bar(color="#c62828")
        .encode(
            y=alt.Y("Учреждение:N", sort="x", title=None, axis=alt.Axis(labelLimit=300, labelOverlap=False)),
            x=alt.X("Изменение:Q", title="Изменение итогового балла"),
            tooltip=["Учреждение", "Было", "Стало", "Изменение"],
        )
        .properties(height=max(120, 26 * len(frame)))
    )


def overdue_chart(frame: pd.DataFrame, body: str) -> alt.Chart:
    """Overdue control points per body, most on top; columns `body` (Орган or Исполнитель), Просрочено."""
    return (
        alt.Chart(frame)
        .mark_bar(color=STATUS_COLORS["просрочено"])
        .encode(
            y=alt.Y(f"{body}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=300, labelOverlap=False)),
            x=alt.X("Просрочено:Q", title="Просроченных точек"),
            tooltip=[body, "Просрочено"],
        )
        .properties(height=max(120, 26 * len(frame)))
    )
