"""Copies of one act are versions of one document.

A ministry registers the draft (DOCX), gets its PDF, and days later the signed scan: three
files, one act. An incoming file whose extracted kind, authority, number and date match a
stored document is stored as a new version of it, not as a new document (`find_original`).
An act without a number or date (a plan-graph, a rating) is matched by kind, authority, title
and period instead, all of them present.

Records (plan items, control points, ratings, indicator values) belong to the document and
come from ONE of its versions, `Document.records_version_id`. A copy takes the records over
only when it reads better (`takes_over_records`): a person-checked extraction beats a machine
one, then a typed DOCX beats a PDF with a text layer, which beats a scan read by OCR; on a tie
the records stay. So the order in which copies arrive does not decide what is counted, and a
person's review is never overwritten by a machine reading. Where copies disagree (a number, a
date, a plan row), `differences` lists it for the card.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from rapidfuzz import fuzz
from sqlmodel import Session, col, select

from db.models import Document, DocumentVersion
from docstore.actors import Actor
from docstore.roles import edit_permission, may_on_document
from extract.records import DocumentHeader, Extraction
from extract.records_json import extraction_from_json

KINDS_INSTRUMENTAL_RU = {
    "order": "приказом",
    "decree": "постановлением",
    "protocol": "протоколом",
    "plan": "планом",
    "improvement_plan": "планом по устранению недостатков",
    "rating": "рейтингом",
    "report": "отчётом",
    "letter": "письмом",
    "operator_data": "исходными данными оператора",
    "other": "документом",
}
"""«совпадает с приказом № 64 от 15.03.2017»: the kind after «совпадает с»."""
SAME_NAME = 90.0
"""Authority names and titles this alike (rapidfuzz ratio of normalised text) are the same:
an OCR slip or a dropped quote must not split one act in two."""
MAX_DIFFERENCES = 200

_NON_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class CopyMatch:
    """A stored document the incoming file is a copy of."""

    document_id: int
    kind: str
    number: str | None
    date: dt.date | None
    title: str | None
    takes_records: bool
    """Whether the copy's records would replace the document's (see `takes_over_records`)."""

    @property
    def message_ru(self) -> str:
        """«совпадает с приказом № 64 от 15.03.2017 — будет сохранён как новая версия»."""
        act = describe_ru(self.kind, self.number, self.date, self.title)
        return f"совпадает с {act} — будет сохранён как новая версия"


def describe_ru(kind: str, number: str | None, date: dt.date | None, title: str | None) -> str:
    """«приказом № 64 от 15.03.2017», or «рейтингом «Рейтинг …»» when there is no number."""
    words = [KINDS_INSTRUMENTAL_RU.get(kind, "документом")]
    if number:
        words.append(f"№ {number}")
    if date:
        words.append(f"от {date.strftime('%d.%m.%Y')}")
    if not number and not date and title:
        words.append(f"«{title[:120]}»")
    return " ".join(words)


def normalize(text: str | None) -> str:
    """Comparable text: lower case, ё as е, words only (quotes, dashes, № and spaces dropped)."""
    return " ".join(_NON_WORD.sub(" ", (text or "").casefold().replace("ё", "е")).split())


def normalize_number(number: str | None) -> str:
    """`№ 83-ОСН`, `83 - осн` and `83-ОСН.` are one number; Latin look-alikes read as Cyrillic."""
    text = normalize(number).replace(" ", "")
    return text.translate(str.maketrans("aeopcxkmtbh", "аеорсхкмтвн"))


def _alike(a: str | None, b: str | None) -> bool:
    left, right = normalize(a), normalize(b)
    return left == right or (bool(left) and bool(right) and fuzz.ratio(left, right) >= SAME_NAME)


def same_act(stored: Document, header: DocumentHeader) -> bool:
    """Whether `header` names the act `stored` is: same kind and authority (when both say), and
    number and date, or, for an act without them, title and period."""
    if stored.kind != header.kind or header.kind == "other":
        return False
    if stored.authority_name and header.authority and not _alike(stored.authority_name, header.authority):
        return False
    if header.number and header.date:
        return (
            stored.date == header.date
            and bool(stored.number)
            and normalize_number(stored.number) == normalize_number(header.number)
        )
    if stored.number and header.number and normalize_number(stored.number) != normalize_number(header.number):
        return False
    if stored.date and header.date and stored.date != header.date:
        return False
    period = header.period
    same_period = (stored.period_start, stored.period_end) == (
        (period.start, period.end) if period else (None, None)
    )
    title = normalize(header.title)
    return len(title) >= 20 and same_period and _alike(stored.title, header.title)


def find_original(
    session: Session, header: DocumentHeader, user: Actor = None, *, exclude: int | None = None
) -> Document | None:
    """The stored document (not archived, editable by `user`) that `header` is a copy of; the
    oldest when several are (`nok dedupe` merges those)."""
    if header.kind == "other":
        return None
    statement = select(Document).where(
        Document.kind == header.kind, Document.state != "archived", col(Document.id) != (exclude or -1)
    )
    if header.number and header.date:
        statement = statement.where(Document.date == header.date)
    for document in session.exec(statement.order_by(col(Document.id))):
        if not same_act(document, header):
            continue
        if may_on_document(session, user, edit_permission(header.kind), document):
            return document
    return None


def quality(format: str, ocr: bool) -> int:
    """How well a copy reads: 2 typed DOCX, 1 PDF with a text layer, 0 a scan read by OCR."""
    if ocr:
        return 0
    return 2 if format == "docx" else 1


def records_version(session: Session, document: Document) -> DocumentVersion | None:
    """The version the document's records come from: `records_version_id`, or for documents
    stored before it existed the newest version."""
    if document.records_version_id is not None:
        return session.get(DocumentVersion, document.records_version_id)
    return session.exec(
        select(DocumentVersion)
        .where(DocumentVersion.document_id == document.id)
        .order_by(col(DocumentVersion.version_no).desc())
    ).first()


def takes_over_records(
    session: Session, document: Document, *, format: str, ocr: bool, reviewed: bool
) -> bool:
    """Whether a new copy (its format, OCR, and whether a person checked it) reads strictly
    better than the copy the document's records come from."""
    current = records_version(session, document)
    if current is None:
        return True
    mine = (reviewed, quality(format, ocr))
    theirs = (document.records_reviewed, quality(current.format, current.ocr))
    return mine > theirs


