"""The demo set: real DOCX/PDF files of the fictional Заречная область, and `load_demo` putting
them through the ingest pipeline into both databases."""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import docx
import pdfplumber
import pytest
from sqlmodel import Session, select

from assessment.compare import Check
from db.engine import make_engine
from db.migrate import upgrade
from db.models import (
    AuditEvent,
    Authority,
    ControlPoint,
    Document,
    ImprovementItem,
    Organization,
    PlanItem,
    Rating,
    RatingCheck,
    RoleAssignment,
    User,
)
from docstore.demo import region
from docstore.demo.build import PDF_RATING_YEARS, write_demo_set
from docstore.demo.operator_data import PLANTED_ERROR
from docstore.installation import is_demo_installation, mark_demo_installation
from extract.records import Extraction

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
    assert len(names) == 26
    assert "iskhodnye_dannye_operatora_2025.xlsx" in names
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


def test_the_operator_raw_figures_give_the_2025_rating_but_for_the_planted_error(demo_dir: Path) -> None:
    from assessment.compare import check
    from assessment.raw import read_raw_figures

    table = read_raw_figures((demo_dir / "iskhodnye_dannye_operatora_2025.xlsx").read_bytes())
    assert (table.header_row, table.missing_columns) == (3, ())  # a title above the header
    computed = {i.institution.replace('"', "«", 1).replace('"', "»", 1): i for i in check(table).institutions}
    assert all(i.status == "computed" for i in computed.values())
    waiting = {i.service_form: i.indicators["Пожид"] is not None for i in computed.values()}
    assert waiting == {"stationary": False, "semi_stationary": True, "home": True}
    rating = {r.institution.key: r for rows in region.ratings(2025).values() for r in rows}
    wrong = []
    for inst in region.institutions():
        result = computed[inst.name]
        stored = (*rating[inst.key].scores, rating[inst.key].total)
        deltas = [float(b - a) for a, b in zip(result.scores.values(), stored, strict=True)]
        if any(deltas):
            wrong.append((inst.key, deltas))
    assert wrong == [(PLANTED_ERROR, [6.0, 0.0, 0.0, 0.0, 0.0, 1.2])]


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
    assert len(documents) == 26
    assert {d.state for d in documents if d.kind != "operator_data"} == {"published"}
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
    continuous = session.exec(select(PlanItem.id).where(PlanItem.deadline_kind == "continuous")).all()
    assert continuous and any(p.plan_item_id in continuous for p in done)
    evidence = [session.get(Document, p.evidence_document_id) for p in done if p.evidence_document_id]
    assert evidence and {d.kind for d in evidence} == {"protocol"}

    assert is_demo_installation(session)
    for login in ("admin", "minister", "staff", "council", "supervisor"):
        assert authenticate(session, login, "demo") is not None
    assert authenticate(session, "admin", "wrong") is None
    (staff_role,) = session.exec(
        select(RoleAssignment).join(User, User.id == RoleAssignment.user_id).where(User.login == "staff")
    ).all()
    ministry = session.exec(select(Authority).where(Authority.id == staff_role.authority_id)).one()
    assert (staff_role.role, ministry.name) == ("staff", region.AUTHORITY)
    # every audit line names a person: the system as the OS user running it, the supervisor who
    # closed control points and the council that checked the operator's figures
    actors = set(session.exec(select(AuditEvent.actor)).all())
    assert actors == {f"system:{getpass.getuser()}", "supervisor", "council"}

    # the council checked the operator's raw figures of 2025: all match but the planted error
    assert summary.operator_data is not None and summary.operator_data.check is not None
    (check,) = session.exec(select(RatingCheck)).all()
    assert (check.year, check.institutions, check.matching, check.differing, check.invalid) == (
        2025,
        40,
        39,
        1,
        0,
    )
    (wrong,) = [i for i in Check.from_json(check.result).institutions if i.status != "matches"]
    planted = next(i for i in region.institutions() if i.key == PLANTED_ERROR)
    assert (wrong.institution, wrong.status) == (planted.name, "differs")
    assert [(d.what, d.delta) for d in wrong.differences] == [("K1", Decimal("6")), ("total", Decimal("1.2"))]
    operator_document = session.get(Document, check.document_id)
    assert operator_document is not None
    assert (operator_document.kind, operator_document.state) == ("operator_data", "draft")

    again = load_demo(engine, tmp_path / "demo", if_empty=True, blob_dir=tmp_path / "blobs")
    assert again.skipped
    assert again.documents == 26
    session.expire_all()
    assert len(session.exec(select(Document)).all()) == 26
    assert len(session.exec(select(User)).all()) == 5


