"""The federal data set of the page benchmark: every region at once, written in bulk.

85 regions, each with its ministry, about 70 institutions (6,000 in all) rated every year of
2011-2020 in one or two service forms, ten target indicators, a regional plan of 80 items with
ten control points each, and two improvement plans per institution of nine measures with four
points each (500,000 control points), plus orders, letters and reports up to 20,000 documents.
As of `AS_OF` nearly every point due is done (one in twenty is overdue), none is done after it.

Rows are streamed, never held as dicts: PostgreSQL takes them by COPY, SQLite by executemany.
`Size` shrinks the set for the EXPLAIN test (`tests/db/test_indexes.py`).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, text
from sqlmodel import SQLModel

from benchmarks.control import AS_OF, STAMP
from db.models import CRITERIA

YEARS = tuple(range(2011, 2021))
INDICATOR_NAMES = tuple(
    f"Целевой показатель {i}: доля организаций, устранивших недостатки по критерию {i}" for i in range(1, 11)
)


@dataclass(frozen=True)
class Size:
    regions: int = 85
    institutions: int = 6_000
    documents: int = 20_000
    plan_items: int = 80
    """Per regional plan; ten control points each."""
    improvement_plans: int = 2
    """Per institution; nine measures of four points each."""
    executors: int = 20
    """Per region."""

    @property
    def control_points(self) -> int:
        return self.regions * self.plan_items * 10 + self.institutions * self.improvement_plans * 9 * 4


FEDERAL = Size()


def region_name(number: int) -> str:
    return f"Регион {number:02d}"


def generate(engine: Engine, size: Size = FEDERAL, seed: int = 13) -> dict[str, int]:
    """Fill an empty, migrated database; returns the number of rows per table."""
    rng = random.Random(seed)
    counts: dict[str, int] = {}
    with engine.begin() as connection:
        raw = connection.connection.driver_connection
        if engine.dialect.name == "postgresql":
            # The rows are made consistent here; checking each foreign key row by row would take
            # most of the load time (this role is the superuser of the benchmark's own database).
            connection.execute(text("SET LOCAL session_replication_role = replica"))
        for table, columns, rows in _tables(size, rng):
            counts[table] = _write(engine.dialect.name, raw, table, columns, rows)
        if engine.dialect.name == "postgresql":
            for table in counts:
                if "id" in SQLModel.metadata.tables[table].c:
                    connection.execute(
                        text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {counts[table]})")
                    )
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("ANALYZE"))
    return counts


def _write(dialect: str, raw: Any, table: str, columns: tuple[str, ...], rows: Iterable[tuple]) -> int:  # type: ignore[type-arg]
    count = 0
    names = ", ".join(f'"{c}"' for c in columns)
    cursor = raw.cursor()
    if dialect == "postgresql":
        with cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
    else:
        marks = ", ".join("?" for _ in columns)

        def counted() -> Iterator[tuple]:  # type: ignore[type-arg]
            nonlocal count
            for row in rows:
                count += 1
                yield tuple(v.isoformat() if isinstance(v, dt.date) else v for v in row)

        cursor.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', counted())
    cursor.close()
    return count


def _tables(size: Size, rng: random.Random) -> Iterator[tuple[str, tuple[str, ...], Iterable[tuple]]]:  # type: ignore[type-arg]
    """(table, columns, rows) in the order foreign keys need; rows are generators where large."""
    regions = range(1, size.regions + 1)
    region_of = {o: (o - 1) % size.regions + 1 for o in range(1, size.institutions + 1)}
    empty = json.dumps([])
    yield (
        "authority",
        ("id", "name", "short_name", "region"),
        [
            (
                r,
                f"Министерство социальной защиты населения региона {r:02d}",
                f"Минсоц {r:02d}",
                region_name(r),
            )
            for r in regions
        ],
    )
    yield (
        "organization",
        ("id", "name", "region", "authority_id", "service_forms", "confirmed"),
        [
            (
                o,
                f"ГБУ «Комплексный центр социального обслуживания № {o}» региона {region_of[o]:02d}",
                region_name(region_of[o]),
                region_of[o],
                json.dumps(["stationary"]),
                True,
            )
            for o in region_of
        ],
    )
    executors = [(r - 1) * size.executors + e for r in regions for e in range(1, size.executors + 1)]
    yield (
        "executor",
        ("id", "name", "normalized"),
        [
            (
                e,
                f"Отдел {e} министерства региона {(e - 1) // size.executors + 1:02d}",
                f"отдел {e} министерства региона {(e - 1) // size.executors + 1:02d}",
            )
            for e in executors
        ],
    )

    documents = _documents(size, rng, region_of)
    yield (
        "document",
        (
            "id",
            "kind",
            "authority_id",
            "authority_name",
            "organization_id",
            "region",
            "number",
            "date",
            "title",
            "period_start",
            "period_end",
            "references",
            "state",
            "created_at",
            "updated_at",
            "records_reviewed",
        ),
        [
            (
                d.id,
                d.kind,
                d.region,
                f"Министерство социальной защиты населения региона {d.region:02d}",
                d.organization_id,
                region_name(d.region),
                str(d.id),
                d.date,
                d.title,
                d.period_start,
                d.period_end,
                empty,
                d.state,
                STAMP,
                STAMP,
                False,
            )
            for d in documents
        ],
    )
    yield (
        "documentversion",
        (
            "id",
            "document_id",
            "version_no",
            "filename",
            "sha256",
            "size",
            "mime",
            "format",
            "ocr",
            "text",
            "uploaded_at",
        ),
        (
            (
                d.id,
                d.id,
                1,
                f"{d.kind}_{d.id}.docx",
                uuid.UUID(int=rng.getrandbits(128)).hex * 2,
                30_000,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "docx",
                False,
                "",
                STAMP,
            )
            for d in documents
        ),
    )

    plans = {d.region: d.id for d in documents if d.kind == "plan"}
    plan_item_ids = range(1, size.regions * size.plan_items + 1)
    yield (
        "planitem",
        (
            "id",
            "document_id",
            "version_id",
            "position",
            "number",
            "title",
            "responsible",
            "deadline_text",
            "deadline_kind",
        ),
        (
            (
                i,
                plans[(i - 1) // size.plan_items + 1],
                plans[(i - 1) // size.plan_items + 1],
                i,
                f"{(i - 1) % size.plan_items + 1}",
                f"Мероприятие {i} регионального плана",
                empty,
                "ежеквартально",
                "recurring",
            )
            for i in plan_item_ids
        ),
    )
    item_executors = []
    for i in plan_item_ids:
        region = (i - 1) // size.plan_items + 1
        pool = range((region - 1) * size.executors + 1, region * size.executors + 1)
        item_executors += [(i, e) for e in rng.sample(pool, rng.choice((1, 1, 2)))]
    yield "planitemexecutor", ("plan_item_id", "executor_id"), item_executors

    improvement_plans = [d for d in documents if d.kind == "improvement_plan"]
    measures = [
        (n, plan) for n, plan in enumerate((plan for plan in improvement_plans for _ in range(9)), start=1)
    ]
    yield (
        "improvementitem",
        (
            "id",
            "document_id",
            "version_id",
            "position",
            "organization_id",
            "organization_name",
            "criterion",
            "deficiency",
            "measure",
            "planned_text",
            "planned_kind",
            "executor_id",
        ),
        (
            (
                n,
                plan.id,
                plan.id,
                n,
                plan.organization_id,
                None,
                CRITERIA[n % 5],
                f"Недостаток {n}",
                f"Мера {n}",
                "ежеквартально",
                "recurring",
                (plan.region - 1) * size.executors + 1 + n % size.executors,
            )
            for n, plan in measures
        ),
    )

    plan_dues = [dt.date(2019 + q // 4, 3 * (q % 4) + 3, 28) for q in range(10)]

    def points() -> Iterator[tuple]:  # type: ignore[type-arg]
        point_id = 0
        for item in plan_item_ids:
            for due in plan_dues:
                point_id += 1
                yield (point_id, item, None, due, _done(rng, due))
        for n, plan in measures:
            start = plan.period_start
            for quarter in range(4):
                due = dt.date(start.year, 3 * quarter + 3, 28)
                point_id += 1
                yield (point_id, None, n, due, _done(rng, due))

    yield "controlpoint", ("id", "plan_item_id", "improvement_item_id", "due_date", "done_date"), points()

    ratings_by_region_year = {(d.region, d.date.year): d.id for d in documents if d.kind == "rating"}

    def ratings() -> Iterator[tuple]:  # type: ignore[type-arg]
        rating_id = 0
        for organization, region in region_of.items():
            level = rng.uniform(70, 92)
            forms = ("stationary", "home") if rng.random() < 0.3 else ("stationary",)
            for year in YEARS:
                level = min(99.0, max(45.0, level + rng.gauss(0.4, 2.5)))
                document_id = ratings_by_region_year[(region, year)]
                for form in forms:
                    scores = [round(min(100, max(40, level + rng.gauss(0, 4))), 1) for _ in CRITERIA]
                    rating_id += 1
                    yield (
                        rating_id,
                        organization,
                        year,
                        form,
                        *scores,
                        round(sum(scores) / 5, 2),
                        document_id,
                        document_id,
                    )

    yield (
        "rating",
        ("id", "organization_id", "year", "service_form", *CRITERIA, "total", "document_id", "version_id"),
        ratings(),
    )
    yield (
        "indicator",
        ("id", "name", "unit", "region", "authority_id"),
        [
            ((r - 1) * 10 + k + 1, name, "%", region_name(r), r)
            for r in regions
            for k, name in enumerate(INDICATOR_NAMES)
        ],
    )

    def indicator_values() -> Iterator[tuple]:  # type: ignore[type-arg]
        value_id = 0
        for r in regions:
            for k in range(10):
                base = rng.uniform(40, 80)
                for year in YEARS:
                    document_id = ratings_by_region_year[(r, year)]
                    for kind, value in (
                        ("plan", base + 2 * (year - 2011)),
                        ("fact", base + rng.uniform(-5, 20)),
                    ):
                        value_id += 1
                        yield (
                            value_id,
                            (r - 1) * 10 + k + 1,
                            year,
                            kind,
                            round(value, 1),
                            document_id,
                            document_id,
                        )

    yield (
        "indicatorvalue",
        ("id", "indicator_id", "year", "kind", "value", "document_id", "version_id"),
        (indicator_values()),
    )


def _done(rng: random.Random, due: dt.date) -> dt.date | None:
    """As of AS_OF: a point due by then is done with probability 0.95, a few days either side of its
    due date but never after AS_OF; a later one is open."""
    if due > AS_OF or rng.random() >= 0.95:
        return None
    return min(AS_OF, due + dt.timedelta(days=rng.randint(-20, 25)))


@dataclass(frozen=True)
class _Document:
    id: int
    kind: str
    region: int
    organization_id: int | None
    date: dt.date
    title: str
    state: str
    period_start: dt.date | None = None
    period_end: dt.date | None = None


def _documents(size: Size, rng: random.Random, region_of: dict[int, int]) -> list[_Document]:
    """Ratings (one per region and year), regional plans, improvement plans, then orders, letters,
    protocols and reports up to `size.documents`."""
    documents: list[_Document] = []

    def add(kind: str, region: int, date: dt.date, title: str, **more: Any) -> None:
        documents.append(
            _Document(
                len(documents) + 1,
                kind,
                region,
                more.pop("organization_id", None),
                date,
                title,
                more.pop("state", "published"),
                **more,
            )
        )

    for region in range(1, size.regions + 1):
        for year in YEARS:
            add(
                "rating",
                region,
                dt.date(year, 12, 20),
                f"Рейтинг организаций региона {region:02d} за {year} год",
            )
        add(
            "plan",
            region,
            dt.date(2019, 1, 15),
            f"План мероприятий по НОК региона {region:02d} на 2019-2021 годы",
            period_start=dt.date(2019, 1, 1),
            period_end=dt.date(2021, 12, 31),
        )
    for organization, region in region_of.items():
        for cycle in range(size.improvement_plans):
            year = 2019 + cycle
            add(
                "improvement_plan",
                region,
                dt.date(year, 2, 1) + dt.timedelta(days=organization % 20),
                f"План по устранению недостатков учреждения № {organization} на {year} год",
                organization_id=organization,
                period_start=dt.date(year, 1, 1),
                period_end=dt.date(year, 12, 31),
            )
    kinds = ("order", "letter", "protocol", "report")
    while len(documents) < size.documents:
        region = rng.randint(1, size.regions)
        kind = rng.choice(kinds)
        date = dt.date(2011, 1, 1) + dt.timedelta(days=rng.randint(0, 3_500))
        add(
            kind,
            region,
            date,
            f"Документ о ходе независимой оценки в регионе {region:02d}",
            state=rng.choice(("published", "published", "registered")),
        )
    return documents
