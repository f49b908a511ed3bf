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
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import cv2
import numpy as np

from extract.errors import UnreadableDocument
from extract.readers.cleanup import TARGET_DPI, ScanPage, clean_page, is_blank, looks_sideways, turned
from extract.readers.layout import Grid, PageLayout, Word, page_blocks, text_columns
from extract.readers.lines import Vocabulary, vocabulary_of
from extract.readers.rules import erase_mask, grids, rule_masks
from extract.readers.tesseract import orientation_turn, require_tesseract, tesseract_words
from extract.records import Signed

__all__ = ["OcrResult", "ocr_pages", "require_tesseract"]

log = logging.getLogger("nok.extract.ocr")
_BLANK = "на страницах скана не найден текст: листы пустые"
_FEW_WORDS = 20
_DOUBTFUL_CONFIDENCE = 55


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
    columns = text_columns([(page.width_pt, page.words, page.grids) for page in pages])
    layouts = {
        page.number: page_blocks(
            page.words,
            page.grids,
            page.number,
            (0.0, 0.0, page.width_pt, page.height_pt),
            vocabulary,
            columns.get(round(page.width_pt)),
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
    horizontal, vertical = rule_masks(image.ink_mask(), image.dpi)
    found = grids(horizontal, vertical, image.dpi)
    erased = erase_mask(horizontal, vertical, image.dpi)
    text = image.pixels.copy()
    text[erased] = 255
    words = tesseract_words(text, image.dpi)
    words += _reread_empty_cells(text, image.dpi, found, words)
    binary = np.where(erased, 0, image.ink_mask()).astype(np.uint8)
    return _Page(number, replace(image, pixels=text, binary=binary), words, found)


def _reread_empty_cells(cleaned: np.ndarray, dpi: float, grids: list[Grid], words: list[Word]) -> list[Word]:
    """Tesseract's page segmentation drops lonely short text in narrow cells (the `№` column's
    `1`, `2`, ...). Cells that got no word but hold ink are cut out, stacked into one strip
    and read again as a block of text (one more Tesseract run per page, not one per cell)."""
    scale = 72 / dpi
    margin = round(4 * dpi / TARGET_DPI)
    crops: list[tuple[np.ndarray, float, float]] = []  # pixels, x0 and top of the crop in points
    for grid in grids:
        for row in grid.rows:
            for box in row:
                if box is None or any(_center_in(w, box) for w in words):
                    continue
                x0, top, x1, bottom = (round(v / scale) for v in box)
                crop = cleaned[top + margin : bottom - margin, x0 + margin : x1 - margin]
                if crop.size == 0 or int((crop < 128).sum()) < 40:
                    continue
                dy, dx, crop = _trimmed(crop)
                crops.append((crop, (x0 + margin + dx) * scale, (top + margin + dy) * scale))
    if not crops:
        return []
    gap = 40
    width = max(c.shape[1] for c, _, _ in crops) + 2 * gap
    height = sum(c.shape[0] + gap for c, _, _ in crops) + gap
    strip = np.full((height, width), 255, dtype=np.uint8)
    offsets = []  # (strip top px, strip bottom px, crop x0 pt, crop top pt)
    y = gap
    for crop, x0_pt, top_pt in crops:
        strip[y : y + crop.shape[0], gap : gap + crop.shape[1]] = crop
        offsets.append((y, y + crop.shape[0], x0_pt, top_pt))
        y += crop.shape[0] + gap
    found = []
    # read at double size: lonely numerals in small cells are read far better when larger
    big = cv2.resize(strip, (width * 2, height * 2), interpolation=cv2.INTER_CUBIC)
    for read in tesseract_words(big, dpi, psm="6"):
        word = replace(read, x0=read.x0 / 2, top=read.top / 2, x1=read.x1 / 2, bottom=read.bottom / 2)
        word = replace(word, size=read.size / 2)
        middle = (word.top + word.bottom) / 2 / scale
        for start, end, x0_pt, top_pt in offsets:
            if start - gap / 2 <= middle <= end + gap / 2:
                dx = x0_pt - gap * scale
                dy = top_pt - start * scale
                moved = replace(word, x0=word.x0 + dx, x1=word.x1 + dx)
                found.append(replace(moved, top=word.top + dy, bottom=word.bottom + dy))
                break
    return found


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


def _center_in(word: Word, box: tuple[float, float, float, float]) -> bool:
    cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]
