"""Full-text search over document text and metadata, with Russian morphology, on both backends.

"приказ", "приказа", "приказом" must find each other:

- PostgreSQL: a `search_document` row per document with a stored `tsvector` built with the
  `russian` configuration (title weight A, metadata B, text D) and a GIN index; queries go
  through `websearch_to_tsquery('russian', ...)`, ranked by `ts_rank`, snippets by `ts_headline`.
- SQLite: FTS5 has no Russian stemmer, so the FTS5 table `search_fts` holds the original words
  (unicode61 tokens, which keeps snippets readable) and each query word is stemmed with
  Snowball's Russian stemmer and matched as a prefix (`приказ*`); ranked by bm25.

A query is bounded (`MAX_QUERY_CHARS`, `MAX_QUERY_WORDS`; past them `QueryTooLong`) and each
distinct term reaches the engine once: FTS5's snippet() and bm25() and PostgreSQL's `&&` walk
every occurrence of every term they are given in every document found, so 9,000 pasted words
used to cost minutes (the square of the query's length); now one pass over the words.

Both give the same `SearchHit`s, with matches in the snippet marked `**like this**`. The index
row of a document is rewritten by `index_document` whenever its text or metadata change (the
ingest pipeline and `metadata.correct_field` call it inside their transaction).

A document's copies (the draft DOCX, its PDF, the signed scan, see `docstore.copies`) are
versions of one document, and the row holds the text of all of them: the whole text of the copy
the records come from (the best-reading one, so snippets quote clean text), then each word of
the other copies that it lacks, once. So a word only the scan has (a handwritten resolution, a
stamp, «Копия верна», a page missing from the draft) finds the document, while words every copy
shares are counted once and three copies of one act do not outrank a single typed one. The OCR
text of a scan is every page's text, as the reader gives it in `Extraction.text`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import snowballstemmer
from sqlalchemy import text
from sqlmodel import Session, col, select

from db.models import Document, DocumentVersion
from docstore.copies import records_version
from docstore.errors import DocstoreError
from docstore.metadata import DOCUMENT_KINDS_RU

HIGHLIGHT = "**"
_BODY_LIMIT = 400_000  # characters; a tsvector must stay under 1 MB
_WORD = re.compile(r"\w+", re.UNICODE)
_MIN_STEM = 3
_CONSONANTS = "бвгджзклмнпрстфхцчшщ"
_FLEETING_VOWEL = re.compile(rf"^(\w{{3,}}[{_CONSONANTS}])[оеё]([кцнл])$")
_CLUSTER_END = re.compile(rf"^(\w{{3,}}[{_CONSONANTS}])([кцнл])$")
_WEBSEARCH_SYNTAX = re.compile(r'"|(^|\s)-|\bor\b', re.IGNORECASE)
MAX_QUERY_CHARS = 1000
"""A pasted title of an order is ~250 characters; a page of text is no query."""
MAX_QUERY_WORDS = 50
"""Every word must match: past a few dozen words a query finds only the document it was copied
from, and each word costs the engine work on every document found."""


class QueryTooLong(DocstoreError):
    """A search query past `MAX_QUERY_CHARS` or `MAX_QUERY_WORDS`: refused, not cut, since every
    word must match and a cut query would show documents that lack the words dropped."""


@dataclass(frozen=True)
class SearchHit:
    document_id: int
    title: str | None
    kind: str
    date: dt.date | None
    state: str
    rank: float
    """Higher is better (comparable within one result list only)."""
    snippet: str


def index_document(session: Session, document_id: int) -> None:
    """(Re)write the search row of a document from its metadata and the text of its versions."""
    document = session.get(Document, document_id)
    if document is None:
        return
    versions = list(
        session.exec(
            select(DocumentVersion)
            .where(DocumentVersion.document_id == document_id)
            .order_by(col(DocumentVersion.version_no).desc())
        )
    )
    best = records_version(session, document)
    title = _fold(document.title or "")
    meta = _fold(" ".join(_metadata_words(document, versions)))
    body = _fold(searchable_text(best, versions)[:_BODY_LIMIT])
    params = {"id": document_id, "title": title, "meta": meta, "body": body}
    if _dialect(session) == "postgresql":
        session.execute(
            text(
                "INSERT INTO search_document (document_id, title, meta, body) "
                "VALUES (:id, :title, :meta, :body) ON CONFLICT (document_id) DO UPDATE "
                "SET title = EXCLUDED.title, meta = EXCLUDED.meta, body = EXCLUDED.body"
            ),
            params,
        )
    else:
        session.execute(text("DELETE FROM search_fts WHERE rowid = :id"), {"id": document_id})
        session.execute(
            text("INSERT INTO search_fts (rowid, title, meta, body) VALUES (:id, :title, :meta, :body)"),
            params,
        )


def unindex_document(session: Session, document_id: int) -> None:
    """Remove the search row of a document (merged into another by `nok dedupe`)."""
    if _dialect(session) == "postgresql":
        session.execute(text("DELETE FROM search_document WHERE document_id = :id"), {"id": document_id})
    else:
        session.execute(text("DELETE FROM search_fts WHERE rowid = :id"), {"id": document_id})


def search(
    session: Session,
    query: str,
    *,
    kind: str | None = None,
    authority_id: int | None = None,
    year: int | None = None,
    state: str | None = None,
    states: Iterable[str] | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[SearchHit]:
    """Documents matching every word of `query` (any grammatical form), best first.

    Filters: `kind`, `authority_id`, `year` (of the document's date), `state` or a set of
    `states` (e.g. only published for the minister's and council's views).
    """
    query_words(query)  # QueryTooLong before any work
    where, params = _filters(kind, authority_id, year, state, states)
    params.update(limit=limit, offset=offset)
    if _dialect(session) == "postgresql":
        return _search_postgresql(session, query, where, params)
    return _search_sqlite(session, query, where, params)


def stem_variants(stem: str) -> tuple[str, ...]:
    """The stem and its forms with and without a fleeting vowel (беглая гласная).

    Snowball leaves "недостаток" whole but cuts "недостатков" to "недостатк"; "конец" and "конца",
    "перечень" and "перечня" part the same way. Each stem is matched as a prefix, so the variant
    without the vowel finds the oblique forms and the variants with о/е find the nominative.
    """
    if match := _FLEETING_VOWEL.match(stem):
        return stem, match[1] + match[2]
    if match := _CLUSTER_END.match(stem):
        return stem, f"{match[1]}о{match[2]}", f"{match[1]}е{match[2]}"
    return (stem,)


def query_words(query: str) -> list[str]:
    """The distinct words of a user's query (lower case, ё as е), in order; `QueryTooLong` past
    the caps (the length is checked before the query is read)."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryTooLong(
            f"Запрос слишком длинный (знаков: {len(query)}, можно не больше {MAX_QUERY_CHARS}). "
            "Оставьте главные слова."
        )
    words = _WORD.findall(_fold(query.lower()))
    if len(words) > MAX_QUERY_WORDS:
        raise QueryTooLong(
            f"Запрос слишком длинный (слов: {len(words)}, можно не больше {MAX_QUERY_WORDS}). "
            "Оставьте главные слова."
        )
    return list(dict.fromkeys(words))


