"""Page speed at two scales: every page of the app cold and cached, and its queries beside
hand-written SQL for the same tables.

Claims.
- Region (SQLite): 1,000 institutions x 10 years of ratings, 50,000 control points: every page
  rendered in under 1 s from the cache.
- Federal (PostgreSQL): 85 regions, 6,000 institutions x 10 years, 500,000 control points,
  20,000 documents (`benchmarks/federal.py`): every page under 1.5 s cached and 3 s cold, for
  all regions and with one region chosen (the «Регион» filter of every page, from the URL).
- At both scales each page's queries take at most 1.2x one hand-written SQL statement giving
  the same rows (run through the same driver, rows fetched; best of interleaved rounds).

"Rendered" is Streamlit's script run producing the page's elements (AppTest: a fresh session
each time, as a new browser tab would be; the browser's own drawing is not included). Cold:
`st.cache_data` cleared before the run; cached: a new session right after, so only the queries
are saved.

Run: .venv/bin/python benchmarks/pages.py [--scale region|federal|both] [--repeat N]
     [--db PATH] [--pg-database NAME] [--keep]
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, func, select, text  # noqa: E402
from sqlmodel import Session, SQLModel  # noqa: E402

from benchmarks import federal  # noqa: E402
from benchmarks.control import AS_OF, PG_SERVER_URL, STAMP, timed_pair  # noqa: E402
from benchmarks.control import _sql as control_sql  # noqa: E402
from benchmarks.control import generate as generate_control  # noqa: E402
from db.engine import make_engine  # noqa: E402
from db.migrate import upgrade  # noqa: E402
from db.models import CRITERIA, Organization, User  # noqa: E402

YEARS = tuple(range(2011, 2021))
ROLE_FOR_PAGE = {
    "home.py": "admin",
    "indicators.py": "minister",
    "ratings.py": "council",
    "control.py": "supervisor",
    "improvement.py": "council",
    "documents.py": "staff",
}
ONE_REGION = {"region": "Регион 5", "federal": federal.region_name(5)}
"""The region chosen for the «one region» runs, as each data set names it."""
TARGETS = {"region": (None, 1.0), "federal": (3.0, 1.5)}
"""(cold, cached) seconds per page; the region claim has no cold target."""


def generate_region(engine: Engine, seed: int = 11) -> None:
    """The control benchmark's 50,000 points and 1,000 institutions, plus 10 years of published
    ratings for every institution and target indicators."""
    points = generate_control(engine, seed)
    rng = random.Random(seed)
    tables = SQLModel.metadata.tables
    with Session(engine) as session:
        organizations = session.execute(select(Organization.id, Organization.authority_id)).all()
        next_doc = int(session.execute(select(func.max(tables["document"].c.id))).scalar_one()) + 1
    documents, versions, ratings, indicator_values = [], [], [], []
    rating_doc: dict[tuple[int, int], int] = {}
    for year in YEARS:
        for authority_id in sorted({a for _, a in organizations}):
            doc_id = next_doc
            next_doc += 1
            rating_doc[(year, authority_id)] = doc_id
            documents.append(
                {
                    "id": doc_id,
                    "kind": "rating",
                    "authority_id": authority_id,
                    "date": dt.date(year, 12, 20),
                    "title": f"Рейтинг {year}",
                    "references": [],
                    "state": "published",
                    "region": f"Регион {authority_id}",
                    "created_at": STAMP,
                    "updated_at": STAMP,
                }
            )
            versions.append(
                {
                    "id": doc_id,
                    "document_id": doc_id,
                    "version_no": 1,
                    "filename": f"{doc_id}.pdf",
                    "sha256": uuid.uuid4().hex * 2,
                    "size": 1,
                    "mime": "application/pdf",
                    "format": "pdf",
                    "ocr": False,
                    "text": "",
                    "uploaded_at": STAMP,
                }
            )
    for organization_id, authority_id in organizations:
        level = rng.uniform(70, 95)
        for year in YEARS:
            scores = {c: round(min(100, max(40, level + rng.gauss(0, 4))), 1) for c in CRITERIA}
            if rng.random() < 0.02:
                scores["comfort"] = None
            known = [v for v in scores.values() if v is not None]
            doc_id = rating_doc[(year, authority_id)]
            ratings.append(
                {
                    "organization_id": organization_id,
                    "year": year,
                    "service_form": rng.choice(("stationary", "home")),
                    **scores,
                    "total": round(sum(known) / len(known), 1),
                    "document_id": doc_id,
                    "version_id": doc_id,
                }
            )
    indicators = [
        {"id": i, "name": f"Целевой показатель {i}", "unit": "%", "region": None} for i in range(1, 11)
    ]
    for indicator in indicators:
        for year in YEARS:
            doc_id = rating_doc[(year, 1)]
            for kind, value in (("plan", 80 + year - 2011), ("fact", 75 + rng.uniform(0, 15))):
                indicator_values.append(
                    {
                        "indicator_id": indicator["id"],
                        "year": year,
                        "kind": kind,
                        "value": value,
                        "document_id": doc_id,
                        "version_id": doc_id,
                    }
                )
    with engine.begin() as connection:
        # the control benchmark's documents name no region; the region is their authority's
        connection.execute(
            text("UPDATE document SET region = 'Регион ' || authority_id WHERE region IS NULL")
        )
        connection.execute(text("UPDATE organization SET region = 'Регион ' || authority_id"))
        connection.execute(tables["document"].insert(), documents)
        connection.execute(tables["documentversion"].insert(), versions)
        connection.execute(tables["rating"].insert(), ratings)
        connection.execute(tables["indicator"].insert(), indicators)
        connection.execute(tables["indicatorvalue"].insert(), indicator_values)
        connection.execute(text("ANALYZE"))
    print(f"  {len(organizations)} institutions, {len(ratings)} ratings, {points} control points")


def add_users(engine: Engine) -> None:
    """One user per role of the pages (login = role, password `bench-password`)."""
    from docstore.auth import create_user

    with Session(engine) as session:
        for role in sorted(set(ROLE_FOR_PAGE.values())):
            create_user(session, login=role, password="bench-password", roles=[(role, None, None)])
        session.commit()


BARE_MODE_LOGGERS = (
    "streamlit.runtime.scriptrunner_utils.script_run_context",
    "streamlit.runtime.caching.cache_data_api",
)
APP = str(ROOT / "dashboard" / "app.py")


def run_page(page: str, user_id: int, *, cold: bool, region: str | None = None) -> float:
    """Seconds for one request: a new session, signed in, on `page`, until its elements are
    built. The app lands on «Главная» first (AppTest switches pages only after a run), so that
    run is not timed and the cache is cleared after it for a cold run. «Главная» too is timed on
    the session's second run: AppTest's first run of a new app scans the metadata of every
    installed package for Streamlit components (about 0.5 s here), which a server does once at
    start, not per page."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=300)
    at.session_state["user_id"] = user_id
    at.query_params["as_of"] = AS_OF.isoformat()
    if region is not None:
        at.query_params["region"] = region
    at.run()
    if page != "home.py":
        at.switch_page(f"views/{page}")
    if cold:
        st.cache_data.clear()
    started = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - started
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].message}")
    if region is not None and at.selectbox(key="region").value != region:
        raise RuntimeError(f"{page}: the region filter did not take «{region}» from the URL")
    return elapsed


