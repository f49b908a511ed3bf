"""Page geometry to blocks: positioned words and table grids in, paragraphs and tables out.

The typed-PDF reader (words from pdfplumber) and the OCR reader (words from Tesseract) both
end here, so a scanned page and a typed page are cut into paragraphs and cells by the same
rules. Coordinates are PDF points (or pixels for OCR), origin top-left, `top` < `bottom`.

Paragraph rules (between a line and the next one):
- a new paragraph starts after a vertical gap wider than a normal line gap, at a change of
  font size or boldness, at a first-line indent, and where the next line's first word would
  have fitted at the end of the previous line (so the previous line ended on purpose);
- a line ending in a hyphen never ends a paragraph (the word continues below).
Inside a narrow cell LibreOffice breaks a word that is wider than the cell without a hyphen
(`Комфортнос` / `ть`): such a fragment is glued back (see `_is_broken_word`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from extract.blocks import Block, Cell, Paragraph, Table
from extract.readers.lexicon import is_common_word, is_word
from extract.readers.lines import EMPTY_VOCABULARY, Vocabulary, collapse, join_lines

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom
_PAGE_NUMBER = re.compile(r"^[-–—\s]*\d{1,4}[-–—\s]*$")
# Words of one or two letters that stand alone in Russian text (so are not a broken-off tail).
_SHORT_WORDS = frozenset(
    [
        "и",
        "в",
        "с",
        "к",
        "о",
        "у",
        "а",
        "я",
        "об",
        "от",
        "до",
        "по",
        "на",
        "за",
        "из",
        "не",
        "ни",
        "но",
        "же",
        "ли",
        "бы",
        "во",
        "со",
        "ко",
        "то",
        "да",
        "мы",
        "вы",
        "он",
        "им",
        "их",
        "её",
        "ее",
        "для",
        "при",
        "без",
        "под",
        "над",
        "или",
        "все",
        "всех",
    ]
)
_WORD_START_FORBIDDEN = ("ь", "ъ", "ы", "й")
_SURE_OCR = 50  # an OCR word less sure than this does not set the text column's edges
_DATE_CUT_IN_YEAR = re.compile(r"(?<!\d)\d{1,2}\.\d{2}\.(?P<begun>\d{1,3})$")
"""`01.04.20` at the end of a narrow cell line: the year goes on (`19`) on the next."""
# Endings that make a head look like a whole Russian word, so a line break after it is a
# normal wrap even when the word exactly fills a narrow column.
_WHOLE_WORD_ENDINGS = tuple(
    [
        "ей",
        "ость",
        "есть",
        "ые",
        "ый",
        "ий",
        "ой",
        "ая",
        "яя",
        "ое",
        "ее",
        "ие",
        "ых",
        "их",
        "ого",
        "его",
        "ому",
        "ему",
        "ыми",
        "ими",
        "ами",
        "ями",
        "ах",
        "ях",
        "ов",
        "ев",
        "ия",
        "ии",
        "ние",
        "ния",
        "нию",
        "ций",
        "ция",
        "ции",
        "ать",
        "ять",
        "ить",
        "еть",
        "ться",
        "тся",
    ]
)


@dataclass(frozen=True)
class Word:
    """One word with its box; `size` is the font height, `bold` from the font name (PDF only),
    `confidence` Tesseract's 0-100 for a word read by OCR (None for a typed word), `line` the
    number of the text line Tesseract put it in (None for a typed word: lines are found by
    geometry)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool = False
    confidence: float | None = None
    line: int | None = None


def lowest_confidence(words: Iterable[Word]) -> float | None:
    """The confidence of the least sure OCR word; None for typed words (no confidence)."""
    found = [w.confidence for w in words if w.confidence is not None]
    return min(found) if found else None


