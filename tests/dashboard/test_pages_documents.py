"""Документы (staff): registry filters, full-text search, the card (workflow buttons by role,
metadata corrections, new versions, every version's original, extracted records) and the
institutions awaiting confirmation."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session, select

from db.models import Authority, Document, DocumentVersion, IngestJob, MetadataCorrection, Organization, User
from docstore import blobs, jobs
from docstore.auth import create_user
from docstore.ingest import ingest_file
from docstore.search import index_document
from tests.conftest import CORPUS
from tests.dashboard.conftest import TEST_PASSWORD, signed_in_app

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _index(session: Session, filled) -> None:  # type: ignore[no-untyped-def]
    version = session.exec(
        select(DocumentVersion).where(DocumentVersion.document_id == filled.documents["rating_2024"])
    ).one()
    version.text = "Рейтинг учреждений социального обслуживания Северной области по итогам оценки"
    session.add(version)
    session.flush()
    for document in session.exec(select(Document)):
        index_document(session, document.id)
    session.commit()


def test_registry_lists_and_filters_documents(filled) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(filled.users["staff"], "documents.py")
    assert not at.exception
    registry = at.dataframe[0].value
    assert len(registry) == 5
    at.selectbox(key="browse_kind").set_value("rating").run()
    assert at.dataframe[0].value["Заголовок"].tolist() == [
        "Черновик рейтинга",
        "Рейтинг 2024",
        "Рейтинг 2023",
    ]
    at.selectbox(key="browse_state").set_value("draft").run()
    assert at.dataframe[0].value["Заголовок"].tolist() == ["Черновик рейтинга"]
    at.number_input(key="browse_year").set_value(2023).run()
    assert "Документов нет" in at.info[0].value


def test_search_finds_word_forms_with_a_snippet(filled, session: Session) -> None:  # type: ignore[no-untyped-def]
    _index(session, filled)
    at = signed_in_app(filled.users["staff"], "documents.py")
    at.text_input(key="search_query").input("рейтинга учреждения").run()
    assert not at.exception
    found = [m.value for m in at.markdown if m.value.startswith("**№")]
    assert len(found) == 1 and found[0].startswith(f"**№ {filled.documents['rating_2024']}. Рейтинг 2024**")
    assert "**учреждений**" in found[0] or "**Рейтинг**" in found[0]
    at.text_input(key="search_query").input("котлован").run()
    assert any(c.value == "Найдено: 0" for c in at.caption)


def test_a_search_past_the_caps_says_why_and_finds_nothing(filled, session: Session) -> None:  # type: ignore[no-untyped-def]
    _index(session, filled)
    at = signed_in_app(filled.users["staff"], "documents.py")
    at.text_input(key="search_query").input(" ".join(["рейтинга"] * 60)).run()
    assert not at.exception
    assert [w.value for w in at.warning] == [
        "Запрос слишком длинный (слов: 60, можно не больше 50). Оставьте главные слова."
    ]
    assert not [m for m in at.markdown if m.value.startswith("**№")]


def test_staff_registers_a_draft_from_its_card(filled, session: Session) -> None:  # type: ignore[no-untyped-def]
    draft = filled.documents["draft_rating"]
    at = signed_in_app(filled.users["staff"], "documents.py", query={"doc": str(draft)})
    labels = [b.label for b in at.button]
    assert "Зарегистрировать" in labels and "Отправить в архив" in labels
    assert "Опубликовать" not in labels
    at.button(key="transition_register").click().run()
    assert not at.exception
    session.expire_all()
    assert session.get(Document, draft).state == "registered"
    audit = at.dataframe[-1].value
    assert audit["Действие"].tolist()[-1] == "смена состояния"
    assert audit["Подробности"].tolist()[-1] == "черновик → зарегистрирован"


def test_admin_sees_every_transition_allowed_for_admin(filled) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(
        filled.users["admin"], "documents.py", query={"doc": str(filled.documents["rating_2024"])}
    )
    labels = [b.label for b in at.button]
    assert "Снять с публикации" in labels and "Отправить в архив" in labels


@pytest.mark.parametrize("role", ["minister", "council", "supervisor"])
def test_other_roles_have_no_documents_page(filled, role: str) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(filled.users[role])
    with pytest.raises(ValueError, match="Known pages"):
        at.switch_page("views/documents.py")


def _card(user_id: int, document_id: int):  # type: ignore[no-untyped-def]
    at = signed_in_app(user_id, "documents.py", query={"doc": str(document_id)})
    assert not at.exception
    return at


def _frame_with(at, column: str):  # type: ignore[no-untyped-def]
    """The first table on the page that has `column`."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_staff_corrects_number_and_date_through_the_form(filled, session: Session) -> None:  # type: ignore[no-untyped-def]
    plan = filled.documents["plan"]
    at = _card(filled.users["staff"], plan)
    assert at.text_input(key=f"fix_{plan}_date").value == "15.01.2024"
    at.text_input(key=f"fix_{plan}_number").input("17-П")
    at.text_input(key=f"fix_{plan}_date").input("20.01.2024")
    at.button(key=f"fix_{plan}_submit").click().run()
    assert not at.exception
    assert at.success[0].value == "Исправлено: номер, дата."
    session.expire_all()
    document = session.get(Document, plan)
    assert (document.number, document.date) == ("17-П", dt.date(2024, 1, 20))
    corrections = session.exec(select(MetadataCorrection).where(MetadataCorrection.document_id == plan)).all()
    assert {(c.field_name, c.old_value, c.new_value, c.user_id) for c in corrections} == {
        ("number", None, "17-П", filled.users["staff"]),
        ("date", "2024-01-15", "2024-01-20", filled.users["staff"]),
    }
    shown = _frame_with(at, "Было")
    assert shown["Поле"].tolist() == ["номер", "дата"]
    assert shown["Кто"].tolist() == ["staff", "staff"]


