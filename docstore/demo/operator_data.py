"""The operator's raw figures behind the demo's 2025 ratings, and the one mistake it made.

The 2025 rating of Заречная область is computed from these figures by the method of приказ
№ 344н (`assessment.method`), as the operator should. For one institution (`PLANTED_ERROR`)
the operator's spreadsheet lost the cap of 100 on Пдист (30 points × 4 channels gave 120), so
the approved rating carries its openness 6 points and its total 1.2 points too high: the
council's check (`nok ratings verify … --year 2025`, «Рейтинги») finds exactly that one.

The figures follow the scores the other years' ratings trend to (`region._raw_scores`), drawn
from one fixed seed, so every run gives the same figures and the same file.
"""

from __future__ import annotations

import functools
import itertools
import random
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from assessment.method import MAXIMUM, POINTS_DISTANT, compute, rounded
from docstore.demo import region

RAW_YEAR = 2025
PLANTED_ERROR = "sn-pni"
"""The institution whose approved 2025 rating the operator computed wrong."""
PLANTED_CHANNELS = 4
STAND_NORM = 14
SITE_NORM = 32
"""Materials the regulations require on stands and on the site (Инорм-стенд, Инорм-сайт)."""


@dataclass(frozen=True)
class OperatorRow:
    """One institution's figures as the operator typed them (Пожид None where not computed)."""

    institution: region.Institution
    figures: dict[str, int | Decimal | None]


@dataclass(frozen=True)
class OperatorResult:
    """What the operator's table gave for an institution: K1-K5 and the total, in hundredths."""

    scores: tuple[Decimal, ...]
    total: Decimal


def _count(share: float, whole: int) -> int:
    return max(0, min(whole, round(share * whole)))


def _clamped(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _row(rng: random.Random, inst: region.Institution, targets: tuple[Decimal | None, ...]) -> OperatorRow:
    t1, t2, t3, t4, t5 = (float(t or 0) for t in targets)
    asked = rng.randint(80, 400)
    channels = PLANTED_CHANNELS if inst.key == PLANTED_ERROR else rng.choice((3, 3, 4, 5))
    distant = min(POINTS_DISTANT * channels, MAXIMUM)
    informed = _clamped((t1 - 0.3 * distant) / 70, 0.55, 1.0)
    stand_asked = _count(rng.uniform(0.8, 0.97), asked)
    site_asked = _count(rng.uniform(0.45, 0.8), asked)
    comfort = rng.choice((4, 5, 5, 6))
    waiting = None
    if inst.form == "stationary":  # residents do not queue for their services
        comfortable = (2 * t2 - min(20 * comfort, 100)) / 100
    else:
        waiting = Decimal(str(round(_clamped(t2 + rng.uniform(-4, 4), 60, 100), 1)))
        comfortable = (t2 - 0.3 * min(20 * comfort, 100) - 0.4 * float(waiting)) / 30
    premises, services, accessible = _accessibility(rng, t3)
    disabled = max(3, _count(rng.uniform(0.12, 0.35), asked))
    distant_asked = _count(rng.uniform(0.3, 0.6), asked)
    courteous = t4 / 100
    satisfied = t5 / 100
    figures: dict[str, int | Decimal | None] = {
        "Истенд": _count(_clamped(informed + rng.uniform(-0.03, 0.03), 0, 1), STAND_NORM),
        "Инорм-стенд": STAND_NORM,
        "Исайт": _count(_clamped(informed + rng.uniform(-0.03, 0.03), 0, 1), SITE_NORM),
        "Инорм-сайт": SITE_NORM,
        "Сдист": channels,
        "Устенд": _count(_clamped(informed + rng.uniform(-0.02, 0.02), 0, 1), stand_asked),
        "Уобщ-стенд": stand_asked,
        "Усайт": _count(_clamped(informed + rng.uniform(-0.02, 0.02), 0, 1), site_asked),
        "Уобщ-сайт": site_asked,
        "Скомф": comfort,
        "Пожид": waiting,
        "Укомф": _count(_clamped(comfortable, 0.5, 1), asked),
        "Чобщ": asked,
        "Соргдост": premises,
        "Суслугдост": services,
        "Удост": _count(accessible, disabled),
        "Чинв": disabled,
        "Уперв.конт": _count(_clamped(courteous + rng.uniform(-0.015, 0.015), 0, 1), asked),
        "Уоказ.услуг": _count(_clamped(courteous + rng.uniform(-0.015, 0.015), 0, 1), asked),
        "Увежл.дист": _count(_clamped(courteous + rng.uniform(-0.03, 0.02), 0, 1), distant_asked),
        "Чобщ_ус": distant_asked,
        "Уреком": _count(_clamped(satisfied + rng.uniform(-0.03, 0.01), 0, 1), asked),
        "Уорг.усл": _count(_clamped(satisfied + rng.uniform(-0.01, 0.02), 0, 1), asked),
        "Ууд": _count(_clamped(satisfied + rng.uniform(-0.01, 0.02), 0, 1), asked),
    }
    return OperatorRow(inst, figures)


def _accessibility(rng: random.Random, target: float) -> tuple[int, int, float]:
    """(Соргдост, Суслугдост, share of disabled respondents satisfied) near the target K3."""
    fitting = []
    for premises, services in itertools.product(range(1, 6), range(2, 6)):
        share = (target - 6 * premises - 8 * services) / 30
        if 0.6 <= share <= 1.0:
            fitting.append((premises, services, share))
    if not fitting:
        premises, services = (5, 5) if target > 70 else (1, 2)
        return premises, services, _clamped((target - 6 * premises - 8 * services) / 30, 0.6, 1.0)
    return rng.choice(fitting)


@functools.cache
def operator_rows() -> tuple[OperatorRow, ...]:
    """Every institution's 2025 figures, in the region's order."""
    rng = random.Random(region.SEED + 4)
    targets = region._raw_scores()
    return tuple(_row(rng, inst, targets[(inst.key, RAW_YEAR)]) for inst in region.institutions())


def _exact(value: int | Decimal | None) -> Fraction | None:
    return None if value is None else Fraction(value)


@functools.cache
def operator_results() -> dict[str, OperatorResult]:
    """K1-K5 and the total of each institution (by key) as the operator's table gave them: by the
    method, but for `PLANTED_ERROR`, whose Пдист went uncapped."""
    results = {}
    for row in operator_rows():
        computation = compute({symbol: _exact(value) for symbol, value in row.figures.items()})
        criteria = [computation.criteria[k] for k in ("K1", "K2", "K3", "K4", "K5")]
        total = computation.total
        if row.institution.key == PLANTED_ERROR:
            uncapped = Fraction(POINTS_DISTANT * PLANTED_CHANNELS - MAXIMUM)
            criteria[0] += Fraction(3, 10) * uncapped
            total += Fraction(3, 10) * uncapped / 5
        results[row.institution.key] = OperatorResult(tuple(rounded(k) for k in criteria), rounded(total))
    return results
