"""A ratings table of any size as a real DOCX (the 10,000-row case of issue 11: about 170 KB).

Laid out like `tests/corpus/vladimir_2018_ratings.docx` (letterhead, «Рейтинг», title with the
year, one table: № п/п, institution, five criteria, total, place), with invented institutions
whose names differ in their town word, as a region's would. The rows are written as XML in one
piece: python-docx's `add_row` would take minutes for ten thousand rows.
"""

from __future__ import annotations

import io
import random
from xml.sax.saxutils import escape

from docx import Document as Docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

_SYLLABLE_TEXT = "ба ве ги до ку ла ме ни со ту фа хе ци ча ше ры ло ма на ра та ко пе ви зо"
_SYLLABLES = _SYLLABLE_TEXT.split()
_KINDS = (
    "комплексный центр социального обслуживания населения",
    "дом-интернат для престарелых и инвалидов",
    "социально-реабилитационный центр для несовершеннолетних",
    "психоневрологический интернат",
)
HEADER = (
    "№ п/п",
    "Наименование учреждения",
    "Открытость и доступность информации об организации",
    "Комфортность условий предоставления услуг",
    "Доступность услуг для инвалидов",
    "Доброжелательность, вежливость работников организации",
    "Удовлетворенность условиями оказания услуг",
    "Итоговый балл",
    "Место в рейтинге",
)


def institution_names(count: int, seed: int = 11) -> list[str]:
    """`count` distinct names: «ГБУСО ВО «<Town>ский <kind>»»."""
    rng = random.Random(seed)
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        town = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(3, 5))).capitalize()
        name = f"ГБУСО ВО «{town}ский {rng.choice(_KINDS)}»"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def _cell(text: str) -> str:
    return f'<w:tc><w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p></w:tc>'


def _row(cells: list[str]) -> str:
    return "<w:tr>" + "".join(_cell(c) for c in cells) + "</w:tr>"


def ratings_docx(rows: int, seed: int = 11) -> bytes:
    """A DOCX with a ratings table of `rows` institutions of Владимирская область, 2018."""
    rng = random.Random(seed)
    doc = Docx()
    doc.add_paragraph("ДЕПАРТАМЕНТ СОЦИАЛЬНОЙ ЗАЩИТЫ НАСЕЛЕНИЯ АДМИНИСТРАЦИИ ВЛАДИМИРСКОЙ ОБЛАСТИ")
    doc.add_paragraph("Рейтинг")
    doc.add_paragraph(
        "областных государственных учреждений социального обслуживания населения Владимирской "
        "области по результатам независимой оценки качества условий оказания услуг в 2018 году"
    )
    body = [_row(list(HEADER))]
    for number, name in enumerate(institution_names(rows, seed), start=1):
        scores = [round(rng.uniform(50, 100), 1) for _ in range(5)]
        total = round(sum(scores) / 5, 2)
        cells = [str(number), name, *(f"{s:.1f}".replace(".", ",") for s in scores)]
        body.append(_row([*cells, f"{total:.2f}".replace(".", ","), str(number)]))
    table = parse_xml(
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
        "</w:tblPr><w:tblGrid>" + "<w:gridCol/>" * len(HEADER) + "</w:tblGrid>" + "".join(body) + "</w:tbl>"
    )
    doc.element.body.append(table)
    doc.add_paragraph("Директор департамента\tЛ.Е. Кукушкина")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
