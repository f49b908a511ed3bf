"""Matching institution names: same after normalising, flagged when close, new when far."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from db.models import Organization, OrganizationAlias, Rating
from docstore.ingest import ingest_file
from docstore.organizations import (
    confirm_organization,
    match_organization,
    merge_organization,
    normalize_name,
)
from tests.docstore.conftest import order_extraction, rating, unique_bytes

REGION = "Владимирская область"


def test_normalize_drops_quotes_case_and_legal_form() -> None:
    assert normalize_name('ГБУСО ВО "Ковровский КЦСОН"') == normalize_name("гбусо во «КОВРОВСКИЙ КЦСОН»")
    assert normalize_name("МБУ «Центр Ёлочка»") == "центр елочка"


def test_same_new_and_flagged(session: Session) -> None:
    first = match_organization(session, 'ГБУСО ВО "Ковровский КЦСОН"', region=REGION, authority_id=None)
    same = match_organization(session, "ГБУСО ВО «Ковровский КЦСОН»", region=REGION, authority_id=None)
    close = match_organization(session, 'ГБУСО ВО "Ковровский КЦСОН №2"', region=REGION, authority_id=None)
    far = match_organization(session, 'ГБУСО ВО "Муромский дом-интернат"', region=REGION, authority_id=None)
    other_region = match_organization(
        session, 'ГБУСО "Ковровский КЦСОН"', region="Тульская область", authority_id=None
    )
    assert first.status == "new" and first.organization.confirmed
    assert same.status == "existing" and same.organization.id == first.organization.id
    assert close.status == "flagged" and 85 <= close.score < 95
    assert close.organization.confirmed is False and close.organization.similar_to_id == first.organization.id
    assert far.status == "new" and far.organization.id != first.organization.id
    assert other_region.status == "new"


@pytest.mark.parametrize(
    ("known", "new"),
    [
        (
            "ГБУСО «Сосновоборский социально-реабилитационный центр для несовершеннолетних»",
            "ГБУСО «Сосновогорский социально-реабилитационный центр для несовершеннолетних»",
        ),
        (
            "ГКУСО «Каменногорский социально-реабилитационный центр для несовершеннолетних»",
            "ГКУСО «Лесогорский социально-реабилитационный центр для несовершеннолетних»",
        ),
    ],
)
def test_names_differing_in_one_word_are_flagged_never_merged(session: Session, known: str, new: str) -> None:
    first = match_organization(session, known, region=REGION, authority_id=None)
    second = match_organization(session, new, region=REGION, authority_id=None)
    assert second.organization.id != first.organization.id
    assert second.status == "flagged" and second.organization.similar_to_id == first.organization.id


def test_a_name_with_a_word_dropped_is_the_same_institution(session: Session) -> None:
    first = match_organization(
        session,
        "ГБУСО ВО «Ковровский дом-интернат для престарелых и инвалидов»",
        region=REGION,
        authority_id=None,
    )
    shorter = match_organization(
        session, "Ковровский дом-интернат для престарелых и инвалидов", region=REGION, authority_id=None
    )
    assert shorter.status == "existing" and shorter.organization.id == first.organization.id


def test_flagged_organization_confirmed_or_merged(session: Session, blob_dir) -> None:  # type: ignore[no-untyped-def]
    known = order_extraction(
        kind="rating", number="1", ratings=(rating('ГБУСО ВО "Ковровский КЦСОН"', 92.5),)
    )
    ingest_file(session, unique_bytes(), "r1.pdf", extraction=known, blob_dir=blob_dir)
    extraction = order_extraction(
        kind="rating", number="2", ratings=(rating('ГБУСО ВО "Ковровский КЦСОН №2"', 90.0, "home"),)
    )
    result = ingest_file(session, unique_bytes(), "r2.pdf", extraction=extraction, blob_dir=blob_dir)
    assert result.flagged_organizations == ['ГБУСО ВО "Ковровский КЦСОН №2"']
    flagged = session.exec(select(Organization).where(Organization.confirmed == False)).one()  # noqa: E712
    target_id = flagged.similar_to_id
    merge_organization(session, None, flagged.id, target_id)
    session.commit()
    organizations = session.exec(select(Organization)).all()
    assert [o.id for o in organizations] == [target_id]
    assert organizations[0].service_forms == ["home", "stationary"]
    assert {r.organization_id for r in session.exec(select(Rating))} == {target_id}
    assert len(session.exec(select(OrganizationAlias)).all()) == 2
    other = match_organization(session, 'ГБУСО ВО "Ковровский КЦСОН №3"', region=None, authority_id=None)
    confirmed = confirm_organization(session, None, other.organization.id)
    assert confirmed.confirmed and confirmed.similar_to_id is None


def test_alike_names_in_one_table_are_two_institutions_not_flagged(session: Session, blob_dir) -> None:  # type: ignore[no-untyped-def]
    """A table lists each institution once per form: № 1 and № 2 in it are two institutions, and
    the same name in another form's section is the same one."""
    extraction = order_extraction(
        kind="rating",
        ratings=(
            rating('ГБУСО ВО "Ковровский КЦСОН"', 92.5),
            rating('ГБУСО ВО "Ковровский КЦСОН №2"', 90.0),
            rating("ГБУСО ВО «Ковровский КЦСОН»", 91.0, "home"),
        ),
    )
    result = ingest_file(session, unique_bytes(), "r.pdf", extraction=extraction, blob_dir=blob_dir)
    assert result.status == "new" and result.flagged_organizations == []
    organizations = session.exec(select(Organization).order_by(Organization.id)).all()
    assert [(o.name, o.service_forms) for o in organizations] == [
        ('ГБУСО ВО "Ковровский КЦСОН"', ["home", "stationary"]),
        ('ГБУСО ВО "Ковровский КЦСОН №2"', ["stationary"]),
    ]
