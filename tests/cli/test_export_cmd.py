"""`nok export`: the app's tables as XLSX/CSV files from the command line, on both backends,
and without importing Streamlit."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from cli.main import main as nok
from docstore.ingest import ingest_file
from tests.dashboard.filling import Filled, fill
from tests.docstore.conftest import scanned_order, unique_bytes

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def filled(engine: Engine, session: Session, monkeypatch: pytest.MonkeyPatch) -> Filled:
    """The dashboard tests' hand-made database, made the CLI's own through NOK_DATABASE_URL."""
    monkeypatch.setenv("NOK_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    return fill(session)


def _csv_rows(text: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.decode("utf-8-sig")), delimiter=";"))


def test_ratings_default_to_the_latest_year_as_the_page_opens(
    filled: Filled, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert nok(["export", "ratings"]) == 0
    assert "5 строк записано в ratings_2024.xlsx" in capsys.readouterr().out
    sheet = openpyxl.load_workbook(tmp_path / "ratings_2024.xlsx").active
    assert sheet.title == "Рейтинги"
    header, *rows = sheet.values
    assert header == (
        "Место",
        "Учреждение",
        "Код учреждения",
        "Регион",
        "Форма обслуживания",
        "Открытость",
        "Комфортность",
        "Доступность",
        "Вежливость",
        "Удовлетворённость",
        "Итоговый балл",
    )
    assert (rows[0][0], rows[0][1], rows[0][-1]) == (1, "Центр «Альфа»", 93.0)
    assert [row[0] for row in rows[1:3]] == [2, 2]  # «Бета» and «Гамма» tie at 90


def test_ratings_of_a_given_year_and_never_a_draft(
    filled: Filled, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "рейтинг 2023.xlsx"
    assert nok(["export", "ratings", "--year", "2023", "--out", str(target)]) == 0
    _, *rows = openpyxl.load_workbook(target).active.values
    assert [(row[1], row[-1]) for row in rows] == [
        ("Центр «Альфа»", 88.0),
        ("Центр «Бета»", 86.0),
        ("Дом «Дельта»", 80.0),
    ]
    assert nok(["export", "ratings", "--year", "2022", "--out", str(target)]) == 0
    assert "0 строк" in capsys.readouterr().out  # 2022 exists only in a draft


def test_control_points_as_of_a_date_to_stdout(
    filled: Filled, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert nok(["export", "control", "--as-of", "01.06.2024", "--out", "-"]) == 0
    rows = _csv_rows(capsysbinary.readouterr().out)
    statuses = sorted(row["Статус"] for row in rows)
    assert statuses.count("просрочено") == 2 and statuses.count("выполнено с опозданием") == 1
    overdue = next(row for row in rows if row["Мероприятие"] == "Разместить результаты на сайте")
    assert (overdue["Срок"], overdue["Дней просрочки"], overdue["Исполнитель"]) == (
        "01.05.2024",
        "31",
        "Отдел контроля",
    )


def test_improvement_and_indicators_carry_the_pages_computed_columns(
    filled: Filled, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert nok(["export", "improvement", "--as-of", "2024-06-01", "--format", "csv"]) == 0
    [epsilon] = _csv_rows((tmp_path / "improvement_20240601.csv").read_bytes())
    assert epsilon["Учреждение"] == "Дом «Эпсилон»"
    done, overdue, share = epsilon["Выполнено в срок"], epsilon["Просрочено"], epsilon["Исполнение, %"]
    assert (done, overdue, share) == ("1", "1", "50,0")
    assert nok(["export", "indicators"]) == 0
    header, row = openpyxl.load_workbook(tmp_path / "indicators.xlsx").active.values
    assert header[:6] == ("Показатель", "Ед. изм.", "Год", "План", "Факт", "Выполнение, %")
    assert row[:6] == ("Доля оцененных учреждений", "%", 2024, 100, 80, 80)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "control", "--as-of", "31.02.2024"], "nok export: неверная дата «31.02.2024»"),
        (["export", "ratings", "--out", "-", "--format", "xlsx"], "nok export: XLSX нельзя вывести в stdout"),
        (["export", "control", "--year", "2024"], "nok export: таблица control не принимает --year"),
        (["export", "ratings", "--as-of", "01.06.2024"], "nok export: таблица ratings не принимает --as-of"),
    ],
)
def test_bad_arguments_cost_one_line_and_status_2(
    filled: Filled,
    argv: list[str],
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert nok(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_export_does_not_import_streamlit(filled: Filled, tmp_path: Path) -> None:
    """Every table, in one fresh interpreter: Streamlit must stay out of `sys.modules`."""
    probe = (
        "import sys\n"
        "from cli.main import main\n"
        "tables = ['ratings', 'indicators', 'control', 'improvement', 'documents']\n"
        "codes = [main(['export', table, '--out', f'{i}.xlsx']) for i, table in enumerate(tables)]\n"
        "print('STREAMLIT', 'streamlit' in sys.modules, codes, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert "STREAMLIT False [0, 0, 0, 0, 0]" in result.stderr, result.stderr
    header, *rows = openpyxl.load_workbook(tmp_path / "4.xlsx").active.values
    assert header == (
        "№",
        "Вид",
        "Номер",
        "Дата",
        "Подписанный экземпляр",
        "Заголовок",
        "Орган",
        "Состояние",
        "Версий",
    )
    assert "Рейтинг 2023" in {row[5] for row in rows}


def test_the_registry_exports_only_documents_with_a_signed_copy(
    filled: Filled,
    session: Session,
    tmp_path: Path,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    scan = ingest_file(
        session, unique_bytes("scan"), "scan.pdf", extraction=scanned_order(), blob_dir=tmp_path
    )
    assert scan.status == "new", scan.message
    assert nok(["export", "documents", "--signed", "both", "--format", "csv", "--out", "-"]) == 0
    rows = _csv_rows(capsysbinary.readouterr().out)
    assert [(r["№"], r["Подписанный экземпляр"]) for r in rows] == [
        (str(scan.document_id), "печать и подпись")
    ]
    assert nok(["export", "documents", "--signed", "none", "--format", "csv", "--out", "-"]) == 0
    unsigned = _csv_rows(capsysbinary.readouterr().out)
    assert len(unsigned) == 5 and {r["Подписанный экземпляр"] for r in unsigned} == {"нет"}
    assert nok(["export", "ratings", "--signed", "any"]) == 2
    assert "не принимает --signed" in capsysbinary.readouterr().err.decode()
