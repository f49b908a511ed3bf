"""«Рейтинги», the council's check of the operator's arithmetic.

The council (or an admin) uploads the operator's raw figures; `docstore.rating_check` keeps the
file as a document and stores its check: every institution recomputed by the method of приказ
№ 344н and put beside the published rating of the year. This section draws the stored checks:
a table with the computed and stored values side by side (differences highlighted), and each
institution's computation step by step. Writes go through docstore, which checks the role again.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from assessment.compare import SCORES_RU, STATUS_RU, Check, InstitutionCheck
from assessment.method import CRITERIA_RU, shown
from assessment.raw import XLSX_MIME, template_xlsx
from dashboard import data, urlstate
from dashboard.export import download_buttons, ru_number
from dashboard.flash import flash
from dashboard.flash import show as show_flash
from dashboard.labels import form_ru
from dashboard.signin import SignedIn, acting_user
from dashboard.tables import rating_check_table
from db.engine import get_engine
from docstore.rating_check import OperatorDataResult, store_operator_data

FLASH = "rating_check"
CHECKERS = frozenset({"council", "admin"})
"""Who uploads the operator's figures (docstore's `VERIFY_RATINGS`); the others only read checks."""
HIGHLIGHT = "background-color: #f8d7da; color: #842029"
INVALID = "background-color: #fff3cd; color: #664d03"
UPLOADER_CSS = """<style>
.st-key-operator_upload [data-testid="stFileUploaderDropzoneInstructions"] span::after {
  content: "или перетащите сюда: XLSX, до 50 МБ"; font-size: 0.875rem; }
</style>"""


def section(user: SignedIn, years: list[int]) -> None:
    """The upload (for the council and admins) and the stored checks, the chosen one drawn."""
    st.subheader("Проверка расчёта оператора")
    st.caption(
        "Исходные данные организации-оператора (XLSX: строка — учреждение, столбцы — обозначения "
        "приказа Минтруда России от 31.05.2018 № 344н: Истенд, Инорм-стенд, …, Ууд) пересчитываются по "
        "единому порядку: показатели, критерии К1–К5 и итоговый балл без промежуточного округления. "
        "Результат сравнивается с опубликованным рейтингом года; расхождение больше 0,01 выделено."
    )
    show_flash(FLASH)
    if user.roles & CHECKERS:
        _upload(user, years)
    checks = data.rating_checks_list()
    if not checks:
        st.info("Проверок пока не было: загрузите исходные данные оператора.")
        return
    labels = {
        c.id: (
            f"№ {c.id} от {c.checked_at:%d.%m.%Y %H:%M} — {c.filename} (версия {c.version_no}), "
            f"{c.year or 'без сравнения'}: совпало {c.matching} из {c.institutions}"
            + (f", расхождений {c.differing}" if c.differing else "")
            + (f", ошибок в данных {c.invalid}" if c.invalid else "")
        )
        for c in checks
    }
    options = list(labels)
    chosen = st.selectbox(
        "Проверка",
        options,
        index=urlstate.index_of(options, urlstate.get_int("check")),
        format_func=labels.get,
        key="check",
    )
    urlstate.put("check", chosen)
    result = data.rating_check_result(chosen)
    if result is None:
        st.warning("Проверка не найдена.")
        return
    row = next(c for c in checks if c.id == chosen)
    st.caption(f"Файл — документ № {row.document_id}, проверил: {row.checked_by or 'система'}.")
    show_check(Check.from_json(result), f"proverka_{chosen}")


def _upload(user: SignedIn, years: list[int]) -> None:
    with st.container(key="operator_upload"):
        st.html(UPLOADER_CSS)
        left, right = st.columns([3, 1])
        file = left.file_uploader("Исходные данные оператора (XLSX)", type=["xlsx"], key="operator_file")
        choices = years or [None]
        year = right.selectbox(
            "Сравнить с рейтингом года",
            choices,
            format_func=lambda y: "нет опубликованных рейтингов" if y is None else str(y),
            key="check_year",
        )
        right.download_button(
            "Шаблон XLSX",
            template_xlsx,
            file_name="shablon_iskhodnykh_dannykh_344n.xlsx",
            mime=XLSX_MIME,
            key="check_template",
        )
        pressed = st.button(
            "Проверить и сохранить", key="check_submit", disabled=file is None or year is None
        )
    if not pressed or file is None or year is None:
        return
    with st.spinner("Пересчёт по приказу № 344н…"):
        outcome = store_operator_data(
            get_engine(), file.getvalue(), file.name, user=acting_user(user), year=year
        )
    if outcome.check is None or outcome.check_id is None:
        st.error(f"{file.name}: не проверено. {outcome.ingest.message}")
        return
    data.invalidate()
    urlstate.put("check", outcome.check_id)
    flash("success", _stored_message(outcome), FLASH)
    st.rerun()


def _stored_message(outcome: OperatorDataResult) -> str:
    ingest, check = outcome.ingest, outcome.check
    assert check is not None
    where = {
        "new": f"сохранён как документ № {ingest.document_id}",
        "new_version": f"сохранён как версия {ingest.version_no} документа № {ingest.document_id}",
        "duplicate": f"уже был сохранён (документ № {ingest.document_id}), проверен заново",
    }.get(ingest.status, "сохранён")
    return f"{ingest.filename}: {where}. {check.summary_ru}"


def show_check(check: Check, name: str) -> None:
    """Counts, the side-by-side table (differences highlighted) and each institution's steps."""
    columns = st.columns(4)
    columns[0].metric("Учреждений", len(check.institutions))
    columns[1].metric("Совпадает", check.count("matches") if check.year else "—")
    columns[2].metric("Расхождений", check.count("differs", "unmatched") if check.year else "—")
    columns[3].metric("Ошибок в данных", check.count("invalid"))
    if check.missing_columns:
        st.warning("В файле нет столбцов: " + ", ".join(check.missing_columns) + ".")
    if check.year is not None:
        st.caption(f"Сравнение с опубликованным рейтингом за {check.year} год.")
    table = rating_check_table(check)
    st.dataframe(_highlighted(table, check), hide_index=True, width="stretch", key=f"{name}_table")
    download_buttons(table, name, "check_table")
    st.markdown("**Расчёт по учреждениям**")
    ordered = sorted(check.institutions, key=lambda i: (i.ok, i.row))
    for institution in ordered:
        form = f" ({form_ru(institution.service_form)})" if institution.service_form else ""
        title = (
            f"{institution.institution or 'учреждение не указано'}{form} — {STATUS_RU[institution.status]}"
        )
        with st.expander(title, expanded=not institution.ok and len(ordered) <= 50):
            computation(institution)


