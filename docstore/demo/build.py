"""Write the whole demo set into a folder: one order with a plan, five ratings (DOCX and PDF
years alternate, so both readers are exercised), five council protocols, the operator's raw
figures behind the 2025 rating (XLSX), twelve improvement plans, a letter and a report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from docstore.demo import docx_files, pdf_files, region, xlsx_files
from docstore.demo.operator_data import RAW_YEAR

PDF_RATING_YEARS = (2022, 2024)


def demo_files() -> list[tuple[str, Callable[[Path], Path]]]:
    """(file name, writer) for every demo file, in the order they are best ingested: the plan
    first, then the ratings with their protocols year by year, then the improvement plans."""
    files: list[tuple[str, Callable[[Path], Path]]] = [
        (f"prikaz_{region.ORDER_DATE:%Y-%m-%d}_14-od.docx", docx_files.write_order),
    ]
    for year in region.YEARS:
        if year in PDF_RATING_YEARS:
            files.append((f"reyting_{year}.pdf", lambda p, y=year: pdf_files.write_rating(p, y)))
        else:
            files.append((f"reyting_{year}.docx", lambda p, y=year: docx_files.write_rating(p, y)))
        protocol = region.protocol_for(year)
        files.append(
            (
                f"protokol_obshchestvennogo_soveta_{protocol.date:%Y-%m-%d}.pdf",
                lambda p, pr=protocol: pdf_files.write_protocol(p, pr),
            )
        )
        if year == RAW_YEAR:
            files.append((xlsx_files.operator_data_name(), xlsx_files.write_operator_data))
    for plan in region.improvement_plans():
        files.append(
            (
                f"plan_ustraneniya_nedostatkov_{plan.institution.key}.docx",
                lambda p, pl=plan: docx_files.write_improvement_plan(p, pl),
            )
        )
    files.append(("pismo_2026-01-16_01-12-145.docx", docx_files.write_letter))
    files.append((f"informatsiya_{region.TODAY:%Y-%m-%d}.pdf", pdf_files.write_report))
    return files


def write_demo_set(folder: Path, progress: Callable[[int, int, str], None] | None = None) -> list[Path]:
    """Write every demo file into `folder` (created if missing); the same bytes on every run."""
    folder.mkdir(parents=True, exist_ok=True)
    files = demo_files()
    paths = []
    for done, (name, write) in enumerate(files, 1):
        paths.append(write(folder / name))
        if progress is not None:
            progress(done, len(files), name)
    return paths
