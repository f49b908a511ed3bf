"""Load the demo set into a database through the same pipeline as any upload.

Steps: write the files, ingest them (`docstore.ingest.ingest_paths`), create the demo users,
publish every new document through the workflow as the system, let the council check the
operator's raw figures of 2025 against the published rating (`docstore.rating_check`: it finds
the one error the demo plants, see `operator_data`), record the operator's reports
(the event the plan's relative deadlines wait for), and let the supervisor close most control
points that fell due before `region.TODAY`, so the supervisor page has history and a few
overdue points. With `if_empty`, a database that already holds documents is left alone.

Demo data never mixes with real data: the demo goes only into an empty database, which it marks
as a demo installation (`docstore.installation`), or into one already marked; a database holding
documents or accounts the demo did not create is refused (`NotADemoInstallation`; `force` is for
tests only). Only a demo installation gets the demo accounts (password `demo`).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, func, or_
from sqlmodel import Session, select

from db.models import (
    Authority,
    ControlPoint,
    Document,
    ImprovementItem,
    Organization,
    PlanItem,
    Rating,
    User,
)
from docstore import control, workflow
from docstore.actors import Actor
from docstore.auth import create_user, user_by_login
from docstore.demo import region
from docstore.demo.build import write_demo_set
from docstore.demo.operator_data import RAW_YEAR
from docstore.errors import DocstoreError
from docstore.ingest import IngestSummary, ProgressEvent, ingest_paths
from docstore.installation import is_demo_installation, mark_demo_installation
from docstore.organizations import confirm_organization
from docstore.rating_check import OperatorDataResult, store_operator_data

DEMO_PASSWORD = "demo"
DEMO_USERS = (
    # login, full name, role; staff is scoped to the demo region's ministry
    ("admin", "Администратор системы", "admin"),
    ("minister", region.MINISTER.full, "minister"),
    ("staff", "Лебедева Марина Юрьевна", "staff"),
    ("council", region.COUNCIL_CHAIR.full, "council"),
    ("supervisor", "Гаврилов Сергей Петрович", "supervisor"),
)
PUBLISH_PATH = ("draft", "registered", "approved", "published")
OPERATOR_REPORTS = (dt.date(2025, 11, 14), dt.date(2026, 11, 13))
"""When the operator's yearly report reached the ministry: starts the plan's relative deadlines."""
CONTINUOUS_REPORTS = (dt.date(2025, 6, 27), dt.date(2025, 12, 19), dt.date(2026, 6, 26))
_DONE_COMMENTS = (
    "Выполнено в полном объеме",
    "Выполнено, информация размещена на официальном сайте",
    "Выполнено, материалы направлены в министерство",
    "Выполнено",
)

Progress = Callable[[str, int, int, str], None]
"""(stage, done, total, file name): stage is `write` or `ingest`."""


class NotADemoInstallation(DocstoreError):
    """The database holds documents or accounts the demo did not create."""


@dataclass
class DemoSummary:
    skipped: bool = False
    """True when `if_empty` found documents and did nothing."""
    files: int = 0
    ingest: IngestSummary = field(default_factory=IngestSummary)
    operator_data: OperatorDataResult | None = None
    """The operator's raw figures stored by the council, with their check."""
    documents: int = 0
    published: int = 0
    organizations: int = 0
    ratings: int = 0
    rating_years: tuple[int, ...] = ()
    control_points: int = 0
    control_points_done: int = 0
    control_points_overdue: int = 0
    users_created: tuple[str, ...] = ()
    users: int = 0


def database_has_documents(engine: Engine) -> bool:
    with Session(engine) as session:
        return bool(session.exec(select(func.count()).select_from(Document)).one())


def refusal(session: Session) -> str | None:
    """Why the demo may not go into this database (a Russian line), or None: it may go into an
    empty database or a demo installation, nowhere else."""
    if is_demo_installation(session):
        return None
    documents = session.exec(select(func.count()).select_from(Document)).one()
    users = session.exec(select(func.count()).select_from(User)).one()
    if not documents and not users:
        return None
    return (
        f"в базе уже есть документы ({documents}) и учётные записи ({users}), созданные не "
        "демонстрационным набором: демонстрационные данные загружаются только в пустую базу или в "
        "демонстрационную установку. Укажите другую базу (NOK_DATABASE_URL)."
    )


