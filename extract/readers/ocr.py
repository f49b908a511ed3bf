"""OCR reader for scanned pages: render, deskew, find the ruled tables, Tesseract, then `layout`.

A scanned signed copy has no text layer. Each page is rendered at 300 dpi in greyscale
(pypdfium2, already shipped with pdfplumber), turned upright when it was scanned sideways or
upside down (Tesseract's orientation detection, `--psm 0`, when its `osd` data is installed),
straightened (the skew angle that makes the rows of ink sharpest, searched over ±3°), and its
ruling lines are found on the image (long
thin runs of dark pixels). The lines give the table grid through pdfplumber's own
edges -> intersections -> cells algorithm, so a scanned table is cut exactly like a typed one;
they are then erased so Tesseract reads only the text. Tesseract (`-l rus`, TSV output) gives
positioned words; `layout.page_blocks` turns words and grids into paragraphs and tables.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from PIL import Image

from extract.errors import UnreadableDocument
from extract.readers.layout import Grid, PageLayout, Word, page_blocks, text_columns
from extract.readers.lines import Vocabulary, vocabulary_of

DPI = 300
_POINTS_PER_PIXEL = 72 / DPI
_MAX_SKEW_DEGREES = 3.0
_MIN_RULE_PX = 100  # a ruling line is at least this long (~24 pt): longer than any ink run in text
_MIN_BOUNDED_RULE_PX = 40  # a shorter vertical rule counts when both its ends meet horizontal rules
_TESSERACT_TIMEOUT_S = 120
_MIN_CONFIDENCE = 10
_ERASE = 3  # pixels around a ruling line erased with it (blur and JPEG halo)
_PSM = "3"  # automatic page segmentation; words are regrouped by coordinates anyway
_OSD_SCALE = 2  # orientation is read at 150 dpi (at 100 dpi a turned page was misread)
_MIN_OSD_CONFIDENCE = 2.0  # below this Tesseract is guessing (e.g. a page with a few words)


@dataclass
class _PageImage:
    number: int
    image: Image.Image  # greyscale, deskewed
    width_pt: float
    height_pt: float


def ocr_pages(data: bytes, numbers: list[int]) -> tuple[dict[int, PageLayout], Vocabulary]:
    """OCR the given 1-based pages of a PDF: their layouts and the words they hold."""
    require_tesseract()
    rendered = _render(data, numbers)
    workers = max(1, min(len(rendered), os.cpu_count() or 1, 4))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        images = list(pool.map(_deskew_page, pool.map(_upright_page, rendered)))
        found = list(pool.map(_read_page, images))
    vocabulary = vocabulary_of([w.text for words, _ in found for w in words])
    pages = list(zip(images, found, strict=True))
    columns = text_columns([(page.width_pt, words, grids) for page, (words, grids) in pages])
    layouts = {
        page.number: page_blocks(
            words,
            grids,
            page.number,
            (0.0, 0.0, page.width_pt, page.height_pt),
            vocabulary,
            columns.get(round(page.width_pt)),
        )
        for page, (words, grids) in pages
    }
    return layouts, vocabulary


@lru_cache(maxsize=1)
def _tesseract_languages() -> tuple[str, ...]:
    binary = shutil.which("tesseract")
    if binary is None:
        return ()
    try:
        result = subprocess.run(
            [binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ()
    return tuple(line.strip() for line in result.stdout.splitlines()[1:] if line.strip())


def require_tesseract() -> None:
    """Raise `UnreadableDocument` unless Tesseract with Russian data is installed."""
    if "rus" not in _tesseract_languages():
        raise UnreadableDocument(
            "это скан без текстового слоя: для распознавания нужен Tesseract с русским языком "
            "(установите пакеты tesseract-ocr и tesseract-ocr-rus)"
        )


def _render(data: bytes, numbers: list[int]) -> list[tuple[int, Image.Image, float, float]]:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise UnreadableDocument("файл PDF повреждён: страницы-изображения не отрисовываются") from error
    try:
        out = []
        for number in numbers:
            page = document[number - 1]
            width, height = page.get_size()
            bitmap = page.render(scale=DPI / 72, grayscale=True)
            out.append((number, bitmap.to_pil().convert("L"), float(width), float(height)))
            page.close()
        return out
    finally:
        document.close()


def _upright_page(rendered: tuple[int, Image.Image, float, float]) -> tuple[int, Image.Image, float, float]:
    """The page turned so that its text reads left to right, top to bottom (page size swapped
    with a quarter turn)."""
    number, image, width, height = rendered
    turn = orientation_turn(image)
    if turn == 0:
        return rendered
    upright = image.rotate(-turn, expand=True, fillcolor=255)
    return (number, upright, height, width) if turn in (90, 270) else (number, upright, width, height)


def orientation_turn(image: Image.Image) -> int:
    """Degrees clockwise (0, 90, 180 or 270) that make the page upright, by Tesseract's
    orientation and script detection; 0 when the `osd` data is missing or Tesseract is unsure."""
    if "osd" not in _tesseract_languages():
        return 0
    small = image.resize((image.width // _OSD_SCALE, image.height // _OSD_SCALE), Image.Resampling.BILINEAR)
    buffer = io.BytesIO()
    small.save(buffer, format="PPM")
    try:
        result = subprocess.run(
            ["tesseract", "stdin", "stdout", "--psm", "0", "-l", "osd", "--dpi", str(DPI // _OSD_SCALE)],
            input=buffer.getvalue(),
            capture_output=True,
            timeout=_TESSERACT_TIMEOUT_S,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            check=False,
        )
    except (subprocess.TimeoutExpired, OSError):
        return 0
    return parse_osd(result.stdout.decode("utf-8", errors="replace")) if result.returncode == 0 else 0


def parse_osd(report: str) -> int:
    """The `Rotate:` of Tesseract's OSD report when its orientation confidence is high enough."""
    fields = dict(line.split(":", 1) for line in report.splitlines() if ":" in line)
    try:
        turn = int(fields["Rotate"].strip())
        confidence = float(fields["Orientation confidence"].strip())
    except (KeyError, ValueError):
        return 0
    return turn if turn in (90, 180, 270) and confidence >= _MIN_OSD_CONFIDENCE else 0


