"""The upload list of the «Документы» page: ingest jobs with their state, newest first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, col, select

from db.models import IngestJob


@dataclass(frozen=True)
class JobRow:
    id: int
    filename: str
    state: str
    message: str | None
    outcome: str | None
    document_id: int | None
    created_at: dt.datetime
    updated_at: dt.datetime


def upload_jobs(session: Session, *, user_id: int | None, limit: int = 100) -> list[JobRow]:
    """Files uploaded on the page by `user_id` (None: by anyone) and not cleared from the list,
    newest first (the file's bytes are not read)."""
    statement = select(
        IngestJob.id,
        IngestJob.filename,
        IngestJob.state,
        IngestJob.message,
        IngestJob.outcome,
        IngestJob.document_id,
        IngestJob.created_at,
        IngestJob.updated_at,
    ).where(IngestJob.source == "upload", col(IngestJob.hidden).is_(False))
    if user_id is not None:
        statement = statement.where(IngestJob.user_id == user_id)
    statement = statement.order_by(col(IngestJob.id).desc()).limit(limit)
    return [JobRow(*row) for row in session.exec(statement)]
