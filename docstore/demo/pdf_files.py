"""The demo's PDF documents, drawn with fpdf2: ratings as ruled tables (so pdfplumber finds
them), council protocols and a report as typed text.

fpdf2's core fonts have no Cyrillic, so a TTF is embedded: DejaVu Sans shipped in
`docstore/demo/fonts/` (free licence, see LICENSE there) or, failing that, the system's copy.
The bundled copy comes first so the same bytes come out on every machine.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from fpdf import FPDF, FontFace, XPos, YPos

from docstore.demo import region
from docstore.demo.wording import (
    quoted_date,
    rating_cells,
    rating_header_row,
    rating_title,
    ru_number,
    spelled_date,
)
from docstore.errors import DocstoreError

FONT_DIRS = (
    Path(__file__).resolve().parent / "fonts",
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
)
_FIXED_TIME = dt.datetime(2026, 11, 25, 9, 0, 0, tzinfo=dt.UTC)
_FAMILY = "DejaVu"


class FontMissing(DocstoreError):
    """No Cyrillic TTF could be found to draw the demo PDFs."""


def font_paths() -> tuple[Path, Path]:
    """Regular and bold DejaVu Sans: the bundled copy, else the system's."""
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            return regular, bold
    raise FontMissing("Не найден шрифт DejaVu Sans с кириллицей для PDF демонстрационных данных.")


def _new_pdf(*, landscape: bool = False) -> FPDF:
    pdf = FPDF(orientation="L" if landscape else "P", unit="mm", format="A4")
    regular, bold = font_paths()
    pdf.add_font(_FAMILY, "", str(regular))
    pdf.add_font(_FAMILY, "B", str(bold))
    pdf.set_creation_date(_FIXED_TIME)
    pdf.set_creator("nok demo")
    pdf.set_margins(20, 15, 15)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font(_FAMILY, size=11)
    return pdf


