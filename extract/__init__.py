"""extract: bytes of a DOCX/PDF in, contract records (`extract.records.Extraction`) out.

Pure: no database, no Streamlit, no files written. The one public entry point is
`extract_document`; bad input raises `extract.errors.UnreadableDocument` (Russian reason).
"""

from __future__ import annotations

import hashlib

from extract.errors import UnreadableDocument
from extract.records import Extraction, Source

__all__ = ["UnreadableDocument", "extract_document"]


def extract_document(data: bytes, filename: str) -> Extraction:
    """Read a DOCX or PDF (type sniffed from the content) and recognise its records."""
    from extract.readers import read_blocks

    blocks = read_blocks(data, filename)
    from extract.recognize import recognize  # imported late: bad input fails before it loads

    source = Source(
        filename=filename,
        sha256=hashlib.sha256(data).hexdigest(),
        format="docx" if blocks.format == "docx" else "pdf",
        pages=blocks.pages,
        ocr=blocks.ocr,
        signed=blocks.signed,
    )
    return recognize(blocks, source)
