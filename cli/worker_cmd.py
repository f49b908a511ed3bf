"""`nok worker [--processes N]`: work through the ingest queue (extraction and OCR).

Run one per machine with N processes (N = its cores); on other machines point
`NOK_DATABASE_URL`, `NOK_QUEUE_URL` (redis://...) and `NOK_BLOB_DIR` (a shared folder) at the
same database, queue and blob store. Stops on Ctrl+C / SIGTERM after the files in hand.
"""

from __future__ import annotations

import argparse
import logging
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "worker",
        help="обрабатывать очередь загрузки (распознавание файлов)",
        description="Обрабатывает файлы из очереди: извлечение реквизитов и записей, распознавание сканов.",
    )
    parser.add_argument(
        "--processes", type=int, default=1, metavar="N", help="число процессов (по умолчанию 1)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import OperationalError

    from db.engine import get_engine
    from db.migrate import upgrade
    from db.settings import get_settings
    from docstore.queue import QueueUnavailable, get_queue, run_worker

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    if args.processes < 1:
        print("nok worker: число процессов должно быть не меньше 1", file=sys.stderr)
        return 2
    try:
        upgrade(get_engine())
        huey = get_queue()
    except OperationalError as error:
        print(f"nok worker: база данных недоступна: {error.orig}", file=sys.stderr)
        return 2
    except QueueUnavailable as error:
        print(f"nok worker: {error.message}", file=sys.stderr)
        return 2
    settings = get_settings()
    print(
        f"nok worker: очередь {settings.queue_url} ({settings.queue_name}), процессов: {args.processes}",
        file=sys.stderr,
        flush=True,
    )
    try:
        run_worker(processes=args.processes, huey=huey)
    except QueueUnavailable as error:
        print(f"nok worker: {error.message}", file=sys.stderr)
        return 2
    return 0
