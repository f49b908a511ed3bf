"""Page speed: time from request to rendered page for each page of the app, cold and cached.

Claim: on 1,000 institutions x 10 years of ratings and 50,000 control points, every page is
rendered in under 1 s from the cache on SQLite. "Rendered" is Streamlit's script run producing
the page's elements (AppTest: a fresh session each time, as a new browser tab would be; the
browser's own drawing is not included). Cold: `st.cache_data` cleared before the run; cached: a
new session right after, so only the queries are saved. Baseline beside each page: the bare
queries the page calls, outside Streamlit.

Run: .venv/bin/python benchmarks/pages.py [--repeat N] [--db PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, func, select  # noqa: E402
from sqlmodel import Session, SQLModel  # noqa: E402

from benchmarks.control import AS_OF, STAMP  # noqa: E402
from benchmarks.control import generate as generate_control  # noqa: E402
from db.engine import make_engine  # noqa: E402
from db.migrate import upgrade  # noqa: E402
from db.models import CRITERIA, Organization  # noqa: E402

YEARS = tuple(range(2011, 2021))
ROLE_FOR_PAGE = {
    "home.py": "admin",
    "indicators.py": "minister",
    "ratings.py": "council",
    "control.py": "supervisor",
    "improvement.py": "council",
    "documents.py": "staff",
}


def generate(engine: Engine, seed: int = 11) -> dict[str, int]:
    """The control benchmark's 50,000 points and 1,000 institutions, plus 10 years of published
    ratings for every institution, target indicators, and one user per role."""
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
        connection.execute(tables["document"].insert(), documents)
        connection.execute(tables["documentversion"].insert(), versions)
        connection.execute(tables["rating"].insert(), ratings)
        connection.execute(tables["indicator"].insert(), indicators)
        connection.execute(tables["indicatorvalue"].insert(), indicator_values)
    from docstore.auth import create_user

    users = {}
    with Session(engine) as session:
        for role in ROLE_FOR_PAGE.values():
            if role not in users:
                users[role] = create_user(
                    session, login=role, password="bench-password", roles=[(role, None, None)]
                ).id
        session.commit()
    print(f"generated: {len(organizations)} institutions, {len(ratings)} ratings, {points} control points")
    return users  # type: ignore[return-value]


BARE_MODE_LOGGERS = (
    "streamlit.runtime.scriptrunner_utils.script_run_context",
    "streamlit.runtime.caching.cache_data_api",
)


def run_page(app: str, page: str, user_id: int) -> float:
    """Seconds for one request: a new session, signed in, on `page`, until its elements are built."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(app, default_timeout=120)
    at.session_state["user_id"] = user_id
    at.query_params["as_of"] = AS_OF.isoformat()
    started = time.perf_counter()
    at.run()
    if page != "home.py":
        at.switch_page(f"views/{page}").run()
    elapsed = time.perf_counter() - started
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].message}")
    return elapsed


def baseline_queries(engine: Engine) -> dict[str, Callable[[], Any]]:
    """The bare queries behind each page, for comparison."""
    from db.queries import control, documents, indicators, overview, ratings

    def with_session(call: Callable[[Session], Any]) -> Callable[[], Any]:
        def run() -> Any:
            with Session(engine) as session:
                return call(session)

        return run

    return {
        "home.py": with_session(lambda s: overview.database_overview(s, AS_OF)),
        "indicators.py": with_session(
            lambda s: (indicators.headline(s, year=2020, as_of=AS_OF), indicators.indicator_points(s))
        ),
        "ratings.py": with_session(lambda s: (ratings.rating_filters(s), ratings.rating_rows(s, year=2020))),
        "control.py": with_session(
            lambda s: (
                control.control_point_statuses(s, as_of=AS_OF),
                control.compliance_by_executor(s, as_of=AS_OF),
            )
        ),
        "improvement.py": with_session(
            lambda s: (
                control.improvement_execution_by_organization(s, as_of=AS_OF),
                control.deficiency_effect(s),
            )
        ),
        "documents.py": with_session(lambda s: documents.list_documents(s, limit=10_000)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per page and mode (median shown)")
    parser.add_argument("--db", type=Path, help="reuse (or create) the SQLite database at this path")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="nok-pages-"))
    path = args.db or folder / "pages.db"
    url = f"sqlite:///{path}"
    fresh = not path.exists()
    engine = make_engine(url)
    if fresh:
        upgrade(engine)
        started = time.perf_counter()
        generate(engine)
        print(f"generation: {time.perf_counter() - started:.1f} s")
    with Session(engine) as session:
        from db.models import User

        users = {login: user_id for user_id, login in session.execute(select(User.id, User.login))}
    os.environ["NOK_DATABASE_URL"] = url
    import logging

    import streamlit as st

    from db.engine import get_engine

    for noisy in BARE_MODE_LOGGERS:  # AppTest's "missing ScriptRunContext" lines are noise here
        logging.getLogger(noisy).disabled = True

    get_engine.cache_clear()
    app = str(ROOT / "dashboard" / "app.py")
    baselines = baseline_queries(engine)
    print(f"\nSQLite, {args.repeat} runs each, median seconds (AppTest script run; queries alone beside)")
    print(f"{'page':<16}{'cold':>8}{'cached':>8}{'queries':>9}  target cached < 1 s")
    worst = 0.0
    for page, role in ROLE_FOR_PAGE.items():
        cold, cached, bare = [], [], []
        for _ in range(args.repeat):
            st.cache_data.clear()
            cold.append(run_page(app, page, users[role]))
            cached.append(run_page(app, page, users[role]))
            started = time.perf_counter()
            baselines[page]()
            bare.append(time.perf_counter() - started)
        c, w, b = statistics.median(cold), statistics.median(cached), statistics.median(bare)
        worst = max(worst, w)
        print(f"{page:<16}{c:>8.3f}{w:>8.3f}{b:>9.3f}  {'ok' if w < 1 else 'SLOW'}")
    print(f"\nslowest cached page: {worst:.3f} s ({'meets' if worst < 1 else 'misses'} the 1 s target)")
    engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