def _deskew_page(rendered: tuple[int, Image.Image, float, float]) -> _PageImage:
    number, image, width, height = rendered
    angle = estimate_skew(image)
    if abs(angle) >= 0.02:
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    return _PageImage(number, image, width, height)


def estimate_skew(image: Image.Image) -> float:
    """The rotation (degrees, counter-clockwise as in `Image.rotate`) that straightens the page:
    the angle whose horizontal projection of ink is sharpest (text rows and rules line up)."""
    factor = max(1, image.width // 1200)  # ~100 dpi keeps 0.05° visible on a page-wide rule
    small = image.resize((image.width // factor, image.height // factor), Image.Resampling.BILINEAR)
    ink = Image.fromarray(((np.asarray(small) < _otsu(np.asarray(small))) * 255).astype(np.uint8))

    def sharpness(angle: float) -> float:
        rows = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST), dtype=np.float32).sum(axis=1)
        return float(np.square(np.diff(rows)).sum())

    coarse = np.arange(-_MAX_SKEW_DEGREES, _MAX_SKEW_DEGREES + 1e-9, 0.25)
    best = max(coarse, key=sharpness)
    fine = np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05)
    return round(float(max(fine, key=sharpness)), 2)


def _otsu(pixels: np.ndarray) -> int:
    histogram = np.bincount(pixels.ravel(), minlength=256).astype(np.float64)
    total = histogram.sum()
    weights = np.cumsum(histogram)
    means = np.cumsum(histogram * np.arange(256))
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (means[-1] * weights / total - means) ** 2 / (weights * (total - weights))
    between = np.nan_to_num(between)
    return int(np.argmax(between))


