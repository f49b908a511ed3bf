"""OCR time per page for each kind of copy (office / colour / phone) with all clean-up on, beside
bare `tesseract -l rus` on the same page image in the same run; the same page cleaned by unpaper
(what OCRmyPDF and Paperless-ngx use) when it is installed; and a 10-page colour scan end to end.

Usage: `python benchmarks/ocr_speed.py [--repeat N] [--pages-of-ten]`. Each page is the first
page of the public copy of `tula_2020_order83` (an order with a ruled plan table) of that kind.
For every page: seconds for nok (render excluded: clean-up, rules, Tesseract, re-read of empty
cells), for bare Tesseract on the page's own image (PNG at its own resolution), their ratio
(target <= 1.5), and the word recall of both against the typed PDF's words of that page. The
machine is shared: the figures are the median of `--repeat` runs, interleaved, and the load
average is printed beside them.
"""

from __future__ import annotations

import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import cv2  # noqa: E402
import pdfplumber  # noqa: E402

from extract import extract_document  # noqa: E402
from extract.readers import ocr  # noqa: E402
from extract.readers.cleanup import ScanPage, clean_page  # noqa: E402

REAL_SCANS = ROOT / "tests" / "corpus" / "real_scans"
TYPED = ROOT / "tests" / "corpus" / "tula_2020_order83.pdf"
KINDS = ("office", "colour", "phone")


def typed_words(page: int) -> Counter[str]:
    with pdfplumber.open(TYPED) as pdf:
        return Counter(w["text"] for w in pdf.pages[page - 1].extract_words())


def recall(words: list[str], truth: Counter[str]) -> float:
    return sum((Counter(words) & truth).values()) / max(sum(truth.values()), 1)


def bare_tesseract(image: ScanPage, folder: Path) -> tuple[float, list[str]]:
    """Seconds and words of `tesseract FILE - -l rus` on the page image as a PNG file."""
    path = folder / "page.png"
    pixels = image.pixels if image.pixels.ndim == 2 else cv2.cvtColor(image.pixels, cv2.COLOR_RGB2BGR)
    cv2.imwrite(str(path), pixels)
    started = time.perf_counter()
    result = subprocess.run(
        ["tesseract", str(path), "-", "-l", "rus", "--dpi", str(round(image.dpi))],
        capture_output=True,
        check=True,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    )
    took = time.perf_counter() - started
    return took, result.stdout.decode("utf-8", errors="replace").split()


def nok_read(image: ScanPage) -> tuple[float, list[str]]:
    """Seconds and words of nok's reading of the rendered page (clean-up, rules, OCR)."""
    started = time.perf_counter()
    page = ocr._read_page((1, image))
    return time.perf_counter() - started, [w.text for w in page.words]


def unpaper_read(image: ScanPage, folder: Path) -> tuple[float, list[str]] | None:
    """Seconds and words of unpaper (default clean-up, deskew on) then Tesseract on its output:
    OCRmyPDF's `--clean` path. None when unpaper is not installed."""
    if shutil.which("unpaper") is None:
        return None
    source, target = folder / "in.pgm", folder / "out.pgm"
    grey = image.pixels if image.pixels.ndim == 2 else cv2.cvtColor(image.pixels, cv2.COLOR_RGB2GRAY)
    cv2.imwrite(str(source), grey)
    target.unlink(missing_ok=True)
    started = time.perf_counter()
    subprocess.run(["unpaper", "-q", "--dpi", str(round(image.dpi)), str(source), str(target)], check=True)
    result = subprocess.run(
        ["tesseract", str(target), "-", "-l", "rus", "--dpi", str(round(image.dpi))],
        capture_output=True,
        check=True,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    )
    took = time.perf_counter() - started
    return took, result.stdout.decode("utf-8", errors="replace").split()


def ten_page_colour_scan() -> bytes:
    """A 10-page colour scan: the pages of the public colour copies, one after another."""
    import pypdfium2 as pdfium

    target = pdfium.PdfDocument.new()
    for path in sorted(REAL_SCANS.glob("*_colour.pdf")):
        source = pdfium.PdfDocument(path.read_bytes())
        take = min(len(source), 10 - len(target))
        if take > 0:
            target.import_pages(source, list(range(take)))
        source.close()
    buffer = io.BytesIO()
    target.save(buffer)
    return buffer.getvalue()


def main(argv: list[str]) -> int:
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 3
    page_number = 1
    truth = typed_words(page_number)
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (shared machine)")
    print(f"page {page_number} of tula_2020_order83, median of {repeat} interleaved runs")
    head = f"{'kind':7} {'dpi':>4} {'bare s':>7} {'nok s':>7} {'ratio':>6} {'unpaper s':>10}"
    print(head + f" {'recall bare':>12} {'recall nok':>11} {'recall unpaper':>15}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for kind in KINDS:
            data = (REAL_SCANS / f"tula_2020_order83_{kind}.pdf").read_bytes()
            [(_, image)] = ocr._render(data, [page_number])
            bare, nok, unpaper = [], [], []
            for _ in range(repeat):
                bare.append(bare_tesseract(image, folder))
                nok.append(nok_read(image))
                if (found := unpaper_read(image, folder)) is not None:
                    unpaper.append(found)
            b = statistics.median(t for t, _ in bare)
            n = statistics.median(t for t, _ in nok)
            u = f"{statistics.median(t for t, _ in unpaper):10.1f}" if unpaper else f"{'-':>10}"
            ru = f"{recall(unpaper[0][1], truth):15.3f}" if unpaper else f"{'-':>15}"
            print(
                f"{kind:7} {image.dpi:4.0f} {b:7.1f} {n:7.1f} {n / b:6.2f} {u} "
                f"{recall(bare[0][1], truth):12.3f} {recall(nok[0][1], truth):11.3f} {ru}"
            )
    print("\nclean-up steps alone (ms, last page read above):")
    for kind in KINDS:
        data = (REAL_SCANS / f"tula_2020_order83_{kind}.pdf").read_bytes()
        [(_, image)] = ocr._render(data, [page_number])
        started = time.perf_counter()
        clean_page(image)
        print(f"  {kind:7} {1000 * (time.perf_counter() - started):6.0f} ms")
    if "--no-ten" not in argv:
        data = ten_page_colour_scan()
        started = time.perf_counter()
        extract_document(data, "ten_pages_colour.pdf")
        took = time.perf_counter() - started
        print(
            f"\n10-page colour scan end to end: {took:.1f} s on {os.cpu_count()} cores "
            f"(target <= 60 s; load average now {os.getloadavg()[0]:.1f})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
