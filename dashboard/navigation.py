"""Which pages each role sees: one table, read by the app and by the tests."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    file: str
    title: str
    icon: str
    url_path: str
    roles: frozenset[str]


ALL = frozenset({"admin", "minister", "staff", "council", "supervisor"})

PAGES: tuple[PageSpec, ...] = (
    PageSpec("home.py", "Главная", ":material/home:", "home", ALL),
    PageSpec(
        "indicators.py", "Показатели", ":material/flag:", "indicators", frozenset({"minister", "admin"})
    ),
    PageSpec(
        "ratings.py",
        "Рейтинги",
        ":material/leaderboard:",
        "ratings",
        frozenset({"council", "minister", "admin"}),
    ),
    PageSpec(
        "control.py", "Контроль сроков", ":material/schedule:", "control", frozenset({"supervisor", "admin"})
    ),
    PageSpec(
        "improvement.py",
        "Планы улучшения",
        ":material/build:",
        "improvement",
        frozenset({"council", "supervisor", "admin"}),
    ),
    PageSpec(
        "documents.py", "Документы", ":material/description:", "documents", frozenset({"staff", "admin"})
    ),
)


def pages_for(roles: Iterable[str]) -> list[PageSpec]:
    held = set(roles)
    return [page for page in PAGES if page.roles & held]
