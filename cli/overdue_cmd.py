"""`nok overdue [--as-of DATE] [--within DAYS] [--executor NAME] [--format table|csv|json]`.

Prints the list a supervisor sends round: control points overdue on the date (most overdue
first), then those due within DAYS days. The date replays history: `--as-of 01.12.2019` shows
what was overdue then. Exit status 0 whether or not anything is overdue; 2 for a malformed
date or an unreachable database, with one line on stderr.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from collections.abc import Sequence

COLUMNS_RU = (
    "Исполнитель",
    "Мероприятие",
    "Документ",
    "Срок",
    "Статус",
    "Дней просрочки",
    "Дней до срока",
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "overdue",
        help="просроченные и наступающие контрольные точки на дату",
        description="Список просроченных (и наступающих) контрольных точек планов и мер по устранению "
        "недостатков на заданную дату.",
    )
    parser.add_argument(
        "--as-of",
        metavar="ДАТА",
        help="дата, на которую строится список (ДД.ММ.ГГГГ или ГГГГ-ММ-ДД); по умолчанию сегодня",
    )
    parser.add_argument(
        "--within", metavar="ДНЕЙ", type=int, default=0, help="добавить точки со сроком в ближайшие ДНЕЙ дней"
    )
    parser.add_argument("--executor", metavar="ИМЯ", help="только исполнитель, в названии которого есть ИМЯ")
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table", help="формат вывода")
    parser.set_defaults(handler=run)


def parse_as_of(text: str) -> dt.date:
    """DD.MM.YYYY or YYYY-MM-DD; ValueError otherwise."""
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def run(args: argparse.Namespace) -> int:
    try:
        as_of = parse_as_of(args.as_of) if args.as_of else dt.date.today()
    except ValueError:
        print(
            f"nok overdue: неверная дата «{args.as_of}»: укажите ДД.ММ.ГГГГ или ГГГГ-ММ-ДД",
            file=sys.stderr,
        )
        return 2
    if args.within < 0:
        print("nok overdue: --within должно быть неотрицательным числом дней", file=sys.stderr)
        return 2

    from sqlalchemy.exc import OperationalError, ProgrammingError
    from sqlmodel import Session

    from db.engine import get_engine
    from db.queries.control import overdue_list
    from db.settings import get_settings

    engine = get_engine(get_settings().database_url)  # keyed by URL: the environment may change
    try:
        with Session(engine) as session:
            rows = overdue_list(session, as_of=as_of, within_days=args.within, executor=args.executor)
    except (OperationalError, ProgrammingError) as error:
        reason = str(getattr(error, "orig", error)).splitlines()[0]
        print(
            f"nok overdue: база данных недоступна или не создана (выполните nok init): {reason}",
            file=sys.stderr,
        )
        return 2
    if args.format == "json":
        payload = [{**_jsonable(row._asdict()), "status_ru": row.status_ru} for row in rows]
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(COLUMNS_RU)
        writer.writerows(_cells(row) for row in rows)
    else:
        print(render_table(rows, as_of))
    return 0


def _jsonable(data: dict) -> dict:  # type: ignore[type-arg]
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in data.items()}


def _document_label(row) -> str:  # type: ignore[no-untyped-def]
    parts = [
        f"№ {row.document_number}" if row.document_number else None,
        f"от {row.document_date:%d.%m.%Y}" if row.document_date else None,
    ]
    label = " ".join(p for p in parts if p)
    return label or (row.document_title or f"документ {row.document_id}")


def _cells(row) -> list[str]:  # type: ignore[no-untyped-def]
    title = f"{row.item_number}. {row.item_title}" if row.item_number else row.item_title
    return [
        row.executor,
        title,
        _document_label(row),
        f"{row.due_date:%d.%m.%Y}",
        row.status_ru,
        "" if row.days_overdue is None else str(row.days_overdue),
        "" if row.days_left is None else str(row.days_left),
    ]


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def render_table(rows: Sequence, as_of: dt.date) -> str:  # type: ignore[type-arg]
    """A plain-text table with Russian headers and a summary line."""
    if not rows:
        return f"На {as_of:%d.%m.%Y} просроченных и наступающих контрольных точек нет."
    widths = (30, 50, 22, 10, 16, 14, 13)
    table = [[_clip(cell, width) for cell, width in zip(_cells(row), widths, strict=True)] for row in rows]
    sizes = [max(len(h), *(len(r[i]) for r in table)) for i, h in enumerate(COLUMNS_RU)]
    lines = ["  ".join(h.ljust(s) for h, s in zip(COLUMNS_RU, sizes, strict=True))]
    lines.append("  ".join("-" * s for s in sizes))
    lines += ["  ".join(c.ljust(s) for c, s in zip(r, sizes, strict=True)).rstrip() for r in table]
    overdue = sum(1 for row in rows if row.status == "overdue")
    lines.append("")
    lines.append(f"На {as_of:%d.%m.%Y}: просрочено {overdue}, срок наступает {len(rows) - overdue}.")
    return "\n".join(lines)
