"""A small hand-made database for the page tests: every figure a test asserts is known here.

Two regions, five institutions, published ratings for 2023 and 2024 (with a tie and a missing
criterion), a draft rating document that must never count, target indicators, a plan with
control points in every status, an improvement plan, and one user per role (password `pw`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlmodel import Session

from db.models import (
    Authority,
    ControlPoint,
    Document,
    DocumentVersion,
    Executor,
    ImprovementItem,
    Indicator,
    IndicatorValue,
    Organization,
    PlanItem,
    PlanItemExecutor,
    Rating,
)
from docstore.auth import create_user

AS_OF = dt.date(2024, 6, 1)
PASSWORD = "пароль-для-тестов"  # tests.dashboard.conftest.TEST_PASSWORD
ROLES = ("admin", "minister", "staff", "council", "supervisor")


@dataclass
class Filled:
    users: dict[str, int] = field(default_factory=dict)
    organizations: dict[str, int] = field(default_factory=dict)
    points: dict[str, int] = field(default_factory=dict)
    documents: dict[str, int] = field(default_factory=dict)
    authority_id: int = 0


def _document(
    session: Session, kind: str, title: str, date: dt.date, state: str, authority_id: int
) -> tuple[int, int]:
    document = Document(
        kind=kind, title=title, date=date, state=state, authority_id=authority_id, authority_name="Минсоц"
    )
    session.add(document)
    session.flush()
    version = DocumentVersion(
        document_id=document.id,  # type: ignore[arg-type]
        filename=f"{kind}_{document.id}.docx",
        sha256=f"{document.id:064d}",
        size=1000,
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        format="docx",
    )
    session.add(version)
    session.flush()
    return document.id, version.id  # type: ignore[return-value]


def fill(session: Session) -> Filled:
    filled = Filled()
    north = Authority(name="Министерство социальной защиты Северной области", region="Северная область")
    session.add(north)
    session.flush()
    filled.authority_id = north.id  # type: ignore[assignment]
    for name, region in (
        ("Центр «Альфа»", "Северная область"),
        ("Центр «Бета»", "Северная область"),
        ("Центр «Гамма»", "Северная область"),
        ("Дом «Дельта»", "Южная область"),
        ("Дом «Эпсилон»", "Южная область"),
    ):
        organization = Organization(
            name=name, region=region, authority_id=north.id, service_forms=["stationary"]
        )
        session.add(organization)
        session.flush()
        filled.organizations[name] = organization.id  # type: ignore[assignment]

    published, version = _document(
        session, "rating", "Рейтинг 2024", dt.date(2024, 12, 20), "published", north.id
    )  # type: ignore[arg-type]
    filled.documents["rating_2024"] = published
    scores_2024 = {
        "Центр «Альфа»": (95, 90, 85, 99, 96, 93.0),
        "Центр «Бета»": (90, 90, 80, 95, 95, 90.0),
        "Центр «Гамма»": (90, 90, 80, 95, 95, 90.0),  # a tie with «Бета»
        "Дом «Дельта»": (80, None, 70, 90, 88, 82.0),  # comfort missing
        "Дом «Эпсилон»": (70, 70, 60, 80, 75, 71.0),
    }
    for name, (*criteria, total) in scores_2024.items():
        session.add(_rating(filled.organizations[name], 2024, criteria, total, published, version))
    previous, version_2023 = _document(
        session, "rating", "Рейтинг 2023", dt.date(2023, 12, 20), "published", north.id
    )  # type: ignore[arg-type]
    for name, total in (("Центр «Альфа»", 88.0), ("Центр «Бета»", 86.0), ("Дом «Дельта»", 80.0)):
        session.add(_rating(filled.organizations[name], 2023, [total] * 5, total, previous, version_2023))
    draft, draft_version = _document(
        session, "rating", "Черновик рейтинга", dt.date(2024, 12, 25), "draft", north.id
    )  # type: ignore[arg-type]
    filled.documents["draft_rating"] = draft
    session.add(_rating(filled.organizations["Дом «Эпсилон»"], 2022, [10] * 5, 10.0, draft, draft_version))

    plan, plan_version = _document(
        session, "plan", "План НОК на 2024 год", dt.date(2024, 1, 15), "published", north.id
    )  # type: ignore[arg-type]
    filled.documents["plan"] = plan
    indicator = Indicator(name="Доля оцененных учреждений", unit="%", region="Северная область")
    session.add(indicator)
    session.flush()
    for year, kind, value in (
        (2023, "plan", 90),
        (2023, "fact", 95),
        (2024, "plan", 100),
        (2024, "fact", 80),
    ):
        session.add(
            IndicatorValue(
                indicator_id=indicator.id,  # type: ignore[arg-type]
                year=year,
                kind=kind,
                value=value,
                document_id=plan,
                version_id=plan_version,
            )
        )
    ministry = Executor(name="Отдел контроля", normalized="отдел контроля")
    council_exec = Executor(name="Общественный совет", normalized="общественный совет")
    session.add_all([ministry, council_exec])
    session.flush()
    for key, title, executor, due, done in (
        ("overdue", "Разместить результаты на сайте", ministry, dt.date(2024, 5, 1), None),
        ("due_soon", "Провести заседание совета", council_exec, dt.date(2024, 6, 10), None),
        ("on_time", "Утвердить перечень учреждений", ministry, dt.date(2024, 3, 1), dt.date(2024, 2, 20)),
        ("late", "Заключить контракт с оператором", ministry, dt.date(2024, 4, 1), dt.date(2024, 4, 20)),
        ("future", "Подготовить доклад", council_exec, dt.date(2024, 12, 1), None),
    ):
        item = PlanItem(
            document_id=plan,
            version_id=plan_version,
            title=title,
            responsible=[executor.name],
            deadline_text=f"до {due:%d.%m.%Y}",
            deadline_kind="once",
        )
        session.add(item)
        session.flush()
        session.add(PlanItemExecutor(plan_item_id=item.id, executor_id=executor.id))  # type: ignore[arg-type]
        point = ControlPoint(plan_item_id=item.id, due_date=due, done_date=done)
        session.add(point)
        session.flush()
        filled.points[key] = point.id  # type: ignore[assignment]

    improvement, improvement_version = _document(
        session,
        "improvement_plan",
        "План по устранению недостатков",
        dt.date(2024, 2, 1),
        "published",
        north.id,  # type: ignore[arg-type]
    )
    for organization, criterion, due, done in (
        ("Дом «Эпсилон»", "comfort", dt.date(2024, 3, 1), dt.date(2024, 2, 25)),
        ("Дом «Эпсилон»", "accessibility", dt.date(2024, 5, 1), None),
    ):
        item = ImprovementItem(
            document_id=improvement,
            version_id=improvement_version,
            organization_id=filled.organizations[organization],
            organization_name=organization,
            criterion=criterion,
            deficiency=f"Недостаток по критерию {criterion}",
            measure=f"Устранить недостаток ({criterion})",
            planned_text=f"до {due:%d.%m.%Y}",
            planned_kind="once",
        )
        session.add(item)
        session.flush()
        session.add(ControlPoint(improvement_item_id=item.id, due_date=due, done_date=done))
    for role in ROLES:
        scope = north.id if role == "staff" else None
        user = create_user(session, login=role, password=PASSWORD, roles=[(role, scope, None)])
        filled.users[role] = user.id  # type: ignore[assignment]
    session.commit()
    return filled


def _rating(
    organization_id: int, year: int, criteria: list, total: float, document_id: int, version_id: int
) -> Rating:  # type: ignore[type-arg]
    openness, comfort, accessibility, courtesy, satisfaction = criteria
    return Rating(
        organization_id=organization_id,
        year=year,
        service_form="stationary",
        openness=openness,
        comfort=comfort,
        accessibility=accessibility,
        courtesy=courtesy,
        satisfaction=satisfaction,
        total=total,
        document_id=document_id,
        version_id=version_id,
    )
