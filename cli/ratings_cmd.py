"""`nok ratings verify RAW.xlsx [--year Y] [--json]` and `nok ratings template [--out FILE]`.

`verify` recomputes every institution of the operator's raw figures by the method of приказ
Минтруда России № 344н (`assessment`) and prints each indicator, K1-K5 and S; with `--year`,
beside the published rating of that institution and year, every difference above 0.01 marked.
Exit status 0 when everything was computed (and, with `--year`, matches), 1 when a row could not
be computed or a rating differs (or is missing), 2 for a file that cannot be read. `template`
writes the XLSX operators fill in. Neither imports Streamlit; `verify` without `--year` needs no
database.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assessment.compare import Check, InstitutionCheck

TEMPLATE_NAME = "shablon_iskhodnykh_dannykh_344n.xlsx"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ratings",
        help="проверить расчёт рейтингов по исходным данным оператора (приказ № 344н)",
        description="Пересчёт показателей, критериев К1–К5 и итогового балла по исходным данным "
        "организации-оператора по единому порядку (приказ Минтруда России от 31.05.2018 № 344н).",
    )
    commands = parser.add_subparsers(dest="ratings_command", metavar="ДЕЙСТВИЕ", required=True)
    verify = commands.add_parser(
        "verify",
        help="пересчитать рейтинги по файлу оператора и сравнить с сохранёнными",
        description="Пересчитывает каждое учреждение файла XLSX (строка — учреждение, столбцы — "
        "обозначения приказа № 344н: Истенд, Инорм-стенд, …). С --year сравнивает с опубликованным "
        "рейтингом этого года; расхождение больше 0,01 отмечается. Код выхода: 0 — всё совпало, "
        "1 — есть расхождение или строка с ошибкой, 2 — файл не читается.",
    )
    verify.add_argument("file", metavar="ФАЙЛ.xlsx", help="исходные данные оператора")
    verify.add_argument("--year", type=int, metavar="ГОД", help="сравнить с опубликованным рейтингом года")
    verify.add_argument("--json", action="store_true", help="вывести результат в JSON (объект на учреждение)")
    verify.set_defaults(handler=run_verify)
    template = commands.add_parser(
        "template",
        help="записать шаблон XLSX для исходных данных оператора",
        description="Шаблон с нужными столбцами и листом «Пояснения», где каждое обозначение описано.",
    )
    template.add_argument("--out", metavar="ФАЙЛ", help=f"куда записать (по умолчанию {TEMPLATE_NAME})")
    template.set_defaults(handler=run_template)


def run_verify(args: argparse.Namespace) -> int:
    from assessment.raw import UnreadableRawFigures

    try:
        data = Path(args.file).read_bytes()
    except OSError as error:
        print(f"nok ratings: файл {args.file} не читается: {error.strerror}", file=sys.stderr)
        return 2
    try:
        result = _verify(data, args.year)
    except UnreadableRawFigures as error:
        print(f"nok ratings: {args.file}: {error.reason}", file=sys.stderr)
        return 2
    except _DatabaseUnavailable as error:
        print(f"nok ratings: {error}", file=sys.stderr)
        return 2
    output = (
        json.dumps([i.to_json() for i in result.institutions], ensure_ascii=False, indent=2)
        if args.json
        else render(result)
    )
    try:
        print(output)
    except BrokenPipeError:  # `| head`: the reader has seen enough
        sys.stderr.close()
    return 0 if result.ok else 1


class _DatabaseUnavailable(Exception):
    pass


def _verify(data: bytes, year: int | None) -> Check:
    if year is None:
        from assessment.compare import check
        from assessment.raw import read_raw_figures

        return check(read_raw_figures(data))
    from sqlalchemy.exc import OperationalError, ProgrammingError
    from sqlmodel import Session

    from db.engine import get_engine
    from db.settings import get_settings
    from docstore.rating_check import verify

    try:
        with Session(get_engine(get_settings().database_url)) as session:
            return verify(session, data, year=year)
    except (OperationalError, ProgrammingError) as error:
        reason = str(getattr(error, "orig", error)).splitlines()[0]
        raise _DatabaseUnavailable(
            f"база данных недоступна или не создана (выполните nok init): {reason}"
        ) from None


def render(result: Check) -> str:
    """The check as a Russian reader reads it: one block per institution, then the summary."""
    lines = []
    if result.missing_columns:
        lines.append("В файле нет столбцов: " + ", ".join(result.missing_columns) + ".")
    for number, institution in enumerate(result.institutions, 1):
        lines.extend(_block(number, institution, compared=result.year is not None))
    summary = result.summary_ru
    if result.year is not None:
        summary += f" Сравнение с опубликованным рейтингом за {result.year} год, допуск 0,01."
    lines.append(summary)
    return "\n".join(lines)


def _block(number: int, institution: InstitutionCheck, *, compared: bool) -> list[str]:
    from assessment.compare import SCORES, SCORES_RU, STATUS_RU
    from assessment.method import shown
    from assessment.raw import FORMS_RU

    form = f" ({FORMS_RU[institution.service_form]})" if institution.service_form else ""
    name = institution.institution or "(учреждение не указано)"
    head = f"{number}. {name}{form}, строка {institution.row}: {STATUS_RU[institution.status]}"
    lines = [head]
    if institution.problems:
        lines += [f"   - {problem}" for problem in institution.problems]
        return lines
    lines.append(
        "   показатели: "
        + " · ".join(f"{s} {'—' if v is None else shown(v)}" for s, v in institution.indicators.items())
    )
    scores = institution.scores
    lines.append("   по методике: " + " · ".join(f"{SCORES_RU[w]} {shown(scores[w])}" for w in SCORES))
    if compared and institution.stored is not None:
        stored = institution.stored.scores
        lines.append(
            "   в рейтинге:  "
            + " · ".join(
                f"{SCORES_RU[w]} {'—' if stored.get(w) is None else shown(stored[w])}" for w in SCORES
            )  # type: ignore[arg-type]
        )
        lines += [f"   ! {difference.line_ru}" for difference in institution.differences]
    return lines


def run_template(args: argparse.Namespace) -> int:
    from assessment.raw import template_xlsx
    from cli.export_cmd import write_file

    target = Path(args.out or TEMPLATE_NAME)
    if not write_file("ratings", target, template_xlsx()):
        return 2
    print(f"Шаблон исходных данных оператора записан в {target}")
    return 0