@dataclass(frozen=True)
class PageTimes:
    cold: float
    cached: float


def time_pages(url: str, repeat: int, region: str | None) -> dict[str, PageTimes]:
    import streamlit as st

    from db.engine import get_engine

    os.environ["NOK_DATABASE_URL"] = url
    get_engine.cache_clear()
    st.cache_data.clear()
    engine = make_engine(url)
    with Session(engine) as session:
        users = {login: user_id for user_id, login in session.execute(select(User.id, User.login))}
    engine.dispose()
    times = {}
    for page, role in ROLE_FOR_PAGE.items():
        cold = [run_page(page, users[role], cold=True, region=region) for _ in range(repeat)]
        cached = [run_page(page, users[role], cold=False, region=region) for _ in range(repeat)]
        times[page] = PageTimes(statistics.median(cold), statistics.median(cached))
    get_engine().dispose()
    get_engine.cache_clear()
    return times


# --- Each page's queries beside one hand-written statement for the same tables.


def _hand_sql(dialect: str) -> dict[str, str]:
    existed = "(d.date IS NULL OR d.date <= :as_of) AND (ev.occurred_on IS NULL OR ev.occurred_on <= :as_of)"
    tracked = "NOT IN ('continuous', 'on_demand')"
    branches = f"""
  SELECT cp.due_date, cp.done_date, d.authority_id, COALESCE(a.name, d.authority_name) AS authority_name
  FROM controlpoint cp JOIN planitem pi ON pi.id = cp.plan_item_id JOIN document d ON d.id = pi.document_id
  LEFT JOIN authority a ON a.id = d.authority_id LEFT JOIN planevent ev ON ev.id = cp.trigger_event_id
  WHERE pi.deadline_kind {tracked} AND {existed} {{where}}
  UNION ALL
  SELECT cp.due_date, cp.done_date, d.authority_id, COALESCE(a.name, d.authority_name)
  FROM controlpoint cp JOIN improvementitem ii ON ii.id = cp.improvement_item_id
  JOIN document d ON d.id = ii.document_id LEFT JOIN authority a ON a.id = d.authority_id
  LEFT JOIN planevent ev ON ev.id = cp.trigger_event_id
  WHERE ii.planned_kind {tracked} AND {existed} {{where}}"""
    open_then = "(done_date IS NULL OR done_date > :as_of)"
    counts = f"""
  SUM(CASE WHEN done_date <= :as_of AND done_date <= due_date THEN 1 ELSE 0 END),
  SUM(CASE WHEN done_date <= :as_of AND done_date > due_date THEN 1 ELSE 0 END),
  SUM(CASE WHEN {open_then} AND due_date < :as_of THEN 1 ELSE 0 END),
  SUM(CASE WHEN {open_then} AND due_date >= :as_of AND due_date <= :soon THEN 1 ELSE 0 END),
  SUM(CASE WHEN {open_then} AND due_date > :soon THEN 1 ELSE 0 END)"""
    yearly = """SELECT r.organization_id, AVG(r.total) AS total
  FROM rating r JOIN document d ON d.id = r.document_id
  WHERE d.state = 'published' AND r.year = {year} AND r.total IS NOT NULL GROUP BY r.organization_id"""
    return {
        **control_sql(dialect),
        "status_counts": f"SELECT {counts} FROM ({branches.format(where='')}) AS points",
        "overdue_by_authority": f"""
SELECT authority_id, authority_name, COUNT(*) FROM ({
            branches.format(
                where="AND cp.due_date < :as_of AND (cp.done_date IS NULL OR cp.done_date > :as_of)"
            )
        }) AS points GROUP BY authority_id, authority_name ORDER BY COUNT(*) DESC, authority_name LIMIT 10""",
        "biggest_falls": f"""
SELECT o.id, o.name, o.region, b.total, n.total FROM organization o
JOIN ({yearly.format(year=":year")}) n ON n.organization_id = o.id
JOIN ({yearly.format(year=":year - 1")}) b ON b.organization_id = o.id
WHERE n.total - b.total < 0 ORDER BY n.total - b.total, o.name LIMIT 10""",
        "rating_rows": """
SELECT r.organization_id, o.name, o.region, r.year, r.service_form, r.openness, r.comfort, r.accessibility,
       r.courtesy, r.satisfaction, r.total, r.document_id
FROM rating r JOIN organization o ON o.id = r.organization_id JOIN document d ON d.id = r.document_id
WHERE d.state = 'published' AND r.year = :year ORDER BY r.total DESC NULLS LAST, o.name, r.year""",
        "improvement_execution": f"""
SELECT organization_id, organization_name, {counts} FROM (
  SELECT COALESCE(ii.organization_id, d.organization_id) AS organization_id,
         COALESCE(o.name, ii.organization_name) AS organization_name, cp.due_date, cp.done_date
  FROM controlpoint cp JOIN improvementitem ii ON ii.id = cp.improvement_item_id
  JOIN document d ON d.id = ii.document_id LEFT JOIN planevent ev ON ev.id = cp.trigger_event_id
  LEFT JOIN organization o ON o.id = COALESCE(ii.organization_id, d.organization_id)
  WHERE ii.planned_kind {tracked} AND {existed}
) AS points GROUP BY organization_id, organization_name ORDER BY organization_name""",
        "indicator_trends": """
SELECT MIN(i.id), i.name, MIN(i.unit), v.year, AVG(CASE WHEN v.kind = 'plan' THEN v.value END),
       AVG(CASE WHEN v.kind = 'fact' THEN v.value END)
FROM indicator i JOIN (
  SELECT iv.indicator_id, iv.year, iv.kind, iv.value, ROW_NUMBER() OVER (
    PARTITION BY iv.indicator_id, iv.year, iv.kind ORDER BY d.date DESC NULLS LAST, iv.id DESC) AS newest
  FROM indicatorvalue iv JOIN document d ON d.id = iv.document_id
  WHERE d.state = 'published' AND iv.value IS NOT NULL
) AS v ON v.indicator_id = i.id
WHERE v.newest = 1 GROUP BY i.name, v.year ORDER BY i.name, v.year""",
        # The page of the registry first, then only its versions: how many, and whether one is
        # a signed copy (seal and signature on one version, a seal, a signature).
        "list_documents": """
WITH page AS (
  SELECT d.id, d.kind, d.number, d.date, d.title, d.authority_name, d.region, d.state
  FROM document d ORDER BY d.date DESC NULLS LAST, d.id DESC LIMIT 500)
SELECT p.id, p.kind, p.number, p.date, p.title, p.authority_name, p.region, p.state, v.n,
       v.both_marks, v.seal, v.signature
FROM page p JOIN (
  SELECT document_id, COUNT(*) AS n,
         MAX(CASE WHEN seal AND signature THEN 1 ELSE 0 END) AS both_marks,
         MAX(CASE WHEN seal THEN 1 ELSE 0 END) AS seal,
         MAX(CASE WHEN signature THEN 1 ELSE 0 END) AS signature
  FROM documentversion WHERE document_id IN (SELECT id FROM page) GROUP BY document_id) AS v
  ON v.document_id = p.id
ORDER BY p.date DESC NULLS LAST, p.id DESC""",
    }


