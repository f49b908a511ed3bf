"""`nok overdue`: the supervisor's list on a date, in table, CSV and JSON, and its date errors."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from cli.main import main as nok
from tests import control_plans as build

D = dt.date


@pytest.fixture
def database(engine: Engine, session: Session, monkeypatch: pytest.MonkeyPatch) -> Session:
    """The test database, made the CLI's own through NOK_DATABASE_URL, with one small plan."""
    monkeypatch.setenv("NOK_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    doc, version = build.document(session, number="64", date=D(2019, 1, 15))
    ministry = build.executor(session, "Министерство социальной защиты")
    council = build.executor(session, "Общественный совет")
    meeting = build.plan_item(
        session, doc, version, "Заседание общественного совета", executors=(council,), number="2.1"
    )
    site = build.plan_item(session, doc, version, "Размещение информации на сайте", executors=(ministry,))
    build.point(session, meeting, D(2019, 6, 30))
    build.point(session, site, D(2019, 11, 20))
    build.point(session, site, D(2019, 12, 5))
    build.point(session, site, D(2019, 3, 31), D(2019, 3, 30))
    session.commit()
    return session


def test_table_lists_overdue_points_with_russian_headers(database: Session, capsys) -> None:  # type: ignore[no-untyped-def]
    assert nok(["overdue", "--as-of", "01.12.2019"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["Исполнитель", "Мероприятие"]
    assert "Общественный совет" in lines[2] and "2.1. Заседание общественного совета" in lines[2]
    assert "154" in lines[2]  # days overdue on 01.12.2019 since 30.06.2019
    assert "Министерство социальной защиты" in lines[3] and "20.11.2019" in lines[3]
    assert "05.12.2019" not in out  # due later, and --within was not given
    assert "На 01.12.2019: просрочено 2, срок наступает 0." in out


def test_within_and_executor_filter_in_csv(database: Session, capsys) -> None:  # type: ignore[no-untyped-def]
    assert (
        nok(
            [
                "overdue",
                "--as-of",
                "2019-12-01",
                "--within",
                "7",
                "--executor",
                "министерство",
                "--format",
                "csv",
            ]
        )
        == 0
    )
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][:4] == ["Исполнитель", "Мероприятие", "Документ", "Срок"]
    assert [(r[3], r[4]) for r in rows[1:]] == [
        ("20.11.2019", "просрочено"),
        ("05.12.2019", "срок наступает"),
    ]
    assert rows[1][2] == "№ 64 от 15.01.2019"


def test_json_replays_an_earlier_date(database: Session, capsys) -> None:  # type: ignore[no-untyped-def]
    assert nok(["overdue", "--as-of", "2019-07-01", "--format", "json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["due_date"], row["status"], row["status_ru"], row["days_overdue"]) == (
        "2019-06-30", "overdue", "просрочено", 1,
    )  # fmt: skip


def test_nothing_overdue_is_said_in_one_line(database: Session, capsys) -> None:  # type: ignore[no-untyped-def]
    assert nok(["overdue", "--as-of", "01.01.2019"]) == 0
    assert (
        capsys.readouterr().out.strip() == "На 01.01.2019 просроченных и наступающих контрольных точек нет."
    )


@pytest.mark.parametrize("bad", ["31.02.2019", "2019/12/01", "вчера", "1.13.2019"])
def test_malformed_date_is_one_line_and_exit_2(bad: str, capsys) -> None:  # type: ignore[no-untyped-def]
    assert nok(["overdue", "--as-of", bad]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and f"неверная дата «{bad}»" in captured.err
