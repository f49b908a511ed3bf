"""The council's check of the operator's raw figures against the stored ratings, on both backends:
the file kept as a document (kind operator_data), its check stored, and who may do it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from assessment.compare import Check
from assessment.method import SYMBOLS
from db.models import AuditEvent, Document, DocumentVersion, Rating, RatingCheck, User
from db.queries.rating_checks import rating_check_result, rating_checks
from docstore import blobs
from docstore.ingest import ingest_file
from docstore.organizations import match_organization
from docstore.rating_check import recheck, store_operator_data, verify
from tests.assessment.test_compare import APPROVED
from tests.assessment.test_method import EXAMPLE_A, EXAMPLE_B
from tests.assessment.test_raw import HEADERS, operator_file
from tests.dashboard.filling import _document
from tests.docstore.conftest import order_extraction

YEAR = 2025
ALPHA, BETA = "ГБУСО «Альфа»", "ГБУСО «Бета»"
# EXAMPLE_B of test_method: K1 96,83 · K2 92,94 · K3 92,5 · K4 94,92 · K5 96,19 · S 94,68
APPROVED_B = {
    "K1": Decimal("96.83"),
    "K2": Decimal("92.94"),
    "K3": Decimal("92.50"),
    "K4": Decimal("94.92"),
    "K5": Decimal("96.19"),
    "total": Decimal("94.68"),
}
_COLUMNS = {"K1": "openness", "K2": "comfort", "K3": "accessibility", "K4": "courtesy", "K5": "satisfaction"}


def publish_ratings(
    session: Session,
    year: int,
    ratings: list[tuple[str, str | None, dict[str, Decimal]]],
    state: str = "published",
) -> int:
    """A rating document of `year` with one row per (name, form, scores); its id."""
    document_id, version_id = _document(
        session, "rating", f"Рейтинг {year}", dt.date(year, 12, 12), state, None
    )
    for name, form, scores in ratings:
        organization = match_organization(session, name, region=None, authority_id=None).organization
        session.add(
            Rating(
                organization_id=organization.id,  # type: ignore[arg-type]
                year=year,
                service_form=form,
                **{column: float(scores[key]) for key, column in _COLUMNS.items()},
                total=float(scores["total"]),
                document_id=document_id,
                version_id=version_id,
            )
        )
    session.commit()
    return document_id


def raw_file(*rows: tuple[str, str, dict]) -> bytes:  # type: ignore[type-arg]
    """The operator's table of these rows; a fraction typed as text with a decimal comma."""

    def typed(value: object) -> object:
        return str(float(value)).replace(".", ",") if isinstance(value, Fraction) else value

    return operator_file(
        HEADERS, *([name, form, *(typed(figures[s]) for s in SYMBOLS)] for name, form, figures in rows)
    )


RAW = raw_file((ALPHA, "стационарная", EXAMPLE_A), (BETA, "на дому", EXAMPLE_B))


@pytest.fixture
def council(make_user: Callable[..., User]) -> User:
    return make_user("council", "council")


@pytest.fixture
def ratings_2025(session: Session) -> int:
    return publish_ratings(session, YEAR, [(ALPHA, "stationary", APPROVED), (BETA, "home", APPROVED_B)])


def test_ratings_computed_by_the_method_match(session: Session, ratings_2025: int) -> None:
    result = verify(session, RAW, year=YEAR)
    assert [i.status for i in result.institutions] == ["matches", "matches"]
    assert (
        result.institutions[0].stored is not None
        and result.institutions[0].stored.document_id == ratings_2025
    )


def test_a_stored_rating_edited_by_five_hundredths_is_caught(session: Session, ratings_2025: int) -> None:
    row = session.exec(select(Rating).where(Rating.service_form == "home")).one()
    row.courtesy = round(row.courtesy + 0.05, 2)  # type: ignore[operator]
    session.add(row)
    session.commit()
    beta = verify(session, RAW, year=YEAR).institutions[1]
    assert beta.status == "differs"
    assert [(d.what, d.computed, d.stored) for d in beta.differences] == [
        ("K4", Decimal("94.92"), Decimal("94.97"))
    ]


def test_names_are_matched_as_the_ratings_were_and_only_published_ratings_count(session: Session) -> None:
    publish_ratings(session, YEAR, [(ALPHA, "stationary", APPROVED)], state="draft")
    publish_ratings(session, YEAR, [(BETA, "home", APPROVED_B)])
    respelled = raw_file(('ГБУСО "Альфа"', "", EXAMPLE_A), ("ГБУСО  «БЕТА»", "", EXAMPLE_B))
    result = verify(session, respelled, year=YEAR)
    assert [i.status for i in result.institutions] == ["unmatched", "matches"]  # Альфа's rating is a draft


