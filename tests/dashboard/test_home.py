"""The home page renders on an empty and on a filled database."""

from __future__ import annotations

from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from db.models import Document, Organization
from docstore import audit
from docstore.auth import create_user
from tests.dashboard.conftest import APP, TEST_PASSWORD


def _signed_in(session: Session) -> AppTest:
    user = create_user(session, login="reader", password=TEST_PASSWORD, roles=[("council", None, None)])
    session.commit()
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["user_id"] = user.id
    return at


def test_home_on_an_empty_database_tells_what_to_do_first(app_database, session: Session) -> None:  # type: ignore[no-untyped-def]
    at = _signed_in(session).run()
    assert not at.exception
    assert "База данных пуста" in at.info[0].value
    assert [m.value for m in at.metric] == ["0", "0", "0", "0"]


def test_home_on_a_filled_database_shows_counts(app_database, session: Session) -> None:  # type: ignore[no-untyped-def]
    session.add_all([Document(kind="order", title="О плане"), Document(kind="protocol")])
    session.add(Organization(name="ГБУСО «Центр»"))
    session.commit()
    at = _signed_in(session).run()
    assert not at.exception
    assert len(at.info) == 0
    assert at.metric[0].value == "2"
    assert at.metric[1].value == "1"


def test_a_write_by_another_process_shows_without_waiting_for_the_cache(
    app_database, session: Session
) -> None:  # type: ignore[no-untyped-def]
    at = _signed_in(session).run()
    assert at.metric[0].value == "0"
    document = Document(kind="order", title="О плане")
    session.add(document)
    session.flush()
    audit.record(session, action="upload", user=None, document_id=document.id, details={})
    session.commit()  # as `nok ingest` would, from its own process
    at.run()
    assert not at.exception
    assert at.metric[0].value == "1"
