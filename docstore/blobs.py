"""The content-addressed store of originals: the one place that knows the blob layout.

An original is kept byte for byte at `<blob_dir>/ab/cd/<sha256>` (the first two pairs of hex
digits fan the files out over folders). Nothing is ever deleted here, and a blob's path never
derives from a user's file name. Writes go to a temporary file in the target folder, are
fsynced, and renamed into place atomically, so a reader never sees half a file and two
concurrent writers of the same bytes end up with one blob. A writer killed before its rename
leaves a temporary `.incoming-*` file, never a blob with wrong bytes under a right name.

`stored` lists what a folder holds (for `nok check` and `nok backup`), `copy` moves a blob
between stores (a backup's `blobs/` folder has the same layout) checking its bytes on the way.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from db.settings import get_settings
from docstore.errors import NotFound

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_TEMP_PREFIX = ".incoming-"
_CHUNK = 1 << 20


@dataclass(frozen=True)
class StoredFile:
    """A file found in a blob folder: a blob (`sha256` its name), a temporary file of a write
    that never finished (`interrupted`), or neither (a stray file someone put there)."""

    path: Path
    relative: str
    """The path inside the folder, with `/`."""
    sha256: str | None
    interrupted: bool = False


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
    _write_atomically(path, [data])
    return digest


def copy(sha256: str, source_dir: Path, target_dir: Path, *, durable: bool = True) -> str:
    """Copy the blob `sha256` from one store to another (same layout, atomic) and return the
    sha256 of the bytes copied: not `sha256` when the source blob is damaged (it is copied as it
    is). `NotFound` if the source has no such blob. `durable=False` skips the two fsyncs per
    file, for a caller copying thousands that syncs once at the end (`sync_to_disk`)."""
    source = blob_path(sha256, source_dir)
    digest = hashlib.sha256()

    def chunks() -> Iterator[bytes]:
        with source.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
                yield chunk

    if not source.is_file():
        raise NotFound("Оригинал файла не найден в хранилище.")
    _write_atomically(blob_path(sha256, target_dir), chunks(), durable=durable)
    return digest.hexdigest()


def sync_to_disk() -> None:
    """Flush every file written without fsync to disk (one sync for a whole copy)."""
    os.sync()


def file_sha256(path: Path) -> str:
    """The sha256 of a file, read in chunks (a blob may be 50 MB)."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def stored(blob_dir: Path | None = None) -> Iterator[StoredFile]:
    """Every file in the blob folder, in path order (nothing if the folder does not exist)."""
    root = Path(blob_dir) if blob_dir is not None else get_settings().blob_dir
    if not root.is_dir():
        return
    for directory, subdirectories, names in os.walk(root):
        subdirectories.sort()
        for name in sorted(names):
            path = Path(directory) / name
            relative = path.relative_to(root).as_posix()
            if name.startswith(_TEMP_PREFIX):
                yield StoredFile(path, relative, None, interrupted=True)
            elif _SHA256.match(name) and relative == f"{name[:2]}/{name[2:4]}/{name}":
                yield StoredFile(path, relative, name)
            else:
                yield StoredFile(path, relative, None)


def _write_atomically(path: Path, chunks: Iterable[bytes], *, durable: bool = True) -> None:
    """Write to a temporary file beside `path`, fsync, rename into place, fsync the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=_TEMP_PREFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(temp_name, 0o444)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    if durable:
        _fsync_dir(path.parent)


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