def _read_page(page: _PageImage) -> tuple[list[Word], list[Grid]]:
    pixels = np.asarray(page.image)
    ink = pixels < _otsu(pixels)
    horizontal = _rule_mask(ink)
    vertical = _rule_mask(ink.T).T
    vertical |= _bounded_verticals(ink, horizontal, vertical)
    grids = _grids(horizontal, vertical)
    cleaned = pixels.copy()
    cleaned[_dilate(horizontal | vertical)] = 255
    words = _tesseract_words(cleaned)
    words += _reread_empty_cells(cleaned, grids, words)
    return words, grids


def _reread_empty_cells(cleaned: np.ndarray, grids: list[Grid], words: list[Word]) -> list[Word]:
    """Tesseract's page segmentation drops lonely short text in narrow cells (the `№` column's
    `1`, `2`, ...). Cells that got no word but hold ink are cut out, stacked into one strip
    and read again as a block of text (one more Tesseract run per page, not one per cell)."""
    scale = _POINTS_PER_PIXEL
    crops: list[tuple[np.ndarray, float, float]] = []  # pixels, x0 and top of the crop in points
    for grid in grids:
        for row in grid.rows:
            for box in row:
                if box is None or any(_center_in(w, box) for w in words):
                    continue
                x0, top, x1, bottom = (round(v / scale) for v in box)
                crop = cleaned[top + 4 : bottom - 4, x0 + 4 : x1 - 4]
                if crop.size == 0 or int((crop < 128).sum()) < 40:
                    continue
                dy, dx, crop = _trimmed(crop)
                crops.append((crop, (x0 + 4 + dx) * scale, (top + 4 + dy) * scale))
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
    big = np.asarray(Image.fromarray(strip).resize((width * 2, height * 2), Image.Resampling.BICUBIC))
    for read in _tesseract_words(big, psm="6"):
        word = Word(read.text, read.x0 / 2, read.top / 2, read.x1 / 2, read.bottom / 2, read.size / 2)
        middle = (word.top + word.bottom) / 2 / scale
        for start, end, x0_pt, top_pt in offsets:
            if start - gap / 2 <= middle <= end + gap / 2:
                dx = x0_pt - gap * scale
                dy = top_pt - start * scale
                found.append(
                    Word(word.text, word.x0 + dx, word.top + dy, word.x1 + dx, word.bottom + dy, word.size)
                )
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


def _bounded_verticals(ink: np.ndarray, horizontal: np.ndarray, vertical: np.ndarray) -> np.ndarray:
    """Vertical rules too short for `_MIN_RULE_PX` whose two ends both meet a horizontal rule:
    the column lines of a one-line header row standing on a merged section row. A letter's
    stroke is as short but never runs from one ruling line to the next."""
    candidates = _rule_mask(ink.T, _MIN_BOUNDED_RULE_PX).T & ~_dilate(vertical, 2)
    found = np.zeros_like(ink)
    reach = _ERASE + 2
    height, width = ink.shape
    for column, top, bottom in _runs(candidates.T):
        left, right = max(0, column - reach), min(width, column + reach + 1)
        meets_top = horizontal[max(0, top - reach) : top + reach + 1, left:right].any()
        meets_bottom = horizontal[max(0, bottom - reach) : min(height, bottom + reach + 1), left:right].any()
        if meets_top and meets_bottom:
            found[top:bottom, column] = candidates[top:bottom, column]
    return found


def _runs(mask: np.ndarray) -> list[tuple[int, int, int]]:
    """(row, first column, column after the last) of each horizontal run of pixels in `mask`;
    pass `mask.T` for vertical runs (then: column, first row, row after the last)."""
    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    change = np.diff(padded, axis=1)
    starts = np.argwhere(change == 1)
    ends = np.argwhere(change == -1)
    return [(int(line), int(a), int(b)) for (line, a), (_, b) in zip(starts, ends, strict=True)]


