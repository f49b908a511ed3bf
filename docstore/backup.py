"""`nok backup DIR` and `nok restore DIR`: a consistent snapshot of the database and the originals.

A backup folder holds:

- `database.sqlite` (SQLite's online backup API: one consistent copy while the app runs) or
  `database.pgdump` (`pg_dump --format=custom`, taken in a snapshot exported from a transaction
  that also counts the rows and lists the versions, so the manifest describes exactly the dump);
- `blobs/`, the originals of every version in that snapshot, in the blob store's own layout.
  Blobs are written before their version is committed and never deleted, so every version of
  the snapshot has its blob in the store when it is copied;
- `manifest.json`, written last: the format, the backend, the schema revision, the number of
  rows of every table, and the sha256 and size of every file. A folder without it is a backup
  that did not finish.

`restore` rebuilds an EMPTY installation (no rows in the database, no blob in the store) from a
backup of the same backend: it checks every file against the manifest before it changes
anything, loads the database, copies the blobs (checked again on the way), upgrades the schema
to this version of nok, and compares the row counts with the manifest.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.engine import URL, make_url

from db.migrate import current_revision, is_known_revision, upgrade
from db.settings import get_settings
from docstore import blobs
from docstore.errors import DocstoreError

MANIFEST = "manifest.json"
FORMAT = "nok-backup/1"
DATABASE_FILES = {"sqlite": "database.sqlite", "postgresql": "database.pgdump"}
BLOBS = "blobs"
Progress = Callable[[str, int, int], None]
"""progress(stage, done, total): stage is a Russian word for the line on stderr."""
_NOT_COUNTED = ("sqlite_", "search_fts_")
"""SQLite's own tables and the FTS5 index's shadow tables (the index is counted as search_fts)."""
_PG_TOOL_SECONDS = 3600


class BackupFailed(DocstoreError):
    """A backup cannot be written, or a restore cannot be done (the message says why)."""


@dataclass(frozen=True)
class BackupFile:
    path: str
    """Inside the backup folder, with `/`."""
    sha256: str
    size: int


@dataclass(frozen=True)
class Manifest:
    format: str
    created_at: str
    backend: str
    revision: str | None
    tables: dict[str, int]
    """Rows per table."""
    files: tuple[BackupFile, ...]

    @property
    def database_file(self) -> BackupFile:
        return next(f for f in self.files if f.path == DATABASE_FILES[self.backend])

    @property
    def blob_files(self) -> tuple[BackupFile, ...]:
        return tuple(f for f in self.files if f.path.startswith(f"{BLOBS}/"))

    def contents_ru(self) -> str:
        blob_bytes = sum(f.size for f in self.blob_files)
        return (
            f"документов {self.tables.get('document', 0)}, версий {self.tables.get('documentversion', 0)}, "
            f"оригиналов {len(self.blob_files)} ({blob_bytes / 1e6:.1f} МБ)"
        )

    def to_json(self) -> str:
        data = asdict(self)
        data["files"] = [asdict(f) for f in self.files]
        return json.dumps(data, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, raw: str) -> Manifest:
        data = json.loads(raw)
        files = tuple(BackupFile(**f) for f in data.pop("files"))
        return cls(files=files, **data)


@dataclass
class BackupResult:
    directory: Path
    manifest: Manifest
    seconds: float
    missing: list[str] = field(default_factory=list)
    """Versions whose original was not in the store (described in Russian): not in the backup."""
    damaged: list[str] = field(default_factory=list)
    """Originals whose bytes no longer give their sha256: copied as they are."""

    def summary(self) -> str:
        line = f"Резервная копия {self.directory}: {self.manifest.contents_ru()}, {self.seconds:.1f} с."
        if self.missing or self.damaged:
            line += f" Нет оригиналов: {len(self.missing)}, повреждены: {len(self.damaged)} (см. nok check)."
        return line


@dataclass
class RestoreResult:
    manifest: Manifest
    seconds: float
    revision: str | None
    """The schema revision after the restore (the backup's, upgraded to this nok's)."""

    def summary(self) -> str:
        return (
            f"Восстановлено из копии от {self.manifest.created_at}: {self.manifest.contents_ru()}; "
            f"ревизия схемы {self.revision}; {self.seconds:.1f} с."
        )


# --- backup -------------------------------------------------------------------------------------


def backup(
    engine: Engine, directory: Path, *, blob_dir: Path | None = None, progress: Progress | None = None
) -> BackupResult:
    """Write a backup of the installation into `directory` (new or empty)."""
    started = time.perf_counter()
    directory = Path(directory)
    blob_root = Path(blob_dir) if blob_dir is not None else get_settings().blob_dir
    if directory.exists() and any(directory.iterdir()):
        raise BackupFailed(f"Папка {directory} не пуста: резервная копия пишется в новую или пустую папку.")
    directory.mkdir(parents=True, exist_ok=True)
    backend = _supported(engine.dialect.name)
    database_path = directory / DATABASE_FILES[backend]
    tables, revision, versions = _database_snapshot(engine, database_path)
    files = [_described(directory, database_path)]
    missing, damaged = [], []
    for done, (sha256, where) in enumerate(versions, start=1):
        try:
            copied = blobs.copy(sha256, blob_root, directory / BLOBS, durable=False)
        except DocstoreError:  # NotFound: the version's original is not in the store
            missing.append(where)
        else:
            if copied != sha256:
                damaged.append(where)
            path = blobs.blob_path(sha256, directory / BLOBS)
            files.append(BackupFile(path.relative_to(directory).as_posix(), copied, path.stat().st_size))
        if progress is not None:
            progress("оригиналы", done, len(versions))
    blobs.sync_to_disk()  # the copies are on disk before the manifest says the backup is whole
    created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    manifest = Manifest(FORMAT, created, backend, revision, tables, tuple(files))
    temporary = directory / f".{MANIFEST}.partial"
    temporary.write_text(manifest.to_json(), encoding="utf-8")
    os.replace(temporary, directory / MANIFEST)
    blobs.sync_to_disk()
    return BackupResult(directory, manifest, time.perf_counter() - started, missing, damaged)


def _database_snapshot(
    engine: Engine, target: Path
) -> tuple[dict[str, int], str | None, list[tuple[str, str]]]:
    """Write the database's snapshot to `target`; returns (rows per table, schema revision, the
    versions' (sha256, description)), all read from that same snapshot."""
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            source = connection.connection.driver_connection
            with closing(sqlite3.connect(target)) as copy:
                source.backup(copy)  # type: ignore[union-attr]  # in one step: a consistent copy
                copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        snapshot = _sqlite_engine(target)
        try:
            with snapshot.connect() as connection:
                return _counts(connection), current_revision(snapshot), _versions(connection)
        finally:
            snapshot.dispose()
    with engine.connect() as connection:
        connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():  # the dump and the counts see one snapshot
            snapshot_id = connection.execute(text("SELECT pg_export_snapshot()")).scalar_one()
            dump = ["--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot_id}"]
            _run_pg_tool("pg_dump", engine.url, [*dump, f"--file={target}"])
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            return _counts(connection), revision, _versions(connection)


