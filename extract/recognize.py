"""Run every recognizer over a document's blocks and assemble the contract's `Extraction`.

Order matters once: the header's period falls back to the plan columns of an indicator
table, and plan deadlines expand over that period, so indicators come first, then the
header, then the tables that need the header (plan, ratings, improvement plan).
"""

from __future__ import annotations

from extract.blocks import Blocks
from extract.header import recognize_header
from extract.records import Extraction, Source


def recognize(blocks: Blocks, source: Source) -> Extraction:
    """All contract records found in `blocks`; `source` is passed through."""
    header = recognize_header(blocks).header
    return Extraction(source=source, document=header, text=blocks.plain_text())
