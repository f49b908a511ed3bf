"""Fixtures for the document store: users with roles, a blob folder, hand-made extractions.

A hand-made `Extraction` is what the staff page passes after the user reviewed and corrected
the extractor's output (`ingest_file(..., extraction=...)`); tests of the write path use it so
they do not depend on the extractor's accuracy. Tests of the whole pipeline read real corpus files.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from db.engine import get_engine, make_engine
from db.models import Authority, RoleAssignment, User
from extract.records import (
    Deadline,
    DocumentHeader,
    Extraction,
    ImprovementItem,
    Indicator,
    IndicatorValue,
    Period,
    PlanItem,
    Rating,
    Responsible,
    Scores,
    Signatory,
    Source,
)
from extract.records_json import extraction_from_json
from tests.conftest import REAL_SCANS, create_pg_database, drop_pg_database

MAGADAN = "Министерство труда и социальной политики Магаданской области"


@pytest.fixture
def blob_dir(tmp_path: Path) -> Path:
    return tmp_path / "blobs"


@dataclass
class Installation:
    """A database (not migrated) and a blob folder of their own, as another machine would have."""

    url: str
    engine: Engine
    blob_dir: Path

    def use(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Make it the installation `nok` commands run on (NOK_DATABASE_URL, NOK_BLOB_DIR)."""
        monkeypatch.setenv("NOK_DATABASE_URL", self.url)
        monkeypatch.setenv("NOK_BLOB_DIR", str(self.blob_dir))
        get_engine.cache_clear()


@pytest.fixture
def new_installation(engine: Engine, tmp_path: Path) -> Iterator[Callable[[str], Installation]]:
    """new_installation(label): an empty one on the backend of `engine`; dropped after the test."""
    made: list[tuple[Installation, str | None]] = []

    def make(label: str) -> Installation:
        pg_name = None
        if engine.dialect.name == "sqlite":
            url = f"sqlite:///{tmp_path / label / 'nok.db'}"
        else:
            pg_name, url = create_pg_database()
        installation = Installation(url, make_engine(url), tmp_path / label / "blobs")
        made.append((installation, pg_name))
        return installation

    yield make
    get_engine.cache_clear()
    for installation, pg_name in made:
        installation.engine.dispose()
        if pg_name:
            drop_pg_database(pg_name)


