"""`nok check`: every version's original against its sha256; versions without blobs, blobs
without versions. One line per finding (level: message) and a summary line on stdout, progress
on stderr. Exit status 0 when the store is clean, 1 when a problem was found, 2 when the
database cannot be read."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help="проверить хранилище оригиналов (контрольные суммы, пропавшие и лишние файлы)",
        description="Сверяет оригинал каждой версии с её sha256, ищет версии без файлов и файлы без версий.",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from cli.progress import run_with_progress
    from db.engine import get_engine
    from docstore.check import LEVELS_RU, check_store

    report = run_with_progress(
        "check",
        lambda progress: check_store(
            get_engine(), progress=lambda done, total: progress("проверено", done, total)
        ),
    )
    if report is None:
        return 2
    for message in report.messages:
        print(f"{LEVELS_RU[message.level]}: {message.message}")
    print(report.summary())
    return 0 if report.clean else 1
