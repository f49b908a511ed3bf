"""`nok export`: the app's tables as XLSX/CSV files from the command line, on both backends."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from cli.main import main as nok

ROOT = Path(__file__).resolve().parents[2]


def test_ratings_workbook_has_russian_headers_and_published_rows_only(
    filled, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "рейтинг 2024.xlsx"
    assert nok(["export", "ratings", "--year", "2024", "--out", str(target)]) == 0
    assert f"5 строк записано в {target}" in capsys.readouterr().out
    sheet = openpyxl.load_workbook(target).active
    assert sheet.title == "Рейтинги"
    rows = list(sheet.values)
    assert rows[0][:4] == ("Год", "Учреждение", "Регион", "Форма обслуживания")
    assert rows[0][-2] == "Итоговый балл"
    assert rows[1][:2] == (2024, "Центр «Альфа»") and rows[1][-2] == 93.0
    assert nok(["export", "ratings", "--out", str(target)]) == 0
    years = {row[0] for row in list(openpyxl.load_workbook(target).active.values)[1:]}
    assert years == {2023, 2024}  # the draft's 2022 rating never counts


def test_control_points_as_of_a_date_to_stdout(filled, capsysbinary: pytest.CaptureFixture[bytes]) -> None:  # type: ignore[no-untyped-def]
    assert nok(["export", "control", "--as-of", "01.06.2024", "--out", "-"]) == 0
    text = capsysbinary.readouterr().out.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    statuses = sorted(row["Статус"] for row in rows)
    assert statuses.count("просрочено") == 2 and statuses.count("выполнено с опозданием") == 1
    overdue = next(row for row in rows if row["Мероприятие"] == "Разместить результаты на сайте")
    assert (overdue["Срок"], overdue["Дней просрочки"], overdue["Исполнитель"]) == (
        "2024-05-01",
        "31",
        "Отдел контроля",
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "control", "--as-of", "31.02.2024"], "nok export: неверная дата «31.02.2024»"),
        (["export", "ratings", "--out", "-", "--format", "xlsx"], "nok export: XLSX нельзя вывести в stdout"),
    ],
)
def test_bad_arguments_cost_one_line_and_status_2(
    filled, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    assert nok(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1


def test_export_does_not_import_streamlit(filled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    probe = (
        "import sys\n"
        "from cli.main import main\n"
        f"code = main(['export', 'documents', '--out', {str(tmp_path / 'd.csv')!r}, '--format', 'csv'])\n"
        "print('STREAMLIT', 'streamlit' in sys.modules, code, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=os.environ.copy(),
    )
    assert "STREAMLIT False 0" in result.stderr, result.stderr
    assert (tmp_path / "d.csv").read_bytes().decode("utf-8-sig").startswith("№;Вид;Номер;Дата")