@pytest.fixture
def fresh_env(
    new_installation: Callable[[str], Installation], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[Path]:
    """NOK_DATABASE_URL and NOK_BLOB_DIR (`tmp_path/blobs`) pointing at a new empty database."""
    installation = new_installation("cli")
    installation.blob_dir = tmp_path / "blobs"
    installation.use(monkeypatch)
    yield tmp_path
    get_engine().dispose()
    get_engine.cache_clear()


@pytest.fixture
def make_user(session: Session) -> Callable[..., User]:
    """make_user(login, role, authority_id=None, organization_id=None) -> a committed user."""

    def make(
        login: str,
        role: str | None = None,
        authority_id: int | None = None,
        organization_id: int | None = None,
    ) -> User:
        user = User(login=login, full_name=login)
        session.add(user)
        session.flush()
        if role:
            session.add(
                RoleAssignment(
                    user_id=user.id, role=role, authority_id=authority_id, organization_id=organization_id
                )
            )
        session.commit()
        return user

    return make


@pytest.fixture
def authority(session: Session) -> Authority:
    row = Authority(name=MAGADAN, region="Магаданская область")
    session.add(row)
    session.commit()
    return row


def unique_bytes(label: str = "doc") -> bytes:
    """Bytes no other test uses (the store is content-addressed)."""
    return f"%PDF-1.4 {label} {uuid.uuid4().hex}".encode()


def order_extraction(
    *,
    title: str = "Об утверждении плана мероприятий по проведению независимой оценки",
    number: str = "64",
    text: str = "ПРИКАЗ от 15 марта 2017 г. № 64 Об утверждении плана мероприятий. Приказываю: утвердить.",
    plan_titles: tuple[str | None, ...] = ("Формирование общественного совета", "Размещение информации"),
    ratings: tuple[Rating, ...] = (),
    improvement_items: tuple[ImprovementItem, ...] = (),
    kind: str = "order",
    authority: str | None = MAGADAN,
    date: dt.date = dt.date(2017, 3, 15),
) -> Extraction:
    """An order with a plan and one indicator, as a reviewed extraction."""
    plan = tuple(
        PlanItem(
            number=str(i + 1),
            title=t,  # type: ignore[arg-type]  (None is the broken record of the rollback test)
            section=None,
            result_form="протокол заседания",
            responsible=("Министерство труда", "Общественный совет"),
            deadline=Deadline(text="постоянно", kind="continuous"),
        )
        for i, t in enumerate(plan_titles)
    )
    return Extraction(
        source=Source(filename="x.pdf", sha256="0" * 64, format="pdf", pages=1, ocr=False),
        document=DocumentHeader(
            kind=kind,  # type: ignore[arg-type]
            authority=authority,
            region="Магаданская область",
            number=number,
            date=date,
            title=title,
            signatory=Signatory(position="Министр", name="Т.Г. Малютина"),
            period=Period(dt.date(2017, 1, 1), dt.date(2018, 12, 31)),
        ),
        indicators=(
            Indicator(
                name="Доля учреждений, охваченных оценкой (%)",
                unit="%",
                values=(IndicatorValue(2017, "plan", 50.0), IndicatorValue(2016, "fact", 38.9)),
            ),
        ),
        plan_items=plan,
        ratings=ratings,
        improvement_items=improvement_items,
        text=text,
    )


def rating(name: str, total: float, form: str = "stationary") -> Rating:
    return Rating(
        organization=name,
        service_form=form,  # type: ignore[arg-type]
        year=2018,
        scores=Scores(90.0, 91.0, 92.0, 93.0, 94.0),
        total=total,
        rank=1,
        scale=100.0,
    )


def improvement(measure: str, organization: str = 'ГБУСО "Ковровский КЦСОН"') -> ImprovementItem:
    return ImprovementItem(
        organization=organization,
        deficiency="Нет пандуса",
        measure=measure,
        planned=Deadline(text="до 01.03.2019", kind="once", due_dates=(dt.date(2019, 3, 1),)),
        responsible=Responsible(name="Петрова И.С.", position="директор"),
        done_measures=None,
        actual_date=None,
    )


SCANNED_ORDER = REAL_SCANS / "magadan_2017_order64_colour.pdf.expected.json"
SCANNED_TEXT = (
    "ПРИКАЗ от «15» марта 2017 г. № 64 г. Магадан О внесении изменений в приказ министерства труда "
    "и социальной политики Магаданской области. Во исполнение поручений протокола совещания "
    "приказываю: внести изменения в План. Министр Т.Г. Малютина. Копия верна."
)
SCAN_DOUBTFUL = {
    ("document", 0, "number"): 48.0,
    ("plan_items", 2, "deadline"): 41.0,
    ("plan_items", 5, "title"): 55.0,
    ("plan_items", 0, "result_form"): 50.0,
    ("indicators", 1, "values.2017.plan"): 35.0,
}
"""The doubtful cells of `scanned_order` (the review does not show a plan item's result form)."""
SCAN_FIELDS = 6 + 11 * 4 + 2 * 5
"""Its OCR-read fields: 6 of the header, 4 of each of 11 plan items, name and 4 values of 2 indicators."""
SCAN_SHOWN = 6 + 11 * 3 + 2 * 5
"""Of those, shown on the review (all but the plan items' result forms)."""


def scanned_order(*, seal: bool = True, signature: bool = True, doubtful: bool = True) -> Extraction:
    """A colour scan of Magadan order 64 as the OCR reader reports it: the golden reading of the
    real scan, with the seal and signature found and a confidence on every field read, a few of
    them doubtful (`SCAN_DOUBTFUL`; with `doubtful` False every field reads confidently)."""
    confident = 91.0
    data = json.loads(SCANNED_ORDER.read_text(encoding="utf-8"))
    data["source"]["signed"] = {"seal": seal, "signature": signature}
    header = data["document"]
    header["confidence"] = {
        name: confident
        for name in ("authority", "number", "date", "title", "signatory.position", "signatory.name")
    }
    for item in data["plan_items"]:
        item["confidence"] = {name: confident for name in ("number", "title", "result_form", "deadline")}
    for indicator in data["indicators"]:
        indicator["confidence"] = {"name": confident} | {
            f"values.{v['year']}.{v['kind']}": confident for v in indicator["values"]
        }
    for (kind, index, path), confidence in SCAN_DOUBTFUL.items() if doubtful else ():
        record = header if kind == "document" else data[kind][index]
        record["confidence"][path] = confidence
    return extraction_from_json(data, SCANNED_TEXT)
