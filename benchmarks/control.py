"""Execution control speed: nok's overdue list and compliance measures beside hand-written SQL.

Claim: on 50,000 control points across 1,000 institutions, `overdue_list` and
`compliance_by_executor` each take at most 1.2x one hand-written SQL query producing the same
result (run through the same driver, rows fetched; best of interleaved rounds), and under
0.5 s on SQLite. The other measures (by authority, plan, quarter; improvement execution by
institution; every status) are timed too.

Run: .venv/bin/python benchmarks/control.py [--repeat N] [--no-postgres]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, text  # noqa: E402
from sqlmodel import Session, SQLModel  # noqa: E402

import db.models as m  # noqa: E402
from db.engine import make_engine  # noqa: E402
from db.migrate import upgrade  # noqa: E402
from db.queries import control  # noqa: E402

PG_SERVER_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
AS_OF = dt.date(2020, 7, 1)
STAMP = dt.datetime(2019, 1, 1, tzinfo=dt.UTC)
AUTHORITIES, ORGANIZATIONS, EXECUTORS = 20, 1000, 300
PLAN_ITEMS, PLAN_POINTS = 50, 10  # per authority plan: 20 x 50 x 10 = 10,000 points
MEASURES, MEASURE_POINTS = 10, 4  # per institution: 1,000 x 10 x 4 = 40,000 points


def generate(engine: Engine, seed: int = 7) -> int:
    """Fill an empty database with authorities' plans and institutions' improvement plans."""
    rng = random.Random(seed)
    rows: dict[Any, list[dict[str, Any]]] = {t: [] for t in SQLModel.metadata.sorted_tables}
    T = {name: SQLModel.metadata.tables[name] for name in SQLModel.metadata.tables}

    def add(table: str, **values: Any) -> int:
        bucket = rows[T[table]]
        values.setdefault("id", len(bucket) + 1)
        bucket.append(values)
        return values["id"]

    for a in range(1, AUTHORITIES + 1):
        add("authority", name=f"Министерство социальной защиты региона {a}", region=f"Регион {a}")
    for e in range(1, EXECUTORS + 1):
        add("executor", name=f"Исполнитель {e}", normalized=f"исполнитель {e}")
    doc_ids = iter(range(1, 10**9))

    def document(
        kind: str, authority_id: int, organization_id: int | None, start: dt.date, end: dt.date
    ) -> int:
        doc_id = next(doc_ids)
        add("document", id=doc_id, kind=kind, authority_id=authority_id, organization_id=organization_id,
            number=str(doc_id), date=start, title=f"План {doc_id}", period_start=start, period_end=end,
            references=[], state="registered", created_at=STAMP, updated_at=STAMP)  # fmt: skip
        add("documentversion", id=doc_id, document_id=doc_id, version_no=1, filename=f"{doc_id}.docx",
            sha256=uuid.uuid4().hex * 2, size=1, mime="application/octet-stream", format="docx", ocr=False,
            text="", uploaded_at=STAMP)  # fmt: skip
        return doc_id

    def points(due_dates: list[dt.date], **item: int) -> None:
        item = {"plan_item_id": None, "improvement_item_id": None, **item}
        for due in due_dates:
            done = None
            if due < dt.date(2020, 9, 1) and rng.random() < 0.7:
                done = due + dt.timedelta(days=rng.randint(-20, 25))
            add("controlpoint", due_date=due, done_date=done, **item)

    plan_dues = [
        dt.date(2019 + q // 4, 3 * (q % 4) + 1, 1) + dt.timedelta(days=85) for q in range(PLAN_POINTS)
    ]
    item_id = 0
    for a in range(1, AUTHORITIES + 1):
        doc_id = document("plan", a, None, dt.date(2019, 1, 1), dt.date(2021, 12, 31))
        for _ in range(PLAN_ITEMS):
            item_id += 1
            add("planitem", id=item_id, document_id=doc_id, version_id=doc_id, title=f"Мероприятие {item_id}",
                responsible=[], deadline_kind="recurring", position=item_id)  # fmt: skip
            for executor in rng.sample(range(1, EXECUTORS + 1), rng.choice((1, 1, 2))):
                add("planitemexecutor", plan_item_id=item_id, executor_id=executor)
            points(plan_dues, plan_item_id=item_id)
    measure_id = 0
    for o in range(1, ORGANIZATIONS + 1):
        authority_id = (o - 1) % AUTHORITIES + 1
        add(
            "organization",
            name=f"Учреждение {o}",
            authority_id=authority_id,
            service_forms=[],
            confirmed=True,
        )
        doc_id = document("improvement_plan", authority_id, o, dt.date(2020, 1, 1), dt.date(2020, 12, 31))
        for _ in range(MEASURES):
            measure_id += 1
            add("improvementitem", id=measure_id, document_id=doc_id, version_id=doc_id, organization_id=o,
                measure=f"Мера {measure_id}", planned_kind="recurring", position=measure_id,
                executor_id=rng.randint(1, EXECUTORS), criterion=rng.choice(m.CRITERIA))  # fmt: skip
            points([dt.date(2020, 3, 31), dt.date(2020, 6, 30), dt.date(2020, 9, 30), dt.date(2020, 12, 31)],
                   improvement_item_id=measure_id)  # fmt: skip
    with engine.begin() as connection:
        for table, values in rows.items():
            if values:
                connection.execute(table.insert(), values)
        if engine.dialect.name == "postgresql":
            for table, values in rows.items():
                if values and "id" in table.c:
                    connection.execute(
                        text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), {len(values)})")
                    )
            connection.execute(text("ANALYZE"))
        else:
            connection.execute(text("ANALYZE"))
    return len(rows[T["controlpoint"]])


def _sql(dialect: str) -> dict[str, str]:
    """The hand-written queries, one per claim, in each dialect's own date arithmetic."""
    if dialect == "sqlite":
        days = "CAST(julianday(:as_of) - julianday(cp.due_date) AS INTEGER)"
        names = "group_concat(e.name, '; ')"
    else:
        days = "(CAST(:as_of AS DATE) - cp.due_date)"
        names = "string_agg(e.name, '; ')"
    existed = "(d.date IS NULL OR d.date <= :as_of) AND (ev.occurred_on IS NULL OR ev.occurred_on <= :as_of)"
    open_due = "cp.due_date <= :as_of AND (cp.done_date IS NULL OR cp.done_date > :as_of)"
    overdue = f"""
SELECT cp.id, cp.due_date, cp.done_date, cp.done_comment, cp.evidence_document_id,
       cp.proposed_evidence_document_id, d.id AS document_id, d.title, d.number, d.date, d.authority_id,
       COALESCE(a.name, d.authority_name) AS authority_name, 'plan' AS source, pi.id AS item_id, pi.number,
       pi.title AS item_title, pi.result_form,
       COALESCE((SELECT {names} FROM planitemexecutor pe JOIN executor e ON e.id = pe.executor_id
                 WHERE pe.plan_item_id = pi.id), 'исполнитель не указан') AS executor,
       NULL AS organization_id, NULL AS organization_name,
       CASE WHEN cp.due_date < :as_of THEN 'overdue' ELSE 'due_soon' END AS status, NULL AS days_late,
       CASE WHEN cp.due_date < :as_of THEN {days} END AS days_overdue,
       CASE WHEN cp.due_date >= :as_of THEN -{days} END AS days_left
FROM controlpoint cp JOIN planitem pi ON pi.id = cp.plan_item_id JOIN document d ON d.id = pi.document_id
LEFT JOIN authority a ON a.id = d.authority_id LEFT JOIN planevent ev ON ev.id = cp.trigger_event_id
WHERE {open_due} AND pi.deadline_kind NOT IN ('continuous', 'on_demand') AND {existed}
UNION ALL
SELECT cp.id, cp.due_date, cp.done_date, cp.done_comment, cp.evidence_document_id,
       cp.proposed_evidence_document_id, d.id, d.title, d.number, d.date, d.authority_id,
       COALESCE(a.name, d.authority_name), 'improvement', ii.id, NULL, ii.measure, NULL,
       COALESCE(e.name, ii.responsible_name, 'исполнитель не указан'),
       COALESCE(ii.organization_id, d.organization_id), COALESCE(o.name, ii.organization_name),
       CASE WHEN cp.due_date < :as_of THEN 'overdue' ELSE 'due_soon' END, NULL,
       CASE WHEN cp.due_date < :as_of THEN {days} END, CASE WHEN cp.due_date >= :as_of THEN -{days} END
FROM controlpoint cp JOIN improvementitem ii ON ii.id = cp.improvement_item_id
JOIN document d ON d.id = ii.document_id LEFT JOIN authority a ON a.id = d.authority_id
LEFT JOIN planevent ev ON ev.id = cp.trigger_event_id LEFT JOIN executor e ON e.id = ii.executor_id
LEFT JOIN organization o ON o.id = COALESCE(ii.organization_id, d.organization_id)
WHERE {open_due} AND ii.planned_kind NOT IN ('continuous', 'on_demand') AND {existed}
ORDER BY 2, 18, 1"""
    by_executor = f"""
SELECT executor,
  SUM(CASE WHEN done_date <= :as_of AND done_date <= due_date THEN 1 ELSE 0 END) AS on_time,
  SUM(CASE WHEN done_date <= :as_of AND done_date > due_date THEN 1 ELSE 0 END) AS late,
  SUM(CASE WHEN (done_date IS NULL OR done_date > :as_of) AND due_date < :as_of THEN 1 ELSE 0 END) AS overdue,
  SUM(CASE WHEN (done_date IS NULL OR done_date > :as_of) AND due_date = :as_of THEN 1 ELSE 0 END)
    AS due_soon,
  SUM(CASE WHEN (done_date IS NULL OR done_date > :as_of) AND due_date > :as_of THEN 1 ELSE 0 END)
    AS not_yet_due
FROM (
  SELECT cp.due_date, cp.done_date, COALESCE(e.name, 'исполнитель не указан') AS executor
  FROM controlpoint cp JOIN planitem pi ON pi.id = cp.plan_item_id JOIN document d ON d.id = pi.document_id
  LEFT JOIN planevent ev ON ev.id = cp.trigger_event_id
  LEFT JOIN planitemexecutor pe ON pe.plan_item_id = pi.id LEFT JOIN executor e ON e.id = pe.executor_id
  WHERE pi.deadline_kind NOT IN ('continuous', 'on_demand') AND {existed}
  UNION ALL
  SELECT cp.due_date, cp.done_date, COALESCE(e.name, ii.responsible_name, 'исполнитель не указан')
  FROM controlpoint cp JOIN improvementitem ii ON ii.id = cp.improvement_item_id
  JOIN document d ON d.id = ii.document_id LEFT JOIN planevent ev ON ev.id = cp.trigger_event_id
  LEFT JOIN executor e ON e.id = ii.executor_id
  WHERE ii.planned_kind NOT IN ('continuous', 'on_demand') AND {existed}
) AS points
GROUP BY executor ORDER BY executor"""
    return {"overdue": overdue, "by_executor": by_executor}


