"""Russian full-text search on both backends: morphology, ranking, snippets, filters."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import Session

from db.models import Document, DocumentVersion
from docstore import search as search_module
from docstore.ingest import ingest_file
from docstore.metadata import correct_field
from docstore.search import (
    MAX_QUERY_CHARS,
    MAX_QUERY_WORDS,
    QueryTooLong,
    fts5_query,
    search,
    searchable_text,
    stem_variants,
)
from docstore.workflow import transition
from tests.conftest import CORPUS
from tests.docstore.conftest import order_extraction, unique_bytes
from tests.extract.conftest import tesseract  # noqa: F401  (the fixture)


@pytest.fixture
def library(session: Session, blob_dir: Path) -> dict[str, int]:
    """Three documents with distinct words; returns their ids by label."""
    specs = {
        "order": order_extraction(
            title="О проведении независимой оценки",
            text="ПРИКАЗ. Во исполнение приказом министерства утвержденного порядка приказываю провести.",
        ),
        "plan": order_extraction(
            kind="plan",
            title="План мероприятий по улучшению качества работы учреждений",
            text="План. Учреждениям обеспечить размещение информации на сайте.",
            date=dt.date(2019, 2, 8),
        ),
        "letter": order_extraction(
            kind="letter",
            title="Об итогах рейтинга",
            text="Направляем результаты рейтинга организаций социального обслуживания за 2018 год.",
            date=dt.date(2019, 1, 10),
        ),
    }
    ids = {}
    for label, extraction in specs.items():
        result = ingest_file(
            session, unique_bytes(label), f"{label}.pdf", extraction=extraction, blob_dir=blob_dir
        )
        assert result.status == "new", result.message
        ids[label] = result.document_id
    return ids


@pytest.mark.parametrize("query", ["приказ", "приказа", "приказом", "ПРИКАЗЫ"])
def test_word_forms_find_each_other(session: Session, library: dict[str, int], query: str) -> None:
    hits = search(session, query)
    assert [h.document_id for h in hits] == [library["order"]]
    assert "**" in hits[0].snippet


def test_every_word_must_match_and_title_ranks_above_text(session: Session, library: dict[str, int]) -> None:
    assert {h.document_id for h in search(session, "учреждения")} == {library["plan"]}
    assert search(session, "рейтинг приказ") == []
    hits = search(session, "рейтингом")
    assert [h.document_id for h in hits] == [library["letter"]]
    assert hits[0].title == "Об итогах рейтинга" and hits[0].kind == "letter" and hits[0].state == "draft"
    assert hits[0].date == dt.date(2019, 1, 10)


def test_metadata_words_are_searchable(session: Session, library: dict[str, int]) -> None:
    assert len(search(session, "Малютина")) == 3
    assert {h.document_id for h in search(session, "письмо")} == {library["letter"]}


def test_filters_by_kind_year_state_and_authority(session: Session, library: dict[str, int]) -> None:
    assert {h.document_id for h in search(session, "Магаданской", kind="plan")} == {library["plan"]}
    assert {h.document_id for h in search(session, "Магаданской", year=2019)} == {
        library["plan"],
        library["letter"],
    }
    assert search(session, "Магаданской", state="published") == []
    transition(session, None, library["letter"], "registered")
    session.commit()
    assert [h.document_id for h in search(session, "Магаданской", states=["registered", "published"])] == [
        library["letter"]
    ]
    assert search(session, "Магаданской", authority_id=-1) == []


def test_a_correction_is_searchable_at_once(session: Session, library: dict[str, int]) -> None:
    correct_field(session, None, library["plan"], "title", "План-график устранения недостатков")
    session.commit()
    assert [h.document_id for h in search(session, "недостатками")] == [library["plan"]]


def test_empty_and_punctuation_queries_find_nothing(session: Session, library: dict[str, int]) -> None:
    assert search(session, "") == []
    assert search(session, "«»—?") == []


@pytest.mark.parametrize("query", ["недостаток", "недостатков", "недостатки", "Недостатку"])
def test_a_fleeting_vowel_does_not_split_word_forms(session: Session, blob_dir: Path, query: str) -> None:
    ids = []
    for label, text in (
        ("one", "Выявленный недостаток устранен."),
        ("many", "План устранения недостатков, выявленных в ходе оценки."),
        ("other", "Приказ о проведении оценки."),
    ):
        extraction = order_extraction(title=f"Документ {label}", text=text, number=label)
        ids.append(
            ingest_file(
                session, unique_bytes(label), f"{label}.pdf", extraction=extraction, blob_dir=blob_dir
            )
        )
    assert {h.document_id for h in search(session, query)} == {ids[0].document_id, ids[1].document_id}
    assert {h.document_id for h in search(session, f"{query} в ходе")} == {ids[1].document_id}


def test_stem_variants_add_or_drop_the_fleeting_vowel() -> None:
    assert stem_variants("недостаток") == ("недостаток", "недостатк")
    assert stem_variants("недостатк") == ("недостатк", "недостаток", "недостатек")
    assert stem_variants("приказ") == ("приказ",)


def test_fts5_query_stems_each_word_to_a_prefix() -> None:
    assert fts5_query("Приказом учреждений") == '"приказ"* AND ("учрежден"* OR "учреждн"*)'
    assert fts5_query("№ 64") == '"64"'


VOCABULARY = [
    "приказ",
    "мероприятие",
    "учреждение",
    "оценка",
    "качество",
    "условий",
    "оказания",
    "услуг",
    "социального",
    "обслуживания",
]


def _words(count: int) -> str:
    """`count` words drawn in turn from a ten-word vocabulary, as a long pasted text repeats itself."""
    return " ".join(VOCABULARY[i % len(VOCABULARY)] for i in range(count))


def test_a_query_of_too_many_words_is_refused_with_the_reason(
    session: Session, library: dict[str, int]
) -> None:
    assert search(session, _words(MAX_QUERY_WORDS)) == []
    with pytest.raises(QueryTooLong) as refused:
        search(session, _words(MAX_QUERY_WORDS + 1))
    assert refused.value.message == (
        f"Запрос слишком длинный (слов: {MAX_QUERY_WORDS + 1}, можно не больше {MAX_QUERY_WORDS}). "
        "Оставьте главные слова."
    )


def test_a_query_of_too_many_characters_is_refused_before_it_is_read(session: Session) -> None:
    with pytest.raises(QueryTooLong, match=rf"\(знаков: 84599, можно не больше {MAX_QUERY_CHARS}\)"):
        search(session, _words(9000))


def test_the_engine_gets_each_word_once_however_often_it_is_repeated(
    session: Session, library: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The work on a query grows linearly with its length: one pass over its words, and the
    engine (whose snippet and ranking walk every occurrence of every term it is given in every
    document found) gets each distinct term once. Before, a 9,000-word query handed FTS5 9,000
    terms and took 172 s."""
    monkeypatch.setattr("docstore.search.MAX_QUERY_WORDS", 100_000)
    monkeypatch.setattr("docstore.search.MAX_QUERY_CHARS", 1_000_000)
    stemmed: list[str] = []
    real_stemmer = search_module._stemmer

    class CountingStemmer:
        def __init__(self) -> None:
            self.inner = real_stemmer()

        def stemWord(self, word: str) -> str:
            stemmed.append(word)
            return self.inner.stemWord(word)

    monkeypatch.setattr("docstore.search._stemmer", CountingStemmer)
    for count in (1000, 2000, 4000, 9000):
        stemmed.clear()
        match = fts5_query(_words(count))
        assert match is not None and match.count(" AND ") + 1 == len(VOCABULARY)
        assert len(stemmed) == len(VOCABULARY)
        params: dict[str, object] = {}
        search_module._tsquery_sql(_words(count), params)
        assert len([name for name in params if name.startswith("w")]) == len(VOCABULARY)
    assert fts5_query("приказ приказа приказом") == '"приказ"*'


