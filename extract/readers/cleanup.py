"""Image clean-up before OCR: a chain of small named steps, each a page image in, a page image out.

The model is OCRmyPDF's pipeline (each step named in the log and switchable), built on OpenCV
instead of OCRmyPDF + unpaper: the figures in `benchmarks/ocr_speed.py` and the note of issue
10 show why. In short: unpaper works on a whole page as one black-and-white image, knows no
colour (the blue seal and signature would be binarised into the text under them), does not
undo a phone photo's perspective, and costs a process and a PNM round trip per page; OCRmyPDF
then runs Tesseract once more for its own text layer. OpenCV does every step below in
milliseconds on the array already in memory, and keeps the coloured-ink mask that tells a
signed copy.

The chain (`STEPS`, in order):

- `page`: a photo of a page on a desk: find the page (the large bright quadrilateral) and
  warp it flat (undo the perspective); a scan with white margins passes unchanged;
- `ink`: coloured ink (a blue or violet seal, a pen signature) taken out by colour: its
  pixels are read in their own brightest channel, where ink is light and black text under it
  stays dark; the mask of the ink is kept on the page for `signed.py`;
- `light`: uneven light and tinted paper evened out (the page divided by its background);
- `deskew`: the page straightened (the angle that makes the rows of ink sharpest);
- `upsample`: pages below 300 dpi enlarged to 300 dpi, what Tesseract reads best;
- `binarise`: black and white by a local (adaptive) threshold;
- `despeckle`: specks of dust and noise (ink blobs far smaller than a full stop) removed.

`NOK_OCR_SKIP` (comma-separated step names) switches steps off, for measuring what each
one is worth; `clean_page(page, skip=...)` does the same in code.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

import cv2
import numpy as np

from extract.errors import UnreadableDocument

log = logging.getLogger("nok.extract.ocr")

TARGET_DPI = 300
_MAX_SKEW_DEGREES = 3.0
_DESK_MAX_BRIGHTNESS = 0.55  # a border darker than this share of the page's brightness is a desk
_MIN_PAPER_BRIGHTNESS = 120  # the brightest tenth of a page with paper on it is at least this
_NO_PAGE = "на фотографии не найден лист документа: снимите страницу целиком, на контрастном фоне"
_MIN_PAGE_SHARE = 0.25  # a page found in a photo covers at least this share of it
_INK_CHROMA = 20  # max - min of R, G, B on paper-balanced colour: above it a pixel is coloured ink
_SPECK_AREA_AT_300 = 10  # ink blobs smaller than this many pixels at 300 dpi are specks
_SPECK_REACH_INCH = 0.012  # ... when no larger ink is this near (else a piece of a letter)
_LOCAL_MARGIN = 25  # ink is this much darker than its neighbourhood: a blurred halo is not
_GLOBAL_MARGIN = 20  # grey levels between Otsu's cut and what is surely ink (or surely paper)
_BLANK_INK_SHARE = 0.0005  # less ink than this share of the page: a blank page


@dataclass(frozen=True)
class ScanPage:
    """A page image on its way to Tesseract. `pixels` is grey (H, W) or RGB (H, W, 3) uint8;
    `ink` is the mask of coloured ink taken out (None until `remove_ink` ran or on a grey page);
    `binary` the black-and-white page (uint8, 1 = ink) once `binarise` ran."""

    pixels: np.ndarray
    dpi: float
    ink: np.ndarray | None = None
    binary: np.ndarray | None = None

    def ink_mask(self) -> np.ndarray:
        """The black-and-white page (1 = ink): `binary`, or the grey page cut at mid-grey."""
        return self.binary if self.binary is not None else (self.grey < 128).astype(np.uint8)

    @property
    def grey(self) -> np.ndarray:
        if self.pixels.ndim == 2:
            return self.pixels
        return cv2.cvtColor(self.pixels, cv2.COLOR_RGB2GRAY)


Step = Callable[[ScanPage], ScanPage]


def _warp_all(page: ScanPage, warp: Callable[[np.ndarray, int], np.ndarray], dpi: float) -> ScanPage:
    """Apply one geometric change to the pixels (white fill) and to the masks alike."""
    fill = 255 if page.pixels.ndim == 2 else (255, 255, 255)
    pixels = warp(page.pixels, fill)
    ink = None if page.ink is None else warp(page.ink.astype(np.uint8), 0) > 0
    binary = None if page.binary is None else warp(page.binary, 0)
    return replace(page, pixels=pixels, ink=ink, binary=binary, dpi=dpi)


_TURNS = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


def turned(page: ScanPage, degrees: int) -> ScanPage:
    """The page turned clockwise by a quarter, half or three-quarter turn, masks with it."""
    code = _TURNS[degrees]
    return _warp_all(page, lambda pixels, _fill: cv2.rotate(pixels, code), page.dpi)


def scaled(pixels: np.ndarray, factor: float, interpolation: int = cv2.INTER_AREA) -> np.ndarray:
    """The image resized by `factor` (area averaging when shrinking by default)."""
    size = (max(1, round(pixels.shape[1] * factor)), max(1, round(pixels.shape[0] * factor)))
    return cv2.resize(pixels, size, interpolation=interpolation)


# ---- page: find the page in a photo and undo the perspective ----------------------------------


def find_page(page: ScanPage) -> ScanPage:
    """A page photographed on a darker desk, warped flat to its own rectangle; a scan (bright to
    its edges) unchanged. No page in a photo of something dark raises `UnreadableDocument`."""
    grey = page.grey
    factor = max(1.0, max(grey.shape) / 800)
    small = cv2.GaussianBlur(scaled(grey, 1 / factor), (5, 5), 0)
    brightness = float(np.percentile(small, 90))
    if brightness < 60:
        raise UnreadableDocument("страница скана целиком тёмная: на ней нет читаемого листа")
    border = np.concatenate([small[:3], small[-3:], small[:, :3].T, small[:, -3:].T], axis=None)
    if np.median(border) > _DESK_MAX_BRIGHTNESS * brightness:
        if brightness < _MIN_PAPER_BRIGHTNESS:  # even at its brightest no paper: a desk, a wall
            raise UnreadableDocument(_NO_PAGE)
        return page  # bright to the edges: a scan, or a photo cropped to the page
    _, bright = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    bright = cv2.morphologyEx(bright, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    largest = max(contours, key=cv2.contourArea, default=None)
    if largest is None or cv2.contourArea(largest) < _MIN_PAGE_SHARE * small.size:
        raise UnreadableDocument(_NO_PAGE)
    corners = _quadrilateral(largest).astype(np.float32) * factor
    top = np.linalg.norm(corners[1] - corners[0])
    bottom = np.linalg.norm(corners[2] - corners[3])
    left = np.linalg.norm(corners[3] - corners[0])
    right = np.linalg.norm(corners[2] - corners[1])
    width, height = round(max(top, bottom)), round(max(left, right))
    target = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    matrix = cv2.getPerspectiveTransform(corners, target)
    log.debug("page found in a photo: %s", corners.round().tolist())

    def warp(pixels: np.ndarray, fill) -> np.ndarray:
        return cv2.warpPerspective(pixels, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=fill)

    return _warp_all(page, warp, page.dpi)


def _quadrilateral(contour: np.ndarray) -> np.ndarray:
    """The four corners (top-left, top-right, bottom-right, bottom-left) of a page outline: its
    polygon when it simplifies to four points, else the hull points nearest the extremes."""
    hull = cv2.convexHull(contour)
    perimeter = cv2.arcLength(hull, True)
    for share in (0.01, 0.02, 0.04):
        polygon = cv2.approxPolyDP(hull, share * perimeter, True)
        if len(polygon) == 4:
            points = polygon.reshape(4, 2).astype(np.float32)
            break
    else:
        points = hull.reshape(-1, 2).astype(np.float32)
    sums, diffs = points.sum(axis=1), points[:, 0] - points[:, 1]
    return np.array(
        [points[np.argmin(sums)], points[np.argmax(diffs)], points[np.argmax(sums)], points[np.argmin(diffs)]]
    )


# ---- ink: coloured ink out, its mask kept -----------------------------------------------------


def remove_ink(page: ScanPage) -> ScanPage:
    """Grey page without the coloured ink of seals and signatures. The page is first balanced to
    its paper (tinted paper and a warm lamp become white); pixels whose R, G and B then stand
    far apart are coloured ink and take their brightest channel: blue ink over paper is light
    there, black text under the ink stays dark. A grey page passes unchanged (no ink mask)."""
    if page.pixels.ndim == 2:
        return page
    sample = page.pixels[::8, ::8].reshape(-1, 3)
    paper = np.maximum(np.percentile(sample, 90, axis=0), 1.0)
    balanced = np.empty_like(page.pixels)
    for channel in range(3):
        table = np.clip(np.arange(256) * (255 / paper[channel]), 0, 255).astype(np.uint8)
        balanced[..., channel] = cv2.LUT(page.pixels[..., channel], table)
    channels = cv2.split(balanced)
    top = cv2.max(cv2.max(channels[0], channels[1]), channels[2])
    bottom = cv2.min(cv2.min(channels[0], channels[1]), channels[2])
    chroma = cv2.subtract(top, bottom)
    ink = _without_specks(chroma > _INK_CHROMA, page.dpi)  # JPEG's colour fringes of black print
    grey = cv2.cvtColor(balanced, cv2.COLOR_RGB2GRAY)
    # the fringe of an ink stroke is half coloured: take it out with the stroke
    near = cv2.dilate(ink.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    fringe = near & (chroma > _INK_CHROMA // 2)
    grey[fringe] = top[fringe]
    return replace(page, pixels=grey, ink=ink)


def _without_specks(mask: np.ndarray, dpi: float, area_at_300: float = 16) -> np.ndarray:
    """The mask without its blobs smaller than `area_at_300` pixels (scaled to `dpi`)."""
    limit = max(2, round(area_at_300 * (dpi / TARGET_DPI) ** 2))
    _, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    keep = stats[:, cv2.CC_STAT_AREA] >= limit
    keep[0] = False
    return keep[labels]


# ---- light: even out uneven light and tinted paper --------------------------------------------


def even_light(page: ScanPage) -> ScanPage:
    """The page divided by its own background (the paper's brightness around each point, text
    closed over), so shadows, a lamp's gradient and tinted paper all become white paper."""
    grey = page.grey
    factor = max(1, round(page.dpi / 50))  # the background is smooth: estimate it at ~50 dpi
    small = scaled(grey, 1 / factor)
    size = max(3, round(page.dpi / factor * 0.12) | 1)  # wider than a letter, a rule's thickness
    background = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))
    background = cv2.GaussianBlur(background, (0, 0), size)
    background = cv2.resize(background, (grey.shape[1], grey.shape[0]), interpolation=cv2.INTER_LINEAR)
    flat = cv2.divide(grey, np.maximum(background, 1), scale=255)
    return replace(page, pixels=flat)