def timed(call: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Best seconds over `repeat` runs (after one warm-up) and the last result."""
    result = call()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - start)
    return min(times), result


def timed_pair(
    ours: Callable[[], Any], hand: Callable[[], Any], repeat: int
) -> tuple[float, Any, float, Any]:
    """Both calls timed alternately, so a busy machine slows both alike: the best round of each
    (the least disturbed by other processes) and the results."""
    ours_result, hand_result = ours(), hand()
    ours_times, hand_times = [], []
    for _ in range(repeat):
        for call, times in ((ours, ours_times), (hand, hand_times)):
            start = time.perf_counter()
            result = call()
            times.append(time.perf_counter() - start)
            if call is ours:
                ours_result = result
            else:
                hand_result = result
    return min(ours_times), ours_result, min(hand_times), hand_result


def bench(engine: Engine, repeat: int) -> None:
    started = time.perf_counter()
    count = generate(engine)
    print(f"\n{engine.dialect.name}: {count} control points, {ORGANIZATIONS} institutions, "
          f"generated in {time.perf_counter() - started:.1f} s; as of {AS_OF:%d.%m.%Y}")  # fmt: skip
    sql = _sql(engine.dialect.name)
    with Session(engine) as session:

        def hand(query: str) -> Callable[[], list[Any]]:
            return lambda: session.execute(text(query), {"as_of": AS_OF}).all()

        ours_t, ours, hand_t, theirs = timed_pair(
            lambda: control.overdue_list(session, as_of=AS_OF), hand(sql["overdue"]), repeat
        )
        assert [r.control_point_id for r in ours] == [r[0] for r in theirs], "overdue lists differ"
        same = [(r.status, r.days_overdue, r.days_left) for r in ours] == [
            (r[20], r[22], r[23]) for r in theirs
        ]
        assert same, "overdue list statuses differ"
        rows = [("overdue_list", ours_t, hand_t, len(ours))]
        ours_t, ours, hand_t, theirs = timed_pair(
            lambda: control.compliance_by_executor(session, as_of=AS_OF, within_days=0),
            hand(sql["by_executor"]),
            repeat,
        )
        assert [(r.label, r.on_time, r.late, r.overdue, r.due_soon, r.not_yet_due) for r in ours] == [
            tuple(r) for r in theirs
        ], "compliance by executor differs"
        rows.append(("compliance_by_executor", ours_t, hand_t, len(ours)))
        for name, call in (
            ("compliance_by_authority", lambda: control.compliance_by_authority(session, as_of=AS_OF)),
            ("compliance_by_plan", lambda: control.compliance_by_plan(session, as_of=AS_OF)),
            ("compliance_by_quarter", lambda: control.compliance_by_quarter(session, as_of=AS_OF)),
            (
                "improvement_execution",
                lambda: control.improvement_execution_by_organization(session, as_of=AS_OF),
            ),
            ("control_point_statuses", lambda: control.control_point_statuses(session, as_of=AS_OF)),
        ):
            ours_t, ours = timed(call, repeat)
            rows.append((name, ours_t, None, len(ours)))
    print(f"{'query':<26}{'nok, ms':>10}{'hand SQL, ms':>14}{'ratio':>8}{'rows':>8}")
    for name, ours_t, hand_t, n in rows:
        hand_s = f"{hand_t * 1000:14.1f}" if hand_t else f"{'—':>14}"
        ratio = f"{ours_t / hand_t:8.2f}" if hand_t else f"{'':>8}"
        print(f"{name:<26}{ours_t * 1000:10.1f}{hand_s}{ratio}{n:8d}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/bench.db")
        upgrade(engine)
        bench(engine, args.repeat)
        engine.dispose()
    if args.no_postgres:
        return 0
    try:
        server = make_engine(PG_SERVER_URL).execution_options(isolation_level="AUTOCOMMIT")
        name = f"nok_bench_{uuid.uuid4().hex[:8]}"
        with server.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # any driver error: PostgreSQL is optional here
        print(f"\npostgresql: skipped ({type(error).__name__}: {str(error).splitlines()[0]})")
        return 0
    try:
        engine = make_engine(PG_SERVER_URL.rsplit("/", 1)[0] + f"/{name}")
        upgrade(engine)
        bench(engine, args.repeat)
        engine.dispose()
    finally:
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
