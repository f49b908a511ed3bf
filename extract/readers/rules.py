"""Ruling lines of tables found on a cleaned (black-and-white) page image, and the grids they make.

A ruling line is ink that runs far in one direction: a morphological opening with a long, one
pixel thin kernel keeps it and drops every letter. Lines in a scan are broken (low ink, a seal
taken out over them, specks removed) and a little thick or wavy, so the opening runs in three
steps: the ink thickened by a pixel across the line (a residual skew), tiny breaks closed, then
only what is long enough to be a rule; pieces of one line broken wider apart (under a seal) are
joined as collinear edges. Short column lines count when both their ends meet a
horizontal rule (a one-line header row standing on a merged section row). The lines become
pdfplumber edges, and pdfplumber's own edges -> intersections -> cells algorithm gives the grid,
so a scanned table is cut exactly like a typed one.
"""

from __future__ import annotations

import cv2
import numpy as np

from extract.readers.layout import Grid

_MIN_RULE_INCH = 1 / 3  # a ruling line is at least this long (~24 pt): longer than any ink run in text
_MIN_BOUNDED_RULE_INCH = 0.13  # a shorter column line counts when both its ends meet horizontal rules
_STROKE_INCH = 0.04  # a stroke across a rule at least this long is a letter's or a column line's
_MAX_CROSSED_SHARE = 0.3  # a rule is crossed by such strokes along at most this share of it
_GROUP_INCH = 0.15  # pieces of a line this far apart are judged as one line
_GAP_INCH = 0.01  # a break in a rule bridged at once (a speck of low ink); wider ones in `_joined`
_SHORT_GAP_INCH = 0.02  # ... in a short column line (wider would join the tops of a row of letters)
ERASE_INCH = 0.01  # ink around a ruling line erased with it (blur and JPEG halo)
_END_TOLERANCE_PT = 1.5  # a column line's end meets a rule this close to it
_MAX_COVERED_SHARE = 0.5  # a rule continued under coloured ink is at least half black ink
_JOIN_PT = 8  # collinear pieces of a rule this far apart are one rule (a seal or low ink broke it)


def _kernel(length: int, horizontal: bool) -> np.ndarray:
    return cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1) if horizontal else (1, length))


def _long_runs(ink: np.ndarray, length: int, dpi: float, horizontal: bool) -> np.ndarray:
    """Ink on straight runs at least `length` pixels long in one direction, bridging breaks of
    a pixel or two; one pixel of wander across the run is allowed (a residual skew)."""
    across = _kernel(3, not horizontal)
    thick = cv2.dilate(ink, across)
    joined = cv2.morphologyEx(thick, cv2.MORPH_CLOSE, _kernel(round(_GAP_INCH * dpi) | 1, horizontal))
    runs = cv2.morphologyEx(joined, cv2.MORPH_OPEN, _kernel(length, horizontal)) & ink
    return _thin_only(runs, ink, dpi, horizontal)


def _thin_only(runs: np.ndarray, ink: np.ndarray, dpi: float, horizontal: bool) -> np.ndarray:
    """The runs that are lines, not the edge of a row of glued letters: a rule crosses strokes
    that run across it (taller than a rule is thick) only where a column line or a touching
    letter meets it; bold or blurred print, read along its baseline, crosses one every letter."""
    # the pieces of one broken line are judged together: a short piece a word touches is no row
    # of letters when the line it belongs to runs on
    grouped = cv2.morphologyEx(runs, cv2.MORPH_CLOSE, _kernel(round(_GROUP_INCH * dpi), horizontal))
    count, labels = cv2.connectedComponents(grouped, connectivity=8)
    if count <= 1:
        return runs
    across = cv2.morphologyEx(ink, cv2.MORPH_OPEN, _kernel(round(_STROKE_INCH * dpi), not horizontal))
    on = runs.astype(bool)
    crossed = np.bincount(labels[on], weights=across[on], minlength=count)
    share = crossed / np.maximum(np.bincount(labels[on], minlength=count), 1)
    keep = share <= _MAX_CROSSED_SHARE
    keep[0] = False
    return (keep[labels] & on).astype(np.uint8)


