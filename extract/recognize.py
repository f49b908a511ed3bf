"""Run every recognizer over a document's blocks and assemble the contract's `Extraction`.

Order matters once: the header's period falls back to the plan columns of an indicator
table, and plan deadlines expand over that period, so indicators come first, then the
header, then the tables that need the header (plan, ratings, improvement plan).
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.blocks import Blocks
from extract.header import recognize_header
from extract.improvement import recognize_improvement
from extract.indicators import plan_period, recognize_indicators
from extract.plan import recognize_plan
from extract.ratings import recognize_ratings
from extract.records import Extraction, Source


@dataclass(frozen=True)
class Recognition:
    """The extraction plus what is not in the contract: why tables were claimed, and the
    assessment criterion of each improvement item (for the docstore)."""

    extraction: Extraction
    reasons: tuple[str, ...]
    improvement_criteria: tuple[str | None, ...]


def recognize_explained(blocks: Blocks, source: Source) -> Recognition:
    """`recognize` with the reasons each recognizer gave and the improvement criteria."""
    indicators = recognize_indicators(blocks)
    header_result = recognize_header(blocks, fallback_period=plan_period(indicators.indicators))
    header = header_result.header
    plan = recognize_plan(blocks, period=header.period, document_date=header.date)
    year = header.period.start.year if header.period else None
    if header.period and header.period.start.year != header.period.end.year:
        year = None
    ratings = recognize_ratings(blocks, year=year)
    improvement = recognize_improvement(
        blocks,
        organization=header.authority if header.kind == "improvement_plan" else None,
        period=header.period,
        document_date=header.date,
    )
    extraction = Extraction(
        source=source,
        document=header,
        indicators=indicators.indicators,
        plan_items=plan.items,
        ratings=ratings.ratings,
        improvement_items=improvement.items,
        text=blocks.plain_text(),
    )
    reasons = (
        *header_result.reasons,
        *indicators.reasons,
        *plan.reasons,
        *ratings.reasons,
        *improvement.reasons,
    )
    return Recognition(extraction, reasons, improvement.criteria)


def recognize(blocks: Blocks, source: Source) -> Extraction:
    """All contract records found in `blocks`; `source` is passed through."""
    return recognize_explained(blocks, source).extraction