def _counts(connection: Connection) -> dict[str, int]:
    names = sorted(n for n in inspect(connection).get_table_names() if not n.startswith(_NOT_COUNTED))
    if connection.dialect.name == "sqlite" and _has_fts(connection):
        names = sorted([*names, "search_fts"])
    return {
        name: int(connection.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one()) for name in names
    }


def _has_fts(connection: Connection) -> bool:
    found = connection.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'search_fts'")).first()
    return found is not None


def _versions(connection: Connection) -> list[tuple[str, str]]:
    if "documentversion" not in inspect(connection).get_table_names():
        return []
    rows = connection.execute(
        text("SELECT sha256, document_id, version_no, filename FROM documentversion ORDER BY sha256")
    )
    return [(r.sha256, f"документ № {r.document_id}, версия {r.version_no} («{r.filename}»)") for r in rows]


def _described(directory: Path, path: Path) -> BackupFile:
    return BackupFile(path.relative_to(directory).as_posix(), blobs.file_sha256(path), path.stat().st_size)


# --- restore ------------------------------------------------------------------------------------


def read_manifest(directory: Path) -> Manifest:
    """The manifest of a backup folder; `BackupFailed` if there is none or it is not one."""
    path = Path(directory) / MANIFEST
    try:
        manifest = Manifest.from_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupFailed(
            f"В папке {directory} нет {MANIFEST}: это не резервная копия nok, или её запись не закончилась."
        ) from None
    except (ValueError, TypeError, KeyError) as error:
        raise BackupFailed(f"{path} не читается как опись резервной копии ({error}).") from None
    if manifest.format != FORMAT:
        raise BackupFailed(f"Формат резервной копии {manifest.format!r} не поддерживается (нужен {FORMAT}).")
    return manifest


def verify_backup(directory: Path, progress: Progress | None = None) -> Manifest:
    """Check every file of a backup against its manifest; `BackupFailed` naming the first bad one."""
    manifest = read_manifest(directory)
    for done, described in enumerate(manifest.files, start=1):
        path = Path(directory) / described.path
        if not path.is_file():
            raise BackupFailed(f"Резервная копия неполна: нет файла {described.path}.")
        if path.stat().st_size != described.size or blobs.file_sha256(path) != described.sha256:
            raise BackupFailed(f"Резервная копия повреждена: файл {described.path} не совпадает с описью.")
        if progress is not None:
            progress("проверка копии", done, len(manifest.files))
    return manifest


