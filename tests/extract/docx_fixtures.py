"""Small DOCX documents built in the tests with python-docx, read back through the real reader.

A layout other than the corpus's (another region, other numbering, columns in another order)
is written here in a few lines, so a recognizer is tested on what other regions publish.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from extract.blocks import Blocks
from extract.readers import read_blocks


@dataclass(frozen=True)
class P:
    """A paragraph; `\t` in the text becomes a real tab."""

    text: str
    bold: bool = False
    center: bool = False


@dataclass(frozen=True)
class T:
    """A table; a row given as a single string is one cell merged across the whole row."""

    rows: tuple[tuple[str, ...] | str, ...]


def docx_blocks(*items: P | T, name: str = "fixture.docx") -> Blocks:
    """Write `items` to a DOCX in memory and read it back with `extract.readers.read_blocks`."""
    document = Document()
    for item in items:
        if isinstance(item, P):
            paragraph = document.add_paragraph()
            parts = item.text.split("\t")
            for k, part in enumerate(parts):
                run = paragraph.add_run(part)
                run.bold = item.bold
                if k < len(parts) - 1:
                    run.add_tab()
            if item.center:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            continue
        width = max(len(r) for r in item.rows if not isinstance(r, str))
        table = document.add_table(rows=len(item.rows), cols=width)
        for i, row in enumerate(item.rows):
            if isinstance(row, str):
                merged = table.cell(i, 0).merge(table.cell(i, width - 1))
                merged.text = row
                continue
            for j, text in enumerate(row):
                cell = table.cell(i, j)
                lines = text.split("\n")
                cell.text = lines[0]
                for line in lines[1:]:
                    cell.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return read_blocks(buffer.getvalue(), name)
