"""Fixtures for extraction tests: the OCR gate.

OCR tests are marked `@pytest.mark.ocr` and take the `tesseract` fixture: outside CI they skip
with the reason when Tesseract with Russian data is missing; in CI (CI=true) they must run, so
a missing Tesseract fails them instead.
"""

from __future__ import annotations

import pytest

from extract.readers.tesseract import tesseract_languages
from tests.conftest import IN_CI


def _tesseract_problem() -> str | None:
    if "rus" not in tesseract_languages():
        return "Tesseract with Russian data is missing (apt-get install tesseract-ocr tesseract-ocr-rus)"
    return None


@pytest.fixture(scope="session")
def tesseract() -> None:
    """Skip (or, in CI, fail) the test when Tesseract with Russian is not available."""
    problem = _tesseract_problem()
    if problem is None:
        return
    if IN_CI:
        pytest.fail(f"OCR tests are mandatory in CI: {problem}")
    pytest.skip(problem)
