"""The ingest pipeline: a file in, an original kept, its records in the database, searchable.

Named steps, as in Paperless-ngx's consumer, each reported to the progress callback:

1. check    – sanitise the display name, hash the bytes, refuse what is already stored
              (a duplicate) and what the user may not upload;
2. extract  – `extract` reads the file (or the UI passes an edited `Extraction` instead);
3. match    – is it a copy of a stored act (same kind, authority, number, date)? Then it becomes
              a new version of that document, not a new one (`docstore.copies`);
4. write    – in ONE transaction: document (new, or the next version of `document_id` or of the
              matched original), version, metadata (with the users' corrections on top),
              organizations matched, records replaced (a copy replaces them only when it reads
              better), control points scheduled, audit event, search index row;
5. store    – the original goes into the blob store (atomic, idempotent, fsynced) before the
              commit, so a committed version always has its blob: a process killed here leaves
              at most a blob that no version names yet, whose bytes wait in their ingest job
              (`nok check` tells it from a stray blob), never a version without its original;
6. commit   – a failure at any point before rolls everything back: nothing half-written.

Every outcome is an `IngestResult` (status new / new_version / duplicate / failed, with a
Russian message): `ingest_file` never raises a `DocstoreError` at the user. Two concurrent
ingests of the same bytes store one version (unique sha256; the loser reports a duplicate)
and one blob (content-addressed, atomic rename). On SQLite the write transaction starts with
BEGIN IMMEDIATE so concurrent writers queue instead of failing on a stale snapshot.

The queue (`docstore.jobs`) runs these same steps in a worker: check + extract (+ match) for a
file a person will review, then the rest on confirmation; or all of them for `nok ingest` and
the watched folder. There is no other ingest path.

The pipeline owns its transactions, so it takes the engine (a `Session` is accepted and only
its engine is used): call it outside any open transaction of your own.
"""

from __future__ import annotations

import dataclasses
import io
import os
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sqlalchemy import Engine, func
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, select

from db.models import Document, DocumentVersion
from docstore import audit, blobs, copies
from docstore.actors import Actor
from docstore.confidence import OcrCheck, machine_check
from docstore.control import schedule_control_points
from docstore.errors import DocstoreError, Forbidden, IngestFailed, NotFound
from docstore.metadata import apply_extraction
from docstore.records import RecordCounts, write_records
from docstore.roles import (
    OPERATOR_DATA,
    Scope,
    edit_permission,
    has_permission,
    require,
    require_on_document,
    upload_permission,
    user_authorities,
)
from docstore.search import index_document
from extract.errors import UnreadableDocument
from extract.records import Extraction, Source

IngestStatus = Literal["new", "new_version", "reextracted", "duplicate", "failed"]
_AUDIT_ACTIONS = {"new": "upload", "new_version": "new_version", "reextracted": "reextract"}
Match = Literal["auto", "new"] | int
"""How a file without `document_id` finds its document: `auto` a stored act it is a copy of
(else a new document), `new` always a new document, an id: a copy of that document."""
WriteHook = Callable[[Session, "IngestResult"], None]
STEPS = ("check", "extract", "match", "write", "store", "commit", "done")
STEP_TITLES_RU = {
    "check": "проверка",
    "extract": "извлечение",
    "match": "поиск копий",
    "write": "запись",
    "store": "сохранение оригинала",
    "commit": "фиксация",
    "done": "готово",
}
MIME_BY_FORMAT = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
SUPPORTED_SUFFIXES = (".docx", ".pdf")
MAX_NAME_BYTES = 255
_WRITE_ATTEMPTS = 3


@dataclass(frozen=True)
class ProgressEvent:
    filename: str
    step: str
    index: int = 0
    """0-based position of the file in a batch (0 for a single file)."""
    total: int = 1


ProgressCallback = Callable[[ProgressEvent], None]


