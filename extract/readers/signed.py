"""Whether a scanned copy is signed: a round seal and a pen signature on its last page.

A signed copy carries, over its signature block, a round seal (two rings of ink with text on the
ring) and a pen signature (one long looping stroke). Both are found in one of two ways:

- on a colour page (a colour scan, a phone photo): the coloured ink that `cleanup.remove_ink`
  took out of the page is exactly the seal and the signature (print is black, a seal is blue or
  violet; a phone photo's blurred print is too dense to look for rings in);
- on a grey or black-and-white page (an office scan, where colour is gone): the seal is a ring
  of ink that overlaps the text, the signature a large, sparse blob of strokes among compact
  letters. Where most of a faded seal fell below the scanner's threshold, only an arc is left
  and the seal is not claimed.

The seal is a circle of the size of an official seal (about 3-5 cm across) along which ink runs
most of the way round, with little ink just inside and outside that circle; the signature a
connected cluster of thin strokes wider than a word of print, sparse in its box (print is
dense), outside the seal. Typed pages, tables and letterheads have neither, so an unsigned scan
reads `Signed(False, False)`.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from extract.readers.cleanup import ScanPage, scaled
from extract.records import Signed

_SEAL_RADIUS_INCH = (0.45, 1.1)  # official seals are 35-50 mm across
_SCAN_DPI = 75  # circles are looked for at this resolution
_MARK_INCH = 0.3  # a blob of ink this long is larger than any letter: a mark, not print
_MIN_STROKE_DENSITY = 0.04  # a signature's strokes fill at least this share of its box (noise less)
_MIN_INK_PIXELS_AT_300 = 800  # less coloured ink than this is JPEG colour noise, not a mark


@dataclass(frozen=True)
class _Rules:
    """How a seal and a signature are told in one layer of ink."""

    ring_coverage: float  # share of the circle along which ink runs (pixels), or of its sectors
    ring_contrast: float  # ring coverage minus that of the circles just inside and outside it
    sectors: bool  # count the circle's sectors that hold ink (a faded seal alone on its layer)
    signature_height_inch: float  # a signature is at least this tall
    signature_density: float  # ink share of the signature's box at most (print is dense)
    bridge_inch: float  # strokes this close are one cluster


_COLOURED = _Rules(0.4, 0.0, True, 0.12, 0.45, 0.08)
"""The coloured-ink layer holds nothing but marks: a faded half-ring is a seal, any wide
cluster of strokes beside it a signature."""
_PRINTED = _Rules(0.4, 0.2, True, 0.22, 0.3, 0.01)
"""The black-and-white page holds print too (only its large blobs are looked at, see
`marks_among_print`): the ring must stand out from what lies just inside and outside it, and a
signature must be taller and sparser than a printed word."""


def signed_of(page: ScanPage) -> Signed:
    """Seal and signature on a cleaned page (ruling lines erased from its black-and-white
    `binary`; `ink` the coloured-ink mask when the page had colour)."""
    if page.ink is not None:  # a colour page: seals and signatures are coloured ink
        if int(page.ink.sum()) < _MIN_INK_PIXELS_AT_300 * (page.dpi / 300) ** 2:
            return Signed(seal=False, signature=False)
        layer, rules = page.ink.astype(np.uint8), _COLOURED
    else:
        layer, rules = marks_among_print(page.ink_mask(), page.dpi), _PRINTED
    circle = find_seal(layer, page.dpi, rules)
    return Signed(seal=circle is not None, signature=has_signature(layer, page.dpi, circle, rules))


def marks_among_print(ink: np.ndarray, dpi: float) -> np.ndarray:
    """The ink of a black-and-white page without its print: only blobs larger than any letter
    stay (the arcs of a seal, a signature, letters the seal's ring runs through)."""
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    width, height = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    large = (np.maximum(width, height) >= _MARK_INCH * dpi) & (np.minimum(width, height) >= 0.1 * dpi)
    large[0] = False
    return large[labels].astype(np.uint8)


def find_seal(ink: np.ndarray, dpi: float, rules: _Rules = _PRINTED) -> tuple[float, float, float] | None:
    """The (x, y, radius) in pixels of a seal's ring in the ink mask, or None."""
    factor = _SCAN_DPI / dpi
    small = scaled(ink * 255, factor)
    small = cv2.GaussianBlur(small, (3, 3), 0)
    low, high = (round(r * _SCAN_DPI) for r in _SEAL_RADIUS_INCH)
    circles = cv2.HoughCircles(
        small, cv2.HOUGH_GRADIENT, dp=1, minDist=low, param1=120, param2=15, minRadius=low, maxRadius=high
    )
    if circles is None:
        return None
    ringed = (small > 40).astype(np.uint8)
    for x, y, radius in circles[0][:40]:
        if _is_ring(ringed, x, y, radius, rules):
            return x / factor, y / factor, radius / factor
    return None


def _coverage(ink: np.ndarray, x: float, y: float, radius: float, sectors: bool = False) -> float:
    """Share of the circle's points on ink (one pixel of slack), or with `sectors` the share of
    its 36 sectors that hold ink somewhere in a band a fifth of the radius wide."""
    angles = np.linspace(0, 2 * np.pi, 360 if sectors else 180, endpoint=False)
    radii = np.linspace(0.85, 1.08, 6) * radius if sectors else np.array([radius])
    xs = np.round(x + np.outer(radii, np.cos(angles))).astype(int)
    ys = np.round(y + np.outer(radii, np.sin(angles))).astype(int)
    inside = (xs >= 1) & (ys >= 1) & (xs < ink.shape[1] - 1) & (ys < ink.shape[0] - 1)
    if inside.mean() < 0.9:
        return 0.0
    hit = np.zeros(xs.shape, bool)
    for dx in (-1, 0, 1):  # the ring is drawn by hand, the circle fitted
        for dy in (-1, 0, 1):
            hit |= inside & (
                ink[np.clip(ys + dy, 0, ink.shape[0] - 1), np.clip(xs + dx, 0, ink.shape[1] - 1)] > 0
            )
    along = hit.any(axis=0)
    if sectors:
        return float(along.reshape(36, -1).any(axis=1).mean())
    return float(along[inside.all(axis=0)].mean())


def _is_ring(ink: np.ndarray, x: float, y: float, radius: float, rules: _Rules) -> bool:
    """Ink runs most of the way round the circle (best of a radius or two either way), clearly
    more than round the circles a little inside and outside it (print covers all alike)."""
    best = max((radius + d for d in (-2, -1, 0, 1, 2)), key=lambda r: _coverage(ink, x, y, r, rules.sectors))
    ring = _coverage(ink, x, y, best, rules.sectors)
    if ring < rules.ring_coverage:
        return False
    if rules.ring_contrast <= 0:
        return True
    around = max(_coverage(ink, x, y, best * 0.8), _coverage(ink, x, y, best * 1.2))
    return _coverage(ink, x, y, best) - around >= rules.ring_contrast


def has_signature(
    ink: np.ndarray, dpi: float, seal: tuple[float, float, float] | None, rules: _Rules = _PRINTED
) -> bool:
    """A connected cluster of pen strokes: wider than a word, taller than a line of print,
    sparse in its box, and not the seal."""
    mask = ink.copy()
    if seal is not None:
        x, y, radius = seal
        cv2.circle(mask, (round(x), round(y)), round(radius * 1.1), 0, thickness=-1)
    bridge = max(1, round(rules.bridge_inch * dpi))
    joined = cv2.dilate(mask, np.ones((2 * bridge + 1, 2 * bridge + 1), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    for x, y, width, height, _area in stats[1:count]:
        if not (0.6 * dpi <= width <= 4 * dpi and rules.signature_height_inch * dpi <= height <= 2 * dpi):
            continue
        density = float(mask[y : y + height, x : x + width].mean())
        if _MIN_STROKE_DENSITY <= density <= rules.signature_density and width >= 1.3 * height:
            return True
    return False
