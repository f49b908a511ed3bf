"""Shared fixtures: a migrated database on SQLite and on PostgreSQL, fresh per test session.

PostgreSQL is mandatory in CI (CI=true): if it cannot be reached the run fails. Outside CI
its tests skip with one line saying why.
"""

from __future__ import annotations

import dataclasses
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session, SQLModel

import db.models  # noqa: F401
from db.engine import make_engine
from db.migrate import upgrade
from extract.records import Extraction

PG_SERVER_URL = os.environ.get(
    "NOK_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
REAL_SCANS = CORPUS / "real_scans"
SCHEMA_PATH = ROOT / "docs" / "contract" / "extraction.schema.json"


@pytest.fixture(scope="session", autouse=True)
def test_queue(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Every test run has its own ingest queue (a SQLite file, and a name no other run uses, so
    parallel runs on one Redis do not collide); tests of Redis set `NOK_QUEUE_URL` themselves."""
    saved = {k: os.environ.get(k) for k in ("NOK_QUEUE_URL", "NOK_QUEUE_NAME")}
    os.environ["NOK_QUEUE_URL"] = f"sqlite:///{tmp_path_factory.mktemp('queue') / 'queue.db'}"
    os.environ["NOK_QUEUE_NAME"] = f"nok-test-{uuid.uuid4().hex[:12]}"
    yield os.environ["NOK_QUEUE_NAME"]
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def _postgres_reachable() -> str | None:
    """None when the server answers, else the reason."""
    try:
        engine = make_engine(PG_SERVER_URL)
        with engine.connect() as connection:
            connection.execute(text("select 1"))
        engine.dispose()
    except Exception as error:  # any driver error means "not reachable"
        return f"{type(error).__name__}: {str(error).splitlines()[0]}"
    return None


def create_pg_database() -> tuple[str, str]:
    name = f"nok_test_{uuid.uuid4().hex[:10]}"
    server = make_engine(PG_SERVER_URL).execution_options(isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    server.dispose()
    return name, PG_SERVER_URL.rsplit("/", 1)[0] + f"/{name}"


def drop_pg_database(name: str) -> None:
    server = make_engine(PG_SERVER_URL).execution_options(isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    server.dispose()


def require_postgres() -> None:
    """Skip the test when the server does not answer; fail instead in CI, where it is mandatory."""
    reason = _postgres_reachable()
    if reason is not None:
        if IN_CI:
            pytest.fail(f"PostgreSQL at {PG_SERVER_URL} is mandatory in CI and unreachable: {reason}")
        pytest.skip(f"PostgreSQL not reachable at {PG_SERVER_URL}: {reason}")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """URL of a new, empty PostgreSQL database, dropped after the session."""
    require_postgres()
    name, url = create_pg_database()
    yield url
    drop_pg_database(name)


@pytest.fixture(scope="session", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A database migrated to head, on each backend (one per test session)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'nok.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    engine = make_engine(url)
    upgrade(engine)
    yield engine
    engine.dispose()


def _truncate_all(engine: Engine) -> None:
    tables = list(reversed(SQLModel.metadata.sorted_tables))
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(table.delete())
            # the FTS5 search table is not in the metadata (see the 0001 migration)
            connection.execute(text("DELETE FROM search_fts"))


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session on an empty, migrated database (rows removed after the test)."""
    _truncate_all(engine)
    with Session(engine, expire_on_commit=False) as session:
        yield session
    _truncate_all(engine)


@pytest.fixture
def reads_as(monkeypatch: pytest.MonkeyPatch) -> Callable[[Extraction], None]:
    """reads_as(extraction): the ingest pipeline's extract step reports `extraction` for any file it
    reads itself (a reviewed extraction passed in is still taken as given)."""
    from docstore import ingest  # the fixture is for its tests; conftest stays importable alone

    real = ingest._extract

    def use(extraction: Extraction) -> None:
        def fake(data: bytes, name: str, sha256: str, given: Extraction | None):  # type: ignore[no-untyped-def]
            if given is not None:
                return real(data, name, sha256, given)
            source = dataclasses.replace(extraction.source, filename=name, sha256=sha256)
            return dataclasses.replace(extraction, source=source), ()

        monkeypatch.setattr(ingest, "_extract", fake)

    return use
