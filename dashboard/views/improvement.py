"""Планы улучшения (council, supervisors): execution per institution and per deficiency,
overdue measures, and the criterion's score before and after the plan."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import charts, data, tables, urlstate
from dashboard.export import download_buttons, show_table
from dashboard.filters import region_select
from dashboard.labels import criterion_ru, ru_date

DEFICIENCY_ROWS = 5_000  # in the table; the chart counts every deficiency
today = dt.date.today()
st.title("Планы улучшения")
left, right = st.columns([1, 2])
as_of = left.date_input("На дату", urlstate.get_date("as_of") or today, format="DD.MM.YYYY", key="as_of")
region = region_select(right)
urlstate.put("as_of", as_of if as_of != today else None)

data.prefetch(
    lambda: data.improvement_by_organization(as_of, region),
    lambda: data.control_points(as_of, ("overdue",), region=region, source="improvement"),
    lambda: data.deficiency_effect(region, DEFICIENCY_ROWS),
    lambda: data.deficiency_effect_by_criterion(region),
)
execution = data.improvement_by_organization(as_of, region)
if not execution:
    st.info("Планов по устранению недостатков пока нет.")
    st.stop()
by_org = tables.improvement_table(execution)
due = by_org["Выполнено в срок"] + by_org["С опозданием"] + by_org["Просрочено"]
total_due = int(due.sum())
tiles = st.columns(3)
tiles[0].metric("Учреждений с планами", len(by_org))
tiles[1].metric(
    "Исполнено мер со сроком",
    f"{(total_due - int(by_org['Просрочено'].sum())) / total_due:.0%}" if total_due else "—",
)
tiles[2].metric("Просроченных мер", int(by_org["Просрочено"].sum()))
st.subheader("Исполнение по учреждениям")
show_table(by_org)
download_buttons(by_org, f"plany_uluchsheniya_{as_of:%Y%m%d}", "improvement_orgs")

st.subheader("Просроченные меры")
overdue = data.control_points(as_of, ("overdue",), region=region, source="improvement")
if not overdue.empty:
    late = pd.DataFrame(
        {
            "Учреждение": overdue["organization_name"].fillna(""),
            "Мера": overdue["item_title"],
            "Ответственный": overdue["executor"],
            "Срок": overdue["due_date"].map(ru_date),
            "Дней просрочки": overdue["days_overdue"],
        }
    )
    show_table(late)
    download_buttons(late, f"prosrochennye_mery_{as_of:%Y%m%d}", "improvement_overdue")
else:
    st.caption(f"На {as_of:%d.%m.%Y} просроченных мер нет.")

st.subheader("Недостатки и балл критерия до и после плана")
effects = data.deficiency_effect(region, DEFICIENCY_ROWS)
if not effects.empty:
    by_deficiency = pd.DataFrame(
        {
            "Учреждение": effects["organization_name"],
            "Критерий": effects["criterion"].map(criterion_ru),
            "Недостаток": effects["deficiency"],
            "Мера": effects["measure"],
            "Выполнено": effects["done"].map({True: "да", False: "нет"}),
            "Год до": effects["base_year"],
            "Балл до": effects["base_score"],
            "Год после": effects["next_year"],
            "Балл после": effects["next_score"],
            "Изменение": effects["change"],
        }
    )
    if len(by_deficiency) == DEFICIENCY_ROWS:
        st.caption(
            f"Показаны первые {DEFICIENCY_ROWS:,} недостатков по учреждениям; выберите регион.".replace(
                ",", " "
            )
        )
    show_table(by_deficiency)
    download_buttons(by_deficiency, "nedostatki", "improvement_effect")
    # One line per criterion and outcome (average over the institutions, counted by the
    # database), not one per deficiency: thousands of lines say nothing.
    outcomes = data.deficiency_effect_by_criterion(region)
    if outcomes:
        grouped = pd.DataFrame(
            {
                "Критерий": [criterion_ru(o.criterion) for o in outcomes],
                "Учреждение": ["меры выполнены" if o.done else "меры не выполнены" for o in outcomes],
                "до плана": [o.base_score for o in outcomes],
                "после плана": [o.next_score for o in outcomes],
            }
        )
        long = grouped.melt(id_vars=["Учреждение", "Критерий"], var_name="Когда", value_name="Балл")
        st.caption("Средний балл критерия до плана и через год, отдельно для выполненных и невыполненных мер")
        st.altair_chart(
            charts.before_after_chart(long[["Учреждение", "Критерий", "Когда", "Балл"]]), width="stretch"
        )
else:
    st.caption("Недостатков, отнесённых к критериям, нет.")
