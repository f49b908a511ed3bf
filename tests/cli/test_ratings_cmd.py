"""`nok ratings verify` and `nok ratings template`: exit statuses 0/1/2, the JSON, the operator's
habits, and a check that needs no database (nor Streamlit) without --year."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from assessment.method import SYMBOLS
from cli.main import main as nok
from tests.assessment.test_compare import APPROVED
from tests.assessment.test_method import EXAMPLE_A, EXAMPLE_B
from tests.docstore.test_rating_check import ALPHA, APPROVED_B, BETA, RAW, publish_ratings, raw_file

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    path = tmp_path / "исходные данные.xlsx"
    path.write_bytes(RAW)
    return path


@pytest.fixture
def database(engine: Engine, session: Session, monkeypatch: pytest.MonkeyPatch) -> Session:
    """The test database made the CLI's own, with the published 2025 ratings of Альфа and Бета."""
    monkeypatch.setenv("NOK_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    publish_ratings(session, 2025, [(ALPHA, "stationary", APPROVED), (BETA, "home", APPROVED_B)])
    return session


def test_verify_without_a_year_prints_every_indicator_criterion_and_total(
    raw: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert nok(["ratings", "verify", str(raw)]) == 0
    out = capsys.readouterr().out
    assert "1. ГБУСО «Альфа» (стационарная), строка 2: рассчитано" in out
    assert "Пинф 87,96 · Пдист 100 · Поткруд 88,33" in out and "Пожид —" in out
    assert "по методике: К1 91,72 · К2 85 · К3 74 · К4 94,78 · К5 91 · Итог 87,3" in out
    assert "по методике: К1 96,83 · К2 92,94 · К3 92,5 · К4 94,92 · К5 96,19 · Итог 94,68" in out
    assert out.rstrip().endswith("Учреждений в файле: 2: рассчитано — 2.")


def test_verify_with_the_year_matches_the_published_ratings(
    database: Session, raw: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert nok(["ratings", "verify", str(raw), "--year", "2025"]) == 0
    out = capsys.readouterr().out
    assert "строка 2: совпадает" in out and "строка 3: совпадает" in out
    assert "в рейтинге:  К1 91,72 · К2 85 · К3 74 · К4 94,78 · К5 91 · Итог 87,3" in out
    assert "!" not in out


def test_a_difference_is_marked_and_exits_1(
    database: Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "data.xlsx"
    path.write_bytes(
        raw_file((ALPHA, "стационарная", {**EXAMPLE_A, "Ууд": 178}), (BETA, "на дому", EXAMPLE_B))
    )
    assert nok(["ratings", "verify", str(path), "--year", "2025"]) == 1
    out = capsys.readouterr().out
    # Ууд 178 instead of 188: Пуд 89 instead of 94, K5 = 25,5 + 18,5 + 44,5 = 88,5;
    # S = (91 13/18 + 85 + 74 + 94 14/18 + 88,5) / 5 = 434 / 5 = 86,8
    assert "   ! К5: по методике 88,5, в рейтинге 91 (+2,5)" in out
    assert "   ! Итог: по методике 86,8, в рейтинге 87,3 (+0,5)" in out
    assert "расхождение — 1; совпадает — 1" in out


def test_an_invalid_row_is_reported_the_others_go_through_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "data.xlsx"
    path.write_bytes(raw_file((ALPHA, "", {**EXAMPLE_A, "Чинв": 0, "Истенд": 13}), (BETA, "", EXAMPLE_B)))
    assert nok(["ratings", "verify", str(path)]) == 1
    out = capsys.readouterr().out
    assert "ГБУСО «Альфа», строка 2: не рассчитано: ошибка в данных" in out
    assert "   - Пинф: Истенд (13) больше Инорм-стенд (12): доля больше 100 %" in out
    assert "   - Пдостуд: Чинв = 0: делить не на что (деление на ноль)" in out
    assert "ГБУСО «Бета», строка 3: рассчитано" in out


def test_json_gives_one_object_per_institution(
    database: Session, raw: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert nok(["ratings", "verify", str(raw), "--year", "2025", "--json"]) == 0
    alpha, beta = json.loads(capsys.readouterr().out)
    for institution in (alpha, beta):
        assert {"institution", "indicators", "criteria", "total", "stored", "differences"} <= set(institution)
    assert alpha["institution"] == ALPHA and set(alpha["criteria"]) == {"K1", "K2", "K3", "K4", "K5"}
    assert set(alpha["indicators"]) >= {"Пинф", "Пдист", "Поткруд", "Пожид", "Пуд"}
    assert (beta["total"], beta["stored"]["total"], beta["differences"]) == (94.68, 94.68, [])


def test_operator_habits_title_rows_odd_headers_and_comma_decimals(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Исходные данные НОК за 2025 год"])
    sheet.append([])
    sheet.append(["  УЧРЕЖДЕНИЕ ", "форма обслуживания", *(s.upper().replace("-", " - ") for s in SYMBOLS)])
    values = [str(v).replace(".", ",") if v is not None else "" for v in (EXAMPLE_B[s] for s in SYMBOLS)]
    values = [
        str(float(EXAMPLE_B[s])).replace(".", ",") if s == "Пожид" else v
        for s, v in zip(SYMBOLS, values, strict=True)
    ]
    sheet.append([BETA, "надомная", *values])
    path = tmp_path / "habits.xlsx"
    workbook.save(path)
    assert nok(["ratings", "verify", str(path)]) == 0
    assert "ГБУСО «Бета» (на дому), строка 4: рассчитано" in (out := capsys.readouterr().out)
    assert "Итог 94,68" in out


def _subprocess(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli.main", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("content", [b"", b"plain text, not a table", None], ids=["empty", "text", "missing"])
def test_an_unreadable_file_costs_one_line_on_stderr_and_exit_2(
    tmp_path: Path, content: bytes | None
) -> None:
    path = tmp_path / "данные.xlsx"
    if content is not None:
        path.write_bytes(content)
    result = _subprocess("ratings", "verify", str(path))
    assert result.returncode == 2
    assert result.stdout == "" and len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("nok ratings: ") and "Traceback" not in result.stderr


def test_verify_without_a_year_imports_neither_the_database_nor_streamlit(raw: Path) -> None:
    probe = (
        "import sys\n"
        "from cli.main import main\n"
        f"code = main(['ratings', 'verify', {str(raw)!r}, '--json'])\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules}"
        " & {'streamlit', 'pandas', 'sqlalchemy', 'sqlmodel', 'db', 'docstore', 'dashboard', 'alembic'})\n"
        "print('HEAVY', heavy, code, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert "HEAVY [] 0" in result.stderr, result.stderr


def test_template_writes_the_columns_and_the_explanations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "шаблон.xlsx"
    assert nok(["ratings", "template", "--out", str(target)]) == 0
    assert str(target) in capsys.readouterr().out
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames == ["Исходные данные", "Пояснения"]
    assert [c.value for c in workbook["Исходные данные"][1]][2:] == list(SYMBOLS)
    assert nok(["ratings", "template", "--out", str(tmp_path / "нет" / "такой" / "папки.xlsx")]) == 2