def match_for(
    session: Session, extraction: Extraction, user: Actor, *, reviewed: bool = True
) -> CopyMatch | None:
    """What the upload review says about a file: the document it is a copy of, and whether its
    records would be taken (a person is reviewing it, so `reviewed` by default)."""
    document = find_original(session, extraction.document, user)
    if document is None:
        return None
    assert document.id is not None
    source = extraction.source
    return CopyMatch(
        document_id=document.id,
        kind=document.kind,
        number=document.number,
        date=document.date,
        title=document.title,
        takes_records=takes_over_records(
            session, document, format=source.format, ocr=source.ocr, reviewed=reviewed
        ),
    )


# --- where copies disagree ----------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    """One place where a copy reads otherwise than the copy the records come from."""

    where: str
    """Russian: «Номер», «Мероприятие 5.1: срок», «Рейтинг: ГБУСО …: итог»."""
    records_value: str
    copy_value: str


_HEADER_TITLES_RU = {
    "kind": "Вид документа",
    "authority": "Орган",
    "number": "Номер",
    "date": "Дата",
    "title": "Заголовок",
    "period": "Период",
}


def differences(base: Extraction, other: Extraction) -> list[Difference]:
    """Where `other` disagrees with `base`: header fields, then plan rows (by number, else by
    position), ratings (by institution), indicators (by name). Text is compared normalised, so
    spacing and quotes are no difference; at most `MAX_DIFFERENCES` are listed."""
    found: list[Difference] = []
    a, b = base.document, other.document
    for name, title in _HEADER_TITLES_RU.items():
        left, right = _shown(getattr(a, name)), _shown(getattr(b, name))
        if normalize(left) != normalize(right):
            found.append(Difference(title, left, right))
    found += _row_differences(
        "Мероприятие",
        {_plan_key(i, p): p for i, p in enumerate(base.plan_items)},
        {_plan_key(i, p): p for i, p in enumerate(other.plan_items)},
        lambda p: {
            "наименование": p.title,
            "срок": p.deadline.text,
            "исполнители": "; ".join(p.responsible),
        },
    )
    found += _row_differences(
        "Рейтинг",
        {(normalize(r.organization), r.service_form): r for r in base.ratings},
        {(normalize(r.organization), r.service_form): r for r in other.ratings},
        lambda r: {"итог": r.total, "место": r.rank, **vars(r.scores)},
        label=lambda key, row: row.organization,
    )
    found += _row_differences(
        "Показатель",
        {normalize(i.name): i for i in base.indicators},
        {normalize(i.name): i for i in other.indicators},
        lambda i: {f"{v.year} {v.kind}": v.value for v in i.values},
        label=lambda key, row: row.name,
    )
    return found[:MAX_DIFFERENCES]


