"""The domain tables of nok, in one place (SQLModel).

Vocabulary: НОК is the independent assessment of the quality of service conditions; an
authority (министерство, департамент) runs it in its region; organizations (учреждения)
are rated by five criteria; plans and improvement plans carry items with deadlines, and
each due date becomes a control point (контрольная точка) that a supervisor closes.
Field names follow the extraction contract (docs/contract/EXTRACTION.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, Index, LargeBinary, UniqueConstraint, text
from sqlmodel import Field, SQLModel

WORKFLOW_STATES = ("draft", "registered", "approved", "published", "archived")
ROLES = ("admin", "minister", "staff", "council", "supervisor")
SERVICE_FORMS = ("stationary", "semi_stationary", "home")
CRITERIA = ("openness", "comfort", "accessibility", "courtesy", "satisfaction")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def as_utc(value: dt.datetime | None) -> dt.datetime | None:
    """A datetime read back from the database, timezone-aware (SQLite gives naive ones: UTC)."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


class Authority(SQLModel, table=True):
    """A regional body that runs НОК: a ministry or department of a region."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=500)
    short_name: str | None = Field(default=None, max_length=200)
    region: str | None = Field(default=None, index=True, max_length=200)


class Organization(SQLModel, table=True):
    """An institution (учреждение) whose service conditions are assessed."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, max_length=500)
    short_name: str | None = Field(default=None, max_length=200)
    region: str | None = Field(default=None, index=True, max_length=200)
    authority_id: int | None = Field(default=None, foreign_key="authority.id", index=True)
    service_forms: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    confirmed: bool = True
    """False when created from a name close to an existing one: a person must confirm."""
    similar_to_id: int | None = Field(default=None, foreign_key="organization.id")


class OrganizationAlias(SQLModel, table=True):
    """A known spelling of an organization's name, used for fuzzy matching."""

    __table_args__ = (UniqueConstraint("organization_id", "normalized"),)

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    alias: str = Field(max_length=500)
    normalized: str = Field(index=True, max_length=500)


class User(SQLModel, table=True):
    __tablename__ = "app_user"

    id: int | None = Field(default=None, primary_key=True)
    login: str = Field(unique=True, max_length=100)
    full_name: str = Field(default="", max_length=300)
    password_hash: str | None = Field(default=None, max_length=300)
    email: str | None = Field(default=None, max_length=300)
    is_active: bool = True
    created_at: dt.datetime = Field(default_factory=utcnow)