def rule_masks(
    ink: np.ndarray, dpi: float, covered: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The horizontal and the vertical ruling lines (uint8 masks, 1 = rule) of a page whose
    `ink` mask (uint8, 1 = ink) is given; `covered` (bool) is where coloured ink (a seal, a
    signature) was taken out, which may hide a rule under it."""
    length = round(_MIN_RULE_INCH * dpi)
    horizontal = _long_runs(ink, length, dpi, horizontal=True)
    vertical = _long_runs(ink, length, dpi, horizontal=False)
    if covered is not None and covered.any():
        either = (ink.astype(bool) | covered).astype(np.uint8)
        horizontal = _under_coloured_ink(horizontal, either, covered, length, dpi, horizontal=True)
        vertical = _under_coloured_ink(vertical, either, covered, length, dpi, horizontal=False)
    return horizontal, vertical | _bounded_verticals(ink, horizontal, vertical, dpi)


def _under_coloured_ink(
    rules: np.ndarray, either: np.ndarray, covered: np.ndarray, length: int, dpi: float, *, horizontal: bool
) -> np.ndarray:
    """The rules continued where a pen signature or a seal drawn across them was taken out with
    its colour: the runs found on `either` (ink and coloured ink together) that meet a rule found
    on ink alone and are mostly black ink. A signature's own long stroke is all coloured ink and
    meets no rule, so it makes none."""
    runs = _long_runs(either, length, dpi, horizontal)
    count, labels = cv2.connectedComponents(runs, connectivity=8)
    if count <= 1:
        return rules
    on = runs.astype(bool)
    total = np.maximum(np.bincount(labels[on], minlength=count), 1)
    under = np.bincount(labels[on], weights=covered[on], minlength=count)
    found = np.bincount(labels[on], weights=rules[on], minlength=count)
    keep = (found > 0) & (under / total <= _MAX_COVERED_SHARE)
    keep[0] = False
    return rules | (keep[labels] & on).astype(np.uint8)


def _bounded_verticals(
    ink: np.ndarray, horizontal: np.ndarray, vertical: np.ndarray, dpi: float
) -> np.ndarray:
    """Vertical runs too short for a rule whose two ends both meet a horizontal rule and that
    stand in line with a full column rule: the column lines of a one-line header row. A
    letter's stroke is as short but never runs from one ruling line to the next; a pen stroke
    of a signature over a row may, but not in line with a column."""
    candidates = _long_runs(ink, round(_MIN_BOUNDED_RULE_INCH * dpi), dpi, horizontal=False)
    candidates &= ~cv2.dilate(vertical, np.ones((5, 5), np.uint8)).astype(bool)
    # one line broken by low ink is one candidate
    bridged = cv2.morphologyEx(candidates, cv2.MORPH_CLOSE, _kernel(round(_SHORT_GAP_INCH * dpi) | 1, False))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(bridged, connectivity=8)
    if count <= 1 or not vertical.any():
        return np.zeros_like(ink)
    reach = max(2, round(ERASE_INCH * dpi))  # a column line meets its rules; a tall letter nearly does
    near_rule = cv2.dilate(horizontal, np.ones((2 * reach + 1, 2 * reach + 1), np.uint8))
    columns = np.flatnonzero(vertical.any(axis=0))
    keep = np.zeros(count, bool)
    for label in range(1, count):
        x, y, width, height, _ = stats[label]
        middle = x + width / 2
        in_line = np.abs(columns - middle).min() <= reach
        ends_on_rules = near_rule[y, x : x + width].any() and near_rule[y + height - 1, x : x + width].any()
        keep[label] = in_line and ends_on_rules
    return (keep[labels] & candidates.astype(bool)).astype(np.uint8)


def _segments(mask: np.ndarray, dpi: float, horizontal: bool, min_px: int) -> list[dict]:
    """Rule segments as pdfplumber edges (in points): one per connected line of the mask."""
    scale = 72 / dpi
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    edges = []
    for x, y, width, height, _ in stats[1:count]:
        if horizontal and width >= min_px:
            middle = (y + height / 2) * scale
            edges.append(
                {"x0": x * scale, "x1": (x + width) * scale, "top": middle, "bottom": middle,
                 "width": width * scale, "height": 0, "orientation": "h"}
            )  # fmt: skip
        elif not horizontal and height >= min_px:
            middle = (x + width / 2) * scale
            edges.append(
                {"x0": middle, "x1": middle, "top": y * scale, "bottom": (y + height) * scale,
                 "width": 0, "height": height * scale, "orientation": "v"}
            )  # fmt: skip
    return edges


def grids(horizontal: np.ndarray, vertical: np.ndarray, dpi: float) -> list[Grid]:
    """The tables the ruling lines make, each as rows of cell boxes (in points)."""
    from pdfplumber.table import (
        Table,
        cells_to_tables,
        edges_to_intersections,
        intersections_to_cells,
        merge_edges,
    )

    min_h = round(_MIN_RULE_INCH * dpi)
    min_v = round(_MIN_BOUNDED_RULE_INCH * dpi)
    edges = _segments(horizontal, dpi, True, min_h) + _segments(vertical, dpi, False, min_v)
    if not edges:
        return []
    edges = merge_edges(edges, snap_x_tolerance=3, snap_y_tolerance=3, join_x_tolerance=1, join_y_tolerance=1)
    edges = _joined(edges, "h") + _joined(edges, "v")
    # a column line ends on its rule; one that stops short by more than a rule's thickness was
    # lengthened by a letter standing in line with it (`ф` on a merged row) and cuts no cell
    intersections = edges_to_intersections(edges, x_tolerance=3, y_tolerance=_END_TOLERANCE_PT)
    cells = intersections_to_cells(intersections)
    found = []
    for table_cells in cells_to_tables(cells):
        if len(table_cells) < 2:
            continue
        table = Table(None, table_cells)
        rows = tuple(tuple(row.cells) for row in table.rows)
        found.append(Grid(bbox=tuple(table.bbox), rows=rows))
    return found


def _joined(edges: list[dict], orientation: str) -> list[dict]:
    """Collinear pieces of one rule (`orientation` "h" or "v") joined across breaks up to
    `_JOIN_PT` (low ink, a seal taken out over the line); never across a break that starts or ends
    on a crossing rule: there the line ended (a merged cell), and what stands in line beyond it
    is a letter."""
    start, end, position = ("x0", "x1", "top") if orientation == "h" else ("top", "bottom", "x0")
    cross_start, cross_end, cross_position = (
        ("top", "bottom", "x0") if orientation == "h" else ("x0", "x1", "top")
    )
    crossing = [e for e in edges if e["orientation"] != orientation]

    def on_crossing(at: float, line: float) -> bool:
        return any(
            abs(e[cross_position] - at) <= _END_TOLERANCE_PT
            and e[cross_start] - 3 <= line <= e[cross_end] + 3
            for e in crossing
        )

    pieces = sorted(
        (e for e in edges if e["orientation"] == orientation), key=lambda e: (e[position], e[start])
    )
    out: list[dict] = []
    for piece in pieces:
        last = out[-1] if out else None
        if (
            last is not None
            and abs(last[position] - piece[position]) <= 1
            and piece[start] - last[end] <= _JOIN_PT
            and not on_crossing(last[end], last[position])
            and not on_crossing(piece[start], piece[position])
        ):
            merged = {**last, end: max(last[end], piece[end])}
            size = "width" if orientation == "h" else "height"
            merged[size] = merged[end] - merged[start]
            out[-1] = merged
            continue
        out.append(dict(piece))
    return out


def erase_mask(horizontal: np.ndarray, vertical: np.ndarray, dpi: float) -> np.ndarray:
    """The rules grown by their halo: the pixels to whiten so Tesseract reads only text."""
    radius = max(1, round(ERASE_INCH * dpi))
    grown = cv2.dilate(horizontal | vertical, np.ones((2 * radius + 1, 2 * radius + 1), np.uint8))
    return grown.astype(bool)
