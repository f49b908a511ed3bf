"""The app's tables as DataFrames with Russian column names, one builder per table, built from
`db.queries` rows. The pages draw and download them; `nok export` writes the very same tables.
No Streamlit here, so the command line never imports it."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from assessment.compare import SCORES, SCORES_RU, Check
from assessment.compare import STATUS_RU as CHECK_STATUS_RU
from dashboard.labels import COLUMNS_RU, SIGNED_COPY_RU, form_ru, ru_date
from db.models import CRITERIA
from db.queries.control import STATUS_RU, OrganizationExecution
from db.queries.documents import DocumentRow
from db.queries.indicators import LIGHT_RU, IndicatorProgress
from db.queries.ratings import RatingRow, dense_ranks
from docstore.workflow import STATE_TITLES_RU
from extract.records import DOCUMENT_KINDS_RU

RATING_COLUMNS = [
    "place",
    "organization_name",
    "organization_id",
    "region",
    "service_form",
    *CRITERIA,
    "total",
]


def ratings_table(rows: Sequence[RatingRow]) -> pd.DataFrame:
    """Ratings of one year, best first, with places (equal totals share one)."""
    frame = pd.DataFrame(rows, columns=RatingRow._fields)
    frame["place"] = dense_ranks(frame["total"].tolist())
    frame["service_form"] = frame["service_form"].map(form_ru)
    return frame[RATING_COLUMNS].rename(columns=COLUMNS_RU)


def indicators_table(progress: Sequence[IndicatorProgress]) -> pd.DataFrame:
    """Per target indicator: the latest fact against its target, with the traffic light."""
    return pd.DataFrame(
        {
            "Показатель": [p.name for p in progress],
            "Ед. изм.": [p.unit or "" for p in progress],
            "Год": [p.year for p in progress],
            "План": pd.to_numeric(pd.Series([p.plan for p in progress], dtype="float64")),
            "Факт": pd.to_numeric(pd.Series([p.fact for p in progress], dtype="float64")),
            "Выполнение, %": pd.Series(
                [round(p.progress * 100, 1) if p.progress is not None else None for p in progress],
                dtype="float64",
            ),
            "Статус": [LIGHT_RU[p.light] for p in progress],
        }
    )


def improvement_table(execution: Sequence[OrganizationExecution]) -> pd.DataFrame:
    """Improvement-plan execution per institution; the share counts measures already due."""
    table = pd.DataFrame(
        {
            "Учреждение": [e.organization_name for e in execution],
            "Выполнено в срок": [e.done for e in execution],
            "С опозданием": [e.done_late for e in execution],
            "Просрочено": [e.overdue for e in execution],
            "Срок наступает": [e.due_soon for e in execution],
            "Срок не наступил": [e.not_yet_due for e in execution],
        }
    )
    done = table["Выполнено в срок"] + table["С опозданием"]
    due = done + table["Просрочено"]
    table["Исполнение, %"] = (100 * done / due.where(due > 0)).round(1)
    return table


def control_table(points: pd.DataFrame) -> pd.DataFrame:
    """Control points (a frame with `db.queries.control.ROW_FIELDS` columns) and their status."""
    return pd.DataFrame(
        {
            "№ точки": points["control_point_id"],
            "Срок": points["due_date"].map(ru_date),
            "Статус": points["status"].map(STATUS_RU),
            "Дней просрочки": points["days_overdue"].astype("Int64"),  # whole days, blank if none
            "Мероприятие": points["item_title"],
            "Исполнитель": points["executor"],
            "Документ": points["document_title"].fillna(""),
            "Учреждение": points["organization_name"].fillna(""),
            "Выполнено": points["done_date"].map(ru_date),
        }
    )


def documents_table(rows: Sequence[DocumentRow]) -> pd.DataFrame:
    """The document registry: kind, number, date, whether a signed copy (a scan with a seal and a
    signature) is among its versions, title, body, workflow state, versions."""
    return pd.DataFrame(
        {
            "№": [r.id for r in rows],
            "Вид": [DOCUMENT_KINDS_RU.get(r.kind, r.kind) for r in rows],
            "Номер": [r.number or "" for r in rows],
            "Дата": [ru_date(r.date) for r in rows],
            "Подписанный экземпляр": [SIGNED_COPY_RU[r.signed] for r in rows],
            "Заголовок": [r.title or "" for r in rows],
            "Орган": [r.authority_name or "" for r in rows],
            "Состояние": [STATE_TITLES_RU.get(r.state, r.state) for r in rows],
            "Версий": [r.versions for r in rows],
        }
    )


def rating_check_table(check: Check) -> pd.DataFrame:
    """The council's check: per institution of the operator's file, each criterion and the total
    by the method beside the stored rating («К1 по методике», «К1 в рейтинге» …), and what differs."""
    columns: dict[str, list[object]] = {
        "Строка": [i.row for i in check.institutions],
        "Учреждение": [i.institution or "—" for i in check.institutions],
        "Форма обслуживания": [form_ru(i.service_form) for i in check.institutions],
        "Результат": [CHECK_STATUS_RU[i.status] for i in check.institutions],
    }
    for what in SCORES:
        columns[f"{SCORES_RU[what]} по методике"] = [_float(i.scores.get(what)) for i in check.institutions]
        if check.year is not None:
            columns[f"{SCORES_RU[what]} в рейтинге"] = [
                _float(i.stored.scores.get(what)) if i.stored else None for i in check.institutions
            ]
    columns["Расхождения и ошибки"] = [
        "; ".join([*i.problems, *(d.line_ru for d in i.differences)]) for i in check.institutions
    ]
    frame = pd.DataFrame(columns)
    for column in frame.columns:
        if column.endswith(("по методике", "в рейтинге")):
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    return frame


def _float(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]
