"""Extraction speed: nok's readers beside the bare libraries doing the same reading.

Claim: reading a typed DOCX/PDF into Blocks costs at most 1.5x the bare library read
(python-docx: load + walk paragraphs and table cells; pdfplumber: extract_text +
extract_tables on every page); a scanned page costs about what Tesseract alone costs
on the same 300 dpi page image.

Run: .venv/bin/python benchmarks/extract.py [--repeat N] [--no-ocr]
Times are the best of N interleaved rounds (the scan: one round after a warm-up).
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / "tests" / "corpus"


def bare_docx(data: bytes) -> int:
    """python-docx as a script would use it: every paragraph and every cell's text."""
    from docx import Document

    document = Document(io.BytesIO(data))
    count = sum(len(p.text) for p in document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            count += sum(len(cell.text) for cell in row.cells)
    return count


def bare_pdf(data: bytes) -> int:
    """pdfplumber as a script would use it: the page text and the tables of every page."""
    import pdfplumber

    count = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            count += len(page.extract_text() or "")
            count += len(page.extract_tables())
    return count


def bare_ocr(data: bytes) -> int:
    """Render every page at 300 dpi and run Tesseract on it, one page after the other."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    count = 0
    for index in range(len(document)):
        image = document[index].render(scale=300 / 72, grayscale=True).to_pil().convert("L")
        buffer = io.BytesIO()
        image.save(buffer, format="PPM")
        result = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", "rus", "--psm", "3", "tsv"],
            input=buffer.getvalue(),
            capture_output=True,
            check=True,
        )
        count += len(result.stdout)
    document.close()
    return count


def ours_blocks(data: bytes, name: str) -> int:
    from extract.readers import read_blocks

    return len(read_blocks(data, name).items)


def ours_full(data: bytes, name: str) -> int | None:
    """The whole `extract_document` (reader + recognizers), when the recognizers import."""
    from extract import extract_document

    return len(extract_document(data, name).text)


def timed(functions: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Best wall time in milliseconds of each function, runs interleaved (one of each per round,
    after a warm-up round that loads the modules), so a busy machine slows all sides alike."""
    best = {name: float("inf") for name in functions}
    for round_number in range(repeat + 1):
        for name, function in functions.items():
            start = time.perf_counter()
            function()
            if round_number:
                best[name] = min(best[name], (time.perf_counter() - start) * 1000)
    return best


def page_count(data: bytes, name: str) -> int | None:
    from extract.readers import read_blocks

    return read_blocks(data, name).pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed rounds per typed file (best of)")
    parser.add_argument("--no-ocr", action="store_true", help="skip the scanned PDF")
    args = parser.parse_args()

    files = sorted(CORPUS.glob("*.docx")) + sorted(CORPUS.glob("*.pdf"))
    try:
        ours_full(files[0].read_bytes(), files[0].name)
        full_available = True
    except Exception as error:  # the recognizers may not be there yet in a partial checkout
        print(f"(extract_document unavailable: {type(error).__name__}: {error}; reader only)")
        full_available = False

    header = (
        f"{'file':40} {'pages':>5} {'blocks ms':>10} {'ms/page':>8} {'full ms':>8} "
        f"{'bare ms':>8} {'blocks/bare':>11} {'full/bare':>9}"
    )
    print(header)
    print("-" * len(header))
    for path in files:
        data = path.read_bytes()
        scanned = "scan" in path.name
        if scanned and args.no_ocr:
            continue
        repeat = 1 if scanned else args.repeat
        pages = page_count(data, path.name)
        if path.suffix == ".docx":
            bare = bare_docx
        elif scanned:
            bare = bare_ocr
        else:
            bare = bare_pdf
        functions: dict[str, Callable[[], object]] = {
            "blocks": lambda d=data, n=path.name: ours_blocks(d, n),
            "bare": lambda d=data, f=bare: f(d),
        }
        if full_available:
            functions["full"] = lambda d=data, n=path.name: ours_full(d, n)
        best = timed(functions, repeat)
        blocks_ms, bare_ms, full_ms = best["blocks"], best["bare"], best.get("full")
        per_page = f"{blocks_ms / pages:8.1f}" if pages else f"{'-':>8}"
        full = f"{full_ms:8.1f}" if full_ms is not None else f"{'-':>8}"
        full_ratio = f"{full_ms / bare_ms:9.2f}" if full_ms is not None else f"{'-':>9}"
        print(
            f"{path.name:40} {pages or '-':>5} {blocks_ms:10.1f} {per_page} {full} "
            f"{bare_ms:8.1f} {blocks_ms / bare_ms:11.2f} {full_ratio}"
        )
    print()
    print("blocks = extract.readers.read_blocks (what the bare library does, plus layout);")
    print("full = extract.extract_document (blocks + all recognizers);")
    print("bare = python-docx walk / pdfplumber extract_text+extract_tables / pdfium+tesseract per page.")
    print("OCR runs pages in parallel (up to the CPU count); the bare OCR runs them one by one.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
