"""Reading a table by the meaning of its header: which column holds what.

Every recognizer of a table (indicators, plan, ratings, improvement plan) asks the same
questions: where does the header end (one row, or two levels under a merged cell, maybe
followed by a `1 2 3 4 5 6` column-number row), which column answers to which role
(`срок` -> deadline), and which body rows are section headings rather than records.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from extract.blocks import Blocks, Cell, Paragraph, Table
from extract.text import collapse_spaces

Role = tuple[str, re.Pattern[str]]


@dataclass(frozen=True)
class Layout:
    """Where the body starts and the grid column of each role; `reasons` says which words decided."""

    columns: dict[str, int]
    headers: tuple[str, ...]
    body_start: int
    reasons: tuple[str, ...]
    title_rows: tuple[str, ...] = ()
    """Merged rows above the header (`II. План мероприятий`)."""


@dataclass(frozen=True)
class BodyRow:
    """One body row on the header grid; `section` is set (and `cells` empty) for a heading row."""

    cells: tuple[Cell | None, ...]
    section: str | None = None

    def text(self, column: int | None) -> str:
        if column is None or column >= len(self.cells) or self.cells[column] is None:
            return ""
        return collapse_spaces(self.cells[column].text)  # type: ignore[union-attr]

    def paragraphs(self, column: int | None) -> tuple[str, ...]:
        if column is None or column >= len(self.cells) or self.cells[column] is None:
            return ()
        return self.cells[column].paragraphs  # type: ignore[union-attr]

    def confidence(self, column: int | None) -> float | None:
        """OCR confidence of the cell in `column` (None for typed text or no such cell)."""
        if column is None or column >= len(self.cells) or self.cells[column] is None:
            return None
        return self.cells[column].confidence  # type: ignore[union-attr]

    def confidences(self, fields: dict[str, int | None]) -> dict[str, float]:
        """Field name -> OCR confidence of the cell it was read from, for the contract's
        `confidence` of a record; empty for typed text."""
        found = {name: self.confidence(column) for name, column in fields.items()}
        return {name: round(value, 1) for name, value in found.items() if value is not None}


def expand(row: Sequence[Cell]) -> list[Cell]:
    """The row on the grid: a cell spanning n columns appears n times."""
    grid: list[Cell] = []
    for cell in row:
        grid.extend([cell] * max(1, cell.colspan))
    return grid


_DIGIT_LOOKALIKES = str.maketrans("ЗзбОоТтIl|Ч", "3366001111" + "4", "[]().,'’‘\"")


def _is_number_row(row: Sequence[Cell]) -> bool:
    """The row of column numbers under a header (`1 | 2 | 3 ...`). OCR reads some numerals as
    their look-alikes (`З`, `б`, `[6]`), so most cells, not all, must show their own number."""
    texts = [collapse_spaces(c.text) for c in row]
    if len(texts) < 2 or any(len(t) > 4 for t in texts):
        return False
    right = sum(1 for i, t in enumerate(texts, 1) if t.translate(_DIGIT_LOOKALIKES) == str(i))
    return right == len(texts) or (len(texts) >= 4 and right >= 0.6 * len(texts))


_PLAN_FACT = re.compile(r"^(план|факт|прогноз|отч[её]т|оценка)\w*\.?$", re.I)


def _is_plan_fact_row(row: Sequence[Cell]) -> bool:
    """A sub-header row of `план`/`факт` labels under year columns."""
    labels = [collapse_spaces(c.text) for c in row if collapse_spaces(c.text)]
    return bool(labels) and all(_PLAN_FACT.match(label) for label in labels)


def _is_merged_row(row: Sequence[Cell], width: int) -> bool:
    distinct = {id(c) for c in row if collapse_spaces(c.text)}
    if width <= 1:
        return False
    return len(row) == 1 or (len(distinct) == 1 and row[0].colspan >= width)


def _match_roles(
    headers: Sequence[str], roles: Sequence[Role], *, mend: bool = False
) -> tuple[dict[str, int], list[str]]:
    """Each role (in priority order) takes a free column whose header begins with its words,
    failing that one whose header mentions them: `Мероприятие по устранению недостатков` is
    the measure, `Недостатки, выявленные …` the deficiency, whatever their order. `mend` (a
    table read from a PDF page) lets a header with a word broken in two still match."""
    columns: dict[str, int] = {}
    reasons: list[str] = []
    for role, pattern in roles:
        for attempt in ("anchored", "anywhere", "mended") if mend else ("anchored", "anywhere"):
            found = None
            for j, text in enumerate(headers):
                if j in columns.values() or not text:
                    continue
                variants = _mended(text) if attempt == "mended" else (text,)
                for variant in variants:
                    m = pattern.match(variant) if attempt == "anchored" else pattern.search(variant)
                    if m:
                        found = (j, m.group(0))
                        break
                if found:
                    break
            if found:
                columns[role] = found[0]
                reasons.append(f"{role}: column {found[0] + 1} {found[1]!r}")
                break
    return columns, reasons


def _mended(text: str) -> list[str]:
    """The header with one space between two letters taken out, each in turn: a PDF cell too
    narrow for a word breaks it without a hyphen (`Мест о в рейтинге`, `удов летворенность`)."""
    return [text[: m.start()] + text[m.end() :] for m in re.finditer(r"(?<=[А-Яа-яЁё]) (?=[а-яё])", text)]


def find_layout(
    table: Table, roles: Sequence[Role], required: Sequence[str], *, max_start: int = 3
) -> Layout | None:
    """The header of `table` if its words give every `required` role, else None."""
    rows = table.rows
    for start in range(min(max_start, len(rows))):
        grid = expand(rows[start])
        if _is_merged_row(rows[start], len(grid)) and start + 1 < len(rows):
            continue  # a title row such as `II. План мероприятий` above the header
        headers = [collapse_spaces(c.text) for c in grid]
        end = start + 1
        # A second header level: the row below a merged header cell, or of continued cells.
        while end < len(rows) and end - start < 3:
            below = expand(rows[end])
            spans_above = any(c.colspan > 1 for c in rows[end - 1])
            sub_header = spans_above or any(c.continued for c in rows[end]) or _is_plan_fact_row(rows[end])
            if len(below) != len(headers) or not sub_header:
                break
            for j, cell in enumerate(below):
                text = collapse_spaces(cell.text)
                if text and not cell.continued and text not in headers[j]:
                    headers[j] = f"{headers[j]} {text}".strip()
            end += 1
        columns, reasons = _match_roles(headers, roles, mend=table.page is not None)
        if all(r in columns for r in required):
            if end < len(rows) and _is_number_row(rows[end]):
                end += 1
            titles = tuple(collapse_spaces(r[0].text) for r in rows[:start] if r)
            return Layout(columns, tuple(headers), end, tuple(reasons), titles)
    return None


def body_rows(table: Table, layout: Layout) -> Iterator[BodyRow]:
    """The rows under the header; merged single-text rows come out as sections."""
    width = len(layout.headers)
    for row in table.rows[layout.body_start :]:
        grid = expand(row)
        texts = [collapse_spaces(c.text) for c in grid]
        if not any(texts):
            continue
        if _is_merged_row(row, width):
            yield BodyRow(cells=(), section=collapse_spaces(row[0].text))
            continue
        if len(grid) < width:
            grid = grid + [None] * (width - len(grid))  # type: ignore[list-item]
        yield BodyRow(cells=tuple(grid[:width]))


# What may stand between two parts of one table: nothing, a page number, `Продолжение таблицы`.
_BETWEEN_PARTS = re.compile(r"^(|[-–\s]*\d{1,3}[-–\s]*|продолжение.*)$", re.I)
_HEADER_WORDS = re.compile(
    r"^(№|наименование|мероприяти|срок|ответственн|исполнител|показател|учреждени|организаци|"
    r"недостат|результат|итог|место|форма|единиц)",
    re.I,
)


@dataclass(frozen=True)
class Claimed:
    """A table a recognizer claimed, with any headerless continuation tables joined to it,
    and the paragraphs just above it (its heading, the institution it is for)."""

    table: Table
    layout: Layout
    context: tuple[str, ...]


def _continuation_rows(
    table: Table, layout: Layout | None, previous: Layout
) -> list[tuple[Cell, ...]] | None:
    """The body rows of `table` if it continues a table laid out as `previous`, else None.

    A table split by a page break in a DOCX comes as a second table, either without a header
    or repeating it (often with the `1 2 3 …` column-number row)."""
    if layout is not None:
        return list(table.rows[layout.body_start :]) if layout.headers == previous.headers else None
    if not table.rows or len(expand(table.rows[0])) != len(previous.headers):
        return None
    if any(_HEADER_WORDS.match(collapse_spaces(c.text)) for c in table.rows[0] if len(c.text) < 60):
        return None  # the header of another table
    start = 1 if _is_number_row(table.rows[0]) else 0
    return list(table.rows[start:])


def claim_tables(blocks: Blocks, find: Callable[[Table], Layout | None]) -> list[Claimed]:
    """Every table `find` gives a layout for, continuations joined, in document order."""
    claimed: list[Claimed] = []
    context: list[str] = []
    joinable = False  # nothing but short paragraphs since the last claimed table
    for block in blocks.items:
        if isinstance(block, Paragraph):
            context = [*context[-5:], collapse_spaces(block.text)]
            joinable = joinable and bool(_BETWEEN_PARTS.match(collapse_spaces(block.text)))
            continue
        layout = find(block)
        rows = _continuation_rows(block, layout, claimed[-1].layout) if claimed and joinable else None
        if rows is not None:
            last = claimed[-1]
            joined = Table(rows=(*last.table.rows, *rows), page=last.table.page)
            claimed[-1] = Claimed(joined, last.layout, last.context)
        elif layout is not None:
            claimed.append(Claimed(block, layout, tuple(context)))
        joinable = rows is not None or layout is not None
        context = []
    return claimed
