"""Review of an extraction before it is saved: records <-> editable tables (no Streamlit here).

The documents page shows the header as a two-column table and each kind of rows as a table in
`st.data_editor`; what the person changed is folded back into a new `Extraction`, which
`docstore.ingest.ingest_file(..., extraction=)` then stores. A changed deadline text is parsed
again with the contract's grammar, so corrected text and due dates never disagree.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from typing import Any

import pandas as pd

from extract.deadlines import parse_deadline
from extract.records import (
    DOCUMENT_KINDS_RU,
    DocumentHeader,
    Extraction,
    ImprovementItem,
    Indicator,
    IndicatorValue,
    PlanItem,
    Rating,
    Scores,
    Signatory,
)

HEADER_FIELDS: dict[str, str] = {
    "kind": "Вид документа",
    "authority": "Орган",
    "region": "Регион",
    "number": "Номер",
    "date": "Дата (ДД.ММ.ГГГГ)",
    "title": "Заголовок",
    "signatory_position": "Должность подписавшего",
    "signatory_name": "Подписавший",
}
INDICATOR_COLUMNS = {
    "name": "Показатель",
    "unit": "Ед. изм.",
    "year": "Год",
    "kind": "План/факт",
    "value": "Значение",
}
VALUE_KINDS_RU = {"plan": "план", "fact": "факт"}
PLAN_COLUMNS = {"number": "№", "title": "Мероприятие", "responsible": "Исполнители", "deadline": "Срок"}
RATING_COLUMNS = {
    "organization": "Учреждение",
    "service_form": "Форма",
    "year": "Год",
    "openness": "Открытость",
    "comfort": "Комфортность",
    "accessibility": "Доступность",
    "courtesy": "Вежливость",
    "satisfaction": "Удовлетворённость",
    "total": "Итог",
}
IMPROVEMENT_COLUMNS = {
    "organization": "Учреждение",
    "deficiency": "Недостаток",
    "measure": "Мера",
    "planned": "Срок",
}


class InvalidCorrection(ValueError):
    """A corrected value that cannot be read (the message is Russian, for the page)."""


def header_frame(header: DocumentHeader) -> pd.DataFrame:
    values = {
        "kind": DOCUMENT_KINDS_RU.get(header.kind, header.kind),
        "authority": header.authority,
        "region": header.region,
        "number": header.number,
        "date": header.date.strftime("%d.%m.%Y") if header.date else None,
        "title": header.title,
        "signatory_position": header.signatory.position if header.signatory else None,
        "signatory_name": header.signatory.name if header.signatory else None,
    }
    return pd.DataFrame(
        {"Поле": list(HEADER_FIELDS.values()), "Значение": [values[k] or "" for k in HEADER_FIELDS]}
    )


def apply_header(header: DocumentHeader, frame: pd.DataFrame) -> DocumentHeader:
    values = dict(zip(HEADER_FIELDS, (_text(v) for v in frame["Значение"]), strict=True))
    kind = _kind(values["kind"])
    date = header.date
    if values["date"]:
        try:
            date = dt.datetime.strptime(values["date"], "%d.%m.%Y").date()
        except ValueError:
            raise InvalidCorrection(f"Дата «{values['date']}» не в формате ДД.ММ.ГГГГ.") from None
    else:
        date = None
    signatory = None
    if values["signatory_position"] or values["signatory_name"]:
        signatory = Signatory(position=values["signatory_position"], name=values["signatory_name"])
    return dataclasses.replace(
        header,
        kind=kind,  # type: ignore[arg-type]
        authority=values["authority"],
        region=values["region"],
        number=values["number"],
        date=date,
        title=values["title"],
        signatory=signatory,
    )


def indicator_frame(indicators: tuple[Indicator, ...]) -> pd.DataFrame:
    """One row per value (year, plan or fact) of each indicator; an indicator without values
    still gets one row, so its name and unit can be corrected and a value typed in."""
    rows = []
    for indicator in indicators:
        values = indicator.values or (None,)
        for value in values:
            rows.append(
                [
                    indicator.name,
                    indicator.unit or "",
                    value.year if value else None,
                    VALUE_KINDS_RU.get(value.kind, value.kind) if value else "",
                    value.value if value else None,
                ]
            )
    frame = pd.DataFrame(rows, columns=list(INDICATOR_COLUMNS.values()))
    frame["Год"] = frame["Год"].astype("Int64")
    frame["Значение"] = frame["Значение"].astype("float64")
    return frame


def plan_frame(items: tuple[PlanItem, ...]) -> pd.DataFrame:
    return pd.DataFrame(
        [[i.number or "", i.title, "; ".join(i.responsible), i.deadline.text or ""] for i in items],
        columns=list(PLAN_COLUMNS.values()),
    )


def rating_frame(ratings: tuple[Rating, ...]) -> pd.DataFrame:
    rows = [
        [
            r.organization,
            SERVICE_FORMS_RU.get(r.service_form or "", ""),
            r.year,
            *dataclasses.astuple(r.scores),
            r.total,
        ]
        for r in ratings
    ]
    return pd.DataFrame(rows, columns=list(RATING_COLUMNS.values()))


def improvement_frame(items: tuple[ImprovementItem, ...]) -> pd.DataFrame:
    return pd.DataFrame(
        [[i.organization or "", i.deficiency or "", i.measure, i.planned.text or ""] for i in items],
        columns=list(IMPROVEMENT_COLUMNS.values()),
    )


def apply_tables(
    extraction: Extraction,
    header: DocumentHeader,
    *,
    indicators: pd.DataFrame | None = None,
    plan: pd.DataFrame | None = None,
    ratings: pd.DataFrame | None = None,
    improvement: pd.DataFrame | None = None,
) -> Extraction:
    """The extraction with the corrected header and rows (rows edited in place, same count)."""
    period, date = header.period, header.date
    indicator_rows = extraction.indicators
    if indicators is not None:
        indicator_rows = _apply_indicators(extraction.indicators, indicators)
    plan_items = extraction.plan_items
    if plan is not None:
        plan_items = tuple(
            dataclasses.replace(
                item,
                number=_text(row[0]),
                title=_text(row[1]) or item.title,
                responsible=tuple(p.strip() for p in (_text(row[2]) or "").split(";") if p.strip()),
                deadline=_deadline(item.deadline, _text(row[3]), period, date),
            )
            for item, row in zip(extraction.plan_items, plan.itertuples(index=False), strict=False)
        )
    rating_rows = extraction.ratings
    if ratings is not None:
        rating_rows = tuple(
            dataclasses.replace(
                rating,
                organization=_text(row[0]) or rating.organization,
                service_form=_service_form(_text(row[1])),  # type: ignore[arg-type]
                year=_int(row[2]),
                scores=Scores(*(_float(v) for v in row[3:8])),
                total=_float(row[8]),
            )
            for rating, row in zip(extraction.ratings, ratings.itertuples(index=False), strict=False)
        )
    improvement_items = extraction.improvement_items
    if improvement is not None:
        improvement_items = tuple(
            dataclasses.replace(
                item,
                organization=_text(row[0]),
                deficiency=_text(row[1]),
                measure=_text(row[2]) or item.measure,
                planned=_deadline(item.planned, _text(row[3]), period, date),
            )
            for item, row in zip(
                extraction.improvement_items, improvement.itertuples(index=False), strict=False
            )
        )
    return dataclasses.replace(
        extraction,
        document=header,
        indicators=indicator_rows,
        plan_items=plan_items,
        ratings=rating_rows,
        improvement_items=improvement_items,
    )


def _apply_indicators(indicators: tuple[Indicator, ...], frame: pd.DataFrame) -> tuple[Indicator, ...]:
    """Fold the rows of `indicator_frame` back: each indicator owns as many rows as it showed.

    A name or unit changed in any of an indicator's rows is taken; a row whose year, kind and
    value are all empty is dropped (a value removed)."""
    rows = list(frame.itertuples(index=False))
    corrected = []
    start = 0
    for indicator in indicators:
        own = rows[start : start + max(1, len(indicator.values))]
        start += len(own)
        if not own:
            corrected.append(indicator)
            continue
        name = _first_change(indicator.name, [_text(row[0]) for row in own]) or indicator.name
        unit = _first_change(indicator.unit, [_text(row[1]) for row in own])
        values = tuple(
            _indicator_value(name, row) for row in own if any(_text(v) is not None for v in row[2:5])
        )
        corrected.append(dataclasses.replace(indicator, name=name, unit=unit, values=values))
    return tuple(corrected)


def _indicator_value(name: str, row: Any) -> IndicatorValue:
    year = _int(row[2])
    if year is None:
        raise InvalidCorrection(f"Показатель «{name[:80]}»: не указан год значения.")
    kind_text = (_text(row[3]) or "").casefold()
    kind = {**{t: c for c, t in VALUE_KINDS_RU.items()}, **{c: c for c in VALUE_KINDS_RU}}.get(kind_text)
    if kind is None:
        raise InvalidCorrection(
            f"Показатель «{name[:80]}», {year} год: укажите «план» или «факт» вместо «{_text(row[3]) or ''}»."
        )
    return IndicatorValue(year=year, kind=kind, value=_float(row[4]))  # type: ignore[arg-type]


def _first_change(old: str | None, texts: list[str | None]) -> str | None:
    """The first of `texts` that differs from `old` (what the person typed), else `old`."""
    return next((text for text in texts if text != (old or None)), old)


SERVICE_FORMS_RU = {"stationary": "стационарная", "semi_stationary": "полустационарная", "home": "на дому"}


def _service_form(value: str | None) -> str | None:
    if not value:
        return None
    by_title = {title: code for code, title in SERVICE_FORMS_RU.items()}
    code = value if value in SERVICE_FORMS_RU else by_title.get(value.casefold())
    if code is None:
        raise InvalidCorrection(
            f"Неизвестная форма обслуживания «{value}». Допустимы: {', '.join(SERVICE_FORMS_RU.values())}."
        )
    return code


def _kind(value: str | None) -> str:
    """A kind typed in Russian (as shown) or as its code; anything else is refused."""
    if not value:
        return "other"
    by_title = {title.casefold(): code for code, title in DOCUMENT_KINDS_RU.items()}
    code = value if value in DOCUMENT_KINDS_RU else by_title.get(value.casefold())
    if code is None:
        raise InvalidCorrection(
            f"Неизвестный вид документа «{value}». Допустимы: {', '.join(DOCUMENT_KINDS_RU.values())}."
        )
    return code


def _deadline(old: Any, text: str | None, period: Any, date: dt.date | None) -> Any:
    if (text or None) == (old.text or None):
        return old
    return parse_deadline(text, period=period, document_date=date)


def _text(value: Any) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def _float(value: Any) -> float | None:
    text = _text(value)
    if text is None:
        return None
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise InvalidCorrection(f"«{text}» — не число.") from None


def _int(value: Any) -> int | None:
    number = _float(value)
    return int(number) if number is not None else None