def _rule_mask(ink: np.ndarray, min_px: int = _MIN_RULE_PX) -> np.ndarray:
    """Pixels on horizontal runs of ink at least `min_px` long (a run may wander by one
    row: the ink is first thickened vertically, which a residual skew needs)."""
    thick = ink.copy()
    thick[1:] |= ink[:-1]
    thick[:-1] |= ink[1:]
    padded = np.zeros((thick.shape[0], thick.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = thick
    change = np.diff(padded, axis=1)
    starts = np.argwhere(change == 1)
    ends = np.argwhere(change == -1)
    mask = np.zeros_like(ink)
    lengths = ends[:, 1] - starts[:, 1]
    for (row, x0), length in zip(starts[lengths >= min_px], lengths[lengths >= min_px], strict=True):
        mask[row, x0 : x0 + length] = ink[row, x0 : x0 + length]
    return mask


def _dilate(mask: np.ndarray, radius: int | None = None) -> np.ndarray:
    radius = _ERASE if radius is None else radius
    grown = mask.copy()
    for shift in range(1, radius + 1):
        grown[shift:] |= mask[:-shift]
        grown[:-shift] |= mask[shift:]
        grown[:, shift:] |= mask[:, :-shift]
        grown[:, :-shift] |= mask[:, shift:]
    return grown


def _segments(mask: np.ndarray, orientation: str) -> list[dict]:
    """Rule segments as pdfplumber edges (in points): one per run of rule pixels per row."""
    edges = []
    scale = _POINTS_PER_PIXEL
    for line, a, b in _runs(mask if orientation == "h" else mask.T):
        if b - a < (_MIN_RULE_PX if orientation == "h" else _MIN_BOUNDED_RULE_PX):
            continue
        if orientation == "h":
            edges.append(
                {"x0": a * scale, "x1": b * scale, "top": line * scale, "bottom": line * scale,
                 "width": (b - a) * scale, "height": 0, "orientation": "h"}
            )  # fmt: skip
        else:
            edges.append(
                {"x0": line * scale, "x1": line * scale, "top": a * scale, "bottom": b * scale,
                 "width": 0, "height": (b - a) * scale, "orientation": "v"}
            )  # fmt: skip
    return edges


def _grids(horizontal: np.ndarray, vertical: np.ndarray) -> list[Grid]:
    from pdfplumber.table import (
        Table,
        cells_to_tables,
        edges_to_intersections,
        intersections_to_cells,
        merge_edges,
    )

    edges = _segments(horizontal, "h") + _segments(vertical, "v")
    if not edges:
        return []
    edges = merge_edges(edges, snap_x_tolerance=3, snap_y_tolerance=3, join_x_tolerance=4, join_y_tolerance=4)
    edges = [
        e
        for e in edges
        if e["width"] >= _MIN_RULE_PX * _POINTS_PER_PIXEL
        or e["height"] >= _MIN_BOUNDED_RULE_PX * _POINTS_PER_PIXEL
    ]
    intersections = edges_to_intersections(edges, x_tolerance=3, y_tolerance=3)
    cells = intersections_to_cells(intersections)
    grids = []
    for table_cells in cells_to_tables(cells):
        if len(table_cells) < 2:
            continue
        table = Table(None, table_cells)
        rows = tuple(tuple(row.cells) for row in table.rows)
        grids.append(Grid(bbox=tuple(table.bbox), rows=rows))
    return grids


def _tesseract_words(pixels: np.ndarray, psm: str | None = None) -> list[Word]:
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="PPM")
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        result = subprocess.run(
            [
                "tesseract",
                "stdin",
                "stdout",
                "-l",
                "rus",
                "--psm",
                psm or _PSM,
                "--dpi",
                str(DPI),
                "tsv",
            ],
            input=buffer.getvalue(),
            capture_output=True,
            timeout=_TESSERACT_TIMEOUT_S,
            env=environment,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise UnreadableDocument("распознавание страницы скана заняло слишком много времени") from error
    except OSError as error:
        raise UnreadableDocument("не удалось запустить Tesseract для распознавания скана") from error
    if result.returncode != 0:
        raise UnreadableDocument("Tesseract не смог распознать страницу скана")
    return _parse_tsv(result.stdout.decode("utf-8", errors="replace"))


def _parse_tsv(tsv: str) -> list[Word]:
    """Tesseract TSV rows of level 5 (words) to `Word`s in points.

    Glyph boxes vary with ascenders and descenders, which would read as changes of font size
    and of line spacing; so every word takes its text line's box (level 4) vertically, and all
    words of the page one size: the median line height.
    """
    rows = list(csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE))
    line_box: dict[tuple[str, ...], tuple[float, float]] = {}
    for row in rows:
        if row.get("level") == "4":
            key = (row["page_num"], row["block_num"], row["par_num"], row["line_num"])
            line_box[key] = (float(row["top"]), float(row["top"]) + float(row["height"]))
    heights = sorted(bottom - top for top, bottom in line_box.values())
    scale = _POINTS_PER_PIXEL
    size = (heights[len(heights) // 2] if heights else 40.0) * scale
    words = []
    for index, row in enumerate(rows):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        text = _without_rule_remnants(text, float(row.get("conf") or -1))
        if not text:
            continue
        following = rows[index + 1] if index + 1 < len(rows) else None
        next_text = (
            (following.get("text") or "").strip() if following and following.get("level") == "5" else ""
        )
        text = fix_roman_numeral(text, next_text, first_in_line=row.get("word_num") == "1")
        left, width = float(row["left"]), float(row["width"])
        key = (row["page_num"], row["block_num"], row["par_num"], row["line_num"])
        top, bottom = line_box.get(key, (float(row["top"]), float(row["top"]) + float(row["height"])))
        words.append(
            Word(
                text=text,
                x0=left * scale,
                top=top * scale,
                x1=(left + width) * scale,
                bottom=bottom * scale,
                size=size,
            )
        )
    return words


_RULE_REMNANTS = "—|_"


def _without_rule_remnants(text: str, confidence: float) -> str:
    """Bits of an erased ruling line read as `—` or `|`: a doubtful word made only of them is
    dropped, and they are cut off the ends of a word with letters (`—ГБУСО`)."""
    if not any(ch.isalnum() for ch in text):
        return "" if confidence < max(_MIN_CONFIDENCE, 60) else text
    return text.strip(_RULE_REMNANTS)


# Tesseract's Russian model has no Latin letters, so the Roman numerals of quarters and section
# headings come back as look-alike Cyrillic (`IV квартал` -> `ГУ квартал`, `II.` -> `П.`).
_ROMAN_LOOKALIKES = {
    "Г": "I", "Т": "I", "|": "I", "П": "II", "Ш": "III", "ГП": "III", "ГУ": "IV",
    "ТУ": "IV", "1У": "IV", "ІУ": "IV", "У": "V", "УГ": "VI", "УП": "VII", "УШ": "VIII",
    "ГХ": "IX", "Х": "X",
}  # fmt: skip
_PERIOD_WORDS = ("квартал", "кв.", "полугод")


def fix_roman_numeral(text: str, next_text: str, *, first_in_line: bool) -> str:
    """A look-alike of a Roman numeral read back as the numeral, only where a numeral belongs:
    before `квартал`/`полугодие`, or as a heading number (`П.` first in its line, followed by
    a capitalised word)."""
    if next_text.lower().startswith(_PERIOD_WORDS) and text in _ROMAN_LOOKALIKES:
        return _ROMAN_LOOKALIKES[text]
    bare = text[:-1]
    if first_in_line and text.endswith(".") and bare in _ROMAN_LOOKALIKES and next_text[:1].isupper():
        return _ROMAN_LOOKALIKES[bare] + "."
    return text
