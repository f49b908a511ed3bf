"""The council's checks of operators' raw figures, newest first, for «Рейтинги»."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from db.models import DocumentVersion, RatingCheck, User


@dataclass(frozen=True)
class RatingCheckRow:
    id: int
    document_id: int
    version_no: int
    filename: str
    year: int | None
    institutions: int
    matching: int
    differing: int
    invalid: int
    checked_at: dt.datetime
    checked_by: str | None
    """The full name (or login) of who checked; None for the system."""


def rating_checks(session: Session, *, limit: int = 50) -> list[RatingCheckRow]:
    """The latest checks with the file each was made from."""
    statement = (
        select(RatingCheck, DocumentVersion.version_no, DocumentVersion.filename, User.full_name, User.login)
        .join(DocumentVersion, col(DocumentVersion.id) == RatingCheck.version_id)
        .outerjoin(User, col(User.id) == RatingCheck.checked_by_id)
        .order_by(col(RatingCheck.checked_at).desc(), col(RatingCheck.id).desc())
        .limit(limit)
    )
    rows = []
    for check, version_no, filename, full_name, login in session.exec(statement):
        assert check.id is not None
        rows.append(
            RatingCheckRow(
                id=check.id,
                document_id=check.document_id,
                version_no=version_no,
                filename=filename,
                year=check.year,
                institutions=check.institutions,
                matching=check.matching,
                differing=check.differing,
                invalid=check.invalid,
                checked_at=check.checked_at,
                checked_by=(full_name or login) if login else None,
            )
        )
    return rows


def rating_check_result(session: Session, check_id: int) -> dict[str, Any] | None:
    """The stored result (`assessment.compare.Check.to_json()`) of one check."""
    check = session.get(RatingCheck, check_id)
    return None if check is None else dict(check.result)


def latest_check_result(session: Session, year: int) -> tuple[int, dict[str, Any]] | None:
    """(id, result) of the newest check against the ratings of `year`, for an institution's card."""
    check = session.exec(
        select(RatingCheck)
        .where(RatingCheck.year == year)
        .order_by(col(RatingCheck.checked_at).desc(), col(RatingCheck.id).desc())
    ).first()
    return None if check is None or check.id is None else (check.id, dict(check.result))
