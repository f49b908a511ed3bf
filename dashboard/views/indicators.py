"""Показатели (minister): headline tiles, then target indicators plan vs fact with a traffic light."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import charts, data, tables, urlstate
from dashboard.export import download_buttons
from dashboard.filters import AVERAGED_OVER_REGIONS
from dashboard.headline import headline_tiles
from db.queries.indicators import LIGHT_RU, indicator_progress

LIGHT_BACKGROUNDS = {  # the traffic light as the cell's colour: emoji are not in every font
    LIGHT_RU["green"]: "background-color: #c8e6c9",
    LIGHT_RU["yellow"]: "background-color: #fff59d",
    LIGHT_RU["red"]: "background-color: #ffcdd2",
    LIGHT_RU["grey"]: "background-color: #eeeeee",
}

today = dt.date.today()
filters = data.rating_filters()
years = filters.years or [today.year]
st.title("Показатели")
left, middle, right = st.columns([1, 2, 1])
year = left.selectbox("Год", years, index=urlstate.index_of(years, urlstate.get_int("year")), key="year")
regions = ["все регионы", *filters.regions]
region_choice = middle.selectbox(
    "Регион", regions, index=urlstate.index_of(regions, urlstate.get_str("region")), key="region"
)
as_of = right.date_input("На дату", urlstate.get_date("as_of") or today, format="DD.MM.YYYY", key="as_of")
region = None if region_choice == "все регионы" else region_choice
urlstate.put("year", year)
urlstate.put("region", region)
urlstate.put("as_of", as_of if as_of != today else None)

headline_tiles(data.headline(year, as_of, region), as_of)

points = data.indicator_trends(region)
if not points:
    st.info("Нет опубликованных целевых показателей. Они появятся после публикации плана НОК с показателями.")
    st.stop()
if region is None and len(filters.regions) > 1:
    st.caption(AVERAGED_OVER_REGIONS)

progress = indicator_progress(points)
table = tables.indicators_table(progress)
st.subheader("Целевые показатели: достижение цели")
st.dataframe(
    table.style.map(lambda value: LIGHT_BACKGROUNDS.get(value, ""), subset=["Статус"]).format(
        precision=1, na_rep="—", subset=["План", "Факт"]
    ),
    hide_index=True,
    width="stretch",
    column_config={
        "Выполнение, %": st.column_config.ProgressColumn(
            "Выполнение, %", min_value=0, max_value=100, format="%.1f"
        )
    },
)
download_buttons(table, f"pokazateli_{year}", "indicators")

long = pd.DataFrame(
    [
        {"Показатель": p.name, "Год": p.year, "Вид": kind, "Значение": value}
        for p in points
        for kind, value in (("план", p.plan), ("факт", p.fact))
        if value is not None
    ]
)
st.subheader("План и факт по годам")
st.altair_chart(charts.indicator_chart(long), width="content")
