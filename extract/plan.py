"""Plan and plan-graph tables (план мероприятий, план-график): one `PlanItem` per measure.

Columns are found by their header words (№, мероприятие, результат / форма реализации,
срок, ответственный исполнитель) in whatever order the region typed them. Item numbers may
sit in their own column or open the text cell (`5.1. Формирование …`); a merged row or a row
holding only a numbered heading is a section for the items under it.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, replace

from extract.blocks import Blocks, Table
from extract.deadlines import parse_deadline
from extract.readers.lexicon import is_only_genitive
from extract.records import Period, PlanItem
from extract.tables import BodyRow, Layout, claim_tables, find_layout
from extract.tables import body_rows as layout_rows
from extract.text import collapse_spaces, strip_trailing_punct

log = logging.getLogger("nok.extract")

PLAN_ROLES = (
    ("number", re.compile(r"^(№|n\s*п/?п|номер)", re.I)),
    ("deadline", re.compile(r"срок|дата (исполнения|выполнения)|период (исполнения|реализации)", re.I)),
    ("responsible", re.compile(r"ответственн|исполнител|соисполнител", re.I)),
    ("result", re.compile(r"результат|форма (реализации|завершения|отч[её]тности)|вид документа|итог", re.I)),
    ("title", re.compile(r"мероприяти|наименование|содержание|мер[аы]\b|действи", re.I)),
)
# An improvement plan (its own recognizer) names the shortcomings it answers.
_IMPROVEMENT_WORDS = re.compile(r"недостат|основание реализации", re.I)
_LEADING_NUMBER = re.compile(r"^\s*((?:\d{1,3}\.)*\d{1,3})(?:\.|\))?\s+(?=\S)")
_ROMAN = re.compile(r"^\s*([IVXLC]+)\.?\s+\S")
_BODY_START = re.compile(
    r"^(отдел|министерств|организаци|общественн|департамент|управлени|учреждени|комитет|совет|"
    r"администраци|орган|центр|служб|руководител|специалист|заместител|директор|начальник|"
    r"члены|рабоч|сектор|филиал|территориальн|государственн|муниципальн|подведомствен)",
    re.I,
)


@dataclass(frozen=True)
class PlanResult:
    items: tuple[PlanItem, ...]
    reasons: tuple[str, ...]


def plan_layout(table: Table) -> Layout | None:
    """The layout of a plan table, or None when the table is not a plan."""
    layout = find_layout(table, PLAN_ROLES, ["title"])
    if layout is None:
        return None
    if not ({"deadline", "responsible"} & layout.columns.keys()):
        return None
    if any(_IMPROVEMENT_WORDS.search(h) for h in layout.headers):
        return None
    return layout


def split_responsible(paragraphs: tuple[str, ...]) -> tuple[str, ...]:
    """Executors as written, one per body: cell paragraphs and commas separate them.

    A comma fragment that does not begin like a body (`занятости и социального развития`)
    belongs to the name before it, so `Министерство труда, занятости и …` stays whole.
    """
    out: list[str] = []
    for paragraph in _continued_lines(paragraphs):
        parts = [piece for part in _split_outside_brackets(paragraph) for piece in _glued_bodies(part)]
        merged: list[str] = []
        for part in parts:
            part = collapse_spaces(part)
            if not part:
                continue
            if merged and not (part[:1].isupper() or _BODY_START.match(part)):
                merged[-1] = f"{merged[-1]}, {part}"
            else:
                merged.append(part)
        out.extend(strip_trailing_punct(p) for p in merged if strip_trailing_punct(p))
    return tuple(out)


def _continued_lines(paragraphs: tuple[str, ...]) -> list[str]:
    """A scanned cell's lines taken as paragraphs joined back where a name plainly runs on: after
    a word that binds what follows (`Заместитель` / `директора …`, `совет при` / `…`), or before
    a word that can only be genitive (`Отдел … населения` / `департамента`). A line naming a
    body of its own (`организации социального обслуживания`) can be nominative and stays apart."""
    out: list[str] = []
    for paragraph in paragraphs:
        text = collapse_spaces(paragraph)
        first = text.split(" ", 1)[0].strip("«»(),.;:") if text else ""
        runs_on = out and not out[-1].endswith((",", ";")) and text[:1].islower()
        if runs_on and (_BINDS_NEXT.search(out[-1]) or is_only_genitive(first)):
            out[-1] = f"{out[-1]} {text}"
        elif text:
            out.append(text)
    return out


# Where a PDF cell's lines were joined into one paragraph, the next executor still shows where it
# begins: after a closing bracket (`(по согласованию) отдел …`), at a body named in the
# nominative with a capital (`… Пермского края Общественный совет`), at an institution's
# abbreviated legal form (`… департамента ГКУ ЯО «…»`). Never after a preposition (`совет при
# Министерстве`); a genitive (`отдел Департамента`) is not a new body.
_GLUED_BODY = re.compile(
    r"(?<=\)) (?=(?i:" + _BODY_START.pattern[1:] + r"))"
    r"|(?<=[а-яё]) (?=(?:Министерство|Департамент|Комитет|Управление|Отдел|Агентство|Общественный совет|"
    r"Организация-оператор|[А-ЯЁ]{0,3}[БКА]У[А-ЯЁ]{0,3}(?:\s+[А-ЯЁ]{2,})*\s*«)(?![а-яё]))"
)
# A preposition or a person (`руководители ГБУСО «…»`) binds the body after it to the executor.
_BINDS_NEXT = re.compile(
    r"(?<![а-яё])(?:при|в|во|с|со|для|по|на|и|из|от|к|у|"
    r"(?:руководител|директор|заместител|специалист|работник|сотрудник|заведующ|член)\w*)$",
    re.I,
)


def _glued_bodies(text: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for m in _GLUED_BODY.finditer(text):
        if not _BINDS_NEXT.search(text[: m.start()]):
            pieces.append(text[start : m.start()])
            start = m.end()
    return [*pieces, text[start:]]


def _split_outside_brackets(text: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for ch in text:
        if ch in "(«":
            depth += 1
        elif ch in ")»":
            depth = max(0, depth - 1)
        if ch in ",;" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _number_and_title(row: BodyRow, layout: Layout) -> tuple[str | None, str]:
    number = row.text(layout.columns.get("number")).rstrip(".)") or None
    title = collapse_spaces(" ".join(p for p in row.paragraphs(layout.columns["title"]) if p))
    if number is None:
        m = _LEADING_NUMBER.match(title)
        if m:
            number, title = m.group(1), title[m.end() :]
    elif title.startswith(number):
        title = _LEADING_NUMBER.sub("", title, count=1)
    return number, title


def _is_heading_only(row: BodyRow, layout: Layout) -> bool:
    others = [row.text(j) for role, j in layout.columns.items() if role not in ("number", "title")]
    return not any(others)


def _table_items(
    table: Table, layout: Layout, period: Period | None, document_date: dt.date | None
) -> list[PlanItem]:
    rows = list(layout_rows(table, layout))
    parsed = [
        (row, *_number_and_title(row, layout)) if row.section is None else (row, None, "") for row in rows
    ]
    items: list[PlanItem] = []
    # A numbered title row above the header (`II. План мероприятий`) heads the first items.
    numbered = [t for t in layout.title_rows if _ROMAN.match(t) or _LEADING_NUMBER.match(t)]
    section: str | None = numbered[-1] if numbered else None
    for k, (row, number, title) in enumerate(parsed):
        if row.section is not None:
            section = row.section
            continue
        if not title:
            continue
        if _is_heading_only(row, layout):
            next_number = next((n for _, n, t in parsed[k + 1 :] if t), None)
            roman = _ROMAN.match(title) or (number and re.fullmatch(r"[IVXLC]+", number))
            if roman or (number and next_number and next_number.startswith(f"{number}.")):
                section = title if number is None or title.startswith(number) else f"{number}. {title}"
                continue
        deadline_text = row.text(layout.columns.get("deadline")) or None
        columns = layout.columns
        items.append(
            PlanItem(
                number=number,
                title=title,
                section=section,
                result_form=row.text(columns.get("result")) or None,
                responsible=split_responsible(row.paragraphs(columns.get("responsible"))),
                deadline=parse_deadline(deadline_text, period=period, document_date=document_date),
                confidence=row.confidences(
                    {
                        "number": columns.get("number", columns["title"]) if number else None,
                        "title": columns["title"],
                        "result_form": columns.get("result"),
                        "responsible": columns.get("responsible"),
                        "deadline": columns.get("deadline"),
                    }
                ),
            )
        )
    return items


def recognize_plan(blocks: Blocks, *, period: Period | None, document_date: dt.date | None) -> PlanResult:
    """Every plan item of every plan table in `blocks`; deadlines expand over `period`."""
    reasons: list[str] = []
    items: list[PlanItem] = []
    for claimed in claim_tables(blocks, plan_layout):
        reasons.append("plan: " + "; ".join(claimed.layout.reasons))
        items.extend(_table_items(claimed.table, claimed.layout, period, document_date))
    for reason in reasons:
        log.debug(reason)
    return PlanResult(tuple(_sections_in_sequence(items)), tuple(reasons))


_SECTION_NUMBER = re.compile(r"^\s*(?:(?P<roman>[IVX]+)|(?P<arabic>\d{1,2}))\.\s+\S")
_ROMAN_VALUES = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
_LOST_NUMERAL = re.compile(r"^\s*[^\sа-яёa-z]{1,3}\.?\s+(?=[А-ЯЁ])")
"""What a scan leaves of a heading's numeral: two or three capitals or signs (`ПЕ `, `Ш. `)
before the heading's capitalised first word."""
_ROMAN_LOOKALIKE = re.compile(r"[IVXПШГТЕУХІ|1]+")
"""Letters Tesseract's Russian model reads for the strokes of a Roman numeral."""


