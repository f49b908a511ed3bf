"""The council checks the operator's arithmetic: ratings recomputed from the operator's raw figures.

Every year the operator (организация-оператор) brings the public council its results; the council
approves the ratings nok stores. Here the operator's raw figures (an XLSX, one row per
institution, see `assessment.raw`) are put through the single method of приказ № 344н
(`assessment.method`) and beside the published ratings of the year (`assessment.compare`):

- `verify(session, data, year=)` reads and compares, storing nothing (`nok ratings verify`);
- `store_operator_data(engine, data, filename, user=, year=)` keeps the file in the document
  store like any other document (kind `operator_data`: the original byte for byte, versions,
  audit; the ingest pipeline takes an XLSX for this kind only) and stores the check with the
  version it was made from (`RatingCheck`), so the page shows it again later;
- `recheck(engine, document_id, user=, year=)` checks a stored file again, e.g. after the
  ratings were corrected.

Institutions are found by name as the ratings were (`OrganizationMatcher.find`, which records
nothing), then by service form when the institution is rated in several.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from assessment.compare import Check, StoredLookup, StoredRating, check
from assessment.raw import RawTable, UnreadableRawFigures, read_raw_figures
from db.models import CRITERIA, Document, DocumentVersion, RatingCheck, User
from db.queries.ratings import RatingRow, rating_rows
from docstore import audit, blobs
from docstore.errors import DocstoreError, NotFound
from docstore.ingest import IngestResult, ingest_file, safe_filename
from docstore.organizations import OrganizationMatcher
from docstore.roles import OPERATOR_DATA, VERIFY_RATINGS, require, require_on_document
from extract.records import DocumentHeader, Extraction, Period, Source

_KEYS = dict(zip(("K1", "K2", "K3", "K4", "K5"), CRITERIA, strict=True))
"""The method's criteria and the columns of `Rating` that hold them."""


@dataclass(frozen=True)
class OperatorDataResult:
    """What storing the operator's file gave: the ingest outcome, and the check made."""

    ingest: IngestResult
    check: Check | None = None
    check_id: int | None = None


def stored_lookup(session: Session, year: int) -> StoredLookup:
    """A lookup of the published rating of `year` of an institution named as the operator names it."""
    by_organization: dict[int, list[RatingRow]] = defaultdict(list)
    for row in rating_rows(session, year=year):
        by_organization[row.organization_id].append(row)
    matcher = OrganizationMatcher(session, region=None, authority_id=None)

    def lookup(name: str, service_form: str | None) -> StoredRating | None:
        organization_id = matcher.find(name) if name else None
        rows = by_organization.get(organization_id, []) if organization_id is not None else []
        if service_form is not None and len(rows) > 1:
            rows = [r for r in rows if r.service_form == service_form] or [
                r for r in rows if r.service_form is None
            ]
        return _stored(rows[0]) if len(rows) == 1 else None

    return lookup


def _stored(row: RatingRow) -> StoredRating:
    scores = {key: _decimal(getattr(row, column)) for key, column in _KEYS.items()}
    return StoredRating(
        institution=row.organization_name,
        service_form=row.service_form,
        scores={**scores, "total": _decimal(row.total)},
        document_id=row.document_id,
        organization_id=row.organization_id,
    )


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def verify(session: Session, data: bytes, *, year: int | None = None) -> Check:
    """The operator's file computed and, with `year`, beside the published ratings of that year.
    Raises `UnreadableRawFigures` for a file that is no operator's table."""
    table = read_raw_figures(data)
    return check(table, year=year, stored_for=stored_lookup(session, year) if year is not None else None)


