"""The demo's Word documents, typed with python-docx the way ministries type them.

The layouts follow the public corpus (`tests/corpus/make_corpus.py`), because those are the
layouts the extractor is tested on: a letterhead in capitals, `П Р И К А З`, the date and
number on one tab line, a bold `О …` heading, a signature at a right tab stop, ruled tables
with merged section rows. Files are written byte-for-byte reproducibly (fixed zip times and
core properties), so a second run stores nothing new.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from docstore.demo import region
from docstore.demo.wording import (
    MONTHS_GENITIVE,
    letter_date,
    quoted_date,
    rating_cells,
    rating_header_row,
    rating_title,
    spelled_date,
)

_FIXED_TIME = dt.datetime(2026, 11, 25, 9, 0, 0)
_ALIGN = {"c": WD_ALIGN_PARAGRAPH.CENTER, "r": WD_ALIGN_PARAGRAPH.RIGHT, "j": WD_ALIGN_PARAGRAPH.JUSTIFY,
          "l": WD_ALIGN_PARAGRAPH.LEFT}  # fmt: skip


# ----------------------------------------------------------------------------------------
# Typing helpers
# ----------------------------------------------------------------------------------------


def _new_doc(*, landscape: bool = False) -> DocxDocument:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), "Times New Roman")
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.space_before = Pt(0)
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    else:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = Cm(2.0 if landscape else 2.5)
    section.right_margin = Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(2.0)
    props = doc.core_properties
    props.author = props.last_modified_by = props.title = props.comments = ""
    props.created = props.modified = props.last_printed = _FIXED_TIME
    props.revision = 1
    return doc


def _para(
    doc: DocxDocument,
    text: str = "",
    align: str | None = None,
    *,
    bold: bool = False,
    size: float | None = None,
    after: float = 0,
    indent: float | None = None,
    left: float | None = None,
) -> Paragraph:
    p = doc.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
    if align:
        p.alignment = _ALIGN[align]
    p.paragraph_format.space_after = Pt(after)
    if indent is not None:
        p.paragraph_format.first_line_indent = Cm(indent)
    if left is not None:
        p.paragraph_format.left_indent = Cm(left)
    return p


def _tab_line(doc: DocxDocument, left: str, right: str, tab_cm: float, *, bold: bool = False) -> Paragraph:
    """`left` and `right` on one line, `right` at a right tab stop (date/number, signature)."""
    p = doc.add_paragraph()
    p.paragraph_format.tab_stops.add_tab_stop(Cm(tab_cm), WD_TAB_ALIGNMENT.RIGHT)
    p.add_run(left).bold = bold
    p.add_run("\t" + right).bold = bold
    return p


def _signature(doc: DocxDocument, position: list[str], name: str, tab_cm: float = 16.5) -> None:
    for line in position[:-1]:
        _para(doc, line)
    _tab_line(doc, position[-1], name, tab_cm)


def _page_break(doc: DocxDocument) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _set_cell(
    cell: _Cell, text: str | list[str], *, bold: bool = False, align: str | None = None, size: float
) -> None:
    parts = text if isinstance(text, list) else [text]
    cell.text = ""
    for i, part in enumerate(parts):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        if part:
            run = p.add_run(part)
            run.bold = bold
            run.font.size = Pt(size)
        if align:
            p.alignment = _ALIGN[align]


class _Grid:
    """A ruled Word table with fixed column widths (LibreOffice lays out from the grid)."""

    def __init__(self, doc: DocxDocument, widths_cm: list[float], size: float = 10) -> None:
        self.table: Table = doc.add_table(rows=0, cols=len(widths_cm))
        self.table.style = doc.styles["Table Grid"]
        self.table.alignment = WD_TABLE_ALIGNMENT.CENTER
        self.table.autofit = False
        self.widths = widths_cm
        self.size = size
        for column, width in zip(self.table.columns, widths_cm, strict=True):
            column.width = Cm(width)

    def _row(self) -> _Row:
        row = self.table.add_row()
        for cell, width in zip(row.cells, self.widths, strict=True):
            cell.width = Cm(width)
        return row

    def row(
        self, texts: list, *, bold: bool = False, align: str | list[str] | None = None, header: bool = False
    ) -> _Row:
        row = self._row()
        for i, text in enumerate(texts):
            cell_align = align[i] if isinstance(align, list) else align
            _set_cell(row.cells[i], text, bold=bold, align=cell_align, size=self.size)
        if header:
            mark = OxmlElement("w:tblHeader")
            mark.set(qn("w:val"), "true")
            row._tr.get_or_add_trPr().append(mark)
        return row

    def span(self, text: str, *, align: str = "c") -> _Row:
        """A heading row: one bold text merged over the whole width."""
        row = self._row()
        merged = row.cells[0].merge(row.cells[-1])
        _set_cell(merged, text, bold=True, align=align, size=self.size)
        return row


def _save(doc: DocxDocument, path: Path) -> Path:
    """Save with fixed zip entry times: the same document gives the same bytes."""
    buffer = io.BytesIO()
    doc.save(buffer)
    buffer.seek(0)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, source.read(info.filename))
    return path


def _letterhead(doc: DocxDocument) -> None:
    _para(doc, "ЗАРЕЧНАЯ ОБЛАСТЬ", "c", bold=True, after=6)
    _para(doc, region.AUTHORITY.upper(), "c", bold=True)
    _para(doc, f"({region.AUTHORITY_SHORT.upper()})", "c", bold=True, after=12)


# ----------------------------------------------------------------------------------------
# The order with target indicators and the plan of measures
# ----------------------------------------------------------------------------------------


def write_order(path: Path) -> Path:
    """Приказ approving the 2025-2027 plan: indicators (2 fact + 3 plan years) and 17 measures."""
    doc = _new_doc()
    _letterhead(doc)
    _para(doc, "П Р И К А З", "c", bold=True, size=16, after=12)
    _tab_line(doc, f"от {quoted_date(region.ORDER_DATE)}", f"№ {region.ORDER_NUMBER}", 16.5)
    _para(doc, region.CITY, "c", after=12)
    tail = region.PLAN_TITLE.removeprefix("План ")
    _para(doc, f"Об утверждении плана {tail}", "c", bold=True, after=12)
    p = _para(
        doc,
        "В соответствии с Федеральным законом от 28 декабря 2013 г. № 442-ФЗ «Об основах социального "
        "обслуживания граждан в Российской Федерации», в целях организации проведения независимой оценки "
        "качества условий оказания услуг организациями социального обслуживания Заречной области ",
        "j",
        indent=1.25,
    )
    p.add_run("приказываю:").bold = True
    for n, text in enumerate(
        (
            f"Утвердить план {tail} (приложение).",
            "Руководителям организаций социального обслуживания обеспечить выполнение мероприятий плана "
            "в установленные сроки.",
            f"Контроль за исполнением настоящего приказа возложить на заместителя министра "
            f"{region.DEPUTY_MINISTER.initials}",
        ),
        1,
    ):
        _para(doc, f"{n}. {text}", "j", indent=1.25)
    _para(doc, after=30)
    _signature(doc, ["Министр"], region.MINISTER.initials)
    _page_break(doc)

    for line in ("Приложение", "к приказу министерства социальной", "защиты населения Заречной области",
                 f"от {spelled_date(region.ORDER_DATE)} № {region.ORDER_NUMBER}"):  # fmt: skip
        _para(doc, line, left=9.5)
    _para(doc)
    _para(doc, region.PLAN_TITLE, "c", bold=True, after=12)

    years = [f"{y} г. (факт)" for y in region.FACT_YEARS] + [f"{y} г." for y in region.PLAN_YEARS]
    grid = _Grid(doc, [7.7, 1.9, 1.9, 1.9, 1.9, 1.9], size=10)
    grid.row(["Целевые показатели", *years], bold=True, align="c", header=True)
    grid.span("I. Целевые показатели независимой оценки качества условий оказания услуг")
    for indicator in region.indicators():
        grid.row([indicator.name, *indicator.values], align=["l", "c", "c", "c", "c", "c"])
    _para(doc, after=6)

    grid = _Grid(doc, [1.2, 5.6, 3.3, 3.0, 4.1], size=10)
    columns = [
        "№ п/п",
        "Наименование мероприятия",
        "Результат",
        "Срок исполнения",
        "Ответственный исполнитель",
    ]
    grid.row(columns, bold=True, align="c", header=True)
    for section, rows in region.PLAN:
        grid.span(section)
        for row in rows:
            grid.row(
                [row.number, row.title, row.result, row.deadline, [f"{r}," for r in row.responsible[:-1]]
                 + [row.responsible[-1]]],
                align=["c", "l", "l", "c", "l"],
            )  # fmt: skip
    return _save(doc, path)


# ----------------------------------------------------------------------------------------
# Ratings
# ----------------------------------------------------------------------------------------


def write_rating(path: Path, year: int) -> Path:
    """The year's rating as a landscape Word table: forms as merged rows, rank within each form."""
    doc = _new_doc(landscape=True)
    protocol = region.protocol_for(year)
    _para(doc, region.AUTHORITY.upper(), "c", bold=True, after=12)
    _para(doc, "Рейтинг", "c", bold=True, size=14)
    _para(doc, rating_title(year).removeprefix("Рейтинг "), "c", bold=True)
    _para(
        doc,
        f"(утвержден общественным советом по проведению независимой оценки качества условий оказания услуг "
        f"организациями социального обслуживания при министерстве социальной защиты населения Заречной "
        f"области, протокол от {spelled_date(protocol.date)} № {protocol.number})",
        "c",
        size=11,
        after=6,
    )
    _para(
        doc,
        "Баллы по критериям независимой оценки (максимальное значение – 100 баллов)",
        "c",
        size=11,
        after=8,
    )
    grid = _Grid(doc, [1.0, 8.4, 2.4, 2.4, 2.4, 2.6, 2.6, 2.0, 1.8], size=9)
    grid.row(rating_header_row(), bold=True, align="c", header=True)
    n = 0
    for form, rows in region.ratings(year).items():
        grid.span(region.FORM_HEADINGS[form])
        for row in rows:
            n += 1
            grid.row(rating_cells(row, n), align=["c", "l", "c", "c", "c", "c", "c", "c", "c"])
    _para(doc, after=24)
    _signature(doc, ["Министр"], region.MINISTER.initials, tab_cm=25.0)
    return _save(doc, path)


