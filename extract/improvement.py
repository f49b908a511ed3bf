"""Improvement plans (план по устранению недостатков, выявленных в ходе НОК).

The federal form (Government decree No. 457) has the columns Недостатки / Наименование
мероприятия / Плановый срок / Ответственный исполнитель (ФИО, должность) / Сведения о ходе
реализации (реализованные меры, фактический срок) under a two-level header, criterion rows
`I.`–`V.` and often a `1 2 3 4 5 6` column-number row. Regional forms (Vladimir's
`Основание реализации (результат независимой оценки качества)`) say the same in other words.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

from extract.blocks import Blocks, Table
from extract.criteria import criterion_of
from extract.dates import parse_ru_date
from extract.deadlines import parse_deadline
from extract.institutions import institution_in
from extract.records import ImprovementItem, Period, Responsible
from extract.tables import Layout, body_rows, claim_tables, find_layout
from extract.text import collapse_spaces

log = logging.getLogger("nok.extract")

IMPROVEMENT_ROLES = (
    ("number", re.compile(r"^(№|n\s*п/?п)", re.I)),
    ("actual", re.compile(r"фактическ\w* (срок|дата)", re.I)),
    ("deficiency", re.compile(r"недостат|основание", re.I)),
    ("done", re.compile(r"реализованн\w* мер|выполненн\w* мер|результат", re.I)),
    ("planned", re.compile(r"срок", re.I)),
    ("responsible", re.compile(r"ответственн|исполнител", re.I)),
    ("measure", re.compile(r"мероприяти|наименование|меры", re.I)),
)
# A heading naming the institution in full without a quoted name (`Областное государственное
# бюджетное учреждение социального обслуживания населения …`): the whole line is the name.
_UNQUOTED_INSTITUTION_LINE = re.compile(r"^(государственн|муниципальн|областн|краев)\w*\s.*учреждени", re.I)
_NO_DEFICIENCY = re.compile(r"недостатк\w* не выявлен|нарушени\w* не выявлен|не выявлен", re.I)
_PERSON = re.compile(
    r"(?P<name>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+(?:вич|вна|ична|ич|оглы|кызы)"
    r"|[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ]\.\s?[А-ЯЁ]\."
    r"|[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+)"
)


@dataclass(frozen=True)
class ImprovementResult:
    items: tuple[ImprovementItem, ...]
    reasons: tuple[str, ...]
    criteria: tuple[str | None, ...]
    """The criterion (`openness` … `satisfaction`) of each item's section, or None; not in the JSON."""


def criterion_of_section(text: str | None) -> str | None:
    """The assessment criterion a section row names (`II. Комфортность условий …` -> `comfort`)."""
    return criterion_of(text)


def split_responsible(text: str) -> Responsible | None:
    """`Петрова Ирина Сергеевна, заместитель директора` -> name and position; a post alone has no name."""
    text = collapse_spaces(text).strip(" ,;")
    if not text:
        return None
    m = _PERSON.search(text)
    if not m:
        return Responsible(name=None, position=text)
    position = collapse_spaces((text[: m.start()] + " " + text[m.end() :]).strip(" ,;–-"))
    position = position.strip(" ,;–-")
    return Responsible(name=m.group("name"), position=position or None)


def _layout(table: Table) -> Layout | None:
    layout = find_layout(table, IMPROVEMENT_ROLES, ["deficiency", "measure"])
    if layout is None or not ({"planned", "responsible"} & layout.columns.keys()):
        return None
    return layout


def _actual_date(text: str) -> dt.date | None:
    return parse_ru_date(text) if text else None


def recognize_improvement(
    blocks: Blocks,
    *,
    organization: str | None,
    period: Period | None,
    document_date: dt.date | None,
) -> ImprovementResult:
    """Every measure of every improvement-plan table; a `Недостатки не выявлены` row gives none."""
    reasons: list[str] = []
    items: list[ImprovementItem] = []
    criteria: list[str | None] = []
    for claimed in claim_tables(blocks, _layout):
        table, layout = claimed.table, claimed.layout
        institution = next(
            (
                found
                for t in reversed(claimed.context)
                if (found := institution_in(t) or (t if _UNQUOTED_INSTITUTION_LINE.match(t) else None))
            ),
            None,
        )
        table_organization = institution or organization
        reasons.append("improvement: " + "; ".join(layout.reasons))
        cols = layout.columns
        criterion: str | None = None
        items_in_section: list[ImprovementItem] = []
        for row in body_rows(table, layout):
            if row.section is not None:
                criterion = criterion_of_section(row.section)
                items_in_section = []
                continue
            measure = row.text(cols["measure"])
            deficiency = row.text(cols["deficiency"]) or None
            if deficiency is None and measure and items_in_section:
                # A deficiency merged over several measures may reach us only in its first row.
                deficiency = items_in_section[-1].deficiency
            if not measure:
                if deficiency and criterion_of_section(deficiency) and not _NO_DEFICIENCY.search(deficiency):
                    criterion = criterion_of_section(deficiency)
                continue
            planned_text = row.text(cols.get("planned")) or None
            item = ImprovementItem(
                organization=table_organization,
                deficiency=deficiency,
                measure=measure,
                planned=parse_deadline(planned_text, period=period, document_date=document_date),
                responsible=split_responsible(row.text(cols.get("responsible"))),
                done_measures=row.text(cols.get("done")) or None,
                actual_date=_actual_date(row.text(cols.get("actual"))),
                confidence=row.confidences(
                    {
                        "deficiency": cols["deficiency"],
                        "measure": cols["measure"],
                        "planned": cols.get("planned"),
                        "responsible": cols.get("responsible"),
                        "done_measures": cols.get("done"),
                        "actual_date": cols.get("actual"),
                    }
                ),
            )
            items.append(item)
            items_in_section.append(item)
            criteria.append(criterion)
    for reason in reasons:
        log.debug(reason)
    return ImprovementResult(tuple(items), tuple(reasons), tuple(criteria))
