"""The content-addressed store of originals: the one place that knows the blob layout.

An original is kept byte for byte at `<blob_dir>/ab/cd/<sha256>` (the first two pairs of hex
digits fan the files out over folders). Nothing is ever deleted here, and a blob's path never
derives from a user's file name. Writes go to a temporary file in the target folder, are
fsynced, and renamed into place atomically, so a reader never sees half a file and two
concurrent writers of the same bytes end up with one blob.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from db.settings import get_settings
from docstore.errors import NotFound

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def blob_path(sha256: str, blob_dir: Path | None = None) -> Path:
    """Where the blob with this hash lives (whether or not it exists)."""
    if not _SHA256.match(sha256):
        raise NotFound(f"Неверный идентификатор файла: {sha256[:80]!r}")
    root = Path(blob_dir) if blob_dir is not None else get_settings().blob_dir
    return root / sha256[:2] / sha256[2:4] / sha256


def exists(sha256: str, blob_dir: Path | None = None) -> bool:
    return blob_path(sha256, blob_dir).is_file()


def write(data: bytes, blob_dir: Path | None = None) -> str:
    """Store `data` (idempotent) and return its sha256."""
    digest = sha256_of(data)
    path = blob_path(digest, blob_dir)
    if path.is_file() and path.stat().st_size == len(data):
        return digest
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=".incoming-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, 0o444)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)
    return digest


def read(sha256: str, blob_dir: Path | None = None) -> bytes:
    """The original bytes; `NotFound` if the blob is missing."""
    path = blob_path(sha256, blob_dir)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise NotFound("Оригинал файла не найден в хранилище.") from None


def _fsync_dir(directory: Path) -> None:
    """Make the rename durable (POSIX); a no-op where directories cannot be opened."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
