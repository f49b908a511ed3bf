"""Главная: what is in the database, and what a new user should do first."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard.data import overview

st.title("Независимая оценка качества: мониторинг")
today = dt.date.today()
counts = overview(today)

if counts.is_empty:
    st.info(
        "База данных пуста. Загрузите подписанные документы (приказы, протоколы, планы, рейтинги) "
        "в разделе «Документы» или загрузите демонстрационный набор командой `nok demo`."
    )

columns = st.columns(4)
columns[0].metric("Документы", f"{counts.documents:,}".replace(",", " "))
columns[1].metric("Учреждения", f"{counts.organizations:,}".replace(",", " "))
columns[2].metric("Оценки (рейтинги)", f"{counts.ratings:,}".replace(",", " "))
columns[3].metric("Просроченные контрольные точки", f"{counts.overdue_control_points:,}".replace(",", " "))
st.caption(f"Данные на {today:%d.%m.%Y}.")
