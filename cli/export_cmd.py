"""`nok export TABLE [--year Y] [--as-of DATE] [--signed any|both|none] [--format xlsx|csv] [--out FILE]`.

Writes one of the tables the app shows, built by the same `dashboard.tables` functions, to an
Excel workbook or a CSV file (`;`, BOM, comma decimals: what Excel in a Russian locale opens as
is): published ratings of a year (the latest by default, as the page opens), target indicators
plan vs fact, control points with their status as of a date, improvement-plan execution per
institution, the document registry (`--signed`: only documents with a signed copy, with a seal
and a signature on one copy, or without any). `--out -` writes CSV to standard output. Exit status 2 with
one line on stderr for a malformed date, an option the table does not take, or an unreachable
database; the output file is written only when the table is complete.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cli.overdue_cmd import parse_as_of

if TYPE_CHECKING:
    import pandas as pd
    from sqlmodel import Session

SHEETS_RU = {
    "ratings": "Рейтинги",
    "indicators": "Показатели",
    "control": "Контрольные точки",
    "improvement": "Планы улучшения",
    "documents": "Документы",
}
TABLES_RU = {
    "ratings": "результаты оценки (опубликованные рейтинги)",
    "indicators": "целевые показатели: план и факт",
    "control": "контрольные точки и их статус на дату",
    "improvement": "исполнение планов улучшения по учреждениям",
    "documents": "реестр документов",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="выгрузить таблицу в XLSX или CSV",
        description="Выгрузка таблицы с русскими заголовками в XLSX или CSV: "
        + "; ".join(f"{name} — {title}" for name, title in TABLES_RU.items())
        + ".",
    )
    parser.add_argument("table", choices=tuple(TABLES_RU), metavar="ТАБЛИЦА", help=", ".join(TABLES_RU))
    parser.add_argument(
        "--year",
        type=int,
        metavar="ГОД",
        help="год (ratings: по умолчанию последний; documents: только этот год)",
    )
    parser.add_argument(
        "--as-of",
        metavar="ДАТА",
        help="дата статусов для control и improvement (ДД.ММ.ГГГГ или ГГГГ-ММ-ДД); по умолчанию сегодня",
    )
    parser.add_argument(
        "--signed",
        choices=tuple(SIGNED_CHOICES),
        help="для documents: any — есть подписанный экземпляр (печать или подпись), "
        "both — с печатью и подписью, none — нет подписанного (только проект)",
    )
    parser.add_argument("--format", choices=("xlsx", "csv"), help="формат файла (по умолчанию xlsx)")
    parser.add_argument(
        "--out",
        metavar="ФАЙЛ",
        help="куда записать; по умолчанию <таблица>_<год или дата>.<формат> здесь; - — в stdout",
    )
    parser.set_defaults(handler=run)


SIGNED_CHOICES = {"any": "any", "both": "seal_and_signature", "none": "none"}
"""`--signed` -> `db.queries.documents.list_documents(signed=)`."""
TAKES = {
    "ratings": {"year"},
    "documents": {"year", "signed"},
    "control": {"as_of"},
    "improvement": {"as_of"},
}
"""The options each table takes; giving another one is an error rather than silently ignored."""


def run(args: argparse.Namespace) -> int:
    for option in ("year", "as_of", "signed"):
        if getattr(args, option) is not None and option not in TAKES.get(args.table, set()):
            flag = "--" + option.replace("_", "-")
            print(f"nok export: таблица {args.table} не принимает {flag}", file=sys.stderr)
            return 2
    try:
        as_of = parse_as_of(args.as_of) if args.as_of else dt.date.today()
    except ValueError:
        print(f"nok export: неверная дата «{args.as_of}»: укажите ДД.ММ.ГГГГ или ГГГГ-ММ-ДД", file=sys.stderr)
        return 2
    if args.out == "-" and args.format == "xlsx":
        print(
            "nok export: XLSX нельзя вывести в stdout; укажите --out ФАЙЛ или --format csv", file=sys.stderr
        )
        return 2

    from sqlalchemy.exc import OperationalError, ProgrammingError
    from sqlmodel import Session

    from db.engine import get_engine
    from db.settings import get_settings
    from docstore.spreadsheets import to_csv, to_xlsx

    try:
        with Session(get_engine(get_settings().database_url)) as session:
            frame, year = BUILDERS[args.table](session, Filters(args.year, as_of, args.signed))
    except (OperationalError, ProgrammingError) as error:
        reason = str(getattr(error, "orig", error)).splitlines()[0]
        print(
            f"nok export: база данных недоступна или не создана (выполните nok init): {reason}",
            file=sys.stderr,
        )
        return 2
    to_stdout = args.out == "-"
    file_format = "csv" if to_stdout else args.format or "xlsx"
    payload = to_csv(frame) if file_format == "csv" else to_xlsx(frame, sheet=SHEETS_RU[args.table])
    if to_stdout:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
        return 0
    suffix = f"_{year}" if year else f"_{as_of:%Y%m%d}" if "as_of" in TAKES.get(args.table, ()) else ""
    target = Path(args.out or f"{args.table}{suffix}.{file_format}")
    if not write_file("export", target, payload):
        return 2
    print(f"{TABLES_RU[args.table].capitalize()}: {len(frame)} строк записано в {target}")
    return 0


def write_file(command: str, target: Path, payload: bytes) -> bool:
    """Write the file whole or not at all (beside it, then renamed); False after one line on stderr."""
    try:
        partial = target.with_name(target.name + ".part")
        partial.write_bytes(payload)
        partial.replace(target)
    except OSError as error:
        print(f"nok {command}: не удалось записать {target}: {error.strerror}", file=sys.stderr)
        return False
    return True


@dataclass(frozen=True)
class Filters:
    """The options of one export (each table reads those it takes, see `TAKES`)."""

    year: int | None
    as_of: dt.date
    signed: str | None = None


def _ratings(session: Session, filters: Filters) -> tuple[pd.DataFrame, int | None]:
    from dashboard.tables import ratings_table
    from db.queries.ratings import rating_filters, rating_rows

    year = filters.year or next(iter(rating_filters(session).years), None)  # the page opens on the latest
    return ratings_table(rating_rows(session, year=year) if year else []), year


def _indicators(session: Session, filters: Filters) -> tuple[pd.DataFrame, int | None]:
    from dashboard.tables import indicators_table
    from db.queries.indicators import indicator_points, indicator_progress

    return indicators_table(indicator_progress(indicator_points(session))), None


def _control(session: Session, filters: Filters) -> tuple[pd.DataFrame, int | None]:
    import pandas as pd

    from dashboard.tables import control_table
    from db.queries.control import ROW_FIELDS, control_point_statuses

    rows = control_point_statuses(session, as_of=filters.as_of)
    return control_table(pd.DataFrame(rows, columns=list(ROW_FIELDS))), None


def _improvement(session: Session, filters: Filters) -> tuple[pd.DataFrame, int | None]:
    from dashboard.tables import improvement_table
    from db.queries.control import improvement_execution_by_organization

    return improvement_table(improvement_execution_by_organization(session, as_of=filters.as_of)), None


def _documents(session: Session, filters: Filters) -> tuple[pd.DataFrame, int | None]:
    from dashboard.tables import documents_table
    from db.queries.documents import list_documents

    signed = SIGNED_CHOICES[filters.signed] if filters.signed else None
    rows = list_documents(session, year=filters.year, signed=signed, limit=1_000_000)  # type: ignore[arg-type]
    return documents_table(rows), filters.year


BUILDERS: dict[str, Callable[[Session, Filters], tuple[pd.DataFrame, int | None]]] = {
    "ratings": _ratings,
    "indicators": _indicators,
    "control": _control,
    "improvement": _improvement,
    "documents": _documents,
}
"""Per table: the page's frame, and the year it covers (for the default file name)."""
