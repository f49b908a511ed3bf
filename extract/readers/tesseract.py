"""Tesseract, run as a process: which languages are installed, page orientation, positioned words.

Every call feeds one image on standard input (PNM), one thread (`OMP_THREAD_LIMIT=1`: pages
are read in parallel instead), and turns a failure into `UnreadableDocument`.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from functools import lru_cache

import cv2
import numpy as np

from extract.errors import UnreadableDocument
from extract.readers.layout import Word

TIMEOUT_S = 120
_MIN_CONFIDENCE = 10
_PSM = "3"  # automatic page segmentation; words are regrouped by coordinates anyway
_OSD_DPI = 150  # orientation is read at 150 dpi (at 100 dpi a turned page was misread)
_MIN_OSD_CONFIDENCE = 2.0  # below this Tesseract is guessing (e.g. a page with a few words)


@lru_cache(maxsize=1)
def tesseract_languages() -> tuple[str, ...]:
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
    if "rus" not in tesseract_languages():
        raise UnreadableDocument(
            "это скан без текстового слоя: для распознавания нужен Tesseract с русским языком "
            "(установите пакеты tesseract-ocr и tesseract-ocr-rus)"
        )


def _pnm(pixels: np.ndarray) -> bytes:
    ok, encoded = cv2.imencode(".pgm" if pixels.ndim == 2 else ".ppm", pixels)
    if not ok:
        raise UnreadableDocument("не удалось подготовить изображение страницы к распознаванию")
    return encoded.tobytes()


def run_tesseract(pixels: np.ndarray, arguments: list[str]) -> subprocess.CompletedProcess[bytes]:
    """Tesseract on one grey image with `arguments` after `stdin stdout`."""
    try:
        return subprocess.run(
            ["tesseract", "stdin", "stdout", *arguments],
            input=_pnm(pixels),
            capture_output=True,
            timeout=TIMEOUT_S,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise UnreadableDocument("распознавание страницы скана заняло слишком много времени") from error
    except OSError as error:
        raise UnreadableDocument("не удалось запустить Tesseract для распознавания скана") from error


def orientation_turn(grey: np.ndarray, dpi: float) -> int:
    """Degrees clockwise (0, 90, 180 or 270) that make the page upright, by Tesseract's
    orientation and script detection; 0 when the `osd` data is missing or Tesseract is unsure."""
    if "osd" not in tesseract_languages():
        return 0
    from extract.readers.cleanup import scaled

    small = scaled(grey, _OSD_DPI / dpi)
    try:
        result = run_tesseract(small, ["--psm", "0", "-l", "osd", "--dpi", str(_OSD_DPI)])
    except UnreadableDocument:
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


def tesseract_words(pixels: np.ndarray, dpi: float, psm: str | None = None) -> list[Word]:
    """The words Tesseract (`-l rus`, TSV) reads on a grey page image, in points."""
    result = run_tesseract(pixels, ["-l", "rus", "--psm", psm or _PSM, "--dpi", str(round(dpi)), "tsv"])
    if result.returncode != 0:
        raise UnreadableDocument("Tesseract не смог распознать страницу скана")
    return parse_tsv(result.stdout.decode("utf-8", errors="replace"), dpi)


def parse_tsv(tsv: str, dpi: float) -> list[Word]:
    """Tesseract TSV rows of level 5 (words) to `Word`s in points, with their confidence.

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
    scale = 72 / dpi
    size = (heights[len(heights) // 2] if heights else 40.0) * scale
    words = []
    for index, row in enumerate(rows):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        confidence = float(row.get("conf") or -1)
        text = _without_rule_remnants(text, confidence)
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
                confidence=max(0.0, confidence),
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
