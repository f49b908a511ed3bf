"""The computed results beside the stored ratings: what the council reads before approving.

`check` runs every row of the operator's table through the method (a row that cannot be computed
keeps its reasons; the others go on) and, given a year and a way to find the stored rating of an
institution, puts each result beside it: a criterion or total that differs by more than 0.01
(`TOLERANCE`, the last printed digit: operators who round each step land within it) is a
difference, and so is an institution with no stored rating of that year.

`Check.to_json()` is what `nok ratings verify --json` prints and what the document store keeps
with the operator's file; `Check.from_json` reads it back for the page.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from assessment.method import (
    CRITERIA,
    SYMBOLS_RU,
    Computation,
    InvalidFigures,
    Step,
    compute,
    rounded,
    shown,
)
from assessment.raw import RawRow, RawTable

TOLERANCE = Decimal("0.01")
SCORES = (*CRITERIA, "total")
"""What is compared: K1-K5 and the total."""
SCORES_RU = {**{criterion: SYMBOLS_RU[criterion] for criterion in CRITERIA}, "total": SYMBOLS_RU["S"]}
Status = Literal["invalid", "unmatched", "differs", "matches", "computed"]
STATUS_RU: dict[str, str] = {
    "invalid": "не рассчитано: ошибка в данных",
    "unmatched": "нет в сохранённом рейтинге",
    "differs": "расхождение",
    "matches": "совпадает",
    "computed": "рассчитано",
}


@dataclass(frozen=True)
class StoredRating:
    """The rating nok holds for the institution in the year checked."""

    institution: str
    """The name as stored."""
    service_form: str | None
    scores: Mapping[str, Decimal | None]
    """K1 … K5 and total; None where the rating prints a dash."""
    document_id: int | None = None
    organization_id: int | None = None


@dataclass(frozen=True)
class Difference:
    what: str
    """K1 … K5 or total."""
    computed: Decimal
    stored: Decimal | None

    @property
    def delta(self) -> Decimal | None:
        """stored − computed: how far the approved figure is from the method's."""
        return None if self.stored is None else self.stored - self.computed

    @property
    def line_ru(self) -> str:
        """«К1: по методике 90,12, в рейтинге 96,12 (+6)»."""
        stored = "не указан" if self.stored is None else shown(self.stored)
        delta = "" if self.delta is None else f" ({'+' if self.delta > 0 else ''}{shown(self.delta)})"
        return f"{SCORES_RU[self.what]}: по методике {shown(self.computed)}, в рейтинге {stored}{delta}"


def differences(computed: Mapping[str, Decimal], stored: StoredRating) -> tuple[Difference, ...]:
    """The scores (K1-K5, total) where the stored rating is off by more than `TOLERANCE`."""
    found = []
    for what in SCORES:
        value, approved = computed[what], stored.scores.get(what)
        if approved is None or abs(approved - value) > TOLERANCE:
            found.append(Difference(what, value, approved))
    return tuple(found)


@dataclass(frozen=True)
class InstitutionCheck:
    """One row of the operator's table: computed (or why not), and beside the stored rating."""

    row: int
    institution: str
    service_form: str | None
    problems: tuple[str, ...] = ()
    indicators: Mapping[str, Decimal | None] = field(default_factory=dict)
    criteria: Mapping[str, Decimal] = field(default_factory=dict)
    total: Decimal | None = None
    steps: tuple[Step, ...] = ()
    compared: bool = False
    """Whether it was put beside the stored ratings (a year was given)."""
    stored: StoredRating | None = None
    differences: tuple[Difference, ...] = ()

    @property
    def scores(self) -> dict[str, Decimal]:
        """K1 … K5 and total, rounded to hundredths (empty for a row not computed)."""
        if self.total is None:
            return {}
        return {**self.criteria, "total": self.total}

    @property
    def status(self) -> Status:
        if self.problems:
            return "invalid"
        if not self.compared:
            return "computed"
        if self.stored is None:
            return "unmatched"
        return "differs" if self.differences else "matches"

    @property
    def ok(self) -> bool:
        return self.status in ("matches", "computed")

    def to_json(self) -> dict[str, Any]:
        stored = self.stored
        return {
            "row": self.row,
            "institution": self.institution,
            "service_form": self.service_form,
            "status": self.status,
            "problems": list(self.problems),
            "indicators": {symbol: _number(value) for symbol, value in self.indicators.items()},
            "criteria": {k: _number(v) for k, v in self.criteria.items()} if self.criteria else None,
            "total": _number(self.total),
            "stored": None
            if stored is None
            else {
                "institution": stored.institution,
                "service_form": stored.service_form,
                "document_id": stored.document_id,
                "organization_id": stored.organization_id,
                **{what: _number(stored.scores.get(what)) for what in SCORES},
            },
            "differences": [
                {
                    "what": d.what,
                    "computed": _number(d.computed),
                    "stored": _number(d.stored),
                    "difference": _number(d.delta),
                }
                for d in self.differences
            ],
            "steps": [
                {
                    "symbol": s.symbol,
                    "clause": s.clause,
                    "formula": s.formula,
                    "substituted": s.substituted,
                    "value": _number(s.value),
                }
                for s in self.steps
            ],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any], *, compared: bool) -> InstitutionCheck:
        stored = data.get("stored")
        return cls(
            row=int(data["row"]),
            institution=data["institution"],
            service_form=data.get("service_form"),
            problems=tuple(data.get("problems") or ()),
            indicators={k: _decimal(v) for k, v in (data.get("indicators") or {}).items()},
            criteria={k: _decimal(v) for k, v in (data.get("criteria") or {}).items()},  # type: ignore[misc]
            total=_decimal(data.get("total")),
            steps=tuple(
                Step(s["symbol"], s["clause"], s["formula"], s["substituted"], _decimal(s["value"]))  # type: ignore[arg-type]
                for s in data.get("steps") or ()
            ),
            compared=compared,
            stored=None
            if stored is None
            else StoredRating(
                institution=stored["institution"],
                service_form=stored.get("service_form"),
                scores={what: _decimal(stored.get(what)) for what in SCORES},
                document_id=stored.get("document_id"),
                organization_id=stored.get("organization_id"),
            ),
            differences=tuple(
                Difference(d["what"], _decimal(d["computed"]), _decimal(d["stored"]))  # type: ignore[arg-type]
                for d in data.get("differences") or ()
            ),
        )


