"""Backup and restore round-trip of the demo plus N generated documents, on SQLite and PostgreSQL.

Claim (issue 12): `nok backup` then `nok restore` into an empty installation gives the same rows
in every table and the same originals (sha256 of every blob), and `nok check` finds the restored
store clean. Printed per backend: the times of `docstore.backup.backup` and `restore` (and of
`check_store` on the restored installation) beside the baseline from the same run, a bare copy
of the same bytes (the SQLite file and the blob folder with shutil; `pg_dump` alone, then the blob
folder, for PostgreSQL): what a backup cannot go below.

Run: .venv/bin/python benchmarks/backup.py [--docs 1000] [--no-postgres]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine  # noqa: E402

from benchmarks.ingest import database, make_docx  # noqa: E402
from docstore import backup as backup_module  # noqa: E402
from docstore.backup import backup, restore  # noqa: E402
from docstore.check import check_store  # noqa: E402
from docstore.demo.load import load_demo  # noqa: E402
from docstore.ingest import ingest_paths  # noqa: E402


def fill(engine: Engine, folder: Path, blob_dir: Path, docs: list[Path]) -> None:
    """The demo, then the generated orders, through the ingest pipeline."""
    load_demo(engine, folder / f"demo-{uuid.uuid4().hex[:6]}", blob_dir=blob_dir)
    summary = ingest_paths(docs, engine=engine, blob_dir=blob_dir)
    if summary.failed:
        print(f"  ({len(summary.failed)} generated files failed: {summary.failed[0].message})")


def timed(run: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    value = run()
    return time.perf_counter() - start, value


def bare_copy(engine: Engine, blob_dir: Path, target: Path) -> float:
    """Seconds to copy the same bytes with nothing checked: the baseline."""
    start = time.perf_counter()
    target.mkdir()
    if engine.dialect.name == "sqlite":
        shutil.copyfile(str(engine.url.database), target / "database.sqlite")
    else:
        backup_module._run_pg_tool("pg_dump", engine.url, ["--format=custom", f"--file={target / 'dump'}"])
    shutil.copytree(blob_dir, target / "blobs")
    return time.perf_counter() - start


def round_trip(backend: str, folder: Path, docs: list[Path]) -> None:
    with database(backend, folder) as source, database(backend, folder) as target:
        source_blobs, target_blobs = folder / f"{backend}-blobs", folder / f"{backend}-restored-blobs"
        seconds, _ = timed(lambda: fill(source, folder, source_blobs, docs))
        print(f"{backend}: demo + {len(docs)} documents loaded in {seconds:.0f} s")
        baseline = bare_copy(source, source_blobs, folder / f"{backend}-bare")
        made_in, made = timed(lambda: backup(source, folder / f"{backend}-backup", blob_dir=source_blobs))
        restored_in, _ = timed(lambda: restore(target, folder / f"{backend}-backup", blob_dir=target_blobs))
        checked_in, report = timed(lambda: check_store(target, blob_dir=target_blobs))
        again = backup(target, folder / f"{backend}-backup-of-restored", blob_dir=target_blobs)
        manifest = made.manifest  # type: ignore[attr-defined]
        same_rows = again.manifest.tables == manifest.tables
        same_blobs = again.manifest.blob_files == manifest.blob_files
        size = sum(f.size for f in manifest.files) / 1e6
        print(f"  {manifest.contents_ru()}; копия {size:.1f} МБ, таблиц {len(manifest.tables)}")
        print(f"  {'step':<28} {'seconds':>8}")
        print(f"  {'nok backup':<28} {made_in:>8.2f}")
        print(f"  {'nok restore':<28} {restored_in:>8.2f}")
        print(f"  {'nok check (restored)':<28} {checked_in:>8.2f}")
        print(f"  {'baseline: bare copy':<28} {baseline:>8.2f}")
        print(
            f"  same rows in every table: {same_rows}; same originals (sha256): {same_blobs}; "
            f"check clean: {report.clean}"  # type: ignore[attr-defined]
        )
        if not (same_rows and same_blobs and report.clean):  # type: ignore[attr-defined]
            raise SystemExit(f"{backend}: the round trip changed the installation")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    backends = ["sqlite"] if args.no_postgres else ["sqlite", "postgresql"]
    with tempfile.TemporaryDirectory(prefix="nok-bench-") as tmp:
        folder = Path(tmp)
        rng = random.Random(42)
        (folder / "docs").mkdir()
        docs = []
        for i in range(args.docs):
            path = folder / "docs" / f"order_{i:05d}.docx"
            path.write_bytes(make_docx(rng, 50_000 + i))
            docs.append(path)
        for backend in backends:
            round_trip(backend, folder, docs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
