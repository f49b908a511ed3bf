"""Genre fixtures: documents of other bodies, regions and layouts against hand-written goldens.

The files in `genre/` are typed by `genre/make_genre.py` (see `genre/README.md`); none is
one of the public corpus files, so they check that the recognizers read the genre, not the
corpus. Each file is schema-valid and scored with the corpus scoring, per section.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from extract import extract_document
from tests.conftest import SCHEMA_PATH
from tests.extract.scoring import SECTIONS, score_extraction

GENRE = Path(__file__).resolve().parent / "genre"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
FILES = sorted(p.name for p in GENRE.iterdir() if p.suffix in (".docx", ".pdf"))

MIN_F1: dict[str, dict[str, float]] = {}
"""Per file and section, where a file may still score below 1.0 (with the reason)."""


@functools.cache
def extracted(name: str) -> dict[str, Any]:
    return extract_document((GENRE / name).read_bytes(), name).to_json()


def expected(name: str) -> dict[str, Any]:
    return json.loads((GENRE / f"{name}.expected.json").read_text(encoding="utf-8"))


def test_every_fixture_has_a_schema_valid_golden() -> None:
    assert len(FILES) >= 12
    for name in FILES:
        jsonschema.validate(expected(name), SCHEMA)


@pytest.mark.parametrize("name", FILES)
def test_genre_file_matches_its_golden(name: str) -> None:
    got = extracted(name)
    jsonschema.validate(got, SCHEMA)
    want = expected(name)
    assert got["source"] == want["source"]
    scores = score_extraction(got, want)
    floors = MIN_F1.get(name, {})
    low = {s: round(scores[s].f1, 3) for s in SECTIONS if scores[s].f1 < floors.get(s, 1.0)}
    report = "\n".join(d for s in SECTIONS for d in scores[s].diffs[:20])
    assert not low, f"{name}: sections below their floor: {low}\n{report}"
