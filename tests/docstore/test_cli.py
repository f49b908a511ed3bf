"""`nok ingest` and `nok search` on a fresh database of each backend."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli.main import main as nok
from db.engine import get_engine
from tests.conftest import CORPUS


def test_ingest_reports_new_duplicate_and_failed(fresh_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = fresh_env / "in" / "sub"
    folder.mkdir(parents=True)
    (folder / "broken.pdf").write_bytes(b"not a pdf at all")
    (folder / "notes.txt").write_text("ignored: not a document")
    assert nok(["ingest", str(fresh_env / "in"), str(fresh_env / "missing.docx")]) == 2
    out, err = capsys.readouterr()
    assert "Обработано файлов: 2" in out and "с ошибками: 2" in out
    assert "broken.pdf: Файл не прочитан" in err and "missing.docx: Файл не читается" in err
    assert "Traceback" not in err


def test_ingest_twice_is_idempotent_and_search_finds_it(
    fresh_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    letter = CORPUS / "primorsky_letter.docx"
    assert nok(["ingest", str(letter)]) == 0, capsys.readouterr().err
    assert "новых: 1" in capsys.readouterr().out
    assert nok(["ingest", str(letter)]) == 0
    assert "дубликатов: 1" in capsys.readouterr().out
    assert nok(["search", "постановлением", "--kind", "letter"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1. [письмо") and "**" in out
    assert nok(["search", "несуществующееслово"]) == 0
    assert "ничего не найдено" in capsys.readouterr().out


def test_search_past_the_caps_costs_one_line_and_exit_2(
    fresh_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert nok(["search", *(["приказ", "мероприятие", "учреждение"] * 3000)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "nok search: Запрос слишком длинный (знаков: 89999, можно не больше 1000). Оставьте главные слова.\n"
    )


def test_ingest_as_unknown_user_is_refused(fresh_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert nok(["ingest", "--as", "nobody", str(CORPUS / "primorsky_letter.docx")]) == 2
    assert "пользователь «nobody» не найден" in capsys.readouterr().err


def test_dedupe_lists_then_merges_documents_stored_twice(
    fresh_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from docstore.ingest import ingest_file

    engine = get_engine()
    nok(["init"])
    for name in ("tula_2020_order83.docx", "tula_2020_order83.pdf"):  # stored before copies were known
        ingest_file(engine, (CORPUS / name).read_bytes(), name, match="new", blob_dir=fresh_env / "blobs")
    capsys.readouterr()
    assert nok(["dedupe"]) == 0
    out = capsys.readouterr().out
    assert (
        "Совпадает с приказом № 83-ОСН от 18.04.2020: документы № 2 будут объединены с документом № 1." in out
    )
    assert "nok dedupe --apply" in out
    assert nok(["dedupe", "--apply"]) == 0
    assert "Объединено групп: 1; перенесено версий: 1." in capsys.readouterr().out
    assert nok(["dedupe"]) == 0
    assert "Документов, загруженных несколько раз, нет." in capsys.readouterr().out
