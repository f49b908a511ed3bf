"""Cut the small page images the OCR clean-up tests use out of the public real-scan copies.

    python tests/extract/scans/cut_fixtures.py

Each image is a part of a page of `tests/corpus/real_scans` at the copy's own resolution, so a
test proves a step on a real page without reading a whole document: the last page of the
Magadan order (a ruled table with the seal and the signature over its last rows) as a phone
photo (whole page, 150 dpi), a colour scan (200 dpi) and an office scan (300 dpi, black and
white); the blank lower half of that page of the office scan (dust only); and the top of the
last page of the Yaroslavl order (a genre fixture) as a colour copy made with `--seed 2026`,
where the pen signature is drawn across the last row's column rule and the rule under it (kept
lossless: JPEG's own re-encoding blurs the blue into the rule enough to hide the loss); and
the address `www.bus.gov.ru` in a cell of the Ryazan plan's office scan.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import cv2

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from extract.readers.ocr import _render  # noqa: E402

SOURCE = str(ROOT / "tests" / "corpus" / "real_scans" / "{}.pdf")
MADE = Path(tempfile.gettempdir()) / "nok-cut-fixtures"


def _made_copy(source: Path, seed: int, kind: str) -> Path:
    """A copy of `source` made by the real-scan generator with `seed` (kept between runs)."""
    out = MADE / f"seed{seed}"
    made = out / f"{source.stem}_{kind}.pdf"
    if not made.exists():
        out.mkdir(parents=True, exist_ok=True)
        generator = ROOT / "tests" / "corpus" / "make_real_scans.py"
        command = [sys.executable, str(generator), str(out), str(source), "--seed", str(seed)]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=out)
    return made


def main() -> None:
    yaroslavl = _made_copy(ROOT / "tests" / "extract" / "genre" / "yaroslavl_2021_order.pdf", 2026, "colour")
    for copy, number, box, name in (
        ("magadan_2017_order64_phone", 3, None, "phone_last_page_150dpi.jpg"),
        ("magadan_2017_order64_colour", 3, (0.0, 0.0, 1.0, 0.5), "colour_signed_table_200dpi.jpg"),
        ("magadan_2017_order64_office", 3, (0.0, 0.0, 1.0, 0.5), "office_signed_table_300dpi.png"),
        ("magadan_2017_order64_office", 3, (0.0, 0.55, 1.0, 0.75), "office_blank_dust_300dpi.png"),
        (yaroslavl, 3, (0.0, 0.0, 1.0, 0.3), "colour_signature_across_rules_200dpi.png"),
        ("ryazan_plan_graph_office", 1, (0.17, 0.695, 0.315, 0.72), "office_address_300dpi.png"),
    ):
        path = copy if isinstance(copy, Path) else Path(SOURCE.format(copy))
        [(_, page)] = _render(path.read_bytes(), [number])
        pixels = page.pixels
        if box is not None:
            height, width = pixels.shape[:2]
            rows = slice(round(box[1] * height), round(box[3] * height))
            pixels = pixels[rows, round(box[0] * width) : round(box[2] * width)]
        if pixels.ndim == 3:
            pixels = cv2.cvtColor(pixels, cv2.COLOR_RGB2BGR)
        # the black-and-white pages are stored in grey: pdfium renders a lone dust pixel grey
        params = [cv2.IMWRITE_JPEG_QUALITY, 88] if name.endswith(".jpg") else [cv2.IMWRITE_PNG_COMPRESSION, 9]
        cv2.imwrite(str(HERE / name), pixels, params)
        print(name, pixels.shape, (HERE / name).stat().st_size // 1024, "KB")


if __name__ == "__main__":
    main()
