"""OCR confidence of extracted fields: which ones staff should check first, and what a person did.

A copy read from page images carries, on its header and on every record, `confidence`: a field
path (`number`, `deadline`, `scores.openness`, `values.2019.plan` ...) -> Tesseract's 0-100 for
the words it was read from (docs/contract/EXTRACTION.md, "confidence"). A field below
`DOUBTFUL_BELOW` is doubtful: the review marks it so it is checked first.

When a version is stored, `OcrCheck` records how many fields were read by OCR, how many of them
are doubtful, how many a person was shown on the review (and so checked) and how many of those
the person changed; a file stored without a review (CLI, watched folder, a new version from the
card) has checked = corrected = 0. The card shows these counts per version.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from extract.records import Deadline, Extraction

DOUBTFUL_BELOW = 60.0
"""A field read with a lower confidence (Tesseract's 0-100) is to be checked by a person.
Tesseract gives clean print 85-95; below 60 a word is more often misread than not."""
HEADER = "document"
RECORD_KINDS = ("indicators", "plan_items", "ratings", "improvement_items")


@dataclass(frozen=True)
class OcrField:
    """One field read by OCR: where it is (`kind`, the record's position) and how sure it is."""

    kind: str
    """`document` (the header) or one of `RECORD_KINDS`."""
    index: int
    """Position of the record in its list (0 for the header)."""
    path: str
    """The field as the contract's `confidence` names it: `number`, `scores.total`, `values.2019.plan`."""
    confidence: float

    @property
    def doubtful(self) -> bool:
        return self.confidence < DOUBTFUL_BELOW


@dataclass(frozen=True)
class OcrCheck:
    """The OCR-read fields of one stored version and what a person did with them."""

    fields: int
    """Fields read by OCR (with a confidence)."""
    doubtful: int
    """Of those, read with a confidence below `DOUBTFUL_BELOW`."""
    checked: int
    """Shown to a person on the upload review, who confirmed them (0 without a review)."""
    corrected: int
    """Of the checked ones, changed by the person."""


def records_of(extraction: Extraction, kind: str) -> tuple[Any, ...]:
    """The header (as a one-record tuple) or the records of one kind."""
    return (extraction.document,) if kind == HEADER else getattr(extraction, kind)


def ocr_fields(extraction: Extraction) -> list[OcrField]:
    """Every field with a confidence, header first, then the records in contract order."""
    found = []
    for kind in (HEADER, *RECORD_KINDS):
        for index, record in enumerate(records_of(extraction, kind)):
            for path, confidence in (getattr(record, "confidence", None) or {}).items():
                if confidence is not None:
                    found.append(OcrField(kind, index, path, float(confidence)))
    return found


def field_value(record: Any, path: str) -> Any:
    """The value the confidence of `path` is about, comparable between two readings: a deadline
    by its text, an indicator value `values.<year>.<kind>` by its number, else the attribute."""
    if path.startswith("values."):
        _, year, kind = path.split(".", 2)
        return next((v.value for v in record.values if str(v.year) == year and v.kind == kind), _MISSING)
    value = record
    for name in path.split("."):
        value = getattr(value, name, None) if value is not None else None
    if isinstance(value, Deadline):
        return value.text
    if isinstance(value, str):
        return " ".join(value.split()) or None
    return value


_MISSING = object()
"""An indicator value the person removed: differs from any reading."""


def machine_check(extraction: Extraction) -> OcrCheck | None:
    """The counts of a version stored without a person's review; None for a typed file."""
    if not extraction.source.ocr:
        return None
    fields = ocr_fields(extraction)
    return OcrCheck(len(fields), sum(f.doubtful for f in fields), checked=0, corrected=0)


def person_check(
    read: Extraction, confirmed: Extraction, shown: Callable[[OcrField], bool]
) -> OcrCheck | None:
    """The counts of a version a person reviewed: `read` is the machine's extraction, `confirmed`
    the one the person saved (same records in the same order: the review edits rows in place),
    `shown` tells which fields the review put before the person. None for a typed file."""
    if not read.source.ocr:
        return None
    fields = ocr_fields(read)
    checked = [f for f in fields if shown(f)]
    corrected = 0
    for field in checked:
        before = records_of(read, field.kind)[field.index]
        after_records = records_of(confirmed, field.kind)
        after = after_records[field.index] if field.index < len(after_records) else None
        if after is None or field_value(before, field.path) != field_value(after, field.path):
            corrected += 1
    return OcrCheck(len(fields), sum(f.doubtful for f in fields), len(checked), corrected)


__all__ = [
    "DOUBTFUL_BELOW",
    "HEADER",
    "RECORD_KINDS",
    "OcrCheck",
    "OcrField",
    "field_value",
    "machine_check",
    "ocr_fields",
    "person_check",
    "records_of",
]
