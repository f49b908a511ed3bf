"""`nok search QUERY [--kind --year --state --limit]`: ranked documents with snippets.

Russian word forms find each other ("приказ", "приказа", "приказом"); every word must match. A
query past the caps of `docstore.search` costs one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    from db.models import WORKFLOW_STATES

    parser = subparsers.add_parser(
        "search",
        help="полнотекстовый поиск по документам",
        description="Ищет документы по тексту и реквизитам с учётом словоформ русского языка.",
    )
    parser.add_argument("query", nargs="+", metavar="ЗАПРОС", help="слова для поиска")
    parser.add_argument("--kind", help="вид документа: order, decree, protocol, plan, rating, ...")
    parser.add_argument("--year", type=int, help="год даты документа")
    parser.add_argument("--state", choices=WORKFLOW_STATES, help="состояние документа")
    parser.add_argument("--limit", type=int, default=20, help="сколько результатов показать (20)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import OperationalError, ProgrammingError
    from sqlmodel import Session

    from db.engine import get_engine
    from docstore.errors import DocstoreError
    from docstore.metadata import DOCUMENT_KINDS_RU
    from docstore.search import search
    from docstore.workflow import STATE_TITLES_RU

    query = " ".join(args.query)
    try:
        with Session(get_engine()) as session:
            hits = search(session, query, kind=args.kind, year=args.year, state=args.state, limit=args.limit)
    except DocstoreError as error:
        print(f"nok search: {error.message}", file=sys.stderr)
        return 2
    except (OperationalError, ProgrammingError) as error:
        print(f"nok search: база данных не готова (выполните nok init): {error.orig}", file=sys.stderr)
        return 2
    if not hits:
        print(f"По запросу «{query}» ничего не найдено.")
        return 0
    for position, hit in enumerate(hits, start=1):
        date = hit.date.strftime("%d.%m.%Y") if hit.date else "без даты"
        kind = DOCUMENT_KINDS_RU.get(hit.kind, hit.kind)
        state = STATE_TITLES_RU.get(hit.state, hit.state)
        title = hit.title or "без заголовка"
        print(f"{position}. [{kind}, {date}, {state}] {title} (документ {hit.document_id})")
        if hit.snippet:
            print(f"   {hit.snippet}")
    return 0
