"""Review of an extraction before it is saved: records <-> editable tables (no Streamlit here).

The documents page shows the header as a two-column table and each kind of rows as a table in
`st.data_editor`; what the person changed is folded back into a new `Extraction`, which
`docstore.ingest.ingest_file(..., extraction=)` then stores. A changed deadline text is parsed
again with the contract's grammar, so corrected text and due dates never disagree.

For a copy read by OCR the doubtful cells (confidence below `DOUBTFUL_BELOW`) are marked, since
`st.data_editor` cannot colour a cell: the header shows each field's confidence with ⚠ on the
doubtful ones, and each table gets a «Проверить» column naming the doubtful cells of the row,
those rows first. The frames keep the records' positions as their index, so the marks and the
order are undone before the corrections fold back (`apply_header`, `apply_tables`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from typing import Any

import pandas as pd

from dashboard.labels import fields_ru
from docstore.confidence import DOUBTFUL_BELOW, HEADER, OcrCheck, OcrField, ocr_fields, person_check
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


CHECK_COLUMN = "Проверить"
"""The column naming the doubtful cells of a row (tables) or each field's confidence (header)."""
CHECK_HELP = (
    f"Распознано OCR с уверенностью ниже {DOUBTFUL_BELOW:g} из 100: сверьте эти ячейки с оригиналом "
    "в первую очередь (в скобках — уверенность распознавания)."
)
HEADER_CHECK_HELP = (
    f"⚠ — поле распознано OCR с уверенностью ниже {DOUBTFUL_BELOW:g} из 100: сверьте его с оригиналом "
    "в первую очередь."
)
WARNING_MARK = "⚠"
_INDICATOR_VALUE_COLUMN = INDICATOR_COLUMNS["value"]
_TABLE_COLUMNS = {
    "plan_items": PLAN_COLUMNS,
    "ratings": RATING_COLUMNS,
    "improvement_items": IMPROVEMENT_COLUMNS,
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
    frame = _unmarked(frame)
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
    indicators, plan, ratings, improvement = (
        _unmarked(f) if f is not None else None for f in (indicators, plan, ratings, improvement)
    )
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


# --- OCR confidence: what to check first -----------------------------------------------------------


def column_of(kind: str, path: str) -> str | None:
    """The review's column (the header: its field) showing the field `path` of a record of
    `kind`, or None when the review does not show it (a plan item's result form, a rank)."""
    if kind == HEADER:
        return HEADER_FIELDS.get(path.replace(".", "_"))
    if kind == "indicators":
        return _INDICATOR_VALUE_COLUMN if path.startswith("values.") else INDICATOR_COLUMNS.get(path)
    return _TABLE_COLUMNS.get(kind, {}).get(path.removeprefix("scores."))


def shown(field: OcrField) -> bool:
    """Whether the review puts this OCR-read field before the person."""
    return column_of(field.kind, field.path) is not None


def ocr_check(read: Extraction, confirmed: Extraction) -> OcrCheck | None:
    """What the person checked and changed of the OCR-read fields, for the stored version."""
    return person_check(read, confirmed, shown)


def ocr_summary_ru(extraction: Extraction) -> tuple[str, int] | None:
    """The line at the top of the review: how many fields shown were read by OCR, how many of
    them are doubtful (and that number); None for a typed file."""
    if not extraction.source.ocr:
        return None
    fields = [f for f in ocr_fields(extraction) if shown(f)]
    doubtful = sum(f.doubtful for f in fields)
    if not fields:
        return "Копия распознана OCR; уверенность распознавания по полям не записана.", 0
    if not doubtful:
        return (
            f"Распознано OCR: {fields_ru(len(fields))}, все прочитаны уверенно "
            f"(не ниже {DOUBTFUL_BELOW:g} из 100). Всё равно сверьте их с оригиналом.",
            0,
        )
    return (
        f"Распознано OCR: {fields_ru(len(fields))}, из них сомнительных: {doubtful} (уверенность "
        f"ниже {DOUBTFUL_BELOW:g} из 100). Они отмечены {WARNING_MARK} в столбце «{CHECK_COLUMN}» и стоят "
        "в таблицах первыми: сверьте их с оригиналом в первую очередь.",
        doubtful,
    )


def signed_ru(extraction: Extraction) -> str | None:
    """«В копии найдены печать и подпись.» for a scanned copy; None for a typed file."""
    signed = extraction.source.signed
    if not extraction.source.ocr or signed is None:
        return None
    found = [name for name, present in (("печать", signed.seal), ("подпись", signed.signature)) if present]
    if not found:
        return "Печать и подпись в копии не найдены: это проект или неподписанная копия."
    verb = "найдены" if len(found) == 2 else "найдена"
    return f"В копии {verb} {' и '.join(found)}: подписанный экземпляр."


def marked_header(header: DocumentHeader) -> pd.DataFrame:
    """`header_frame` with ⚠ on the doubtful OCR-read fields (in the field's name, and their
    confidence in «Проверить»); a typed file's header as it is."""
    frame = header_frame(header)
    if not header.confidence:
        return frame
    rows = {key: row for row, key in enumerate(HEADER_FIELDS)}
    names, checks = frame["Поле"].tolist(), [""] * len(rows)
    for path, confidence in header.confidence.items():
        row = rows.get(path.replace(".", "_"))
        if row is not None and confidence < DOUBTFUL_BELOW:
            names[row] = f"{WARNING_MARK} {names[row]}"
            checks[row] = f"{WARNING_MARK} уверенность {confidence:.0f} из 100"
    frame["Поле"] = names
    frame[CHECK_COLUMN] = checks
    return frame


def marked(kind: str, records: tuple[Any, ...], frame: pd.DataFrame) -> pd.DataFrame:
    """A table of the review with «Проверить» naming the row's doubtful cells, doubtful rows
    first (least sure first); the index stays the row's position. Unchanged without OCR."""
    if not any(getattr(r, "confidence", None) for r in records):
        return frame
    cells = _doubtful_cells(kind, records)
    frame = frame.copy()
    frame[CHECK_COLUMN] = [
        f"{WARNING_MARK} " + "; ".join(f"{column} ({confidence:.0f})" for column, confidence in cells[row])
        if row in cells
        else ""
        for row in range(len(frame))
    ]
    order = sorted(range(len(frame)), key=lambda row: min((c for _, c in cells.get(row, [])), default=101.0))
    return frame.iloc[order]


def _doubtful_cells(kind: str, records: tuple[Any, ...]) -> dict[int, list[tuple[str, float]]]:
    """Frame row -> (column, confidence) of each doubtful cell in it, in column order."""
    rows_of = _frame_rows(kind, records)
    cells: dict[int, list[tuple[str, float]]] = {}
    for index, record in enumerate(records):
        for path, confidence in (record.confidence or {}).items():
            column = column_of(kind, path)
            if column is None or confidence >= DOUBTFUL_BELOW:
                continue
            for row in rows_of(index, path):
                cells.setdefault(row, []).append((column, float(confidence)))
    return cells


def _frame_rows(kind: str, records: tuple[Any, ...]) -> Any:
    """(record position, field path) -> the frame rows showing that field: one row per record,
    except for indicators, which have a row per value (their name and unit on each)."""
    if kind != "indicators":
        return lambda index, path: [index]
    rows: dict[int, list[tuple[str | None, int]]] = {}
    row = 0
    for index, indicator in enumerate(records):
        for value in indicator.values or (None,):
            key = f"values.{value.year}.{value.kind}" if value is not None else None
            rows.setdefault(index, []).append((key, row))
            row += 1

    def of(index: int, path: str) -> list[int]:
        own = rows.get(index, [])
        if path.startswith("values."):
            return [r for key, r in own if key == path]
        return [r for _, r in own]

    return of


def _unmarked(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame as its builder made it: without the «Проверить» column, rows in record order."""
    return frame.drop(columns=[CHECK_COLUMN], errors="ignore").sort_index()
