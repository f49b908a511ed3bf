"""`nok extract FILE... [--json]`: print what nok reads out of DOCX/PDF files, nothing stored.

With `--json`, one contract object for one file or an array for several; without, a short
Russian summary per file. A file that cannot be read costs one line on stderr and exit status
2, and the other files still go through. Only `extract` is imported here: no database, no
Streamlit, no pandas.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="извлечь реквизиты и записи из DOCX/PDF (без сохранения)",
        description="Читает DOCX/PDF и печатает извлечённые реквизиты, мероприятия, показатели, рейтинги.",
    )
    parser.add_argument("files", nargs="+", metavar="ФАЙЛ", help="файлы DOCX или PDF")
    parser.add_argument("--json", action="store_true", help="вывести JSON по контракту извлечения")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from extract import extract_document
    from extract.errors import UnreadableDocument

    results = []
    failed = False
    for name in args.files:
        path = Path(name)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            failed = _report(name, "файл не найден")
            continue
        except IsADirectoryError:
            failed = _report(name, "это каталог, а не файл")
            continue
        except OSError as error:
            failed = _report(name, f"файл не читается ({error.strerror or type(error).__name__})")
            continue
        try:
            extraction = extract_document(data, path.name)
        except UnreadableDocument as error:
            failed = _report(name, error.reason)
            continue
        except Exception as error:  # the edge: no traceback ever reaches the user
            failed = _report(name, f"внутренняя ошибка ({type(error).__name__})")
            continue
        if not args.json:
            print(("\n" if results else "") + summary(extraction))
        results.append(extraction)
    if args.json and results:
        payload = [r.to_json() for r in results]
        document = payload[0] if len(args.files) == 1 else payload
        print(json.dumps(document, ensure_ascii=False, indent=2))
    return 2 if failed else 0


def _report(name: str, reason: str) -> bool:
    print(f"nok extract: {name}: {reason}", file=sys.stderr)
    return True


def summary(extraction) -> str:
    """A few Russian lines: what the document is and how many records of each kind it gave."""
    from extract.records import DOCUMENT_KINDS_RU

    header = extraction.document
    source = extraction.source
    pages = f", страниц: {source.pages}" if source.pages else ""
    ocr = ", распознан с изображения (OCR)" if source.ocr else ""
    lines = [
        f"{source.filename} ({source.format.upper()}{pages}{ocr})",
        f"  вид: {DOCUMENT_KINDS_RU.get(header.kind, header.kind)}",
        f"  номер: {header.number or '—'}",
        f"  дата: {header.date.strftime('%d.%m.%Y') if header.date else '—'}",
        f"  заголовок: {header.title or '—'}",
    ]
    if header.authority:
        lines.append(f"  орган: {header.authority}")
    lines.append(
        "  записи: "
        f"мероприятий плана {len(extraction.plan_items)}, "
        f"целевых показателей {len(extraction.indicators)}, "
        f"строк рейтинга {len(extraction.ratings)}, "
        f"мер по устранению недостатков {len(extraction.improvement_items)}"
    )
    return "\n".join(lines)