def _plan_key(position: int, item: object) -> str:
    number = getattr(item, "number", None)
    return f"№ {number}" if number else f"строка {position + 1}"


def _row_differences(kind_ru, base_rows, other_rows, fields, label=None):  # type: ignore[no-untyped-def]
    """Rows only in one copy, then the fields that differ in rows of both."""
    name = label or (lambda key, row: key)
    found = []
    for key in base_rows.keys() - other_rows.keys():
        found.append(Difference(f"{kind_ru} {name(key, base_rows[key])}"[:200], "есть", "нет в копии"))
    for key in other_rows.keys() - base_rows.keys():
        found.append(Difference(f"{kind_ru} {name(key, other_rows[key])}"[:200], "нет", "есть в копии"))
    for key in base_rows.keys() & other_rows.keys():
        left, right = fields(base_rows[key]), fields(other_rows[key])
        for field_name, value in left.items():
            if normalize(_shown(value)) != normalize(_shown(right.get(field_name))):
                where = f"{kind_ru} {name(key, base_rows[key])}: {field_name}"
                found.append(Difference(where[:200], _shown(value), _shown(right.get(field_name))))
    return sorted(found, key=lambda d: d.where)


def _shown(value: object) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    if hasattr(value, "start") and hasattr(value, "end"):
        return f"{_shown(value.start)}–{_shown(value.end)}"
    return str(value)


@dataclass(frozen=True)
class CopyComparison:
    """One other version of a document compared with the version its records come from."""

    version_no: int
    filename: str
    differences: list[Difference]


def copy_differences(session: Session, document_id: int) -> tuple[int | None, list[CopyComparison]]:
    """(version number the records come from, each other version's differences from it)."""
    document = session.get(Document, document_id)
    if document is None:
        return None, []
    source = records_version(session, document)
    if source is None or source.extraction is None:
        return None, []
    base = extraction_from_json(source.extraction)
    comparisons = []
    versions = session.exec(
        select(DocumentVersion)
        .where(DocumentVersion.document_id == document_id, col(DocumentVersion.id) != source.id)
        .order_by(col(DocumentVersion.version_no))
    )
    for version in versions:
        if version.extraction is None:
            continue
        found = differences(base, extraction_from_json(version.extraction))
        comparisons.append(CopyComparison(version.version_no, version.filename, found))
    return source.version_no, comparisons


__all__ = [
    "CopyComparison",
    "CopyMatch",
    "Difference",
    "copy_differences",
    "describe_ru",
    "differences",
    "find_original",
    "match_for",
    "quality",
    "records_version",
    "same_act",
    "takes_over_records",
]