# ---- deskew -----------------------------------------------------------------------------------


def deskew(page: ScanPage) -> ScanPage:
    """The page turned by `estimate_skew`'s angle (nothing under 0.02 degrees)."""
    angle = estimate_skew(page.grey, page.dpi)
    if abs(angle) < 0.02:
        return page
    height, width = page.pixels.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)

    def warp(pixels: np.ndarray, fill) -> np.ndarray:
        return cv2.warpAffine(pixels, matrix, (width, height), flags=cv2.INTER_CUBIC, borderValue=fill)

    return _warp_all(page, warp, page.dpi)


def estimate_skew(grey: np.ndarray, dpi: float = TARGET_DPI) -> float:
    """The rotation (degrees, counter-clockwise) that straightens the page: the angle whose
    projections of ink are sharpest (text rows and rules line up; columns count too, so a page
    lying sideways is straightened as well), searched over ±3 degrees at ~100 dpi, then to 0.05
    degrees."""
    small = scaled(grey, min(1.0, 100 / dpi))
    _, ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    height, width = ink.shape
    centre = (width / 2, height / 2)

    def sharpness(angle: float) -> float:
        matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
        rotated = cv2.warpAffine(ink, matrix, (width, height), flags=cv2.INTER_NEAREST)
        rows = rotated.sum(axis=1, dtype=np.float64)
        columns = rotated.sum(axis=0, dtype=np.float64)
        return float(np.square(np.diff(rows)).sum() + np.square(np.diff(columns)).sum())

    coarse = np.arange(-_MAX_SKEW_DEGREES, _MAX_SKEW_DEGREES + 1e-9, 0.25)
    best = max(coarse, key=sharpness)
    fine = np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05)
    return round(float(max(fine, key=sharpness)), 2)


