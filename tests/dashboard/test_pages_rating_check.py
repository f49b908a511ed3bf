"""«Рейтинги», «Проверка расчёта оператора»: the council uploads the operator's raw figures and
reads the check; the file and the check are stored, a link opens the check again, and the
institution's card shows its computation."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import Session, select

from assessment.raw import XLSX_MIME
from db.models import Document, RatingCheck
from tests.assessment.test_compare import APPROVED
from tests.dashboard.conftest import signed_in_app
from tests.docstore.test_rating_check import ALPHA, APPROVED_B, BETA, RAW, publish_ratings


@pytest.fixture
def ratings_2025(
    empty_users: dict[str, int], session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):  # type: ignore[no-untyped-def]
    """Альфа as the method computes it; Бета's courtesy stored 0.05 too high."""
    monkeypatch.setenv("NOK_BLOB_DIR", str(tmp_path / "blobs"))
    edited = {**APPROVED_B, "K4": APPROVED_B["K4"] + Decimal("0.05")}
    publish_ratings(session, 2025, [(ALPHA, "stationary", APPROVED), (BETA, "home", edited)])
    return empty_users


def _check_view(user_id: int, **query: str):  # type: ignore[no-untyped-def]
    at = signed_in_app(user_id, "ratings.py", query=query or None)
    if "view" not in query:
        at.radio(key="view").set_value("check").run()
    return at


def test_the_council_uploads_the_operator_file_and_sees_the_check(ratings_2025, session: Session) -> None:  # type: ignore[no-untyped-def]
    at = _check_view(ratings_2025["council"])
    assert not at.exception
    assert "Проверок пока не было" in at.info[0].value
    assert at.selectbox(key="check_year").options == ["2025"]
    at.file_uploader(key="operator_file").upload("исходные данные 2025.xlsx", RAW, XLSX_MIME)
    at.run()
    at.button(key="check_submit").click().run()
    assert not at.exception, at.exception
    assert at.success[0].value.startswith("исходные данные 2025.xlsx: сохранён как документ № ")
    assert "расхождение — 1; совпадает — 1" in at.success[0].value
    assert at.query_params["view"] == "check"

    table = at.dataframe[0].value
    assert table["Учреждение"].tolist() == [ALPHA, BETA]
    assert table["Результат"].tolist() == ["совпадает", "расхождение"]
    assert (table["К4 по методике"].tolist(), table["К4 в рейтинге"].tolist()) == (
        ["94,78", "94,92"],
        ["94,78", "94,97"],
    )
    assert table["Расхождения и ошибки"].tolist() == ["", "К4: по методике 94,92, в рейтинге 94,97 (+0,05)"]
    assert [m.value for m in at.metric] == ["2", "1", "1", "0"]
    beta, alpha = at.expander  # what differs first, opened
    assert beta.label.startswith(BETA) and "расхождение" in beta.label
    assert alpha.label == f"{ALPHA} (стационарная) — совпадает"
    assert at.error[0].value == "К4: по методике 94,92, в рейтинге 94,97 (+0,05)"
    steps = "\n".join(m.value for m in alpha.markdown)
    assert (
        "Пинф = 0,5 × (Истенд / Инорм-стенд + Исайт / Инорм-сайт) × 100 = 0,5 × (10 / 12 + 25 / 27) × 100"
        in steps
    )
    assert "**Итог = (К1 + К2 + К3 + К4 + К5) / 5 = (91,72 + 85 + 74 + 94,78 + 91) / 5 = 87,3**" in steps

    session.expire_all()
    (check,) = session.exec(select(RatingCheck)).all()
    document = session.get(Document, check.document_id)
    assert document is not None and (document.kind, document.state) == ("operator_data", "draft")
    assert at.query_params["check"] == str(check.id)


def test_a_link_opens_a_stored_check_and_the_card_shows_the_computation(
    ratings_2025, session: Session
) -> None:  # type: ignore[no-untyped-def]
    from db.engine import get_engine
    from docstore.rating_check import store_operator_data

    outcome = store_operator_data(get_engine(), RAW, "данные.xlsx", user=None, year=2025)
    assert outcome.check_id is not None
    at = _check_view(ratings_2025["minister"], view="check", check=str(outcome.check_id))
    assert not at.exception
    assert at.selectbox(key="check").value == outcome.check_id
    assert at.dataframe[0].value["Результат"].tolist() == ["совпадает", "расхождение"]
    assert "operator_file" not in {u.key for u in at.file_uploader}  # the minister only reads

    card = signed_in_app(ratings_2025["council"], "ratings.py")
    alpha = next(o for o in card.selectbox(key="card").options if "Альфа" in o)
    card.selectbox(key="card").select(alpha).run()
    (expander,) = [e for e in card.expander if e.label.startswith("Расчёт по исходным данным оператора")]
    assert expander.label.endswith("совпадает")
    assert any("К1 = 0,3 × Пинф" in m.value for m in expander.markdown)


def test_a_file_that_is_no_operator_table_is_refused_on_the_page(ratings_2025, session: Session) -> None:  # type: ignore[no-untyped-def]
    at = _check_view(ratings_2025["admin"])
    at.file_uploader(key="operator_file").upload("отчёт.xlsx", b"not a workbook", XLSX_MIME)
    at.run()
    at.button(key="check_submit").click().run()
    assert not at.exception
    assert at.error[0].value == (
        "отчёт.xlsx: не проверено. Файл не прочитан: файл не является таблицей XLSX (или повреждён)"
    )
    assert session.exec(select(Document)).all() != [] and session.exec(select(RatingCheck)).all() == []
