"""Document list, card and flagged organizations, read through db.queries.documents."""

from __future__ import annotations

from sqlmodel import Session

from db.queries.documents import (
    PUBLISHED_ONLY,
    document_card,
    list_documents,
    organizations_needing_confirmation,
)
from docstore.ingest import ingest_file
from docstore.metadata import correct_field
from docstore.workflow import transition
from tests.docstore.conftest import order_extraction, rating, unique_bytes


def test_list_card_and_flagged(session: Session, tmp_path) -> None:  # type: ignore[no-untyped-def]
    blob_dir = tmp_path / "blobs"
    known = (rating('ГБУСО ВО "Ковровский КЦСОН"', 92.5),)  # an institution known before the rating
    first = ingest_file(
        session, unique_bytes(), "a.pdf", extraction=order_extraction(ratings=known), blob_dir=blob_dir
    )
    ingest_file(
        session,
        unique_bytes(),
        "a2.pdf",
        document_id=first.document_id,
        extraction=order_extraction(),
        blob_dir=blob_dir,
    )
    ratings = (rating('ГБУСО ВО "Ковровский КЦСОН №2"', 90.0),)  # alike a known one: flagged
    second = ingest_file(
        session,
        unique_bytes(),
        "r.pdf",
        extraction=order_extraction(kind="rating", ratings=ratings),
        blob_dir=blob_dir,
    )
    correct_field(session, None, first.document_id, "number", "64-ОД")
    for state in ("registered", "approved", "published"):
        transition(session, None, second.document_id, state)
    session.commit()

    rows = list_documents(session)
    assert {(r.id, r.versions) for r in rows} == {(first.document_id, 2), (second.document_id, 1)}
    assert [r.id for r in list_documents(session, states=PUBLISHED_ONLY)] == [second.document_id]
    assert [r.id for r in list_documents(session, kind="rating")] == [second.document_id]
    assert list_documents(session, year=2016) == []

    card = document_card(session, first.document_id)
    assert card is not None
    assert [v.version_no for v in card.versions] == [2, 1]
    assert [(c.field_name, c.new_value) for c in card.corrections] == [("number", "64-ОД")]
    assert [e.action for e in card.events] == ["upload", "new_version", "correct_metadata"]
    assert document_card(session, 10_000) is None

    flagged = organizations_needing_confirmation(session)
    assert [(f.organization.name, f.similar_to.name) for f in flagged] == [
        ('ГБУСО ВО "Ковровский КЦСОН №2"', 'ГБУСО ВО "Ковровский КЦСОН"')
    ]
