"""Документы (staff): upload with review and correction before saving, browse, search, the card
(versions, new version, corrections, records, workflow), and institutions awaiting confirmation."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlmodel import Session

from dashboard import data, document_card, flash, upload_queue, urlstate
from dashboard.export import download_buttons, show_table
from dashboard.filters import region_select
from dashboard.labels import SIGNED_FILTER_RU, action_ru, audit_details_ru, ru_date
from dashboard.signin import acting_user, current_user
from dashboard.tables import documents_table
from db.engine import get_engine
from db.models import WORKFLOW_STATES
from db.queries.documents import document_card as load_card
from db.queries.documents import document_records, organizations_needing_confirmation
from docstore.errors import DocstoreError
from docstore.metadata import DOCUMENT_KINDS_RU, FIELD_TITLES_RU
from docstore.organizations import confirm_organization, merge_organization
from docstore.roles import CONFIRM_ORGANIZATION, EDIT, Scope, has_permission, may_on_document
from docstore.workflow import STATE_TITLES_RU, available_transitions, transition

signed_in = current_user()
st.title("Документы")
upload_tab, browse_tab, search_tab, card_tab, organizations_tab = st.tabs(
    ["Загрузка", "Реестр", "Поиск", "Карточка документа", "Учреждения"]
)


with upload_tab:
    upload_queue.section(acting_user(signed_in))

with browse_tab:
    cols = st.columns(5)
    kinds = [None, *DOCUMENT_KINDS_RU]
    kind = cols[0].selectbox(
        "Вид",
        kinds,
        format_func=lambda k: "все виды" if k is None else DOCUMENT_KINDS_RU[k],
        key="browse_kind",
    )
    year = cols[1].number_input("Год (0 — все)", 0, 2100, 0, key="browse_year")
    states = [None, *WORKFLOW_STATES]
    state = cols[2].selectbox(
        "Состояние",
        states,
        format_func=lambda s: "все" if s is None else STATE_TITLES_RU[s],
        key="browse_state",
    )
    region = region_select(cols[3])
    signed_options = list(SIGNED_FILTER_RU)
    signed = cols[4].selectbox(
        "Подписанный экземпляр",
        signed_options,
        index=urlstate.index_of(signed_options, urlstate.get_str("signed")),
        format_func=SIGNED_FILTER_RU.get,
        key="browse_signed",
        help="Подписанный экземпляр — скан с печатью и (или) подписью среди версий документа; "
        "«нет» — только проект или копии без подписи.",
    )
    urlstate.put("signed", signed)
    rows = data.documents(kind, int(year) or None, state, region=region, signed=signed)
    if rows:
        registry = documents_table(rows)
        show_table(registry)
        download_buttons(registry, "reestr_dokumentov", "registry")
    else:
        st.info("Документов нет. Загрузите файлы на вкладке «Загрузка».")

with search_tab:
    query = st.text_input("Поиск по тексту и реквизитам", urlstate.get_str("q") or "", key="search_query")
    urlstate.put("q", query.strip())
    if query.strip():
        try:
            hits = data.search(query.strip())
        except DocstoreError as error:  # a query past the caps: the reason, no results
            st.warning(error.message)
            hits = None
        if hits is not None:
            st.caption(f"Найдено: {len(hits)}")
            for hit in hits:
                st.markdown(
                    f"**№ {hit.document_id}. {hit.title or 'без заголовка'}** · "
                    f"{DOCUMENT_KINDS_RU.get(hit.kind, hit.kind)} · {ru_date(hit.date) or 'без даты'} · "
                    f"{STATE_TITLES_RU.get(hit.state, hit.state)}  \n…{hit.snippet}…"
                )

with organizations_tab:
    # Ingest creates an institution whose name is close to a known one as "flagged": a person
    # says whether it is a new institution or the same one spelt differently.
    with Session(get_engine()) as session:
        user = acting_user(signed_in)
        flagged = organizations_needing_confirmation(session)
        allowed = {
            f.organization.id: has_permission(
                session,
                user,
                CONFIRM_ORGANIZATION,
                Scope(authority_id=f.organization.authority_id, organization_id=f.organization.id),
            )
            for f in flagged
        }
    flash.show("organizations")
    if not flagged:
        st.info("Учреждений, ожидающих подтверждения, нет.")
    for entry in flagged:
        organization, similar = entry.organization, entry.similar_to
        with st.container(border=True):
            st.markdown(f"**{organization.name}** · {organization.region or 'регион не указан'}")
            st.caption(
                f"Похоже на уже известное учреждение «{similar.name}»."
                if similar
                else "Похожее учреждение не указано."
            )
            if not allowed[organization.id]:
                st.caption("Подтверждать учреждения этого органа вы не можете.")
                continue
            confirm_column, merge_column = st.columns(2)
            confirm = confirm_column.button("Это новое учреждение", key=f"org_confirm_{organization.id}")
            merge = similar is not None and merge_column.button(
                f"Объединить с «{similar.name}»", key=f"org_merge_{organization.id}"
            )
            if confirm or merge:
                try:
                    with Session(get_engine()) as session:
                        if merge:
                            merge_organization(session, user, organization.id, similar.id)  # type: ignore[arg-type,union-attr]
                            done = f"«{organization.name}» объединено с «{similar.name}»."  # type: ignore[union-attr]
                        else:
                            confirm_organization(session, user, organization.id)  # type: ignore[arg-type]
                            done = f"«{organization.name}» подтверждено как новое учреждение."
                        session.commit()
                except DocstoreError as error:
                    st.error(error.message)
                else:
                    data.invalidate()
                    flash.flash("success", done, "organizations")
                    st.rerun()

with card_tab:
    all_rows = data.documents(None, None, None, 10_000)
    titles = {r.id: f"№ {r.id}. {(r.title or 'без заголовка')[:100]}" for r in all_rows}
    ids = list(titles)
    if not ids:
        st.info("Документов нет.")
        st.stop()
    document_id = st.selectbox(
        "Документ",
        ids,
        index=urlstate.index_of(ids, urlstate.get_int("doc")),
        format_func=titles.get,
        key="doc",
    )
    urlstate.put("doc", document_id)
    with Session(get_engine()) as session:
        card = load_card(session, document_id)
        user = acting_user(signed_in)
        steps = available_transitions(session, user, card.document) if card else []
        records = document_records(session, document_id) if card else None
        may_edit = card is not None and may_on_document(session, user, EDIT, card.document)
    if card is None or records is None:
        st.warning("Документ не найден.")
        st.stop()
    document = card.document
    flash.show("card")
    st.subheader(document.title or "Без заголовка")
    st.markdown(
        f"{DOCUMENT_KINDS_RU.get(document.kind, document.kind)} № {document.number or '—'} от "
        f"{ru_date(document.date) or '—'} · {document.authority_name or 'орган не указан'} · "
        f"состояние: **{STATE_TITLES_RU.get(document.state, document.state)}**"
    )
    if steps:
        comment = st.text_input("Комментарий к действию", key="transition_comment")
        buttons = st.columns(len(steps))
        for column, step in zip(buttons, steps, strict=True):
            if column.button(step.title_ru, key=f"transition_{step.name}"):
                try:
                    with Session(get_engine()) as session:
                        transition(session, user, document_id, step.to_state, comment or None)
                        session.commit()
                except DocstoreError as error:
                    st.error(error.message)
                else:
                    data.invalidate()
                    st.rerun()
    if may_edit:
        document_card.correction_form(document, user)
        document_card.new_version_section(document_id, user)
    document_card.versions_section(card.versions)
    original, extracted = st.columns([2, 3])
    with original:
        document_card.original_section(document_id)
    with extracted:
        document_card.records_section(document_id, records)
    document_card.copies_section(document_id)
    if card.corrections:
        st.markdown("**Исправления**")
        st.dataframe(
            pd.DataFrame(
                {
                    "Когда": [c.at.strftime("%d.%m.%Y %H:%M") for c in card.corrections],
                    "Поле": [FIELD_TITLES_RU.get(c.field_name, c.field_name) for c in card.corrections],
                    "Было": [c.old_value for c in card.corrections],
                    "Стало": [c.new_value for c in card.corrections],
                    "Кто": [c.user or "система" for c in card.corrections],
                }
            ),
            hide_index=True,
            width="stretch",
        )
    st.markdown("**Журнал действий**")
    audit = pd.DataFrame(
        {
            "Когда": [e.at.strftime("%d.%m.%Y %H:%M") for e in card.events],
            "Кто": [e.user or "система" for e in card.events],
            "Действие": [action_ru(e.action) for e in card.events],
            "Подробности": [audit_details_ru(e.action, e.details) for e in card.events],
        }
    )
    show_table(audit)
    download_buttons(audit, f"zhurnal_{document_id}", "audit")
