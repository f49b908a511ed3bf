"""Page previews of an original, shown beside the extracted fields so staff compare without
opening the file: PDF pages rendered with pypdfium2 (PNG, cached on disk by the file's sha256,
so every process and every rerun reuses them), DOCX as formatted HTML (paragraphs with their
bold, italics and alignment, and tables).
"""

from __future__ import annotations

import html
import io
import os
import tempfile
from pathlib import Path

from db.settings import get_settings

PREVIEW_WIDTH = 900
"""Pixels across a rendered page: readable beside the fields, small enough to send."""
MAX_TABLE_ROWS = 300


def preview_dir(sha256: str, root: Path | None = None) -> Path:
    base = root if root is not None else get_settings().data_dir / "previews"
    return base / sha256[:2] / sha256


def pdf_pages(data: bytes, sha256: str, *, pages: int = 3, root: Path | None = None) -> list[Path]:
    """PNG files of the first `pages` pages (rendered once, then read from the cache); [] for a
    file pypdfium2 cannot open."""
    import pypdfium2 as pdfium

    folder = preview_dir(sha256, root)
    cached = [folder / f"{n}.png" for n in range(pages)]
    if all(p.exists() for p in cached):
        return cached
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return []
    folder.mkdir(parents=True, exist_ok=True)
    rendered = []
    try:
        for number in range(min(pages, len(document))):
            target = folder / f"{number}.png"
            if not target.exists():
                page = document[number]
                scale = PREVIEW_WIDTH / max(page.get_width(), 1)
                image = page.render(scale=scale, grayscale=True).to_pil()
                _write_atomically(target, image)
            rendered.append(target)
    finally:
        document.close()
    return rendered


def page_count(data: bytes) -> int:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return 0
    try:
        return len(document)
    finally:
        document.close()


def _write_atomically(target: Path, image) -> None:  # type: ignore[no-untyped-def]
    """Another process may render the same page at the same time: write aside, then rename."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    fd, temp = tempfile.mkstemp(prefix=".page-", dir=target.parent)
    with os.fdopen(fd, "wb") as handle:
        handle.write(buffer.getvalue())
    os.replace(temp, target)


def docx_html(data: bytes) -> str:
    """The DOCX's body as HTML: paragraphs (bold, italics, alignment) and tables, in order."""
    from docx import Document as Docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = Docx(io.BytesIO(data))
    except Exception:  # a DOCX python-docx cannot open: the extraction said why already
        return "<p><i>Просмотр файла недоступен.</i></p>"
    parts = []
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            parts.append(_paragraph_html(Paragraph(element, document)))
        elif tag == "tbl":
            parts.append(_table_html(Table(element, document)))
    return '<div class="nok-docx">' + "".join(parts) + "</div>"


def _paragraph_html(paragraph) -> str:  # type: ignore[no-untyped-def]
    runs = []
    for run in paragraph.runs:
        text = html.escape(run.text).replace("\t", "&emsp;")
        if not text:
            continue
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        runs.append(text)
    alignment = {1: "center", 2: "right", 3: "justify"}.get(int(paragraph.alignment or 0), "left")
    body = "".join(runs) or "&nbsp;"
    return f'<p style="text-align:{alignment};margin:0 0 4px 0">{body}</p>'


def _table_html(table) -> str:  # type: ignore[no-untyped-def]
    rows = []
    for index, row in enumerate(table.rows):
        if index >= MAX_TABLE_ROWS:
            rows.append(f'<tr><td colspan="99"><i>… ещё строк: {len(table.rows) - index}</i></td></tr>')
            break
        cells = "".join(
            f'<td style="border:1px solid #999;padding:2px 4px;vertical-align:top">'
            f"{html.escape(cell.text).replace(chr(10), '<br>')}</td>"
            for cell in row.cells
        )
        rows.append(f"<tr>{cells}</tr>")
    return '<table style="border-collapse:collapse;font-size:12px;margin:6px 0">' + "".join(rows) + "</table>"


__all__ = ["docx_html", "page_count", "pdf_pages", "preview_dir"]
