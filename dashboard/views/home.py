"""Главная: what a minister reads in one minute. The year's results and its target indicators
against their targets with their trend, the institutions whose total fell most, the bodies with
most overdue control points, and links into each page with the same year and region set."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import charts, data, urlstate
from dashboard.filters import AVERAGED_OVER_REGIONS, region_select
from dashboard.headline import headline_tiles, ru_figure
from dashboard.navigation import pages_for
from dashboard.signin import current_user
from db.queries.indicators import LIGHT_RU, indicator_progress

MAX_TILES = 6  # target indicators shown as tiles; the rest are on «Показатели»


def link(file: str, label: str, **params: object) -> None:
    """A link into another page with its filters set, when the user may open that page."""
    if file in allowed:
        query = {name: value for name, value in params.items() if value not in (None, "", [])}
        st.page_link(f"views/{file}", label=label, icon=":material/arrow_forward:", query_params=query)


today = dt.date.today()
st.title("Независимая оценка качества: мониторинг")
signed_in = current_user()
allowed = {spec.file for spec in pages_for(signed_in.roles if signed_in else ())}
counts = data.overview(today)
if counts.is_empty:
    st.info(
        "База данных пуста. Загрузите подписанные документы (приказы, протоколы, планы, рейтинги) "
        "в разделе «Документы» или загрузите демонстрационный набор командой `nok demo`."
    )
    st.stop()

filters = data.rating_filters()
years = filters.years or [today.year]
left, middle, _ = st.columns([1, 2, 1])
year = left.selectbox(
    "Год",
    years,
    index=urlstate.index_of(years, urlstate.get_int("year")),
    placeholder="Выберите год",
    key="year",
)
region = region_select(middle)
as_of = urlstate.get_date("as_of") or today
urlstate.put("year", year)
where = region or "все регионы"
st.caption(
    f"{where} · данные на {as_of:%d.%m.%Y} · учтены только опубликованные документы · в базе "
    f"документов {ru_figure(counts.documents, 0)}, учреждений {ru_figure(counts.organizations, 0)}, "
    f"оценок {ru_figure(counts.ratings, 0)}"
)

headline_tiles(data.headline(year, as_of, region), as_of)

st.subheader(f"Целевые показатели: {year} год")
trends = data.indicator_trends(region)
progress = indicator_progress(trends, year=year)
if not progress:
    st.caption("Опубликованных целевых показателей нет.")
else:
    if region is None and len(data.regions()) > 1:
        st.caption(AVERAGED_OVER_REGIONS)
    columns = st.columns(3)
    for index, item in enumerate(progress[:MAX_TILES]):
        with columns[index % 3].container(border=True):
            unit = f" {item.unit}" if item.unit else ""
            st.markdown(f"**{item.name}**")
            gap = item.fact - item.plan if item.fact is not None and item.plan is not None else None
            st.metric(
                f"Факт {item.year or year} года" if item.year else "Факт",
                f"{ru_figure(item.fact)}{unit}",
                delta=f"{ru_figure(gap)} к цели {ru_figure(item.plan)}" if gap is not None else None,
                delta_color="normal",
                help=f"Статус: {LIGHT_RU[item.light]}.",
            )
    long = pd.DataFrame(
        [
            {"Показатель": p.name, "Год": p.year, "Вид": kind, "Значение": value}
            for p in trends
            if p.name in {item.name for item in progress[:MAX_TILES]}
            for kind, value in (("план", p.plan), ("факт", p.fact))
            if value is not None
        ]
    )
    st.altair_chart(charts.indicator_chart(long, year=year), width="content")
link("indicators.py", "Все показатели и их выполнение", year=year, region=region)

falls_column, overdue_column = st.columns(2)
with falls_column:
    st.subheader("Где итоговый балл упал сильнее всего")
    falls = data.biggest_falls(year, region)
    if falls:
        frame = pd.DataFrame(
            {
                "Учреждение": [f.organization_name for f in falls],
                "Было": [f.previous_total for f in falls],
                "Стало": [f.total for f in falls],
                "Изменение": [f.change for f in falls],
            }
        )
        st.caption(f"Итоговый балл {year} года против {year - 1}-го, средний по формам обслуживания")
        st.altair_chart(charts.falls_chart(frame), width="stretch")
        worst = [f.organization_id for f in falls[:6]]
        link("ratings.py", "Сравнить их в «Рейтингах»", year=year, region=region, org=worst, card=worst[0])
    else:
        st.caption(f"Ни у одного учреждения балл {year} года не ниже, чем в {year - 1} году.")

with overdue_column:
    st.subheader("Просроченные контрольные точки")
    by_authority = data.overdue_by_body(as_of, "authority", region)
    by_executor = data.overdue_by_body(as_of, "executor", region)
    if by_authority:
        st.caption(f"По органам, чьи это планы (на {as_of:%d.%m.%Y})")
        frame = pd.DataFrame(
            {"Орган": [r.label for r in by_authority], "Просрочено": [r.overdue for r in by_authority]}
        )
        st.altair_chart(charts.overdue_chart(frame, "Орган"), width="stretch")
        st.caption("По исполнителям")
        frame = pd.DataFrame(
            {"Исполнитель": [r.label for r in by_executor], "Просрочено": [r.overdue for r in by_executor]}
        )
        st.altair_chart(charts.overdue_chart(frame, "Исполнитель"), width="stretch")
        link("control.py", "Все просроченные точки", status="overdue", region=region)
        worst_body = next((row for row in by_authority if row.key is not None), None)
        if worst_body is not None:
            name = worst_body.label if len(worst_body.label) <= 50 else worst_body.label[:49] + "…"
            link(
                "control.py",
                f"Просроченные точки: {name}",
                status="overdue",
                region=region,
                authority=worst_body.key,
            )
    else:
        st.caption(f"На {as_of:%d.%m.%Y} просроченных контрольных точек нет.")

st.subheader("Разделы")
link("indicators.py", "Показатели", year=year, region=region)
link("ratings.py", "Рейтинги", year=year, region=region)
link("control.py", "Контроль сроков", region=region)
link("improvement.py", "Планы улучшения", region=region)
link("documents.py", "Документы", region=region)
