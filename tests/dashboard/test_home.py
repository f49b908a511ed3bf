"""«Главная» on an empty database, on the hand-made one, and after another process wrote."""

from __future__ import annotations

from urllib.parse import parse_qs

from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from db.models import Document, Organization
from docstore import audit
from docstore.auth import create_user
from tests.dashboard.conftest import APP, TEST_PASSWORD, signed_in_app


def _signed_in(session: Session) -> AppTest:
    user = create_user(session, login="reader", password=TEST_PASSWORD, roles=[("council", None, None)])
    session.commit()
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["user_id"] = user.id
    return at


def _caption(at: AppTest) -> str:
    return next(c.value for c in at.caption if "в базе" in c.value)


def test_home_on_an_empty_database_tells_what_to_do_first(app_database, session: Session) -> None:  # type: ignore[no-untyped-def]
    at = _signed_in(session).run()
    assert not at.exception
    assert "База данных пуста" in at.info[0].value
    assert not at.metric


def test_home_counts_what_is_stored(app_database, session: Session) -> None:  # type: ignore[no-untyped-def]
    session.add_all([Document(kind="order", title="О плане"), Document(kind="protocol")])
    session.add(Organization(name="ГБУСО «Центр»"))
    session.commit()
    at = _signed_in(session).run()
    assert not at.exception
    assert len(at.info) == 0
    assert "документов 2, учреждений 1, оценок 0" in _caption(at)


def test_a_write_by_another_process_shows_without_waiting_for_the_cache(
    app_database, session: Session
) -> None:  # type: ignore[no-untyped-def]
    session.add(Organization(name="ГБУСО «Центр»"))
    session.commit()
    at = _signed_in(session).run()
    assert "документов 0" in _caption(at)
    document = Document(kind="order", title="О плане")
    session.add(document)
    session.flush()
    audit.record(session, action="upload", user=None, document_id=document.id, details={})
    session.commit()  # as `nok ingest` would, from its own process
    at.run()
    assert not at.exception
    assert "документов 1" in _caption(at)


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_the_minister_reads_the_year_against_the_targets(filled) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(filled.users["minister"], query={"as_of": "2024-06-01"})
    assert not at.exception
    assert at.selectbox(key="year").value == 2024
    metrics = _metrics(at)
    assert metrics["Оценено учреждений"] == "100%"
    assert metrics["Средний итоговый балл"] == "85,2"
    assert metrics["Просрочено точек"] == "2"
    assert metrics["Факт 2024 года"] == "80,0 %"
    fact = next(m for m in at.metric if m.label == "Факт 2024 года")
    assert fact.delta == "-20,0 к цели 100,0"
    assert "Доля оцененных учреждений" in [m.value.strip("*") for m in at.markdown]
    assert "Ни у одного учреждения балл 2024 года не ниже" in " ".join(c.value for c in at.caption)


def _links(at: AppTest) -> list[tuple[str, dict[str, list[str]]]]:
    """(page address, its query parameters) of each page link."""
    return [(link.proto.page, parse_qs(link.proto.query_string)) for link in at.get("page_link")]


def test_links_carry_the_filters_and_only_to_the_users_pages(filled) -> None:  # type: ignore[no-untyped-def]
    north = "Северная область"
    minister = _links(signed_in_app(filled.users["minister"], query={"as_of": "2024-06-01", "region": north}))
    assert ("indicators", {"year": ["2024"], "region": [north]}) in minister
    assert ("ratings", {"year": ["2024"], "region": [north]}) in minister
    assert "control" not in {page for page, _ in minister}  # a minister has no «Контроль сроков»
    supervisor = _links(signed_in_app(filled.users["supervisor"], query={"as_of": "2024-06-01"}))
    assert ("control", {"status": ["overdue"]}) in supervisor
    assert ("control", {"status": ["overdue"], "authority": [str(filled.authority_id)]}) in supervisor
    assert "indicators" not in {page for page, _ in supervisor}


def test_the_region_filter_changes_the_figures_and_the_url(filled) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(filled.users["minister"], query={"as_of": "2024-06-01"})
    at.selectbox(key="region").select("Южная область").run()
    assert not at.exception
    assert at.query_params["region"] in ("Южная область", ["Южная область"])
    assert _metrics(at)["Средний итоговый балл"] == "76,5"
    assert _metrics(at)["Просрочено точек"] == "0"  # the hand-made plan names no region
