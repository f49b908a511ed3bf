"""DOCX reader: the body's paragraphs and tables, interleaved in document order, as `Blocks`.

python-docx opens the package (and its numbering and styles parts); the body itself is walked
on the lxml elements directly, because the officials' files put the facts into what python-docx
flattens away: tabs between the date and the number, merged cells, Word's automatic numbering.
Headers and footers are ignored (letterhead repeats, page numbers).
"""

from __future__ import annotations

import io
import logging
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from extract.blocks import Block, Blocks, Cell, Paragraph, Table
from extract.errors import UnreadableDocument
from extract.readers.lines import collapse

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_OFF = ("0", "false", "off", "none")
# Elements whose content is never shown as body text at that place.
_SKIPPED = {
    f"{W}pPr",
    f"{W}rPr",
    f"{W}del",
    f"{W}moveFrom",
    f"{W}txbxContent",
    f"{W}footnoteReference",
    f"{W}endnoteReference",
    f"{W}commentReference",
    f"{W}instrText",
    f"{W}delText",
    f"{_MC}Fallback",
}
_ALIGN = {"center": "center", "right": "right", "end": "right"}
_LINE_BREAK = "\n"


def read_docx(data: bytes) -> Blocks:
    """Read a DOCX (already checked to be a zip with word/document.xml) into `Blocks`."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            document = Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, ValueError) as error:
        raise UnreadableDocument("файл DOCX повреждён: не удалось прочитать его содержимое") from error
    logging.getLogger("docx").setLevel(logging.ERROR)
    try:
        walker = _BodyWalker(_Styles.of(document), _Numbering.of(document))
        items = tuple(walker.blocks(document.element.body))
    except Exception as error:  # a malformed part deep inside: the user gets one clear reason
        raise UnreadableDocument("файл DOCX повреждён: структура документа не читается") from error
    if not items:
        raise UnreadableDocument("в документе DOCX нет текста")
    return Blocks(items=items, format="docx", pages=None)


@dataclass
class _Styles:
    """Paragraph/character style facts the body inherits: bold and alignment by style id."""

    bold: dict[str, bool | None] = field(default_factory=dict)
    align: dict[str, str | None] = field(default_factory=dict)
    numbering: dict[str, tuple[str, int]] = field(default_factory=dict)
    based_on: dict[str, str] = field(default_factory=dict)
    default_paragraph: str | None = None

    @classmethod
    def of(cls, document) -> _Styles:
        """The facts of the styles the body uses (and the styles they are based on): a Word
        template defines hundreds of styles, a letter uses a handful."""
        styles = cls()
        try:
            root = document.styles.element
        except (KeyError, AttributeError):  # a package without styles.xml
            return styles
        body = document.element.body
        wanted = {node.get(f"{W}val") for node in body.iter(f"{W}pStyle", f"{W}rStyle")}
        for style in root.iterfind(f"{W}style[@{W}default='1']"):
            if style.get(f"{W}type") == "paragraph":
                styles.default_paragraph = style.get(f"{W}styleId")
                wanted.add(styles.default_paragraph)
        pending = [w for w in wanted if w]
        while pending:
            style_id = pending.pop()
            style = root.find(f"{W}style[@{W}styleId='{style_id}']") if "'" not in style_id else None
            if style is None:
                continue
            styles._read(style_id, style)
            parent = styles.based_on.get(style_id)
            if parent and parent not in wanted:
                wanted.add(parent)
                pending.append(parent)
        return styles

    def _read(self, style_id: str, style) -> None:
        based = style.find(f"{W}basedOn")
        if based is not None:
            self.based_on[style_id] = based.get(f"{W}val", "")
        bold = style.find(f"{W}rPr/{W}b")
        if bold is not None:
            self.bold[style_id] = bold.get(f"{W}val", "true") not in _OFF
        jc = style.find(f"{W}pPr/{W}jc")
        if jc is not None:
            self.align[style_id] = _ALIGN.get(jc.get(f"{W}val", ""))
        num = style.find(f"{W}pPr/{W}numPr")
        if num is not None:
            num_id = _val(num.find(f"{W}numId"))
            level = _val(num.find(f"{W}ilvl"))
            if num_id:
                self.numbering[style_id] = (num_id, int(level or 0))

    def lookup(self, table: dict, style_id: str | None):
        """The value for a style, following `basedOn` (guarded against cycles)."""
        seen: set[str] = set()
        while style_id and style_id not in seen:
            if style_id in table:
                return table[style_id]
            seen.add(style_id)
            style_id = self.based_on.get(style_id)
        return None


@dataclass
class _Level:
    start: int
    fmt: str
    text: str


@dataclass
class _Numbering:
    """Word's automatic list numbering: renders the label ("1.", "2.1.", "а)") a paragraph shows."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, document) -> _Numbering:
        numbering = cls()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return numbering
        abstract: dict[str, dict[int, _Level]] = {}
        for node in root.iterchildren(f"{W}abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in node.iterchildren(f"{W}lvl"):
                start = _val(lvl.find(f"{W}start"))
                levels[int(lvl.get(f"{W}ilvl", "0"))] = _Level(
                    start=int(start) if start and start.lstrip("-").isdigit() else 1,
                    fmt=_val(lvl.find(f"{W}numFmt")) or "decimal",
                    text=_val(lvl.find(f"{W}lvlText")) or "",
                )
            abstract[node.get(f"{W}abstractNumId", "")] = levels
        for num in root.iterchildren(f"{W}num"):
            levels = dict(abstract.get(_val(num.find(f"{W}abstractNumId")) or "", {}))
            for override in num.iterchildren(f"{W}lvlOverride"):
                start = _val(override.find(f"{W}startOverride"))
                level = int(override.get(f"{W}ilvl", "0"))
                if start and start.isdigit() and level in levels:
                    old = levels[level]
                    levels[level] = _Level(int(start), old.fmt, old.text)
            numbering.levels[num.get(f"{W}numId", "")] = levels
        return numbering

    def label(self, num_id: str, level: int) -> str:
        """Advance the list's counter at `level` and return the label text, or "" (bullets, none)."""
        levels = self.levels.get(num_id)
        if not levels or level not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[level] = counters.get(level, levels[level].start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        spec = levels[level]
        if spec.fmt in ("bullet", "none"):
            return ""
        text = spec.text
        for index in range(level + 1):
            value = counters.get(index, levels[index].start if index in levels else 1)
            fmt = levels[index].fmt if index in levels else "decimal"
            text = text.replace(f"%{index + 1}", _format_number(value, fmt))
        return text.strip()


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("russianLower", "russianUpper", "lowerLetter", "upperLetter"):
        alphabet = (
            "абвгдежзиклмнопрстуфхцчшщэюя" if fmt.startswith("russian") else "abcdefghijklmnopqrstuvwxyz"
        )
        letter = alphabet[(value - 1) % len(alphabet)] * ((value - 1) // len(alphabet) + 1)
        return letter.upper() if fmt.endswith("Upper") or fmt == "upperLetter" else letter
    return str(value)


def _roman(value: int) -> str:
    numerals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"))
    numerals += ((40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = []
    for number, numeral in numerals:
        while value >= number:
            out.append(numeral)
            value -= number
    return "".join(out)


def _val(node) -> str | None:
    return None if node is None else node.get(f"{W}val")


@dataclass
class _Run:
    text: str
    bold: bool


class _BodyWalker:
    """Turns body (or cell) children into blocks; keeps the numbering counters across them."""

    def __init__(self, styles: _Styles, numbering: _Numbering) -> None:
        self.styles = styles
        self.numbering = numbering

    def blocks(self, container) -> Iterator[Block]:
        for child in _content_children(container):
            if child.tag == f"{W}p":
                paragraph = self.paragraph(child)
                if paragraph is not None:
                    yield paragraph
            elif child.tag == f"{W}tbl":
                table = self.table(child)
                if table.rows:
                    yield table

    # paragraphs -------------------------------------------------------------------------

    def paragraph(self, p) -> Paragraph | None:
        text, bold = self.paragraph_text(p)
        text = collapse(text.replace(_LINE_BREAK, " "))
        if not text:
            return None
        style_id = _val(p.find(f"{W}pPr/{W}pStyle")) or self.styles.default_paragraph
        jc = _val(p.find(f"{W}pPr/{W}jc"))
        align = _ALIGN.get(jc) if jc is not None else self.styles.lookup(self.styles.align, style_id)
        return Paragraph(text=text, bold=bold, align=align)

    def paragraph_text(self, p) -> tuple[str, bool]:
        """The text a paragraph shows (numbering label, tabs as "\\t", breaks as "\\n") and
        whether all its visible runs are bold."""
        style_id = _val(p.find(f"{W}pPr/{W}pStyle")) or self.styles.default_paragraph
        style_bold = bool(self.styles.lookup(self.styles.bold, style_id))
        runs = list(self._runs(p, style_bold))
        visible = [r for r in runs if r.text.strip()]
        bold = bool(visible) and all(r.bold for r in visible)
        label = self._label(p, style_id)
        text = "".join(r.text for r in runs)
        if label:
            text = f"{label} {text}"
        return text, bold

    def _label(self, p, style_id: str | None) -> str:
        num = p.find(f"{W}pPr/{W}numPr")
        if num is not None:
            num_id = _val(num.find(f"{W}numId"))
            level = _val(num.find(f"{W}ilvl"))
            if not num_id or num_id == "0":
                return ""
            return self.numbering.label(num_id, int(level or 0))
        inherited = self.styles.lookup(self.styles.numbering, style_id)
        if inherited:
            return self.numbering.label(*inherited)
        return ""

    def _runs(self, node, style_bold: bool) -> Iterator[_Run]:
        for child in node:
            tag = child.tag
            if tag in _SKIPPED or not isinstance(tag, str):
                continue
            if tag == f"{W}r":
                yield from self._run(child, style_bold)
            elif tag == f"{_MC}AlternateContent":
                choice = child.find(f"{_MC}Choice")
                if choice is not None:
                    yield from self._runs(choice, style_bold)
            else:  # hyperlink, ins, smartTag, fldSimple, sdt/sdtContent, customXml ...
                yield from self._runs(child, style_bold)

    def _run(self, r, style_bold: bool) -> Iterator[_Run]:
        bold = style_bold
        props = r.find(f"{W}rPr")
        if props is not None:
            b = props.find(f"{W}b")
            if b is not None:
                bold = b.get(f"{W}val", "true") not in _OFF
            else:
                char_style = _val(props.find(f"{W}rStyle"))
                inherited = self.styles.lookup(self.styles.bold, char_style)
                if inherited is not None:
                    bold = inherited
        pieces: list[str] = []
        for child in r:
            tag = child.tag
            if tag == f"{W}t":
                pieces.append(child.text or "")
            elif tag == f"{W}tab" or tag == f"{W}ptab":
                pieces.append("\t")
            elif tag == f"{W}br":
                if child.get(f"{W}type") not in ("page", "column"):
                    pieces.append(_LINE_BREAK)
            elif tag == f"{W}cr":
                pieces.append(_LINE_BREAK)
            elif tag == f"{W}noBreakHyphen":
                pieces.append("-")
            elif tag == f"{W}sym":
                pieces.append(_symbol(child))
            elif tag == f"{_MC}AlternateContent":
                choice = child.find(f"{_MC}Choice")
                if choice is not None:
                    pieces.extend(run.text for run in self._runs(choice, bold))
        yield _Run("".join(pieces), bold)

    # tables -----------------------------------------------------------------------------

    def table(self, tbl) -> Table:
        """Rows of cells. A horizontally merged cell appears once with its colspan; the lower
        parts of a vertical merge repeat the text above and are marked `continued`."""
        rows: list[tuple[Cell, ...]] = []
        above: dict[int, Cell] = {}  # grid column -> the cell that starts there in the row above
        for tr in _rows(tbl):
            cells: list[Cell] = []
            column = _grid_before(tr)
            current: dict[int, Cell] = {}
            for tc in _cells(tr):
                props = tc.find(f"{W}tcPr")
                span = int(_val(props.find(f"{W}gridSpan")) or 1) if props is not None else 1
                vmerge = props.find(f"{W}vMerge") if props is not None else None
                if vmerge is not None and vmerge.get(f"{W}val", "continue") == "continue" and column in above:
                    origin = above[column]
                    cell = Cell(paragraphs=origin.paragraphs, colspan=span, continued=True)
                else:
                    cell = Cell(paragraphs=self.cell_paragraphs(tc), colspan=max(span, 1))
                cells.append(cell)
                current[column] = cell
                column += max(span, 1)
            above = current
            if cells:
                rows.append(tuple(cells))
        return Table(rows=tuple(rows))

    def cell_paragraphs(self, tc) -> tuple[str, ...]:
        """Each paragraph and each line break inside a cell as its own entry (tabs as spaces);
        a nested table is flattened into one entry per row, cells joined by " | "."""
        out: list[str] = []
        for child in _content_children(tc):
            if child.tag == f"{W}p":
                text, _ = self.paragraph_text(child)
                out.extend(
                    line for line in (collapse(x.replace("\t", " ")) for x in text.split("\n")) if line
                )
            elif child.tag == f"{W}tbl":
                for row in self.table(child).rows:
                    line = " | ".join(c.text for c in row if c.text)
                    if line:
                        out.append(line)
        return tuple(out)


def _children(container, tags: tuple[str, ...]) -> Iterator:
    """The children with one of `tags`, looking through content controls (`w:sdt`) and custom
    XML wrappers, which Word may put around paragraphs, tables, rows and cells alike."""
    for child in container:
        tag = child.tag
        if tag in tags:
            yield child
        elif tag in (f"{W}sdt", f"{W}customXml"):
            content = child.find(f"{W}sdtContent") if tag == f"{W}sdt" else child
            if content is not None:
                yield from _children(content, tags)


def _content_children(container) -> Iterator:
    """Block-level children: paragraphs and tables."""
    return _children(container, (f"{W}p", f"{W}tbl"))


def _rows(tbl) -> Iterator:
    return _children(tbl, (f"{W}tr",))


def _cells(tr) -> Iterator:
    return _children(tr, (f"{W}tc",))


def _grid_before(tr) -> int:
    value = _val(tr.find(f"{W}trPr/{W}gridBefore"))
    return int(value) if value and value.isdigit() else 0


def _symbol(sym) -> str:
    code = sym.get(f"{W}char", "")
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    if value >= 0xF000:  # Symbol-font private range: map the common dash/bullet only
        value -= 0xF000
    return chr(value) if 32 <= value < 0x110000 else ""
