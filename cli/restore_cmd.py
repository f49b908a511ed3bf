"""`nok restore DIR`: rebuild an EMPTY installation (NOK_DATABASE_URL, NOK_BLOB_DIR) from a
backup of `nok backup`, every file checked against its manifest first. A database with rows or
a blob store with files is refused, as is a backup of the other backend or of a newer nok.
Exit status 0, or 2 with one line on stderr saying why."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "restore",
        help="восстановить пустую установку из резервной копии",
        description="Проверяет резервную копию по описи и восстанавливает из неё базу данных и оригиналы.",
    )
    parser.add_argument("directory", type=Path, metavar="ПАПКА", help="папка копии, сделанной nok backup")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from cli.progress import run_with_progress
    from db.engine import get_engine
    from docstore.backup import restore

    result = run_with_progress(
        "restore", lambda progress: restore(get_engine(), args.directory, progress=progress)
    )
    if result is None:
        return 2
    print(result.summary())
    return 0