def _sections_in_sequence(items: list[PlanItem]) -> list[PlanItem]:
    """Sections numbered one after another (`I.`, `II.`, ... or `1.`, `2.`, ...) keep their
    sequence where a scan lost or misread one heading's numeral (`ПЕ Применение ...` after
    `II. ...`, `Использование ...` after `2. ...`): the numeral is the one after the previous
    heading's, and the next numbered heading, if any, must follow it. A typed file has every
    numeral, so nothing changes there."""
    sections = list(dict.fromkeys(item.section for item in items if item.section))
    numbers = [_section_number(section) for section in sections]
    fixed: dict[str, str] = {}
    for k, section in enumerate(sections):
        if numbers[k] is not None or k == 0 or numbers[k - 1] is None:
            continue
        style, value = numbers[k - 1]  # type: ignore[misc]
        following = next((n for n in numbers[k + 1 :] if n is not None), None)
        if following is not None and following != (style, value + 2):
            continue
        if value + 1 > len(_ROMAN_VALUES):
            continue
        left = _LOST_NUMERAL.match(section)
        if left and _ROMAN_LOOKALIKE.fullmatch(left.group(0).strip().rstrip(".")):
            style = "roman"  # the glyphs say Roman (`ПЕ` for `III.`), whatever the previous heading's
        numeral = _ROMAN_VALUES[value] if style == "roman" else str(value + 1)
        fixed[section] = f"{numeral}. {section[left.end() :] if left else section.lstrip()}"
        numbers[k] = (style, value + 1)
    if not fixed:
        return items
    return [
        replace(item, section=fixed.get(item.section, item.section)) if item.section else item
        for item in items
    ]


def _section_number(section: str) -> tuple[str, int] | None:
    m = _SECTION_NUMBER.match(section)
    if m is None:
        return None
    if m.group("roman"):
        roman = m.group("roman")
        return ("roman", _ROMAN_VALUES.index(roman) + 1) if roman in _ROMAN_VALUES else None
    return "arabic", int(m.group("arabic"))
