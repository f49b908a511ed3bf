"""Tesseract in the process (tesserocr): where its language data is, page orientation, positioned words.

Tesseract is driven through its C++ API rather than run as a program: a page is handed over
once, and then each table cell is read as a rectangle of it, in its own reading order (a cell
read alone cannot have its lines interleaved with the next cell's, which a whole-page read
does when a photo's lines are not quite straight). Loading the Russian model costs more than
reading a cell, so engines are kept in a small pool and reused by the threads that read pages
in parallel (Tesseract releases the GIL while it works). The language data are the Debian
packages' (`tesseract-ocr-rus`, `tesseract-ocr-osd`).
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import queue
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from extract.errors import UnreadableDocument
from extract.readers.layout import Word

MIN_CONFIDENCE = 10
_OSD_DPI = 150  # orientation is read at 150 dpi (at 100 dpi a turned page was misread)
_MIN_OSD_CONFIDENCE = 2.0  # below this Tesseract is guessing (e.g. a page with a few words)
_TESSDATA_CANDIDATES = (
    "/usr/share/tesseract-ocr/*/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
)
_MISSING = (
    "это скан без текстового слоя: для распознавания нужен Tesseract с русским языком "
    "(установите пакеты tesseract-ocr и tesseract-ocr-rus)"
)
_line_numbers = itertools.count(1)
_LEPTONICA_SILENT = 6  # L_SEVERITY_NONE


@lru_cache(maxsize=1)
def tessdata_dir() -> str | None:
    """The folder holding `rus.traineddata`: `$TESSDATA_PREFIX`, else the usual system places."""
    candidates = [os.environ["TESSDATA_PREFIX"]] if os.environ.get("TESSDATA_PREFIX") else []
    for pattern in _TESSDATA_CANDIDATES:
        candidates += sorted(glob.glob(pattern), reverse=True)
    for folder in candidates:
        if (Path(folder) / "rus.traineddata").is_file():
            return folder
    return candidates[0] if candidates else None


@lru_cache(maxsize=1)
def tesseract_languages() -> tuple[str, ...]:
    """The languages whose data are installed (empty when Tesseract cannot be loaded)."""
    folder = tessdata_dir()
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        return ()
    if folder is None:
        return ()
    return tuple(sorted(p.name.removesuffix(".traineddata") for p in Path(folder).glob("*.traineddata")))


def require_tesseract() -> None:
    """Raise `UnreadableDocument` unless Tesseract with Russian data is installed."""
    if "rus" not in tesseract_languages():
        raise UnreadableDocument(_MISSING)


_pools: dict[str, queue.SimpleQueue] = {}


@contextmanager
def _engine(language: str) -> Iterator:
    """A Tesseract engine for `language`, taken from the pool (or made) and given back."""
    import tesserocr

    pool = _pools.setdefault(language, queue.SimpleQueue())
    try:
        api = pool.get_nowait()
    except queue.Empty:
        _quiet_leptonica()
        try:
            api = tesserocr.PyTessBaseAPI(path=tessdata_dir() or "", lang=language)
        except RuntimeError as error:
            raise UnreadableDocument(_MISSING) from error
    try:
        yield api
    finally:
        api.Clear()
        pool.put(api)


@lru_cache(maxsize=1)
def _quiet_leptonica() -> None:
    """Silence Leptonica's own complaints on stderr («Error in boxClipToRectangle: box outside
    rectangle» for a cell at a page's edge): they are about boxes Tesseract tries and drops, and
    the command line's one clear line must not drown in them. Only the wheel's bundled copy,
    the one tesserocr uses, is told."""
    import ctypes

    import tesserocr

    libraries = Path(tesserocr.__file__).resolve().parent.parent / "tesserocr.libs"
    for library in libraries.glob("libleptonica-*.so*"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(str(library)).setMsgSeverity(_LEPTONICA_SILENT)


class PageReader:
    """One grey page image handed to Tesseract once, then read whole or a rectangle at a time.
    Coordinates in and out are PDF points (1/72 inch) on the page."""

    def __init__(self, api, pixels: np.ndarray, dpi: float) -> None:
        self._api = api
        self.dpi = dpi
        self.set_image(pixels)

    def set_image(self, pixels: np.ndarray, dpi: float | None = None) -> None:
        """Hand over another image (of the same page, or a piece of it at `dpi`)."""
        self.dpi = dpi or self.dpi
        self._pixels = np.ascontiguousarray(pixels, dtype=np.uint8)  # Tesseract does not copy it
        height, width = self._pixels.shape
        self._api.SetImageBytes(self._pixels.tobytes(), width, height, 1, width)
        self._api.SetSourceResolution(round(self.dpi))

    def words(
        self, box: tuple[float, float, float, float] | None = None, *, block: bool = False
    ) -> list[Word]:
        """The words in `box` (x0, top, x1, bottom in points; the whole page when None) with their
        boxes, confidence and text line. `block` reads the box as one block of text (a table
        cell); otherwise Tesseract finds the page's columns and paragraphs itself."""
        import tesserocr

        scale = self.dpi / 72
        height, width = self._pixels.shape
        self._api.SetPageSegMode(tesserocr.PSM.SINGLE_BLOCK if block else tesserocr.PSM.AUTO)
        if box is None:
            self._api.SetRectangle(0, 0, width, height)
        else:
            x0, top = max(0, round(box[0] * scale)), max(0, round(box[1] * scale))
            x1, bottom = min(width, round(box[2] * scale)), min(height, round(box[3] * scale))
            if x1 - x0 < 4 or bottom - top < 4:
                return []
            self._api.SetRectangle(x0, top, x1 - x0, bottom - top)
        if not self._api.Recognize():
            return []
        return list(_iterate_words(self._api, 72 / self.dpi))