def looks_sideways(page: ScanPage) -> bool:
    """Whether the page's lines of text run down it (a page fed in sideways): its ink, spread
    along the columns, varies more sharply than along the rows."""
    small = scaled(page.ink_mask() * 255, min(1.0, 50 / page.dpi))
    rows = small.sum(axis=1, dtype=np.float64)
    columns = small.sum(axis=0, dtype=np.float64)
    row_sharpness = np.square(np.diff(rows)).sum() / max(len(rows), 1)
    column_sharpness = np.square(np.diff(columns)).sum() / max(len(columns), 1)
    return column_sharpness > 1.5 * row_sharpness


# ---- upsample ---------------------------------------------------------------------------------


def upsample(page: ScanPage) -> ScanPage:
    """A page below 300 dpi enlarged (bicubic) to 300 dpi: Tesseract reads letters best at
    20-40 pixels of height, which 10-14 pt text has at 300 dpi."""
    if page.dpi >= TARGET_DPI - 1:
        return page
    factor = TARGET_DPI / page.dpi

    def warp(pixels: np.ndarray, fill) -> np.ndarray:
        return scaled(pixels, factor, cv2.INTER_CUBIC if fill else cv2.INTER_NEAREST)

    return _warp_all(page, warp, TARGET_DPI)


# ---- binarise ---------------------------------------------------------------------------------


