"""Every page of every role renders on the demo data (`nok demo`), on SQLite."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import streamlit as st
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from dashboard.navigation import pages_for
from db.engine import get_engine, make_engine
from db.migrate import upgrade
from db.models import Document, User
from docstore.demo.load import load_demo
from tests.dashboard.conftest import signed_in_app
from tests.dashboard.russian import foreign_words

ROLES = ("admin", "minister", "staff", "council", "supervisor")
CASES = [(role, page.file) for role in ROLES for page in pages_for({role})]


@pytest.fixture(scope="module")
def demo_users(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, int]]:
    folder = tmp_path_factory.mktemp("demo")
    url = f"sqlite:///{folder / 'demo.db'}"
    engine = make_engine(url)
    upgrade(engine)
    load_demo(engine, folder / "files", blob_dir=folder / "blobs")
    with Session(engine) as session:
        users = {u.login: u.id for u in session.exec(select(User))}
    engine.dispose()
    patch = pytest.MonkeyPatch()
    patch.setenv("NOK_DATABASE_URL", url)
    patch.setenv("NOK_BLOB_DIR", str(folder / "blobs"))
    get_engine.cache_clear()
    st.cache_data.clear()
    yield users  # type: ignore[misc]
    patch.undo()
    get_engine.cache_clear()
    st.cache_data.clear()


@pytest.mark.parametrize(("role", "page"), CASES, ids=[f"{r}-{p}" for r, p in CASES])
def test_page_renders_on_the_demo_data(demo_users: dict[str, int], role: str, page: str) -> None:
    at = signed_in_app(demo_users[role], page)
    assert not at.exception, at.exception
    assert not at.info or page == "home.py" or at.dataframe, "the demo data fills every page"
    assert at.dataframe or at.metric


def test_demo_ratings_show_the_latest_year_for_the_council(demo_users: dict[str, int]) -> None:
    at = signed_in_app(demo_users["council"], "ratings.py")
    years = at.selectbox(key="year").options
    assert years[0] == max(years)
    assert len(at.dataframe[0].value) > 10


def test_the_demo_check_of_the_operator_data_matches_all_but_the_planted_error(
    demo_users: dict[str, int],
) -> None:
    from docstore.demo import region
    from docstore.demo.operator_data import PLANTED_ERROR

    at = signed_in_app(demo_users["council"], "ratings.py")
    at.radio(key="view").set_value("check").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) == 40
    assert table["Результат"].value_counts().to_dict() == {"совпадает": 39, "расхождение": 1}
    planted = next(i for i in region.institutions() if i.key == PLANTED_ERROR)
    (wrong,) = table[table["Результат"] == "расхождение"]["Учреждение"].tolist()
    assert wrong == planted.name
    assert at.expander[0].label.startswith(planted.name)


def test_the_operator_data_is_a_document_staff_finds_and_opens(demo_users: dict[str, int]) -> None:
    from db.engine import get_engine

    with Session(get_engine()) as session:
        (document,) = session.exec(select(Document).where(Document.kind == "operator_data")).all()
    at = signed_in_app(demo_users["staff"], "documents.py", query={"doc": str(document.id)})
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "Таблица XLSX (исходные данные оператора)" in captions
    assert any(b.key == "download_version_1" for b in at.get("download_button"))


def _texts(at: AppTest) -> list[str]:
    """Every text the page gives the browser: titles, markdown, captions, alerts, metrics, widget
    labels, options and placeholders, tab and expander labels, table column names (code spans
    are commands to type, not words, and are left out)."""
    texts = []
    for node in at._tree:
        if node.type in ("html", "code"):
            continue
        proto = getattr(node, "proto", None)
        for name in ("label", "body", "help", "placeholder", "value"):
            value = getattr(proto, name, None) if proto is not None else None
            if isinstance(value, str):
                texts.append(re.sub(r"`[^`]*`", "", value))
        options = getattr(node, "options", None)
        if isinstance(options, list):
            texts += [str(option) for option in options]
        if node.type == "arrow_data_frame":
            texts += [str(column) for column in node.value.columns]
    return texts


@pytest.mark.parametrize(("role", "page"), CASES, ids=[f"{r}-{p}" for r, p in CASES])
def test_page_has_no_english_word(demo_users: dict[str, int], role: str, page: str) -> None:
    at = signed_in_app(demo_users[role], page)
    english = {text for text in _texts(at) if foreign_words(text)}
    assert not english, english
    empty = [s for s in at.selectbox if not s.proto.HasField("default")]
    empty += [m for m in at.multiselect if not m.value]
    unset = [w.label for w in empty if foreign_words(w.placeholder or "Choose options")]
    assert not unset, f"lists with no choice yet and no Russian placeholder: {unset}"


def test_home_on_the_demo_data_reads_in_a_minute(demo_users: dict[str, int]) -> None:
    """The minister's «Главная»: the year's four results, the target indicators against their
    targets, the institutions that fell most linked into «Рейтинги» for comparison."""
    from urllib.parse import parse_qs

    from db.queries.ratings import biggest_falls

    at = signed_in_app(demo_users["minister"])
    assert not at.exception
    year = at.selectbox(key="year").value
    labels = [m.label for m in at.metric]
    assert labels[:4] == [
        "Оценено учреждений",
        "Средний итоговый балл",
        "Просрочено точек",
        "Меры планов улучшения",
    ]
    assert sum(label.startswith("Факт ") for label in labels) == 3  # the demo plan's three indicators
    assert len(at.get("vega_lite_chart")) >= 2  # indicators' trend, the falls
    with Session(get_engine()) as session:
        fell = [f.organization_id for f in biggest_falls(session, year=year)]
    assert fell, "the demo data has institutions whose total fell"
    (compare,) = [
        parse_qs(link.proto.query_string) for link in at.get("page_link") if "org" in link.proto.query_string
    ]
    assert compare["org"] == [str(i) for i in fell[:6]]
    assert compare["card"] == [str(fell[0])]


def test_home_shows_the_supervisor_the_bodies_with_overdue_points(demo_users: dict[str, int]) -> None:
    at = signed_in_app(demo_users["supervisor"])
    assert not at.exception
    assert "Просроченные контрольные точки" in [s.value for s in at.subheader]
    assert any(
        link.proto.page == "control" and "authority=" in link.proto.query_string
        for link in at.get("page_link")
    )
