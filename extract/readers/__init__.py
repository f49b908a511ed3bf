"""Readers: bytes in, `Blocks` out. The type is decided by the content, never by the name.

One reader per format (Paperless-style parsers): `docx.read_docx`, `pdf.read_pdf` (which hands
pages without a text layer to `ocr`). Everything a reader cannot read becomes
`UnreadableDocument` with the reason in Russian.
"""

from __future__ import annotations

import io
import zipfile

from extract.blocks import Blocks
from extract.errors import UnreadableDocument
from extract.readers.limits import MAX_DOCX_RATIO, MAX_DOCX_UNPACKED_MB, max_file_bytes

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_blocks(data: bytes, filename: str) -> Blocks:
    """Read a DOCX or PDF file (sniffed by its content) into `Blocks`."""
    kind = sniff(data)
    if kind == "docx":
        check_docx_package(data)
        from extract.readers.docx import read_docx

        return read_docx(data)
    from extract.readers.pdf import read_pdf

    return read_pdf(data)


def sniff(data: bytes) -> str:
    """ "docx" or "pdf" from the bytes; anything else raises `UnreadableDocument`."""
    if not data:
        raise UnreadableDocument("файл пуст (0 байт)")
    limit = max_file_bytes()
    if len(data) > limit:
        raise UnreadableDocument(
            f"файл слишком большой: {len(data) / 1024 / 1024:.1f} МБ при пределе "
            f"{limit // (1024 * 1024)} МБ (NOK_MAX_FILE_MB)"
        )
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(_OLE_MAGIC):
        raise UnreadableDocument(
            "файл защищён паролем или сохранён в старом формате Word (.doc): "
            "снимите пароль или сохраните его как DOCX"
        )
    if data.startswith(b"PK"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError) as error:
            raise UnreadableDocument("файл повреждён или обрезан: архив DOCX не читается") from error
        if "word/document.xml" in names:
            return "docx"
        raise UnreadableDocument("архив ZIP не является документом DOCX (нет word/document.xml)")
    raise UnreadableDocument("формат файла не распознан: nok читает только DOCX и PDF")


def check_docx_package(data: bytes) -> None:
    """Refuse a zip bomb before anything is inflated: declared sizes and compression ratio."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise UnreadableDocument("файл повреждён или обрезан: архив DOCX не читается") from error
    unpacked = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos) or 1
    if unpacked > MAX_DOCX_UNPACKED_MB * 1024 * 1024:
        raise UnreadableDocument(
            f"DOCX распаковывается в {unpacked / 1024 / 1024:.0f} МБ, больше предела "
            f"{MAX_DOCX_UNPACKED_MB} МБ: похоже на «zip-бомбу»"
        )
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size / max(info.compress_size, 1) > MAX_DOCX_RATIO:
            raise UnreadableDocument(
                f"DOCX содержит часть {info.filename} со степенью сжатия больше {MAX_DOCX_RATIO}:1: "
                "похоже на «zip-бомбу»"
            )
    if unpacked / packed > MAX_DOCX_RATIO and unpacked > 10 * 1024 * 1024:
        raise UnreadableDocument(f"DOCX сжат со степенью больше {MAX_DOCX_RATIO}:1: похоже на «zip-бомбу»")
    if any(info.flag_bits & 0x1 for info in infos):
        raise UnreadableDocument("архив DOCX зашифрован: снимите пароль и сохраните файл заново")
