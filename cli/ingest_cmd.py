"""`nok ingest PATH... [--as LOGIN]`: store files and folders (recursively), extract, write records.

A text progress bar goes to stderr, the summary (new, duplicate, failed) to stdout, and each
failed file costs one line on stderr with its reason. Exit status 0 when nothing failed, 2
otherwise. Idempotent: files already stored are reported as duplicates.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ingest",
        help="загрузить документы (файлы или папки) в хранилище",
        description="Сохраняет оригиналы, извлекает реквизиты и записи, пишет их в базу данных.",
    )
    parser.add_argument("paths", nargs="+", metavar="ПУТЬ", help="файлы DOCX/PDF или папки (рекурсивно)")
    parser.add_argument(
        "--as", dest="login", metavar="ЛОГИН", help="от имени пользователя (по умолчанию система)"
    )
    parser.set_defaults(handler=run)


class ProgressBar:
    """`[#####.....] 3/12 name: step` redrawn in place on a terminal; one line per file otherwise."""

    def __init__(self, stream: TextIO | None = None, width: int = 30) -> None:
        self.stream = stream or sys.stderr
        self.width = width
        self.tty = self.stream.isatty()
        self.last_index = -1

    def __call__(self, event) -> None:  # type: ignore[no-untyped-def]
        from docstore.ingest import STEP_TITLES_RU

        done = event.index + (1 if event.step == "done" else 0)
        filled = int(self.width * done / max(event.total, 1))
        bar = "#" * filled + "." * (self.width - filled)
        step = STEP_TITLES_RU.get(event.step, event.step)
        text = f"[{bar}] {event.index + 1}/{event.total} {event.filename}: {step}"
        if self.tty:
            self.stream.write("\r\033[K" + text[:200])
            self.stream.flush()
        elif event.index != self.last_index:
            self.stream.write(f"[{event.index + 1}/{event.total}] {event.filename}\n")
        self.last_index = event.index

    def close(self) -> None:
        if self.tty and self.last_index >= 0:
            self.stream.write("\n")


def run(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import OperationalError
    from sqlmodel import Session, select

    from db.engine import get_engine
    from db.migrate import upgrade
    from db.models import User
    from docstore.ingest import ingest_paths

    engine = get_engine()
    try:
        upgrade(engine)
    except OperationalError as error:
        print(f"nok ingest: база данных недоступна: {error.orig}", file=sys.stderr)
        return 2
    user = None
    if args.login:
        with Session(engine, expire_on_commit=False) as session:
            user = session.exec(select(User).where(User.login == args.login)).first()
        if user is None:
            print(f"nok ingest: пользователь «{args.login}» не найден", file=sys.stderr)
            return 2
    bar = ProgressBar()
    try:
        summary = ingest_paths(args.paths, engine=engine, user=user, progress=bar)
    finally:
        bar.close()
    new = summary.with_status("new")
    versions = summary.with_status("new_version")
    print(
        f"Обработано файлов: {len(summary.results)}; новых: {len(new)}, новых версий: {len(versions)}, "
        f"дубликатов: {len(summary.duplicate)}, с ошибками: {len(summary.failed)}."
    )
    flagged = sorted({name for r in summary.results for name in r.flagged_organizations})
    if flagged:
        print("Требуют подтверждения учреждения (похожи на уже известные): " + "; ".join(flagged))
    for result in summary.failed:
        print(f"nok ingest: {result.filename}: {result.message}", file=sys.stderr)
    return 2 if summary.failed else 0
