"""`nok ingest PATH... [--as LOGIN] [--no-wait]`: files and folders (recursively) onto the
ingest queue; a worker stores each (extract, write records, keep the original).

It waits for its files (a progress line on stderr), then prints the summary (new, new versions,
duplicates, failed) on stdout, and each failed file costs one line on stderr with its reason.
While no `nok worker` is running it works its own files itself, through the same job function,
so it also works alone. `--no-wait` only puts the files on the queue. Exit status 0 when nothing
failed, 2 otherwise. Idempotent: files already stored are reported as duplicates.
"""

from __future__ import annotations

import argparse
import os
import sys

from cli.progress import ProgressLine


def register(subparsers: argparse._SubParsersAction) -> None:
    from cli.database import add_as_argument

    parser = subparsers.add_parser(
        "ingest",
        help="загрузить документы (файлы или папки) в хранилище",
        description="Сохраняет оригиналы, извлекает реквизиты и записи, пишет их в базу данных.",
    )
    parser.add_argument("paths", nargs="+", metavar="ПУТЬ", help="файлы DOCX/PDF или папки (рекурсивно)")
    add_as_argument(parser)
    parser.add_argument(
        "--no-wait",
        action="store_true",
        help="только поставить файлы в очередь и выйти (их обработает `nok worker`)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from cli.database import CommandFailed, migrated_engine, user_by_login
    from docstore.errors import DocstoreError
    from docstore.ingest import collect_files, safe_filename

    try:
        engine = migrated_engine("ingest")
        user = user_by_login(engine, args.as_login, "ingest")
    except CommandFailed as error:
        print(error, file=sys.stderr)
        return 2
    unreadable: list[tuple[str, str]] = []
    files = []
    for path in collect_files(args.paths):
        try:
            files.append((path, path.read_bytes()))
        except OSError as error:
            unreadable.append((safe_filename(os.fsdecode(path)), f"Файл не читается ({error.strerror})"))
    try:
        job_ids = queue_files(engine, files, user)
    except DocstoreError as error:
        print(f"nok ingest: {error.message}", file=sys.stderr)
        return 2
    if args.no_wait:
        print(f"Поставлено в очередь файлов: {len(job_ids)}; их обработает `nok worker`.")
        for name, reason in unreadable:
            print(f"nok ingest: {name}: {reason}", file=sys.stderr)
        return 2 if unreadable else 0
    return wait_and_report(engine, job_ids, unreadable)


def queue_files(engine, files, user) -> list[int]:  # type: ignore[no-untyped-def]
    """Jobs (mode store) for the files, one batch, on the queue."""
    from docstore import jobs
    from docstore.queue import QueueUnavailable, enqueue

    batch = jobs.new_batch()
    job_ids = [
        jobs.submit(engine, data, os.fsencode(path).rsplit(b"/", 1)[-1], user=user, source="cli", batch=batch)
        for path, data in files
    ]
    try:
        enqueue(job_ids)
    except QueueUnavailable as error:  # the jobs wait in the database; processed here below
        print(f"nok ingest: {error.message} Файлы будут обработаны этой командой.", file=sys.stderr)
    return job_ids


def wait_and_report(engine, job_ids: list[int], unreadable: list[tuple[str, str]]) -> int:  # type: ignore[no-untyped-def]
    """Wait for the jobs (working them here while no `nok worker` runs), print the summary."""
    from docstore import jobs

    bar = JobProgress()
    try:
        finished = jobs.wait_for(engine, job_ids, work_inline=jobs.no_live_worker(engine), on_change=bar)
    finally:
        bar.close()
    outcome = [j.outcome for j in finished if j.state == "done"]
    failed = [(j.filename, j.message or "") for j in finished if j.state == "failed"] + unreadable
    print(
        f"Обработано файлов: {len(finished) + len(unreadable)}; новых: {outcome.count('new')}, "
        f"новых версий: {outcome.count('new_version')}, дубликатов: {outcome.count('duplicate')}, "
        f"с ошибками: {len(failed)}."
    )
    copies = [j for j in finished if j.outcome == "new_version" and (j.message or "").startswith("Копия")]
    if copies:
        print(f"Из них копии уже загруженных документов (сохранены как их версии): {len(copies)}.")
    flagged = sorted({n.strip() for j in finished for n in _flagged(j.message or "")})
    if flagged:
        print("Требуют подтверждения учреждения (похожи на уже известные): " + "; ".join(flagged))
    for name, reason in failed:
        print(f"nok ingest: {name}: {reason}", file=sys.stderr)
    return 2 if failed else 0


def _flagged(message: str) -> list[str]:
    marker = "Требуют подтверждения учреждения: "
    if marker not in message:
        return []
    return message.split(marker, 1)[1].rstrip(".").split("; ")


class JobProgress(ProgressLine):
    """`[#####.....] 3/12 (сохранён: 3, в очереди: 9)` for the jobs of one batch."""

    def __call__(self, jobs_now) -> None:  # type: ignore[no-untyped-def]
        from docstore.jobs import FINISHED, STATES_RU

        counts: dict[str, int] = {}
        for job in jobs_now:
            counts[job.state] = counts.get(job.state, 0) + 1
        states = ", ".join(f"{STATES_RU.get(s, s)}: {n}" for s, n in sorted(counts.items()))
        self.show(sum(1 for j in jobs_now if j.state in FINISHED), len(jobs_now), states)