def _iterate_words(api, scale: float) -> Iterator[Word]:
    """The recognised words, each with its text line's vertical extent (glyph boxes vary with
    ascenders and descenders, which would read as changes of font size and line spacing) and the
    line's number (unique in the process), so that layout can keep a cell's lines as Tesseract
    read them."""
    import tesserocr

    iterator = api.GetIterator()
    if iterator is None:
        return
    line = 0
    line_box = None
    for word in tesserocr.iterate_level(iterator, tesserocr.RIL.WORD):
        if word.Empty(tesserocr.RIL.WORD):
            continue
        if line == 0 or word.IsAtBeginningOf(tesserocr.RIL.TEXTLINE):
            line = next(_line_numbers)
            line_box = word.BoundingBox(tesserocr.RIL.TEXTLINE)
        text = (word.GetUTF8Text(tesserocr.RIL.WORD) or "").strip()
        confidence = max(0.0, float(word.Confidence(tesserocr.RIL.WORD)))
        text = _without_rule_remnants(text, confidence)
        if not text:
            continue
        box = word.BoundingBox(tesserocr.RIL.WORD)
        if box is None:
            continue
        top, bottom = (line_box[1], line_box[3]) if line_box else (box[1], box[3])
        yield Word(
            text=text,
            x0=box[0] * scale,
            top=top * scale,
            x1=box[2] * scale,
            bottom=bottom * scale,
            size=(bottom - top) * scale,
            confidence=confidence,
            line=line,
        )


def read_page_words(pixels: np.ndarray, dpi: float) -> list[Word]:
    """Every word of a grey page image, as Tesseract segments the page."""
    with _engine("rus") as api:
        return PageReader(api, pixels, dpi).words()


def read_latin(pixels: np.ndarray, dpi: float) -> str:
    """The text of a small grey image (one word) read by the English model: an address such as
    `www.bus.gov.ru` that the Russian model reads as Cyrillic look-alikes. Empty when the
    English data are not installed."""
    if "eng" not in tesseract_languages():
        return ""
    with _engine("eng") as api:
        return " ".join(w.text for w in PageReader(api, pixels, dpi).words(block=True))


@contextmanager
def page_reader(pixels: np.ndarray, dpi: float) -> Iterator[PageReader]:
    """A `PageReader` on an engine of the pool, for the time of the `with`."""
    with _engine("rus") as api:
        yield PageReader(api, pixels, dpi)


def with_one_size(words: list[Word]) -> list[Word]:
    """All words of a page one size, the median height of its text lines: the layout rules
    compare gaps and indents with the font size, which OCR boxes give only roughly."""
    lines = {(w.line, w.top, w.bottom) for w in words}  # each line counts once, however long
    heights = sorted(bottom - top for _, top, bottom in lines)
    if not heights:
        return words
    size = heights[len(heights) // 2]
    return [replace(w, size=size) for w in words]


def orientation_turn(grey: np.ndarray, dpi: float) -> int:
    """Degrees clockwise (0, 90, 180 or 270) that make the page upright, by Tesseract's
    orientation and script detection; 0 when the `osd` data is missing or Tesseract is unsure."""
    if "osd" not in tesseract_languages():
        return 0
    import tesserocr

    from extract.readers.cleanup import scaled

    small = np.ascontiguousarray(scaled(grey, _OSD_DPI / dpi), dtype=np.uint8)
    with _engine("osd") as api:
        api.SetPageSegMode(tesserocr.PSM.OSD_ONLY)
        api.SetImageBytes(small.tobytes(), small.shape[1], small.shape[0], 1, small.shape[1])
        api.SetSourceResolution(_OSD_DPI)
        return upright_turn(api.DetectOrientationScript())


def upright_turn(found: dict | None) -> int:
    """The clockwise turn that undoes the rotation Tesseract found (`orient_deg`, the page's own
    clockwise rotation), when its confidence is high enough."""
    if not found:
        return 0
    try:
        rotation = int(found["orient_deg"])
        confidence = float(found["orient_conf"])
    except (KeyError, TypeError, ValueError):
        return 0
    turn = (360 - rotation) % 360
    return turn if turn in (90, 180, 270) and confidence >= _MIN_OSD_CONFIDENCE else 0


_RULE_REMNANTS = "—|_"


def _without_rule_remnants(text: str, confidence: float) -> str:
    """Bits of an erased ruling line read as `—` or `|`: a doubtful word made only of them is
    dropped, and they are cut off the ends of a word with letters (`—ГБУСО`)."""
    if not any(ch.isalnum() for ch in text):
        return "" if confidence < max(MIN_CONFIDENCE, 60) else text
    return text.strip(_RULE_REMNANTS)
