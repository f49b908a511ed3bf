"""OCR reader for scanned pages: render, clean up, find the ruled tables, Tesseract, then `layout`.

A scanned signed copy has no text layer. Each page is rendered at the resolution of its own
image (at most 300 dpi; in colour when the image has colour, so coloured ink can be told from
black text), then goes through the clean-up chain of `cleanup.py` (page found in a photo, ink
taken out, light evened, turned upright, straightened, upsampled, binarised, despeckled). The
ruling lines found on the clean page (`rules.py`) give the table grid and are erased so
Tesseract reads only the text. Tesseract (`-l rus`, TSV output) gives positioned words with
their confidence; `layout.page_blocks` turns words and grids into paragraphs and tables. The
coloured-ink mask and the page image of the last page tell whether the copy is signed
(`signed.py`).
"""

from __future__ import annotations

import logging
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import cv2
import numpy as np

from extract.errors import UnreadableDocument
from extract.readers.cleanup import TARGET_DPI, ScanPage, clean_page, is_blank, looks_sideways, turned
from extract.readers.layout import Grid, PageLayout, Word, page_blocks, text_columns
from extract.readers.lexicon import is_word
from extract.readers.lines import Vocabulary, vocabulary_of
from extract.readers.ocr_words import Speller, mended_words, without_odd_lines
from extract.readers.rules import erase_mask, grids, rule_masks
from extract.readers.tesseract import (
    PageReader,
    orientation_turn,
    page_reader,
    read_latin,
    require_tesseract,
    with_one_size,
)
from extract.records import Signed

__all__ = ["OcrResult", "ocr_pages", "require_tesseract"]

log = logging.getLogger("nok.extract.ocr")
_BLANK = "на страницах скана не найден текст: листы пустые"
_FEW_WORDS = 20
_DOUBTFUL_CONFIDENCE = 55
_SURE_CONFIDENCE = 70
_CELL_INSET_INCH = 0.03
_CELL_EDGE_INCH = 0.015
_EDGE_PT = 0.75
_PAPER_EDGE_INCH = 0.2
_TABLE_MARGIN_INCH = 0.03
_LATIN_LOOKALIKE = re.compile(r"^\(?[^\s.]*(?:\$|[^\s.\d]{2,}\.[^\s.\d]{2,}\.[^\s.\d]{2,})")
"""A word read by the Russian model that may be Latin: a `$` (the Russian model's `s`), or three
groups of letters joined by points (`Би$.воу.ги`, `угигм’.Би$.воу.ги`); an abbreviation (`т.е.`)
has one-letter groups, a date digits."""
_ADDRESS = re.compile(r"^\(?(?:https?://)?(?:[a-z0-9-]+\.)+[a-z]{2,6}/?\)?[.,;]?$", re.IGNORECASE)


@dataclass(frozen=True)
class OcrResult:
    """What OCR learnt from the scanned pages: their layouts, their words, and whether the last
    of them bears a seal and a signature."""

    layouts: dict[int, PageLayout]
    vocabulary: Vocabulary
    signed: Signed
    warnings: tuple[str, ...] = ()
    """Pages that gave no text and why (a dark page among readable ones)."""


@dataclass
class _Page:
    number: int
    image: ScanPage  # cleaned (upright, straight, 300 dpi), ruling lines erased
    words: list[Word]
    grids: list[Grid]
    problem: str | None = None  # why the page gave no words (a dark page, no sheet in a photo)

    @property
    def width_pt(self) -> float:
        return self.image.pixels.shape[1] * 72 / self.image.dpi

    @property
    def height_pt(self) -> float:
        return self.image.pixels.shape[0] * 72 / self.image.dpi


def ocr_pages(data: bytes, numbers: list[int]) -> OcrResult:
    """OCR the given 1-based pages of a PDF: their layouts, the words they hold, the seal and
    signature on the last of them."""
    from extract.readers.signed import signed_of

    require_tesseract()
    rendered = _render(data, numbers)
    workers = max(1, min(len(rendered), os.cpu_count() or 1, 4))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pages = list(pool.map(_read_page, rendered))
    problems = [page.problem for page in pages if page.problem]
    if all(not page.words for page in pages):
        raise UnreadableDocument(problems[0] if problems else _BLANK)
    vocabulary = vocabulary_of([w.text for page in pages for w in page.words])
    speller = Speller.of(w.text for page in pages for w in page.words)
    columns = text_columns([(page.width_pt, page.words, page.grids) for page in pages])
    layouts = {
        page.number: page_blocks(
            page.words,
            page.grids,
            page.number,
            (0.0, 0.0, page.width_pt, page.height_pt),
            vocabulary,
            columns.get(round(page.width_pt)),
            mend=speller.mend,
        )
        for page in pages
    }
    return OcrResult(layouts, vocabulary, signed_of(pages[-1].image), tuple(problems))


