"""Copies as staff upload signed documents (`tests/corpus/real_scans`): one copy of each kind read
end to end against its golden with a floor on F1 (fails when quality regresses), every field read
by OCR carrying Tesseract's confidence, and the seal and signature of the last page found.

The full figures per kind (micro F1 over all copies, public and held-out) are
`benchmarks/extract_quality.py`; these tests keep the suite cheap: three copies, not fifteen.
"""

from __future__ import annotations

import functools
import json
from typing import Any

import jsonschema
import pytest

from extract import extract_document
from extract.readers.ocr import _read_page, _render
from extract.readers.signed import signed_of
from extract.records import Signed
from tests.conftest import CORPUS, SCHEMA_PATH
from tests.extract.scoring import overall_f1, score_extraction

REAL_SCANS = CORPUS / "real_scans"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
FLOORS = {  # measured with `benchmarks/extract_quality.py` (0.940, 1.000, 0.960), less a margin
    "magadan_2017_order64_phone.pdf": 0.90,
    "magadan_2017_order64_colour.pdf": 0.95,
    "magadan_2017_order64_office.pdf": 0.93,
}


@functools.cache
def extracted(name: str) -> dict[str, Any]:
    return extract_document((REAL_SCANS / name).read_bytes(), name).to_json()


@pytest.mark.ocr
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_a_signed_copy_reads_as_well_as_its_floor(name: str, tesseract: None) -> None:
    got = extracted(name)
    jsonschema.validate(got, SCHEMA)
    want = json.loads((REAL_SCANS / f"{name}.expected.json").read_text(encoding="utf-8"))
    scores = score_extraction(got, want)
    diffs = [d for s in scores.values() for d in s.diffs]
    assert overall_f1(scores) >= FLOORS[name], "\n".join(diffs[:30])
    assert got["source"]["signed"] == {"seal": True, "signature": True}


@pytest.mark.ocr
def test_every_ocr_field_carries_the_confidence_of_its_least_sure_word(tesseract: None) -> None:
    got = extracted("vladimir_2018_ratings_phone.pdf")
    header = got["document"]["confidence"]
    assert "title" in header
    assert all(got["document"][key.split(".")[0]] is not None for key in header)  # only fields read
    ratings = got["ratings"]
    assert ratings and all({"organization", "total"} <= set(r["confidence"]) for r in ratings)
    assert all(key.startswith("scores.") for r in ratings for key in r["confidence"] if "." in key)
    values = [v for r in ratings for v in r["confidence"].values()] + list(header.values())
    assert all(0 <= v <= 100 for v in values)
    assert min(values) < max(values)  # a real spread: some cells are doubtful, most are not


def last_page_signed(name: str) -> Signed:
    """The seal and signature on the last page of a copy, after clean-up (no Tesseract needed
    beyond the page read itself)."""
    import pypdfium2 as pdfium

    data = (REAL_SCANS / name).read_bytes()
    count = len(pdfium.PdfDocument(data))
    [(number, page)] = _render(data, [count])
    return signed_of(_read_page((number, page)).image)


@pytest.mark.ocr
@pytest.mark.parametrize(
    "name",
    ["magadan_2017_order64_colour.pdf", "magadan_2017_order64_phone.pdf", "vladimir_2018_ratings_office.pdf"],
)
def test_the_seal_and_the_signature_are_found_on_each_kind_of_copy(name: str, tesseract: None) -> None:
    assert last_page_signed(name) == Signed(seal=True, signature=True)


@pytest.mark.ocr
def test_an_unsigned_grey_scan_has_neither(tesseract: None) -> None:
    data = (CORPUS / "magadan_2017_order64_scan.pdf").read_bytes()
    [(number, page)] = _render(data, [3])
    assert signed_of(_read_page((number, page)).image) == Signed(seal=False, signature=False)
