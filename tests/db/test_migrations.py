"""Migrations bring an empty database to head, match the models, and `nok init` is idempotent."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect
from sqlmodel import SQLModel

from cli.main import main as nok
from db.engine import get_engine
from db.migrate import current_revision, head_revision, include_object
from tests.conftest import create_pg_database, drop_pg_database


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
