"""Ingest throughput and search latency, on SQLite and PostgreSQL.

Claims measured (figures printed side by side with a baseline from the same run):

1. Ingest: documents per second for N (default 1,000) generated DOCX orders with a plan
   table, through the whole pipeline (`docstore.ingest.ingest_paths`: hash, extract, write
   records, commit, store the blob, index). The baseline is the bare minimum any store does
   per file: hash it, write the blob, insert one row, commit.
2. Search: latency (median and 95th percentile) of `docstore.search.search` over M (default
   10,000) indexed documents, for one-word and two-word Russian queries in inflected forms:
   common words (each in about a third of the documents: every match is ranked) and a rare one.
   The baseline is a substring scan (`lower(text) LIKE '%приказ%'`), which finds fewer
   documents (no morphology) and reads every row.

3. The queue (issue 11), on the embedded default (SQLite database and SQLite queue), with real
   `nok worker` processes: (a) Q (default 1,000) typed orders through `nok ingest`'s job mode
   with 1 and with 2 worker processes, documents per second and the speed-up (target: 2 workers
   at least 1.6x of 1 on 2 cores); (b) a R-row (default 10,000) ratings table through the whole
   pipeline, beside its extraction alone (the baseline: what ingest cannot go below); (c) S
   (default 20) scans from upload to «ждёт проверки» with 2 workers, beside the same scans read
   one after another in one process. The load average is printed with each figure: other
   processes on the machine slow both sides of a comparison.

Run: .venv/bin/python benchmarks/ingest.py [--docs 1000] [--search-docs 10000] [--no-postgres]
     [--queue-docs 1000] [--table-rows 10000] [--scans 20] [--only queue]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, text  # noqa: E402
from sqlmodel import Session  # noqa: E402

from db.engine import make_engine  # noqa: E402
from db.migrate import upgrade  # noqa: E402
from db.models import Document, DocumentVersion  # noqa: E402
from docstore import blobs  # noqa: E402
from docstore.ingest import ingest_paths  # noqa: E402
from docstore.search import index_document, search  # noqa: E402

PG_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
REDIS_URL = os.environ.get("NOK_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
_WORDS_TEXT = (
    "приказ приказа приказом приказываю мероприятие мероприятия мероприятий план плана планом "
    "учреждение учреждения учреждений оценка оценки оценкой качество качества условий оказания "
    "услуг социального обслуживания населения общественный совет совета советом рейтинг рейтинга "
    "показатель показателя показателей министерство министерства области края района исполнитель "
    "срок сроки квартал квартала года информация информации размещение сайте результаты результатов"
)
WORDS = _WORDS_TEXT.split()
RARE_WORD = "пандусом"
"""Appended to one document in a hundred: a selective query beside the common words."""
QUERIES = (
    "пандусы",
    "приказом",
    "учреждениях",
    "рейтинга",
    "общественного совета",
    "показателей качества",
    "сайт",
)


_SYLLABLES = [
    "ба",
    "ве",
    "ги",
    "до",
    "ку",
    "ла",
    "ме",
    "ни",
    "со",
    "ту",
    "фа",
    "хе",
    "ци",
    "ча",
    "ше",
    "ры",
    "ло",
    "ма",
    "на",
    "ра",
    "та",
    "ко",
    "пе",
    "ви",
    "зо",
]


def _filler_vocabulary(rng: random.Random, size: int = 5000) -> list[str]:
    return ["".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(size)]


FILLER = _filler_vocabulary(random.Random(1))


def random_text(rng: random.Random, words: int) -> str:
    """Mostly filler words, one word in twenty from the domain: each query word is selective."""
    picked = (rng.choice(WORDS) if rng.random() < 0.05 else rng.choice(FILLER) for _ in range(words))
    return " ".join(picked).capitalize() + "."


def make_docx(rng: random.Random, number: int) -> bytes:
    """A small order with a plan table: header, title, a few paragraphs, 5 plan rows."""
    from docx import Document as Docx

    doc = Docx()
    doc.add_paragraph("МИНИСТЕРСТВО ТРУДА И СОЦИАЛЬНОЙ ПОЛИТИКИ МАГАДАНСКОЙ ОБЛАСТИ")
    doc.add_paragraph("ПРИКАЗ")
    doc.add_paragraph(f"от «{rng.randint(1, 28)}» марта 2017 г.\t№ {number}")
    doc.add_paragraph(f"О мероприятиях по проведению независимой оценки {uuid.uuid4().hex[:8]}")
    for _ in range(3):
        doc.add_paragraph(random_text(rng, 60))
    table = doc.add_table(rows=1, cols=4)
    for cell, title in zip(
        table.rows[0].cells,
        ("№ п/п", "Наименование мероприятия", "Срок исполнения", "Ответственный исполнитель"),
        strict=True,
    ):
        cell.text = title
    for row in range(1, 6):
        cells = table.add_row().cells
        cells[0].text = str(row)
        cells[1].text = random_text(rng, 8)
        cells[2].text = rng.choice(
            ("ежеквартально", "IV квартал 2017 г.", "постоянно", "до 1 декабря 2017 г.")
        )
        cells[3].text = "Министерство труда и социальной политики"
    doc.add_paragraph("Министр\tТ.Г. Малютина")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@contextmanager
def database(backend: str, folder: Path) -> Iterator[Engine]:
    if backend == "sqlite":
        engine = make_engine(f"sqlite:///{folder / f'bench-{uuid.uuid4().hex[:6]}.db'}")
        upgrade(engine)
        yield engine
        engine.dispose()
        return
    name = f"nok_bench_{uuid.uuid4().hex[:8]}"
    server = make_engine(PG_SERVER).execution_options(isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(PG_SERVER.rsplit("/", 1)[0] + f"/{name}")
    upgrade(engine)
    try:
        yield engine
    finally:
        engine.dispose()
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


def bench_ingest(backend: str, files: list[Path], folder: Path) -> tuple[float, float, int]:
    """(pipeline docs/s, baseline docs/s, failed files)."""
    with database(backend, folder) as engine:
        blob_dir = folder / f"blobs-{backend}"
        start = time.perf_counter()
        summary = ingest_paths(files, engine=engine, blob_dir=blob_dir)
        pipeline = len(files) / (time.perf_counter() - start)
        failed = len(summary.failed)
        if failed:
            print(f"  ({backend}) first failure: {summary.failed[0].filename}: {summary.failed[0].message}")
    with database(backend, folder) as engine:
        blob_dir = folder / f"baseline-{backend}"
        start = time.perf_counter()
        for path in files:
            data = path.read_bytes()
            with Session(engine) as session:
                document = Document(kind="order")
                session.add(document)
                session.flush()
                digest = blobs.write(data, blob_dir)
                session.add(
                    DocumentVersion(
                        document_id=document.id,
                        filename=path.name,
                        sha256=digest,
                        size=len(data),
                        mime="x",
                        format="docx",
                    )
                )
                session.commit()
        baseline = len(files) / (time.perf_counter() - start)
    return pipeline, baseline, failed


def fill_for_search(engine: Engine, count: int, rng: random.Random) -> None:
    """`count` documents with metadata and ~400 words of text each, indexed, in batches."""
    batch = 500
    for first in range(0, count, batch):
        with Session(engine) as session:
            for i in range(first, min(first + batch, count)):
                document = Document(
                    kind=rng.choice(("order", "plan", "protocol", "rating", "letter")),
                    title=random_text(rng, 8),
                    number=str(i),
                    authority_name="Министерство труда и социальной политики Магаданской области",
                    state=rng.choice(("draft", "registered", "published")),
                )
                session.add(document)
                session.flush()
                session.add(
                    DocumentVersion(
                        document_id=document.id,
                        filename=f"{i}.docx",
                        sha256=uuid.uuid4().hex + uuid.uuid4().hex,
                        size=1,
                        mime="x",
                        format="docx",
                        text=random_text(rng, 400) + (f" {RARE_WORD}" if i % 100 == 0 else ""),
                    )
                )
                session.flush()
                index_document(session, document.id)  # type: ignore[arg-type]
            session.commit()


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(median, p95) in milliseconds."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]


def bench_search(
    backend: str, count: int, folder: Path, repeat: int
) -> list[tuple[str, int, float, float, int, float]]:
    """Per query: (query, hits, median ms, p95 ms, baseline hits, baseline median ms)."""
    rows = []
    with database(backend, folder) as engine:
        fill_for_search(engine, count, random.Random(7))
        if backend == "postgresql":
            with engine.begin() as connection:
                connection.execute(text("ANALYZE"))
        scan_count = text("SELECT count(*) FROM documentversion WHERE lower(text) LIKE :like")
        scan_page = text("SELECT document_id FROM documentversion WHERE lower(text) LIKE :like LIMIT 20")
        with Session(engine) as session:
            for query in QUERIES:
                hits = len(search(session, query, limit=20))
                median, p95 = timed(lambda q=query: search(session, q, limit=20), repeat)
                like = {"like": f"%{query.split()[0]}%"}
                base_hits = int(session.execute(scan_count, like).scalar_one())
                base_median, _ = timed(lambda like=like: session.execute(scan_page, like).all(), repeat)
                rows.append((query, hits, median, p95, base_hits, base_median))
    return rows


# --- the queue (issue 11) -----------------------------------------------------------------------


@contextmanager
def queue_setup(
    folder: Path, processes: int, backend: str = "sqlite"
) -> Iterator[tuple[Engine, dict[str, str]]]:
    """A fresh database and queue with `processes` worker processes running: SQLite database and
    SQLite queue (the embedded default), or PostgreSQL and Redis (workers on several machines)."""
    import signal
    import subprocess

    run = folder / f"queue-{uuid.uuid4().hex[:6]}"
    run.mkdir()
    with contextlib.ExitStack() as stack:
        if backend == "sqlite":
            database_url = f"sqlite:///{run / 'nok.db'}"
            queue_url = f"sqlite:///{run / 'queue.db'}"
        else:
            database_url = stack.enter_context(database("postgresql", folder)).url.render_as_string(
                hide_password=False
            )
            queue_url = REDIS_URL
        env = {
            **os.environ,
            "NOK_DATABASE_URL": database_url,
            "NOK_DATA_DIR": str(run),
            "NOK_BLOB_DIR": str(run / "blobs"),
            "NOK_QUEUE_URL": queue_url,
            "NOK_QUEUE_NAME": f"bench-{uuid.uuid4().hex[:8]}",
        }
        os.environ.update(
            {
                k: env[k]
                for k in (
                    "NOK_DATABASE_URL",
                    "NOK_DATA_DIR",
                    "NOK_BLOB_DIR",
                    "NOK_QUEUE_URL",
                    "NOK_QUEUE_NAME",
                )
            }
        )
        engine = make_engine(env["NOK_DATABASE_URL"])
        upgrade(engine)
        worker = subprocess.Popen(
            [sys.executable, "-m", "cli.main", "worker", "--processes", str(processes)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            from docstore import jobs

            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                with Session(engine) as session:
                    if jobs.live_workers(session):
                        break
                time.sleep(0.2)
            yield engine, env
        finally:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(timeout=60)
            engine.dispose()


def through_queue(
    folder: Path, files: list[tuple[str, bytes]], processes: int, mode: str, backend: str = "sqlite"
) -> float:
    """Seconds from putting the files on the queue to every job done (store) or in review."""
    from docstore import jobs
    from docstore.queue import _cached, enqueue

    with queue_setup(folder, processes, backend) as (engine, env):
        huey = _cached(env["NOK_QUEUE_URL"], env["NOK_QUEUE_NAME"])
        start = time.perf_counter()
        ids = [jobs.submit(engine, data, name, mode=mode, source="cli") for name, data in files]
        enqueue(ids, huey)
        finished = jobs.wait_for(engine, ids, poll=0.2)
        elapsed = time.perf_counter() - start
        states = jobs.jobs_by_state(finished)
        wanted = "review" if mode == "review" else "done"
        if states.get(wanted, 0) != len(files):
            print(f"  (not all {wanted}: {states})")
        return elapsed


def load() -> str:
    import os

    return f"{os.getloadavg()[0]:.1f}"


def bench_queue_docs(count: int, folder: Path, backends: tuple[str, ...]) -> None:
    rng = random.Random(5)
    files = [(f"order_{i:05d}.docx", make_docx(rng, 100_000 + i)) for i in range(count)]
    for backend in backends:
        where = "SQLite database and queue" if backend == "sqlite" else "PostgreSQL database, Redis queue"
        print(f"\n== {count} typed orders through the queue ({where}, nok worker) ==")
        print(f"{'workers':>8} {'seconds':>9} {'docs/s':>8} {'load':>6}")
        rates = {}
        for processes in (1, 2):
            before = load()
            seconds = through_queue(folder, files, processes, "store", backend)
            rates[processes] = count / seconds
            print(f"{processes:>8} {seconds:>9.1f} {rates[processes]:>8.1f} {before + '→' + load():>6}")
        print(f"speed-up of 2 workers over 1: {rates[2] / rates[1]:.2f}x (target 1.6x on 2 idle cores)")


def bench_big_table(rows: int, folder: Path) -> None:
    from docstore.ingest import ingest_file
    from extract import extract_document
    from tests.big_ratings import ratings_docx

    data = ratings_docx(rows)
    print(f"\n== a {rows}-row ratings table ({len(data) // 1024} KB DOCX) ==")
    before = load()
    start = time.perf_counter()
    extract_document(data, "ratings.docx")
    extraction = time.perf_counter() - start
    with database("sqlite", folder) as engine:
        start = time.perf_counter()
        result = ingest_file(engine, data, "ratings.docx", blob_dir=folder / "big-blobs")
        whole = time.perf_counter() - start
    stored = result.counts.ratings if result.counts else 0
    print(
        f"whole ingest {whole:.1f} s ({result.status}, {stored} rows); "
        f"baseline, extraction alone {extraction:.1f} s; load {before}→{load()}"
    )


def bench_scans(count: int, folder: Path) -> None:
    from docstore.ingest import preview

    scan = (ROOT / "tests" / "corpus" / "magadan_2017_order64_scan.pdf").read_bytes()
    # distinct files (a comment after %%EOF changes the hash, not the pages)
    files = [(f"scan_{i:02d}.pdf", scan + f"\n% copy {i}\n".encode()) for i in range(count)]
    print(f"\n== {count} scans (3 pages each) from upload to «ждёт проверки» ==")
    before = load()
    seconds = through_queue(folder, files, 2, "review")
    print(f"queue, 2 workers: {seconds:.1f} s ({seconds / count:.1f} s per scan); load {before}→{load()}")
    sample = min(count, 2)
    start = time.perf_counter()
    for name, data in files[:sample]:
        preview(data, name)
    one = (time.perf_counter() - start) / sample
    print(
        f"baseline, one process reading them one after another: {one:.1f} s per scan "
        f"(measured on {sample}), {one * count:.0f} s for {count}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--search-docs", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--queue-docs", type=int, default=1000)
    parser.add_argument("--table-rows", type=int, default=10_000)
    parser.add_argument("--scans", type=int, default=20)
    parser.add_argument(
        "--only", choices=("ingest", "queue"), help="only the older claims, or only the queue's"
    )
    args = parser.parse_args()
    queue_backends = ("sqlite",) if args.no_postgres else ("sqlite", "postgresql")
    if args.only == "queue":
        with tempfile.TemporaryDirectory(prefix="nok-bench-") as tmp:
            if args.queue_docs:
                bench_queue_docs(args.queue_docs, Path(tmp), queue_backends)
            if args.table_rows:
                bench_big_table(args.table_rows, Path(tmp))
            if args.scans:
                bench_scans(args.scans, Path(tmp))
        return 0
    backends = ["sqlite"] if args.no_postgres else ["sqlite", "postgresql"]
    with tempfile.TemporaryDirectory(prefix="nok-bench-") as tmp:
        folder = Path(tmp)
        rng = random.Random(42)
        source = folder / "docs"
        source.mkdir()
        start = time.perf_counter()
        files = []
        for i in range(args.docs):
            path = source / f"order_{i:05d}.docx"
            path.write_bytes(make_docx(rng, i + 1))
            files.append(path)
        print(f"generated {len(files)} DOCX orders in {time.perf_counter() - start:.1f} s")
        if files:  # --docs 0 measures search only
            print("\n== ingest (documents per second) ==")
            print(f"{'backend':<11} {'nok pipeline':>13} {'baseline':>10} {'failed':>7}")
            for backend in backends:
                pipeline, baseline, failed = bench_ingest(backend, files, folder)
                print(f"{backend:<11} {pipeline:>13.1f} {baseline:>10.1f} {failed:>7}")
        print(f"\n== search over {args.search_docs} documents (ms; baseline = LIKE substring scan) ==")
        header = ("backend", "query", "hits", "median", "p95", "LIKE hits", "LIKE median")
        print("{:<11} {:<22} {:>5} {:>8} {:>8} {:>10} {:>12}".format(*header))
        for backend in backends:
            for query, hits, median, p95, base_hits, base_median in bench_search(
                backend, args.search_docs, folder, args.repeat
            ):
                cells = (backend, query, hits, median, p95, base_hits, base_median)
                print("{:<11} {:<22} {:>5} {:>8.2f} {:>8.2f} {:>10} {:>12.2f}".format(*cells))
        if args.only is None:
            if args.queue_docs:
                bench_queue_docs(args.queue_docs, folder, queue_backends)
            if args.table_rows:
                bench_big_table(args.table_rows, folder)
            if args.scans:
                bench_scans(args.scans, folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