@dataclass(frozen=True)
class Pair:
    """One of our queries, the hand-written statement, and how to compare their rows."""

    page: str
    ours: Callable[[Session], Any]
    sql: str
    same: Callable[[Any, list[Any]], bool]


def _signed_copy(both: int, seal: int, signature: int) -> str:
    """What the registry shows of a document's copies, from the hand-written statement's marks."""
    if both:
        return "seal_and_signature"
    if seal:
        return "seal"
    return "signature" if signature else "none"


def _close(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and abs(float(a) - float(b)) < 1e-6
    return a == b


def _rows_equal(ours: list[tuple[Any, ...]], theirs: list[Any]) -> bool:
    return len(ours) == len(theirs) and all(
        len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
        for a, b in zip(ours, theirs, strict=True)
    )


def pairs() -> dict[str, Pair]:
    from db.queries import control, documents, indicators, ratings
    from db.queries.control import STATUSES

    def points(rows: list[Any]) -> list[tuple[Any, ...]]:
        return [(r.control_point_id,) for r in rows]

    return {
        "overdue_list": Pair(
            "control.py",
            lambda s: control.overdue_list(s, as_of=AS_OF),
            "overdue",
            lambda ours, theirs: points(ours) == [(r[0],) for r in theirs],
        ),
        "compliance_by_executor": Pair(
            "control.py",
            lambda s: control.compliance_by_executor(s, as_of=AS_OF, within_days=0),
            "by_executor",
            lambda ours, theirs: (
                [(r.label, r.on_time, r.late, r.overdue, r.due_soon, r.not_yet_due) for r in ours]
                == [tuple(r) for r in theirs]
            ),
        ),
        "status_counts": Pair(
            "control.py, home.py",
            lambda s: control.status_counts(s, as_of=AS_OF),
            "status_counts",
            lambda ours, theirs: [ours[s] for s in STATUSES] == [int(v or 0) for v in theirs[0]],
        ),
        "overdue_by_authority": Pair(
            "home.py",
            lambda s: control.overdue_by_body(s, as_of=AS_OF, body="authority"),
            "overdue_by_authority",
            lambda ours, theirs: [(r.key, r.overdue) for r in ours] == [(r[0], r[2]) for r in theirs],
        ),
        "biggest_falls": Pair(
            "home.py",
            lambda s: ratings.biggest_falls(s, year=2020),
            "biggest_falls",
            lambda ours, theirs: [r.organization_id for r in ours] == [r[0] for r in theirs],
        ),
        "indicator_trends": Pair(
            "home.py, indicators.py",
            lambda s: indicators.indicator_trends(s),
            "indicator_trends",
            lambda ours, theirs: _rows_equal(
                [(p.indicator_id, p.name, p.unit, p.year, p.plan, p.fact) for p in ours], theirs
            ),
        ),
        "rating_rows": Pair(
            "ratings.py",
            lambda s: ratings.rating_rows(s, year=2020),
            "rating_rows",
            lambda ours, theirs: (
                sorted((r.organization_id, r.service_form) for r in ours)
                == sorted((r[0], r[4]) for r in theirs)
            ),
        ),
        "improvement_execution": Pair(
            "improvement.py",
            lambda s: control.improvement_execution_by_organization(s, as_of=AS_OF),
            "improvement_execution",
            lambda ours, theirs: (
                [(r.organization_id, r.done, r.overdue) for r in ours]
                == [(r[0], int(r[2]), int(r[4])) for r in theirs]
            ),
        ),
        "list_documents": Pair(
            "documents.py",
            lambda s: documents.list_documents(s, limit=500),
            "list_documents",
            lambda ours, theirs: (
                [(r.id, r.versions, r.signed) for r in ours]
                == [(r[0], r[8], _signed_copy(*r[9:])) for r in theirs]
            ),
        ),
    }


@dataclass(frozen=True)
class QueryTimes:
    ours: float
    hand: float
    rows: int


def time_queries(url: str, repeat: int) -> dict[str, QueryTimes]:
    engine = make_engine(url)
    sql = _hand_sql(engine.dialect.name)
    parameters = {"as_of": AS_OF, "soon": AS_OF + dt.timedelta(days=14), "year": 2020}
    result = {}
    with Session(engine) as session:
        for name, pair in pairs().items():
            statement = text(sql[pair.sql])
            wanted = {k: v for k, v in parameters.items() if f":{k}" in sql[pair.sql]}
            ours_t, ours, hand_t, theirs = timed_pair(
                lambda pair=pair: pair.ours(session),
                lambda statement=statement, wanted=wanted: session.execute(statement, wanted).all(),
                repeat,
            )
            if not pair.same(ours, theirs):
                raise AssertionError(f"{name}: our rows differ from the hand-written SQL's")
            result[name] = QueryTimes(ours_t, hand_t, len(ours))
    engine.dispose()
    return result


# --- The two data sets.


def region_database(path: Path | None) -> str:
    folder = Path(tempfile.mkdtemp(prefix="nok-pages-"))
    path = path or folder / "pages.db"
    url = f"sqlite:///{path}"
    if not path.exists():
        engine = make_engine(url)
        upgrade(engine)
        started = time.perf_counter()
        generate_region(engine)
        add_users(engine)
        print(f"  region data set generated in {time.perf_counter() - started:.1f} s")
        engine.dispose()
    return url


def federal_database(name: str) -> tuple[str, bool]:
    """(URL, created): the named PostgreSQL database, filled when new or empty."""
    server = make_engine(PG_SERVER_URL).execution_options(isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first()
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    server.dispose()
    url = PG_SERVER_URL.rsplit("/", 1)[0] + f"/{name}"
    engine = make_engine(url)
    upgrade(engine)
    with Session(engine) as session:
        filled = session.execute(select(func.count()).select_from(Organization)).scalar_one() > 0
        has_users = session.execute(select(func.count()).select_from(User)).scalar_one() > 0
    if not has_users:
        add_users(engine)
    if not filled:
        started = time.perf_counter()
        counts = federal.generate(engine)
        print(
            f"  federal data set generated in {time.perf_counter() - started:.1f} s: "
            + ", ".join(f"{table} {n:,}".replace(",", " ") for table, n in counts.items())
        )
    engine.dispose()
    return url, not exists


def drop_database(name: str) -> None:
    server = make_engine(PG_SERVER_URL).execution_options(isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    server.dispose()


# --- Report.


def print_pages(results: dict[str, dict[str, PageTimes]]) -> bool:
    columns = list(results)
    print(
        "\nPages, median seconds (cold / cached); targets: region cached < 1 s; "
        "federal cold < 3 s, cached < 1.5 s"
    )
    print(f"{'page':<16}" + "".join(f"{c:>24}" for c in columns))
    ok = True
    for page in ROLE_FOR_PAGE:
        cells = []
        for column in columns:
            times = results[column][page]
            cold_target, cached_target = TARGETS[column.split(",")[0]]
            slow = times.cached >= cached_target or (cold_target is not None and times.cold >= cold_target)
            ok = ok and not slow
            cells.append(f"{times.cold:7.2f} / {times.cached:5.2f}{' SLOW' if slow else '     '}")
        print(f"{page:<16}" + "".join(f"{c:>24}" for c in cells))
    return ok


def print_queries(results: dict[str, dict[str, QueryTimes]]) -> bool:
    columns = list(results)
    print("\nQueries beside hand-written SQL, best of rounds, ms (ours / hand = ratio); target ratio <= 1.2")
    print(f"{'query':<24}{'page':<24}" + "".join(f"{c:>30}" for c in columns))
    ok = True
    for name, pair in pairs().items():
        cells = []
        for column in columns:
            q = results[column][name]
            ratio = q.ours / q.hand
            ok = ok and ratio <= 1.2
            cells.append(
                f"{q.ours * 1000:7.1f} / {q.hand * 1000:7.1f} = {ratio:4.2f}{' !' if ratio > 1.2 else '  '}"
            )
        print(f"{name:<24}{pair.page:<24}" + "".join(f"{c:>30}" for c in cells))
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("region", "federal", "both"), default="both")
    parser.add_argument("--repeat", type=int, default=3, help="runs per page and mode (median shown)")
    parser.add_argument("--query-repeat", type=int, default=5, help="interleaved rounds per query")
    parser.add_argument("--db", type=Path, help="reuse (or create) the region's SQLite database at this path")
    parser.add_argument("--pg-database", default=None, help="reuse (or create) this PostgreSQL database")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database afterwards")
    parser.add_argument(
        "--only", choices=("pages", "queries"), help="time only the pages or only the queries"
    )
    args = parser.parse_args()
    for noisy in BARE_MODE_LOGGERS:  # AppTest's "missing ScriptRunContext" lines are noise here
        logging.getLogger(noisy).disabled = True
    pages: dict[str, dict[str, PageTimes]] = {}
    queries: dict[str, dict[str, QueryTimes]] = {}
    if args.scale in ("region", "both"):
        print("region scale, SQLite:")
        url = region_database(args.db)
        if args.only != "queries":
            pages["region, SQLite"] = time_pages(url, args.repeat, None)
            pages["region, one region"] = time_pages(url, args.repeat, ONE_REGION["region"])
        if args.only != "pages":
            queries["region, SQLite"] = time_queries(url, args.query_repeat)
    if args.scale in ("federal", "both"):
        print("federal scale, PostgreSQL:")
        name = args.pg_database or f"nok_bench_pages_{uuid.uuid4().hex[:8]}"
        try:
            url, _ = federal_database(name)
            if args.only != "queries":
                pages["federal, PostgreSQL"] = time_pages(url, args.repeat, None)
                pages["federal, one region"] = time_pages(url, args.repeat, ONE_REGION["federal"])
            if args.only != "pages":
                queries["federal, PostgreSQL"] = time_queries(url, args.query_repeat)
        finally:
            if not (args.keep or args.pg_database):
                drop_database(name)
    pages_ok = print_pages(pages) if pages else True
    queries_ok = print_queries(queries) if queries else True
    pages_verdict = "meet" if pages_ok else "miss"
    print(f"\npages {pages_verdict} their targets; queries {'meet' if queries_ok else 'miss'} 1.2x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