def test_the_council_stores_the_file_as_a_document_with_its_check(
    session: Session, engine: Engine, council: User, ratings_2025: int, blob_dir: Path
) -> None:
    edited = raw_file((ALPHA, "стационарная", {**EXAMPLE_A, "Ууд": 170}), (BETA, "на дому", EXAMPLE_B))
    outcome = store_operator_data(
        engine, edited, "исходные данные 2025.xlsx", user=council, year=YEAR, blob_dir=blob_dir
    )
    assert outcome.ingest.status == "new", outcome.ingest.message
    assert outcome.check is not None and outcome.check_id is not None
    session.expire_all()
    document = session.get(Document, outcome.ingest.document_id)
    assert document is not None
    assert (document.kind, document.state, document.created_by_id) == ("operator_data", "draft", council.id)
    assert document.title == "Исходные данные организации-оператора для расчёта рейтинга за 2025 год"
    (version,) = session.exec(select(DocumentVersion).where(DocumentVersion.document_id == document.id)).all()
    assert (version.format, version.filename) == ("xlsx", "исходные данные 2025.xlsx")
    assert version.mime == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert blobs.read(version.sha256, blob_dir) == edited  # the original, byte for byte
    stored = session.get(RatingCheck, outcome.check_id)
    assert stored is not None
    assert (stored.version_id, stored.year, stored.institutions, stored.matching, stored.differing) == (
        version.id,
        YEAR,
        2,
        1,
        1,
    )
    assert Check.from_json(stored.result) == outcome.check
    actions = session.exec(
        select(AuditEvent.action).where(AuditEvent.document_id == document.id).order_by(col(AuditEvent.id))
    ).all()
    assert actions == ["upload", "rating_check"]
    (listed,) = rating_checks(session)
    assert (listed.document_id, listed.version_no, listed.differing, listed.checked_by) == (
        document.id,
        1,
        1,
        "council",
    )
    assert rating_check_result(session, listed.id) == stored.result


def test_the_same_file_again_is_checked_again_and_a_corrected_one_is_a_new_version(
    session: Session, engine: Engine, council: User, ratings_2025: int, blob_dir: Path
) -> None:
    first = store_operator_data(engine, RAW, "данные.xlsx", user=council, year=YEAR, blob_dir=blob_dir)
    again = store_operator_data(engine, RAW, "данные.xlsx", user=council, year=YEAR, blob_dir=blob_dir)
    assert again.ingest.status == "duplicate" and again.check_id not in (None, first.check_id)
    corrected = raw_file((ALPHA, "стационарная", EXAMPLE_A))
    second = store_operator_data(
        engine, corrected, "данные (испр.).xlsx", user=council, year=YEAR, blob_dir=blob_dir
    )
    assert second.ingest.status == "new_version"
    assert (second.ingest.document_id, second.ingest.version_no) == (first.ingest.document_id, 2)
    checks = rating_checks(session)
    assert [(c.version_no, c.institutions) for c in checks] == [(2, 1), (1, 2), (1, 2)]


def test_recheck_after_the_rating_was_corrected(
    session: Session, engine: Engine, council: User, blob_dir: Path
) -> None:
    publish_ratings(session, YEAR, [(ALPHA, "stationary", {**APPROVED, "K1": Decimal("97.72")})])
    first = store_operator_data(engine, RAW, "данные.xlsx", user=council, year=YEAR, blob_dir=blob_dir)
    assert first.check is not None and first.check.count("differs") == 1
    row = session.exec(select(Rating)).one()
    row.openness = 91.72
    session.add(row)
    session.commit()
    assert first.ingest.document_id is not None
    again = recheck(engine, first.ingest.document_id, user=council, year=YEAR, blob_dir=blob_dir)
    assert again.check is not None
    assert [i.status for i in again.check.institutions] == ["matches", "unmatched"]


@pytest.mark.parametrize("role", ["supervisor", "minister", "staff"])
def test_only_the_council_and_admins_check_ratings(
    engine: Engine, make_user: Callable[..., User], role: str, blob_dir: Path
) -> None:
    outcome = store_operator_data(
        engine, RAW, "данные.xlsx", user=make_user(role, role), year=YEAR, blob_dir=blob_dir
    )
    assert outcome.ingest.status == "failed" and outcome.check is None
    assert "проверять расчёт рейтингов" in outcome.ingest.message


def test_an_unreadable_file_is_refused_with_its_reason(engine: Engine, council: User, blob_dir: Path) -> None:
    outcome = store_operator_data(
        engine, b"PK\x03\x04 broken", "данные.xlsx", user=council, year=YEAR, blob_dir=blob_dir
    )
    assert outcome.ingest.status == "failed"
    assert outcome.ingest.message == "Файл не прочитан: файл не является таблицей XLSX (или повреждён)"


def test_the_pipeline_takes_an_xlsx_only_as_operator_data(session: Session, blob_dir: Path) -> None:
    refused = ingest_file(session, RAW, "таблица.xlsx", blob_dir=blob_dir)
    assert (
        refused.status == "failed" and "только как исходные данные организации-оператора" in refused.message
    )
    as_order = ingest_file(session, RAW, "таблица.xlsx", extraction=order_extraction(), blob_dir=blob_dir)
    assert as_order.status == "failed"
    docx_as_data = dataclasses.replace(
        order_extraction(), document=dataclasses.replace(order_extraction().document, kind="operator_data")
    )
    wrong = ingest_file(session, b"%PDF-1.4 not a table", "x.pdf", extraction=docx_as_data, blob_dir=blob_dir)
    assert wrong.status == "failed" and "только в формате XLSX" in wrong.message
    assert session.exec(select(Document)).all() == []
