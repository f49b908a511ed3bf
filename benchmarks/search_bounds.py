"""Bounded search: a long query is refused at once, and the work grows linearly (issue 12).

Claim: a 9,000-word query is answered or refused in under 1 s on SQLite and PostgreSQL. Before
the fix `nok search` with 9,000 words took 172 s: every word of the query reached the engine,
and FTS5's snippet() and bm25() (PostgreSQL's `&&` and ts_headline) walk every occurrence of
every term in every document found, so the time grew with the square of the word count.

Printed side by side, from the same run and the same database (D generated documents and one
long order that holds every query word, as a pasted text would match the document it came from):

- before: the query handed to the engine word by word, as the code did before the fix (no cap,
  each repeated word again), for growing word counts;
- after: `docstore.search.search` as shipped: a query at the word cap answered, a 9,000-word
  query refused (`QueryTooLong`), and, with the caps lifted, the same 9,000 words answered
  (each distinct term once: the linear part that remains).

Run: .venv/bin/python benchmarks/search_bounds.py [--docs 2000] [--before 250,500,1000,2000]
     [--no-postgres]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import Engine, text  # noqa: E402
from sqlmodel import Session  # noqa: E402

from benchmarks.ingest import WORDS, database, fill_for_search  # noqa: E402
from db.models import Document, DocumentVersion  # noqa: E402
from docstore import search as search_module  # noqa: E402
from docstore.search import MAX_QUERY_WORDS, QueryTooLong, index_document, search  # noqa: E402

LONG_QUERY_WORDS = 9000
BEFORE_STOP_SECONDS = 15.0


def add_long_order(engine: Engine, rng: random.Random, words: int = 2000) -> None:
    """One order of `words` words drawn from the domain vocabulary: every query here matches it."""
    body = " ".join(rng.choice(WORDS) for _ in range(words))
    with Session(engine) as session:
        document = Document(
            kind="order", title="Приказ о мероприятиях по независимой оценке", state="published"
        )
        session.add(document)
        session.flush()
        session.add(
            DocumentVersion(
                document_id=document.id,
                filename="long.docx",
                sha256="f" * 64,
                size=1,
                mime="x",
                format="docx",
                text=body,
            )
        )
        session.flush()
        index_document(session, document.id)  # type: ignore[arg-type]
        session.commit()


def query_of(words: int, rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


@contextmanager
def code_before_the_fix() -> Iterator[None]:
    """`docstore.search` as it was: no cap, every word of the query handed to the engine."""
    saved = search_module.query_words, search_module.fts5_query

    def every_word(query: str) -> list[str]:
        return search_module._WORD.findall(search_module._fold(query.lower()))

    def fts5_every_word(query: str) -> str | None:
        stemmer = search_module._stemmer()
        terms = [search_module.fts5_term(word, stemmer) for word in every_word(query)]
        return " AND ".join(terms) if terms else None

    search_module.query_words, search_module.fts5_query = every_word, fts5_every_word  # type: ignore[assignment]
    try:
        yield
    finally:
        search_module.query_words, search_module.fts5_query = saved  # type: ignore[assignment]


@contextmanager
def caps_lifted() -> Iterator[None]:
    saved = search_module.MAX_QUERY_CHARS, search_module.MAX_QUERY_WORDS
    search_module.MAX_QUERY_CHARS, search_module.MAX_QUERY_WORDS = 10**9, 10**9
    try:
        yield
    finally:
        search_module.MAX_QUERY_CHARS, search_module.MAX_QUERY_WORDS = saved


def seconds(run: Callable[[], object]) -> tuple[float, str]:
    """(seconds, what came back: the number of hits or «refused»)."""
    start = time.perf_counter()
    try:
        outcome = f"{len(run())} hits"  # type: ignore[arg-type]
    except QueryTooLong:
        outcome = "refused"
    return time.perf_counter() - start, outcome


def bench(backend: str, docs: int, before: list[int], folder: Path) -> Iterator[tuple[str, int, float, str]]:
    """Rows (code, words, seconds, result) as they are measured; the code before the fix stops
    growing the query once one took longer than `BEFORE_STOP_SECONDS`."""
    rng = random.Random(12)
    with database(backend, folder) as engine:
        fill_for_search(engine, docs, random.Random(7))
        add_long_order(engine, rng)
        if backend == "postgresql":
            with engine.begin() as connection:
                connection.execute(text("ANALYZE"))
        with Session(engine) as session:
            search(session, "приказ")  # warm the caches
            with code_before_the_fix():
                for words in before:
                    query = query_of(words, rng)
                    row = ("before", words, *seconds(lambda q=query: search(session, q)))
                    yield row
                    if row[2] > BEFORE_STOP_SECONDS:
                        break
            for words in (MAX_QUERY_WORDS, LONG_QUERY_WORDS):
                query = query_of(words, rng)
                yield ("after", words, *seconds(lambda q=query: search(session, q)))
            with caps_lifted():
                for words in (*before, LONG_QUERY_WORDS):
                    query = query_of(words, rng)
                    yield ("after, no cap", words, *seconds(lambda q=query: search(session, q)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--before", default="125,250,500,1000,2000", help="word counts for the code before")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    before = [int(n) for n in args.before.split(",") if n]
    backends = ["sqlite"] if args.no_postgres else ["sqlite", "postgresql"]
    print(f"== a query of N words over {args.docs + 1} documents (one holds every query word) ==", flush=True)
    print(f"{'backend':<11} {'code':<14} {'words':>6} {'seconds':>9}  result")
    slowest_after = 0.0
    with tempfile.TemporaryDirectory(prefix="nok-bench-") as tmp:
        for backend in backends:
            for code, words, elapsed, outcome in bench(backend, args.docs, before, Path(tmp)):
                print(f"{backend:<11} {code:<14} {words:>6} {elapsed:>9.3f}  {outcome}", flush=True)
                if code == "after" and words == LONG_QUERY_WORDS:
                    slowest_after = max(slowest_after, elapsed)
    print(
        f"\n{LONG_QUERY_WORDS}-word query as shipped: {slowest_after * 1000:.3f} ms at most "
        "(target under 1 s; before the fix 172 s on the demo through `nok search`)"
    )
    return 0 if slowest_after < 1.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
