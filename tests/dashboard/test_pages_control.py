"""Контроль сроков (supervisors): statuses as of a date, filters, marking a point done (role-gated)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session, select

from db.models import AuditEvent, ControlPoint
from tests.dashboard.conftest import signed_in_app

AS_OF = {"as_of": "2024-06-01"}


def test_statuses_as_of_a_date(filled) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(filled.users["supervisor"], "control.py", query=AS_OF)
    assert not at.exception
    assert {m.label: m.value for m in at.metric} == {
        "Просрочено": "2",
        "Срок наступает": "1",
        "Выполнено в срок": "2",
        "Выполнено с опозданием": "1",
    }
    table = at.dataframe[0].value
    assert sorted(table["Статус"]) == ["просрочено", "просрочено", "срок наступает"]
    compliance = at.dataframe[1].value
    row = compliance[compliance["Исполнитель"] == "Отдел контроля"].iloc[0]
    assert (row["В срок"], row["С опозданием"], row["Просрочено"]) == (1, 1, 1)


def test_filters_change_the_list(filled) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(filled.users["supervisor"], "control.py", query=AS_OF)
    at.text_input(key="executor").input("совет").run()
    assert at.dataframe[0].value["Мероприятие"].tolist() == ["Провести заседание совета"]
    at.text_input(key="executor").input("").run()
    at.selectbox(key="status").set_value("done_late").run()
    assert at.dataframe[0].value["Мероприятие"].tolist() == ["Заключить контракт с оператором"]
    at.selectbox(key="status").set_value("все").run()
    at.date_input(key="as_of").set_value(dt.date(2024, 3, 15)).run()
    statuses = dict(zip(at.dataframe[0].value["Мероприятие"], at.dataframe[0].value["Статус"], strict=True))
    assert statuses["Заключить контракт с оператором"] == "срок не наступил"
    at.selectbox(key="plan").set_value(filled.documents["plan"]).run()
    assert "График плана" in [s.value for s in at.subheader]


def test_supervisor_marks_a_point_done(filled, session: Session) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(filled.users["supervisor"], "control.py", query=AS_OF)
    point_id = filled.points["overdue"]
    at.selectbox(key="point").set_value(point_id)
    at.date_input(key="done_on").set_value(dt.date(2024, 6, 1))
    at.text_area(key="done_comment").input("Размещено на сайте")
    at.button(key="FormSubmitter:mark_done-Отметить выполненной").click().run()
    assert not at.exception
    assert at.success[0].value.startswith(f"Контрольная точка № {point_id} отмечена выполненной")
    session.expire_all()
    point = session.get(ControlPoint, point_id)
    assert point.done_date == dt.date(2024, 6, 1)
    assert point.done_by_id == filled.users["supervisor"]
    assert point.evidence_document_id is None  # «без документа», the first choice
    marks = session.exec(select(AuditEvent).where(AuditEvent.action == "control.mark_done")).all()
    assert len(marks) == 1
    assert {m.label: m.value for m in at.metric}["Просрочено"] == "1"  # the cache was cleared


def test_the_evidence_is_picked_from_a_list_of_documents(filled, session: Session) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(filled.users["supervisor"], "control.py", query=AS_OF)
    evidence = at.selectbox(key="evidence")
    assert evidence.options[0] == "без документа"
    assert "Рейтинг от 20.12.2024: Рейтинг 2024" in evidence.options  # newest first, by kind, date, title
    assert evidence.options[1] == "Рейтинг от 25.12.2024: Черновик рейтинга"  # the newest
    at.selectbox(key="point").set_value(filled.points["overdue"])
    evidence.set_value(filled.documents["rating_2024"])
    at.button(key="FormSubmitter:mark_done-Отметить выполненной").click().run()
    assert not at.exception and at.success
    session.expire_all()
    assert (
        session.get(ControlPoint, filled.points["overdue"]).evidence_document_id
        == filled.documents["rating_2024"]
    )


def test_the_region_filter_keeps_its_plans_and_goes_to_the_url(filled, session: Session) -> None:  # type: ignore[no-untyped-def]
    from db.models import Document

    for document in session.exec(select(Document)):
        document.region = "Северная область"
    session.commit()
    at = signed_in_app(filled.users["supervisor"], "control.py", query=AS_OF)
    assert at.selectbox(key="region").options == ["все регионы", "Северная область", "Южная область"]
    at.selectbox(key="region").select("Южная область").run()
    assert not at.exception
    assert at.query_params["region"] in ("Южная область", ["Южная область"])
    assert "Контрольных точек нет" in at.info[0].value
    at = signed_in_app(
        filled.users["supervisor"], "control.py", query={**AS_OF, "region": "Северная область"}
    )
    assert {m.label: m.value for m in at.metric}["Просрочено"] == "2"


def test_admin_may_mark_done(filled) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(filled.users["admin"], "control.py", query=AS_OF)
    assert "Отметить выполненной" in [b.label for b in at.button]


@pytest.mark.parametrize("role", ["minister", "council", "staff"])
def test_other_roles_have_no_control_page(filled, role: str) -> None:  # type: ignore[no-untyped-def]
    at = signed_in_app(filled.users[role])
    with pytest.raises(ValueError, match="Known pages"):
        at.switch_page("views/control.py")
