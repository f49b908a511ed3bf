"""`nok export TABLE [--year Y] [--as-of DATE] [--format xlsx|csv] [--out FILE]`.

Writes one of the tables the app shows, with Russian column names, to an Excel workbook or a
CSV file (`;`, BOM, comma decimals: what Excel in a Russian locale opens as is): published
ratings, target indicators plan vs fact, control points with their status as of a date,
improvement-plan execution per institution, the document registry. `--out -` writes CSV to
standard output. Exit status 2 with one line on stderr for a malformed date or an unreachable
database; the output file is written only when the table is complete.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
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
    "indicators": "целевые показатели: план и факт по годам",
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
        "--year", type=int, metavar="ГОД", help="только этот год (рейтинги, показатели, документы)"
    )
    parser.add_argument(
        "--as-of", metavar="ДАТА", help="дата статусов (ДД.ММ.ГГГГ или ГГГГ-ММ-ДД); по умолчанию сегодня"
    )
    parser.add_argument("--format", choices=("xlsx", "csv"), help="формат файла (по умолчанию xlsx)")
    parser.add_argument(
        "--out",
        metavar="ФАЙЛ",
        help="куда записать; по умолчанию <таблица>_<дата>.<формат> здесь; - — в stdout",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
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
            frame = BUILDERS[args.table](session, args.year, as_of)
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
    suffix = f"_{args.year}" if args.year else f"_{as_of:%Y%m%d}" if args.table == "control" else ""
    target = Path(args.out or f"{args.table}{suffix}.{file_format}")
    try:
        partial = target.with_name(target.name + ".part")
        partial.write_bytes(payload)
        partial.replace(target)
    except OSError as error:
        print(f"nok export: не удалось записать {target}: {error.strerror}", file=sys.stderr)
        return 2
    print(f"{TABLES_RU[args.table].capitalize()}: {len(frame)} строк записано в {target}")
    return 0


def _ratings(session: Session, year: int | None, as_of: dt.date) -> pd.DataFrame:
    import pandas as pd

    from dashboard.labels import CRITERIA_RU, SERVICE_FORMS_RU
    from db.models import CRITERIA
    from db.queries.ratings import rating_rows

    rows = rating_rows(session, year=year)
    return pd.DataFrame(
        {
            "Год": [r.year for r in rows],
            "Учреждение": [r.organization_name for r in rows],
            "Регион": [r.region or "" for r in rows],
            "Форма обслуживания": [SERVICE_FORMS_RU.get(r.service_form or "", "") for r in rows],
            **{CRITERIA_RU[c]: [getattr(r, c) for r in rows] for c in CRITERIA},
            "Итоговый балл": [r.total for r in rows],
            "Документ": [r.document_id for r in rows],
        }
    )


def _indicators(session: Session, year: int | None, as_of: dt.date) -> pd.DataFrame:
    import pandas as pd

    from db.queries.indicators import indicator_points

    rows = [p for p in indicator_points(session) if year is None or p.year == year]
    return pd.DataFrame(
        {
            "Показатель": [p.name for p in rows],
            "Ед. изм.": [p.unit or "" for p in rows],
            "Регион": [p.region or "" for p in rows],
            "Год": [p.year for p in rows],
            "План": [p.plan for p in rows],
            "Факт": [p.fact for p in rows],
        }
    )


def _control(session: Session, year: int | None, as_of: dt.date) -> pd.DataFrame:
    import pandas as pd

    from db.queries.control import STATUS_RU, control_point_statuses

    rows = control_point_statuses(session, as_of=as_of)
    return pd.DataFrame(
        {
            "№ точки": [r.control_point_id for r in rows],
            "Срок": [r.due_date for r in rows],
            "Статус": [STATUS_RU[r.status] for r in rows],
            "Дней просрочки": pd.array([r.days_overdue for r in rows], dtype="Int64"),
            "Мероприятие": [
                f"{r.item_number}. {r.item_title}" if r.item_number else r.item_title for r in rows
            ],
            "Исполнитель": [r.executor for r in rows],
            "Документ": [r.document_title or "" for r in rows],
            "Учреждение": [r.organization_name or "" for r in rows],
            "Выполнено": [r.done_date for r in rows],
        }
    )


def _improvement(session: Session, year: int | None, as_of: dt.date) -> pd.DataFrame:
    import pandas as pd

    from db.queries.control import improvement_execution_by_organization

    rows = improvement_execution_by_organization(session, as_of=as_of)
    return pd.DataFrame(
        {
            "Учреждение": [r.organization_name for r in rows],
            "Выполнено в срок": [r.done for r in rows],
            "С опозданием": [r.done_late for r in rows],
            "Просрочено": [r.overdue for r in rows],
            "Срок наступает": [r.due_soon for r in rows],
            "Срок не наступил": [r.not_yet_due for r in rows],
        }
    )


def _documents(session: Session, year: int | None, as_of: dt.date) -> pd.DataFrame:
    import pandas as pd

    from db.queries.documents import list_documents
    from docstore.workflow import STATE_TITLES_RU
    from extract.records import DOCUMENT_KINDS_RU

    rows = list_documents(session, year=year, limit=1_000_000)
    return pd.DataFrame(
        {
            "№": [r.id for r in rows],
            "Вид": [DOCUMENT_KINDS_RU.get(r.kind, r.kind) for r in rows],
            "Номер": [r.number or "" for r in rows],
            "Дата": [r.date for r in rows],
            "Заголовок": [r.title or "" for r in rows],
            "Орган": [r.authority_name or "" for r in rows],
            "Состояние": [STATE_TITLES_RU.get(r.state, r.state) for r in rows],
            "Версий": [r.versions for r in rows],
        }
    )


BUILDERS: dict[str, Callable[[Session, int | None, dt.date], pd.DataFrame]] = {
    "ratings": _ratings,
    "indicators": _indicators,
    "control": _control,
    "improvement": _improvement,
    "documents": _documents,
}
