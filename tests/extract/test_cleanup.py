"""Each clean-up step before OCR on a real page image (`scans/`, cut from the public real-scan
copies by `scans/cut_fixtures.py`): a phone photo of the last page of the Magadan order on a
desk, the top of that page as a colour scan and as an office scan (a table with the seal and the
signature over its last rows), and the blank lower half of the office page (dust only)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pytest

from extract.errors import UnreadableDocument
from extract.readers import cleanup
from extract.readers.cleanup import ScanPage, clean_page
from extract.readers.rules import grids, rule_masks

SCANS = Path(__file__).resolve().parent / "scans"


def fixture(name: str, dpi: float) -> ScanPage:
    pixels = cv2.imread(str(SCANS / name), cv2.IMREAD_UNCHANGED)
    if pixels.ndim == 3:
        pixels = cv2.cvtColor(pixels, cv2.COLOR_BGR2RGB)
    return ScanPage(pixels=pixels, dpi=dpi)


PHONE = fixture("phone_last_page_150dpi.jpg", 150)
COLOUR = fixture("colour_signed_table_200dpi.jpg", 200)
OFFICE = fixture("office_signed_table_300dpi.png", 300)
DUST = fixture("office_blank_dust_300dpi.png", 300)
SIGNATURE_ACROSS_RULES = fixture("colour_signature_across_rules_200dpi.png", 200)


def border_brightness(grey: np.ndarray) -> float:
    return float(np.median(np.concatenate([grey[:5], grey[-5:], grey[:, :5].T, grey[:, -5:].T], axis=None)))


def test_find_page_cuts_the_desk_away_and_undoes_the_perspective():
    assert border_brightness(PHONE.grey) < 110  # the photo's edges are the dark desk
    flat = cleanup.find_page(PHONE)
    height, width = flat.pixels.shape[:2]
    assert border_brightness(flat.grey) > 150  # paper to the edges
    assert height / width == pytest.approx(297 / 210, abs=0.03)  # an A4 sheet again
    assert width < PHONE.pixels.shape[1]


def test_find_page_leaves_a_scan_with_white_margins_alone():
    assert cleanup.find_page(OFFICE) is OFFICE


def test_a_black_page_and_a_photo_of_a_desk_are_refused_in_russian():
    with pytest.raises(UnreadableDocument, match="тёмная"):
        cleanup.find_page(ScanPage(np.full((800, 600), 8, np.uint8), 150))
    desk = np.random.default_rng(1).normal(70, 12, (800, 600, 3)).clip(0, 255).astype(np.uint8)
    desk[300:380, 200:260] = 240  # a small bright thing on the desk, not a page
    with pytest.raises(UnreadableDocument, match="не найден лист"):
        cleanup.find_page(ScanPage(desk, 150))


def test_remove_ink_takes_the_blue_seal_and_signature_out_and_keeps_their_mask():
    page = cleanup.remove_ink(COLOUR)
    assert page.pixels.ndim == 2 and page.ink is not None
    assert page.ink.sum() > 3000  # the ring of the seal and the signature's stroke
    assert np.median(page.pixels[page.ink]) > 150  # where the ink was, the grey page is light
    assert (page.pixels < 90).sum() > 20000  # the black print stays
    assert cleanup.remove_ink(OFFICE) is OFFICE  # nothing coloured on a black-and-white page


def test_even_light_turns_a_lamps_gradient_and_tinted_paper_white():
    for page in (cleanup.find_page(PHONE), COLOUR):
        grey = page.grey
        paper = grey > np.percentile(grey, 40)
        assert np.percentile(grey[paper], 5) < 245  # a lamp's light fading, or paper tinted yellow
        evened = cleanup.even_light(replace(page, pixels=grey)).grey
        assert np.percentile(evened[paper], 5) > 245


def test_deskew_straightens_a_turned_page():
    turned = cleanup.deskew(ScanPage(_rotated(OFFICE.pixels, 1.2), 300))
    assert abs(cleanup.estimate_skew(turned.pixels, 300)) <= 0.1


def _rotated(pixels: np.ndarray, degrees: float) -> np.ndarray:
    height, width = pixels.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    return cv2.warpAffine(pixels, matrix, (width, height), borderValue=255)


def test_upsample_brings_a_150_dpi_photo_to_300_dpi():
    page = cleanup.upsample(PHONE)
    assert page.dpi == 300
    assert page.pixels.shape[:2] == (PHONE.pixels.shape[0] * 2, PHONE.pixels.shape[1] * 2)
    assert cleanup.upsample(OFFICE) is OFFICE


def test_binarise_keeps_print_and_rules_and_leaves_paper_white():
    page = cleanup.binarise(cleanup.even_light(cleanup.remove_ink(COLOUR)))
    assert page.binary is not None
    share = float(page.binary.mean())
    assert 0.01 < share < 0.15  # print on a white page, not a black smear nor nothing
    assert page.binary[page.ink].mean() < 0.3 if page.ink is not None else True


def test_despeckle_removes_lone_dust_and_keeps_every_letter():
    dust = cleanup.binarise(DUST)
    assert dust.binary.sum() > 100
    assert cleanup.despeckle(dust).binary.sum() < 0.1 * dust.binary.sum()
    text = cleanup.binarise(OFFICE)
    cleaned = cleanup.despeckle(text).binary
    assert cv2.connectedComponents(cleaned)[0] < cv2.connectedComponents(text.binary)[0] - 300  # dust
    assert letters(cleaned) == letters(text.binary) > 500


def letters(ink: np.ndarray) -> int:
    """Blobs of ink at least as large as the smallest piece of a letter."""
    areas = cv2.connectedComponentsWithStats(ink)[2][1:, cv2.CC_STAT_AREA]
    return int((areas >= 10).sum())


def test_each_step_can_be_switched_off_by_name(monkeypatch):
    monkeypatch.setenv("NOK_OCR_SKIP", "upsample, binarise,despeckle")
    page = clean_page(PHONE)
    assert page.dpi == 150 and page.binary is None
    monkeypatch.delenv("NOK_OCR_SKIP")
    assert clean_page(PHONE).dpi == 300


@pytest.mark.parametrize("page", [PHONE, COLOUR, OFFICE], ids=["phone", "colour", "office"])
def test_the_table_under_the_seal_is_found_whole_on_every_kind_of_copy(page):
    """The last rows of the table (5.4 ... 5.6) with three columns, the seal and the signature
    over its last row: the rules are found though the seal covers them and the photo bent them."""
    cleaned = clean_page(page)
    horizontal, vertical = rule_masks(cleaned.ink_mask(), cleaned.dpi)
    [grid] = grids(horizontal, vertical, cleaned.dpi)
    assert len(grid.rows) == 4
    assert all(len(row) == 3 for row in grid.rows)


def test_a_blank_scan_is_blank_after_clean_up():
    assert cleanup.is_blank(clean_page(DUST))
    assert not cleanup.is_blank(clean_page(OFFICE))


def test_a_turned_page_and_its_ink_mask_turn_together():
    page = cleanup.remove_ink(COLOUR)
    turned = cleanup.turned(page, 90)
    assert turned.pixels.shape == page.pixels.shape[::-1]
    assert turned.ink is not None and int(turned.ink.sum()) == int(page.ink.sum())
    assert replace(page, ink=None).ink is None


def test_a_column_rule_under_a_pen_signature_still_divides_the_cells():
    """The last row of a held-out colour copy (Yaroslavl, `--seed 2026`): the signature is drawn
    across its column rule and the rule under it, and taking the blue ink out takes the black
    rule under it too. The rules continue under the coloured ink, so the row keeps its five
    cells (`Заместитель директора департамента` apart from `в течение года`)."""
    cleaned = clean_page(SIGNATURE_ACROSS_RULES)
    assert cleaned.ink is not None and cleaned.ink.any()
    plain = grids(*rule_masks(cleaned.ink_mask(), cleaned.dpi), cleaned.dpi)
    assert [len([b for b in row if b]) for row in plain[0].rows] == [5, 4]  # what was lost
    [grid] = grids(*rule_masks(cleaned.ink_mask(), cleaned.dpi, covered=cleaned.ink), cleaned.dpi)
    assert [len([b for b in row if b]) for row in grid.rows] == [5, 5]