@dataclass(frozen=True)
class IngestResult:
    status: IngestStatus
    filename: str
    """The sanitised display name."""
    message: str
    """One Russian line for the user."""
    document_id: int | None = None
    version_id: int | None = None
    version_no: int | None = None
    sha256: str | None = None
    counts: RecordCounts | None = None
    copy: bool = False
    """Stored as a copy of an act already stored (a new version of its document)."""

    @property
    def flagged_organizations(self) -> list[str]:
        return list(self.counts.flagged_organizations) if self.counts else []


@dataclass
class IngestSummary:
    results: list[IngestResult] = field(default_factory=list)

    def with_status(self, *statuses: IngestStatus) -> list[IngestResult]:
        return [r for r in self.results if r.status in statuses]

    @property
    def new(self) -> list[IngestResult]:
        return self.with_status("new", "new_version")

    @property
    def duplicate(self) -> list[IngestResult]:
        return self.with_status("duplicate")

    @property
    def failed(self) -> list[IngestResult]:
        return self.with_status("failed")


def ingest_file(
    target: Engine | Session,
    data: bytes,
    filename: str | bytes,
    *,
    user: Actor = None,
    document_id: int | None = None,
    extraction: Extraction | None = None,
    improvement_criteria: tuple[str | None, ...] = (),
    comment: str | None = None,
    blob_dir: Path | None = None,
    progress: ProgressCallback | None = None,
    match: Match = "auto",
    reviewed: bool = False,
    ocr_check: OcrCheck | None = None,
    on_write: WriteHook | None = None,
) -> IngestResult:
    """Take in one file: a new document, a new version of `document_id` (a new edition: its
    records replace the document's), or a copy of a stored act (see `match`).

    `user` None is the system (CLI) acting as admin. `extraction` lets a page pass the
    extraction the user reviewed and corrected (its `source` is re-derived from `data`), with
    the `improvement_criteria` that `preview` gave (one per improvement item); `reviewed` says a
    person checked it, and `ocr_check` what the person saw and changed of its OCR-read fields
    (without it the version records them as unchecked). `on_write(session, result)` runs inside
    the write transaction just before its commit (the queue records the job's outcome atomically
    with the document).
    Returns an `IngestResult`; never raises `DocstoreError` or `UnreadableDocument`.
    """
    engine, name, sha256, step = _start(target, data, filename, progress)
    kind = extraction.document.kind if extraction is not None else None
    try:
        step("check")
        duplicate = _check(engine, data, name, sha256, user, document_id, blob_dir, kind)
        if duplicate is not None:
            return duplicate
        step("extract")
        extraction, criteria = _extract(data, name, sha256, extraction)
        criteria = criteria or improvement_criteria
        step("match")
        step("write")
        request = _WriteRequest(
            data,
            name,
            sha256,
            user,
            document_id,
            extraction,
            criteria,
            comment,
            match,
            reviewed,
            ocr_check or machine_check(extraction),
            on_write,
            blob_dir,
            lambda: step("store"),
        )
        result = _write_with_retry(engine, request)
        if result.status == "duplicate":
            return result
        step("commit")
        step("done")
        return result
    except UnreadableDocument as error:
        return _failed(name, sha256, f"Файл не прочитан: {error.reason}")
    except DocstoreError as error:
        return _failed(name, sha256, error.message)


def ingest_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    engine: Engine | None = None,
    user: Actor = None,
    blob_dir: Path | None = None,
    progress: ProgressCallback | None = None,
) -> IngestSummary:
    """Ingest files and folders (recursively: every .docx and .pdf); idempotent, since files
    already stored come back as duplicates. A file that fails does not stop the others."""
    from db.engine import get_engine

    engine = engine or get_engine()
    files = list(collect_files(paths))
    summary = IngestSummary()
    for index, path in enumerate(files):

        def relay(event: ProgressEvent, index: int = index) -> None:
            if progress is not None:
                progress(dataclasses.replace(event, index=index, total=len(files)))

        display = os.fsdecode(path)
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            summary.results.append(
                _failed(safe_filename(display), None, f"Файл не читается ({error.strerror})")
            )
            continue
        try:
            result = ingest_file(
                engine,
                data,
                os.fsencode(path).rsplit(b"/", 1)[-1],
                user=user,
                blob_dir=blob_dir,
                progress=relay,
            )
        except Exception as error:  # the batch goes on; the reason is reported, no traceback
            result = _failed(safe_filename(display), None, f"Внутренняя ошибка ({type(error).__name__})")
        summary.results.append(result)
    return summary