def load_demo(
    engine: Engine,
    folder: Path,
    *,
    if_empty: bool = False,
    force: bool = False,
    blob_dir: Path | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Generate the demo files into `folder` and load them; see the module docstring. Raises
    `NotADemoInstallation` for a database holding real data (unless `force`, for tests); with
    `if_empty`, such a database, or a demo one with documents, is skipped instead."""
    # Asked first: a database without the schema fails here, before any work.
    with Session(engine) as session:
        refused = refusal(session)
        if (refused is not None or database_has_documents(engine)) and if_empty:
            summary = DemoSummary(skipped=True)
            _count(engine, summary)
            return summary
        if refused is not None and not force:
            raise NotADemoInstallation(refused[0].upper() + refused[1:])
        mark_demo_installation(session)
        session.commit()

    def wrote(done: int, total: int, name: str) -> None:
        if progress is not None:
            progress("write", done, total, name)

    def ingested(event: ProgressEvent) -> None:
        if progress is not None and event.index + 1 < event.total:  # the last one is told below
            progress("ingest", event.index + (event.step == "done"), event.total, event.filename)

    paths = write_demo_set(folder, wrote)
    summary = DemoSummary(files=len(paths))
    documents = [p for p in paths if p.suffix != ".xlsx"]
    summary.ingest = ingest_paths(documents, engine=engine, blob_dir=blob_dir, progress=ingested)
    if progress is not None:
        progress("ingest", len(paths), len(paths), paths[-1].name)
    new_ids = [r.document_id for r in summary.ingest.new if r.document_id is not None]
    with Session(engine, expire_on_commit=False) as session:
        summary.users_created = _create_users(session)
        session.commit()
        if new_ids:  # a second run over the same files stores nothing new and changes nothing
            summary.published = _publish(session, new_ids)
            _confirm_organizations(session, summary.ingest)
            session.commit()
            council = user_by_login(session, "council")
            session.commit()  # the check writes in its own transaction
            for path in (p for p in paths if p.suffix == ".xlsx"):
                outcome = store_operator_data(
                    engine, path.read_bytes(), path.name, user=council, year=RAW_YEAR, blob_dir=blob_dir
                )
                summary.operator_data = outcome
            supervisor = user_by_login(session, "supervisor")
            _record_operator_reports(session, supervisor, new_ids)
            _report_continuous(session, supervisor, new_ids)
            _close_due_points(session, supervisor, new_ids)
            session.commit()
    _count(engine, summary)
    return summary


def _create_users(session: Session) -> tuple[str, ...]:
    """The five demo logins (password `demo`); existing logins are kept as they are."""
    authority = session.exec(select(Authority).where(Authority.name == region.AUTHORITY)).first()
    authority_id = authority.id if authority is not None else None
    created = []
    for login, full_name, role in DEMO_USERS:
        if user_by_login(session, login) is not None:
            continue
        scope = authority_id if role == "staff" else None
        create_user(
            session,
            login=login,
            password=DEMO_PASSWORD,
            full_name=full_name,
            roles=[(role, scope, None)],
            demo=True,
        )
        created.append(login)
    session.flush()
    return tuple(created)


def _publish(session: Session, document_ids: list[int]) -> int:
    """Move each new document along draft -> registered -> approved -> published, as the system."""
    published = 0
    for document_id in document_ids:
        document = session.get(Document, document_id)
        if document is None or document.state not in PUBLISH_PATH[:-1]:
            continue
        for state in PUBLISH_PATH[PUBLISH_PATH.index(document.state) + 1 :]:
            workflow.transition(session, None, document_id, state, "демонстрационные данные")
        published += 1
    return published


def _confirm_organizations(session: Session, ingest: IngestSummary) -> None:
    """The demo institutions are all distinct: confirm those the matcher flagged as look-alikes
    (names that differ only in the town), as the ministry's staff would."""
    names = {name for result in ingest.new for name in result.flagged_organizations}
    flagged = session.exec(
        select(Organization.id).where(Organization.confirmed.is_(False), Organization.name.in_(names))
    ).all()
    for organization_id in flagged:
        confirm_organization(session, None, organization_id)


def _record_operator_reports(session: Session, user: Actor, new_ids: list[int]) -> None:
    """The operator's report arrived each November: the council must meet within a month."""
    plan = session.exec(
        select(Document).where(Document.kind == "order", Document.number == region.ORDER_NUMBER)
    ).first()
    if plan is None or plan.id not in new_ids:
        return
    relative = session.exec(
        select(PlanItem).where(PlanItem.document_id == plan.id, PlanItem.deadline_kind == "relative")
    ).all()
    for item in relative:
        if not item.after_event:
            continue
        for day in OPERATOR_REPORTS:
            points = control.record_event(
                session, user, plan_document_id=plan.id, event=item.after_event, occurred_on=day
            )
            for point in points:
                _close_with_protocol(session, user, point, new_ids)


def _close_with_protocol(session: Session, user: Actor, point: ControlPoint, new_ids: list[int]) -> None:
    """The council's protocol held between the report and the due date is the point's evidence."""
    protocol = session.exec(
        select(Document)
        .where(Document.id.in_(new_ids), Document.kind == "protocol", Document.date <= point.due_date)
        .where(Document.date >= point.due_date - dt.timedelta(days=31))
        .order_by(Document.date)
    ).first()
    if protocol is None or protocol.date is None:
        return
    control.mark_done(
        session,
        user,
        point.id,
        done_on=protocol.date,
        comment="Рейтинг утвержден на заседании общественного совета",
        evidence_document_id=protocol.id,
    )


def _report_continuous(session: Session, user: Actor, new_ids: list[int]) -> None:
    """Items done постоянно / по мере необходимости have no due date; they get half-yearly reports."""
    items = session.exec(
        select(PlanItem)
        .where(PlanItem.document_id.in_(new_ids), PlanItem.deadline_kind.in_(("continuous", "on_demand")))
        .order_by(PlanItem.id)
    ).all()
    for item in items:
        for day in CONTINUOUS_REPORTS:
            control.report_progress(
                session, user, plan_item_id=item.id, reported_on=day, comment=_DONE_COMMENTS[2]
            )


def _close_due_points(session: Session, user: Actor, new_ids: list[int]) -> None:
    """Close about four in five open points that fell due before TODAY (some late), leaving the
    rest overdue. Improvement measures with a single date keep what their plan's report says."""
    rng = random.Random(region.SEED + 3)
    rows = session.exec(
        select(ControlPoint, ImprovementItem.planned_kind)
        .outerjoin(ImprovementItem, ImprovementItem.id == ControlPoint.improvement_item_id)
        .outerjoin(PlanItem, PlanItem.id == ControlPoint.plan_item_id)
        .where(or_(PlanItem.document_id.in_(new_ids), ImprovementItem.document_id.in_(new_ids)))
        .where(ControlPoint.done_date.is_(None), ControlPoint.due_date < region.TODAY)
        .order_by(ControlPoint.due_date, ControlPoint.id)
    ).all()
    for point, measure_kind in rows:
        if point.proposed_evidence_document_id is not None:
            continue  # a proposed evidence document waits for the supervisor's confirmation
        if point.improvement_item_id is not None and measure_kind != "recurring":
            continue
        luck = rng.random()
        if luck < 0.7:
            done_on = point.due_date - dt.timedelta(days=rng.randint(0, 20))
        elif luck < 0.82:
            done_on = min(point.due_date + dt.timedelta(days=rng.randint(5, 45)), region.TODAY)
        else:
            continue  # stays overdue
        control.mark_done(session, user, point.id, done_on=done_on, comment=rng.choice(_DONE_COMMENTS))


def _count(engine: Engine, summary: DemoSummary) -> None:
    with Session(engine) as session:
        summary.documents = session.exec(select(func.count()).select_from(Document)).one()
        summary.users = session.exec(select(func.count()).select_from(User)).one()
        summary.organizations = session.exec(select(func.count()).select_from(Organization)).one()
        summary.ratings = session.exec(select(func.count()).select_from(Rating)).one()
        summary.rating_years = tuple(session.exec(select(Rating.year).distinct().order_by(Rating.year)).all())
        summary.control_points = session.exec(select(func.count()).select_from(ControlPoint)).one()
        summary.control_points_done = session.exec(
            select(func.count()).select_from(ControlPoint).where(ControlPoint.done_date.is_not(None))
        ).one()
        summary.control_points_overdue = session.exec(
            select(func.count())
            .select_from(ControlPoint)
            .where(ControlPoint.done_date.is_(None), ControlPoint.due_date < region.TODAY)
        ).one()
