"""The figures of «Главная», each one query, on SQLite and PostgreSQL, over the hand-made database
of `tests/dashboard/filling.py` (its figures are known there)."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from db.models import Document, Indicator, IndicatorValue, Organization, Rating
from db.queries.control import overdue_by_body, status_counts
from db.queries.indicators import indicator_progress, indicator_trends
from db.queries.overview import known_regions
from db.queries.ratings import biggest_falls
from tests.dashboard.filling import AS_OF, Filled, fill


def _rating_2023(session: Session) -> tuple[int, int]:
    document = session.exec(select(Document).where(Document.title == "Рейтинг 2023")).one()
    version_id = session.exec(select(Rating.version_id).where(Rating.document_id == document.id)).first()
    return document.id, version_id  # type: ignore[return-value]


def _add_total(session: Session, filled: Filled, name: str, year: int, total: float, form: str) -> None:
    document_id, version_id = _rating_2023(session)
    session.add(
        Rating(
            organization_id=filled.organizations[name],
            year=year,
            service_form=form,
            total=total,
            document_id=document_id,
            version_id=version_id,
        )
    )
    session.commit()


def test_biggest_falls_lists_only_institutions_whose_total_fell_largest_first(session: Session) -> None:
    filled = fill(session)
    _add_total(session, filled, "Дом «Эпсилон»", 2023, 79.0, "stationary")  # 79 -> 71: -8
    _add_total(session, filled, "Центр «Гамма»", 2023, 93.0, "stationary")  # 93 -> 90: -3
    falls = biggest_falls(session, year=2024)
    assert [(f.organization_name, f.previous_total, f.total, f.change) for f in falls] == [
        ("Дом «Эпсилон»", 79.0, 71.0, -8.0),
        ("Центр «Гамма»", 93.0, 90.0, -3.0),
    ]
    assert [f.organization_name for f in biggest_falls(session, year=2024, region="Южная область")] == [
        "Дом «Эпсилон»"
    ]
    assert len(biggest_falls(session, year=2024, limit=1)) == 1
    assert biggest_falls(session, year=2023) == []


def test_a_fall_averages_the_service_forms_of_a_year(session: Session) -> None:
    filled = fill(session)
    _add_total(session, filled, "Центр «Гамма»", 2023, 96.0, "stationary")
    _add_total(session, filled, "Центр «Гамма»", 2023, 90.0, "home")  # average 93 -> 90
    (fall,) = biggest_falls(session, year=2024)
    assert (fall.previous_total, fall.change) == (93.0, -3.0)


def test_a_draft_rating_never_makes_a_fall(session: Session) -> None:
    filled = fill(session)
    draft = session.get(Document, filled.documents["draft_rating"])
    assert draft is not None
    session.add(
        Rating(
            organization_id=filled.organizations["Центр «Альфа»"],
            year=2023,
            total=99.0,
            document_id=draft.id,
            version_id=session.exec(select(Rating.version_id).where(Rating.document_id == draft.id)).one(),
        )
    )
    session.commit()
    assert biggest_falls(session, year=2024) == []


def test_overdue_by_body_counts_the_points_overdue_on_the_date(session: Session) -> None:
    filled = fill(session)
    by_authority = overdue_by_body(session, as_of=AS_OF, body="authority")
    # the plan's «Разместить результаты» and the improvement plan's accessibility measure
    assert [(r.key, r.overdue) for r in by_authority] == [(filled.authority_id, 2)]
    by_executor = overdue_by_body(session, as_of=AS_OF, body="executor")
    assert [(r.label, r.overdue) for r in by_executor] == [
        ("Отдел контроля", 1),
        ("исполнитель не указан", 1),
    ]
    assert overdue_by_body(session, as_of=dt.date(2024, 1, 1), body="authority") == []


def test_the_region_filter_keeps_the_plans_of_that_region(session: Session) -> None:
    fill(session)
    for document in session.exec(select(Document)):
        document.region = "Северная область"
    session.commit()
    assert status_counts(session, as_of=AS_OF, region="Северная область")["overdue"] == 2
    assert status_counts(session, as_of=AS_OF, region="Южная область")["overdue"] == 0
    assert overdue_by_body(session, as_of=AS_OF, body="authority", region="Южная область") == []


def test_status_counts_partition_the_points(session: Session) -> None:
    fill(session)
    counts = status_counts(session, as_of=AS_OF)
    assert counts == {"done_on_time": 2, "done_late": 1, "overdue": 2, "due_soon": 1, "not_yet_due": 1}


def test_indicator_trends_average_an_indicator_over_the_regions(session: Session) -> None:
    fill(session)
    plan = session.exec(select(IndicatorValue).where(IndicatorValue.kind == "plan")).first()
    assert plan is not None
    south = Indicator(name="Доля оцененных учреждений", unit="%", region="Южная область")
    session.add(south)
    session.flush()
    session.add(
        IndicatorValue(
            indicator_id=south.id,
            year=2024,
            kind="fact",
            value=60,
            document_id=plan.document_id,
            version_id=plan.version_id,
        )
    )
    session.commit()
    every = {(p.year, p.plan, p.fact) for p in indicator_trends(session)}
    assert every == {(2023, 90.0, 95.0), (2024, 100.0, 70.0)}  # facts 80 and 60, one plan
    north = {(p.year, p.plan, p.fact) for p in indicator_trends(session, region="Северная область")}
    assert north == {(2023, 90.0, 95.0), (2024, 100.0, 80.0)}
    (as_of_2023,) = indicator_progress(indicator_trends(session, region="Северная область"), year=2023)
    assert (as_of_2023.year, as_of_2023.fact, as_of_2023.plan) == (2023, 95.0, 90.0)


def test_known_regions_are_those_of_institutions_and_documents(session: Session) -> None:
    fill(session)
    session.add(Organization(name="Новый центр", region="Западная область"))
    document = session.exec(select(Document)).first()
    assert document is not None
    document.region = "Восточная область"
    session.commit()
    assert known_regions(session) == [
        "Восточная область",
        "Западная область",
        "Северная область",
        "Южная область",
    ]
