"""Workflow and roles: every transition checked against the table, by role and scope; audited."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session

from db.models import Authority, Document
from docstore import audit, blobs
from docstore.errors import Forbidden, ForbiddenTransition
from docstore.ingest import ingest_file
from docstore.metadata import correct_field
from docstore.workflow import available_transitions, request_deletion, transition
from tests.docstore.conftest import order_extraction, unique_bytes


@pytest.fixture
def document_id(session: Session, blob_dir: Path, authority: Authority) -> int:
    result = ingest_file(session, unique_bytes(), "a.pdf", extraction=order_extraction(), blob_dir=blob_dir)
    assert result.status == "new" and result.document_id is not None
    document = session.get(Document, result.document_id)
    assert document is not None and document.authority_id == authority.id
    return result.document_id


def test_staff_takes_a_document_from_draft_to_published(session, document_id, make_user, authority) -> None:  # type: ignore[no-untyped-def]
    staff = make_user("staff", "staff", authority_id=authority.id)
    for state in ("registered", "approved", "published"):
        transition(session, staff, document_id, state, comment=f"-> {state}")
    session.commit()
    assert session.get(Document, document_id).state == "published"
    events = [e for e in audit.events_for_document(session, document_id) if e.action == "transition"]
    assert [(e.details["from"], e.details["to"], e.user_id) for e in events] == [
        ("draft", "registered", staff.id),
        ("registered", "approved", staff.id),
        ("approved", "published", staff.id),
    ]
    assert events[0].details["comment"] == "-> registered"


@pytest.mark.parametrize(
    ("role", "start", "to_state"),
    [
        ("council", "draft", "registered"),
        ("council", "approved", "published"),
        ("supervisor", "draft", "registered"),
        ("supervisor", "registered", "approved"),
        ("minister", "draft", "registered"),
        ("minister", "published", "archived"),
        ("staff", "published", "approved"),
        ("staff", "archived", "draft"),
    ],
)
def test_forbidden_transition_by_role(
    session, document_id, make_user, authority, role, start, to_state
) -> None:  # type: ignore[no-untyped-def]
    document = session.get(Document, document_id)
    document.state = start
    session.add(document)
    session.commit()
    user = make_user(f"{role}-user", role, authority_id=authority.id if role == "staff" else None)
    with pytest.raises(ForbiddenTransition, match="Недостаточно прав"):
        transition(session, user, document_id, to_state)
    session.rollback()
    assert session.get(Document, document_id).state == start
    assert [e.action for e in audit.events_for_document(session, document_id)] == ["upload"]


def test_staff_of_another_authority_cannot_touch_the_document(session, document_id, make_user) -> None:  # type: ignore[no-untyped-def]
    other = Authority(name="Департамент социальной защиты населения Владимирской области")
    session.add(other)
    session.commit()
    outsider = make_user("outsider", "staff", authority_id=other.id)
    with pytest.raises(ForbiddenTransition):
        transition(session, outsider, document_id, "registered")
    with pytest.raises(Forbidden):
        correct_field(session, outsider, document_id, "title", "Чужой заголовок")
    assert available_transitions(session, outsider, session.get(Document, document_id)) == []


def test_a_transition_missing_from_the_table_is_refused_even_for_admin(session, document_id) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ForbiddenTransition, match="не предусмотрен"):
        transition(session, None, document_id, "published")


def test_deletion_is_soft_and_keeps_the_original(
    session, document_id, make_user, authority, blob_dir
) -> None:  # type: ignore[no-untyped-def]
    staff = make_user("staff", "staff", authority_id=authority.id)
    request_deletion(session, staff, document_id, "ошибочная загрузка")
    session.commit()
    document = session.get(Document, document_id)
    assert document.state == "archived"
    event = audit.events_for_document(session, document_id)[-1]
    assert (event.action, event.details["comment"]) == ("deletion_request", "ошибочная загрузка")
    version_sha = ingest_file(session, b"", "x.pdf", blob_dir=blob_dir)  # empty file: refused
    assert version_sha.status == "failed"
    assert len([p for p in blob_dir.rglob("*") if p.is_file()]) == 1
    assert all(blobs.read(p.name, blob_dir) for p in blob_dir.rglob("*") if p.is_file())


def test_audit_is_queryable_by_document_and_by_user(session, document_id, make_user, authority) -> None:  # type: ignore[no-untyped-def]
    staff = make_user("staff", "staff", authority_id=authority.id)
    correct_field(session, staff, document_id, "title", "Исправленный заголовок")
    transition(session, staff, document_id, "registered")
    session.commit()
    by_document = [e.action for e in audit.events_for_document(session, document_id)]
    assert by_document == ["upload", "correct_metadata", "transition"]
    by_staff = audit.events_by_user(session, staff.id)
    assert [e.action for e in by_staff] == ["transition", "correct_metadata"]
    assert by_staff[1].details == {
        "field": "title",
        "old": order_extraction().document.title,
        "new": "Исправленный заголовок",
        "state": "draft",
    }
    assert [e.action for e in audit.events_by_user(session, None)] == ["upload"]
