"""`nok init`: create or upgrade the database to the newest schema (idempotent)."""

from __future__ import annotations

import argparse
import sys

from sqlalchemy.exc import OperationalError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("init", help="создать или обновить базу данных")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from db.engine import get_engine
    from db.migrate import upgrade

    engine = get_engine()
    try:
        before, after = upgrade(engine)
    except OperationalError as error:
        print(
            f"nok init: база данных недоступна ({engine.url.render_as_string()}): {error.orig}",
            file=sys.stderr,
        )
        return 2
    url = engine.url.render_as_string(hide_password=True)
    if before == after:
        print(f"База данных {url} уже в актуальном состоянии (ревизия {after}).")
    else:
        print(f"База данных {url} обновлена: {before or 'пусто'} -> {after}.")
    return 0
