"""Documents of other regions, each as DOCX and as its LibreOffice PDF (see pairs/README.md)."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import pytest

from extract import extract_document
from extract.records import Extraction
from tests.extract.scoring import SECTIONS, score_extraction

PAIRS = Path(__file__).resolve().parent / "pairs"

PDF_MIN_F1 = {
    "kostroma": {"plan_items": 0.9},
    "krasn457": {"improvement_items": 0.875},
    "ratings": {"ratings": 0.96},
    "vlad": {"improvement_items": 0.88},
}
"""Where the PDF still reads worse than its DOCX (words broken inside very narrow columns,
a header glued across a broken line): floors that catch a regression; elsewhere 1.0."""


@cache
def extracted(name: str) -> Extraction:
    return extract_document((PAIRS / name).read_bytes(), name)


def test_order_of_another_region_from_the_docx() -> None:
    result = extracted("kostroma.docx")
    header = result.document
    assert (header.kind, header.number, header.date) == ("order", "123-п", dt.date(2021, 3, 5))
    assert header.authority == "Департамент социальной защиты, опеки и попечительства Костромской области"
    assert header.region == "Костромская область"
    assert header.signatory is not None and header.signatory.name == "И.И. Иванов"
    deadlines = [(i.deadline.kind, i.deadline.due_dates) for i in result.plan_items]
    assert deadlines[0] == ("once", (dt.date(2021, 4, 1),))
    assert deadlines[3][0] == "recurring" and deadlines[3][1][0] == dt.date(2021, 4, 10)
    assert [i.result_form for i in result.plan_items][:2] == [
        "Протокол общественного совета",
        "Государственный контракт",
    ]


def test_two_level_header_typed_without_merging_gives_plan_and_fact_of_one_year() -> None:
    first, second = extracted("perm.docx").indicators
    assert (first.unit, second.unit) == ("%", "баллов")
    assert [(v.year, v.kind, v.value) for v in first.values] == [
        (2019, "plan", 30),
        (2019, "fact", 32.5),
        (2020, "plan", 35),
        (2021, "plan", 35),
    ]


def test_protocol_and_rating_of_the_council() -> None:
    protocol = extracted("protocol.docx").document
    assert (protocol.kind, protocol.number, protocol.date) == ("protocol", "5", dt.date(2019, 12, 20))
    rating = extracted("ratings.docx")
    assert rating.document.kind == "rating"
    assert [r.service_form for r in rating.ratings] == ["semi_stationary", "stationary", "home"]
    assert [r.rank for r in rating.ratings] == [1, 2, 3]
    assert rating.ratings[2].scores.comfort is None and rating.ratings[2].total == 88.25


def test_improvement_plans_on_the_vladimir_and_457_forms() -> None:
    vladimir = extracted("vlad.docx")
    assert vladimir.document.kind == "improvement_plan"
    assert [i.deficiency for i in vladimir.improvement_items] == [
        "Отсутствие на сайте информации о порядке подачи жалоб",
        "Недостаточная доступность для инвалидов",
    ]
    krasnoyarsk = extracted("krasn457.docx").improvement_items
    assert [(i.actual_date, i.planned.kind) for i in krasnoyarsk] == [
        (dt.date(2021, 3, 25), "once"),
        (None, "once"),
        (None, "continuous"),
    ]


@pytest.mark.parametrize("name", sorted(p.stem for p in PAIRS.glob("*.docx")))
def test_the_pdf_reads_like_its_docx(name: str) -> None:
    scores = score_extraction(extracted(f"{name}.pdf").to_json(), extracted(f"{name}.docx").to_json())
    floors = PDF_MIN_F1.get(name, {})
    low = {s: round(scores[s].f1, 3) for s in SECTIONS if scores[s].f1 < floors.get(s, 1.0)}
    assert not low, {s: scores[s].diffs[:6] for s in low}