def collect_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """The files named, and the .docx/.pdf files under the folders named, in a stable order.
    A path that does not exist is yielded as is, so it is reported as failed."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield child
        else:
            yield path


def safe_filename(name: str | bytes) -> str:
    """The display name to store: basename only, no control characters, undecodable bytes
    replaced, at most 255 bytes of UTF-8 (the extension kept). Never used for a path."""
    if isinstance(name, bytes):
        text = name.decode("utf-8", errors="replace")
    else:  # a str from os.fsdecode may carry surrogate escapes of non-UTF-8 bytes
        text = name.encode("utf-8", errors="surrogateescape").decode("utf-8", errors="replace")
    text = re.split(r"[/\\]", text)[-1]
    text = "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf", "Cs"))
    text = " ".join(text.split()).strip(". ")
    if not text:
        text = "документ"
    if len(text.encode("utf-8")) > MAX_NAME_BYTES:
        stem, dot, suffix = text.rpartition(".")
        suffix = f".{suffix}" if dot and len(suffix.encode("utf-8")) <= 16 else ""
        stem = stem if suffix else text
        budget = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
        stem = stem.encode("utf-8")[:budget].decode("utf-8", errors="ignore")
        text = stem + suffix
    return text


# --- the steps ---------------------------------------------------------------------------------


def _start(
    target: Engine | Session, data: bytes, filename: str | bytes, progress: ProgressCallback | None
) -> tuple[Engine, str, str, Callable[[str], None]]:
    """(engine, display name, sha256, the step reporter) of one file going in."""
    engine = target.get_bind() if isinstance(target, Session) else target
    name = safe_filename(filename)

    def step(name_of_step: str) -> None:
        if progress is not None:
            progress(ProgressEvent(filename=name, step=name_of_step))

    return engine, name, blobs.sha256_of(data), step


def _check(
    engine: Engine,
    data: bytes,
    name: str,
    sha256: str,
    user: Actor,
    document_id: int | None,
    blob_dir: Path | None,
    kind: str | None = None,
) -> IngestResult | None:
    """A duplicate result, or None to go on; raises `Forbidden`, `NotFound`, `IngestFailed`.
    `kind` is that of an extraction the caller gives (None: `extract` will read the file)."""
    if not data:
        raise IngestFailed("Файл пуст.")
    _check_spreadsheet(data, kind)
    with Session(engine) as session:
        existing = session.exec(select(DocumentVersion).where(DocumentVersion.sha256 == sha256)).first()
        if existing is not None:
            # repair a blob lost after its commit (disk full, crash): re-uploading stores it
            if not blobs.exists(sha256, blob_dir):
                blobs.write(data, blob_dir)
            return _duplicate(name, existing)
        if document_id is not None:
            document = require_on_document(session, user, edit_permission(kind), document_id)
            if (document.kind == OPERATOR_DATA) != (kind == OPERATOR_DATA):
                raise IngestFailed(
                    "Исходные данные оператора и документы других видов не бывают версиями друг друга."
                )
        else:
            _owner_authority(session, user, kind)
    return None


def _check_spreadsheet(data: bytes, kind: str | None) -> None:
    """An XLSX is taken only as the operator's raw figures (`docstore.rating_check` reads and
    describes it), and those only as an XLSX: no other kind is ever stored without extraction."""
    spreadsheet = is_xlsx(data)
    if spreadsheet and kind != OPERATOR_DATA:
        raise IngestFailed(
            "Таблица XLSX принимается только как исходные данные организации-оператора: загрузите её "
            "на странице «Рейтинги», в разделе проверки расчёта."
        )
    if kind == OPERATOR_DATA and not spreadsheet:
        raise IngestFailed("Исходные данные оператора принимаются только в формате XLSX.")


def is_xlsx(data: bytes) -> bool:
    """Whether the bytes are an Excel workbook (a ZIP package with xl/workbook.xml)."""
    if not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


@dataclass(frozen=True)
class Preview:
    """What the staff page shows before saving: the extraction, and the assessment criterion of
    each improvement item (not in the contract; pass it back to `ingest_file`)."""

    extraction: Extraction
    improvement_criteria: tuple[str | None, ...]


@dataclass(frozen=True)
class Analysis:
    """The first half of the pipeline (check, extract, match) for a file a person will review:
    either `result` (a duplicate, or failed with the reason) or `preview` with the stored
    document it is a copy of (`match`)."""

    result: IngestResult | None = None
    preview: Preview | None = None
    match: copies.CopyMatch | None = None


def analyse(
    target: Engine | Session,
    data: bytes,
    filename: str | bytes,
    *,
    user: Actor = None,
    blob_dir: Path | None = None,
    progress: ProgressCallback | None = None,
) -> Analysis:
    """Steps check, extract and match of `ingest_file`, storing nothing (a worker runs them
    before a person reviews; confirming then runs `ingest_file` with the reviewed extraction)."""
    engine, name, sha256, step = _start(target, data, filename, progress)
    try:
        step("check")
        duplicate = _check(engine, data, name, sha256, user, None, blob_dir)
        if duplicate is not None:
            return Analysis(result=duplicate)
        step("extract")
        extraction, criteria = _extract(data, name, sha256, None)
        step("match")
        with Session(engine) as session:
            match = copies.match_for(session, extraction, user)
        return Analysis(preview=Preview(extraction, criteria), match=match)
    except UnreadableDocument as error:
        return Analysis(result=_failed(name, sha256, f"Файл не прочитан: {error.reason}"))
    except DocstoreError as error:
        return Analysis(result=_failed(name, sha256, error.message))


def preview(data: bytes, filename: str | bytes) -> Preview:
    """Read a file without storing anything; raises `IngestFailed` (Russian reason) if unreadable."""
    name = safe_filename(filename)
    try:
        extraction, criteria = _extract(data, name, blobs.sha256_of(data), None)
    except UnreadableDocument as error:
        raise IngestFailed(f"Файл не прочитан: {error.reason}") from None
    return Preview(extraction, criteria)


def _extract(
    data: bytes, name: str, sha256: str, given: Extraction | None
) -> tuple[Extraction, tuple[str | None, ...]]:
    """The extraction and the criterion of each improvement item (not in the contract)."""
    if given is not None:
        source = dataclasses.replace(given.source, filename=name, sha256=sha256)
        return dataclasses.replace(given, source=source), ()
    from extract import extract_document

    try:
        from extract.readers import read_blocks
        from extract.recognize import recognize_explained
    except ImportError:  # the explained path is an extra; the contract's entry point suffices
        return extract_document(data, name), ()
    blocks = read_blocks(data, name)
    source = Source(
        filename=name,
        sha256=sha256,
        format="docx" if blocks.format == "docx" else "pdf",
        pages=blocks.pages,
        ocr=blocks.ocr,
    )
    recognition = recognize_explained(blocks, source)
    return recognition.extraction, tuple(recognition.improvement_criteria)


@dataclass(frozen=True)
class _WriteRequest:
    """What the write step stores: the file, who sends it, where it goes, what was read."""

    data: bytes
    name: str
    sha256: str
    user: Actor
    document_id: int | None
    extraction: Extraction
    criteria: tuple[str | None, ...]
    comment: str | None
    match: Match
    reviewed: bool
    ocr_check: OcrCheck | None
    on_write: WriteHook | None
    blob_dir: Path | None
    on_store: Callable[[], None]


def _write_with_retry(engine: Engine, request: _WriteRequest) -> IngestResult:
    """`_write` in its own transaction; a unique-key race with a concurrent ingest is retried,
    or reported as a duplicate when the other ingest stored these very bytes."""
    last_error: Exception | None = None
    sha256, name = request.sha256, request.name
    for _attempt in range(_WRITE_ATTEMPTS):
        with Session(engine, expire_on_commit=False) as session:
            try:
                _begin_write(session)
                result = _write(session, request)
                if result.status == "duplicate":
                    session.rollback()
                    return result
                if request.on_write is not None:
                    request.on_write(session, result)
                request.on_store()
                _store_original(request)
                session.commit()
                return result
            except (IntegrityError, OperationalError) as error:
                session.rollback()
                last_error = error
            except BaseException:
                session.rollback()
                raise
        with Session(engine) as session:
            existing = session.exec(select(DocumentVersion).where(DocumentVersion.sha256 == sha256)).first()
            if existing is not None:
                return _duplicate(name, existing)
    reason = str(getattr(last_error, "orig", last_error)).splitlines()[0][:200]
    raise IngestFailed(f"Записи документа не сохранены, ничего не изменено (ошибка базы данных: {reason}).")


def _store_original(request: _WriteRequest) -> None:
    """The blob, written before the commit of its version (see step 5 above)."""
    try:
        blobs.write(request.data, request.blob_dir)
    except OSError as error:
        raise IngestFailed(
            f"Оригинал не записан в хранилище ({error.strerror}); ничего не сохранено, "
            "загрузите файл ещё раз."
        ) from None


def _write(session: Session, request: _WriteRequest) -> IngestResult:
    data, name, sha256, user = request.data, request.name, request.sha256, request.user
    extraction, comment = request.extraction, request.comment
    existing = session.exec(select(DocumentVersion).where(DocumentVersion.sha256 == sha256)).first()
    if existing is not None:
        return _duplicate(name, existing)
    document_id, copy = request.document_id, False
    if document_id is None:
        original = _original(session, request)
        if original is not None:
            document_id, copy = original, True
    if document_id is None:
        document = Document(
            created_by_id=user.id if user else None,
            authority_id=_owner_authority(session, user, extraction.document.kind),
            state="draft",
        )
        session.add(document)
        session.flush()
        version_no = 1
    else:
        found = session.get(Document, document_id)
        if found is None:
            raise NotFound(f"Документ № {document_id} не найден.")
        document = found
        last = session.exec(
            select(func.max(DocumentVersion.version_no)).where(DocumentVersion.document_id == document_id)
        ).one()
        version_no = int(last or 0) + 1
    assert document.id is not None
    source = extraction.source
    version = DocumentVersion(
        document_id=document.id,
        version_no=version_no,
        filename=name,
        sha256=sha256,
        size=len(data),
        mime=MIME_BY_FORMAT.get(source.format, "application/octet-stream"),
        format=source.format,
        pages=source.pages,
        ocr=source.ocr,
        extraction=extraction.to_json(),
        text=extraction.text,
        uploaded_by_id=user.id if user else None,
        comment=comment,
        **reading_fields(extraction, request.ocr_check),
    )
    session.add(version)
    session.flush()
    status: IngestStatus = "new" if version_no == 1 else "new_version"
    if copy and not copies.takes_over_records(
        session, document, format=source.format, ocr=source.ocr, reviewed=request.reviewed
    ):
        return _store_copy(session, document, version, user, comment)
    # before the records are written: control points and the search row follow this version
    document.records_version_id = version.id
    document.records_reviewed = request.reviewed
    session.add(document)
    result = _apply(session, document, version, extraction, request.criteria, user, status, comment)
    if copy:
        head = f"Копия уже загруженного документа сохранена как версия {version.version_no}"
        counts_text = result.message.split(": ", 1)[-1]
        result = dataclasses.replace(result, message=f"{head}; записи взяты из неё: {counts_text}", copy=True)
    return result


def _original(session: Session, request: _WriteRequest) -> int | None:
    """The document the file is a copy of (per `request.match`), or None for a new one."""
    if request.match == "new":
        return None
    if request.match == "auto":
        found = copies.find_original(session, request.extraction.document, request.user)
        return found.id if found is not None else None
    require_on_document(
        session, request.user, edit_permission(request.extraction.document.kind), request.match
    )
    return request.match


def _store_copy(
    session: Session,
    document: Document,
    version: DocumentVersion,
    user: Actor,
    comment: str | None,
) -> IngestResult:
    """A copy that does not read better than the one the records come from: a version, an audit
    entry and the search row; metadata, records and control points stay as they are."""
    assert document.id is not None
    source = copies.records_version(session, document)
    audit.record(
        session,
        action="new_version",
        user=user,
        document_id=document.id,
        version_id=version.id,
        details={
            "filename": version.filename,
            "sha256": version.sha256,
            "version_no": version.version_no,
            "copy": True,
            "records_from": source.version_no if source is not None and source.id != version.id else None,
            "comment": comment,
        },
    )
    session.flush()
    index_document(session, document.id)
    records_from = f" (записи документа остаются из версии {source.version_no})" if source else ""
    return IngestResult(
        status="new_version",
        filename=version.filename,
        message=f"Копия уже загруженного документа сохранена как версия {version.version_no}{records_from}.",
        document_id=document.id,
        version_id=version.id,
        version_no=version.version_no,
        sha256=version.sha256,
        counts=RecordCounts(),
        copy=True,
    )


def _apply(
    session: Session,
    document: Document,
    version: DocumentVersion,
    extraction: Extraction,
    criteria: tuple[str | None, ...],
    user: Actor,
    status: IngestStatus,
    comment: str | None,
) -> IngestResult:
    """Metadata, records, control points, audit and search row of one stored version."""
    assert document.id is not None
    apply_extraction(session, document, extraction.document)
    session.flush()
    counts = write_records(session, document, version, extraction, improvement_criteria=criteria)
    scheduled = schedule_control_points(session, document.id, user)
    audit.record(
        session,
        action=_AUDIT_ACTIONS[status],
        user=user,
        document_id=document.id,
        version_id=version.id,
        details={
            "filename": version.filename,
            "sha256": version.sha256,
            "version_no": version.version_no,
            "records": {
                "indicators": counts.indicators,
                "plan_items": counts.plan_items,
                "ratings": counts.ratings,
                "improvement_items": counts.improvement_items,
                "control_points": scheduled,
            },
            "flagged_organizations": counts.flagged_organizations,
            "comment": comment,
        },
    )
    session.flush()
    index_document(session, document.id)
    return IngestResult(
        status=status,
        filename=version.filename,
        message=_success_message(status, version.version_no, counts),
        document_id=document.id,
        version_id=version.id,
        version_no=version.version_no,
        sha256=version.sha256,
        counts=counts,
    )


def reextract_document(
    target: Engine | Session,
    document_id: int,
    *,
    user: Actor = None,
    blob_dir: Path | None = None,
) -> IngestResult:
    """Read the version the document's records come from again from the blob store (e.g. after
    the extractor improved) and rewrite its metadata and records; users' corrections stay on top.
    The version's OCR counts become those of a machine reading (nobody checked the new one)."""
    engine = target.get_bind() if isinstance(target, Session) else target
    try:
        with Session(engine, expire_on_commit=False) as session:
            document = require_on_document(session, user, edit_permission(None), document_id)
            if document.kind == OPERATOR_DATA:
                raise IngestFailed(
                    "Исходные данные оператора не распознаются: их проверку повторяют на странице «Рейтинги»."
                )
            version = copies.records_version(session, document)
            if version is None:
                raise NotFound(f"У документа № {document_id} нет версий.")
            data = blobs.read(version.sha256, blob_dir)
            extraction, criteria = _extract(data, version.filename, version.sha256, None)
            _begin_write(session)
            document = session.get(Document, document_id)
            assert document is not None
            version.extraction = extraction.to_json()
            version.text = extraction.text
            for name, value in reading_fields(extraction, machine_check(extraction)).items():
                setattr(version, name, value)
            session.add(version)
            result = _apply(session, document, version, extraction, criteria, user, "reextracted", None)
            session.commit()
            return result
    except UnreadableDocument as error:
        return _failed(str(document_id), None, f"Файл не прочитан: {error.reason}")
    except DocstoreError as error:
        return _failed(str(document_id), None, error.message)


