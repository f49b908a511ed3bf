"""The blob store: content-addressed layout, idempotent atomic writes, never a name-derived path."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from docstore import blobs
from docstore.errors import NotFound


def test_layout_roundtrip_and_idempotence(tmp_path: Path) -> None:
    data = "Приказ № 64".encode()
    digest = blobs.write(data, tmp_path)
    assert blobs.write(data, tmp_path) == digest
    assert blobs.blob_path(digest, tmp_path) == tmp_path / digest[:2] / digest[2:4] / digest
    assert blobs.read(digest, tmp_path) == data
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [digest]  # no temp files left


def test_concurrent_writers_of_the_same_bytes_leave_one_blob(tmp_path: Path) -> None:
    data = b"x" * 3_000_000
    threads = [threading.Thread(target=blobs.write, args=(data, tmp_path)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(files) == 1 and files[0].read_bytes() == data


@pytest.mark.parametrize("bad", ["../../etc/passwd", "A" * 64, "ab"])
def test_only_a_sha256_names_a_blob(tmp_path: Path, bad: str) -> None:
    with pytest.raises(NotFound):
        blobs.read(bad, tmp_path)


def test_missing_blob_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="не найден"):
        blobs.read(blobs.sha256_of(b"never stored"), tmp_path)