def store_operator_data(
    engine: Engine,
    data: bytes,
    filename: str | bytes,
    *,
    user: User | None,
    year: int,
    blob_dir: Path | None = None,
) -> OperatorDataResult:
    """Keep the operator's raw figures as a document and store their check against the ratings of
    `year` (see the module docstring). A file stored before is checked again on its version.
    Never raises `DocstoreError`: a refusal is a failed `IngestResult` with the Russian reason."""
    name = safe_filename(filename)
    try:
        table = read_raw_figures(data)
    except UnreadableRawFigures as error:
        return OperatorDataResult(IngestResult("failed", name, f"Файл не прочитан: {error.reason}"))
    try:
        with Session(engine) as session:
            require(session, user, VERIFY_RATINGS)
            result = check(table, year=year, stored_for=stored_lookup(session, year))
    except DocstoreError as error:
        return OperatorDataResult(IngestResult("failed", name, error.message))
    stored: list[int] = []

    def record(session: Session, ingest: IngestResult) -> None:
        assert ingest.document_id is not None and ingest.version_id is not None
        stored.append(_record(session, ingest.document_id, ingest.version_id, result, user))

    ingest = ingest_file(
        engine,
        data,
        name,
        user=user,
        extraction=operator_extraction(data, name, table, year),
        blob_dir=blob_dir,
        on_write=record,
        comment=f"Проверка расчёта рейтинга за {year} год",
    )
    if ingest.status == "duplicate" and ingest.document_id is not None and ingest.version_id is not None:
        with Session(engine) as session:
            document = session.get(Document, ingest.document_id)
            if document is None or document.kind != OPERATOR_DATA:
                return OperatorDataResult(ingest)
            stored.append(_record(session, ingest.document_id, ingest.version_id, result, user))
            session.commit()
    if not stored:
        return OperatorDataResult(ingest)
    return OperatorDataResult(ingest, result, stored[0])


def recheck(
    engine: Engine, document_id: int, *, user: User | None, year: int, blob_dir: Path | None = None
) -> OperatorDataResult:
    """Check the newest version of a stored operator's file again against the ratings of `year`."""
    with Session(engine) as session:
        try:
            document = require_on_document(session, user, VERIFY_RATINGS, document_id)
            if document.kind != OPERATOR_DATA:
                raise NotFound(f"Документ № {document_id} — не исходные данные оператора.")
            version = session.exec(
                select(DocumentVersion)
                .where(DocumentVersion.document_id == document_id)
                .order_by(col(DocumentVersion.version_no).desc())
            ).first()
            if version is None or version.id is None:
                raise NotFound(f"У документа № {document_id} нет версий.")
            result = verify(session, blobs.read(version.sha256, blob_dir), year=year)
        except DocstoreError as error:
            return OperatorDataResult(IngestResult("failed", str(document_id), error.message))
        except UnreadableRawFigures as error:
            return OperatorDataResult(
                IngestResult("failed", str(document_id), f"Файл не прочитан: {error.reason}")
            )
        check_id = _record(session, document_id, version.id, result, user)
        session.commit()
        ingest = IngestResult(
            "reextracted",
            version.filename,
            f"Файл проверен заново по рейтингу за {year} год.",
            document_id=document_id,
            version_id=version.id,
            version_no=version.version_no,
            sha256=version.sha256,
        )
    return OperatorDataResult(ingest, result, check_id)


def operator_extraction(data: bytes, name: str, table: RawTable, year: int) -> Extraction:
    """The operator's file as the document store describes it: kind `operator_data`, the year,
    and the institutions' names as its text (so search finds it by them)."""
    title = f"Исходные данные организации-оператора для расчёта рейтинга за {year} год"
    header = DocumentHeader(
        kind=OPERATOR_DATA, title=title, period=Period(dt.date(year, 1, 1), dt.date(year, 12, 31))
    )
    source = Source(filename=name, sha256=blobs.sha256_of(data), format="xlsx", pages=None, ocr=False)
    text = "\n".join([title, *(row.institution for row in table.rows if row.institution)])
    return Extraction(source=source, document=header, text=text)


def _record(session: Session, document_id: int, version_id: int, result: Check, user: User | None) -> int:
    """One `RatingCheck` row and its audit entry, in the caller's transaction."""
    row = RatingCheck(
        document_id=document_id,
        version_id=version_id,
        year=result.year,
        institutions=len(result.institutions),
        matching=result.count("matches"),
        differing=result.count("differs", "unmatched"),
        invalid=result.count("invalid"),
        result=result.to_json(),
        checked_by_id=user.id if user is not None else None,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        action="rating_check",
        user=user,
        document_id=document_id,
        version_id=version_id,
        details={
            "year": result.year,
            "institutions": row.institutions,
            "matching": row.matching,
            "differing": row.differing,
            "invalid": row.invalid,
        },
    )
    session.flush()
    assert row.id is not None
    return row.id


__all__ = [
    "OperatorDataResult",
    "operator_extraction",
    "recheck",
    "store_operator_data",
    "stored_lookup",
    "verify",
]
