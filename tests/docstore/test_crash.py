"""Crash safety: `nok ingest` killed with SIGKILL anywhere in a batch leaves a store that
`nok check` finds clean, and running the batch again stores each file exactly once.

Twenty kills at random points of 50-file batches (the seed is printed, so a failure can be
replayed with NOK_CRASH_SEED), and kills at the exact steps where a crash could split a
document from its original: just before the original is written, just after it (before the
commit), and after the commit before the job is marked finished.
"""

from __future__ import annotations

import functools
import io
import os
import random
import re
import signal
import subprocess
import sys
import time
import uuid
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from docx import Document as Docx
from sqlalchemy import func
from sqlmodel import Session, col, select

from cli.main import main as nok
from db.migrate import upgrade
from db.models import DocumentVersion
from docstore import blobs
from docstore.check import check_store
from tests.conftest import ROOT
from tests.docstore.conftest import Installation

BATCH = 50
RUNS = {"sqlite": 20, "postgresql": 5}
_PROGRESS = re.compile(r"\] (\d+)/(\d+) ")
_KILL_AT = {
    "before the original is written": (
        "real = blobs.write\n"
        "def write(*args, **kwargs):\n"
        "    countdown()\n"
        "    return real(*args, **kwargs)\n"
        "blobs.write = write\n"
    ),
    "after the original, before the commit": (
        "real = blobs.write\n"
        "def write(*args, **kwargs):\n"
        "    digest = real(*args, **kwargs)\n"
        "    countdown()\n"
        "    return digest\n"
        "blobs.write = write\n"
    ),
    "after the commit, before the job is finished": (
        "real = jobs._finish\n"
        "def finish(*args, **kwargs):\n"
        "    countdown()\n"
        "    return real(*args, **kwargs)\n"
        "jobs._finish = finish\n"
    ),
}
_KILLER = """
import os, signal, sys
from docstore import blobs, jobs
left = [int(sys.argv[1])]
def countdown():
    left[0] -= 1
    if left[0] == 0:
        os.kill(os.getpid(), signal.SIGKILL)
{patch}
from cli.main import main
sys.exit(main(["ingest", sys.argv[2]]))
"""


@pytest.fixture
def store(
    new_installation: Callable[[str], Installation], monkeypatch: pytest.MonkeyPatch
) -> Iterator[Installation]:
    """A migrated, empty installation that `nok` (here and in subprocesses) runs on."""
    installation = new_installation("crash")
    upgrade(installation.engine)
    installation.use(monkeypatch)
    yield installation


@functools.cache
def _letter_template() -> bytes:
    doc = Docx()
    doc.add_paragraph("МИНИСТЕРСТВО СОЦИАЛЬНОЙ ЗАЩИТЫ ЗАРЕЧНОЙ ОБЛАСТИ")
    doc.add_paragraph("ПИСЬМО")
    doc.add_paragraph("от 10.01.2019 № NUMBER")
    doc.add_paragraph("О результатах независимой оценки качества TOKEN")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def letters(folder: Path, count: int) -> list[bytes]:
    """`count` small DOCX letters, each unlike any other (the template's text rewritten inside
    the zip: python-docx would take seconds for a batch); returns their bytes."""
    folder.mkdir(parents=True)
    made = []
    with zipfile.ZipFile(io.BytesIO(_letter_template())) as template:
        parts = {info.filename: template.read(info) for info in template.infolist()}
    for i in range(count):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as letter:
            for name, content in parts.items():
                if name == "word/document.xml":
                    content = content.replace(b"NUMBER", str(i + 1).encode()).replace(
                        b"TOKEN", uuid.uuid4().hex.encode()
                    )
                letter.writestr(name, content)
        (folder / f"letter_{i:02d}.docx").write_bytes(out.getvalue())
        made.append(out.getvalue())
    return made


def versions_of(session: Session, data: list[bytes]) -> dict[str, int]:
    """How many versions hold each of these files."""
    hashes = [blobs.sha256_of(d) for d in data]
    rows = session.exec(
        select(DocumentVersion.sha256, func.count())
        .where(col(DocumentVersion.sha256).in_(hashes))
        .group_by(col(DocumentVersion.sha256))
    )
    found = dict(rows.all())
    return {h: found.get(h, 0) for h in hashes}


def assert_clean(store: Installation, when: str) -> None:
    report = check_store(store.engine, blob_dir=store.blob_dir)
    assert report.clean, f"{when}: " + "; ".join(m.message for m in report.problems)


def rerun_stores_each_once(store: Installation, folder: Path, data: list[bytes]) -> None:
    assert nok(["ingest", str(folder)]) == 0
    with Session(store.engine) as session:
        assert set(versions_of(session, data).values()) == {1}
    assert_clean(store, "after the batch ran again")


def kill_at_random(folder: Path, rng: random.Random) -> str:
    """Start `nok ingest` on the folder and SIGKILL it at a random point; returns where."""
    ingest = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "ingest", str(folder)],
        cwd=ROOT,
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert ingest.stderr is not None
    target = rng.randint(-1, BATCH - 1)  # -1: while it starts and puts the files on the queue
    if target < 0:
        time.sleep(rng.uniform(0.0, 1.5))
    else:
        for line in ingest.stderr:
            progress = _PROGRESS.search(line)
            if progress and int(progress[1]) >= target:
                break
    time.sleep(rng.uniform(0.0, 0.15))
    finished = ingest.poll() is not None
    os.killpg(ingest.pid, signal.SIGKILL)
    ingest.wait(timeout=30)
    ingest.stderr.close()
    return "after it finished" if finished else f"after {max(target, 0)} files"


def test_sigkill_at_random_points_of_a_batch_leaves_a_clean_store(
    store: Installation, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    seed = int(os.environ.get("NOK_CRASH_SEED") or random.SystemRandom().randrange(10**6))
    rng = random.Random(seed)
    runs = RUNS[store.engine.dialect.name]
    where = []
    for run in range(runs):
        folder = tmp_path / f"batch{run:02d}"
        data = letters(folder, BATCH)
        where.append(kill_at_random(folder, rng))
        assert_clean(store, f"seed {seed}, run {run}, killed {where[-1]}")
        rerun_stores_each_once(store, folder, data)
    with Session(store.engine) as session:
        assert session.exec(select(func.count()).select_from(DocumentVersion)).one() == runs * BATCH
    print(f"seed {seed}: killed " + ", ".join(where))


@pytest.mark.parametrize("point", list(_KILL_AT))
def test_sigkill_at_each_step_that_parts_a_document_from_its_original(
    store: Installation, tmp_path: Path, point: str
) -> None:
    folder = tmp_path / "batch"
    data = letters(folder, 5)
    script = _KILLER.format(patch=_KILL_AT[point])
    killed = subprocess.run(
        [sys.executable, "-c", script, "3", str(folder)], cwd=ROOT, env=dict(os.environ), capture_output=True
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()[-2000:]
    with Session(store.engine) as session:
        stored = sum(versions_of(session, data).values())
    assert stored in (2, 3)  # the third file was in hand: stored once or not at all
    assert_clean(store, f"killed {point}")
    rerun_stores_each_once(store, folder, data)