def test_the_text_of_every_copy_finds_the_document_once(session: Session, blob_dir: Path) -> None:
    """The signed scan comes first, then the typed copy, which takes the records over: a word of
    the scan alone still finds the document, and a shared word is quoted from the typed copy."""
    scan = order_extraction(
        text="ПРИКАЗ от 15 марта 2017 г. № 64 Приказываю: утвердить. Резолюция: исполнителям ознакомиться. "
        "Копия верна."
    )
    scan = dataclasses.replace(scan, source=dataclasses.replace(scan.source, ocr=True))
    first = ingest_file(session, unique_bytes("scan"), "scan.pdf", extraction=scan, blob_dir=blob_dir)
    typed = ingest_file(
        session, unique_bytes("typed"), "order.pdf", extraction=order_extraction(), blob_dir=blob_dir
    )
    assert typed.copy and typed.document_id == first.document_id and "записи взяты из неё" in typed.message
    for query in ("резолюции", "исполнителей ознакомиться", "копии"):
        assert [h.document_id for h in search(session, query)] == [first.document_id], query
    hits = search(session, "приказываю")
    assert len(hits) == 1 and "мероприятий. Приказываю" in hits[0].snippet.replace("**", "")


def test_words_every_copy_shares_are_indexed_once() -> None:
    best = DocumentVersion(
        document_id=1, filename="a.docx", sha256="a", size=1, mime="", format="docx", text="Приказ о плане"
    )
    best.id = 1
    scan = DocumentVersion(
        document_id=1,
        filename="b.pdf",
        sha256="b",
        size=1,
        mime="",
        format="pdf",
        text="ПРИКАЗ о плане. Копия верна, копия",
    )
    scan.id = 2
    assert searchable_text(best, [scan, best]) == "Приказ о плане\nКопия верна"
    assert searchable_text(best, [best]) == "Приказ о плане"


@pytest.mark.ocr
@pytest.mark.usefixtures("tesseract")
def test_a_scanned_order_is_found_by_the_words_of_its_pages(session: Session, blob_dir: Path) -> None:
    """The signed scan of Magadan order 64 (three page images, no text layer) is found by words
    of its first and last pages that are in no title or metadata, typed in other word forms."""
    name = "magadan_2017_order64_scan.pdf"
    result = ingest_file(session, (CORPUS / name).read_bytes(), name, blob_dir=blob_dir)
    assert result.status == "new", result.message
    document = session.get(Document, result.document_id)
    assert document is not None and "поручен" not in (document.title or "").lower()
    for query, page_word in (("поручения", "поручений"), ("установленным сроком", "установленные")):
        hits = search(session, query)
        assert [h.document_id for h in hits] == [result.document_id], query
        assert page_word in hits[0].snippet.replace("**", "").lower(), hits[0].snippet
