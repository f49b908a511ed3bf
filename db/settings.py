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
    four_eyes: bool = False
    """Whether the person who uploaded a document may not approve or publish it (reviewer vs owner)."""
    session_secret: str = ""
    """The key that signs the sign-in cookie; when empty, one is generated and kept in the data
    folder (`docstore.sessions`). Set it when several app servers share one database."""
    session_hours: float = 12.0
    """How long a sign-in lasts."""

    @classmethod
    def from_env(cls) -> Settings:
        data_dir = Path(os.environ.get("NOK_DATA_DIR", "data")).resolve()
        url = os.environ.get("NOK_DATABASE_URL") or f"sqlite:///{data_dir / 'nok.db'}"
        blob_dir = Path(os.environ.get("NOK_BLOB_DIR", data_dir / "blobs")).resolve()
        queue_url = os.environ.get("NOK_QUEUE_URL") or f"sqlite:///{data_dir / 'queue.db'}"
        queue_name = os.environ.get("NOK_QUEUE_NAME") or "nok"
        return cls(
            database_url=url,
            data_dir=data_dir,
            blob_dir=blob_dir,
            queue_url=queue_url,
            queue_name=queue_name,
            four_eyes=_flag(os.environ.get("NOK_FOUR_EYES")),
            session_secret=os.environ.get("NOK_SESSION_SECRET", ""),
            session_hours=float(os.environ.get("NOK_SESSION_HOURS") or 12),
        )


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on", "да")


def get_settings() -> Settings:
    return Settings.from_env()