# ----------------------------------------------------------------------------------------
# Improvement plans on the form of Government decree No. 457
# ----------------------------------------------------------------------------------------

IMPROVEMENT_HEADERS = (
    "Недостатки, выявленные в ходе независимой оценки качества условий оказания услуг организацией",
    "Наименование мероприятия по устранению недостатков, выявленных в ходе независимой оценки качества "
    "условий оказания услуг организацией",
    "Плановый срок реализации мероприятия",
    "Ответственный исполнитель (с указанием фамилии, имени, отчества и должности)",
    "Сведения о ходе реализации мероприятия",
)
IMPROVEMENT_SUBHEADERS = (
    "реализованные меры по устранению выявленных недостатков",
    "фактический срок реализации",
)
CRITERION_SECTIONS = tuple(
    f"{numeral}. {title}"
    for numeral, title in zip(("I", "II", "III", "IV", "V"), region.CRITERIA_RU, strict=True)
)


def write_improvement_plan(path: Path, plan: region.ImprovementPlan) -> Path:
    """One institution's plan for 2025-2026 under an УТВЕРЖДАЮ stamp, with the report columns."""
    doc = _new_doc(landscape=True)
    inst = plan.institution
    stamp = ["УТВЕРЖДАЮ", f"Директор {inst.legal_form}", f"«{inst.quoted}»"]
    for line in stamp:
        _para(doc, line, left=17.0)
    _para(doc, f"______________ {inst.director.initials}", left=17.0)
    d = plan.date
    _para(doc, f"«{d.day:02d}» {MONTHS_GENITIVE[d.month - 1]} {d.year} г.", left=17.0, after=12)
    _para(doc, "План", "c", bold=True, size=14)
    subject = (
        "по устранению недостатков, выявленных в ходе независимой оценки качества условий оказания услуг"
    )
    _para(doc, subject, "c", bold=True)
    _para(doc, inst.name, "c", bold=True)
    _para(doc, "на 2025-2026 годы", "c", bold=True, after=6)
    council = region.protocol_for(2024)
    _para(
        doc,
        "Основание: результаты независимой оценки качества условий оказания услуг, проведенной в 2024 году "
        "министерством социальной защиты населения Заречной области (протокол заседания общественного "
        f"совета от {spelled_date(council.date)} № {council.number}).",
        "j",
        indent=1.25,
        after=12,
    )
    grid = _Grid(doc, [5.0, 5.4, 3.0, 4.2, 5.4, 2.6], size=10)
    top = grid.row([*IMPROVEMENT_HEADERS, ""], bold=True, align="c", header=True)
    sub = grid.row(["", "", "", "", *IMPROVEMENT_SUBHEADERS], bold=True, align="c", header=True)
    for i in range(4):
        merged = top.cells[i].merge(sub.cells[i])
        _set_cell(merged, IMPROVEMENT_HEADERS[i], bold=True, align="c", size=grid.size)
    group = top.cells[4].merge(top.cells[5])
    _set_cell(group, IMPROVEMENT_HEADERS[4], bold=True, align="c", size=grid.size)
    grid.row([str(i) for i in range(1, 7)], align="c")
    for criterion, section in enumerate(CRITERION_SECTIONS):
        grid.span(section)
        rows = [r for r in plan.rows if r.criterion == criterion]
        if not rows:
            grid.row(["Недостатки не выявлены", "", "", "", "", ""], align="l")
        for row in rows:
            actual = row.actual.strftime("%d.%m.%Y") if row.actual else ""
            grid.row(
                [row.deficiency, row.measure, row.planned, row.responsible, row.done or "", actual],
                align=["l", "l", "c", "l", "l", "c"],
            )
    return _save(doc, path)


