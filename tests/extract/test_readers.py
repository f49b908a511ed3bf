"""Readers on the real corpus files: concrete blocks, and DOCX == PDF == scan where they must agree."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import pytest
from docx import Document
from PIL import Image

from extract.blocks import Blocks, Paragraph, Table
from extract.readers import read_blocks
from extract.readers.lines import collapse, join_lines, keeps_hyphen, vocabulary_of
from tests.conftest import CORPUS


@cache
def blocks_of(name: str) -> Blocks:
    return read_blocks((CORPUS / name).read_bytes(), name)


def texts(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row] for row in table.rows]


def paragraph_texts(blocks: Blocks) -> list[str]:
    return [p.text for p in blocks.paragraphs]


# DOCX ------------------------------------------------------------------------------------------


def test_docx_magadan_has_two_tables_after_the_plan_title_in_document_order():
    blocks = blocks_of("magadan_2017_order64.docx")
    assert blocks.format == "docx" and blocks.pages is None and not blocks.ocr
    assert len(blocks.tables) == 2
    kinds = [type(b).__name__ for b in blocks.items]
    first_table = kinds.index("Table")
    assert blocks.items[first_table - 1].text.startswith("по организации независимой оценки")
    assert kinds[first_table:] == ["Table", "Table"]


def test_docx_merged_rows_appear_once_with_their_colspan():
    indicators, plan = blocks_of("magadan_2017_order64.docx").tables
    section = indicators.rows[1]
    assert len(section) == 1 and section[0].colspan == 5
    assert section[0].text == (
        "I. Целевые показатели функционирования независимой оценки качества оказания услуг"
    )
    assert [(c.text, c.colspan) for c in plan.rows[0]] == [("II. План мероприятий", 3)]
    assert plan.rows[6][0].text == "5. Организация и проведение независимой оценки качества услуг"
    assert plan.rows[6][0].colspan == 3
    assert len(plan.rows) == 14
    assert texts(indicators)[2][1:] == ["11", "38,9", "100", "35"]


def test_docx_tab_between_date_and_number_is_kept_as_one_tab():
    paragraphs = paragraph_texts(blocks_of("magadan_2017_order64.docx"))
    assert "от «15» марта 2017 г.\t№ 64" in paragraphs
    assert "Министр\tТ.Г. Малютина" in paragraphs


def test_docx_bold_and_alignment_of_the_letterhead():
    first = blocks_of("magadan_2017_order64.docx").items[0]
    assert first == Paragraph(text="МАГАДАНСКАЯ ОБЛАСТЬ", bold=True, align="center")
    paragraphs = blocks_of("magadan_2017_order64.docx").paragraphs
    body = next(p for p in paragraphs if p.text.startswith("Во исполнение"))
    assert not body.bold  # only `приказываю:` is bold in it


def test_docx_cell_paragraphs_are_kept_separately():
    table = blocks_of("tula_2020_order83.docx").tables[0]
    item2 = table.rows[2][1]
    assert len(item2.paragraphs) == 6
    assert item2.paragraphs[1] == "телефона;"
    assert item2.text.startswith("Наличие на официальных сайтах") and "электронной почты;" in item2.text


def test_docx_vertical_merge_repeats_the_cell_and_marks_it_continued():
    table = blocks_of("vladimir_2019_improvement_plan.docx").tables[0]
    top, below = table.rows[0], table.rows[1]
    assert top[4].colspan == 2 and top[4].text.startswith("Сведения о ходе реализации")
    assert below[0].continued and below[0].text == top[0].text
    assert not below[4].continued and below[4].text.startswith("реализованные меры")


def _docx_bytes(build) -> bytes:
    document = Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_automatic_numbering_is_rendered_as_the_label_word_shows():
    def build(document):
        for text in ("Первый пункт", "Второй пункт", "Третий пункт"):
            document.add_paragraph(text, style="List Number")

    blocks = read_blocks(_docx_bytes(build), "numbered.docx")
    assert paragraph_texts(blocks) == ["1. Первый пункт", "2. Второй пункт", "3. Третий пункт"]


def test_docx_line_breaks_in_a_cell_and_a_nested_table_are_flattened_into_cell_paragraphs():
    def build(document):
        table = document.add_table(rows=1, cols=2)
        cell = table.cell(0, 0)
        run = cell.paragraphs[0].add_run("Министерство,")
        run.add_break()
        cell.paragraphs[0].add_run("общественный совет")
        nested = table.cell(0, 1).add_table(rows=1, cols=2)
        nested.cell(0, 0).text = "1 квартал"
        nested.cell(0, 1).text = "2 квартал"

    table = read_blocks(_docx_bytes(build), "cells.docx").tables[0]
    assert table.rows[0][0].paragraphs == ("Министерство,", "общественный совет")
    assert "1 квартал | 2 квартал" in table.rows[0][1].paragraphs


# PDF -------------------------------------------------------------------------------------------


def test_pdf_magadan_has_three_pages_and_the_same_tables_as_the_docx():
    pdf, docx = blocks_of("magadan_2017_order64.pdf"), blocks_of("magadan_2017_order64.docx")
    assert pdf.format == "pdf" and pdf.pages == 3 and not pdf.ocr
    assert len(pdf.tables) == 2
    for from_pdf, from_docx in zip(pdf.tables, docx.tables, strict=True):
        assert texts(from_pdf) == texts(from_docx)


@pytest.mark.parametrize("name", ["ryazan_plan_graph", "tula_2020_order83", "vladimir_2018_ratings"])
def test_pdf_tables_over_page_breaks_read_like_the_docx(name):
    pdf, docx = blocks_of(f"{name}.pdf"), blocks_of(f"{name}.docx")
    assert len(pdf.tables) == len(docx.tables) == 1
    assert texts(pdf.tables[0]) == texts(docx.tables[0])


def test_pdf_ratings_table_is_joined_over_the_page_break_without_the_repeated_header():
    blocks = blocks_of("vladimir_2018_ratings.pdf")
    assert blocks.pages == 2
    (table,) = blocks.tables
    assert len(table.rows) == 19  # header, 3 service-form rows, 15 institutions
    assert sum(1 for row in table.rows if row[0].text == "№ п/п") == 1
    row10 = next(row for row in table.rows if row[0].text == "10")
    assert row10[1].text == "ГБУСО ВО «Камешковский социально-реабилитационный центр для несовершеннолетних»"
    # a header word LibreOffice broke without a hyphen in a narrow column comes back whole
    assert table.rows[0][3].text == "Комфортность условий предоставления услуг"


def test_pdf_row_split_by_the_page_break_is_glued_back():
    table = blocks_of("tula_2020_order83.pdf").tables[0]
    numbers = [row[0].text for row in table.rows[1:]]
    assert numbers == [str(n) for n in range(1, 12)]
    item5 = table.rows[5]
    tail = "вовлечения участия в проведении независимой оценки граждан потребителей услуг"
    assert item5[1].text.endswith(tail)


def test_pdf_paragraphs_tabs_and_text_outside_tables():
    blocks = blocks_of("magadan_2017_order64.pdf")
    paragraphs = paragraph_texts(blocks)
    assert "от «15» марта 2017 г.\t№ 64" in paragraphs
    assert "Министр\tТ.Г. Малютина" in paragraphs
    title = (
        "О внесении изменений в приказ министерства труда и социальной политики Магаданской области "
        "от 17 мая 2016 г. № 133/1"
    )
    assert title in paragraphs
    heading = next(p for p in blocks.paragraphs if p.text == title)
    assert heading.align == "center" and heading.bold and heading.page == 1
    assert not any("Целевые показатели" in p for p in paragraphs)  # table text stays in the table


def test_pdf_plain_text_keeps_every_table_row_once():
    text = blocks_of("ryazan_plan_graph.pdf").plain_text()
    assert text.count("Наименование мероприятия") == 1  # header repeated on 3 pages, kept once
    assert "эффективности работы руководителя учреждения" in text


# hyphenation -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["предостав-", "ление услуг"], "предоставление услуг"),
        (["социально-", "реабилитационный центр"], "социально-реабилитационный центр"),
        (["г. Санкт-", "Петербург"], "г. Санкт-Петербург"),
        (["на 2019-", "2021 годы"], "на 2019-2021 годы"),
        (["кто-", "либо"], "кто-либо"),
        (["срок –", "месяц"], "срок – месяц"),
        (["в  течение  месяца ", " после"], "в течение месяца после"),
    ],
)
def test_join_lines_undoes_only_word_break_hyphens(lines, joined):
    assert join_lines(lines) == joined


def test_document_words_decide_a_hyphen_between_two_whole_words():
    vocabulary = vocabulary_of(["Отчет организации о работе", "Министр труда"])
    assert keeps_hyphen("организации-", "оператора", vocabulary)
    assert keeps_hyphen("министра-", "директора", vocabulary)  # `Министр` is another form
    assert not keeps_hyphen("предостав-", "ление", vocabulary)
    assert not keeps_hyphen("предостав-", "ление", vocabulary_of(["предоставление услуг"]))


def test_collapse_keeps_one_tab_and_single_spaces():
    assert collapse("  от\xa0«15»  марта \t\t № 64 ") == "от «15» марта\t№ 64"


# OCR -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def scan_blocks(tesseract) -> Blocks:
    return blocks_of("magadan_2017_order64_scan.pdf")


@pytest.mark.ocr
def test_ocr_scan_reads_pages_and_rebuilds_the_ruled_tables(scan_blocks):
    assert scan_blocks.ocr and scan_blocks.format == "pdf" and scan_blocks.pages == 3
    assert len(scan_blocks.tables) == 2
    indicators, plan = scan_blocks.tables
    header = ["Целевые показатели", "2015 г. (факт)", "2016 г. (факт)", "2017 г.", "2018 г."]
    assert texts(indicators)[0] == header
    assert texts(indicators)[2][1:] == ["11", "38,9", "100", "35"]
    assert len(plan.rows) == 14  # joined over the page break like the typed PDF
    assert [c.text for c in plan.rows[5]][2] == "IV квартал ежегодно"  # Roman numeral restored


@pytest.mark.ocr
def test_ocr_cells_agree_with_the_typed_pdf(scan_blocks):
    typed = blocks_of("magadan_2017_order64.pdf")
    pairs = [
        (a, b)
        for t_scan, t_typed in zip(scan_blocks.tables, typed.tables, strict=True)
        for r_scan, r_typed in zip(texts(t_scan), texts(t_typed), strict=True)
        for a, b in zip(r_scan, r_typed, strict=True)
    ]
    same = sum(1 for a, b in pairs if a == b)
    assert len(pairs) > 40 and same / len(pairs) >= 0.9


@pytest.mark.ocr
def test_ocr_finds_the_header_lines(scan_blocks):
    paragraphs = paragraph_texts(scan_blocks)
    assert "от «15» марта 2017 г.\t№ 64" in paragraphs
    assert any(p.startswith("О внесении изменений в приказ") for p in paragraphs)


def test_deskew_estimates_a_known_rotation():
    import numpy as np
    import pypdfium2 as pdfium

    from extract.readers.cleanup import estimate_skew

    document = pdfium.PdfDocument((CORPUS / "magadan_2017_order64.pdf").read_bytes())
    page = document[1].render(scale=150 / 72, grayscale=True).to_pil().convert("L")
    turned = page.rotate(1.5, resample=Image.Resampling.BICUBIC, fillcolor=255)
    assert estimate_skew(np.asarray(turned), 150) == pytest.approx(-1.5, abs=0.1)
    assert estimate_skew(np.asarray(page), 150) == pytest.approx(0.0, abs=0.1)


@pytest.mark.parametrize(
    ("name", "heading"),
    [
        ("ryazan_plan_graph.pdf", "План-график"),
        ("vladimir_2018_ratings.pdf", "Рейтинг"),
        ("tula_2020_order83.pdf", "ПРИКАЗ"),
    ],
)
def test_pdf_centred_headings_are_found_despite_indented_blocks_and_hanging_signatures(name, heading):
    paragraph = next(p for p in blocks_of(name).paragraphs if p.text == heading)
    assert paragraph.align == "center" and paragraph.bold


def _generated_pdf() -> bytes:
    """A PDF written with fpdf2: a hyphenated paragraph, a ruled table running over a page break
    with its header repeated, and a different table at the top of the next page."""
    from fpdf import FPDF

    fonts = "/usr/share/fonts/truetype/dejavu/"
    pdf = FPDF()
    pdf.add_font("dv", fname=fonts + "DejaVuSans.ttf")
    pdf.add_font("dv", style="B", fname=fonts + "DejaVuSans-Bold.ttf")
    pdf.set_font("dv", size=11)
    pdf.add_page()
    pdf.multi_cell(
        w=120,
        text="Организация предостав-\nления социальных услуг в учреждениях социально-\n"
        "реабилитационного профиля.",
    )
    pdf.ln(5)

    def table(rows: list[list[str]], widths: tuple[int, ...]) -> None:
        with pdf.table(col_widths=widths, width=sum(widths), align="LEFT", repeat_headings=1) as drawn:
            for cells in rows:
                row = drawn.row()
                for text in cells:
                    row.cell(text)

    long_name = "с достаточно длинным названием для двух строк текста"
    items = [[str(n), f"Мероприятие номер {n} {long_name}", "ежеквартально"] for n in range(1, 25)]
    table([["№", "Мероприятие", "Срок"], *items], (15, 120, 40))
    pdf.add_page()
    table([["Показатель", "2019", "2020"], ["Доля организаций", "10", "20"]], (100, 30, 30))
    return bytes(pdf.output())


@pytest.mark.skipif(not Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").exists(), reason="no DejaVu")
def test_generated_pdf_joins_only_the_table_that_continues():
    blocks = read_blocks(_generated_pdf(), "generated.pdf")
    assert blocks.pages == 3
    assert paragraph_texts(blocks) == [
        "Организация предоставления социальных услуг в учреждениях социально-реабилитационного профиля."
    ]
    plan, indicators = blocks.tables
    assert len(plan.rows) == 25 and texts(plan)[0] == ["№", "Мероприятие", "Срок"]
    assert [row[0] for row in texts(plan)[1:]] == [str(n) for n in range(1, 25)]
    assert texts(indicators) == [["Показатель", "2019", "2020"], ["Доля организаций", "10", "20"]]
    assert indicators.page == 3


def test_a_repeated_header_read_slightly_differently_by_ocr_is_still_dropped():
    from extract.blocks import Cell
    from extract.readers.continued import join_pages
    from extract.readers.layout import PageLayout
    from extract.readers.lines import EMPTY_VOCABULARY

    def row(*cells: str) -> tuple[Cell, ...]:
        return tuple(Cell(paragraphs=(text,) if text else ()) for text in cells)

    header = row("№ п/п", "Наименование мероприятия", "Срок исполнения")
    upper = Table(rows=(header, row("1", "Совещание", "Ежеквартально"), row("2", "Семинар", "")), page=1)
    lower = Table(
        rows=(row("№ п/н", "Наименование мероприятия", "Срок исполнения"), row("3", "Отчёт", "Ежегодно")),
        page=2,
    )
    columns = (70.0, 105.0, 320.0)
    pages = [PageLayout([upper], {id(upper): columns}), PageLayout([lower], {id(lower): columns})]
    (joined,) = join_pages(pages, EMPTY_VOCABULARY)
    assert [r[0].text for r in joined.rows] == ["№ п/п", "1", "2", "3"]


@pytest.mark.ocr
def test_a_pdf_with_typed_and_scanned_pages_reads_each_page_its_own_way(tesseract):
    import pypdfium2 as pdfium

    typed = pdfium.PdfDocument((CORPUS / "magadan_2017_order64.pdf").read_bytes())
    scan = pdfium.PdfDocument((CORPUS / "magadan_2017_order64_scan.pdf").read_bytes())
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(typed, [0])
    mixed.import_pages(scan, [1, 2])
    buffer = io.BytesIO()
    mixed.save(buffer)
    blocks = read_blocks(buffer.getvalue(), "mixed.pdf")
    assert blocks.pages == 3 and blocks.ocr
    assert blocks.items[0] == Paragraph(text="МАГАДАНСКАЯ ОБЛАСТЬ", bold=True, align="center", page=1)
    assert [len(t.rows) for t in blocks.tables] == [4, 14]
    assert {t.page for t in blocks.tables} == {2}
