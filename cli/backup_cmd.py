"""`nok backup DIR`: a consistent snapshot of the database (SQLite's online backup API, or
pg_dump) and of every version's original, with a manifest of checksums and row counts, into a
new or empty folder. Exit status 0; 1 when originals were missing or damaged (the copy is
written, the summary says how many; see `nok check`); 2 when no copy could be made."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "backup",
        help="резервная копия базы данных и оригиналов",
        description="Пишет согласованную копию базы данных и оригиналов с описью контрольных сумм в папку.",
    )
    parser.add_argument("directory", type=Path, metavar="ПАПКА", help="новая или пустая папка для копии")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from cli.progress import run_with_progress
    from db.engine import get_engine
    from docstore.backup import backup

    result = run_with_progress(
        "backup", lambda progress: backup(get_engine(), args.directory, progress=progress)
    )
    if result is None:
        return 2
    for where in result.missing:
        print(f"nok backup: нет оригинала: {where}", file=sys.stderr)
    for where in result.damaged:
        print(f"nok backup: оригинал повреждён (скопирован как есть): {where}", file=sys.stderr)
    print(result.summary())
    return 1 if result.missing or result.damaged else 0
