"""Run every benchmark, one after another, each printing its figures beside its baseline.

Usage: `make bench` or `.venv/bin/python benchmarks/run_all.py [--quick]`. `--quick` passes
smaller sizes where a script has them (for a smoke run, not for the figures in a note).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

BENCHMARKS: tuple[tuple[str, list[str], list[str]], ...] = (
    ("extract_quality.py", [], []),
    ("extract.py", [], ["--repeat", "3", "--no-ocr"]),
    ("ocr_speed.py", [], ["--repeat", "1", "--no-ten"]),
    ("control.py", [], ["--repeat", "3"]),
    ("ingest.py", [], ["--docs", "100", "--search-docs", "1000", "--queue-docs", "100", "--scans", "4"]),
    ("search_bounds.py", [], ["--docs", "300", "--before", "125,250"]),
    ("backup.py", [], ["--docs", "50"]),
    ("pages.py", [], ["--repeat", "1"]),
)


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    failed = []
    for script, args, quick_args in BENCHMARKS:
        print(f"\n===== {script} =====", flush=True)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(HERE / script), *(quick_args if quick else args)])
        print(f"----- {script}: {time.perf_counter() - started:.1f} s, exit {result.returncode}", flush=True)
        if result.returncode != 0:
            failed.append(script)
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
