"""The pages of an original beside its extracted fields (upload review and document card)."""

from __future__ import annotations

import streamlit as st

from docstore import blobs, previews

PAGES_SHOWN = 3


def show_original(data: bytes, filename: str, *, key: str) -> None:
    """PDF pages as images (the first few, more on request), a DOCX as formatted text; an XLSX (the
    operator's raw figures) is read on «Рейтинги», so only said to be a table here."""
    if filename.lower().endswith(".xlsx"):
        st.caption(
            "Таблица XLSX (исходные данные оператора): её проверка — на странице «Рейтинги»; "
            "скачайте оригинал."
        )
        return
    sha256 = blobs.sha256_of(data)
    if filename.lower().endswith(".docx"):
        with st.container(height=700, border=True, key=f"{key}_docx"):
            st.html(previews.docx_html(data))
        return
    total = previews.page_count(data)
    shown = PAGES_SHOWN
    if total > PAGES_SHOWN and st.toggle(f"Все страницы ({total})", key=f"{key}_all"):
        shown = total
    pages = previews.pdf_pages(data, sha256, pages=shown)
    if not pages:
        st.caption("Просмотр страниц недоступен.")
        return
    with st.container(height=700, border=True, key=f"{key}_pdf"):
        for number, page in enumerate(pages, start=1):
            st.image(page.read_bytes(), caption=f"Страница {number} из {total}", width="stretch")


def show_stored(sha256: str, filename: str, *, key: str) -> None:
    """The preview of a stored version's original, or why there is none."""
    if not blobs.exists(sha256):
        st.caption("Оригинал не найден в хранилище.")
        return
    show_original(blobs.read(sha256), filename, key=key)
