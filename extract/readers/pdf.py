"""PDF reader: pdfplumber gives words and ruled tables per page; `layout` cuts them into blocks.

Each page is parsed once: `find_tables` for the ruled tables (LibreOffice draws every cell
border) and one `extract_words` pass for all text, which is then split between the table cells
and the paragraphs around them. Pages without a text layer (a scanned signed copy) go to OCR.
"""

from __future__ import annotations

import io
import logging
import warnings

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from extract.blocks import Blocks
from extract.errors import UnreadableDocument
from extract.readers.continued import join_pages
from extract.readers.layout import Grid, PageLayout, Word, page_blocks, text_columns
from extract.readers.limits import max_pages
from extract.readers.lines import vocabulary_of

_LOGGERS = ("pdfminer", "pdfplumber")
_MIN_TEXT_CHARS = 20
"""A page with fewer visible characters than this, over an image covering most of it, has no
real text layer (a scan with a page number or a stamp typed over it) and is read by OCR."""


def silence_pdf_libraries() -> None:
    """pdfminer logs every odd font and broken xref at WARNING; users must not see that."""
    for name in _LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)


def open_pdf(data: bytes) -> pdfplumber.PDF:
    """Open a PDF, turning every failure into `UnreadableDocument` with the Russian reason."""
    silence_pdf_libraries()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pdf = pdfplumber.open(io.BytesIO(data))
            _ = pdf.pages  # builds the page tree: a truncated file fails here
    except PdfminerException as error:
        cause = error.args[0] if error.args else None
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise UnreadableDocument(
                "PDF зашифрован или защищён паролем: снимите защиту и загрузите файл снова"
            ) from error
        raise UnreadableDocument("файл PDF повреждён или обрезан: его структура не читается") from error
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise UnreadableDocument(
            "PDF зашифрован или защищён паролем: снимите защиту и загрузите файл снова"
        ) from error
    except Exception as error:  # pdfminer raises bare KeyError/TypeError/ValueError on broken files
        raise UnreadableDocument("файл PDF повреждён или обрезан: его структура не читается") from error
    return pdf


def check_page_count(count: int) -> None:
    if count == 0:
        raise UnreadableDocument("в PDF нет ни одной страницы")
    limit = max_pages()
    if count > limit:
        raise UnreadableDocument(
            f"в PDF {count} страниц, больше предела {limit} (NOK_MAX_PAGES): "
            "разделите документ или увеличьте предел"
        )


def read_pdf(data: bytes) -> Blocks:
    """Read a typed or scanned PDF into `Blocks` (scanned pages through OCR)."""
    pdf = open_pdf(data)
    with pdf:
        count = len(pdf.pages)
        check_page_count(count)
        layouts: dict[int, PageLayout] = {}
        scanned: list[int] = []
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                pages = []
                for number, page in enumerate(pdf.pages, 1):
                    words = _page_words(page)
                    if _is_scanned(page, words):
                        scanned.append(number)
                        continue
                    pages.append((number, page, words, _page_grids(page)))
                column = text_columns([(float(page.width), words, grids) for _, page, words, grids in pages])
                vocabulary = vocabulary_of([w.text for _, _, words, _ in pages for w in words])
                for number, page, words, grids in pages:
                    box = (0.0, 0.0, float(page.width), float(page.height))
                    layouts[number] = page_blocks(
                        words, grids, number, box, vocabulary, column.get(round(page.width))
                    )
                    page.flush_cache()
        except UnreadableDocument:
            raise
        except Exception as error:  # a broken content stream deep inside pdfminer
            raise UnreadableDocument("файл PDF повреждён: не удалось прочитать текст страниц") from error
    if scanned:
        from extract.readers.ocr import ocr_pages

        ocr = ocr_pages(data, scanned)
        layouts.update(ocr.layouts)
        vocabulary = vocabulary | ocr.vocabulary
    items = join_pages([layouts[number] for number in sorted(layouts)], vocabulary)
    if not items:
        raise UnreadableDocument("в PDF не найден текст: страницы пустые")
    if not scanned:
        return Blocks(items=tuple(items), format="pdf", pages=count)
    return Blocks(
        items=tuple(items), format="pdf", pages=count, ocr=True, warnings=ocr.warnings, signed=ocr.signed
    )


def _page_words(page) -> list[Word]:
    raw = page.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=["fontname", "size"])
    words = []
    for item in raw:
        text = item["text"].strip()
        if not text:
            continue
        font = item.get("fontname", "")
        words.append(
            Word(
                text=text,
                x0=float(item["x0"]),
                top=float(item["top"]),
                x1=float(item["x1"]),
                bottom=float(item["bottom"]),
                size=float(item.get("size") or (item["bottom"] - item["top"])),
                bold="bold" in font.lower() or "black" in font.lower() or font.endswith((",B", "-B")),
            )
        )
    return words


def _page_grids(page) -> list[Grid]:
    grids = []
    for table in page.find_tables():
        rows = tuple(tuple(cell for cell in row.cells) for row in table.rows)
        if rows and any(cell is not None for row in rows for cell in row):
            grids.append(Grid(bbox=tuple(table.bbox), rows=rows))
    return grids


def _is_scanned(page, words: list[Word]) -> bool:
    """Whether the page is a picture of text: (almost) no text layer over images covering more
    than half of it (a scanner may cut the page into strips). An empty page is not a scan."""
    if sum(len(w.text) for w in words) >= _MIN_TEXT_CHARS:
        return False
    area = float(page.width * page.height) or 1.0
    covered = sum(float(image["width"]) * float(image["height"]) for image in page.images)
    return covered > 0.5 * area
