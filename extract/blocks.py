"""The common structure every reader yields: a document as blocks in reading order.

DOCX, typed PDF and OCR readers all produce `Blocks`, so recognizers never ask where
their text came from (the Paperless "one parser per mime type" idea).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.records import Signed


@dataclass(frozen=True)
class Paragraph:
    """One paragraph (DOCX) or one visual text line group (PDF/OCR).

    `text` has whitespace collapsed; `bold` is true when the whole text is bold (DOCX runs,
    PDF font names; OCR cannot tell and leaves it false). `align` is "center", "right" or None.
    `page` is the 1-based page (PDF/OCR; None for DOCX, which has no fixed pages).
    A tab in the source (DOCX: `от «15» марта 2017 г.<TAB>№ 64`, a signature at a right
    tab stop) is kept as one "\t" between the parts, so a recognizer can split the line;
    every other run of whitespace is one space.
    """

    text: str
    bold: bool = False
    align: str | None = None
    page: int | None = None
    confidence: float | None = field(default=None, compare=False)
    """Tesseract's confidence (0-100) of the least sure word, for text read by OCR; else None."""


@dataclass(frozen=True)
class Cell:
    """One cell of a table. `paragraphs` keeps line breaks / paragraphs inside the cell."""

    paragraphs: tuple[str, ...]
    colspan: int = 1
    continued: bool = False
    """True for the lower parts of a vertically merged cell: the text repeats the cell above."""
    confidence: float | None = field(default=None, compare=False)
    """Tesseract's confidence (0-100) of the least sure word in the cell (OCR only; else None)."""

    @property
    def text(self) -> str:
        return " ".join(p for p in self.paragraphs if p).strip()


@dataclass(frozen=True)
class Table:
    """A table as rows of cells; a horizontally merged cell appears once with its colspan,
    a vertically merged cell repeats its text in the rows below it with `continued` marked
    by the reader when it can tell. Tables continued over a page break are joined."""

    rows: tuple[tuple[Cell, ...], ...]
    page: int | None = None


Block = Paragraph | Table


def lowest_of(*confidences: float | None) -> float | None:
    """The lowest of the OCR confidences that are known (None when none is: typed text)."""
    known = [c for c in confidences if c is not None]
    return min(known) if known else None


@dataclass(frozen=True)
class Blocks:
    """A whole document: blocks in reading order plus what the reader learnt about the file."""

    items: tuple[Block, ...]
    format: str
    pages: int | None
    ocr: bool = False
    warnings: tuple[str, ...] = field(default=())
    signed: Signed | None = None
    """Seal and signature found on the last scanned page (None unless pages were read by OCR)."""

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.items if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.items if isinstance(b, Table)]

    def plain_text(self) -> str:
        """All text in reading order, one paragraph or table row per line."""
        lines: list[str] = []
        for block in self.items:
            if isinstance(block, Paragraph):
                lines.append(block.text)
            else:
                lines.extend(" | ".join(c.text for c in row) for row in block.rows)
        return "\n".join(lines)
