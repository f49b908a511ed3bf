"""Tables that run over a page break become one `Table` again.

A table on page N+1 continues the table that ended page N when nothing stands between them
(the table is the last block of page N and the first of page N+1) and their columns start at
the same x positions. Word/LibreOffice repeat the header row(s) on each page: leading rows equal
to the table's first rows are dropped. A row split by the break shows up as a first row whose
first cell is empty while the table's rows otherwise have a first cell (an item number): its
cells are glued to the last row above, each cell's text joined like two lines of a paragraph.
"""

from __future__ import annotations

from dataclasses import replace

from rapidfuzz import fuzz

from extract.blocks import Block, Cell, Table, lowest_of
from extract.readers.layout import PageLayout
from extract.readers.lines import Vocabulary, join_lines

_TOLERANCE = 2.0
_SHARE = 0.02


def join_pages(pages: list[PageLayout], vocabulary: Vocabulary) -> list[Block]:
    """All pages' blocks in order, with continued tables merged into the table they continue."""
    blocks: list[Block] = []
    columns: dict[int, tuple[float, ...]] = {}
    last_page_tail: Table | None = None
    for layout in pages:
        for index, block in enumerate(layout.blocks):
            if (
                index == 0
                and isinstance(block, Table)
                and last_page_tail is not None
                and blocks
                and blocks[-1] is last_page_tail
                and _same_columns(
                    columns.get(id(last_page_tail), ()), layout.table_columns.get(id(block), ())
                )
            ):
                merged = _merge(last_page_tail, block, vocabulary)
                columns[id(merged)] = columns[id(last_page_tail)]
                blocks[-1] = merged
                continue
            blocks.append(block)
            if isinstance(block, Table):
                columns[id(block)] = layout.table_columns.get(id(block), ())
        last_page_tail = blocks[-1] if blocks and isinstance(blocks[-1], Table) else None
    return blocks


def _same_columns(first: tuple[float, ...], second: tuple[float, ...]) -> bool:
    """The same column starts, within 2 points or 2 % of the table's width: two pages of a
    photographed copy are never quite the same size."""
    if not first or len(first) != len(second):
        return False
    tolerance = max(_TOLERANCE, _SHARE * (first[-1] - first[0]))
    return all(abs(a - b) <= tolerance for a, b in zip(first, second, strict=True))


def _same_row(first: tuple[Cell, ...], second: tuple[Cell, ...]) -> bool:
    """Equal rows; for OCR a repeated header may come back with a letter or two different, so
    rows of the same shape without digits (a header, not items `1`, `2` that differ only in
    their number) whose text is 85% alike count as the same."""
    if len(first) != len(second):
        return False
    a = " | ".join(cell.text for cell in first)
    b = " | ".join(cell.text for cell in second)
    if a == b:
        return True
    has_digits = any(ch.isdigit() for ch in a + b)
    return not has_digits and len(a) >= 8 and fuzz.ratio(a, b) >= 85


def _merge(upper: Table, lower: Table, vocabulary: Vocabulary) -> Table:
    rows = list(lower.rows)
    repeated = 0
    while (
        repeated < len(rows)
        and repeated < len(upper.rows)
        and _same_row(rows[repeated], upper.rows[repeated])
    ):
        repeated += 1
    rows = rows[repeated:]
    head = list(upper.rows)
    if rows and head and _is_split_row(head, rows[0]):
        head[-1] = _glue_rows(head[-1], rows[0], vocabulary)
        rows = rows[1:]
    return Table(rows=tuple(head + rows), page=upper.page)


def _is_split_row(upper_rows: list[tuple[Cell, ...]], first: tuple[Cell, ...]) -> bool:
    last = upper_rows[-1]
    if len(first) != len(last) or len(first) < 2 or first[0].text or not last[0].text:
        return False
    if not any(cell.text for cell in first[1:]):
        return False
    same_shape = [row for row in upper_rows if len(row) == len(first)]
    numbered = sum(1 for row in same_shape if row[0].text)
    return numbered * 2 > len(same_shape)


def _glue_rows(upper: tuple[Cell, ...], lower: tuple[Cell, ...], vocabulary: Vocabulary) -> tuple[Cell, ...]:
    glued = []
    for top, bottom in zip(upper, lower, strict=True):
        if not bottom.paragraphs:
            glued.append(top)
            continue
        confidence = lowest_of(top.confidence, bottom.confidence)
        if not top.paragraphs:
            glued.append(replace(top, paragraphs=bottom.paragraphs, confidence=confidence))
            continue
        joined = join_lines([top.paragraphs[-1], bottom.paragraphs[0]], vocabulary)
        paragraphs = (*top.paragraphs[:-1], joined, *bottom.paragraphs[1:])
        glued.append(replace(top, paragraphs=paragraphs, confidence=confidence))
    return tuple(glued)