# ----------------------------------------------------------------------------------------
# A letter to the institutions about the 2025 results
# ----------------------------------------------------------------------------------------


def write_letter(path: Path) -> Path:
    """The ministry's cover letter on the 2025 results: deadlines in prose, no tables."""
    doc = _new_doc()
    _para(doc, region.AUTHORITY.upper(), "c", bold=True)
    _para(doc, f"ул. Советская, д. 12, {region.CITY}, 640000, тел. (3852) 22-14-05", "c", size=10, after=12)
    date = dt.date(2026, 1, 16)
    _para(doc, f"{letter_date(date)} № 01-12/145", after=12)
    for line in ("Руководителям организаций", "социального обслуживания", "Заречной области"):
        _para(doc, line, left=9.5)
    _para(doc, after=12)
    _para(
        doc,
        "О результатах независимой оценки качества условий оказания услуг в 2025 году",
        bold=True,
        after=12,
    )
    _para(doc, "Уважаемые руководители!", "c", after=6)
    protocol = region.protocol_for(2025)
    _para(
        doc,
        "Министерство социальной защиты населения Заречной области направляет рейтинг организаций "
        "социального обслуживания по результатам независимой оценки качества условий оказания услуг в 2025 "
        "году, утвержденный общественным советом при министерстве "
        f"(протокол от {spelled_date(protocol.date)} № {protocol.number}).",
        "j",
        indent=1.25,
    )
    _para(
        doc,
        "Прошу в срок до 1 марта 2026 года утвердить планы по устранению недостатков, выявленных в ходе "
        "независимой оценки, разместить их на официальных сайтах организаций и представить в министерство "
        "информацию о ходе их выполнения ежеквартально, не позднее 5 числа месяца, следующего за отчетным "
        "кварталом.",
        "j",
        indent=1.25,
    )
    _para(doc, "Приложение: на 3 л. в 1 экз.", "j", indent=1.25, after=30)
    _signature(doc, ["Заместитель министра"], region.DEPUTY_MINISTER.initials)
    _para(doc, after=48)
    _para(doc, "Исп. Лебедева Марина Юрьевна", size=10)
    _para(doc, "тел. (3852) 22-14-17", size=10)
    return _save(doc, path)
