"""Every audit line names a person: the login given with `--as`, or `system:<os user>` for a
command run without it, carried through the queue to the worker that does the write."""

from __future__ import annotations

import datetime as dt
import getpass
import io
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from cli.main import main as nok
from db.engine import get_engine
from db.models import AuditEvent, Document, IngestJob, User
from docstore import jobs
from docstore.actors import System
from docstore.auth import create_user
from tests.conftest import CORPUS

ME = f"system:{getpass.getuser()}"
LETTER = CORPUS / "primorsky_letter.docx"


@pytest.fixture
def cli_engine(fresh_env: Path) -> Engine:
    """The engine of the fresh database the commands use, after `nok init`."""
    assert nok(["init"]) == 0
    return get_engine()


def _events(engine: Engine) -> list[AuditEvent]:
    with Session(engine) as session:
        return list(session.exec(select(AuditEvent).order_by(AuditEvent.id)))  # type: ignore[arg-type]


def test_nok_ingest_without_as_is_recorded_as_the_os_user(cli_engine: Engine) -> None:
    assert nok(["ingest", str(LETTER)]) == 0
    events = _events(cli_engine)
    assert [e.action for e in events] == ["upload"]
    assert [(e.actor, e.user_id) for e in events] == [(ME, None)]
    with Session(cli_engine) as session:
        (job,) = session.exec(select(IngestJob)).all()
        assert job.actor == ME


def test_nok_ingest_as_a_login_is_recorded_as_that_person(cli_engine: Engine) -> None:
    with Session(cli_engine) as session:
        staff = create_user(
            session, login="lebedeva", password="Надёжный-пароль", roles=[("staff", None, None)]
        )
        session.commit()
        staff_id = staff.id
    assert nok(["ingest", str(LETTER), "--as", "lebedeva"]) == 0
    uploads = [(e.actor, e.user_id) for e in _events(cli_engine) if e.action == "upload"]
    assert uploads == [("lebedeva", staff_id)]


def test_the_worker_records_who_queued_the_job_not_its_own_os_user(cli_engine: Engine) -> None:
    job_id = jobs.submit(cli_engine, LETTER.read_bytes(), "letter.docx", user=System("system:ivanov"))
    assert jobs.run_job(cli_engine, job_id) == "done"
    assert [(e.action, e.actor) for e in _events(cli_engine)] == [("upload", "system:ivanov")]


def test_nok_dedupe_and_nok_user_add_name_their_actor(
    cli_engine: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("Надёжный-пароль\n"))
    assert nok(["user", "add", "petrov", "--role", "admin", "--password-stdin"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("Другой-пароль-1\n"))
    assert nok(["user", "add", "sidorov", "--role", "council", "--password-stdin", "--as", "petrov"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("Третий-пароль-1\n"))
    assert nok(["user", "add", "x", "--role", "council", "--password-stdin", "--as", "nobody"]) == 2
    assert "не найден" in capsys.readouterr().err
    with Session(cli_engine) as session:
        petrov_id = session.exec(select(User.id).where(User.login == "petrov")).one()
        for _ in range(2):  # one act stored twice, as before copies were matched
            session.add(
                Document(kind="order", number="7", date=dt.date(2020, 3, 1), title="О проведении оценки")
            )
        session.commit()
    assert nok(["dedupe", "--apply", "--as", "petrov"]) == 0
    assert "Объединено групп: 1" in capsys.readouterr().out
    created = [
        (e.actor, e.user_id, e.details.get("login")) for e in _events(cli_engine) if e.action == "create_user"
    ]
    assert created == [(ME, None, "petrov"), ("petrov", petrov_id, "sidorov")]
    (merge,) = [e for e in _events(cli_engine) if e.action == "merge_documents"]
    assert (merge.actor, merge.user_id) == ("petrov", petrov_id)
    assert all(e.actor for e in _events(cli_engine))