def binarise(page: ScanPage) -> ScanPage:
    """The black-and-white page beside the grey one. On the evened page (`even_light`) paper is
    white everywhere, so a pixel is ink when it is clearly darker than Otsu's cut between paper
    and ink; and, adaptively, a faint mark on light paper (a thin rule, pale print) is ink when
    it is clearly darker than its neighbourhood (a window a fifth of an inch wide). The local
    test alone loses a thin rule beside bold print (the window is dark there) and fattens
    blurred print into its halo, so it only adds marks a little past the global cut. Ruling
    lines and seals are found on this page; Tesseract reads the grey one, which it binarises
    better itself (measured: word recall 0.99 against 0.96 on a phone page)."""
    grey = page.grey
    otsu, _ = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    otsu = min(max(otsu, 100.0), 200.0)  # a page of nearly all paper gives Otsu nothing to split
    block = round(page.dpi / 5) | 1
    local = cv2.adaptiveThreshold(
        grey, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, _LOCAL_MARGIN
    )
    ink = (grey < otsu - _GLOBAL_MARGIN) | ((local > 0) & (grey < otsu + _GLOBAL_MARGIN))
    return replace(page, pixels=grey, binary=ink.astype(np.uint8))


# ---- despeckle --------------------------------------------------------------------------------


def despeckle(page: ScanPage) -> ScanPage:
    """Ink blobs far smaller than a full stop (dust, scanner noise) and standing alone turned
    white, on the grey and the black-and-white page alike; a small piece of a letter (the dot
    of `й`, a stroke broken by low ink) is near other ink and stays."""
    ink = page.ink_mask()
    large = _without_specks(ink, page.dpi, _SPECK_AREA_AT_300)
    reach = max(1, round(_SPECK_REACH_INCH * page.dpi))
    near_large = cv2.dilate(large.astype(np.uint8), np.ones((2 * reach + 1, 2 * reach + 1), np.uint8))
    specks = ink.astype(bool) & ~large & ~near_large.astype(bool)
    pixels = page.grey.copy()
    pixels[specks] = 255
    return replace(page, pixels=pixels, binary=np.where(specks, 0, ink).astype(np.uint8))


STEPS: tuple[tuple[str, Step], ...] = (
    ("page", find_page),
    ("ink", remove_ink),
    ("light", even_light),
    ("deskew", deskew),
    ("upsample", upsample),
    ("binarise", binarise),
    ("despeckle", despeckle),
)


def skipped_steps() -> frozenset[str]:
    """The steps switched off by `NOK_OCR_SKIP` (comma-separated names)."""
    return frozenset(name.strip() for name in os.environ.get("NOK_OCR_SKIP", "").split(",") if name.strip())


def clean_page(page: ScanPage, *, skip: frozenset[str] | None = None, number: int | None = None) -> ScanPage:
    """Run the chain; every step that runs is logged with its name and time."""
    skip = skipped_steps() if skip is None else skip
    for name, step in STEPS:
        if name in skip:
            continue
        started = time.perf_counter()
        page = step(page)
        log.debug("page %s: %s %.0f ms", number, name, (time.perf_counter() - started) * 1000)
    if page.pixels.ndim == 3:
        page = replace(page, pixels=page.grey)
    return page


def is_blank(page: ScanPage) -> bool:
    """Whether a cleaned page holds (almost) no ink: a blank sheet, or nothing left but specks."""
    return float(page.ink_mask().mean()) < _BLANK_INK_SHARE
