"""Документы (staff): registry filters, full-text search, the card with workflow buttons by role."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from db.models import Document, DocumentVersion
from docstore.search import index_document
from tests.dashboard.conftest import signed_in_app


def _index(session: Session, filled) -> None:  # type: ignore[no-untyped-def]
    version = session.exec(
        select(DocumentVersion).where(DocumentVersion.document_id == filled.documents["rating_2024"])
    ).one()
    version.text = "Рейтинг учреждений социального обслуживания Северной области по итогам оценки"
    session.add(version)
    session.flush()
    for document in session.exec(select(Document)):
        index_document(session, document.id)
    session.commit()


def test_registry_lists_and_filters_documents(filled) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(filled.users["staff"], "documents.py")
    assert not at.exception
    registry = at.dataframe[0].value
    assert len(registry) == 5
    at.selectbox(key="browse_kind").set_value("rating").run()
    assert at.dataframe[0].value["Заголовок"].tolist() == [
        "Черновик рейтинга",
        "Рейтинг 2024",
        "Рейтинг 2023",
    ]
    at.selectbox(key="browse_state").set_value("draft").run()
    assert at.dataframe[0].value["Заголовок"].tolist() == ["Черновик рейтинга"]
    at.number_input(key="browse_year").set_value(2023).run()
    assert "Документов нет" in at.info[0].value


def test_search_finds_word_forms_with_a_snippet(filled, session: Session) -> None:  # type: ignore[no-untyped-def]
    _index(session, filled)
    at = signed_in_app(filled.users["staff"], "documents.py")
    at.text_input(key="search_query").input("рейтинга учреждения").run()
    assert not at.exception
    found = [m.value for m in at.markdown if m.value.startswith("**№")]
    assert len(found) == 1 and found[0].startswith(f"**№ {filled.documents['rating_2024']}. Рейтинг 2024**")
    assert "**учреждений**" in found[0] or "**Рейтинг**" in found[0]
    at.text_input(key="search_query").input("котлован").run()
    assert any(c.value == "Найдено: 0" for c in at.caption)


def test_staff_registers_a_draft_from_its_card(filled, session: Session) -> None:  # type: ignore[no-untyped-def]
    draft = filled.documents["draft_rating"]
    at = signed_in_app(filled.users["staff"], "documents.py", query={"doc": str(draft)})
    labels = [b.label for b in at.button]
    assert "Зарегистрировать" in labels and "Отправить в архив" in labels
    assert "Опубликовать" not in labels
    at.button(key="transition_register").click().run()
    assert not at.exception
    session.expire_all()
    assert session.get(Document, draft).state == "registered"
    audit = at.dataframe[-1].value
    assert audit["Действие"].tolist()[-1] == "смена состояния"
    assert audit["Подробности"].tolist()[-1] == "черновик → зарегистрирован"


def test_admin_sees_every_transition_allowed_for_admin(filled) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(
        filled.users["admin"], "documents.py", query={"doc": str(filled.documents["rating_2024"])}
    )
    labels = [b.label for b in at.button]
    assert "Снять с публикации" in labels and "Отправить в архив" in labels


@pytest.mark.parametrize("role", ["minister", "council", "supervisor"])
def test_other_roles_have_no_documents_page(filled, role: str) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(filled.users[role])
    with pytest.raises(ValueError, match="Known pages"):
        at.switch_page("views/documents.py")