def _line(pdf: FPDF, text: str, *, align: str = "L", bold: bool = False, size: float = 11, after: float = 0):
    pdf.set_font(_FAMILY, "B" if bold else "", size)
    pdf.multi_cell(0, size * 0.5, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if after:
        pdf.ln(after)
    pdf.set_font(_FAMILY, "", 11)


def _two_ends(pdf: FPDF, left: str, right: str, *, size: float = 11) -> None:
    """`left` at the margin and `right` flush right on the same line (date/number, signature)."""
    pdf.set_font(_FAMILY, "", size)
    y = pdf.get_y()
    pdf.cell(0, size * 0.5, left, new_x=XPos.LMARGIN, new_y=YPos.TOP)
    pdf.set_y(y)
    pdf.cell(0, size * 0.5, right, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _save(pdf: FPDF, path: Path) -> Path:
    path.write_bytes(bytes(pdf.output()))
    return path


# ----------------------------------------------------------------------------------------
# Ratings
# ----------------------------------------------------------------------------------------


def write_rating(path: Path, year: int) -> Path:
    """The year's rating as a landscape ruled table; the header row repeats on each page."""
    pdf = _new_pdf(landscape=True)
    pdf.set_margins(15, 15, 15)
    protocol = region.protocol_for(year)
    _line(pdf, region.AUTHORITY.upper(), align="C", bold=True, after=4)
    _line(pdf, "Рейтинг", align="C", bold=True, size=13)
    _line(pdf, rating_title(year).removeprefix("Рейтинг "), align="C", bold=True)
    _line(
        pdf,
        f"(утвержден общественным советом по проведению независимой оценки качества условий оказания услуг "
        f"организациями социального обслуживания при министерстве социальной защиты населения Заречной "
        f"области, протокол от {spelled_date(protocol.date)} № {protocol.number})",
        align="C",
        size=10,
        after=2,
    )
    _line(pdf, "Баллы по критериям независимой оценки (максимальное значение – 100 баллов)", align="C",
          size=10, after=3)  # fmt: skip
    pdf.set_font(_FAMILY, "", 8)
    with pdf.table(
        col_widths=(8, 70, 28, 27, 26, 34, 31, 18, 18),
        text_align=("CENTER", "LEFT", "CENTER", "CENTER", "CENTER", "CENTER", "CENTER", "CENTER", "CENTER"),
        line_height=4,
        headings_style=FontFace(emphasis="BOLD", size_pt=7),
        repeat_headings=1,
        padding=1,
    ) as table:
        heading = table.row()
        for text in rating_header_row():
            heading.cell(text, align="C")
        n = 0
        for form, rows in region.ratings(year).items():
            table.row().cell(
                region.FORM_HEADINGS[form], colspan=9, align="C", style=FontFace(emphasis="BOLD")
            )
            for row in rows:
                n += 1
                cells = table.row()
                for text in rating_cells(row, n):
                    cells.cell(text)
    pdf.ln(10)
    _two_ends(pdf, "Министр", region.MINISTER.initials)
    return _save(pdf, path)


# ----------------------------------------------------------------------------------------
# Council protocols
# ----------------------------------------------------------------------------------------


def write_protocol(path: Path, protocol: region.Protocol) -> Path:
    """The council's meeting that approved the year's rating: plain text, no tables."""
    pdf = _new_pdf()
    year = protocol.rating_year
    _line(pdf, region.AUTHORITY.upper(), align="C", bold=True, after=3)
    _line(pdf, region.COUNCIL, align="C", after=6)
    _line(pdf, "ПРОТОКОЛ", align="C", bold=True, size=14, after=4)
    _two_ends(pdf, f"от {quoted_date(protocol.date)}", f"№ {protocol.number}")
    _line(pdf, region.CITY, align="C", after=6)
    _line(
        pdf,
        f"О рассмотрении результатов независимой оценки качества условий оказания услуг организациями "
        f"социального обслуживания Заречной области в {year} году",
        align="C",
        bold=True,
        after=6,
    )
    _line(pdf, f"Председательствовал: {region.COUNCIL_CHAIR.initials}, председатель общественного совета.",
          align="J")  # fmt: skip
    members = ", ".join(p.initials for p in region.COUNCIL_MEMBERS[: 3 + year % 3])
    _line(pdf, f"Присутствовали члены общественного совета: {members}.", align="J")
    _line(pdf, f"Приглашенные: {region.DEPUTY_MINISTER.initials}, заместитель министра социальной защиты "
          f"населения Заречной области; представитель организации-оператора {region.OPERATOR}.",
          align="J", after=4)  # fmt: skip
    _line(pdf, "ПОВЕСТКА ДНЯ:", bold=True)
    _line(
        pdf,
        f"1. Рассмотрение отчета организации-оператора о результатах независимой оценки качества условий "
        f"оказания услуг организациями социального обслуживания в {year} году и утверждение рейтинга.",
        align="J",
    )
    _line(pdf, "2. Подготовка предложений по улучшению качества работы организаций социального обслуживания.",
          align="J", after=4)  # fmt: skip
    rows = [r for form_rows in region.ratings(year).values() for r in form_rows]
    average = sum(r.total for r in rows) / len(rows)
    best = max(rows, key=lambda r: r.total)
    _line(pdf, "СЛУШАЛИ:", bold=True)
    _line(
        pdf,
        f"Представителя организации-оператора о результатах независимой оценки в отношении {len(rows)} "
        f"организаций социального обслуживания. Средний итоговый балл составил "
        f"{ru_number(average.quantize(Decimal('0.01')))}; наибольший итоговый балл получило "
        f"{best.institution.name}.",
        align="J",
        after=4,
    )
    _line(pdf, "РЕШИЛИ:", bold=True)
    _line(
        pdf,
        f"1. Утвердить рейтинг организаций социального обслуживания Заречной области по результатам "
        f"независимой оценки качества условий оказания услуг в {year} году.",
        align="J",
    )
    _line(
        pdf,
        "2. Рекомендовать министерству социальной защиты населения Заречной области направить результаты "
        "независимой оценки в организации социального обслуживания для разработки планов по устранению "
        "выявленных недостатков.",
        align="J",
    )
    _line(pdf, f"Голосовали: «за» – {3 + year % 3 + 1}, «против» – нет, «воздержались» – нет.", after=12)
    _two_ends(pdf, "Председатель общественного совета", region.COUNCIL_CHAIR.initials)
    pdf.ln(6)
    _two_ends(pdf, "Секретарь", region.COUNCIL_SECRETARY.initials)
    return _save(pdf, path)


# ----------------------------------------------------------------------------------------
# A report on the improvement plans (a ruled table of counts)
# ----------------------------------------------------------------------------------------


def write_report(path: Path) -> Path:
    """Информация on how the improvement plans stand on TODAY: one row per institution."""
    pdf = _new_pdf()
    today = region.TODAY
    _line(pdf, region.AUTHORITY.upper(), align="C", bold=True, after=6)
    _line(pdf, "Информация", align="C", bold=True, size=13)
    _line(
        pdf,
        "о ходе выполнения планов по устранению недостатков, выявленных в ходе независимой оценки качества "
        f"условий оказания услуг организациями социального обслуживания Заречной области, по состоянию на "
        f"{spelled_date(today)}",
        align="C",
        bold=True,
        after=4,
    )
    pdf.set_font(_FAMILY, "", 9)
    with pdf.table(
        col_widths=(10, 85, 22, 25, 33),
        text_align=("CENTER", "LEFT", "CENTER", "CENTER", "CENTER"),
        line_height=4.5,
        headings_style=FontFace(emphasis="BOLD"),
        padding=1,
    ) as table:
        heading = table.row()
        for text in ("№ п/п", "Организация социального обслуживания", "Всего мер", "Выполнено",
                     "Не выполнено в срок"):  # fmt: skip
            heading.cell(text, align="C")
        for n, plan in enumerate(region.improvement_plans(), 1):
            done = sum(1 for r in plan.rows if r.actual is not None)
            overdue = sum(1 for r in plan.rows if r.actual is None and r.due is not None and r.due < today)
            cells = table.row()
            for text in (str(n), plan.institution.name, str(len(plan.rows)), str(done), str(overdue)):
                cells.cell(text)
    pdf.ln(10)
    _two_ends(pdf, "Заместитель министра", region.DEPUTY_MINISTER.initials)
    return _save(pdf, path)