def fts5_query(query: str) -> str | None:
    """The FTS5 MATCH expression for a user's query: each word stemmed, as a prefix, each term
    once; None if empty."""
    stemmer = _stemmer()
    terms = dict.fromkeys(fts5_term(word, stemmer) for word in query_words(query))
    return " AND ".join(terms) if terms else None


def fts5_term(word: str, stemmer: Any) -> str:
    """One word of a query as FTS5 phrases: its stem (and fleeting-vowel variants) as prefixes,
    or the word itself when its stem is too short or a number."""
    stem = stemmer.stemWord(word)
    if len(stem) < _MIN_STEM or stem.isdigit():
        return f'"{word}"'
    variants = [f'"{v}"*' for v in stem_variants(stem)]
    return variants[0] if len(variants) == 1 else f"({' OR '.join(variants)})"


def _tsquery_sql(query: str, params: dict[str, Any]) -> str:
    """The tsquery of a user's query on PostgreSQL: `websearch_to_tsquery` as typed, each plain
    word (once) widened by its fleeting-vowel variants (as prefixes) when the query has no operators."""
    words = query_words(query)
    if _WEBSEARCH_SYNTAX.search(query) or not words:
        params["query"] = query
        return "websearch_to_tsquery('russian', :query)"
    stemmer = _stemmer()
    parts = []
    for index, word in enumerate(words):
        params[f"w{index}"] = word
        part = f"websearch_to_tsquery('russian', :w{index})"
        variants = stem_variants(stemmer.stemWord(word))[1:]
        if variants:
            params[f"v{index}"] = " | ".join(f"{v}:*" for v in variants)
            part = f"({part} || to_tsquery('simple', :v{index}))"
        parts.append(part)
    return " && ".join(parts)