def test_a_bad_date_in_the_form_writes_nothing(filled, session: Session) -> None:  # type: ignore[no-untyped-def]
    plan = filled.documents["plan"]
    at = _card(filled.users["staff"], plan)
    at.text_input(key=f"fix_{plan}_number").input("18")
    at.text_input(key=f"fix_{plan}_date").input("31.02.2024")
    at.button(key=f"fix_{plan}_submit").click().run()
    assert not at.exception
    assert at.error[0].value == (
        "Исправления не сохранены: Дата «31.02.2024» не распознана: укажите ГГГГ-ММ-ДД или ДД.ММ.ГГГГ."
    )
    session.expire_all()
    assert session.get(Document, plan).number is None
    assert session.exec(select(MetadataCorrection)).all() == []


def test_only_staff_of_the_documents_authority_may_correct_and_upload(filled, session: Session) -> None:  # type: ignore[no-untyped-def]
    plan = filled.documents["plan"]
    south = Authority(name="Министерство социальной защиты Южной области", region="Южная область")
    session.add(south)
    session.flush()
    outsider = create_user(
        session, login="south_staff", password=TEST_PASSWORD, roles=[("staff", south.id, None)]
    )
    session.commit()
    own = _card(filled.users["staff"], plan)
    other = _card(outsider.id, plan)  # type: ignore[arg-type]
    for at, allowed in ((own, True), (other, False)):
        keys = {w.key for w in at.file_uploader} | {w.key for w in at.text_input}
        assert (f"new_version_{plan}" in keys) is allowed
        assert (f"fix_{plan}_number" in keys) is allowed
    assert "Опубликовать" not in [b.label for b in other.button]


