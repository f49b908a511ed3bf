"""Alembic migrations driven from code: `upgrade(engine)` brings any database to head."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


SEARCH_OBJECT_PREFIX = "search_"


POSTGRESQL_ONLY_INDEXES = ("ix_document_newest",)
"""Indexes made by hand for PostgreSQL alone (0010): an index column's `NULLS LAST` has no
SQLite form, and SQLite needs none (its index on `document.date` already ends in the rowid)."""


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Alembic filter: the full-text search objects (`search_*`, one kind per backend, made by
    hand in 0001) and the PostgreSQL-only indexes are not in SQLModel.metadata and must not
    show up as differences."""
    return not (name or "").startswith(SEARCH_OBJECT_PREFIX) and name not in POSTGRESQL_ONLY_INDEXES


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()


def is_known_revision(revision: str | None) -> bool:
    """Whether this version of nok has the migration `revision` (None: an empty database)."""
    if revision is None:
        return True
    try:
        return ScriptDirectory(str(MIGRATIONS_DIR)).get_revision(revision) is not None
    except Exception:  # alembic's ResolutionError / CommandError: a revision it does not know
        return False


def upgrade(engine: Engine) -> tuple[str | None, str | None]:
    """Upgrade to head; returns (revision before, revision after). Idempotent."""
    before = current_revision(engine)
    command.upgrade(alembic_config(engine), "head")
    return before, current_revision(engine)
