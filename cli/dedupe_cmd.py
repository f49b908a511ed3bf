"""`nok dedupe [--apply] [--as LOGIN]`: documents stored twice (copies of one act) merged into one.

Without `--apply` it only lists what it would merge (a dry run); with it, each group is merged
in one transaction, keeping every version, correction and audit entry (`docstore.dedupe`).
"""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    from cli.database import add_as_argument

    parser = subparsers.add_parser(
        "dedupe",
        help="объединить документы, загруженные несколько раз (копии одного акта)",
        description="Находит документы с одинаковыми видом, органом, номером и датой и объединяет их "
        "в один: версии, исправления и журнал сохраняются. Без --apply только показывает.",
    )
    parser.add_argument("--apply", action="store_true", help="объединить (без флага — только показать)")
    add_as_argument(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from sqlmodel import Session

    from cli.database import CommandFailed, migrated_engine, user_by_login
    from docstore.dedupe import dedupe
    from docstore.errors import DocstoreError

    try:
        engine = migrated_engine("dedupe")
        user = user_by_login(engine, args.as_login, "dedupe")
    except CommandFailed as error:
        print(error, file=sys.stderr)
        return 2
    try:
        with Session(engine) as session:
            report = dedupe(session, user, apply=args.apply)
            session.commit()
    except DocstoreError as error:
        print(f"nok dedupe: {error.message}", file=sys.stderr)
        return 2
    if not report.groups:
        print("Документов, загруженных несколько раз, нет.")
        return 0
    for group in report.groups:
        merged = ", ".join(f"№ {i}" for i in group.merge)
        verb = "объединены с" if args.apply else "будут объединены с"
        print(f"Совпадает с {group.act}: документы {merged} {verb} документом № {group.keep}.")
    if args.apply:
        print(f"Объединено групп: {len(report.groups)}; перенесено версий: {report.versions_moved}.")
    else:
        print(f"Найдено групп: {len(report.groups)}. Чтобы объединить, запустите: nok dedupe --apply")
    return 0