def reading_fields(extraction: Extraction, check: OcrCheck | None) -> dict[str, bool | int | None]:
    """The columns of a version that say how it was read: seal and signature of a scanned copy
    (None for a typed file) and its OCR-read fields with what a person did with them."""
    signed = extraction.source.signed if extraction.source.ocr else None
    return {
        "seal": signed.seal if signed is not None else None,
        "signature": signed.signature if signed is not None else None,
        "ocr_fields": check.fields if check is not None else None,
        "ocr_fields_doubtful": check.doubtful if check is not None else None,
        "ocr_fields_checked": check.checked if check is not None else None,
        "ocr_fields_corrected": check.corrected if check is not None else None,
    }


def _begin_write(session: Session) -> None:
    """On SQLite take the write lock first (waits on busy_timeout instead of failing later)."""
    if session.get_bind().dialect.name == "sqlite":
        session.connection().exec_driver_sql("BEGIN IMMEDIATE")


def _owner_authority(session: Session, user: Actor, kind: str | None = None) -> int | None:
    """The authority a new upload of `kind` belongs to: the uploading staff member's (the first,
    if several); None for global uploaders (admin, system, the council), whose documents take
    the authority named in them. Raises `Forbidden` if the user may not upload it at all."""
    permission = upload_permission(kind)
    if user is None or has_permission(session, user, permission):
        return None
    authorities = sorted(user_authorities(session, user, ("staff", "admin", "council")))
    for authority_id in authorities:
        if has_permission(session, user, permission, Scope(authority_id=authority_id)):
            return authority_id
    require(session, user, permission)  # raises Forbidden with the message
    raise Forbidden("Недостаточно прав для загрузки.")  # pragma: no cover (require raised)