def _render(data: bytes, numbers: list[int]) -> list[tuple[int, ScanPage]]:
    """Each page at its image's own resolution (at most 300 dpi), in colour when it has colour."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise UnreadableDocument("файл PDF повреждён: страницы-изображения не отрисовываются") from error
    try:
        out = []
        for number in numbers:
            page = document[number - 1]
            width_pt = page.get_size()[0] or 1.0
            dpi, colour = 0.0, False
            for image in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)):
                left, _, right, _ = image.get_bounds()
                dpi = max(dpi, image.get_px_size()[0] * 72 / max(right - left, 1.0))
                colour = colour or image.get_metadata().bits_per_pixel >= 24
            dpi = min(float(TARGET_DPI), max(dpi, 100.0)) if dpi else float(TARGET_DPI)
            dpi = min(dpi, 4000 * 72 / width_pt)  # a page that is not A4-sized: keep the bitmap sane
            bitmap = page.render(scale=dpi / 72, grayscale=not colour)
            pixels = bitmap.to_numpy()
            if pixels.ndim == 3:  # BGR(x) from pdfium, or one grey channel
                pixels = pixels[..., 2::-1] if pixels.shape[2] >= 3 else pixels[..., 0]
            out.append((number, ScanPage(pixels=np.ascontiguousarray(pixels), dpi=dpi)))
            page.close()
        return out
    finally:
        document.close()


def _read_page(rendered: tuple[int, ScanPage]) -> _Page:
    number, page = rendered
    try:
        image = clean_page(page, number=number)
    except UnreadableDocument as error:  # one dark page does not sink the others
        return _Page(number, page, [], [], f"страница {number}: {error.reason}")
    if is_blank(image):
        return _Page(number, image, [], [], None)
    if looks_sideways(image):  # text lines run down the page: turn it before reading
        turn = orientation_turn(image.grey, image.dpi)
        if turn:
            log.debug("page %s: turned %s degrees", number, turn)
            image = turned(image, turn)
    read = _read_clean_page(number, image)
    if _doubtful(read.words):
        # a page upside down reads as few, doubtful words: turn it and read again
        turn = orientation_turn(image.grey, image.dpi)
        if turn:
            log.debug("page %s: turned %s degrees", number, turn)
            read = _read_clean_page(number, turned(image, turn))
    return read


def _doubtful(words: list[Word]) -> bool:
    confidences = sorted(w.confidence or 0.0 for w in words)
    return len(words) < _FEW_WORDS or confidences[len(confidences) // 2] < _DOUBTFUL_CONFIDENCE


def _read_clean_page(number: int, image: ScanPage) -> _Page:
    """Ruling lines found and erased; each table cell read alone as a block of text (its lines in
    Tesseract's reading order), then the page outside the tables as Tesseract segments it."""
    horizontal, vertical = rule_masks(image.ink_mask(), image.dpi, covered=image.ink)
    found = grids(horizontal, vertical, image.dpi)
    erased = erase_mask(horizontal, vertical, image.dpi)
    text = image.pixels.copy()
    text[erased] = 255
    cells = [box for grid in found for row in grid.rows for box in row if box is not None]
    with page_reader(text, image.dpi) as reader:
        words, doubtful = [], []
        for box in cells:
            read_box = _shrunk(box)
            inside = mended_words(
                [w for w in reader.words(read_box, block=True) if not _on_edge(w, read_box)]
            )
            if _is_doubtful_cell(inside):
                doubtful.append((box, inside))
            else:
                words += inside
        outside = text.copy()
        margin = round(_TABLE_MARGIN_INCH * image.dpi)  # the remnants of its outer rules too
        for grid in found:
            x0, top, x1, bottom = (round(v * image.dpi / 72) for v in grid.bbox)
            outside[max(0, top - margin) : bottom + margin, max(0, x0 - margin) : x1 + margin] = 255
        reader.set_image(outside)
        outside_words = mended_words(reader.words())
        words += outside_words
        for box, inside in doubtful:
            words += _reread_cell(reader, text, image.dpi, box, inside)
    words = [_in_latin(w, text, image.dpi) if _LATIN_LOOKALIKE.match(w.text) else w for w in words]
    binary = np.where(erased, 0, image.ink_mask()).astype(np.uint8)
    height, width = (v * 72 / image.dpi for v in text.shape[:2])
    edge = _PAPER_EDGE_INCH * 72  # no document prints this close to the edge of the sheet
    words = [
        w for w in words if w.x0 > edge and w.top > edge and w.x1 < width - edge and w.bottom < height - edge
    ]
    words = with_one_size(without_odd_lines(words))
    # outside the tables lines are found by geometry: a date and a number set apart on one row
    # make one tab line, as in a typed PDF, though Tesseract reads them as two
    outside_lines = {w.line for w in outside_words}
    words = [replace(w, line=None) if w.line in outside_lines else w for w in words]
    return _Page(number, replace(image, pixels=text, binary=binary), words, found)


def _in_latin(word: Word, page: np.ndarray, dpi: float) -> Word:
    """A word that looks like an address read in Cyrillic look-alikes (`Би$.воу.ги`), read again
    by the English model; kept as it was unless that read is an address (`bus.gov.ru`)."""
    scale, margin = dpi / 72, round(0.03 * dpi)
    top, bottom = max(0, round(word.top * scale) - margin), round(word.bottom * scale) + margin
    left, right = max(0, round(word.x0 * scale) - margin), round(word.x1 * scale) + margin
    crop = page[top:bottom, left:right]
    if crop.size == 0:
        return word
    latin = read_latin(crop, dpi).strip()
    return replace(word, text=latin) if _ADDRESS.match(latin) else word


def _shrunk(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """A cell box without the band along its borders where an erased rule leaves remnants (text
    keeps a cell padding of about 0.05 inch from the column lines, less from the row lines)."""
    side, edge = _CELL_INSET_INCH * 72, _CELL_EDGE_INCH * 72
    return (box[0] + side, box[1] + edge, box[2] - side, box[3] - edge)


def _on_edge(word: Word, box: tuple[float, float, float, float]) -> bool:
    """A doubtful word touching the edge of the cell's rectangle: what is left of a rule."""
    touches = min(word.x0 - box[0], word.top - box[1], box[2] - word.x1, box[3] - word.bottom) < _EDGE_PT
    if not touches or (word.confidence or 0) >= _DOUBTFUL_CONFIDENCE + 5:
        return False
    core = word.text.strip('.,;:()«»"')
    return not (len(core) >= 4 and is_word(core))  # a word is text, however unsure


def _is_doubtful_cell(words: list[Word]) -> bool:
    """A cell read as nothing, or as a word or two of a few doubtful letters: Tesseract reads
    lonely short text in a cell badly (the `№` column's `1`, a `11` read as `ИП`)."""
    if not words:
        return True
    return (
        len(words) <= 2
        and all(len(w.text) <= 5 for w in words)
        and min(w.confidence or 0 for w in words) < _SURE_CONFIDENCE
    )


def _reread_cell(
    reader: PageReader,
    cleaned: np.ndarray,
    dpi: float,
    box: tuple[float, float, float, float],
    first: list[Word],
) -> list[Word]:
    """A doubtful cell cut down to its ink and read again alone: as it is, smoothed, and at double
    size; the surest read wins (each of them was the only right one on some cell). A cell with
    no ink stays as it was read."""
    scale = 72 / dpi
    margin = round(4 * dpi / TARGET_DPI)
    x0, top, x1, bottom = (round(v / scale) for v in box)
    crop = cleaned[top + margin : bottom - margin, x0 + margin : x1 - margin]
    if crop.size == 0 or int((crop < 128).sum()) < 40:
        return first
    dy, dx, crop = _trimmed(crop)
    left, upper = (x0 + margin + dx) * scale, (top + margin + dy) * scale
    reads = [first]
    variants = (
        (crop, 1),
        (cv2.GaussianBlur(crop, (3, 3), 0.8), 1),  # jagged edges of a binarised scan smoothed
        (cv2.resize(crop, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC), 2),
    )
    for pixels, factor in variants:
        reader.set_image(pixels, dpi=dpi * factor)
        reads.append(
            [
                replace(w, x0=w.x0 + left, x1=w.x1 + left, top=w.top + upper, bottom=w.bottom + upper)
                for w in mended_words(reader.words(block=True))
            ]
        )
    return max(reads, key=_mean_confidence)


def _mean_confidence(words: list[Word]) -> float:
    return sum(w.confidence or 0 for w in words) / len(words) if words else -1.0


def _trimmed(crop: np.ndarray, margin: int = 12) -> tuple[int, int, np.ndarray]:
    """The crop cut down to its ink (rows and columns with at least two dark pixels, so lone
    specks do not count) plus a margin: a `1` alone at the top of a tall cell is lost in the
    white around it. Returns the offsets (rows, columns) of the cut and the cut crop."""
    dark = crop < 128
    rows = np.flatnonzero(dark.sum(axis=1) >= 2)
    columns = np.flatnonzero(dark.sum(axis=0) >= 2)
    if rows.size == 0 or columns.size == 0:
        return 0, 0, crop
    top, left = max(0, rows[0] - margin), max(0, columns[0] - margin)
    bottom, right = rows[-1] + margin + 1, columns[-1] + margin + 1
    return int(top), int(left), crop[top:bottom, left:right]
