"""Print the per-section field F1 of `nok extract` on every corpus file (and the mean), then the
same for the genre fixtures (`tests/extract/genre`: other regions and layouts).

Usage: `python benchmarks/extract_quality.py [CORPUS_DIR] [--no-ocr]`. The baseline column is
the ideal 1.000 of the hand-written goldens; the scoring is `tests/extract/scoring.py`.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract import extract_document  # noqa: E402
from tests.extract.scoring import SECTIONS, format_table, overall_f1, score_extraction  # noqa: E402

DEFAULT_CORPUS = ROOT / "tests" / "corpus"
GENRE = ROOT / "tests" / "extract" / "genre"


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    corpus = Path(args[0]) if args else DEFAULT_CORPUS
    skip_ocr = "--no-ocr" in argv
    print_table(corpus, skip_ocr)
    print("\ngenre fixtures (tests/extract/genre)")
    print_table(GENRE, skip_ocr)
    return 0


def print_table(corpus: Path, skip_ocr: bool) -> None:
    """One line per file with a golden in `corpus`, the mean, the baseline and the seconds."""
    rows = []
    seconds = {}
    for path in sorted(corpus.iterdir()):
        golden = path.with_name(path.name + ".expected.json")
        if path.suffix not in (".docx", ".pdf") or not golden.exists():
            continue
        if skip_ocr and path.name.endswith("_scan.pdf"):
            continue
        started = time.perf_counter()
        got = extract_document(path.read_bytes(), path.name).to_json()
        seconds[path.name] = time.perf_counter() - started
        rows.append((path.name, score_extraction(got, json.loads(golden.read_text(encoding="utf-8")))))
    print(format_table(rows))
    means = {s: sum(r[1][s].f1 for r in rows) / len(rows) for s in SECTIONS}
    print(f"{'mean':42} " + " ".join(f"{means[s]:11.3f}" for s in SECTIONS), end=" ")
    print(f"{sum(overall_f1(r[1]) for r in rows) / len(rows):8.3f}")
    print(f"{'baseline (golden)':42} " + " ".join(f"{1.0:11.3f}" for _ in SECTIONS) + f" {1.0:8.3f}")
    print("\nseconds per file: " + ", ".join(f"{k} {v:.2f}" for k, v in seconds.items()))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