# ----------------------------------------------------------------------------------------
# What the extractor reads out of the demo files, compared with the region's own facts
# ----------------------------------------------------------------------------------------

ONCE_DUE = {
    "до 1 марта 2025 г.": dt.date(2025, 3, 1),
    "сентябрь 2025 г.": dt.date(2025, 9, 30),
    "I квартал 2025 года": dt.date(2025, 3, 31),
    "II квартал 2026 года": dt.date(2026, 6, 30),
    "до 15 октября 2026 года": dt.date(2026, 10, 15),
    "01.12.2026": dt.date(2026, 12, 1),
}
OTHER_KINDS = {
    "постоянно": "continuous",
    "по мере необходимости": "on_demand",
    "": "unspecified",
    "в течение месяца после поступления отчета организации-оператора": "relative",
}


@pytest.fixture(scope="module")
def extracted(demo_dir: Path) -> dict[str, Extraction]:
    from extract import extract_document

    documents = (p for p in sorted(demo_dir.iterdir()) if p.suffix in (".docx", ".pdf"))
    return {p.name: extract_document(p.read_bytes(), p.name) for p in documents}


def test_extractor_reads_the_order_header_indicators_and_plan(extracted: dict[str, Extraction]) -> None:
    (order,) = [e for name, e in extracted.items() if name.startswith("prikaz_")]
    header = order.document
    assert (header.kind, header.number, header.date) == ("order", region.ORDER_NUMBER, region.ORDER_DATE)
    assert (header.authority, header.region) == (region.AUTHORITY, region.REGION)
    assert header.signatory is not None and header.signatory.name == region.MINISTER.initials
    assert header.period is not None
    assert (header.period.start, header.period.end) == (dt.date(2025, 1, 1), dt.date(2027, 12, 31))

    years = (*region.FACT_YEARS, *region.PLAN_YEARS)
    expected_values = [
        [
            (y, "fact" if y in region.FACT_YEARS else "plan", float(v.replace(",", ".")))
            for y, v in zip(years, i.values, strict=True)
        ]
        for i in region.indicators()
    ]
    assert [i.name for i in order.indicators] == [i.name for i in region.indicators()]
    assert [[(v.year, v.kind, v.value) for v in i.values] for i in order.indicators] == expected_values

    rows = [(section, row) for section, rows_ in region.PLAN for row in rows_]
    assert [i.number for i in order.plan_items] == [row.number for _, row in rows]
    for item, (section, row) in zip(order.plan_items, rows, strict=True):
        assert (item.title, item.section, item.result_form) == (row.title, section, row.result)
        assert list(item.responsible) == list(row.responsible)
        deadline = item.deadline
        assert deadline.text == (row.deadline or None)
        if row.deadline in ONCE_DUE:
            assert (deadline.kind, deadline.due_dates) == ("once", (ONCE_DUE[row.deadline],))
        elif row.deadline in OTHER_KINDS:
            assert deadline.kind == OTHER_KINDS[row.deadline]
        else:
            assert deadline.kind == "recurring" and deadline.due_dates
            assert all(region.ORDER_DATE <= d <= dt.date(2027, 12, 31) for d in deadline.due_dates)
    quarterly = next(i.deadline for i in order.plan_items if i.deadline.text == "ежеквартально")
    assert (quarterly.every, len(quarterly.due_dates)) == ("quarter", 12)


@pytest.mark.parametrize("year", region.YEARS)
def test_extractor_reads_every_rating_row(extracted: dict[str, Extraction], year: int) -> None:
    (rating,) = [e for name, e in extracted.items() if name.startswith(f"reyting_{year}.")]
    assert (rating.document.kind, rating.document.region) == ("rating", region.REGION)
    expected = [
        (
            row.institution.name,
            row.institution.form,
            year,
            tuple(None if s is None else float(s) for s in row.scores),
            float(row.total),
            row.rank,
            100,
        )
        for rows in region.ratings(year).values()
        for row in rows
    ]
    got = [
        (
            r.organization,
            r.service_form,
            r.year,
            tuple(getattr(r.scores, c) for c in region.CRITERIA),
            r.total,
            r.rank,
            r.scale,
        )
        for r in rating.ratings
    ]
    assert got == expected


