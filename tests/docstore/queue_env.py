"""Running the real ingest queue in tests: `nok worker` processes on SQLite or Redis storage.

Each test gets its own queue name (Redis is shared by every helper on the machine), its own
blob folder, and the test database; workers are started as subprocesses and stopped by pid.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import Engine

from db.engine import get_engine
from tests.conftest import IN_CI, ROOT

REDIS_URL = os.environ.get("NOK_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def redis_problem() -> str | None:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except Exception as error:  # any client error means "not reachable"
        return f"{type(error).__name__}: {error}"
    return None


@dataclass
class QueueEnv:
    """The environment of one test's queue, and its worker processes."""

    env: dict[str, str]
    blob_dir: Path
    workers: list[subprocess.Popen] = field(default_factory=list)  # type: ignore[type-arg]

    def start_worker(self, processes: int = 1) -> subprocess.Popen:  # type: ignore[type-arg]
        worker = subprocess.Popen(
            [sys.executable, "-m", "cli.main", "worker", "--processes", str(processes)],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: the test kills it and its children
        )
        self.workers.append(worker)
        return worker

    def kill(self, worker: subprocess.Popen, sig: int = signal.SIGKILL) -> None:  # type: ignore[type-arg]
        with contextlib.suppress(ProcessLookupError):
            os.killpg(worker.pid, sig)
        worker.wait(timeout=30)

    def stop_all(self) -> None:
        for worker in self.workers:
            if worker.poll() is None:
                self.kill(worker, signal.SIGTERM)


def wait_until(condition: Callable[[], bool], timeout: float = 240.0, poll: float = 0.3) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(poll)
    raise AssertionError(f"not reached within {timeout} s")


@pytest.fixture(params=["sqlite", "redis"])
def queue_env(
    request: pytest.FixtureRequest,
    engine: Engine,
    session,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> Iterator[QueueEnv]:
    """The queue on each storage (SQLite file, Redis), this test's database and blob folder."""
    if request.param == "redis":
        problem = redis_problem()
        if problem is not None:
            if IN_CI:
                pytest.fail(f"Redis at {REDIS_URL} is mandatory in CI and unreachable: {problem}")
            pytest.skip(f"Redis not reachable at {REDIS_URL}: {problem}")
        queue_url = REDIS_URL
    else:
        queue_url = f"sqlite:///{tmp_path / 'queue.db'}"
    values = {
        "NOK_DATABASE_URL": engine.url.render_as_string(hide_password=False),
        "NOK_BLOB_DIR": str(tmp_path / "blobs"),
        "NOK_QUEUE_URL": queue_url,
        "NOK_QUEUE_NAME": f"nok-test-{uuid.uuid4().hex[:12]}",
        "NOK_JOB_LEASE_SECONDS": "120",
    }
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    get_engine.cache_clear()
    queue = QueueEnv(env={**os.environ, **values}, blob_dir=tmp_path / "blobs")
    try:
        yield queue
    finally:
        queue.stop_all()
        if request.param == "redis":
            from docstore.queue import get_queue

            get_queue().storage.flush_queue()
        get_engine.cache_clear()
