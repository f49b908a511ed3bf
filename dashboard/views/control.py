"""Контроль сроков (supervisors): overdue and due-soon control points, a plan's timeline,
compliance by executor, and closing a point with its evidence (role-gated)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st
from sqlmodel import Session

from dashboard import charts, control_actions, data, flash, tables, urlstate
from dashboard.export import download_buttons, show_table
from dashboard.filters import region_select
from dashboard.labels import ru_date
from dashboard.signin import acting_user, current_user
from db.engine import get_engine
from db.queries.control import STATUS_RU, STATUSES
from docstore.control import mark_done
from docstore.errors import DocstoreError
from docstore.roles import ATTACH_EVIDENCE, MARK_DONE, has_permission

today = dt.date.today()
st.title("Контроль сроков")
signed_in = current_user()
flash.show(control_actions.FLASH)
with Session(get_engine()) as session:
    user = acting_user(signed_in)
    may_mark = user is not None and has_permission(session, user, MARK_DONE)
    may_confirm = user is not None and has_permission(session, user, ATTACH_EVIDENCE)

row1 = st.columns(3)
as_of = row1[0].date_input("На дату", urlstate.get_date("as_of") or today, format="DD.MM.YYYY", key="as_of")
statuses = ["просроченные и наступающие", *STATUSES, "все"]
status_choice = row1[1].selectbox(
    "Статус",
    statuses,
    index=urlstate.index_of(statuses, urlstate.get_str("status")),
    format_func=lambda s: STATUS_RU.get(s, s),
    placeholder="Выберите статус",
    key="status",
)
within = row1[2].number_input(
    "«Срок наступает» — дней до срока", 0, 365, urlstate.get_int("within") or 14, key="within"
)
row2 = st.columns(4)
region = region_select(row2[0])
executor = row2[1].text_input(
    "Исполнитель (часть названия)", urlstate.get_str("executor") or "", key="executor"
)
authorities = data.authorities(region)
authority_ids = [None, *authorities]
authority_id = row2[2].selectbox(
    "Орган",
    authority_ids,
    index=urlstate.index_of(authority_ids, urlstate.get_int("authority")),
    format_func=lambda i: "все органы" if i is None else authorities[i],
    placeholder="Выберите орган",
    key="authority",
)
plans = data.plans(region)
plan_ids = [None, *plans]
plan_id = row2[3].selectbox(
    "План",
    plan_ids,
    index=urlstate.index_of(plan_ids, urlstate.get_int("plan")),
    format_func=lambda i: "все планы" if i is None else plans[i],
    placeholder="Выберите план",
    key="plan",
)
urlstate.put("as_of", as_of if as_of != today else None)
urlstate.put("status", status_choice if status_choice != statuses[0] else None)
urlstate.put("within", within if within != 14 else None)
urlstate.put("executor", executor.strip())
urlstate.put("authority", authority_id)
urlstate.put("plan", plan_id)

filters = {
    "within_days": int(within),
    "executor": executor.strip() or None,
    "authority_id": authority_id,
    "document_id": plan_id,
    "region": region,
}
# Only the points listed are read (the tiles are counted by the database); a plan's timeline
# needs all of its points, and one plan's are few.
wanted = {statuses[0]: ("overdue", "due_soon"), "все": ()}.get(status_choice, (status_choice,))
listed = () if plan_id is not None else wanted
data.prefetch(
    lambda: data.control_status_counts(as_of, **filters),
    lambda: data.control_points(as_of, listed, **filters),
    lambda: data.compliance_by_executor(as_of, authority_id, region),
)
counts = data.control_status_counts(as_of, **filters)
if not any(counts.values()):
    st.info("Контрольных точек нет: они появятся после загрузки планов со сроками.")
    if may_mark:
        control_actions.events_section(user)  # type: ignore[arg-type]
    st.stop()
tiles = st.columns(4)
tiles[0].metric("Просрочено", counts["overdue"])
tiles[1].metric("Срок наступает", counts["due_soon"])
tiles[2].metric("Выполнено в срок", counts["done_on_time"])
tiles[3].metric("Выполнено с опозданием", counts["done_late"])

frame = data.control_points(as_of, listed, **filters)
shown = frame[frame["status"].isin(wanted)] if wanted and plan_id is not None else frame
table = tables.control_table(shown)
st.subheader(f"Контрольные точки: {len(table)}")
show_table(table, height=320)
download_buttons(table, f"kontrol_srokov_{as_of:%Y%m%d}", "control")

if plan_id is not None:
    st.subheader("График плана")
    plan_rows = frame[frame["document_id"] == plan_id]
    gantt = pd.DataFrame(
        {
            "Мероприятие": (plan_rows["item_number"].fillna("") + " " + plan_rows["item_title"]).str.slice(
                0, 80
            ),
            "Начало": pd.to_datetime(plan_rows["document_date"].fillna(plan_rows["due_date"])),
            "Срок": pd.to_datetime(plan_rows["due_date"]),
            "Статус": plan_rows["status"].map(STATUS_RU),
        }
    )
    st.altair_chart(charts.gantt_chart(gantt), width="stretch")

st.subheader("Соблюдение сроков по исполнителям")
compliance = data.compliance_by_executor(as_of, authority_id, region)
if compliance:
    by_executor = pd.DataFrame(
        {
            "Исполнитель": [c.label for c in compliance],
            "В срок": [c.on_time for c in compliance],
            "С опозданием": [c.late for c in compliance],
            "Просрочено": [c.overdue for c in compliance],
            "Срок наступает": [c.due_soon for c in compliance],
            "Доля в срок, %": [
                round(c.share_on_time * 100, 1) if c.share_on_time is not None else None for c in compliance
            ],
        }
    )
    stacked = by_executor.melt(
        id_vars=["Исполнитель"],
        value_vars=["В срок", "С опозданием", "Просрочено"],
        var_name="s",
        value_name="Точек",
    )
    stacked["Статус"] = stacked["s"].map(
        {
            "В срок": STATUS_RU["done_on_time"],
            "С опозданием": STATUS_RU["done_late"],
            "Просрочено": STATUS_RU["overdue"],
        }
    )
    worst = by_executor.sort_values(["Просрочено", "С опозданием"], ascending=False)["Исполнитель"].head(25)
    st.caption("Исполнители с наибольшим числом просроченных и несвоевременно выполненных точек (до 25)")
    stacked = stacked[(stacked["Точек"] > 0) & stacked["Исполнитель"].isin(worst)]
    st.altair_chart(charts.compliance_chart(stacked), width="stretch")
    show_table(by_executor)
    download_buttons(by_executor, f"ispolniteli_{as_of:%Y%m%d}", "compliance")

MAX_CHOICES = 500
open_points = shown[shown["done_date"].isna()].head(MAX_CHOICES)
if may_confirm:
    control_actions.proposals_section(user, authority_id)  # type: ignore[arg-type]
if may_mark:
    control_actions.events_section(user)  # type: ignore[arg-type]
if may_mark and not open_points.empty:
    st.subheader("Отметить выполнение")
    st.caption(f"Открытые точки из списка выше (первые {MAX_CHOICES}); сузьте список фильтрами.")
    labels = {
        int(r.control_point_id): f"№ {r.control_point_id}: {r.item_title[:90]} (срок {ru_date(r.due_date)})"
        for r in open_points.itertuples()
    }
    with st.form("mark_done"):
        point_id = st.selectbox(
            "Контрольная точка", list(labels), format_func=lambda i: labels[i], key="point"
        )
        done_on = st.date_input("Дата выполнения", as_of, format="DD.MM.YYYY", key="done_on")
        comment = st.text_area("Комментарий", key="done_comment")
        evidence = control_actions.document_choice("Документ-подтверждение", "evidence", region)
        submitted = st.form_submit_button("Отметить выполненной")
    if submitted:
        try:
            with Session(get_engine()) as session:
                mark_done(
                    session,
                    acting_user(signed_in),
                    int(point_id),
                    done_on=done_on,
                    comment=comment or None,
                    evidence_document_id=evidence,
                )
                session.commit()
        except DocstoreError as error:
            st.error(error.message)
        else:
            data.invalidate()
            flash.flash(
                "success",
                f"Контрольная точка № {point_id} отмечена выполненной {done_on:%d.%m.%Y}.",
                control_actions.FLASH,
            )
            st.rerun()
