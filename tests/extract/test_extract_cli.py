"""`nok extract` as a user runs it: a real subprocess, real files, exit codes, stdout and stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import numpy as np
import pytest

from tests.conftest import CORPUS, SCHEMA_PATH

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
LETTER = CORPUS / "primorsky_letter.docx"
ORDER = CORPUS / "magadan_2017_order64.docx"


def nok(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli.main", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def bad_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "отчёт.pdf"
    path.write_bytes(b"\x00\x01 this is not a pdf at all" * 10)
    return path


def test_one_file_gives_one_json_object_valid_against_the_contract():
    result = nok("extract", ORDER, "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    assert document["source"]["filename"] == ORDER.name
    assert document["source"]["format"] == "docx"
    assert document["document"]["number"] == "64"
    assert "\\u" not in result.stdout and "Министерство" in result.stdout  # ensure_ascii=False


def test_several_files_give_an_array_in_order():
    result = nok("extract", "--json", ORDER, LETTER)
    assert result.returncode == 0, result.stderr
    documents = json.loads(result.stdout)
    assert [d["source"]["filename"] for d in documents] == [ORDER.name, LETTER.name]


def test_a_bad_file_costs_one_stderr_line_and_exit_2_while_the_others_go_through(bad_pdf):
    result = nok("extract", "--json", bad_pdf, LETTER)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"nok extract: {bad_pdf}: формат файла не распознан: nok читает только DOCX и PDF"
    ]
    documents = json.loads(result.stdout)
    assert [d["source"]["filename"] for d in documents] == [LETTER.name]


def test_missing_file_and_directory_are_reported_without_traceback(tmp_path):
    result = nok("extract", tmp_path / "нет.docx", tmp_path)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines == [
        f"nok extract: {tmp_path / 'нет.docx'}: файл не найден",
        f"nok extract: {tmp_path}: это каталог, а не файл",
    ]
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_truncated_and_empty_files_in_one_batch(tmp_path):
    cut = tmp_path / "cut.docx"
    cut.write_bytes(ORDER.read_bytes()[:5000])
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    result = nok("extract", cut, empty)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"nok extract: {cut}: файл повреждён или обрезан: архив DOCX не читается",
        f"nok extract: {empty}: файл пуст (0 байт)",
    ]


def test_summary_without_json_is_readable_russian():
    result = nok("extract", ORDER)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("magadan_2017_order64.docx (DOCX)")
    assert "вид: приказ" in out and "номер: 64" in out and "дата: 15.03.2017" in out
    assert "заголовок: О внесении изменений" in out
    assert "мероприятий плана" in out and "целевых показателей 2" in out


def test_extract_imports_neither_the_database_nor_streamlit_nor_pandas():
    probe = (
        "import sys\n"
        "from cli.main import main\n"
        f"code = main(['extract', {str(LETTER)!r}, '--json'])\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules}"
        " & {'streamlit', 'pandas', 'sqlalchemy', 'sqlmodel', 'db', 'docstore', 'dashboard', 'alembic'})\n"
        "print('HEAVY', heavy, code, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert "HEAVY [] 0" in result.stderr, result.stderr


@pytest.mark.ocr
def test_a_photo_without_a_page_costs_one_russian_line_and_exit_2(tesseract, tmp_path):
    from tests.extract.test_scan_bad_input import image_pdf

    desk = np.random.default_rng(3).normal(70, 12, (1200, 900, 3)).clip(0, 255).astype(np.uint8)
    path = tmp_path / "фото.pdf"
    path.write_bytes(image_pdf([desk]))
    result = nok("extract", path)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert "фото.pdf" in line and "не найден лист" in line and "Traceback" not in result.stderr
