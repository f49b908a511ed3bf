"""The demo set: real DOCX/PDF files of the fictional Заречная область, and `load_demo` putting
them through the ingest pipeline into both databases."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import docx
import pdfplumber
import pytest
from sqlmodel import Session, select

from db.models import ControlPoint, Document, ImprovementItem, Organization, PlanItem, Rating, User
from docstore.demo import region
from docstore.demo.build import PDF_RATING_YEARS, write_demo_set

DASH = "—"


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    write_demo_set(folder)
    return folder


def _docx_tables(path: Path) -> list[list[list[str]]]:
    document = docx.Document(str(path))
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def _pdf_rows(path: Path) -> list[list[str | None]]:
    with pdfplumber.open(path) as pdf:
        return [row for page in pdf.pages for table in page.find_tables() for row in table.extract()]


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_demo_set_has_every_genre_in_both_formats(demo_dir: Path) -> None:
    names = sorted(p.name for p in demo_dir.iterdir())
    assert len(names) == 25
    assert sum(n.startswith("reyting_") for n in names) == 5
    assert {n for n in names if n.startswith("reyting_") and n.endswith(".pdf")} == {
        f"reyting_{y}.pdf" for y in PDF_RATING_YEARS
    }
    assert sum(n.startswith("protokol_") and n.endswith(".pdf") for n in names) == 5
    assert sum(n.startswith("plan_ustraneniya_nedostatkov_") for n in names) == 12
    assert any(n.startswith("prikaz_") and n.endswith(".docx") for n in names)


def test_same_bytes_on_every_run(demo_dir: Path, tmp_path: Path) -> None:
    write_demo_set(tmp_path)
    assert _digest(tmp_path) == _digest(demo_dir)


def test_order_has_indicator_table_with_fact_and_plan_years_and_a_plan_of_measures(demo_dir: Path) -> None:
    (order,) = demo_dir.glob("prikaz_*.docx")
    text = "\n".join(p.text for p in docx.Document(str(order)).paragraphs)
    assert "П Р И К А З" in text and f"№ {region.ORDER_NUMBER}" in text
    indicators, plan = _docx_tables(order)
    assert indicators[0] == [
        "Целевые показатели",
        "2023 г. (факт)",
        "2024 г. (факт)",
        "2025 г.",
        "2026 г.",
        "2027 г.",
    ]
    assert len(indicators) == 2 + len(region.indicators())
    numbers = [row[0] for row in plan[1:] if re.fullmatch(r"\d\.\d", row[0])]
    assert len(numbers) == sum(len(rows) for _, rows in region.PLAN) >= 15
    deadlines = {row[3] for row in plan[1:]}
    for phrase in ("ежеквартально", "постоянно", "I квартал ежегодно", "01.12.2026", ""):
        assert phrase in deadlines
    assert any(d.startswith("в течение месяца после") for d in deadlines)


@pytest.mark.parametrize("year", region.YEARS)
def test_rating_lists_every_institution_under_its_service_form(demo_dir: Path, year: int) -> None:
    path = next(demo_dir.glob(f"reyting_{year}.*"))
    if path.suffix == ".docx":
        (rows,) = _docx_tables(path)
    else:
        rows = _pdf_rows(path)
        with pdfplumber.open(path) as pdf:
            assert len(pdf.pages) >= 2  # the table runs over page breaks, header repeated
    body = [r for r in rows if r[0] and r[0].isdigit()]
    assert [int(r[0]) for r in body] == list(range(1, 41))
    headings = [r[0] for r in rows if r[0] in region.FORM_HEADINGS.values()]
    assert headings == list(region.FORM_HEADINGS.values())
    expected = {row.institution.name: row for rows_ in region.ratings(year).values() for row in rows_}
    for r in body:
        name = " ".join((r[1] or "").split())
        assert name in expected
        assert (r[7] or "").replace(",", ".") == str(expected[name].total)


def test_one_year_has_a_missing_criterion_and_a_tie(demo_dir: Path) -> None:
    (rows,) = _docx_tables(demo_dir / f"reyting_{region.TIE_YEAR}.docx")
    body = [r for r in rows if r[0].isdigit()]
    assert sum(DASH in r[2:7] for r in body) == 1
    home = [r for r in body if "центр социального обслуживания" in r[1]]
    ranks = [int(r[8]) for r in home]
    assert len(ranks) != len(set(ranks))  # a shared place
    for year in set(region.YEARS) - {region.TIE_YEAR}:
        assert all(s is not None for rows_ in region.ratings(year).values() for r in rows_ for s in r.scores)


def test_improvement_plans_have_measures_done_late_overdue_and_not_yet_due(demo_dir: Path) -> None:
    states = set()
    for plan in region.improvement_plans():
        path = demo_dir / f"plan_ustraneniya_nedostatkov_{plan.institution.key}.docx"
        (rows,) = _docx_tables(path)
        assert "Сведения о ходе реализации мероприятия" in rows[0][4]
        assert rows[2] == ["1", "2", "3", "4", "5", "6"]
        measures = [r for r in rows[3:] if r[1] and r[0] != r[1]]
        assert len(measures) == len(plan.rows)
        for row in plan.rows:
            if row.due is None:
                continue
            if row.actual is not None:
                states.add("late" if row.actual > row.due else "on time")
            else:
                states.add("overdue" if row.due < region.TODAY else "not yet due")
    assert states == {"on time", "late", "overdue", "not yet due"}


def test_no_two_institutions_are_taken_for_one_by_the_name_matcher() -> None:
    from docstore.organizations import SAME, name_similarity, normalize_name

    names = [normalize_name(i.name) for i in region.institutions()]
    closest = max(name_similarity(a, b) for n, a in enumerate(names) for b in names[n + 1 :])
    assert closest < SAME


def test_protocols_are_text_pdfs_dated_after_their_rating_year(demo_dir: Path) -> None:
    for protocol in region.PROTOCOLS:
        path = demo_dir / f"protokol_obshchestvennogo_soveta_{protocol.date:%Y-%m-%d}.pdf"
        with pdfplumber.open(path) as pdf:
            text = "\n".join(page.extract_text() for page in pdf.pages)
            assert not any(page.find_tables() for page in pdf.pages)
        assert "ПРОТОКОЛ" in text and f"№ {protocol.number}" in text
        assert "Утвердить рейтинг" in text and f"в {protocol.rating_year} году" in text
        assert protocol.date.year == protocol.rating_year


def test_load_demo_fills_the_database_and_if_empty_is_a_no_op(session: Session, tmp_path: Path) -> None:
    from docstore.auth import authenticate
    from docstore.demo.load import load_demo

    engine = session.get_bind()
    summary = load_demo(engine, tmp_path / "demo", blob_dir=tmp_path / "blobs")
    assert not summary.skipped
    assert summary.ingest.failed == []
    assert len(summary.ingest.new) == 25

    documents = session.exec(select(Document)).all()
    assert len(documents) == 25
    assert {d.state for d in documents} == {"published"}
    assert {d.kind for d in documents} >= {"order", "rating", "protocol", "improvement_plan"}
    organizations = session.exec(select(Organization)).all()
    assert len(organizations) == len(region.institutions()) == 40
    assert all(o.confirmed for o in organizations)
    assert set(session.exec(select(Rating.year).distinct()).all()) == set(region.YEARS)
    assert len(session.exec(select(PlanItem)).all()) >= 15
    assert len(session.exec(select(ImprovementItem)).all()) >= 50

    points = session.exec(select(ControlPoint)).all()
    overdue = [p for p in points if p.done_date is None and p.due_date < region.TODAY]
    done = [p for p in points if p.done_date is not None]
    late = [p for p in done if p.done_date > p.due_date]
    upcoming = [p for p in points if p.done_date is None and p.due_date >= region.TODAY]
    assert overdue and done and late and upcoming
    assert summary.control_points_overdue == len(overdue)

    for login in ("admin", "minister", "staff", "council", "supervisor"):
        assert authenticate(session, login, "demo") is not None
    assert authenticate(session, "admin", "wrong") is None

    again = load_demo(engine, tmp_path / "demo", if_empty=True, blob_dir=tmp_path / "blobs")
    assert again.skipped
    assert again.documents == 25
    session.expire_all()
    assert len(session.exec(select(Document)).all()) == 25
    assert len(session.exec(select(User)).all()) == 5
