"""`nok watch DIR [--once] [--interval S] [--as LOGIN]`: take in every DOCX/PDF dropped into DIR.

Each file goes through the ingest queue and ends in `DIR/done/`, or in `DIR/failed/` with a
`.reason.txt`; a killed watcher loses nothing (see `docstore.watch`). While no `nok worker`
runs, the watcher works its files itself. `--once` makes one pass and waits for its files.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    from cli.database import add_as_argument

    parser = subparsers.add_parser(
        "watch",
        help="следить за папкой и загружать появляющиеся в ней файлы",
        description="Загружает каждый DOCX/PDF из папки; обработанные переносит в done/, "
        "неудачные — в failed/ с причиной в .reason.txt.",
    )
    parser.add_argument("folder", metavar="ПАПКА", help="папка, куда сканер или СЭД кладут файлы")
    parser.add_argument("--interval", type=float, default=2.0, metavar="С", help="период опроса, секунд")
    parser.add_argument("--once", action="store_true", help="один проход: забрать файлы, дождаться, выйти")
    add_as_argument(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from cli.database import CommandFailed, migrated_engine, user_by_login
    from docstore import jobs
    from docstore.queue import QueueUnavailable, enqueue
    from docstore.watch import WatchedFolder

    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"nok watch: папка «{folder}» не найдена", file=sys.stderr)
        return 2
    try:
        engine = migrated_engine("watch")
        user = user_by_login(engine, args.as_login, "watch")
    except CommandFailed as error:
        print(error, file=sys.stderr)
        return 2

    def put_on_queue(job_ids: list[int]) -> None:
        # if the queue is away the jobs wait in the database: worked here or by a worker's janitor
        with contextlib.suppress(QueueUnavailable):
            enqueue(job_ids)

    watched = WatchedFolder(folder, engine, user=user, enqueue=put_on_queue)
    watched.recover()
    alone = jobs.no_live_worker(engine)
    print(f"nok watch: слежу за «{folder}»", file=sys.stderr, flush=True)
    while True:
        report = watched.run_pass(work_inline=alone())
        for name in report.done:
            print(f"загружен: {name}", flush=True)
        for name, reason in report.failed:
            print(f"не загружен: {name}: {reason}", flush=True)
        if args.once and not watched.pending:
            return 0
        time.sleep(args.interval if not args.once else 0.3)
