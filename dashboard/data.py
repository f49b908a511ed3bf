"""The app's access to data: cached wrappers over `db.queries` (invalidated on ingest)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pandas as pd
import streamlit as st
from sqlmodel import Session, col, select
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from db.engine import get_engine
from db.models import Authority, Document
from db.queries import control, indicators, rating_checks, ratings
from db.queries import documents as queries_documents
from db.queries.overview import Overview, data_version, database_overview, known_regions


@st.cache_data(ttl=60, show_spinner=False)
def overview(as_of: dt.date) -> Overview:
    with Session(get_engine()) as session:
        return database_overview(session, as_of)


# --- cached reads for the pages; every key is the filters, cleared after any write (`invalidate`).


def invalidate() -> None:
    """After an ingest, a correction, a transition or a closed control point."""
    st.cache_data.clear()


@st.cache_resource
def _cached_version() -> dict[str, int]:
    return {"version": -1}


def refresh_if_data_changed() -> None:
    """Clear the cached reads when another process (`nok ingest`, `nok demo`) wrote meanwhile."""
    with Session(get_engine()) as session:
        version = data_version(session)
    seen = _cached_version()
    if seen["version"] != version:
        st.cache_data.clear()
        seen["version"] = version


def prefetch(*loads: Callable[[], object]) -> None:
    """Run a page's independent cached reads side by side, each on a connection of its own, so
    a cold page waits for its slowest query rather than for their sum (the database runs them
    on separate cores; the driver releases the GIL while it waits). The page then calls the
    same reads and finds them cached; a warm cache returns at once. The reads draw nothing, so
    the threads only share the run's context for the cache (as Streamlit's guide on
    multithreading shows)."""
    context = get_script_run_ctx()

    def load(read: Callable[[], object]) -> None:
        add_script_run_ctx(threading.current_thread(), context)
        read()

    with ThreadPoolExecutor(max_workers=len(loads), thread_name_prefix="nok-prefetch") as pool:
        for future in [pool.submit(load, read) for read in loads]:
            future.result()


@st.cache_data(ttl=600, show_spinner=False)
def regions() -> list[str]:
    with Session(get_engine()) as session:
        return known_regions(session)


@st.cache_data(ttl=600, show_spinner=False)
def indicator_trends(region: str | None = None) -> list[indicators.IndicatorPoint]:
    with Session(get_engine()) as session:
        return indicators.indicator_trends(session, region=region)


@st.cache_data(ttl=600, show_spinner=False)
def biggest_falls(year: int, region: str | None = None, limit: int = 10) -> list[ratings.RatingChange]:
    with Session(get_engine()) as session:
        return ratings.biggest_falls(session, year=year, region=region, limit=limit)


@st.cache_data(ttl=600, show_spinner=False)
def overdue_by_body(as_of: dt.date, body: str, region: str | None = None) -> list[control.ComplianceRow]:
    with Session(get_engine()) as session:
        return control.overdue_by_body(session, as_of=as_of, body=body, region=region)


@st.cache_data(ttl=600, show_spinner=False)
def headline(year: int, as_of: dt.date, region: str | None = None) -> indicators.Headline:
    with Session(get_engine()) as session:
        return indicators.headline(session, year=year, as_of=as_of, region=region)


@st.cache_data(ttl=600, show_spinner=False)
def rating_filters() -> ratings.RatingFilters:
    with Session(get_engine()) as session:
        return ratings.rating_filters(session)


@st.cache_data(ttl=600, show_spinner=False)
def rating_rows(
    year: int | None = None,
    region: str | None = None,
    service_form: str | None = None,
    organization_ids: tuple[int, ...] = (),
) -> list[ratings.RatingRow]:
    with Session(get_engine()) as session:
        return ratings.rating_rows(
            session,
            year=year,
            region=region,
            service_form=service_form,
            organization_ids=list(organization_ids),
        )


@st.cache_data(ttl=600, show_spinner=False)
def organization_card(organization_id: int) -> ratings.OrganizationCard | None:
    with Session(get_engine()) as session:
        card = ratings.organization_card(session, organization_id)
        if card is not None:
            session.expunge(card.organization)
        return card


@st.cache_data(ttl=600, show_spinner=False)
def rating_checks_list() -> list[rating_checks.RatingCheckRow]:
    with Session(get_engine()) as session:
        return rating_checks.rating_checks(session)


@st.cache_data(ttl=600, show_spinner=False)
def rating_check_result(check_id: int) -> dict | None:  # type: ignore[type-arg]
    with Session(get_engine()) as session:
        return rating_checks.rating_check_result(session, check_id)


@st.cache_data(ttl=600, show_spinner=False)
def latest_check_result(year: int) -> tuple[int, dict] | None:  # type: ignore[type-arg]
    with Session(get_engine()) as session:
        return rating_checks.latest_check_result(session, year)


@st.cache_data(ttl=600, show_spinner=False)
def control_points(as_of: dt.date, statuses: tuple[str, ...] = (), **filters: Any) -> pd.DataFrame:
    """Points with their status on `as_of`, only `statuses` (all when empty); `filters` those of
    `db.queries.control.control_point_statuses` (within_days, executor, authority_id, document_id,
    region). As a DataFrame: the cache pickles its value on every hit, and a frame of 50,000 rows
    round-trips ten times faster than as many tuples."""
    with Session(get_engine()) as session:
        rows = control.control_point_statuses(session, as_of=as_of, statuses=statuses, **filters)
    return pd.DataFrame(rows, columns=list(control.ROW_FIELDS))


@st.cache_data(ttl=600, show_spinner=False)
def control_status_counts(as_of: dt.date, **filters: Any) -> dict[str, int]:
    with Session(get_engine()) as session:
        return control.status_counts(session, as_of=as_of, **filters)


@st.cache_data(ttl=600, show_spinner=False)
def compliance_by_executor(
    as_of: dt.date, authority_id: int | None = None, region: str | None = None
) -> list[control.ComplianceRow]:
    with Session(get_engine()) as session:
        return control.compliance_by_executor(session, as_of=as_of, authority_id=authority_id, region=region)


@st.cache_data(ttl=600, show_spinner=False)
def improvement_by_organization(
    as_of: dt.date, region: str | None = None
) -> list[control.OrganizationExecution]:
    with Session(get_engine()) as session:
        return control.improvement_execution_by_organization(session, as_of=as_of, region=region)


@st.cache_data(ttl=600, show_spinner=False)
def deficiency_effect(region: str | None = None, limit: int | None = None) -> pd.DataFrame:
    with Session(get_engine()) as session:
        effects = control.deficiency_effect(session, region=region, limit=limit)
    return pd.DataFrame(
        {
            "organization_name": [e.organization_name for e in effects],
            "criterion": [e.criterion for e in effects],
            "deficiency": [e.deficiency or "" for e in effects],
            "measure": [e.measure for e in effects],
            "done": [e.done for e in effects],
            "base_year": pd.array([e.base_year for e in effects], dtype="Int64"),
            "base_score": pd.array([e.base_score for e in effects], dtype="Float64"),
            "next_year": pd.array([e.next_year for e in effects], dtype="Int64"),
            "next_score": pd.array([e.next_score for e in effects], dtype="Float64"),
            "change": pd.array([e.change for e in effects], dtype="Float64"),
        }
    )


@st.cache_data(ttl=600, show_spinner=False)
def deficiency_effect_by_criterion(region: str | None = None) -> list[control.CriterionEffect]:
    with Session(get_engine()) as session:
        return control.deficiency_effect_by_criterion(session, region=region)


@st.cache_data(ttl=600, show_spinner=False)
def authorities(region: str | None = None) -> dict[int, str]:
    statement = select(Authority).order_by(Authority.name)
    if region is not None:
        statement = statement.where(Authority.region == region)
    with Session(get_engine()) as session:
        return {a.id: a.short_name or a.name for a in session.exec(statement)}  # type: ignore[misc]


@st.cache_data(ttl=600, show_spinner=False)
def plans(region: str | None = None) -> dict[int, str]:
    """Documents that have control points (plans and improvement plans), by id (columns, not
    Document objects: a federal list is twelve thousand plans)."""
    statement = (
        select(Document.id, Document.title, Document.date)
        .where(col(Document.kind).in_(["plan", "improvement_plan"]))
        .order_by(Document.date)
    )
    if region is not None:
        statement = statement.where(Document.region == region)
    with Session(get_engine()) as session:
        return {
            i: f"{title or 'без названия'} ({date:%d.%m.%Y})" if date else (title or "")
            for i, title, date in session.connection().execute(statement)
        }


@st.cache_data(ttl=300, show_spinner=False)
def documents(
    kind: str | None = None,
    year: int | None = None,
    state: str | None = None,
    limit: int = 500,
    region: str | None = None,
    signed: queries_documents.SignedFilter | None = None,
) -> list[queries_documents.DocumentRow]:
    with Session(get_engine()) as session:
        return queries_documents.list_documents(
            session,
            kind=kind,
            year=year,
            region=region,
            states=[state] if state else None,
            signed=signed,
            limit=limit,
        )


EVIDENCE_CHOICES = 5_000


@st.cache_data(ttl=300, show_spinner=False)
def document_choices(region: str | None = None) -> dict[int, str]:
    """Documents to pick as a point's evidence or an event's source, newest first, by id:
    «Отчёт № 12 от 14.11.2025: О ходе …» (the newest EVIDENCE_CHOICES; a region narrows them)."""
    from extract.records import DOCUMENT_KINDS_RU

    with Session(get_engine()) as session:
        rows = queries_documents.list_documents(session, region=region, limit=EVIDENCE_CHOICES)
    labels = {}
    for row in rows:
        number = f" № {row.number}" if row.number else ""
        date = f" от {row.date:%d.%m.%Y}" if row.date else ""
        title = f": {row.title[:120]}" if row.title else ""
        kind = DOCUMENT_KINDS_RU.get(row.kind, row.kind)
        labels[row.id] = f"{kind[:1].upper()}{kind[1:]}{number}{date}{title}"
    return labels


@st.cache_data(ttl=300, show_spinner=False)
def search(query: str, kind: str | None = None, year: int | None = None) -> list:  # type: ignore[type-arg]
    from docstore.search import search as run_search

    with Session(get_engine()) as session:
        return run_search(session, query, kind=kind, year=year, limit=50)