@dataclass
class Line:
    words: list[Word]
    text: str = ""

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        sizes = sorted(w.size for w in self.words)
        return sizes[len(sizes) // 2]

    @property
    def bold(self) -> bool:
        return all(w.bold for w in self.words)


@dataclass(frozen=True)
class Grid:
    """A ruled table found on a page: rows of cell boxes, None where a merged cell covers the
    position (pdfplumber's `Table.rows[i].cells` shape)."""

    bbox: BBox
    rows: tuple[tuple[BBox | None, ...], ...]


@dataclass
class PageLayout:
    """The blocks of one page plus where its tables sit (for joining tables over page breaks)."""

    blocks: list[Block] = field(default_factory=list)
    table_columns: dict[int, tuple[float, ...]] = field(default_factory=dict)
    """id(Table) -> the x positions of its column starts."""


def group_lines(words: Iterable[Word], tab_gap: float | None = None) -> list[Line]:
    """Words into visual lines (top-to-bottom, left-to-right). A horizontal gap wider than
    `tab_gap` (default three font heights) inside a line becomes a "\\t". Words read by OCR
    keep the lines Tesseract found (a slanted line of a photo is one line, not two)."""
    ordered = sorted(words, key=lambda w: (w.top, w.x0))
    lines: list[list[Word]] = []
    by_number: dict[int, list[Word]] = {}
    for word in ordered:
        if word.line is not None:
            if word.line not in by_number:
                by_number[word.line] = []
                lines.append(by_number[word.line])
            by_number[word.line].append(word)
            continue
        if lines:
            current = lines[-1]
            middle = (word.top + word.bottom) / 2
            reference = current[0]
            if reference.top - 1 <= middle <= reference.bottom + 1 and word.top < reference.bottom:
                current.append(word)
                continue
        lines.append([word])
    result: list[Line] = []
    for group in lines:
        group.sort(key=lambda w: w.x0)
        parts: list[str] = []
        for index, word in enumerate(group):
            if index:
                gap = word.x0 - group[index - 1].x1
                limit = tab_gap if tab_gap is not None else 3 * max(word.size, 1)
                parts.append("\t" if gap > limit else " ")
            parts.append(word.text)
        result.append(Line(words=group, text="".join(parts)))
    result.sort(key=lambda line: line.top)
    return result


def _space_width(line: Line) -> float:
    return 0.3 * line.size


def _first_word_width(line: Line) -> float:
    first = line.words[0]
    return first.x1 - first.x0


def _is_mid_aligned(line: Line, left: float, right: float) -> bool:
    """The line's middle is the column's middle: centered, or a full justified line."""
    return abs((line.x0 + line.x1) / 2 - (left + right) / 2) < max(3.0, 0.25 * line.size)


def _is_centered(line: Line, left: float, right: float) -> bool:
    return _is_mid_aligned(line, left, right) and line.x0 > left + line.size


def _is_right(line: Line, left: float, right: float) -> bool:
    return abs(line.x1 - right) < max(3.0, 0.25 * line.size) and line.x0 > (left + right) / 2


def _starts_new_paragraph(previous: Line, line: Line, left: float, right: float) -> bool:
    size = max(previous.size, 1.0)
    if line.top - previous.bottom > 0.75 * size:
        return True
    if abs(line.size - previous.size) > 1.2 or line.bold != previous.bold:
        return True
    if (
        not _is_centered(line, left, right)
        and line.x0 > previous.x0 + 1.2 * size
        and previous.x0 < left + size
    ):
        return True  # first-line indent
    if previous.text.endswith("-") and not previous.text.endswith(" -"):
        return False
    if "\t" in previous.text:
        return True  # a tab line (date and number, post and name) is a paragraph of its own
    need = _space_width(previous) + _first_word_width(line)
    if _is_mid_aligned(previous, left, right):
        return (previous.x1 - previous.x0) + need < (right - left) - 1
    return previous.x1 + need < right - 1


def _is_broken_word(
    previous: Line, line: Line, left: float, right: float, vocabulary: Vocabulary = EMPTY_VOCABULARY
) -> bool:
    """A word wider than its cell, broken without a hyphen (`Комфортнос` / `ть условий`).

    Geometry first: the previous line fills the cell so that not one more letter would fit
    (whatever the alignment). That also happens when a whole word just fills a narrow column,
    so the words decide (for a line of several words, the stricter `_is_broken_last_word`):
    - a date cut in its year (`01.04.20` / `19`) is glued;
    - the joined word seen elsewhere in the document, in any form (`мероприяти` / `я` beside
      `мероприятий`), is glued;
    - a tail starting with `ь ъ ы й` is glued;
    - a tail that is a short word of its own (`и`, `об`) is not, except `и` after `-ци`/`-ни`
      (`информаци` / `и`) and `я` after `-и`;
    - a head ending like a whole word (`-ость`, `-ые`, `-ого`, `-ей`...) is not glued.
    """
    tail = line.words[0].text
    head = previous.words[-1].text
    decided = lexicon_glues(head, tail)
    if decided is not None and line.words[0].confidence is not None:
        return decided  # OCR boxes are too rough for the geometry: the dictionary decides
    letter = (line.words[0].x1 - line.words[0].x0) / max(len(tail), 1)
    if (right - left) - (previous.x1 - previous.x0) > letter:
        return False
    if (cut := _DATE_CUT_IN_YEAR.search(head)) and re.match(rf"\d{{{4 - len(cut['begun'])}}}(?!\d)", tail):
        return True
    if decided is not None:
        return decided
    if len(previous.words) > 1:
        return _is_broken_last_word(head, tail, vocabulary)
    if not tail[:1].islower() or not head[-1:].isalpha() or not tail[:1].isalpha():
        return False
    bare = tail.rstrip(",.;:)»")
    joined = (head + bare).lower()
    if joined in vocabulary:
        return True
    whole_head = head.lower().endswith(_WHOLE_WORD_ENDINGS)  # `Открытость` / `и`: a word already
    if not whole_head and len(joined) >= 6 and vocabulary.has_stem_of(joined):
        return True
    if tail.startswith(_WORD_START_FORBIDDEN):
        return True
    if bare in _SHORT_WORDS:
        return (head.endswith(("ци", "ни")) and bare == "и") or (head.endswith("и") and bare == "я")
    return not whole_head


def lexicon_glues(head: str, tail: str) -> bool | None:
    """The dictionary's word on a line break between `head` and `tail`: True when joined they make
    a Russian word and the tail cannot stand alone (`ежекварта` / `льно`, `информационны` / `х`)
    or the head is no word (`населени` / `я`);
    False when both are words of running text and joined they are not (`Мониторинг` /
    `выполнения`); None when it cannot tell."""
    bare = tail.rstrip(",.;:)»")
    if not head[-1:].isalpha() or not bare[:1].islower() or not bare.isalpha():
        return None
    word = head.lstrip('«(„"').split("-")[-1]
    joined = word + bare
    alone = bare in _SHORT_WORDS or (len(bare) >= 3 and is_common_word(bare))
    if is_word(joined) and (not alone or not is_word(word)):
        return True  # the tail cannot stand alone, or the head is no word at all (`инвалидо` / `в`)
    if not alone or not is_common_word(word):
        return None
    if not is_word(joined):
        # both whole words (`Мониторинг` / `выполнения`); short pieces may be parts of a word
        # broken over three lines of a very narrow column (`насе` / `лени` / `я`)
        return False if len(word) >= 5 and len(bare) >= 3 else None
    if len(word) <= 3 and word.lower() not in _SHORT_WORDS:
        return True  # `еже` / `квартально`: no line ends on such a word
    return None


def _is_broken_last_word(head: str, tail: str, vocabulary: Vocabulary) -> bool:
    """The stricter test for the last word of a line of several (`… обслуживан` / `ия`): only
    a tail that cannot be a word (`ия`, `ч`), or `я` after `-и` (`населени` / `я`), or a joined
    word the document has elsewhere."""
    if not head[-1:].isalpha() or not tail[:1].islower():
        return False
    bare = tail.rstrip(",.;:)»")
    if (head + bare).lower() in vocabulary:
        return True
    if bare == "я" and head.endswith("и"):
        return True
    return len(bare) <= 2 and bare.isalpha() and bare not in _SHORT_WORDS


def lines_to_paragraphs(
    lines: Sequence[Line],
    left: float,
    right: float,
    vocabulary: Vocabulary,
    *,
    glue_broken_words: bool = False,
    mend: Callable[[str], str] | None = None,
) -> list[tuple[str, list[Line]]]:
    """Group lines into paragraphs; each paragraph as (joined text, its lines). `mend` (OCR)
    corrects the joined text: words broken over lines are whole only there."""
    groups: list[list[Line]] = []
    texts: list[list[str]] = []
    for line in lines:
        if groups:
            previous = groups[-1][-1]
            if glue_broken_words and _is_broken_word(previous, line, left, right, vocabulary):
                texts[-1][-1] = texts[-1][-1] + line.text
                groups[-1].append(line)
                continue
            if not _starts_new_paragraph(previous, line, left, right):
                groups[-1].append(line)
                texts[-1].append(line.text)
                continue
        groups.append([line])
        texts.append([line.text])
    out = []
    for group, parts in zip(groups, texts, strict=True):
        text = parts[0] if len(parts) == 1 else join_lines(parts, vocabulary)
        text = collapse(mend(text) if mend else text)
        if text:
            out.append((text, group))
    return out


def _paragraph_align(lines: list[Line], left: float, right: float) -> str | None:
    full_or_centered = all(
        _is_centered(line, left, right) or line.x1 - line.x0 > 0.9 * (right - left) for line in lines
    )
    if full_or_centered and any(_is_centered(line, left, right) for line in lines):
        return "center"
    if all(_is_right(line, left, right) for line in lines):
        return "right"
    return None


def _inside(word: Word, box: BBox) -> bool:
    cx = (word.x0 + word.x1) / 2
    cy = (word.top + word.bottom) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def column_starts(grid: Grid) -> tuple[float, ...]:
    """The distinct x positions where cells start (merged within one point)."""
    xs = sorted({round(box[0], 1) for row in grid.rows for box in row if box is not None})
    merged: list[float] = []
    for x in xs:
        if not merged or x - merged[-1] > 1.0:
            merged.append(x)
    return tuple(merged)


def _cell_paragraphs(
    words: list[Word], box: BBox, pad: float, vocabulary: Vocabulary, mend: Callable[[str], str] | None
) -> tuple[str, ...]:
    if not words:
        return ()
    lines = group_lines(words, tab_gap=float("inf"))
    left, right = box[0] + pad, box[2] - pad
    found = lines_to_paragraphs(lines, left, right, vocabulary, glue_broken_words=True, mend=mend)
    return tuple(text for text, _ in found)


def _cell_padding(cell_words: dict[BBox, list[Word]]) -> float:
    """How far the leftmost text of a cell sits from its border: the least such distance in a
    typed table; in one read by OCR, one of the least (a fifth of the cells sit closer), since
    a remnant of a rule or a stamp read as a letter may sit anywhere."""
    offsets = sorted(min(w.x0 for w in found) - box[0] for box, found in cell_words.items() if found)
    if not offsets:
        return 0.0
    ocr = any(w.confidence is not None for found in cell_words.values() for w in found)
    return max(0.0, offsets[len(offsets) // 5] if ocr else offsets[0])


def grid_to_table(
    grid: Grid, words: list[Word], page: int, vocabulary: Vocabulary, mend: Callable[[str], str] | None = None
) -> Table:
    """Cut the words into the grid's cells. A cell spanning several column starts gets that
    colspan; a position covered by a cell from a row above repeats it, marked `continued`."""
    starts = column_starts(grid)
    cell_words: dict[BBox, list[Word]] = {}
    boxes = [box for row in grid.rows for box in row if box is not None]
    for word in words:
        for box in boxes:
            if _inside(word, box):
                cell_words.setdefault(box, []).append(word)
                break
    pad = _cell_padding(cell_words)
    made: dict[BBox, Cell] = {}
    rows: list[tuple[Cell, ...]] = []
    for row in grid.rows:
        row_top = min((box[1] for box in row if box is not None), default=None)
        cells: list[Cell] = []
        covered_until = -1.0
        for index, box in enumerate(row):
            x = starts[index] if index < len(starts) else None
            if box is not None:
                span = sum(1 for s in starts if box[0] - 1 <= s < box[2] - 1) or 1
                inside = cell_words.get(box, [])
                paragraphs = _cell_paragraphs(inside, box, pad, vocabulary, mend)
                cell = Cell(paragraphs=paragraphs, colspan=span, confidence=lowest_confidence(inside))
                made[box] = cell
                cells.append(cell)
                covered_until = box[2]
                continue
            if x is not None and x < covered_until - 1:
                continue  # inside a horizontally merged cell of this row
            above = _cell_above(made, x, row_top)
            if above is not None:
                cells.append(
                    Cell(
                        paragraphs=above[1].paragraphs,
                        colspan=1,
                        continued=True,
                        confidence=above[1].confidence,
                    )
                )
                covered_until = above[0][2]
            else:
                cells.append(Cell(paragraphs=()))
        if cells:
            rows.append(tuple(cells))
    return Table(rows=tuple(rows), page=page)


def _cell_above(made: dict[BBox, Cell], x: float | None, row_top: float | None):
    if x is None or row_top is None:
        return None
    for box, cell in made.items():
        if box[0] - 1 <= x < box[2] - 1 and box[1] < row_top - 1 and box[3] > row_top + 1:
            return box, cell
    return None


def page_blocks(
    words: list[Word],
    grids: list[Grid],
    page: int,
    page_box: BBox,
    vocabulary: Vocabulary,
    column: tuple[float, float] | None = None,
    mend: Callable[[str], str] | None = None,
) -> PageLayout:
    """The blocks of one page in reading order (top to bottom): tables from `grids`, and the
    words outside them as paragraphs. Page numbers alone in the top or bottom margin are dropped.
    `column` is the body text's (left, right) edge; by default the extent of this page's lines.
    `mend` corrects the text of every paragraph and cell (OCR: misread words)."""
    in_table: list[list[Word]] = [[] for _ in grids]
    outside: list[Word] = []
    for word in words:
        for index, grid in enumerate(grids):
            if _inside(word, grid.bbox):
                in_table[index].append(word)
                break
        else:
            outside.append(word)
    layout = PageLayout()
    placed: list[tuple[float, Block]] = []
    for grid, table_words in zip(grids, in_table, strict=True):
        table = grid_to_table(grid, table_words, page, vocabulary, mend)
        if table.rows:
            placed.append((grid.bbox[1], table))
            layout.table_columns[id(table)] = column_starts(grid)
    lines = [line for line in group_lines(outside) if not _is_page_number(line, page_box)]
    if lines:
        left, right = column or (min(line.x0 for line in lines), max(line.x1 for line in lines))
        # lines between two tables must not join across them: cut the runs at each table top
        cuts = sorted(grid.bbox[1] for grid in grids)
        runs: list[list[Line]] = [[]]
        for line in lines:
            if runs[-1] and any(runs[-1][-1].top < cut <= line.top for cut in cuts):
                runs.append([])
            runs[-1].append(line)
        for run in runs:
            for text, group in lines_to_paragraphs(run, left, right, vocabulary, mend=mend):
                paragraph = Paragraph(
                    text=text,
                    bold=all(line.bold for line in group),
                    align=_paragraph_align(group, left, right),
                    page=page,
                    confidence=lowest_confidence(w for line in group for w in line.words),
                )
                placed.append((group[0].top, paragraph))
    placed.sort(key=lambda item: item[0])
    layout.blocks = [block for _, block in placed]
    return layout


def _is_page_number(line: Line, page_box: BBox) -> bool:
    height = page_box[3] - page_box[1]
    in_margin = line.bottom < page_box[1] + 0.08 * height or line.top > page_box[3] - 0.08 * height
    return in_margin and bool(_PAGE_NUMBER.match(line.text))


def _edges(words: list[Word]) -> tuple[float, float]:
    """The leftmost start and rightmost end of the words' lines. On a page read by OCR only lines
    of three letters or more count: a speck or a stamp's remnant in the margin read as a letter
    or two does not move the edges."""
    if all(w.confidence is None for w in words):
        return min(w.x0 for w in words), max(w.x1 for w in words)
    lines = [line for line in group_lines(words) if sum(ch.isalnum() for ch in line.text) >= 3]
    lines = lines or group_lines(words)
    return min(line.x0 for line in lines), max(line.x1 for line in lines)


def text_columns(pages: list[tuple[float, list[Word], list[Grid]]]) -> dict[int, tuple[float, float]]:
    """The text column (left, right) per page width (pages given as (width, words, grids)),
    for the paragraph and alignment rules.

    `right` is the right edge of the text outside tables on all pages of that width (a short
    last page is measured against the same margins as a full one). The middle is where most
    lines are centred (headings and full justified lines share it), which survives a
    signature hanging into the left margin or a page whose left edge is all indented blocks;
    `left` mirrors `right` around it. Without such a middle, `left` is the leftmost text.
    """
    outside: dict[int, list[Word]] = {}
    anywhere: dict[int, list[Word]] = {}
    middles: dict[int, Counter[int]] = {}
    for width, words, grids in pages:
        key = round(width)
        sure = [w for w in words if w.confidence is None or w.confidence >= _SURE_OCR]
        chosen = [w for w in sure if not any(_inside(w, grid.bbox) for grid in grids)]
        outside.setdefault(key, []).extend(chosen)
        anywhere.setdefault(key, []).extend(sure)
        counter = middles.setdefault(key, Counter())
        counter.update(round((line.x0 + line.x1) / 2) for line in group_lines(chosen))
    extents: dict[int, tuple[float, float]] = {}
    for key, found in anywhere.items():
        words = outside[key] or found
        if not words:
            continue
        left, right = _edges(words)
        counter = middles[key]
        votes = {m: sum(counter.get(m + d, 0) for d in (-1, 0, 1)) for m in counter}
        middle, count = max(
            votes.items(), key=lambda item: (item[1], -abs(item[0] - (left + right) / 2)), default=(0, 0)
        )
        if count >= 3 and left < middle < right:
            left = 2 * middle - right
        extents[key] = (left, right)
    return extents