def computation(institution: InstitutionCheck) -> None:
    """One institution's card: what is wrong, then the computation line by line."""
    for problem in institution.problems:
        st.error(problem)
    for difference in institution.differences:
        st.error(difference.line_ru)
    if institution.compared and institution.stored is None and not institution.problems:
        st.warning(
            "В опубликованном рейтинге года учреждение не найдено (по наименованию и форме обслуживания)."
        )
    if not institution.steps:
        return
    lines = []
    for step in institution.steps:
        if step.symbol in CRITERIA_RU:
            lines.append(f"**{step.line_ru}** — {CRITERIA_RU[step.symbol].lower()} ({step.clause})")
        elif step.symbol == "S":
            lines.append(f"**{step.line_ru}** — итоговый балл ({step.clause})")
        else:
            lines.append(f"{step.line_ru} — {step.clause}")
    st.markdown("\n".join(f"- {line}" for line in lines))
    st.caption(
        "Промежуточные значения показаны округлёнными до сотых; расчёт ведётся без округления, "
        "округляется только результат."
    )
    stored = institution.stored
    if stored is not None:
        scores = " · ".join(f"{SCORES_RU[w]} {_shown(stored.scores.get(w))}" for w in stored.scores)
        st.caption(f"В рейтинге («{stored.institution}», документ № {stored.document_id}): {scores}.")


def _shown(value: object) -> str:
    return "—" if value is None else shown(value)  # type: ignore[arg-type]


def _highlighted(table: pd.DataFrame, check: Check):  # type: ignore[no-untyped-def]
    """The table with Russian numbers, the stored values that differ and the rows not computed
    highlighted."""
    shown_frame = table.copy()
    for column in shown_frame.columns:
        if column.endswith(("по методике", "в рейтинге")):
            shown_frame[column] = shown_frame[column].map(ru_number)
    differing = [{SCORES_RU[d.what] for d in i.differences} for i in check.institutions]
    unmatched = [i.status == "unmatched" for i in check.institutions]
    invalid = [i.status == "invalid" for i in check.institutions]

    def style(index: int, column: str) -> str:
        if invalid[index]:
            return INVALID if column in ("Результат", "Расхождения и ошибки") else ""
        if column == "Результат":
            return HIGHLIGHT if differing[index] or unmatched[index] else ""
        if column.endswith(" в рейтинге"):
            wrong = unmatched[index] or column.removesuffix(" в рейтинге") in differing[index]
            return HIGHLIGHT if wrong else ""
        return ""

    def colour(row: pd.Series) -> list[str]:
        return [style(int(row.name), column) for column in row.index]  # type: ignore[arg-type]

    return shown_frame.style.apply(colour, axis=1)
