"""Print the per-section field F1 of `nok extract` on every corpus file (and the mean), the same for
the genre fixtures (`tests/extract/genre`: other regions and layouts), and for copies as staff
upload signed documents: a table per kind of copy (office / colour / phone) with the micro F1 of
the kind, for the public copies (`tests/corpus/real_scans`) and for a held-out set made on the
fly with other seeds and other documents.

Usage: `python benchmarks/extract_quality.py [CORPUS_DIR] [--no-ocr] [--no-heldout]`. The
baseline column is the ideal 1.000 of the hand-written goldens; the scoring is
`tests/extract/scoring.py`. The held-out copies are made by `tests/corpus/make_real_scans.py`
(needs the test dependencies, `augraphy` among them) into a temporary folder kept between runs
(`$TMPDIR/nok-heldout-<hash>`): the genre fixtures' PDFs with `--seed 2026` and the corpus PDFs
with `--seed 7`. Targets (issue 10): micro F1 office >= 0.97, colour >= 0.95, phone >= 0.90.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract import extract_document  # noqa: E402
from tests.extract.scoring import (  # noqa: E402
    SECTIONS,
    SectionScore,
    format_table,
    micro_f1,
    overall_f1,
    score_extraction,
)

DEFAULT_CORPUS = ROOT / "tests" / "corpus"
GENRE = ROOT / "tests" / "extract" / "genre"
REAL_SCANS = DEFAULT_CORPUS / "real_scans"
MAKE_REAL_SCANS = DEFAULT_CORPUS / "make_real_scans.py"
KINDS = ("office", "colour", "phone")
TARGETS = {"office": 0.97, "colour": 0.95, "phone": 0.90}
HELD_OUT: tuple[tuple[int, tuple[Path, ...]], ...] = (
    (2026, tuple(sorted(p for p in GENRE.glob("*.pdf") if Path(f"{p}.expected.json").exists()))),
    (
        7,
        tuple(
            DEFAULT_CORPUS / name
            for name in (
                "magadan_2017_order64.pdf",
                "ryazan_plan_graph.pdf",
                "tula_2020_order83.pdf",
                "vladimir_2018_ratings.pdf",
            )
        ),
    ),
)

Scored = list[tuple[str, dict[str, SectionScore]]]


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    corpus = Path(args[0]) if args else DEFAULT_CORPUS
    skip_ocr = "--no-ocr" in argv
    print_table(corpus, skip_ocr)
    print("\ngenre fixtures (tests/extract/genre)")
    print_table(GENRE, skip_ocr)
    if skip_ocr:
        return 0
    print("\n\ncopies as staff upload them: public (tests/corpus/real_scans, --seed 1)")
    public = print_kinds([REAL_SCANS])
    held = None
    if "--no-heldout" not in argv:
        folders = held_out_copies()
        print("\n\nheld-out copies (other seeds, other documents): " + ", ".join(str(f) for f in folders))
        held = print_kinds(folders)
    print("\n\nmicro F1 per kind of copy (target)")
    print(f"{'kind':8} {'public':>8} {'held-out':>9} {'target':>7}")
    for kind in KINDS:
        other = f"{held[kind]:9.3f}" if held else f"{'-':>9}"
        print(f"{kind:8} {public[kind]:8.3f} {other} {TARGETS[kind]:7.2f}")
    return 0


def score_folder(folder: Path, skip_ocr: bool = False) -> tuple[Scored, dict[str, float]]:
    """Every file with a golden in `folder`: its scores and the seconds it took."""
    rows: Scored = []
    seconds = {}
    for path in sorted(folder.iterdir()):
        golden = path.with_name(path.name + ".expected.json")
        if path.suffix not in (".docx", ".pdf") or not golden.exists():
            continue
        if skip_ocr and path.name.endswith("_scan.pdf"):
            continue
        started = time.perf_counter()
        got = extract_document(path.read_bytes(), path.name).to_json()
        seconds[path.name] = time.perf_counter() - started
        rows.append((path.name, score_extraction(got, json.loads(golden.read_text(encoding="utf-8")))))
    return rows, seconds


def print_table(corpus: Path, skip_ocr: bool) -> None:
    """One line per file with a golden in `corpus`, the mean, the baseline and the seconds."""
    rows, seconds = score_folder(corpus, skip_ocr)
    print(format_table(rows))
    means = {s: sum(r[1][s].f1 for r in rows) / len(rows) for s in SECTIONS}
    print(f"{'mean':42} " + " ".join(f"{means[s]:11.3f}" for s in SECTIONS), end=" ")
    print(f"{sum(overall_f1(r[1]) for r in rows) / len(rows):8.3f}")
    print(f"{'baseline (golden)':42} " + " ".join(f"{1.0:11.3f}" for _ in SECTIONS) + f" {1.0:8.3f}")
    print("\nseconds per file: " + ", ".join(f"{k} {v:.2f}" for k, v in seconds.items()))


def print_kinds(folders: list[Path]) -> dict[str, float]:
    """A table per kind of copy (`_office`, `_colour`, `_phone` files) with its micro F1."""
    rows: Scored = []
    seconds: dict[str, float] = {}
    for folder in folders:
        found, took = score_folder(folder)
        prefix = "" if folder == REAL_SCANS else f"{folder.name}/"
        rows += [(prefix + name, scores) for name, scores in found]
        seconds |= {prefix + name: s for name, s in took.items()}
    micro = {}
    for kind in KINDS:
        chosen = [(name, scores) for name, scores in rows if Path(name).stem.endswith(f"_{kind}")]
        micro[kind] = micro_f1([scores for _, scores in chosen])
        print(f"\n{kind}")
        print(format_table(chosen))
        print(f"{'micro F1 (' + kind + ')':42} {micro[kind]:8.3f}   target {TARGETS[kind]:.2f}")
        took = [seconds[name] for name, _ in chosen]
        print(f"seconds per file: mean {sum(took) / max(len(took), 1):.1f}, max {max(took, default=0):.1f}")
    return micro


def held_out_copies() -> list[Path]:
    """The held-out copies, made once per generator and source set into a kept temp folder."""
    digest = hashlib.sha256(MAKE_REAL_SCANS.read_bytes())
    for seed, sources in HELD_OUT:
        digest.update(f"{seed}:{','.join(p.name for p in sources)}".encode())
        for source in sources:
            digest.update(source.read_bytes())
    base = Path(tempfile.gettempdir()) / f"nok-heldout-{digest.hexdigest()[:12]}"
    folders = []
    for seed, sources in HELD_OUT:
        folder = base / f"seed{seed}"
        folders.append(folder)
        if (folder / ".done").exists():
            continue
        folder.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, str(MAKE_REAL_SCANS), str(folder), *map(str, sources), "--seed", str(seed)]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=folder)  # augraphy caches in cwd
        (folder / ".done").write_text("ok\n")
    return folders


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
