"""The one settings object, read from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    database_url: str
    data_dir: Path
    blob_dir: Path
    queue_url: str = ""
    """Where the ingest queue lives: `sqlite:///PATH` (embedded default, no server) or
    `redis://HOST:PORT/DB` (workers on several machines)."""
    queue_name: str = "nok"

    @classmethod
    def from_env(cls) -> Settings:
        data_dir = Path(os.environ.get("NOK_DATA_DIR", "data")).resolve()
        url = os.environ.get("NOK_DATABASE_URL") or f"sqlite:///{data_dir / 'nok.db'}"
        blob_dir = Path(os.environ.get("NOK_BLOB_DIR", data_dir / "blobs")).resolve()
        queue_url = os.environ.get("NOK_QUEUE_URL") or f"sqlite:///{data_dir / 'queue.db'}"
        queue_name = os.environ.get("NOK_QUEUE_NAME") or "nok"
        return cls(
            database_url=url, data_dir=data_dir, blob_dir=blob_dir, queue_url=queue_url, queue_name=queue_name
        )


def get_settings() -> Settings:
    return Settings.from_env()
