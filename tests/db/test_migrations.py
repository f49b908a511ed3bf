"""Migrations bring an empty database to head, match the models, and `nok init` is idempotent."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect
from sqlmodel import SQLModel

from cli.main import main as nok
from db.engine import get_engine
from db.migrate import alembic_config, current_revision, head_revision, include_object, upgrade
from tests.conftest import REAL_SCANS, create_pg_database, drop_pg_database


def test_upgrade_reaches_head_with_every_model_table(engine: Engine) -> None:
    assert current_revision(engine) == head_revision()
    tables = set(inspect(engine).get_table_names())
    assert {t.name for t in SQLModel.metadata.sorted_tables} <= tables


def test_migrations_match_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": False, "include_object": include_object}
        )
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == []


@pytest.fixture
def database_env(engine: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """A brand-new empty database on the same backend as `engine`."""
    pg_name = None
    if engine.dialect.name == "sqlite":
        url = f"sqlite:///{tmp_path / 'fresh.db'}"
    else:
        pg_name, url = create_pg_database()
    monkeypatch.setenv("NOK_DATABASE_URL", url)
    get_engine.cache_clear()
    yield url
    get_engine().dispose()
    get_engine.cache_clear()
    if pg_name:
        drop_pg_database(pg_name)


def test_nok_init_twice_changes_nothing(database_env: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert nok(["init"]) == 0
    first = capsys.readouterr().out
    engine = get_engine()
    schema_after_first = {t: inspect(engine).get_columns(t) for t in inspect(engine).get_table_names()}
    assert nok(["init"]) == 0
    second = capsys.readouterr().out
    schema_after_second = {t: inspect(engine).get_columns(t) for t in inspect(engine).get_table_names()}
    assert "обновлена" in first
    assert "уже в актуальном состоянии" in second
    assert {t: [c["name"] for c in cols] for t, cols in schema_after_first.items()} == {
        t: [c["name"] for c in cols] for t, cols in schema_after_second.items()
    }
    assert current_revision(engine) == head_revision()


def test_0008_fills_seal_signature_and_ocr_counts_of_versions_already_stored(database_env: str) -> None:
    """Versions stored before 0008 get their seal and signature from their extraction's
    `source.signed` and their OCR-read fields counted; who checked them was not recorded."""
    engine = get_engine()
    command.upgrade(alembic_config(engine), "0003_jobs_copies")
    scan = json.loads((REAL_SCANS / "magadan_2017_order64_colour.pdf.expected.json").read_text("utf-8"))
    scan["source"]["signed"] = {"seal": True, "signature": False}
    scan["document"]["confidence"] = {"number": 48, "title": 92.5}
    scan["plan_items"][0]["confidence"] = {"title": 90, "deadline": 12}
    older_scan = json.loads(json.dumps(scan))
    del older_scan["source"]["signed"]  # read before seals were looked for
    now = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    document = sa.table(
        "document",
        *(sa.column(n) for n in ("id", "kind", "state", "created_at", "updated_at", "records_reviewed")),
        sa.column("references", sa.JSON()),
    )
    version = sa.table(
        "documentversion",
        *(sa.column(n) for n in ("id", "document_id", "version_no", "filename", "sha256", "size", "mime")),
        *(sa.column(n) for n in ("format", "ocr", "text", "uploaded_at")),
        sa.column("extraction", sa.JSON()),
    )
    with engine.begin() as connection:
        connection.execute(
            document.insert().values(
                id=1,
                kind="order",
                state="draft",
                created_at=now,
                updated_at=now,
                records_reviewed=False,
                references=[],
            )
        )
        for number, (extraction, ocr) in enumerate(
            ((scan, True), (older_scan, True), ({"source": {}}, False)), 1
        ):
            connection.execute(
                version.insert().values(
                    id=number,
                    document_id=1,
                    version_no=number,
                    filename=f"{number}.pdf",
                    sha256=str(number) * 64,
                    size=1,
                    mime="application/pdf",
                    format="pdf",
                    ocr=ocr,
                    text="",
                    uploaded_at=now,
                    extraction=extraction,
                )
            )
    upgrade(engine)
    columns = "seal, signature, ocr_fields, ocr_fields_doubtful, ocr_fields_checked, ocr_fields_corrected"
    with engine.connect() as connection:
        rows = connection.execute(sa.text(f"SELECT {columns} FROM documentversion ORDER BY id")).all()
    assert [tuple(r) for r in rows] == [
        (True, False, 4, 2, None, None),
        (None, None, 4, 2, None, None),
        (None, None, None, None, None, None),
    ]
