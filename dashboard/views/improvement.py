"""Планы улучшения (council, supervisors): execution per institution and per deficiency,
overdue measures, and the criterion's score before and after the plan."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import charts, data, urlstate
from dashboard.export import download_buttons
from dashboard.labels import criterion_ru, ru_date

today = dt.date.today()
st.title("Планы улучшения")
as_of = st.date_input("На дату", urlstate.get_date("as_of") or today, format="DD.MM.YYYY", key="as_of")
urlstate.put("as_of", as_of if as_of != today else None)

execution = data.improvement_by_organization(as_of)
if not execution:
    st.info("Планов по устранению недостатков пока нет.")
    st.stop()
by_org = pd.DataFrame(
    {
        "Учреждение": [e.organization_name for e in execution],
        "Выполнено в срок": [e.done for e in execution],
        "С опозданием": [e.done_late for e in execution],
        "Просрочено": [e.overdue for e in execution],
        "Срок наступает": [e.due_soon for e in execution],
        "Срок не наступил": [e.not_yet_due for e in execution],
    }
)
due = by_org["Выполнено в срок"] + by_org["С опозданием"] + by_org["Просрочено"]
by_org["Исполнение, %"] = (
    100 * (by_org["Выполнено в срок"] + by_org["С опозданием"]) / due.where(due > 0)
).round(1)
total_due = int(due.sum())
tiles = st.columns(3)
tiles[0].metric("Учреждений с планами", len(by_org))
tiles[1].metric(
    "Исполнено мер со сроком",
    f"{(total_due - int(by_org['Просрочено'].sum())) / total_due:.0%}" if total_due else "—",
)
tiles[2].metric("Просроченных мер", int(by_org["Просрочено"].sum()))
st.subheader("Исполнение по учреждениям")
st.dataframe(by_org, hide_index=True, width="stretch")
download_buttons(by_org, f"plany_uluchsheniya_{as_of:%Y%m%d}", "improvement_orgs")

st.subheader("Просроченные меры")
overdue = [
    r for r in data.control_points(as_of, 14, None, None, None, "overdue") if r.source == "improvement"
]
if overdue:
    late = pd.DataFrame(
        {
            "Учреждение": [r.organization_name or "" for r in overdue],
            "Мера": [r.item_title for r in overdue],
            "Ответственный": [r.executor for r in overdue],
            "Срок": [ru_date(r.due_date) for r in overdue],
            "Дней просрочки": [r.days_overdue for r in overdue],
        }
    )
    st.dataframe(late, hide_index=True, width="stretch")
    download_buttons(late, f"prosrochennye_mery_{as_of:%Y%m%d}", "improvement_overdue")
else:
    st.caption(f"На {as_of:%d.%m.%Y} просроченных мер нет.")

st.subheader("Недостатки и балл критерия до и после плана")
effects = data.deficiency_effect()
if effects:
    by_deficiency = pd.DataFrame(
        {
            "Учреждение": [e.organization_name for e in effects],
            "Критерий": [criterion_ru(e.criterion) for e in effects],
            "Недостаток": [e.deficiency or "" for e in effects],
            "Мера": [e.measure for e in effects],
            "Выполнено": ["да" if e.done else "нет" for e in effects],
            "Год до": [e.base_year for e in effects],
            "Балл до": [e.base_score for e in effects],
            "Год после": [e.next_year for e in effects],
            "Балл после": [e.next_score for e in effects],
            "Изменение": [e.change for e in effects],
        }
    )
    st.dataframe(by_deficiency, hide_index=True, width="stretch")
    download_buttons(by_deficiency, "nedostatki", "improvement_effect")
    pairs = by_deficiency.dropna(subset=["Балл до", "Балл после"])
    if not pairs.empty:
        long = pd.concat(
            [
                pairs.assign(Когда="до плана", Балл=pairs["Балл до"]),
                pairs.assign(Когда="после плана", Балл=pairs["Балл после"]),
            ]
        )[["Учреждение", "Критерий", "Когда", "Балл"]]
        st.altair_chart(charts.before_after_chart(long), width="stretch")
else:
    st.caption("Недостатков, отнесённых к критериям, нет.")
