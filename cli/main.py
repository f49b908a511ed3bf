"""`nok`: the command-line entry point. Each subcommand lives in its own module with
`register(subparsers)`; errors meant for users are printed as one line, never a traceback."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

SUBCOMMANDS = (
    "init",
    "serve",
    "extract",
    "overdue",
    "demo",
    "ingest",
    "worker",
    "watch",
    "dedupe",
    "check",
    "backup",
    "restore",
    "search",
    "user",
    "export",
    "ratings",
)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every subcommand, or with `only` that one: `nok extract` must not pay for
    (or depend on) the database and Streamlit imports of the other subcommands' modules."""
    parser = argparse.ArgumentParser(
        prog="nok",
        description="nok: документы и мониторинг независимой оценки качества (НОК).",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="КОМАНДА", required=True)
    for name in SUBCOMMANDS if only is None else (only,):
        importlib.import_module(f"cli.{name}_cmd").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    chosen = argv[0] if argv and argv[0] in SUBCOMMANDS else None
    args = build_parser(chosen).parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        print("nok: прервано пользователем", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