def _duplicate(name: str, existing: DocumentVersion) -> IngestResult:
    return IngestResult(
        status="duplicate",
        filename=name,
        message=(
            f"Такой файл уже загружен: документ № {existing.document_id}, версия {existing.version_no} "
            f"(«{existing.filename}»)."
        ),
        document_id=existing.document_id,
        version_id=existing.id,
        version_no=existing.version_no,
        sha256=existing.sha256,
    )


def _failed(name: str, sha256: str | None, message: str) -> IngestResult:
    return IngestResult(status="failed", filename=name, message=message, sha256=sha256)


def _success_message(status: IngestStatus, version_no: int, counts: RecordCounts) -> str:
    head = {"new": "Документ загружен", "reextracted": f"Версия {version_no} прочитана заново"}.get(
        status, f"Загружена версия {version_no}"
    )
    parts = [
        f"мероприятий плана {counts.plan_items}",
        f"показателей {counts.indicators}",
        f"строк рейтинга {counts.ratings}",
        f"мер по устранению недостатков {counts.improvement_items}",
    ]
    message = f"{head}: " + ", ".join(parts) + "."
    if counts.flagged_organizations:
        message += " Требуют подтверждения учреждения: " + "; ".join(counts.flagged_organizations) + "."
    return message


__all__ = [
    "STEPS",
    "Analysis",
    "IngestResult",
    "IngestSummary",
    "Preview",
    "ProgressEvent",
    "analyse",
    "collect_files",
    "ingest_file",
    "ingest_paths",
    "is_xlsx",
    "preview",
    "reextract_document",
    "safe_filename",
]
