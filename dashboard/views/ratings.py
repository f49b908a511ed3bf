"""Рейтинги (council): compare institutions by year, region and service form; open a card; check
the operator's arithmetic (the «Проверка расчёта оператора» view, `dashboard.rating_check`)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessment.compare import STATUS_RU, Check
from dashboard import charts, data, rating_check, tables, urlstate
from dashboard.export import download_buttons, show_table
from dashboard.labels import COLUMNS_RU, CRITERIA_SHORT_RU, form_ru, ru_date
from dashboard.signin import current_user
from db.models import CRITERIA
from db.queries.ratings import RatingRow
from docstore.metadata import DOCUMENT_KINDS_RU

CHART_ROWS = 50
st.title("Рейтинги учреждений")
filters = data.rating_filters()
VIEWS = {"ratings": "Рейтинг", "check": "Проверка расчёта оператора"}
views = list(VIEWS)
view = st.radio(
    "Раздел",
    views,
    index=urlstate.index_of(views, urlstate.get_str("view")),
    format_func=VIEWS.get,
    horizontal=True,
    label_visibility="collapsed",
    key="view",
)
urlstate.put("view", None if view == "ratings" else view)
if view == "check":
    user = current_user()
    assert user is not None  # the app shows its pages to signed-in users only
    rating_check.section(user, filters.years)
    st.stop()
if not filters.years:
    st.info("Нет опубликованных рейтингов. Они появятся после публикации результатов НОК.")
    st.stop()

left, middle, right = st.columns(3)
year = left.selectbox(
    "Год", filters.years, index=urlstate.index_of(filters.years, urlstate.get_int("year")), key="year"
)
regions = ["все регионы", *filters.regions]
region_choice = middle.selectbox(
    "Регион", regions, index=urlstate.index_of(regions, urlstate.get_str("region")), key="region"
)
forms = ["все формы", *filters.service_forms]
form_choice = right.selectbox(
    "Форма обслуживания",
    forms,
    index=urlstate.index_of(forms, urlstate.get_str("form")),
    format_func=lambda code: code if code == "все формы" else form_ru(code),
    key="form",
)
region = None if region_choice == "все регионы" else region_choice
service_form = None if form_choice == "все формы" else form_choice
urlstate.put("year", year)
urlstate.put("region", region)
urlstate.put("form", service_form)

rows = data.rating_rows(year, region, service_form)
if not rows:
    st.warning("Для выбранных условий оценок нет.")
    st.stop()
frame = pd.DataFrame(rows, columns=RatingRow._fields)
frame["service_form"] = frame["service_form"].map(form_ru)
ties = int(frame.duplicated("total", keep=False).sum())
missing = int(frame[list(CRITERIA)].isna().any(axis=1).sum())

table = tables.ratings_table(rows)
st.subheader(f"Итоговые баллы, {year} год: {len(frame)} оценок")
notes = []
if ties:
    notes.append(f"равные баллы у {ties} оценок: они делят место")
if missing:
    notes.append(f"у {missing} оценок не все критерии указаны (пустые клетки, не нули)")
if notes:
    st.caption("Обратите внимание: " + "; ".join(notes) + ".")
# A chart of thousands of bars says nothing: past CHART_ROWS it shows the best and the worst.
all_charted = len(table) <= CHART_ROWS
if not all_charted:
    st.caption(f"На диаграммах — {CHART_ROWS // 2} лучших и {CHART_ROWS // 2} худших; все оценки в таблице.")
chart_frame = table if all_charted else pd.concat([table.head(CHART_ROWS // 2), table.tail(CHART_ROWS // 2)])
chart_frame = chart_frame.assign(
    Учреждение=chart_frame["Учреждение"] + " — " + chart_frame["Форма обслуживания"]
)
event = st.altair_chart(charts.ranking_chart(chart_frame), width="stretch", on_select="rerun", key="ranking")
show_table(table)
download_buttons(table, f"reyting_{year}", "ratings")

st.subheader("Критерии по учреждениям")
heat = (frame if all_charted else pd.concat([frame.head(CHART_ROWS // 2), frame.tail(CHART_ROWS // 2)])).melt(
    id_vars=["organization_name", "service_form"],
    value_vars=list(CRITERIA),
    var_name="criterion",
    value_name="Балл",
)
heat["Учреждение"] = heat["organization_name"] + " — " + heat["service_form"]
heat["Критерий"] = heat["criterion"].map(CRITERIA_SHORT_RU)
st.altair_chart(charts.criteria_heatmap(heat[["Учреждение", "Критерий", "Балл"]]), width="stretch")

st.subheader("Распределение итоговых баллов")
st.altair_chart(charts.distribution_chart(table[["Итоговый балл"]].dropna()), width="stretch")

st.subheader("Сравнение учреждений")
names = dict(zip(frame["organization_id"], frame["organization_name"], strict=False))
chosen_ids = [i for i in urlstate.get_ints("org") if i in names][:6]
chosen = st.multiselect(
    "Выберите от 2 до 6 учреждений",
    list(names),
    default=chosen_ids,
    format_func=lambda i: names[i],
    max_selections=6,
    placeholder="Выберите учреждения",
    key="compare",
)
urlstate.put("org", chosen)
if len(chosen) >= 2:
    profile = frame[frame["organization_id"].isin(chosen)].melt(
        id_vars=["organization_name"], value_vars=list(CRITERIA), var_name="criterion", value_name="Балл"
    )
    profile = profile.groupby(["organization_name", "criterion"], as_index=False)["Балл"].mean()
    profile["Критерий"] = profile["criterion"].map(CRITERIA_SHORT_RU)
    profile = profile.rename(columns={"organization_name": "Учреждение"})
    st.altair_chart(charts.profile_chart(profile[["Учреждение", "Критерий", "Балл"]]))
    history = pd.DataFrame(
        data.rating_rows(None, region, service_form, tuple(chosen)), columns=RatingRow._fields
    )
    trend = history.groupby(["organization_name", "year"], as_index=False)["total"].mean()
    trend = trend.rename(columns={"organization_name": "Учреждение", "year": "Год", "total": "Итоговый балл"})
    st.caption("Динамика итогового балла по годам (среднее по формам обслуживания)")
    st.altair_chart(charts.trend_chart(trend), width="stretch")
    compare_table = trend.pivot(index="Учреждение", columns="Год", values="Итоговый балл").reset_index()
    compare_table.columns = [str(c) for c in compare_table.columns]
    show_table(compare_table)
    download_buttons(compare_table, "sravnenie", "compare")
else:
    st.caption("Выберите хотя бы два учреждения, чтобы сравнить их профили и динамику.")

st.subheader("Карточка учреждения")
selected = None
selection = (event or {}).get("selection", {}) if isinstance(event, dict) else getattr(event, "selection", {})
points = (selection or {}).get("institution") or []
if points:
    selected = points[0].get("Код учреждения")
card_options = list(names)
card_id = st.selectbox(
    "Учреждение",
    card_options,
    index=urlstate.index_of(card_options, selected or urlstate.get_int("card")),
    format_func=lambda i: names[i],
    key="card",
)
urlstate.put("card", card_id)
card = data.organization_card(card_id)
if card is not None:
    organization = card.organization
    st.markdown(f"**{organization.name}** · {organization.region or 'регион не указан'}")
    history = pd.DataFrame(card.ratings, columns=RatingRow._fields)
    if not history.empty:
        history["service_form"] = history["service_form"].map(form_ru)
        history = history[["year", "service_form", *CRITERIA, "total"]].rename(columns=COLUMNS_RU)
        show_table(history)
        download_buttons(history, f"uchrezhdenie_{card_id}", "card_ratings")
    latest = data.latest_check_result(year)
    checked = None
    if latest is not None:
        institutions = Check.from_json(latest[1]).institutions
        checked = next((i for i in institutions if i.stored and i.stored.organization_id == card_id), None)
    if latest is not None and checked is not None:
        title = f"Расчёт по исходным данным оператора, {year} год (проверка № {latest[0]}): "
        with st.expander(title + STATUS_RU[checked.status]):
            rating_check.computation(checked)
    if card.improvement:
        measures = pd.DataFrame(
            {
                "Критерий": [CRITERIA_SHORT_RU.get(m.criterion or "", "—") for m in card.improvement],
                "Недостаток": [m.deficiency or "" for m in card.improvement],
                "Мера": [m.measure for m in card.improvement],
                "Срок": [m.planned_text or "" for m in card.improvement],
                "Ответственный": [m.responsible_name or "" for m in card.improvement],
                "Выполнено точек": [f"{m.done_points} из {m.points}" for m in card.improvement],
            }
        )
        st.markdown("**План по устранению недостатков**")
        show_table(measures)
        download_buttons(measures, f"plan_uluchsheniya_{card_id}", "card_plan")
    else:
        st.caption("Плана по устранению недостатков для этого учреждения нет.")
    if card.documents:
        st.markdown("**Документы**")
        docs = pd.DataFrame(
            {
                "№": [d.document_id for d in card.documents],
                "Вид": [DOCUMENT_KINDS_RU.get(d.kind, d.kind) for d in card.documents],
                "Номер": [d.number or "" for d in card.documents],
                "Дата": [ru_date(d.date) for d in card.documents],
                "Заголовок": [d.title or "" for d in card.documents],
            }
        )
        show_table(docs)