class RoleAssignment(SQLModel, table=True):
    """A role given to a user, like Plone's local roles: global when both scopes are null,
    else limited to one authority's documents or to one organization."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    role: str = Field(max_length=30)
    authority_id: int | None = Field(default=None, foreign_key="authority.id")
    organization_id: int | None = Field(default=None, foreign_key="organization.id")


class Document(SQLModel, table=True):
    """A document (приказ, протокол, план, рейтинг ...) with its current metadata.

    Metadata is the latest extraction with the users' corrections applied on top
    (see `MetadataCorrection`); `state` is the workflow state.
    """

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(default="other", index=True, max_length=30)
    authority_id: int | None = Field(default=None, foreign_key="authority.id", index=True)
    authority_name: str | None = Field(default=None, max_length=500)
    organization_id: int | None = Field(default=None, foreign_key="organization.id", index=True)
    region: str | None = Field(default=None, index=True, max_length=200)
    number: str | None = Field(default=None, max_length=100)
    date: dt.date | None = Field(default=None, index=True)
    title: str | None = None
    signatory_position: str | None = None
    signatory_name: str | None = Field(default=None, max_length=300)
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    references: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    state: str = Field(default="draft", index=True, max_length=30)
    created_at: dt.datetime = Field(default_factory=utcnow)
    created_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    updated_at: dt.datetime = Field(default_factory=utcnow)
    records_version_id: int | None = None
    """The version whose records (plan items, ratings ...) are the document's: copies of one act
    are versions of one document, and only one copy's rows count (see `docstore.copies`). No
    foreign key, so that document and version do not reference each other in a cycle; None on
    rows stored before it existed (then the newest version with records holds them)."""
    records_reviewed: bool = False
    """Whether a person checked those records on the upload review: a copy read by the machine
    alone never replaces them."""


class DocumentVersion(SQLModel, table=True):
    """One uploaded file of a document, kept byte for byte in the blob store by sha256."""

    __table_args__ = (UniqueConstraint("document_id", "version_no"),)

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    version_no: int = 1
    filename: str = Field(max_length=255)
    sha256: str = Field(unique=True, max_length=64)
    size: int
    mime: str = Field(max_length=100)
    format: str = Field(max_length=10)
    pages: int | None = None
    ocr: bool = False
    seal: bool | None = None
    """A round seal found on the pages of a copy read by OCR (a signed copy); None for a typed
    file, where the question does not arise, or a scan read before seals were looked for."""
    signature: bool | None = None
    """A pen signature found in the signature zone, likewise."""
    ocr_fields: int | None = None
    """Fields of the extraction read by OCR (with a confidence); None for a typed file."""
    ocr_fields_doubtful: int | None = None
    """Of those, read with a confidence below `docstore.confidence.DOUBTFUL_BELOW`."""
    ocr_fields_checked: int | None = None
    """Of those, shown to a person on the upload review and confirmed (0: stored unseen, by the
    CLI or the watched folder); None when stored before this was recorded."""
    ocr_fields_corrected: int | None = None
    """Of the checked ones, changed by the person."""
    extraction: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    text: str = ""
    uploaded_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    uploaded_at: dt.datetime = Field(default_factory=utcnow)
    comment: str | None = None


class MetadataCorrection(SQLModel, table=True):
    """A user's correction of one metadata field; re-extraction keeps it on top."""

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    field_name: str = Field(max_length=50)
    old_value: str | None = None
    new_value: str | None = None
    user_id: int | None = Field(default=None, foreign_key="app_user.id")
    at: dt.datetime = Field(default_factory=utcnow)


