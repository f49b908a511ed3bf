"""The app's access to data: cached wrappers over `db.queries` (invalidated on ingest)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st
from sqlmodel import Session, col, select

from db.engine import get_engine
from db.models import Authority, Document
from db.queries import control, indicators, rating_checks, ratings
from db.queries import documents as queries_documents
from db.queries.overview import Overview, data_version, database_overview


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


@st.cache_data(ttl=600, show_spinner=False)
def indicator_points(region: str | None = None) -> list[indicators.IndicatorPoint]:
    with Session(get_engine()) as session:
        return indicators.indicator_points(session, region=region)


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
def control_points(
    as_of: dt.date,
    within_days: int = 14,
    executor: str | None = None,
    authority_id: int | None = None,
    document_id: int | None = None,
    status: str | None = None,
) -> pd.DataFrame:
    """As a DataFrame: the cache pickles its value on every hit, and a frame of 50,000 rows
    round-trips ten times faster than as many tuples."""
    with Session(get_engine()) as session:
        rows = control.control_point_statuses(
            session,
            as_of=as_of,
            within_days=within_days,
            executor=executor,
            authority_id=authority_id,
            document_id=document_id,
            status=status,
        )
    return pd.DataFrame(rows, columns=list(control.ROW_FIELDS))


@st.cache_data(ttl=600, show_spinner=False)
def compliance_by_executor(as_of: dt.date, authority_id: int | None = None) -> list[control.ComplianceRow]:
    with Session(get_engine()) as session:
        return control.compliance_by_executor(session, as_of=as_of, authority_id=authority_id)


@st.cache_data(ttl=600, show_spinner=False)
def improvement_by_organization(as_of: dt.date) -> list[control.OrganizationExecution]:
    with Session(get_engine()) as session:
        return control.improvement_execution_by_organization(session, as_of=as_of)


@st.cache_data(ttl=600, show_spinner=False)
def deficiency_effect() -> pd.DataFrame:
    with Session(get_engine()) as session:
        effects = control.deficiency_effect(session)
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
def authorities() -> dict[int, str]:
    with Session(get_engine()) as session:
        return {
            a.id: a.short_name or a.name for a in session.exec(select(Authority).order_by(Authority.name))
        }  # type: ignore[misc]


@st.cache_data(ttl=600, show_spinner=False)
def plans() -> dict[int, str]:
    """Documents that have control points (plans and improvement plans), by id."""
    with Session(get_engine()) as session:
        rows = session.exec(
            select(Document)
            .where(col(Document.kind).in_(["plan", "improvement_plan"]))
            .order_by(Document.date)
        )
        return {
            d.id: f"{d.title or 'без названия'} ({d.date:%d.%m.%Y})" if d.date else (d.title or "")
            for d in rows
        }  # type: ignore[misc]


@st.cache_data(ttl=300, show_spinner=False)
def documents(
    kind: str | None = None,
    year: int | None = None,
    state: str | None = None,
    limit: int = 500,
    signed: queries_documents.SignedFilter | None = None,
) -> list[queries_documents.DocumentRow]:
    with Session(get_engine()) as session:
        return queries_documents.list_documents(
            session, kind=kind, year=year, states=[state] if state else None, signed=signed, limit=limit
        )


@st.cache_data(ttl=300, show_spinner=False)
def search(query: str, kind: str | None = None, year: int | None = None) -> list:  # type: ignore[type-arg]
    from docstore.search import search as run_search

    with Session(get_engine()) as session:
        return run_search(session, query, kind=kind, year=year, limit=50)
