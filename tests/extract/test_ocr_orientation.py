"""A scan fed into the scanner sideways or upside down reads as well as an upright one."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from extract import extract_document
from extract.readers.tesseract import upright_turn
from tests.conftest import CORPUS
from tests.extract.scoring import SECTIONS, score_extraction
from tests.extract.test_golden import SCAN_MIN, expected

SCAN = CORPUS / "magadan_2017_order64_scan.pdf"


def turned_scan(path: Path, turns: tuple[int, ...]) -> bytes:
    """The scan with page k turned `turns[k]` degrees counter-clockwise, as a new image-only PDF."""
    document = pdfium.PdfDocument(path.read_bytes())
    pages = []
    for index, turn in enumerate(turns):
        image = document[index].render(scale=200 / 72, grayscale=True).to_pil().convert("L")
        pages.append(image.rotate(turn, expand=True, fillcolor=255))
    document.close()
    buffer = io.BytesIO()
    pages[0].save(buffer, format="PDF", resolution=200, save_all=True, append_images=pages[1:])
    return buffer.getvalue()


@pytest.mark.ocr
def test_pages_turned_a_quarter_and_a_half_are_read_upright(tesseract: None) -> None:
    got = extract_document(turned_scan(SCAN, (90, 180, 270)), "magadan_turned.pdf").to_json()
    scores = score_extraction(got, expected(SCAN.name))
    low = {s: round(scores[s].f1, 3) for s in SECTIONS if scores[s].f1 < SCAN_MIN}
    assert not low, {s: scores[s].diffs[:10] for s in low}


@pytest.mark.parametrize(
    ("found", "turn"),
    [
        ({"orient_deg": 270, "orient_conf": 30.53, "script_name": "Cyrillic"}, 90),
        ({"orient_deg": 180, "orient_conf": 28.26}, 180),
        ({"orient_deg": 90, "orient_conf": 12.0}, 270),
        ({"orient_deg": 0, "orient_conf": 30.48}, 0),
        ({"orient_deg": 90, "orient_conf": 0.71}, 0),
        (None, 0),
        ({"orient_deg": "сорок", "orient_conf": 9}, 0),
    ],
)
def test_osd_is_trusted_only_when_sure(found: dict | None, turn: int) -> None:
    assert upright_turn(found) == turn
