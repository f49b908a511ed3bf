"""Scanned tables of other layouts: a one-line header row standing on a merged section row."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from extract.blocks import Table
from extract.readers import read_blocks

PAIRS = Path(__file__).resolve().parent / "pairs"


def scanned(path: Path, angle: float = 0.7) -> bytes:
    """An image-only copy of a typed PDF: 200 dpi grey pages turned slightly, as a scanner does."""
    document = pdfium.PdfDocument(path.read_bytes())
    pages = []
    for page in document:
        image = page.render(scale=200 / 72, grayscale=True).to_pil().convert("L")
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
        pages.append(image.point(lambda v: int(40 + v * (236 - 40) / 255)))
    document.close()
    buffer = io.BytesIO()
    pages[0].save(buffer, format="PDF", resolution=200, save_all=True, append_images=pages[1:])
    return buffer.getvalue()


@pytest.mark.ocr
def test_short_column_rules_of_a_one_line_header_row_are_found(tesseract: None) -> None:
    blocks = read_blocks(scanned(PAIRS / "nsk_plan.pdf"), "nsk_plan_scan.pdf")
    [table] = [b for b in blocks.items if isinstance(b, Table)]
    assert [c.text for c in table.rows[0]] == ["№ п/п", "Мероприятие", "Ответственный", "Срок"]
    assert table.rows[1][0].text == "1. Организационные мероприятия"


@pytest.mark.ocr
def test_lonely_item_numbers_in_tall_cells_are_read(tesseract: None) -> None:
    blocks = read_blocks(scanned(PAIRS / "kostroma.pdf", angle=-0.6), "kostroma_scan.pdf")
    plan = next(b for b in blocks.items if isinstance(b, Table) and len(b.rows) > 3)
    assert [row[0].text for row in plan.rows[1:4]] == ["1", "2", "3"]  # `4` still reads `И` at times