def test_extractor_reads_every_improvement_plan(extracted: dict[str, Extraction]) -> None:
    for plan in region.improvement_plans():
        extraction = extracted[f"plan_ustraneniya_nedostatkov_{plan.institution.key}.docx"]
        header = extraction.document
        assert (header.kind, header.authority, header.date) == (
            "improvement_plan",
            plan.institution.name,
            plan.date,
        )
        assert header.region == region.REGION
        assert len(extraction.improvement_items) == len(plan.rows)
        for item, row in zip(extraction.improvement_items, plan.rows, strict=True):
            assert (item.organization, item.deficiency, item.measure) == (
                plan.institution.name,
                row.deficiency,
                row.measure,
            )
            assert item.planned.text == row.planned
            if row.due is None:
                assert item.planned.kind == "recurring"
            else:
                assert (item.planned.kind, item.planned.due_dates) == ("once", (row.due,))
            name, _, post = row.responsible.rpartition(", ")
            assert item.responsible is not None
            assert (item.responsible.name, item.responsible.position) == (name or None, post)
            assert (item.done_measures, item.actual_date) == (row.done, row.actual)


def test_extractor_reads_protocols_letter_and_report(extracted: dict[str, Extraction]) -> None:
    for protocol in region.PROTOCOLS:
        header = extracted[f"protokol_obshchestvennogo_soveta_{protocol.date:%Y-%m-%d}.pdf"].document
        assert (header.kind, header.number, header.date) == ("protocol", protocol.number, protocol.date)
        assert (header.authority, header.region) == (region.AUTHORITY, region.REGION)
    letter = extracted["pismo_2026-01-16_01-12-145.docx"].document
    assert (letter.kind, letter.number, letter.date) == ("letter", "01-12/145", dt.date(2026, 1, 16))
    report = extracted[f"informatsiya_{region.TODAY:%Y-%m-%d}.pdf"].document
    assert (report.kind, report.authority) == ("report", region.AUTHORITY)


# ----------------------------------------------------------------------------------------
# `nok demo` as a user runs it
# ----------------------------------------------------------------------------------------


def _nok_demo(tmp_path: Path, url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NOK_DATABASE_URL": url, "NOK_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run(
        [sys.executable, "-m", "cli.main", "demo", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        timeout=300,
    )


def test_nok_demo_if_empty_leaves_a_database_with_documents_alone(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'nok.db'}"
    engine = make_engine(url)
    upgrade(engine)
    with Session(engine) as session:
        session.add(Document(kind="order", title="О чём-то своём"))
        session.commit()
    result = _nok_demo(tmp_path, url, "--if-empty")
    assert result.returncode == 0, result.stderr
    assert "уже есть документы (1)" in result.stdout
    assert not (tmp_path / "data" / "demo").exists()
    with Session(engine) as session:
        assert len(session.exec(select(Document)).all()) == 1
        assert session.exec(select(User)).all() == []
    engine.dispose()


def test_nok_demo_refuses_a_registry_holding_documents_it_did_not_create(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'nok.db'}"
    engine = make_engine(url)
    upgrade(engine)
    with Session(engine) as session:
        session.add_all(Document(kind="order", title=f"Настоящий приказ № {i}") for i in range(12))
        session.commit()
    result = _nok_demo(tmp_path, url)
    assert result.returncode == 2, result.stdout
    assert "уже есть документы (12)" in result.stderr and "демонстрационн" in result.stderr
    assert "Traceback" not in result.stderr
    with Session(engine) as session:
        assert len(session.exec(select(Document)).all()) == 12
        assert session.exec(select(User)).all() == []
        assert not is_demo_installation(session)
    engine.dispose()


def test_demo_goes_only_into_an_empty_database_or_a_demo_installation(session: Session) -> None:
    from docstore.auth import create_user
    from docstore.demo.load import refusal

    assert refusal(session) is None
    create_user(session, login="ivanova", password="Настоящий-пароль")  # a real account, no documents
    assert "учётные записи (1)" in (refusal(session) or "")
    mark_demo_installation(session)
    assert refusal(session) is None


def test_nok_demo_on_a_database_without_schema_says_to_run_init(tmp_path: Path) -> None:
    result = _nok_demo(tmp_path, f"sqlite:///{tmp_path / 'empty.db'}")
    assert result.returncode == 2
    assert "nok init" in result.stderr and "Traceback" not in result.stderr
