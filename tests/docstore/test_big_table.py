"""A 10,000-row ratings table is written in a bounded number of statements, with no pairwise
name comparison: the institution matching is not quadratic (issue 11: 1,000 rows took two
minutes, 10,000 had not finished after five). The time target is in `benchmarks/ingest.py`;
this test counts the work, so it fails on the algorithm, not on a busy machine."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, event, func
from sqlmodel import Session, select

from db.models import Organization, OrganizationAlias, Rating
from docstore import organizations
from docstore.ingest import ingest_file, preview
from tests.big_ratings import ratings_docx
from tests.docstore.conftest import unique_bytes

ROWS = 10_000


@functools.cache
def big_extraction():  # type: ignore[no-untyped-def]
    """The real 10,000-row DOCX read once (its extraction is the extractor's, not this test's)."""
    return preview(ratings_docx(ROWS), "ratings.docx").extraction


@contextmanager
def counted(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, int]]:
    counts = {"statements": 0, "comparisons": 0}

    def on_execute(*_args: object) -> None:
        counts["statements"] += 1

    compare = organizations.name_similarity

    def counting(a: str, b: str, **kw: object) -> float:
        counts["comparisons"] += 1
        return compare(a, b, **kw)

    monkeypatch.setattr(organizations, "name_similarity", counting)
    event.listen(engine, "before_cursor_execute", on_execute)
    try:
        yield counts
    finally:
        event.remove(engine, "before_cursor_execute", on_execute)


def test_ten_thousand_rating_rows_cost_a_bounded_number_of_statements(
    session: Session, blob_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extraction = big_extraction()
    assert len(extraction.ratings) == ROWS
    engine = session.get_bind()
    with counted(engine, monkeypatch) as first:
        result = ingest_file(
            engine, unique_bytes("2018"), "r2018.pdf", extraction=extraction, blob_dir=blob_dir
        )
    assert result.status == "new", result.message
    assert session.exec(select(func.count()).select_from(Rating)).one() == ROWS
    assert session.exec(select(func.count()).select_from(Organization)).one() == ROWS
    assert session.exec(select(func.count()).select_from(OrganizationAlias)).one() == ROWS
    assert first["comparisons"] == 0  # names new in one table are not compared pairwise
    assert first["statements"] < 100, first  # not one (or more) per row

    # next year's table of the same institutions: every name is known, matched exactly
    next_year = dataclasses.replace(
        extraction,
        document=dataclasses.replace(
            extraction.document, title="Рейтинг учреждений по итогам 2019 года", period=None
        ),
        ratings=tuple(dataclasses.replace(r, year=2019) for r in extraction.ratings),
    )
    with counted(engine, monkeypatch) as second:
        again = ingest_file(
            engine, unique_bytes("2019"), "r2019.pdf", extraction=next_year, blob_dir=blob_dir
        )
    assert again.status == "new" and not again.copy, again.message
    assert session.exec(select(func.count()).select_from(Organization)).one() == ROWS
    assert session.exec(select(func.count()).select_from(Rating)).one() == 2 * ROWS
    assert second["comparisons"] == 0 and second["statements"] < 100, second