def _search_sqlite(session: Session, query: str, where: list[str], params: dict[str, Any]) -> list[SearchHit]:
    match = fts5_query(query)
    if match is None:
        return []
    params["match"] = match
    conditions = " AND ".join(["search_fts MATCH :match", *where])
    statement = text(
        "SELECT d.id, d.title, d.kind, d.date, d.state, "
        "-bm25(search_fts, 10.0, 4.0, 1.0) AS rank, "
        f"snippet(search_fts, -1, '{HIGHLIGHT}', '{HIGHLIGHT}', '…', 16) AS snippet "
        "FROM search_fts JOIN document d ON d.id = search_fts.rowid "
        f"WHERE {conditions} ORDER BY rank DESC, d.id LIMIT :limit OFFSET :offset"
    )
    return [_hit(row) for row in session.execute(statement, params)]


def _search_postgresql(
    session: Session, query: str, where: list[str], params: dict[str, Any]
) -> list[SearchHit]:
    if not _WORD.search(query):
        return []
    tsquery = _tsquery_sql(_fold(query), params)
    conditions = " AND ".join(["s.tsv @@ q.query", *where])
    headline_options = (
        f"StartSel={HIGHLIGHT}, StopSel={HIGHLIGHT}, MaxWords=24, MinWords=10, "
        'MaxFragments=2, FragmentDelimiter=" … "'
    )
    statement = text(
        "SELECT hit.id, hit.title, hit.kind, hit.date, hit.state, hit.rank, "
        "ts_headline('russian', hit.doc_text, hit.query, :headline) AS snippet FROM ("
        " SELECT d.id, d.title, d.kind, d.date, d.state, ts_rank(s.tsv, q.query) AS rank, q.query,"
        "  s.title || '. ' || s.meta || '. ' || s.body AS doc_text"
        " FROM search_document s JOIN document d ON d.id = s.document_id,"
        f"  (SELECT {tsquery}) AS q(query)"
        f" WHERE {conditions} ORDER BY rank DESC, d.id LIMIT :limit OFFSET :offset"
        ") AS hit ORDER BY hit.rank DESC, hit.id"
    )
    params["headline"] = headline_options
    return [_hit(row) for row in session.execute(statement, params)]


def _filters(
    kind: str | None,
    authority_id: int | None,
    year: int | None,
    state: str | None,
    states: Iterable[str] | None,
) -> tuple[list[str], dict[str, Any]]:
    where: list[str] = []
    params: dict[str, Any] = {}
    if kind:
        where.append("d.kind = :kind")
        params["kind"] = kind
    if authority_id is not None:
        where.append("d.authority_id = :authority_id")
        params["authority_id"] = authority_id
    if year is not None:
        where.append("d.date >= :year_start AND d.date < :year_end")
        params["year_start"] = dt.date(year, 1, 1)
        params["year_end"] = dt.date(year + 1, 1, 1)
    wanted = {state} if state else set(states) if states is not None else None
    if wanted is not None:
        names = []
        for index, value in enumerate(sorted(wanted)):
            params[f"state_{index}"] = value
            names.append(f":state_{index}")
        where.append(f"d.state IN ({', '.join(names) or 'NULL'})")
    return where, params


def _hit(row: Any) -> SearchHit:
    date = row.date
    if isinstance(date, str):  # SQLite returns the raw column text through text()
        date = dt.date.fromisoformat(date[:10])
    return SearchHit(
        document_id=int(row.id),
        title=row.title,
        kind=row.kind,
        date=date,
        state=row.state,
        rank=float(row.rank or 0.0),
        snippet=" ".join((row.snippet or "").split()),
    )


def searchable_text(best: DocumentVersion | None, versions: list[DocumentVersion]) -> str:
    """The text of the best copy, then the words of the other copies it lacks (each once)."""
    text = best.text if best is not None else ""
    seen = {word.casefold() for word in _WORD.findall(text)}
    extra = []
    for version in versions:
        if best is not None and version.id == best.id:
            continue
        for word in _WORD.findall(version.text or ""):
            if (folded := word.casefold()) not in seen:
                seen.add(folded)
                extra.append(word)
    return f"{text}\n{' '.join(extra)}" if extra else text


def _metadata_words(document: Document, versions: list[DocumentVersion]) -> list[str]:
    words = [
        DOCUMENT_KINDS_RU.get(document.kind, ""),
        f"№ {document.number}" if document.number else "",
        document.date.strftime("%d.%m.%Y") if document.date else "",
        document.authority_name or "",
        document.region or "",
        document.signatory_position or "",
        document.signatory_name or "",
        *(version.filename for version in versions),
    ]
    return [w for w in words if w]


def _fold(value: str) -> str:
    """ё and е are one letter for search (people type е)."""
    return value.replace("ё", "е").replace("Ё", "Е")


def _stemmer() -> Any:
    """A fresh stemmer per query: Snowball stemmers keep state and are not thread-safe."""
    return snowballstemmer.stemmer("russian")


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name
