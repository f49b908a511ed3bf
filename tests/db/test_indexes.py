"""The overdue queries read control points through their indexes on PostgreSQL, not by a
sequential scan, on a table filled enough for the planner to choose (the federal set of
`benchmarks/federal.py` at a tenth of its size: 65,600 points, one in twenty of those due open)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, event
from sqlmodel import Session

from benchmarks.federal import Size, generate
from db.engine import make_engine
from db.migrate import upgrade
from db.queries import control, documents
from tests.conftest import create_pg_database, drop_pg_database, require_postgres

pytestmark = pytest.mark.postgres

AS_OF = dt.date(2020, 7, 1)
SAMPLE = Size(regions=10, institutions=800, documents=3_000)


@pytest.fixture(scope="module")
def federal_sample() -> Iterator[Engine]:
    require_postgres()
    name, url = create_pg_database()
    engine = make_engine(url)
    try:
        upgrade(engine)
        generate(engine, SAMPLE)
        yield engine
    finally:
        engine.dispose()
        drop_pg_database(name)


def _plan(engine: Engine, call: Callable[[Session], Any]) -> dict[str, Any]:
    """The JSON plan of the last statement `call` sends (EXPLAIN of the very SQL and parameters)."""
    sent: list[tuple[str, Any]] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        sent.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        with Session(engine) as session:
            call(session)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    statement, parameters = sent[-1]
    with engine.connect() as connection:
        cursor = connection.connection.driver_connection.cursor()
        cursor.execute("EXPLAIN (FORMAT JSON) " + statement, parameters)
        return cursor.fetchone()[0][0]["Plan"]


def _nodes(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def _scans_of(plan: dict[str, Any], table: str) -> list[str]:
    """How each node reading `table` reads it: `Seq Scan`, or the index it uses (the bitmap
    index scans under a bitmap heap scan name theirs)."""
    found = []
    for node in _nodes(plan):
        if node.get("Relation Name") != table:
            continue
        if node["Node Type"] == "Bitmap Heap Scan":
            found += [n["Index Name"] for n in _nodes(node) if n["Node Type"] == "Bitmap Index Scan"]
        else:
            found.append(node.get("Index Name") or node["Node Type"])
    return found


QUERIES: dict[str, tuple[Callable[[Session], Any], str]] = {
    # name: (the query, the index it must read the control points by)
    "overdue list": (
        lambda s: control.overdue_list(s, as_of=AS_OF, within_days=14),
        "ix_controlpoint_not_done_due",
    ),
    "overdue count of the headline": (
        lambda s: control.status_counts(s, as_of=AS_OF, statuses=("overdue",)),
        "ix_controlpoint_not_done_due",
    ),
    "overdue by authority": (
        lambda s: control.overdue_by_body(s, as_of=AS_OF, body="authority"),
        "ix_controlpoint_not_done_due",
    ),
    # one region's few plans first, then their points by item
    "overdue of one region": (
        lambda s: control.overdue_list(s, as_of=AS_OF, region="Регион 03"),
        "ix_controlpoint_improvement_item_id",
    ),
}


@pytest.mark.parametrize("name", list(QUERIES))
def test_overdue_queries_read_control_points_by_index(federal_sample: Engine, name: str) -> None:
    call, index = QUERIES[name]
    scans = _scans_of(_plan(federal_sample, call), "controlpoint")
    assert scans, "the plan reads the control points"
    assert "Seq Scan" not in scans, scans
    assert index in scans, scans


def test_the_sample_is_the_federal_shape(federal_sample: Engine) -> None:
    """One point in twenty of those due is open, so the indexes are the planner's own choice."""
    with Session(federal_sample) as session:
        counts = control.status_counts(session, as_of=AS_OF)
    due = counts["done_on_time"] + counts["done_late"] + counts["overdue"]
    assert sum(counts.values()) == SAMPLE.control_points
    assert 0.03 < counts["overdue"] / due < 0.08


def test_the_registry_reads_its_first_page_off_the_newest_first_index(federal_sample: Engine) -> None:
    """Newest first, 500 of 3,000 documents: the page is read in order off `ix_document_newest`,
    not every document sorted to find it."""
    plan = _plan(federal_sample, lambda s: documents.list_documents(s, limit=500))
    assert _scans_of(plan, "document") == ["ix_document_newest"]
