"""Bad scans stay clean: a photo with no page in it, an all-black page, a blank scan each end in
`UnreadableDocument` with a clear Russian reason; one dark page among readable ones does not
sink the document."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from extract.errors import UnreadableDocument
from extract.readers import read_blocks
from tests.conftest import CORPUS


def image_pdf(pages: list[np.ndarray], dpi: int = 150) -> bytes:
    """An image-only PDF of the given page images (grey or RGB), as a scanner or phone app writes."""
    images = [Image.fromarray(page) for page in pages]
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return buffer.getvalue()


def reason(data: bytes) -> str:
    with pytest.raises(UnreadableDocument) as caught:
        read_blocks(data, "scan.pdf")
    return caught.value.reason


@pytest.mark.ocr
def test_a_photo_of_a_desk_without_a_page(tesseract):
    desk = np.random.default_rng(7).normal(75, 15, (1754, 1241, 3)).clip(0, 255).astype(np.uint8)
    desk[700:800, 500:600] = (230, 225, 215)  # a cup, not a sheet of paper
    assert "не найден лист" in reason(image_pdf([desk]))


@pytest.mark.ocr
def test_an_all_black_page(tesseract):
    assert "тёмная" in reason(image_pdf([np.full((1754, 1241), 6, np.uint8)]))


@pytest.mark.ocr
def test_a_blank_scan_with_dust(tesseract):
    page = np.full((1754, 1241), 250, np.uint8)
    rng = np.random.default_rng(1)
    page[rng.integers(0, 1754, 400), rng.integers(0, 1241, 400)] = 0  # dust
    assert "пустые" in reason(image_pdf([page, page]))


@pytest.mark.ocr
def test_one_black_page_among_readable_ones_is_skipped_not_fatal(tesseract):
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument((CORPUS / "magadan_2017_order64_scan.pdf").read_bytes())
    first = np.asarray(document[0].render(scale=150 / 72, grayscale=True).to_pil().convert("L"))
    document.close()
    blocks = read_blocks(image_pdf([first, np.full_like(first, 5)]), "scan.pdf")
    assert any("ПРИКАЗ" in p.text for p in blocks.paragraphs)
    assert blocks.warnings and "страница 2" in blocks.warnings[0]
