"""Every page of every role renders on an empty database and says what is missing."""

from __future__ import annotations

import pytest

from dashboard.navigation import pages_for
from tests.dashboard.conftest import signed_in_app

CASES = [
    (role, page.file)
    for role in ("admin", "minister", "staff", "council", "supervisor")
    for page in pages_for({role})
]


@pytest.mark.parametrize(("role", "page"), CASES, ids=[f"{r}-{p}" for r, p in CASES])
def test_page_renders_on_an_empty_database(empty_users, role: str, page: str) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(empty_users[role], page)
    assert not at.exception, at.exception
    assert at.title
    if page != "home.py":
        assert at.info, "an empty page must tell the user why it is empty"