@dataclass(frozen=True)
class Check:
    """The whole file checked: every row, and what the file lacked."""

    year: int | None
    """The year compared with; None when only computed."""
    institutions: tuple[InstitutionCheck, ...]
    missing_columns: tuple[str, ...] = ()

    def count(self, *statuses: Status) -> int:
        return sum(i.status in statuses for i in self.institutions)

    @property
    def ok(self) -> bool:
        """Every row computed and, when compared, matching its stored rating."""
        return all(i.ok for i in self.institutions)

    @property
    def summary_ru(self) -> str:
        """«40 учреждений: совпадает 39, расхождение 1, …»."""
        parts = [f"{STATUS_RU[status]} — {self.count(status)}" for status in STATUS_RU if self.count(status)]
        head = f"Учреждений в файле: {len(self.institutions)}"
        return head + (": " + "; ".join(parts) if parts else "") + "."

    def to_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "missing_columns": list(self.missing_columns),
            "institutions": [i.to_json() for i in self.institutions],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Check:
        year = data.get("year")
        return cls(
            year=year,
            institutions=tuple(
                InstitutionCheck.from_json(i, compared=year is not None)
                for i in data.get("institutions") or ()
            ),
            missing_columns=tuple(data.get("missing_columns") or ()),
        )


StoredLookup = Callable[[str, str | None], StoredRating | None]
"""(institution name, service form) -> its stored rating of the year checked, or None."""


def compute_row(row: RawRow) -> InstitutionCheck:
    """One row through the method: its indicators, criteria, total and steps, or why not."""
    reasons = list(row.problems)
    computation: Computation | None = None
    try:
        computation = compute(row.figures)
    except InvalidFigures as error:
        # an unreadable cell was reported by the reader already; «не заполнено» would repeat it
        reasons += [r for r in error.reasons if not any(f"«{s}»" in r for s in row.unreadable)]
    if reasons or computation is None:
        return InstitutionCheck(row.row, row.institution, row.service_form, problems=tuple(reasons))
    return InstitutionCheck(
        row=row.row,
        institution=row.institution,
        service_form=row.service_form,
        indicators={s: None if v is None else rounded(v) for s, v in computation.indicators.items()},
        criteria={k: rounded(v) for k, v in computation.criteria.items()},
        total=rounded(computation.total),
        steps=computation.steps,
    )


def check(table: RawTable, *, year: int | None = None, stored_for: StoredLookup | None = None) -> Check:
    """Every row of the table computed; with a year and `stored_for`, compared with the stored
    rating of each institution (a row that cannot be computed is not compared)."""
    results = []
    for row in table.rows:
        result = compute_row(row)
        if year is not None and stored_for is not None and not result.problems:
            stored = stored_for(row.institution, row.service_form)
            found = differences(result.scores, stored) if stored is not None else ()
            result = dataclasses.replace(result, compared=True, stored=stored, differences=found)
        results.append(result)
    compared_year = year if stored_for is not None else None
    return Check(year=compared_year, institutions=tuple(results), missing_columns=table.missing_columns)


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


__all__ = [
    "SCORES",
    "SCORES_RU",
    "STATUS_RU",
    "TOLERANCE",
    "Check",
    "Difference",
    "InstitutionCheck",
    "StoredLookup",
    "StoredRating",
    "check",
    "compute_row",
    "differences",
]
