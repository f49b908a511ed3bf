"""`nok demo [--if-empty] [--out DIR]`: generate the demo region's documents and load them.

The files (DOCX and PDF of a fictional region) go to `data/demo/` (or `--out`) and through
the ordinary ingest pipeline; then the demo users are created (password `demo`), the
documents published and part of the control points closed. `--if-empty` does nothing when
the database already has documents, so `make run` can call it on every start. A database that
holds documents or accounts the demo did not create is refused with exit status 2 (`--force`, for
tests only, loads it anyway): demo data never mixes with a real registry.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

_STAGES_RU = {"write": "Создание файлов", "ingest": "Загрузка"}
_BAR = 30


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="создать и загрузить демонстрационные данные",
        description="Создаёт демонстрационный набор документов вымышленной Заречной области (DOCX и PDF) "
        "и загружает его в базу данных вместе с пользователями admin, minister, staff, council, "
        "supervisor (пароль demo).",
    )
    parser.add_argument(
        "--if-empty", action="store_true", help="ничего не делать, если в базе уже есть документы"
    )
    parser.add_argument(
        "--out", metavar="КАТАЛОГ", type=Path, help="куда записать файлы (по умолчанию data/demo)"
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="загрузить даже в базу с чужими документами (только для тестов)",
    )
    parser.set_defaults(handler=run)


def _progress(stage: str, done: int, total: int, name: str) -> None:
    filled = _BAR * done // max(total, 1)
    bar = "█" * filled + "·" * (_BAR - filled)
    line = f"\r{_STAGES_RU.get(stage, stage)}: [{bar}] {done}/{total} {name[:40]:<40}"
    print(line, end="" if done < total else "\n", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import OperationalError

    from db.engine import get_engine
    from db.settings import get_settings
    from docstore.demo.load import DEMO_PASSWORD, DEMO_USERS, load_demo
    from docstore.errors import DocstoreError

    settings = get_settings()
    folder = args.out or settings.data_dir / "demo"
    engine = get_engine()
    started = time.monotonic()
    try:
        summary = load_demo(engine, folder, if_empty=args.if_empty, force=args.force, progress=_progress)
    except OperationalError as error:
        print(
            f"nok demo: база данных недоступна или не создана (выполните nok init): {error.orig}",
            file=sys.stderr,
        )
        return 2
    except DocstoreError as error:
        print(f"nok demo: {error.message}", file=sys.stderr)
        return 2
    if summary.skipped:
        held = (
            f"документы ({summary.documents})" if summary.documents else f"учётные записи ({summary.users})"
        )
        print(f"В базе уже есть {held}: демонстрационные данные не загружались.")
        return 0
    failed = summary.ingest.failed
    years = ", ".join(str(y) for y in summary.rating_years) or "—"
    print(f"Демонстрационные данные загружены за {time.monotonic() - started:.1f} с (файлы: {folder}).")
    print(
        f"  файлов: {summary.files}; новых документов: {len(summary.ingest.new)}, "
        f"уже были: {len(summary.ingest.duplicate)}, с ошибкой: {len(failed)}"
    )
    print(f"  документов в базе: {summary.documents}, опубликовано сейчас: {summary.published}")
    print(f"  учреждений: {summary.organizations}; строк рейтинга: {summary.ratings} (годы: {years})")
    print(
        f"  контрольных точек: {summary.control_points}, выполнено: {summary.control_points_done}, "
        f"просрочено: {summary.control_points_overdue}"
    )
    checked = summary.operator_data
    if checked is not None and checked.check is not None:
        print(f"  проверка расчёта рейтинга {checked.check.year} года советом: {checked.check.summary_ru}")
    elif checked is not None:
        print(f"  исходные данные оператора не сохранены: {checked.ingest.message}", file=sys.stderr)
    if summary.users_created:
        print(f"  пользователи: {', '.join(summary.users_created)} (пароль {DEMO_PASSWORD})")
    else:
        print(f"  пользователи {', '.join(u[0] for u in DEMO_USERS)} уже были")
    for result in failed:
        print(f"  не загружен {result.filename}: {result.message}", file=sys.stderr)
    return 0
