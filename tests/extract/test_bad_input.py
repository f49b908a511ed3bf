"""Bad input: every way a file can be unreadable ends in `UnreadableDocument` with a Russian reason."""

from __future__ import annotations

import contextlib
import io
import logging
import warnings
import zipfile

import pytest
from docx import Document
from fpdf import FPDF

from extract import extract_document
from extract.errors import UnreadableDocument
from extract.readers import read_blocks
from tests.conftest import CORPUS

DOCX = (CORPUS / "magadan_2017_order64.docx").read_bytes()
PDF = (CORPUS / "magadan_2017_order64.pdf").read_bytes()


def reason_for(data: bytes, filename: str) -> str:
    with pytest.raises(UnreadableDocument) as caught:
        read_blocks(data, filename)
    reason = caught.value.reason
    assert any("а" <= ch <= "я" for ch in reason.lower()), reason  # said in Russian
    return reason


def pdf_with_pages(count: int) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for number in range(count):
        pdf.add_page()
        pdf.cell(text=f"Page {number + 1} of a long report with enough text on it")
    return bytes(pdf.output())


def test_empty_file():
    assert "пуст" in reason_for(b"", "empty.pdf")


def test_random_bytes_named_pdf_are_refused_by_content_not_name():
    assert "формат файла не распознан" in reason_for(bytes(range(256)) * 40, "report.pdf")


def test_a_pdf_named_docx_is_still_read_as_pdf():
    assert read_blocks(PDF, "misnamed.docx").format == "pdf"


@pytest.mark.parametrize("keep", [0.5, 0.97])
def test_truncated_pdf(keep):
    assert "повреждён" in reason_for(PDF[: int(len(PDF) * keep)], "cut.pdf")


@pytest.mark.parametrize("keep", [0.5, 0.99])
def test_truncated_docx(keep):
    assert "повреждён или обрезан" in reason_for(DOCX[: int(len(DOCX) * keep)], "cut.docx")


def test_zip_that_is_not_a_docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", "<office:document/>")
    assert "не является документом DOCX" in reason_for(buffer.getvalue(), "odt.docx")


def test_password_protected_docx_is_an_ole_container():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096)
    assert "паролем" in reason_for(ole, "secret.docx")


def test_encrypted_pdf_with_a_user_password():
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="confidential")
    pdf.set_encryption(owner_password="owner", user_password="user")
    assert "зашифрован" in reason_for(bytes(pdf.output()), "locked.pdf")


def test_pdf_with_zero_pages():
    empty = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF"
    )
    assert "нет ни одной страницы" in reason_for(empty, "zero.pdf")


def test_docx_bomb_is_refused_before_anything_is_inflated():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<" + b" " * (120 * 1024 * 1024))
    data = buffer.getvalue()
    assert len(data) < 1024 * 1024
    assert "zip-бомбу" in reason_for(data, "bomb.docx")


def test_docx_with_an_absurd_compression_ratio_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", DOCX[:100])
        archive.writestr("word/media/padding.bin", bytes(30 * 1024 * 1024))
    assert "степенью сжатия" in reason_for(buffer.getvalue(), "ratio.docx")


def test_pdf_over_the_default_page_limit_names_the_limit():
    reason = reason_for(pdf_with_pages(200), "long.pdf")
    assert "200 страниц" in reason and "150" in reason and "NOK_MAX_PAGES" in reason


def test_page_limit_comes_from_the_environment(monkeypatch):
    data = pdf_with_pages(12)
    monkeypatch.setenv("NOK_MAX_PAGES", "10")
    assert "предела 10" in reason_for(data, "twelve.pdf")
    monkeypatch.setenv("NOK_MAX_PAGES", "12")
    assert read_blocks(data, "twelve.pdf").pages == 12


def test_file_size_limit_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("NOK_MAX_FILE_MB", "1")
    reason = reason_for(PDF + b"\n%" + bytes(2 * 1024 * 1024), "big.pdf")
    assert "слишком большой" in reason and "1 МБ" in reason


def test_extract_document_raises_the_same_error_before_recognising_anything():
    with pytest.raises(UnreadableDocument):
        extract_document(b"not a document", "note.txt")


def test_library_warnings_and_logs_do_not_leak(caplog, recwarn):
    damaged = PDF.replace(b"/Length", b"/Lenght", 3)  # broken stream lengths: pdfminer complains
    caplog.set_level(logging.DEBUG)
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        with contextlib.suppress(UnreadableDocument):
            read_blocks(damaged, "damaged.pdf")
        with contextlib.suppress(UnreadableDocument):
            read_blocks(PDF[: len(PDF) // 2], "cut.pdf")
    noisy = [r for r in caplog.records if r.name.startswith(("pdfminer", "pdfplumber", "docx"))]
    assert noisy == []
    assert [w for w in recwarn if "pdfminer" in str(w.filename) or "docx" in str(w.filename)] == []


def test_docx_without_any_text():
    buffer = io.BytesIO()
    Document().save(buffer)
    assert "нет текста" in reason_for(buffer.getvalue(), "blank.docx")


def test_pdf_with_only_blank_pages():
    pdf = FPDF()
    pdf.add_page()
    pdf.add_page()
    assert "страницы пустые" in reason_for(bytes(pdf.output()), "blank.pdf")


def test_a_scan_without_tesseract_says_which_package_is_missing(monkeypatch, tmp_path):
    from extract.readers import tesseract

    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))  # language data nowhere to be found
    monkeypatch.setattr(tesseract, "_TESSDATA_CANDIDATES", ())
    tesseract.tessdata_dir.cache_clear()
    tesseract.tesseract_languages.cache_clear()
    try:
        reason = reason_for((CORPUS / "magadan_2017_order64_scan.pdf").read_bytes(), "scan.pdf")
    finally:
        tesseract.tessdata_dir.cache_clear()
        tesseract.tesseract_languages.cache_clear()
    assert "скан" in reason and "tesseract-ocr-rus" in reason
