"""Extraction records: frozen dataclasses that serialise exactly to the contract.

The contract is `docs/contract/EXTRACTION.md` with `extraction.schema.json`;
field names here are the contract's, so `to_json()` is a plain walk.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

DocumentKind = Literal[
    "order",
    "decree",
    "protocol",
    "plan",
    "improvement_plan",
    "rating",
    "report",
    "letter",
    "operator_data",
    "other",
]
DOCUMENT_KINDS_RU: dict[str, str] = {
    "order": "приказ",
    "decree": "постановление / распоряжение",
    "protocol": "протокол",
    "plan": "план",
    "improvement_plan": "план по устранению недостатков",
    "rating": "рейтинг",
    "report": "отчёт / информация",
    "letter": "письмо",
    "operator_data": "исходные данные оператора",
    "other": "другой документ",
}
"""The document kinds as a Russian reader names them (CLI summaries, pages, search).
`operator_data` (the operator's raw figures, an XLSX) is never recognised by `extract`: the
document store gives that kind to the files the council checks (`docstore.rating_check`)."""
DeadlineKind = Literal["once", "recurring", "relative", "continuous", "on_demand", "unspecified"]
Every = Literal["month", "quarter", "half_year", "year"]
ServiceForm = Literal["stationary", "semi_stationary", "home"]
ValueKind = Literal["plan", "fact"]

OPTIONAL = {"optional": True}
"""Field metadata of the contract's optional fields: left out of the JSON while empty."""

# Every record and the header carry an optional `confidence` (contract, "confidence"): field
# name -> Tesseract's confidence 0-100 of the words it was read from; empty unless from OCR.


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Signatory:
    position: str | None
    name: str | None


@dataclass(frozen=True)
class Reference:
    kind: str | None
    date: dt.date | None
    number: str | None
    title: str | None


@dataclass(frozen=True)
class DocumentHeader:
    kind: DocumentKind = "other"
    authority: str | None = None
    region: str | None = None
    number: str | None = None
    date: dt.date | None = None
    title: str | None = None
    signatory: Signatory | None = None
    references: tuple[Reference, ...] = ()
    period: Period | None = None
    confidence: dict[str, float] = field(default_factory=dict, compare=False, metadata=OPTIONAL)


@dataclass(frozen=True)
class Deadline:
    text: str | None
    kind: DeadlineKind
    due_dates: tuple[dt.date, ...] = ()
    every: Every | None = None
    offset_days: int | None = None
    after_event: str | None = None


@dataclass(frozen=True)
class IndicatorValue:
    year: int
    kind: ValueKind
    value: float | None


@dataclass(frozen=True)
class Indicator:
    name: str
    unit: str | None
    values: tuple[IndicatorValue, ...] = ()
    confidence: dict[str, float] = field(default_factory=dict, compare=False, metadata=OPTIONAL)


@dataclass(frozen=True)
class PlanItem:
    number: str | None
    title: str
    section: str | None
    result_form: str | None
    responsible: tuple[str, ...]
    deadline: Deadline
    confidence: dict[str, float] = field(default_factory=dict, compare=False, metadata=OPTIONAL)


@dataclass(frozen=True)
class Scores:
    openness: float | None = None
    comfort: float | None = None
    accessibility: float | None = None
    courtesy: float | None = None
    satisfaction: float | None = None


@dataclass(frozen=True)
class Rating:
    organization: str
    service_form: ServiceForm | None
    year: int | None
    scores: Scores
    total: float | None
    rank: int | None
    scale: float | None
    confidence: dict[str, float] = field(default_factory=dict, compare=False, metadata=OPTIONAL)


@dataclass(frozen=True)
class Responsible:
    name: str | None
    position: str | None


@dataclass(frozen=True)
class ImprovementItem:
    organization: str | None
    deficiency: str | None
    measure: str
    planned: Deadline
    responsible: Responsible | None
    done_measures: str | None
    actual_date: dt.date | None
    confidence: dict[str, float] = field(default_factory=dict, compare=False, metadata=OPTIONAL)


@dataclass(frozen=True)
class Signed:
    """What marks a copy as signed: a round seal and/or a pen signature in the signature zone."""

    seal: bool
    signature: bool


@dataclass(frozen=True)
class Source:
    filename: str
    sha256: str
    format: Literal["docx", "pdf", "xlsx"]
    """`xlsx` only for the operator's raw figures, which `extract` never reads."""
    pages: int | None
    ocr: bool
    signed: Signed | None = field(default=None, metadata=OPTIONAL)
    """Set only for a copy read from page images (contract, `source.signed`)."""


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one file: the contract's top-level object."""

    source: Source
    document: DocumentHeader
    indicators: tuple[Indicator, ...] = ()
    plan_items: tuple[PlanItem, ...] = ()
    ratings: tuple[Rating, ...] = ()
    improvement_items: tuple[ImprovementItem, ...] = ()
    text: str = field(default="", compare=False)
    """The document's plain text in reading order (for full-text search); not part of the JSON."""

    def to_json(self) -> dict[str, Any]:
        """The contract's JSON object (dates as ISO strings, tuples as lists)."""
        data = {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name != "text"}
        return _jsonable(data)


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _jsonable(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if not (f.metadata.get("optional") and not getattr(value, f.name))
        }
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