class Indicator(SQLModel, table=True):
    """A target indicator (целевой показатель) of a region's НОК plan."""

    __table_args__ = (UniqueConstraint("name", "region"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str
    unit: str | None = Field(default=None, max_length=30)
    region: str | None = Field(default=None, max_length=200)
    authority_id: int | None = Field(default=None, foreign_key="authority.id")


class IndicatorValue(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    indicator_id: int = Field(foreign_key="indicator.id", index=True)
    year: int = Field(index=True)
    kind: str = Field(max_length=10)
    """`plan` (target) or `fact`."""
    value: float | None = None
    document_id: int = Field(foreign_key="document.id", index=True)
    version_id: int = Field(foreign_key="documentversion.id")


class Executor(SQLModel, table=True):
    """An executor (ответственный исполнитель) as named in plans: a body or a person."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=500)
    normalized: str = Field(unique=True, max_length=500)


class PlanItem(SQLModel, table=True):
    """An item (мероприятие) of a plan or plan-graph, with its parsed deadline."""

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    version_id: int = Field(foreign_key="documentversion.id")
    position: int = 0
    number: str | None = Field(default=None, max_length=30)
    title: str
    section: str | None = None
    result_form: str | None = None
    responsible: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    deadline_text: str | None = None
    deadline_kind: str = Field(default="unspecified", max_length=20)
    every: str | None = Field(default=None, max_length=20)
    offset_days: int | None = None
    after_event: str | None = None


class PlanItemExecutor(SQLModel, table=True):
    plan_item_id: int = Field(foreign_key="planitem.id", primary_key=True)
    executor_id: int = Field(foreign_key="executor.id", primary_key=True, index=True)


class ImprovementItem(SQLModel, table=True):
    """A measure of an institution's plan to remove shortcomings found by НОК."""

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    version_id: int = Field(foreign_key="documentversion.id")
    position: int = 0
    organization_id: int | None = Field(default=None, foreign_key="organization.id", index=True)
    organization_name: str | None = None
    criterion: str | None = Field(default=None, max_length=20)
    """One of CRITERIA when the deficiency stands under a criterion heading."""
    deficiency: str | None = None
    measure: str
    planned_text: str | None = None
    planned_kind: str = Field(default="unspecified", max_length=20)
    every: str | None = Field(default=None, max_length=20)
    offset_days: int | None = None
    after_event: str | None = None
    responsible_name: str | None = Field(default=None, max_length=300)
    responsible_position: str | None = None
    executor_id: int | None = Field(default=None, foreign_key="executor.id", index=True)
    done_measures: str | None = None
    actual_date: dt.date | None = None


class ControlPoint(SQLModel, table=True):
    """One due date of a plan item or improvement item (контрольная точка)."""

    __table_args__ = (
        Index("ix_controlpoint_due_open", "due_date", "done_date"),
        # The overdue list is «due by the date and (not done, or done after it)»: at federal scale
        # open points are a few in a hundred, and these two make it an index scan of each arm.
        Index(
            "ix_controlpoint_not_done_due",
            "due_date",
            postgresql_where=text("done_date IS NULL"),
            sqlite_where=text("done_date IS NULL"),
        ),
        Index("ix_controlpoint_done_date", "done_date"),
    )

    id: int | None = Field(default=None, primary_key=True)
    plan_item_id: int | None = Field(default=None, foreign_key="planitem.id", index=True)
    improvement_item_id: int | None = Field(default=None, foreign_key="improvementitem.id", index=True)
    due_date: dt.date = Field(index=True)
    done_date: dt.date | None = None
    done_comment: str | None = None
    done_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    evidence_document_id: int | None = Field(default=None, foreign_key="document.id")
    proposed_evidence_document_id: int | None = Field(default=None, foreign_key="document.id")
    trigger_event_id: int | None = Field(default=None, foreign_key="planevent.id")


class PlanEvent(SQLModel, table=True):
    """A recorded event that starts relative deadlines ("после поступления отчета ...")."""

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    """The plan whose relative deadlines the event triggers."""
    event: str
    occurred_on: dt.date
    source_document_id: int | None = Field(default=None, foreign_key="document.id")
    recorded_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    recorded_at: dt.datetime = Field(default_factory=utcnow)


class Rating(SQLModel, table=True):
    """An institution's НОК result for one year and service form."""

    id: int | None = Field(default=None, primary_key=True)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    year: int = Field(index=True)
    service_form: str | None = Field(default=None, max_length=20, index=True)
    openness: float | None = None
    comfort: float | None = None
    accessibility: float | None = None
    courtesy: float | None = None
    satisfaction: float | None = None
    total: float | None = None
    rank: int | None = None
    scale: float | None = None
    document_id: int = Field(foreign_key="document.id", index=True)
    version_id: int = Field(foreign_key="documentversion.id")


class RatingCheck(SQLModel, table=True):
    """The council's check of an operator's raw figures (a document of kind `operator_data`):
    every institution's ratings recomputed by the method of приказ № 344н and put beside the
    ratings stored for `year` (see `assessment.compare`). `result` is `Check.to_json()`; the
    counts are kept beside it so a list of checks needs no JSON."""

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    version_id: int = Field(foreign_key="documentversion.id", index=True)
    year: int | None = None
    """The year of the stored ratings compared with; None when only computed."""
    institutions: int = 0
    matching: int = 0
    differing: int = 0
    """Institutions whose stored rating differs by more than 0.01, or that have none."""
    invalid: int = 0
    """Rows that could not be computed (a zero denominator, a missing column, a share above 100 %)."""
    result: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    checked_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    checked_at: dt.datetime = Field(default_factory=utcnow, index=True)


class AuditEvent(SQLModel, table=True):
    """One write, recorded: who did what to which document, when."""

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(default_factory=utcnow, index=True)
    user_id: int | None = Field(default=None, foreign_key="app_user.id", index=True)
    actor: str = Field(max_length=200)
    """Who, always: the login, or `system:<os user>` for the system acting for someone without an
    account (a command run without `--as`); a sign-in attempt carries the login typed."""
    action: str = Field(max_length=50)
    document_id: int | None = Field(default=None, foreign_key="document.id", index=True)
    version_id: int | None = Field(default=None, foreign_key="documentversion.id")
    details: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


JOB_STATES = ("queued", "processing", "review", "done", "failed", "rejected")
"""An ingest job's life: queued -> processing -> review (a person checks the extraction) or
straight to done; failed carries the reason; rejected is a review the person threw away."""


class IngestJob(SQLModel, table=True):
    """One file handed to the ingest queue (upload form, `nok ingest`, the watched folder).

    The page reads the state from here; the file's bytes wait in `payload` until the write step
    stored the original in the blob store (then cleared), so no shared folder is needed between
    the app and workers on other machines."""

    __table_args__ = (Index("ix_ingestjob_state_created", "state", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    state: str = Field(default="queued", max_length=20)
    mode: str = Field(default="store", max_length=10)
    """`review`: stop after extraction for a person; `store`: write at once (CLI, folder)."""
    source: str = Field(default="upload", max_length=10)
    """upload, cli or watch."""
    filename: str = Field(max_length=255)
    sha256: str = Field(index=True, max_length=64)
    size: int = 0
    payload: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    user_id: int | None = Field(default=None, foreign_key="app_user.id", index=True)
    actor: str | None = Field(default=None, max_length=200)
    """Who queued it (the login, or `system:<os user>`): the worker writes in that name."""
    batch: str | None = Field(default=None, max_length=40, index=True)
    """Jobs put on the queue together (one `nok ingest` run, one upload)."""
    hidden: bool = False
    """A finished upload the person cleared from the page's list (the row stays as a record)."""
    extraction: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    """The worker's extraction (the contract's JSON) and the text, for the review."""
    match_document_id: int | None = Field(default=None, foreign_key="document.id")
    """The stored document this file is a copy of, as the worker found it."""
    document_id: int | None = Field(default=None, foreign_key="document.id")
    version_id: int | None = Field(default=None, foreign_key="documentversion.id")
    outcome: str | None = Field(default=None, max_length=20)
    """The ingest status of a finished job: new, new_version, duplicate."""
    message: str | None = None
    """The Russian line for the user: the result, or the reason of a failure."""
    attempts: int = 0
    worker: str | None = Field(default=None, max_length=200)
    """host:pid of the worker holding a processing job."""
    heartbeat_at: dt.datetime | None = None
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)


class QueueWorker(SQLModel, table=True):
    """A running `nok worker` (or a `nok ingest` working its own files), seen by its heartbeat."""

    id: str = Field(primary_key=True, max_length=200)
    """host:pid."""
    host: str = Field(max_length=200)
    pid: int
    started_at: dt.datetime = Field(default_factory=utcnow)
    heartbeat_at: dt.datetime = Field(default_factory=utcnow)


class WebSession(SQLModel, table=True):
    """A sign-in to the web app. The browser keeps the id in a cookie signed with the server's
    secret (`docstore.sessions`); signing out ends the row, so a replayed cookie opens nothing."""

    id: str = Field(primary_key=True, max_length=64)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    created_at: dt.datetime = Field(default_factory=utcnow)
    expires_at: dt.datetime
    ended_at: dt.datetime | None = None


class SignInThrottle(SQLModel, table=True):
    """Failed sign-ins of one login (whether or not it exists): five in a row lock it."""

    login: str = Field(primary_key=True, max_length=100)
    failures: int = 0
    last_failure_at: dt.datetime | None = None
    locked_until: dt.datetime | None = None


class InstallationProperty(SQLModel, table=True):
    """A fact about this installation, e.g. `demo` = `1` for one that holds the demo data."""

    __tablename__ = "installation_property"

    key: str = Field(primary_key=True, max_length=50)
    value: str = Field(max_length=500)
    set_at: dt.datetime = Field(default_factory=utcnow)