def restore(
    engine: Engine, directory: Path, *, blob_dir: Path | None = None, progress: Progress | None = None
) -> RestoreResult:
    """Rebuild an empty installation from the backup in `directory`."""
    started = time.perf_counter()
    directory = Path(directory)
    blob_root = Path(blob_dir) if blob_dir is not None else get_settings().blob_dir
    manifest = read_manifest(directory)
    backend = _supported(engine.dialect.name)
    if manifest.backend != backend:
        raise BackupFailed(
            f"Копия сделана с базы {manifest.backend}, а установка работает на {backend}: "
            "восстановление возможно только на той же СУБД."
        )
    if not is_known_revision(manifest.revision):
        raise BackupFailed(
            f"Копия сделана более новой версией nok (ревизия схемы {manifest.revision}): обновите nok."
        )
    _require_empty(engine, blob_root)
    verify_backup(directory, progress)
    database = directory / manifest.database_file.path
    if backend == "sqlite":
        with closing(sqlite3.connect(database)) as source, engine.connect() as connection:
            source.backup(connection.connection.driver_connection)  # type: ignore[arg-type]
    else:
        _run_pg_tool(
            "pg_restore",
            engine.url,
            [
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
            ],
            str(database),
        )
    engine.dispose()  # connections opened before hold the old schema
    for done, described in enumerate(manifest.blob_files, start=1):
        sha256 = described.path.rsplit("/", 1)[-1]
        if blobs.copy(sha256, directory / BLOBS, blob_root, durable=False) != described.sha256:
            raise BackupFailed(f"Файл {described.path} изменился во время восстановления.")
        if progress is not None:
            progress("оригиналы", done, len(manifest.blob_files))
    blobs.sync_to_disk()
    with engine.connect() as connection:
        restored = _counts(connection)
    if restored != manifest.tables:
        differing = sorted(
            k for k in set(restored) | set(manifest.tables) if restored.get(k) != manifest.tables.get(k)
        )
        raise BackupFailed(f"После восстановления число строк не совпадает с описью: {', '.join(differing)}.")
    _, revision = upgrade(engine)
    return RestoreResult(manifest, time.perf_counter() - started, revision)


def _require_empty(engine: Engine, blob_root: Path) -> None:
    """`BackupFailed` unless the database has no rows (a fresh `nok init` is empty) and the
    blob store no blob."""
    with engine.connect() as connection:
        counts = _counts(connection)
    filled = {name: rows for name, rows in counts.items() if rows and name != "alembic_version"}
    if filled:
        listed = ", ".join(f"{name}: {rows}" for name, rows in sorted(filled.items())[:5])
        raise BackupFailed(
            f"Установка не пуста (строк в таблицах: {listed}): восстановление делается только в пустую "
            "базу. Создайте новую базу (или укажите другую в NOK_DATABASE_URL) и повторите."
        )
    if any(f.sha256 is not None for f in blobs.stored(blob_root)):
        raise BackupFailed(
            f"В хранилище оригиналов {blob_root} уже есть файлы: восстановление делается только в пустое "
            "хранилище (укажите другое в NOK_BLOB_DIR)."
        )


# --- the database tools ---------------------------------------------------------------------------


def _supported(backend: str) -> str:
    if backend not in DATABASE_FILES:
        raise BackupFailed(
            f"Резервное копирование базы {backend} не поддерживается (только SQLite и PostgreSQL)."
        )
    return backend


def _sqlite_engine(path: Path) -> Engine:
    from db.engine import make_engine

    return make_engine(f"sqlite:///{path}")


def _libpq(url: URL) -> tuple[str, dict[str, str]]:
    """The connection string for pg_dump/pg_restore and their environment: the password goes
    in PGPASSWORD, never on a command line other users can read."""
    parts = {
        "host": url.host,
        "port": str(url.port) if url.port else None,
        "user": url.username,
        "dbname": url.database,
    }
    parts.update({k: str(v) for k, v in url.query.items()})
    conninfo = " ".join(f"{key}={_quoted(value)}" for key, value in parts.items() if value)
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return conninfo, env


def _quoted(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _run_pg_tool(tool: str, url: URL, options: list[str], *arguments: str) -> None:
    executable = shutil.which(tool)
    if executable is None:
        raise BackupFailed(
            f"Программа {tool} не найдена: установите клиент PostgreSQL (пакет postgresql-client, "
            "см. scripts/install-system-packages.sh)."
        )
    conninfo, env = _libpq(make_url(url))
    completed = subprocess.run(
        [executable, *options, f"--dbname={conninfo}", *arguments],
        env=env,
        capture_output=True,
        text=True,
        timeout=_PG_TOOL_SECONDS,
        check=False,
    )
    if completed.returncode != 0:
        reason = (completed.stderr.strip().splitlines() or [f"код {completed.returncode}"])[0][:300]
        raise BackupFailed(f"{tool} не выполнен: {reason}")


__all__ = ["BackupFailed", "BackupResult", "Manifest", "RestoreResult", "backup", "read_manifest", "restore"]
