"""Every corpus file against its golden `.expected.json`: schema-valid, per-section F1.

The F1 of each file and section is printed and written to `test-output/extraction_f1.txt`.
Typed files must reach 0.97 in every section, the OCR scan 0.85 (see `scoring.py`).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from extract import extract_document
from tests.conftest import CORPUS, SCHEMA_PATH
from tests.extract.scoring import SECTIONS, SectionScore, format_table, overall_f1, score_extraction

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
OUTPUT = Path(__file__).resolve().parents[2] / "test-output" / "extraction_f1.txt"
TYPED_MIN = 0.97
SCAN_MIN = 0.85

FILES = sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".docx", ".pdf"))
_results: dict[str, dict[str, SectionScore]] = {}


@functools.cache
def extracted(name: str) -> dict[str, Any]:
    return extract_document((CORPUS / name).read_bytes(), name).to_json()


def test_typed_files_carry_no_confidence() -> None:
    got = extracted("magadan_2017_order64.pdf")
    records = [got["document"], *got["indicators"], *got["plan_items"]]
    assert all("confidence" not in record for record in records)


def expected(name: str) -> dict[str, Any]:
    return json.loads((CORPUS / f"{name}.expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", autouse=True)
def f1_report():
    """After the module: print the F1 table and write it to test-output/."""
    yield
    if not _results:
        return
    table = format_table(sorted(_results.items()))
    print("\n" + table)
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(table + "\n", encoding="utf-8")


def _params() -> list[Any]:
    marks = {name: [pytest.mark.ocr] for name in FILES if name.endswith("_scan.pdf")}
    return [pytest.param(name, marks=marks.get(name, []), id=name) for name in FILES]


@pytest.mark.parametrize("name", _params())
def test_corpus_file_matches_its_golden(name: str, request: pytest.FixtureRequest) -> None:
    if name.endswith("_scan.pdf"):
        request.getfixturevalue("tesseract")
    got = extracted(name)
    jsonschema.validate(got, SCHEMA)
    want = expected(name)
    source = dict(got["source"])
    signed = source.pop("signed", None)
    assert source == want["source"]
    if name.endswith("_scan.pdf"):  # a grey scan of an unsigned draft: no seal, no signature
        assert signed == {"seal": False, "signature": False}
    else:
        assert signed is None  # typed files do not say
    scores = score_extraction(got, want)
    _results[name] = scores
    threshold = SCAN_MIN if name.endswith("_scan.pdf") else TYPED_MIN
    report = "\n".join(
        f"{section}: F1 {scores[section].f1:.3f}\n  " + "\n  ".join(scores[section].diffs[:40])
        for section in SECTIONS
        if scores[section].diffs
    )
    print(f"{name}: overall F1 {overall_f1(scores):.3f}\n{report}")
    low = {s: round(scores[s].f1, 3) for s in SECTIONS if scores[s].f1 < threshold}
    assert not low, f"{name}: sections below F1 {threshold}: {low}\n{report}"


def test_scoring_counts_a_wrong_field_as_both_false_positive_and_false_negative() -> None:
    want = expected("primorsky_letter.docx")
    got = json.loads(json.dumps(want))
    got["document"]["signatory"]["name"] = "Е.П. Иванова"
    got["document"]["title"] = "Лишнее"
    score = score_extraction(got, want)["document"]
    assert (score.fp, score.fn) == (2, 1)
    assert score.f1 < 1.0
    assert "document.signatory.name" in "\n".join(score.diffs)


def test_scoring_pairs_records_out_of_order_and_counts_missing_ones() -> None:
    want = expected("ryazan_plan_graph.docx")
    got = json.loads(json.dumps(want))
    got["plan_items"] = list(reversed(got["plan_items"]))[1:]
    score = score_extraction(got, want)["plan_items"]
    assert score.fp == 0 and score.fn > 0
    assert 0.9 < score.f1 < 1.0