def test_staff_uploads_a_new_version_from_the_card(filled, session: Session, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NOK_BLOB_DIR", str(tmp_path / "blobs"))
    plan = filled.documents["plan"]
    payload = (CORPUS / "magadan_2017_order64.docx").read_bytes()
    at = _card(filled.users["staff"], plan)
    at.file_uploader(key=f"new_version_{plan}").upload("order64.docx", payload, DOCX)
    at.text_input(key=f"new_version_comment_{plan}").input("редакция с подписью")
    at.run()
    at.button(key=f"new_version_submit_{plan}").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("order64.docx: Загружена версия 2: мероприятий плана 11")
    session.expire_all()
    of_plan = select(DocumentVersion).where(DocumentVersion.document_id == plan)
    versions = session.exec(of_plan.order_by(DocumentVersion.version_no)).all()
    assert [(v.version_no, v.comment) for v in versions] == [(1, None), (2, "редакция с подписью")]
    assert blobs.read(versions[1].sha256, tmp_path / "blobs") == payload
    # only the new version's original is in the store: version 1 of the filling has no blob
    assert [b.key for b in at.get("download_button") if b.key.startswith("download_version_")] == [
        "download_version_2"
    ]
    assert _frame_with(at, "Комментарий")["Комментарий"].tolist() == ["редакция с подписью", ""]

    at.button(key=f"new_version_submit_{plan}").click().run()  # the same file again
    assert at.warning[0].value.startswith("order64.docx: Такой файл уже загружен: документ № ")
    at.file_uploader(key=f"new_version_{plan}").set_value(("broken.docx", b"not a docx", DOCX))
    at.run()
    at.button(key=f"new_version_submit_{plan}").click().run()
    assert not at.exception
    assert at.error[0].value.startswith("broken.docx: версия не загружена. Файл не прочитан")
    session.expire_all()
    assert len(session.exec(of_plan).all()) == 2


def test_every_version_downloads_its_own_original(filled, engine, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NOK_BLOB_DIR", str(tmp_path / "blobs"))
    first = ingest_file(engine, (CORPUS / "magadan_2017_order64.docx").read_bytes(), "order64.docx")
    second = ingest_file(
        engine,
        (CORPUS / "ryazan_plan_graph.docx").read_bytes(),
        "plan_graph.docx",
        document_id=first.document_id,
    )
    assert second.status == "new_version"
    at = _card(filled.users["admin"], first.document_id)  # type: ignore[arg-type]
    downloads = {b.key: b for b in at.get("download_button") if b.key.startswith("download_version_")}
    assert sorted(downloads) == ["download_version_1", "download_version_2"]
    captions = [c.value for c in at.caption if c.value.startswith("Версия ")]
    assert captions == ["Версия 2: plan_graph.docx", "Версия 1: order64.docx"]
    assert "мероприятий плана 14" in next(c.value for c in at.caption if c.value.startswith("В документе"))


def test_the_card_shows_the_records_extracted_from_the_document(filled) -> None:  # type: ignore[no-untyped-def]
    at = _card(filled.users["staff"], filled.documents["plan"])
    summary = next(c.value for c in at.caption if c.value.startswith("В документе"))
    assert summary == (
        "В документе: показателей 1, мероприятий плана 5, строк рейтинга 0, мер по устранению недостатков 0."
    )
    indicators = _frame_with(at, "План/факт")
    assert indicators["Год"].tolist() == [2023, 2023, 2024, 2024]
    assert indicators["План/факт"].tolist() == ["план", "факт", "план", "факт"]
    assert indicators["Значение"].tolist() == [90, 95, 100, 80]
    plan = _frame_with(at, "Контрольные сроки")
    assert plan["Мероприятие"].tolist()[0] == "Разместить результаты на сайте"
    assert plan["Контрольные сроки"].tolist()[:3] == [
        "01.05.2024",
        "10.06.2024",
        "01.03.2024 (выполнено 20.02.2024)",
    ]
    keys = {b.key for b in at.get("download_button")}
    assert {"records_pokazateli_xlsx", "records_meropriyatiya_csv"} <= keys

    ratings = _frame_with(_card(filled.users["staff"], filled.documents["rating_2024"]), "Итог")
    assert ratings["Учреждение"].tolist()[0] == "Центр «Альфа»"
    assert ratings["Итог"].tolist() == [93.0, 90.0, 90.0, 82.0, 71.0]


def _flag(session: Session, filled, name: str) -> int:  # type: ignore[no-untyped-def]
    organization = Organization(
        name=name,
        region="Северная область",
        authority_id=filled.authority_id,
        confirmed=False,
        similar_to_id=filled.organizations["Центр «Альфа»"],
    )
    session.add(organization)
    session.commit()
    return organization.id  # type: ignore[return-value]


def test_a_flagged_institution_is_merged_or_confirmed(filled, session: Session) -> None:  # type: ignore[no-untyped-def]
    merged = _flag(session, filled, "Центр Альфа")
    kept = _flag(session, filled, "Центр «Альфа-2»")
    at = signed_in_app(filled.users["staff"], "documents.py")
    assert [b.label for b in at.button if b.key == f"org_merge_{merged}"] == ["Объединить с «Центр «Альфа»»"]
    assert "Похоже на уже известное учреждение «Центр «Альфа»»." in [c.value for c in at.caption]
    at.button(key=f"org_merge_{merged}").click().run()
    assert not at.exception
    assert at.success[0].value == "«Центр Альфа» объединено с «Центр «Альфа»»."
    session.expire_all()
    assert session.get(Organization, merged) is None
    at.button(key=f"org_confirm_{kept}").click().run()
    assert not at.exception
    session.expire_all()
    confirmed = session.get(Organization, kept)
    assert (confirmed.confirmed, confirmed.similar_to_id) == (True, None)
    assert "Учреждений, ожидающих подтверждения, нет." in [i.value for i in at.info]


def test_upload_review_and_confirm_with_every_tab_drawn(
    filled, session: Session, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """An upload becomes a queued job; once a worker read it (here `run_job`, the worker's task
    body) the page shows it for review beside its pages; confirming stores it. The registry tab
    is drawn on the same runs (a name clash between them once broke the page after an upload)."""
    monkeypatch.setenv("NOK_BLOB_DIR", str(tmp_path / "blobs"))
    monkeypatch.setenv("NOK_DATA_DIR", str(tmp_path))
    at = signed_in_app(filled.users["staff"], "documents.py")
    at.file_uploader(key="upload").upload("tula.docx", (CORPUS / "tula_2020_order83.docx").read_bytes(), DOCX)
    at.run()
    assert not at.exception
    assert "Поставлено в очередь файлов: 1." in [i.value for i in at.info]
    states = _frame_with(at, "Состояние")
    assert states[["Файл", "Состояние"]].values.tolist() == [["tula.docx", "в очереди"]]
    assert any("Обработчик очереди не запущен" in w.value for w in at.warning)
    queued = session.exec(select(IngestJob)).one()
    assert jobs.run_job(session.get_bind(), queued.id) == "review"
    at.run()
    assert not at.exception
    assert _frame_with(at, "Состояние")["Состояние"].tolist() == ["ждёт проверки"]
    assert any(e.label.startswith("tula.docx: проверьте") for e in at.expander)
    at.button(key=f"confirm_job{queued.id}").click().run()
    assert not at.exception
    assert any(s.value.startswith("tula.docx: Документ загружен") for s in at.success)
    session.expire_all()
    stored = session.exec(select(Document).where(Document.number == "83-ОСН")).one()
    assert stored.kind == "order" and stored.records_reviewed
    assert _frame_with(at, "Состояние")["Состояние"].tolist() == ["сохранён"]
    at.button(key="upload_dismiss").click().run()
    session.expire_all()
    assert session.exec(select(IngestJob)).one().hidden  # the row stays as the record
    at.run()
    jobs_columns = ["Файл", "Состояние", "Документ", "Загружен"]
    assert not any(list(d.value.columns) == jobs_columns for d in at.dataframe)  # cleared


def test_a_copy_of_a_stored_act_is_offered_as_its_new_version(
    filled, session: Session, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NOK_BLOB_DIR", str(tmp_path / "blobs"))
    monkeypatch.setenv("NOK_DATA_DIR", str(tmp_path))
    first = ingest_file(session, (CORPUS / "tula_2020_order83.docx").read_bytes(), "tula.docx")
    engine = session.get_bind()
    admin = session.get(User, filled.users["admin"])
    payload = (CORPUS / "tula_2020_order83.pdf").read_bytes()
    job_id = jobs.submit(engine, payload, "tula.pdf", user=admin, mode="review", source="upload")
    assert jobs.run_job(engine, job_id) == "review"
    at = signed_in_app(filled.users["admin"], "documents.py")
    assert not at.exception
    notice = "Файл совпадает с приказом № 83-ОСН от 18.04.2020 — будет сохранён как новая версия."
    assert notice in [i.value for i in at.info]
    assert at.radio(key=f"match_job{job_id}").value == "copy"
    # the DOCX was read by machine alone; the person checking this PDF makes its records count
    assert "будут взяты из этого файла" in " ".join(c.value for c in at.caption)
    at.button(key=f"confirm_job{job_id}").click().run()
    assert not at.exception
    session.expire_all()
    versions = session.exec(
        select(DocumentVersion).where(DocumentVersion.document_id == first.document_id)
    ).all()
    assert len(versions) == 2
    card = _card(filled.users["admin"], first.document_id)  # type: ignore[arg-type]
    assert any(m.value == "**Расхождения между копиями**" for m in card.markdown)
