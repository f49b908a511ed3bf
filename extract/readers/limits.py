"""Limits that protect the server from hostile or accidental huge input, read from the environment.

`NOK_MAX_FILE_MB` (default 50) bounds the upload, `NOK_MAX_PAGES` (default 150) the PDF page
count, and a DOCX may not unpack to more than `MAX_DOCX_UNPACKED_MB` or at a ratio above
`MAX_DOCX_RATIO` (a zip bomb names its huge sizes in the directory before anything is inflated).
"""

from __future__ import annotations

import os

MAX_DOCX_UNPACKED_MB = 100
MAX_DOCX_RATIO = 200
DEFAULT_MAX_FILE_MB = 50
DEFAULT_MAX_PAGES = 150


def _positive_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    return default


def max_file_bytes() -> int:
    """The largest file accepted, in bytes (env NOK_MAX_FILE_MB)."""
    return _positive_int("NOK_MAX_FILE_MB", DEFAULT_MAX_FILE_MB) * 1024 * 1024


def max_pages() -> int:
    """The largest PDF page count accepted (env NOK_MAX_PAGES)."""
    return _positive_int("NOK_MAX_PAGES", DEFAULT_MAX_PAGES)
