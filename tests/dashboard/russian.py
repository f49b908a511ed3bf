"""What counts as an English word on a page: any Latin-alphabet word but the few a Russian
interface writes in Latin letters too (file formats, keys, file names, hashes, Roman numerals,
web and mail addresses quoted from a document)."""

from __future__ import annotations

import re

ALLOWED = frozenset({"XLSX", "CSV", "DOCX", "PDF", "PNG", "JSON", "SHA-256", "Enter", "Ctrl", "nok", "min"})
"""Formats and keys as Russian texts print them, the program's own name, and `min` of a formula."""

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[._\-@][A-Za-z0-9]+)*")
_FILE_NAME = re.compile(r".*(?:_.*|\.(?:docx|pdf|xlsx|csv|png|json|txt))$", re.IGNORECASE)
_HASH = re.compile(r"^[0-9a-f]{12,}$")
_ROMAN = re.compile(r"^[IVX]+$")
_ADDRESS = re.compile(r"^(?:[\w.-]+@)?(?:[a-z0-9-]+\.)+[a-z]{2,}$", re.IGNORECASE)


def foreign_words(text: str) -> list[str]:
    """The Latin-alphabet words of `text` that a Russian interface should not show."""
    return [
        word
        for word in _WORD.findall(text)
        if word not in ALLOWED
        and not _FILE_NAME.match(word)
        and not _HASH.match(word)
        and not _ROMAN.match(word)
        and not _ADDRESS.match(word)
    ]
