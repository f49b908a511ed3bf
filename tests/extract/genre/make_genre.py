#!/usr/bin/env python3
"""Generate the genre fixtures: documents of the НОК genre as other regions publish them.

    .venv/bin/python tests/extract/genre/make_genre.py

Each builder types one invented but realistic document with python-docx (other bodies and
regions, other date/number lines, other table layouts and wordings than the public corpus)
and spells out its golden records by hand; no parser produced them. Some files are also
converted to PDF by LibreOffice (`soffice`, only needed here, never in the tests). Every
golden is validated against the contract's schema; `source.sha256` is the file's real hash,
so regenerating rewrites the goldens. Conventions beyond the corpus README are in README.md.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import jsonschema
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SCHEMA = json.loads((ROOT / "docs" / "contract" / "extraction.schema.json").read_text("utf-8"))
LO_PROFILE = (Path(tempfile.gettempdir()) / "lo-genre").as_uri()

# --------------------------------------------------------------------------- docx helpers


def new_doc(landscape: bool = False):
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "Times New Roman"
    st.font.size = Pt(12)
    rpr = st.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.append(rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), "Times New Roman")
    st.paragraph_format.space_after = Pt(0)
    sec = doc.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
    if landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
    sec.left_margin, sec.right_margin = Cm(2.0 if landscape else 2.5), Cm(1.5)
    sec.top_margin = sec.bottom_margin = Cm(2.0)
    cp = doc.core_properties
    cp.author = cp.last_modified_by = cp.title = cp.comments = ""
    return doc


def para(doc, text="", align=None, bold=False, size=None, space_after=0, indent=None):
    p = doc.add_paragraph()
    if text:
        parts = text.split("\t")
        for k, part in enumerate(parts):
            r = p.add_run(part)
            r.bold = bold
            if size:
                r.font.size = Pt(size)
            if k < len(parts) - 1:
                r.add_tab()
    if "\t" in text:
        p.paragraph_format.tab_stops.add_tab_stop(Cm(16.5), WD_TAB_ALIGNMENT.RIGHT)
    p.alignment = {
        "c": WD_ALIGN_PARAGRAPH.CENTER,
        "r": WD_ALIGN_PARAGRAPH.RIGHT,
        "j": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }.get(align)
    p.paragraph_format.space_after = Pt(space_after)
    if indent is not None:
        p.paragraph_format.left_indent = Cm(indent)
    return p


def stamp(doc, lines, left_cm=9.5):
    for line in lines:
        para(doc, line, indent=left_cm)


def set_cell(cell, text, bold=False, align=None, size=None, style=None):
    parts = text if isinstance(text, list) else [text]
    cell.text = ""
    first = cell.paragraphs[0]
    for i, part in enumerate(parts):
        p = first if i == 0 else cell.add_paragraph()
        if style:
            p.style = style
        if part:
            r = p.add_run(part)
            r.bold = bold
            if size:
                r.font.size = Pt(size)
        if align == "c":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def make_table(doc, widths, size=None, grid=True):
    t = doc.add_table(rows=0, cols=len(widths))
    if grid:
        t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    t._size, t._widths = size, widths
    for col, w in zip(t.columns, widths, strict=True):
        col.width = Cm(w)
    return t


def add_row(t, cells, bold=False, align=None, style=None):
    row = t.add_row()
    for i, w in enumerate(t._widths):
        row.cells[i].width = Cm(w)
    for i, val in enumerate(cells):
        a = align[i] if isinstance(align, (list, tuple)) else align
        st = style if (style and i == 0) else None
        set_cell(row.cells[i], val, bold=bold, align=a, size=t._size, style=st)
    return row


def add_span_row(t, text, bold=True, align="c"):
    row = t.add_row()
    for i, w in enumerate(t._widths):
        row.cells[i].width = Cm(w)
    merged = row.cells[0].merge(row.cells[len(t._widths) - 1])
    set_cell(merged, text, bold=bold, align=align, size=t._size)
    return row


def merge_down(upper, lower, columns, size):
    """Vertically merge header cells of two rows (a two-level header)."""
    for i in columns:
        txt = upper.cells[i].text
        m = upper.cells[i].merge(lower.cells[i])
        set_cell(m, txt, bold=True, align="c", size=size)


def merge_across(row, start, end, text, size):
    m = row.cells[start].merge(row.cells[end])
    set_cell(m, text, bold=True, align="c", size=size)


# --------------------------------------------------------------------------- golden helpers


def dl(text, kind, due=(), every=None, offset=None, event=None):
    return {
        "text": text,
        "kind": kind,
        "due_dates": list(due),
        "every": every,
        "offset_days": offset,
        "after_event": event,
    }


def quarter_ends(*years):
    return [f"{y}-{md}" for y in years for md in ("03-31", "06-30", "09-30", "12-31")]


def item(number, title, section, result_form, responsible, deadline):
    return {
        "number": number,
        "title": title,
        "section": section,
        "result_form": result_form,
        "responsible": list(responsible),
        "deadline": deadline,
    }


def document(kind, authority, region, number, date, title, signatory, references, period):
    return {
        "kind": kind,
        "authority": authority,
        "region": region,
        "number": number,
        "date": date,
        "title": title,
        "signatory": signatory,
        "references": references,
        "period": period,
    }


def sig(position, name):
    return {"position": position, "name": name}


def ref(kind, date, number, title):
    return {"kind": kind, "date": date, "number": number, "title": title}


def years(first, last):
    return {"start": f"{first}-01-01", "end": f"{last}-12-31"}


def record(doc_, indicators=(), plan_items=(), ratings=(), improvement_items=()):
    return {
        "source": None,
        "document": doc_,
        "indicators": list(indicators),
        "plan_items": list(plan_items),
        "ratings": list(ratings),
        "improvement_items": list(improvement_items),
    }


def indicator(name, unit, *values):
    return {"name": name, "unit": unit, "values": [{"year": y, "kind": k, "value": v} for y, k, v in values]}


def rating(org, form, year, scores, total, rank, scale):
    keys = ("openness", "comfort", "accessibility", "courtesy", "satisfaction")
    return {
        "organization": org,
        "service_form": form,
        "year": year,
        "scores": dict(zip(keys, scores, strict=True)),
        "total": total,
        "rank": rank,
        "scale": scale,
    }


def improvement(org, deficiency, measure, planned, name, position, done=None, actual=None):
    return {
        "organization": org,
        "deficiency": deficiency,
        "measure": measure,
        "planned": planned,
        "responsible": {"name": name, "position": position},
        "done_measures": done,
        "actual_date": actual,
    }


def dec(text):
    return Decimal(text.replace(",", "."))


def num(text):
    value = float(dec(text))
    return int(value) if value.is_integer() else value


# --------------------------------------------------------------------------- 1. Yaroslavl order


YAR_BODY = "Департамент труда и социальной поддержки населения Ярославской области"
YAR_S1 = "1. Организационные мероприятия"
YAR_S2 = "2. Проведение независимой оценки качества условий оказания услуг"
YAR_S3 = "3. Использование результатов независимой оценки"


def build_yaroslavl(path):
    doc = new_doc()
    para(doc, "ДЕПАРТАМЕНТ ТРУДА И СОЦИАЛЬНОЙ ПОДДЕРЖКИ НАСЕЛЕНИЯ", "c", bold=True)
    para(doc, "ЯРОСЛАВСКОЙ ОБЛАСТИ", "c", bold=True, space_after=12)
    para(doc, "ПРИКАЗ", "c", bold=True, size=16, space_after=12)
    t = make_table(doc, [8.0, 8.5], grid=False)  # date and number in a borderless table
    row = add_row(t, ["05.03.2021", "№ 123-п"])
    row.cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    para(doc, "г. Ярославль", "c", space_after=12)
    para(
        doc,
        "Об утверждении плана мероприятий по организации независимой оценки качества условий "
        "оказания услуг организациями социального обслуживания на 2021 год",
        "c",
        bold=True,
        space_after=12,
    )
    para(
        doc,
        "В соответствии с Федеральным законом от 28.12.2013 № 442-ФЗ «Об основах социального "
        "обслуживания граждан в Российской Федерации», в целях организации независимой оценки "
        "качества условий оказания услуг организациями социального обслуживания",
        "j",
    )
    para(doc, "ПРИКАЗЫВАЮ:", bold=True)
    para(
        doc,
        "1. Утвердить прилагаемый план мероприятий по организации независимой оценки качества "
        "условий оказания услуг организациями социального обслуживания на 2021 год.",
        "j",
    )
    para(
        doc,
        "2. Контроль за исполнением приказа возложить на заместителя директора департамента Н.В. Громову.",
        "j",
    )
    para(doc, "3. Приказ вступает в силу с момента подписания.", "j", space_after=24)
    s = make_table(doc, [10.0, 6.5], grid=False)
    row = add_row(s, ["Директор департамента", "А.В. Соколова"])
    row.cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_page_break()
    stamp(doc, ["Приложение", "к приказу департамента", "от 05.03.2021 № 123-п"], 10.5)
    para(doc)
    para(doc, "ПЛАН", "c", bold=True)
    para(
        doc,
        "мероприятий по организации независимой оценки качества условий оказания услуг "
        "организациями социального обслуживания на 2021 год",
        "c",
        bold=True,
        space_after=12,
    )
    t = make_table(doc, [1.3, 6.2, 3.6, 2.6, 3.3], size=10)
    add_row(
        t,
        [
            "№ п/п",
            "Наименование мероприятия",
            "Ответственные исполнители",
            "Срок исполнения",
            "Ожидаемый результат",
        ],
        bold=True,
        align="c",
    )
    rows = [
        (YAR_S1, None),
        (
            "1.1.",
            "Актуализация состава общественного совета по проведению независимой оценки качества",
            ["Отдел социального обслуживания населения департамента"],
            "январь 2021 года",
            "Приказ департамента",
            dl("январь 2021 года", "once", ["2021-01-31"]),
        ),
        (
            "1.2.",
            "Размещение информации о деятельности общественного совета на официальном сайте департамента",
            ["Отдел информационных технологий департамента"],
            "ежеквартально",
            "Информация на сайте",
            dl("ежеквартально", "recurring", quarter_ends(2021), every="quarter"),
        ),
        (
            "1.3.",
            "Формирование перечня организаций социального обслуживания для проведения независимой "
            "оценки в 2021 году",
            ["Общественный совет (по согласованию)", "отдел социального обслуживания населения департамента"],
            "до 1 апреля 2021 г.",
            "Протокол заседания общественного совета",
            dl("до 1 апреля 2021 г.", "once", ["2021-04-01"]),
        ),
        (YAR_S2, None),
        (
            "2.1.",
            "Закупка услуг организации-оператора по сбору и обобщению информации о качестве условий "
            "оказания услуг",
            ["Отдел государственных закупок департамента"],
            "II квартал",
            "Государственный контракт",
            dl("II квартал", "once", ["2021-06-30"]),
        ),
        (
            "2.2.",
            "Сбор, обобщение и анализ информации о качестве условий оказания услуг организациями "
            "социального обслуживания",
            ["Организация-оператор"],
            "III квартал 2021 года",
            "Отчет организации-оператора",
            dl("III квартал 2021 года", "once", ["2021-09-30"]),
        ),
        (
            "2.3.",
            "Рассмотрение результатов независимой оценки на заседании общественного совета",
            ["Общественный совет (по согласованию)"],
            "в течение 10 рабочих дней после получения отчета организации-оператора",
            "Протокол заседания общественного совета",
            dl(
                "в течение 10 рабочих дней после получения отчета организации-оператора",
                "relative",
                offset=14,
                event="получения отчета организации-оператора",
            ),
        ),
        (YAR_S3, None),
        (
            "3.1.",
            "Размещение результатов независимой оценки на официальном сайте для размещения информации "
            "о государственных и муниципальных учреждениях в сети «Интернет»",
            ["Отдел социального обслуживания населения департамента"],
            "декабрь",
            "Информация на сайте bus.gov.ru",
            dl("декабрь", "once", ["2021-12-31"]),
        ),
        (
            "3.2.",
            "Методическая помощь организациям социального обслуживания в устранении недостатков",
            ["Отдел социального обслуживания населения департамента", "ГКУ ЯО «Центр социальных выплат»"],
            "по мере необходимости",
            "Консультации",
            dl("по мере необходимости", "on_demand"),
        ),
        (
            "3.3.",
            "Контроль за выполнением планов по устранению недостатков, выявленных в ходе независимой оценки",
            ["Заместитель директора департамента"],
            "в течение года",
            "Информация",
            dl("в течение года", "continuous"),
        ),
    ]
    items = []
    section = None
    for r in rows:
        if r[1] is None:
            add_span_row(t, r[0])
            section = r[0]
            continue
        number, title, resp, deadline_text, result, deadline = r
        add_row(t, [number, title, resp, deadline_text, result], align=["c", None, None, "c", None])
        items.append(item(number.rstrip("."), title, section, result, resp, deadline))
    s = make_table(doc, [10.0, 6.5], grid=False)
    add_row(s, ["", ""])  # an empty layout table under the plan, as Word users leave them
    rec = record(
        document(
            "order",
            YAR_BODY,
            "Ярославская область",
            "123-п",
            "2021-03-05",
            "Об утверждении плана мероприятий по организации независимой оценки качества условий "
            "оказания услуг организациями социального обслуживания на 2021 год",
            sig("Директор департамента", "А.В. Соколова"),
            [
                ref(
                    "law",
                    "2013-12-28",
                    "442-ФЗ",
                    "Об основах социального обслуживания граждан в Российской Федерации",
                )
            ],
            years(2021, 2021),
        ),
        plan_items=items,
    )
    doc.save(path)
    return rec


# --------------------------------------------------------------------------- 2. Perm decree


PERM_IND = [
    (
        "1",
        "Доля организаций социального обслуживания, в отношении которых проведена независимая оценка "
        "качества условий оказания услуг",
        "%",
        "32,5",
        ["не менее 35", "не менее 35", "не менее 30"],
    ),
    (
        "2",
        "Средний балл независимой оценки качества условий оказания услуг организациями социального "
        "обслуживания",
        "баллов",
        "84,6",
        ["86,0", "88,0", "90,0"],
    ),
    (
        "3",
        "Количество организаций социального обслуживания, разместивших планы по устранению недостатков "
        "на официальном сайте",
        "ед.",
        "41",
        ["45", "50", "52"],
    ),
]


def build_perm(path):
    doc = new_doc()
    para(doc, "ПРАВИТЕЛЬСТВО ПЕРМСКОГО КРАЯ", "c", bold=True, size=14, space_after=12)
    para(doc, "ПОСТАНОВЛЕНИЕ", "c", bold=True, size=16, space_after=12)
    para(doc, "«5» марта 2020 года")
    para(doc, "№ 145-п", space_after=12)
    para(
        doc,
        "Об утверждении Плана мероприятий по повышению качества условий оказания услуг "
        "организациями социального обслуживания Пермского края на 2020-2022 годы",
        bold=True,
        space_after=12,
    )
    para(
        doc,
        "В соответствии с постановлением Правительства Российской Федерации от 31 мая 2018 г. № 638 "
        "«Об утверждении Правил сбора и мониторинга информации о результатах независимой оценки» "
        "Правительство Пермского края ПОСТАНОВЛЯЕТ:",
        "j",
    )
    para(
        doc,
        "1. Утвердить прилагаемый План мероприятий по повышению качества условий оказания услуг "
        "организациями социального обслуживания Пермского края на 2020-2022 годы.",
        "j",
    )
    para(
        doc,
        "2. Контроль за исполнением постановления возложить на заместителя председателя "
        "Правительства Пермского края.",
        "j",
        space_after=24,
    )
    para(doc, "Председатель Правительства")
    para(doc, "Пермского края\tД.Н. Васильев")
    doc.add_page_break()
    stamp(doc, ["УТВЕРЖДЕН", "постановлением Правительства", "Пермского края", "от 05.03.2020 № 145-п"], 10.5)
    para(doc)
    para(doc, "ПЛАН", "c", bold=True)
    para(
        doc,
        "мероприятий по повышению качества условий оказания услуг организациями социального "
        "обслуживания Пермского края на 2020-2022 годы",
        "c",
        bold=True,
        space_after=12,
    )
    para(doc, "I. Целевые показатели", "c", bold=True)
    t = make_table(doc, [1.0, 6.4, 2.0, 2.4, 1.9, 1.9, 1.9], size=10)
    h1 = add_row(
        t,
        [
            "№ п/п",
            "Наименование целевого показателя",
            "Единица измерения",
            "Базовое значение (2019 год)",
            "Значение показателя по годам",
            "",
            "",
        ],
        bold=True,
        align="c",
    )
    h2 = add_row(t, ["", "", "", "", "2020", "2021", "2022"], bold=True, align="c")
    merge_down(h1, h2, range(4), 10)
    merge_across(h1, 4, 6, "Значение показателя по годам", 10)
    indicators = []
    for n, name, unit, base, targets in PERM_IND:
        add_row(t, [n, name, unit, base, *targets], align=["c", None, "c", "c", "c", "c", "c"])
        values = [(2019, "fact", num(base))]
        values += [(2020 + k, "plan", num(v.replace("не менее ", ""))) for k, v in enumerate(targets)]
        indicators.append(indicator(name, unit, *values))
    para(doc)
    para(doc, "II. Мероприятия", "c", bold=True)
    t = make_table(doc, [1.0, 6.6, 3.6, 2.8, 3.4], size=10)
    add_row(t, ["№", "Мероприятие", "Ответственные исполнители", "Сроки", "Результат"], bold=True, align="c")
    add_row(t, ["1", "2", "3", "4", "5"], align="c")
    period = (2020, 2022)
    rows = [
        (
            "1",
            "Организация заседаний общественного совета по проведению независимой оценки качества",
            ["Министерство социального развития Пермского края", "Общественный совет (по согласованию)"],
            "ежеквартально",
            "Протоколы заседаний",
            dl(
                "ежеквартально",
                "recurring",
                [d for d in quarter_ends(2020, 2021, 2022) if d >= "2020-03-05"],
                every="quarter",
            ),
        ),
        (
            "2",
            "Утверждение перечня организаций, в отношении которых проводится независимая оценка",
            ["Общественный совет (по согласованию)"],
            "I квартал ежегодно",
            "Протокол заседания",
            dl("I квартал ежегодно", "recurring", ["2020-03-31", "2021-03-31", "2022-03-31"], every="year"),
        ),
        (
            "3",
            "Обеспечение технической возможности выражения мнений получателей услуг о качестве условий "
            "оказания услуг на официальных сайтах организаций",
            ["Руководители организаций социального обслуживания"],
            "до 01.06.2020",
            "Анкета на сайтах",
            dl("до 01.06.2020", "once", ["2020-06-01"]),
        ),
        (
            "4",
            "Подготовка и направление в организации предложений по улучшению качества их деятельности",
            ["Министерство социального развития Пермского края"],
            "в месячный срок после утверждения результатов независимой оценки",
            "Письма в организации",
            dl(
                "в месячный срок после утверждения результатов независимой оценки",
                "relative",
                offset=30,
                event="утверждения результатов независимой оценки",
            ),
        ),
        (
            "5",
            "Мониторинг выполнения планов по устранению недостатков",
            [],
            "не реже 2 раз в год",
            "Аналитическая справка",
            dl(
                "не реже 2 раз в год",
                "recurring",
                [f"{y}-{md}" for y in range(2020, 2023) for md in ("06-30", "12-31")],
                every="half_year",
            ),
        ),
        (
            "6",
            "Проведение обучающих семинаров для работников организаций социального обслуживания",
            ["ГБУ ПК «Методический центр»"],
            "2020-2022 годы",
            "Семинары",
            dl("2020-2022 годы", "recurring", ["2020-12-31", "2021-12-31", "2022-12-31"], every="year"),
        ),
    ]
    items = []
    for n, title, resp, dtext, result, deadline in rows:
        add_row(t, [n, title, resp, dtext, result], align=["c", None, None, "c", None])
        items.append(item(n, title, None, result, resp, deadline))
    rec = record(
        document(
            "decree",
            "Правительство Пермского края",
            "Пермский край",
            "145-п",
            "2020-03-05",
            "Об утверждении Плана мероприятий по повышению качества условий оказания услуг организациями "
            "социального обслуживания Пермского края на 2020-2022 годы",
            sig("Председатель Правительства Пермского края", "Д.Н. Васильев"),
            [
                ref(
                    "decree",
                    "2018-05-31",
                    "638",
                    "Об утверждении Правил сбора и мониторинга информации о результатах независимой оценки",
                )
            ],
            years(*period),
        ),
        indicators=indicators,
        plan_items=items,
    )
    doc.save(path)
    return rec


# --------------------------------------------------------------------------- 3. Karelia order


def build_karelia(path):
    doc = new_doc()
    para(doc, "МИНИСТЕРСТВО СОЦИАЛЬНОЙ ЗАЩИТЫ РЕСПУБЛИКИ КАРЕЛИЯ", "c", bold=True, space_after=12)
    para(doc, "П Р И К А З", "c", bold=True, size=16, space_after=12)
    para(doc, "г. Петрозаводск", "c", space_after=6)
    para(doc, "от 12.04.2019\t№ 245-П", space_after=12)
    para(
        doc,
        "О внесении изменений в приказ Министерства социальной защиты Республики Карелия "
        "от 14.02.2018 № 98-П",
        "c",
        bold=True,
        space_after=12,
    )
    para(
        doc,
        "В целях совершенствования организации независимой оценки качества условий оказания услуг "
        "организациями социального обслуживания Республики Карелия приказываю:",
        "j",
    )
    para(
        doc,
        "1. Изложить приложение к приказу Министерства социальной защиты Республики Карелия от "
        "14.02.2018 № 98-П в редакции согласно приложению к настоящему приказу.",
        "j",
        space_after=24,
    )
    para(doc, "Исполняющий обязанности Министра\tИ.П. Никитина")
    doc.add_page_break()
    stamp(
        doc,
        [
            "Приложение к приказу",
            "Министерства социальной защиты",
            "Республики Карелия",
            "от 12.04.2019 № 245-П",
        ],
        10.5,
    )
    para(doc)
    para(
        doc,
        "Целевые показатели независимой оценки качества условий оказания услуг",
        "c",
        bold=True,
        space_after=8,
    )
    t = make_table(doc, [1.0, 7.6, 1.7, 2.0, 2.0, 2.0], size=10)
    add_row(
        t,
        ["№", "Наименование показателя", "Ед. изм.", "2019 год", "2020 год", "2021 год"],
        bold=True,
        align="c",
    )
    raw = [
        (
            "1.",
            "Доля получателей услуг, удовлетворенных качеством условий оказания услуг",
            "%",
            ("не менее 90", "не менее 92", "не менее 95"),
        ),
        (
            "2.",
            "Доля организаций социального обслуживания, обеспечивших доступность услуг для инвалидов",
            "%",
            ("75,0", "85,0", "100,0"),
        ),
        ("3.", "Число организаций, прошедших независимую оценку", "ед.", ("12", "14", "9")),
    ]
    indicators = []
    for n, name, unit, vals in raw:
        add_row(t, [n, name, unit, *vals], align=["c", None, "c", "c", "c", "c"])
        indicators.append(
            indicator(
                name, unit, *[(2019 + k, "plan", num(v.replace("не менее ", ""))) for k, v in enumerate(vals)]
            )
        )
    rec = record(
        document(
            "order",
            "Министерство социальной защиты Республики Карелия",
            "Республика Карелия",
            "245-П",
            "2019-04-12",
            "О внесении изменений в приказ Министерства социальной защиты Республики Карелия "
            "от 14.02.2018 № 98-П",
            sig("Исполняющий обязанности Министра", "И.П. Никитина"),
            [ref("order", "2018-02-14", "98-П", None)],
            years(2019, 2021),
        ),
        indicators=indicators,
    )
    doc.save(path)
    return rec


# --------------------------------------------------------------------------- 4. Yugra order (auto-numbering)

YUGRA_BODY = "Департамент социального развития Ханты-Мансийского автономного округа – Югры"


def build_yugra(path):
    doc = new_doc()
    para(doc, "ДЕПАРТАМЕНТ СОЦИАЛЬНОГО РАЗВИТИЯ", "c", bold=True)
    para(doc, "ХАНТЫ-МАНСИЙСКОГО АВТОНОМНОГО ОКРУГА – ЮГРЫ", "c", bold=True)
    para(doc, "(ДЕПСОЦРАЗВИТИЯ ЮГРЫ)", "c", bold=True, space_after=12)
    para(doc, "РАСПОРЯЖЕНИЕ", "c", bold=True, size=16, space_after=12)
    para(doc, "«17» января 2022 года\t№ 12-р")
    para(doc, "г. Ханты-Мансийск", "c", space_after=12)
    para(
        doc,
        "Об утверждении плана-графика проведения независимой оценки качества условий оказания услуг "
        "организациями социального обслуживания в 2022 году",
        bold=True,
        space_after=12,
    )
    para(
        doc,
        "1. Утвердить план-график проведения независимой оценки качества условий оказания услуг "
        "организациями социального обслуживания в 2022 году (приложение).",
        "j",
        space_after=24,
    )
    para(doc, "Заместитель Губернатора Ханты-Мансийского")
    para(doc, "автономного округа – Югры, директор Департамента\tМ.Е. Краснова")
    doc.add_page_break()
    stamp(doc, ["Приложение", "к распоряжению Департамента", "от 17.01.2022 № 12-р"], 10.5)
    para(doc, "План-график", "c", bold=True)
    para(
        doc,
        "проведения независимой оценки качества условий оказания услуг организациями социального "
        "обслуживания в 2022 году",
        "c",
        bold=True,
        space_after=12,
    )
    t = make_table(doc, [1.3, 6.4, 3.0, 3.6, 3.0], size=10)
    add_row(
        t,
        ["№ п/п", "Наименование мероприятия", "Срок", "Ответственный", "Форма завершения"],
        bold=True,
        align="c",
    )
    rows = [
        (
            "Формирование перечня организаций социального обслуживания для проведения независимой оценки",
            "до 1 марта",
            ["Управление социального обслуживания Депсоцразвития Югры"],
            "Протокол",
            dl("до 1 марта", "once", ["2022-03-01"]),
        ),
        (
            "Определение организации-оператора",
            "II квартал",
            ["Управление социального обслуживания Депсоцразвития Югры"],
            "Государственный контракт",
            dl("II квартал", "once", ["2022-06-30"]),
        ),
        (
            "Проведение организацией-оператором сбора и обобщения информации",
            "май – июнь",
            ["Организация-оператор"],
            "Отчет",
            dl("май – июнь", "once", ["2022-06-30"]),
        ),
        (
            "Утверждение результатов независимой оценки на заседании общественного совета",
            "в течение 5 рабочих дней со дня получения отчета",
            ["Общественный совет при Депсоцразвития Югры (по согласованию)"],
            "Протокол",
            dl(
                "в течение 5 рабочих дней со дня получения отчета",
                "relative",
                offset=7,
                event="получения отчета",
            ),
        ),
        (
            "Мониторинг выполнения планов по устранению недостатков, выявленных в ходе независимой оценки",
            "ежемесячно, до 5 числа месяца, следующего за отчетным",
            ["Управление социального обслуживания Депсоцразвития Югры"],
            "Информация",
            dl(
                "ежемесячно, до 5 числа месяца, следующего за отчетным",
                "recurring",
                [f"2022-{m:02d}-05" for m in range(2, 13)] + ["2023-01-05"],
                every="month",
            ),
        ),
    ]
    items = []
    for k, (title, dtext, resp, result, deadline) in enumerate(rows, 1):
        add_row(t, ["", title, dtext, resp, result], align=["c", None, "c", None, None], style="List Number")
        items.append(item(str(k), title, None, result, resp, deadline))
    rec = record(
        document(
            "decree",
            YUGRA_BODY,
            "Ханты-Мансийский автономный округ – Югра",
            "12-р",
            "2022-01-17",
            "Об утверждении плана-графика проведения независимой оценки качества условий оказания услуг "
            "организациями социального обслуживания в 2022 году",
            sig(
                "Заместитель Губернатора Ханты-Мансийского автономного округа – Югры, директор Департамента",
                "М.Е. Краснова",
            ),
            [],
            years(2022, 2022),
        ),
        plan_items=items,
    )
    doc.save(path)
    return rec


# --------------------------------------------------------------------------- 5. Altai ratings (form column)

ALT_ROWS = [
    (
        "КГБУСО «Комплексный центр социального обслуживания населения г. Барнаула»",
        "полустационарная",
        "semi_stationary",
        ("98,2", "96,4", "84,0", "99,1", "97,8"),
    ),
    (
        "КГБУСО «Бийский дом-интернат для престарелых и инвалидов»",
        "стационарная",
        "stationary",
        ("95,0", "94,6", "80,2", "98,8", "96,9"),
    ),
    (
        "КГБУСО «Рубцовский психоневрологический интернат»",
        "стационарная",
        "stationary",
        ("96,4", "92,8", "78,0", "99,0", "98,3"),
    ),
    (
        "КГБУСО «Комплексный центр социального обслуживания населения г. Новоалтайска»",
        "на дому",
        "home",
        ("93,5", "91,0", "72,6", "97,4", "95,0"),
    ),
    (
        "КГБУСО «Славгородский центр социальной помощи семье и детям»",
        "полустационарная",
        "semi_stationary",
        ("90,1", "88,7", "69,3", "96,0", "94,4"),
    ),
]


def build_altai(path):
    doc = new_doc(landscape=True)
    para(doc, "МИНИСТЕРСТВО СОЦИАЛЬНОЙ ЗАЩИТЫ АЛТАЙСКОГО КРАЯ", "c", bold=True, space_after=12)
    para(doc, "РЕЙТИНГ", "c", bold=True, size=14)
    para(
        doc,
        "организаций социального обслуживания Алтайского края по результатам независимой оценки "
        "качества условий оказания услуг в 2020 году",
        "c",
        bold=True,
        space_after=12,
    )
    t = make_table(doc, [1.0, 6.6, 2.6, 2.5, 2.5, 2.5, 2.5, 2.5, 1.8, 1.5], size=9)
    add_row(
        t,
        [
            "№ п/п",
            "Наименование организации социального обслуживания",
            "Форма социального обслуживания",
            "Показатели, характеризующие открытость и доступность информации об организации социальной сферы",
            "Показатели, характеризующие комфортность условий предоставления услуг",
            "Показатели, характеризующие доступность услуг для инвалидов",
            "Показатели, характеризующие доброжелательность, вежливость работников организации социальной "
            "сферы",
            "Показатели, характеризующие удовлетворенность условиями оказания услуг",
            "Итоговый показатель оценки качества",
            "Место",
        ],
        bold=True,
        align="c",
    )
    scored = []
    for org, form_ru, form, scores in ALT_ROWS:
        total = (sum(dec(s) for s in scores) / 5).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        scored.append((org, form_ru, form, scores, total))
    scored.sort(key=lambda r: -r[4])
    ratings = []
    rank = 0
    previous = None
    for k, (org, form_ru, form, scores, total) in enumerate(scored, 1):
        rank = rank if total == previous else k  # a tie shares the place, the next place is skipped
        previous = total
        add_row(
            t,
            [str(k), org, form_ru, *scores, f"{total}".replace(".", ","), str(rank)],
            align=["c", None, "c", "c", "c", "c", "c", "c", "c", "c"],
        )
        ratings.append(rating(org, form, 2020, [num(s) for s in scores], float(total), rank, 100))
    para(doc, space_after=18)
    para(doc, "Министр социальной защиты Алтайского края\tИ.А. Дудник")
    rec = record(
        document(
            "rating",
            "Министерство социальной защиты Алтайского края",
            "Алтайский край",
            None,
            None,
            "Рейтинг организаций социального обслуживания Алтайского края по результатам независимой оценки "
            "качества условий оказания услуг в 2020 году",
            sig("Министр социальной защиты Алтайского края", "И.А. Дудник"),
            [],
            years(2020, 2020),
        ),
        ratings=ratings,
    )
    doc.save(path)
    return rec


# --------------------------------------------------------------------------- 6. Primorsky points rating

PRIM_ROWS = [
    (
        "КГАУСО «Уссурийский социально-реабилитационный центр для несовершеннолетних»",
        ("28,5", "27,0", "19,5", "29,0", "28,0"),
    ),
    (
        "КГАУСО «Находкинский комплексный центр социального обслуживания населения»",
        ("27,0", "26,5", "22,0", "28,5", "27,5"),
    ),
    (
        "КГАУСО «Артемовский дом-интернат для престарелых и инвалидов»",
        ("25,5", "28,0", "18,0", "27,0", "26,5"),
    ),
    (
        "КГАУСО «Спасский комплексный центр социального обслуживания населения»",
        ("24,0", "23,5", "15,5", "27,5", "25,0"),
    ),
]


def build_primorsky(path):
    doc = new_doc(landscape=True)
    para(doc, "МИНИСТЕРСТВО ТРУДА И СОЦИАЛЬНОЙ ПОЛИТИКИ ПРИМОРСКОГО КРАЯ", "c", bold=True, space_after=12)
    para(
        doc,
        "Результаты независимой оценки качества оказания услуг организациями социального обслуживания "
        "Приморского края в 2019 году",
        "c",
        bold=True,
        space_after=6,
    )
    para(
        doc,
        "(оценка экспертов общественного совета; максимальное количество баллов – 160)",
        "c",
        space_after=8,
    )
    t = make_table(doc, [1.0, 8.0, 2.6, 2.6, 2.6, 2.6, 2.6, 2.0, 1.6], size=10)
    add_row(
        t,
        [
            "№",
            "Организация",
            "Открытость и доступность информации (0–30 баллов)",
            "Комфортность условий (0–30 баллов)",
            "Доступность для инвалидов (0–40 баллов)",
            "Доброжелательность и вежливость (0–30 баллов)",
            "Удовлетворенность качеством (0–30 баллов)",
            "Сумма баллов",
            "Рейтинг",
        ],
        bold=True,
        align="c",
    )
    scored = [(org, s, sum(dec(x) for x in s)) for org, s in PRIM_ROWS]
    scored.sort(key=lambda r: -r[2])
    ratings = []
    for k, (org, scores, total) in enumerate(scored, 1):
        add_row(
            t,
            [f"{k}.", org, *scores, f"{total}".replace(".", ","), str(k)],
            align=["c", None, "c", "c", "c", "c", "c", "c", "c"],
        )
        ratings.append(rating(org, None, 2019, [num(s) for s in scores], num(str(total)), k, 160))
    rec = record(
        document(
            "rating",
            "Министерство труда и социальной политики Приморского края",
            "Приморский край",
            None,
            None,
            "Результаты независимой оценки качества оказания услуг организациями социального "
            "обслуживания Приморского края в 2019 году",
            None,
            [],
            years(2019, 2019),
        ),
        ratings=ratings,
    )
    doc.save(path)
    return rec


# --------------------------------------------------------------------------- 7. Tver improvement plan (457)

TVER_ORG = (
    "Государственное бюджетное учреждение «Комплексный центр социального обслуживания населения "
    "Калининского района» Тверской области"
)


def build_tver(path):
    doc = new_doc(landscape=True)
    stamp(
        doc,
        [
            "УТВЕРЖДАЮ",
            "Директор ГБУ «КЦСОН Калининского района»",
            "______________ П.А. Смирнов",
            "«20» января 2020 г.",
        ],
        18.0,
    )
    para(doc)
    para(doc, "ПЛАН", "c", bold=True)
    para(
        doc,
        "по устранению недостатков, выявленных в ходе независимой оценки качества условий оказания услуг",
        "c",
        bold=True,
    )
    para(doc, TVER_ORG, "c", bold=True)
    para(doc, "на 2020 год", "c", bold=True, space_after=12)
    t = make_table(doc, [1.0, 5.0, 5.4, 3.0, 4.4, 4.2, 2.6], size=9)
    h1 = add_row(
        t,
        [
            "№ п/п",
            "Недостатки, выявленные в ходе независимой оценки качества условий оказания услуг организацией",
            "Наименование мероприятия по устранению недостатков, выявленных в ходе "
            "независимой оценки качества условий оказания услуг организацией",
            "Плановый срок реализации мероприятия",
            "Ответственный исполнитель (с указанием фамилии, имени, отчества и должности)",
            "Сведения о ходе реализации мероприятия",
            "",
        ],
        bold=True,
        align="c",
    )
    h2 = add_row(
        t,
        [
            "",
            "",
            "",
            "",
            "",
            "реализованные меры по устранению выявленных недостатков",
            "фактический срок реализации",
        ],
        bold=True,
        align="c",
    )
    merge_down(h1, h2, range(5), 9)
    merge_across(h1, 5, 6, "Сведения о ходе реализации мероприятия", 9)
    add_row(t, [str(k) for k in range(1, 8)], align="c")
    rows = [
        ("I. Открытость и доступность информации об организации социальной сферы", None),
        (
            "1.",
            "Информация о структуре организации на официальном сайте размещена не в полном объеме",
            "Разместить на официальном сайте сведения о структуре и органах управления учреждения",
            "до 31.03.2020",
            "Иванова Е.А., заместитель директора",
            "Сведения размещены в разделе «Структура»",
            "16.03.2020",
            dl("до 31.03.2020", "once", ["2020-03-31"]),
            ("Иванова Е.А.", "заместитель директора"),
            "2020-03-16",
        ),
        (
            "2.",
            "Отсутствует электронный сервис «Часто задаваемые вопросы»",
            "Обеспечить работу раздела «Часто задаваемые вопросы» на официальном сайте",
            "II квартал 2020 г.",
            "Иванова Е.А., заместитель директора",
            "",
            "",
            dl("II квартал 2020 г.", "once", ["2020-06-30"]),
            ("Иванова Е.А.", "заместитель директора"),
            None,
        ),
        ("III. Доступность услуг для инвалидов", None),
        (
            "3.",
            "Отсутствуют поручни и расширенные дверные проемы",
            "Установить поручни и расширить дверные проемы в здании учреждения",
            "в течение 2020 года",
            "директор Смирнов Павел Андреевич",
            "",
            "",
            dl("в течение 2020 года", "continuous"),
            ("Смирнов Павел Андреевич", "директор"),
            None,
        ),
        ("IV. Доброжелательность, вежливость работников организации", None),
        (
            "4.",
            "Отдельные замечания получателей услуг к вежливости работников",
            "Проведение занятий по этике общения с получателями социальных услуг",
            "ежеквартально",
            "Кузьмина О.Н., психолог",
            "Проведено занятие 27.03.2020",
            "27.03.2020",
            dl("ежеквартально", "recurring", quarter_ends(2020), every="quarter"),
            ("Кузьмина О.Н.", "психолог"),
            "2020-03-27",
        ),
    ]
    items = []
    for r in rows:
        if r[1] is None:
            add_span_row(t, r[0])
            continue
        n, defi, meas, ptext, rtext, done, atext, planned, resp, actual = r
        add_row(t, [n, defi, meas, ptext, rtext, done, atext], align=["c", None, None, "c", None, None, "c"])
        items.append(improvement(TVER_ORG, defi, meas, planned, resp[0], resp[1], done or None, actual))
    rec = record(
        document(
            "improvement_plan",
            TVER_ORG,
            "Тверская область",
            None,
            "2020-01-20",
            "План по устранению недостатков, выявленных в ходе независимой оценки качества условий оказания "
            "услуг " + TVER_ORG + " на 2020 год",
            sig("Директор ГБУ «КЦСОН Калининского района»", "П.А. Смирнов"),
            [],
            years(2020, 2020),
        ),
        improvement_items=items,
    )
    doc.save(path)
    return rec


# --------------------------------------------------------------------------- 8. Vladimir form, filled

VLD_ORG = "ГБУСО ВО «Муромский комплексный центр социального обслуживания населения»"


def build_vladimir_form(path):
    doc = new_doc(landscape=True)
    stamp(doc, ["Приложение № 4"], 20.0)
    para(doc, "План", "c", bold=True)
    para(doc, "мероприятий по улучшению деятельности", "c", bold=True)
    para(doc, VLD_ORG, "c", bold=True)
    para(doc, "наименование учреждения", "c", size=9, space_after=12)
    t = make_table(doc, [1.0, 5.6, 5.2, 2.8, 4.2, 3.6, 3.4], size=10)
    add_row(
        t,
        [
            ["№", "п/п"],
            "Наименование мероприятия",
            ["Основание реализации", "(результат независимой оценки качества)"],
            "Срок реализации",
            "Ответственный исполнитель",
            "Результат",
            "Показатели, характеризующие результат выполнения мероприятия",
        ],
        bold=True,
        align="c",
    )
    rows = [
        (
            "1",
            "Обновить информационные стенды в помещениях учреждения",
            "Недостаточная полнота информации на информационных стендах",
            "март 2019 г.",
            "Орлова Т.В., заведующий отделением",
            "Стенды обновлены",
            "Доля получателей услуг, удовлетворенных открытостью информации, %",
            dl("март 2019 г.", "once", ["2019-03-31"]),
            ("Орлова Т.В.", "заведующий отделением"),
        ),
        (
            "2",
            "Оборудовать санитарно-гигиеническое помещение для инвалидов",
            "Отсутствие адаптированного санитарно-гигиенического помещения",
            "до 01.10.2019",
            "Белов С.С., заместитель директора",
            "",
            "Наличие адаптированного помещения",
            dl("до 01.10.2019", "once", ["2019-10-01"]),
            ("Белов С.С.", "заместитель директора"),
        ),
        (
            "3",
            "Провести анкетирование получателей услуг о качестве обслуживания",
            "Низкая доля получателей услуг, готовых рекомендовать организацию",
            "1 раз в полугодие",
            "специалист по социальной работе",
            "",
            "Доля получателей услуг, готовых рекомендовать организацию, %",
            dl("1 раз в полугодие", "recurring", ["2019-06-30", "2019-12-31"], every="half_year"),
            (None, "специалист по социальной работе"),
        ),
    ]
    items = []
    for n, meas, defi, ptext, rtext, result, shows, planned, resp in rows:
        add_row(
            t, [n, meas, defi, ptext, rtext, result, shows], align=["c", None, None, "c", None, None, None]
        )
        items.append(improvement(VLD_ORG, defi, meas, planned, resp[0], resp[1], result or None, None))
    para(doc, space_after=18)
    para(doc, "Директор\tЕ.В. Гусева")
    para(doc, "«11» февраля 2019 г.")
    rec = record(
        document(
            "improvement_plan",
            VLD_ORG,
            "Владимирская область",
            None,
            "2019-02-11",
            "План мероприятий по улучшению деятельности " + VLD_ORG,
            sig("Директор", "Е.В. Гусева"),
            [],
            None,
        ),
        improvement_items=items,
    )
    doc.save(path)
    return rec


# --------------------------------------------------------------------------- 9. Tambov council protocol

TMB_ROWS = [
    ("ТОГБУ «Мичуринский комплексный центр социального обслуживания населения»", "94,8", "1"),
    ("ТОГБУ «Моршанский дом-интернат для престарелых и инвалидов»", "92,1", "2"),
    ("ТОГБУ «Котовский социально-реабилитационный центр для несовершеннолетних»", "89,6", "3"),
]


def build_tambov(path):
    doc = new_doc()
    para(doc, "ОБЩЕСТВЕННЫЙ СОВЕТ ПРИ УПРАВЛЕНИИ СОЦИАЛЬНОЙ ЗАЩИТЫ", "c", bold=True)
    para(doc, "И СЕМЕЙНОЙ ПОЛИТИКИ ТАМБОВСКОЙ ОБЛАСТИ", "c", bold=True, space_after=12)
    para(doc, "ПРОТОКОЛ № 3", "c", bold=True, size=14)
    para(doc, "заседания Общественного совета", "c", bold=True, space_after=12)
    para(doc, "г. Тамбов\t25 ноября 2021 г.", space_after=12)
    para(doc, "Председательствовал: Лаптева Н.В., председатель Общественного совета.")
    para(doc, "Присутствовали: 9 членов Общественного совета из 11.", space_after=6)
    para(doc, "ПОВЕСТКА ДНЯ:", bold=True)
    para(
        doc,
        "1. Об итогах независимой оценки качества условий оказания услуг организациями социального "
        "обслуживания Тамбовской области в 2021 году.",
        "j",
        space_after=6,
    )
    para(doc, "СЛУШАЛИ:", bold=True)
    para(
        doc,
        "Белову О.О. – секретаря Общественного совета, которая доложила об итогах независимой оценки.",
        "j",
    )
    para(doc, "РЕШИЛИ:", bold=True)
    para(
        doc,
        "1. Утвердить рейтинг организаций социального обслуживания по итогам независимой оценки качества.",
        "j",
    )
    para(
        doc,
        "2. Рекомендовать организациям разработать планы по устранению недостатков в течение месяца.",
        "j",
        space_after=12,
    )
    para(
        doc,
        "Рейтинг организаций социального обслуживания Тамбовской области в 2021 году",
        "c",
        bold=True,
        space_after=6,
    )
    t = make_table(doc, [1.0, 10.0, 3.0, 2.5], size=10)
    add_row(
        t, ["№ п/п", "Наименование организации", "Итоговый балл", "Место в рейтинге"], bold=True, align="c"
    )
    ratings = []
    for k, (org, total, rank) in enumerate(TMB_ROWS, 1):
        add_row(t, [str(k), org, total, rank], align=["c", None, "c", "c"])
        ratings.append(rating(org, None, 2021, [None] * 5, num(total), int(rank), 100))
    para(doc, space_after=18)
    para(doc, "Председатель Общественного совета\tН.В. Лаптева")
    para(doc)
    para(doc, "Секретарь\tО.О. Белова")
    rec = record(
        document(
            "protocol",
            "Общественный совет при управлении социальной защиты и семейной политики Тамбовской области",
            "Тамбовская область",
            "3",
            "2021-11-25",
            None,
            sig("Председатель Общественного совета", "Н.В. Лаптева"),
            [],
            None,
        ),
        ratings=ratings,
    )
    doc.save(path)
    return rec


# --------------------------------------------------------------------------- 10. Orenburg plan-graph (stamp)

ORB_S1 = "I. Организационные мероприятия"
ORB_S2 = "II. Проведение независимой оценки"


def build_orenburg(path):
    doc = new_doc()
    stamp(
        doc,
        [
            "УТВЕРЖДАЮ",
            "Министр социального развития",
            "Оренбургской области",
            "____________ Т.С. Самохина",
            "«28» декабря 2020 г.",
        ],
        10.0,
    )
    para(doc)
    para(doc, "ПЛАН-ГРАФИК", "c", bold=True)
    para(
        doc,
        "проведения независимой оценки качества условий оказания услуг организациями социального "
        "обслуживания Оренбургской области на 2021 год",
        "c",
        bold=True,
        space_after=12,
    )
    t = make_table(doc, [1.2, 6.0, 3.4, 3.4, 3.0], size=10)
    add_row(
        t, ["№", "Мероприятие", "Срок исполнения", "Исполнитель", "Форма завершения"], bold=True, align="c"
    )
    rows = [
        (ORB_S1, None),
        (
            "1)",
            "Подготовка предложений по перечню организаций для проведения независимой оценки",
            "январь – февраль 2021 г.",
            ["Отдел социального обслуживания"],
            "Предложения",
            dl("январь – февраль 2021 г.", "once", ["2021-02-28"]),
        ),
        (
            "2)",
            "Размещение информации о проведении независимой оценки на официальном сайте министерства",
            "не позднее 1 июля 2021 года",
            ["Пресс-служба министерства"],
            "Информация на сайте",
            dl("не позднее 1 июля 2021 года", "once", ["2021-07-01"]),
        ),
        (ORB_S2, None),
        (
            "3)",
            "Представление информации о ходе независимой оценки в общественный совет",
            "до 25 числа месяца, следующего за отчетным кварталом",
            ["Организация-оператор"],
            "Информация",
            dl(
                "до 25 числа месяца, следующего за отчетным кварталом",
                "recurring",
                ["2021-04-25", "2021-07-25", "2021-10-25", "2022-01-25"],
                every="quarter",
            ),
        ),
        (
            "4)",
            "Проведение независимой оценки организаций социального обслуживания",
            "II полугодие 2021 года",
            ["Организация-оператор", "общественный совет"],
            "Отчет",
            dl("II полугодие 2021 года", "once", ["2021-12-31"]),
        ),
        (
            "5)",
            "Доведение результатов независимой оценки до организаций",
            "в течение 30 календарных дней с даты подписания акта приемки работ",
            ["Отдел социального обслуживания"],
            "Письма",
            dl(
                "в течение 30 календарных дней с даты подписания акта приемки работ",
                "relative",
                offset=30,
                event="подписания акта приемки работ",
            ),
        ),
        (
            "6)",
            "Представление отчета о выполнении плана-графика",
            "ежегодно до 1 марта года, следующего за отчетным",
            ["Отдел социального обслуживания"],
            "Отчет",
            dl("ежегодно до 1 марта года, следующего за отчетным", "recurring", ["2022-03-01"], every="year"),
        ),
        (
            "7)",
            "Участие в обучающих мероприятиях по вопросам независимой оценки",
            "в соответствии с графиком",
            ["Руководители организаций"],
            "",
            dl("в соответствии с графиком", "unspecified"),
        ),
    ]
    items = []
    section = None
    for r in rows:
        if r[1] is None:
            add_span_row(t, r[0])
            section = r[0]
            continue
        n, title, dtext, resp, result, deadline = r
        add_row(t, [n, title, dtext, resp, result], align=["c", None, "c", None, None])
        items.append(item(n.rstrip(")"), title, section, result or None, resp, deadline))
    rec = record(
        document(
            "plan",
            None,
            "Оренбургская область",
            None,
            "2020-12-28",
            "План-график проведения независимой оценки качества условий оказания услуг организациями "
            "социального обслуживания Оренбургской области на 2021 год",
            sig("Министр социального развития Оренбургской области", "Т.С. Самохина"),
            [],
            years(2021, 2021),
        ),
        plan_items=items,
    )
    doc.save(path)
    return rec


# --------------------------------------------------------------------------- 11. Novgorod report (план/факт)


def build_novgorod(path):
    doc = new_doc()
    para(
        doc,
        "МИНИСТЕРСТВО ТРУДА И СОЦИАЛЬНОЙ ЗАЩИТЫ НАСЕЛЕНИЯ НОВГОРОДСКОЙ ОБЛАСТИ",
        "c",
        bold=True,
        space_after=12,
    )
    para(doc, "ИНФОРМАЦИЯ", "c", bold=True)
    para(
        doc,
        "о выполнении плана мероприятий по повышению качества условий оказания услуг организациями "
        "социального обслуживания на 2019-2020 годы",
        "c",
        bold=True,
        space_after=12,
    )
    t = make_table(doc, [1.0, 7.0, 1.8, 1.7, 1.7, 1.7, 1.7], size=10)
    h1 = add_row(
        t,
        ["№ п/п", "Наименование показателя", "Единица измерения", "2019 год", "", "2020 год", ""],
        bold=True,
        align="c",
    )
    h2 = add_row(t, ["", "", "", "план", "факт", "план", "факт"], bold=True, align="c")
    merge_down(h1, h2, range(3), 10)
    merge_across(h1, 3, 4, "2019 год", 10)
    merge_across(h1, 5, 6, "2020 год", 10)
    raw = [
        (
            "1",
            "Доля организаций социального обслуживания, охваченных независимой оценкой",
            "%",
            ("35", "38,2", "35", "36,0"),
        ),
        (
            "2",
            "Доля получателей услуг, удовлетворенных условиями оказания услуг",
            "%",
            ("90,0", "93,4", "92,0", ""),
        ),
    ]
    indicators = []
    for n, name, unit, vals in raw:
        add_row(t, [n, name, unit, *vals], align=["c", None, "c", "c", "c", "c", "c"])
        keys = [(2019, "plan"), (2019, "fact"), (2020, "plan"), (2020, "fact")]
        indicators.append(
            indicator(name, unit, *[(y, k, num(v)) for (y, k), v in zip(keys, vals, strict=True) if v])
        )
    para(doc, space_after=18)
    para(doc, "Заместитель министра\tК.Л. Фомина")
    rec = record(
        document(
            "report",
            "Министерство труда и социальной защиты населения Новгородской области",
            "Новгородская область",
            None,
            None,
            "Информация о выполнении плана мероприятий по повышению качества условий оказания услуг "
            "организациями социального обслуживания на 2019-2020 годы",
            sig("Заместитель министра", "К.Л. Фомина"),
            [],
            years(2019, 2020),
        ),
        indicators=indicators,
    )
    doc.save(path)
    return rec


# --------------------------------------------------------------------------- files


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pdf_pages(path):
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return next(int(line.split()[1]) for line in out.splitlines() if line.startswith("Pages:"))


def to_pdf(docx_path):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={LO_PROFILE}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(docx_path),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        target = docx_path.with_suffix(".pdf")
        shutil.copyfile(Path(tmp) / (docx_path.stem + ".pdf"), target)
    return target


def write_expected(path, rec, fmt):
    rec = json.loads(json.dumps(rec))
    signed = rec["document"]["date"]
    if signed:  # the contract: recurring due dates before the signing date are dropped
        for d in [i["deadline"] for i in rec["plan_items"]] + [
            i["planned"] for i in rec["improvement_items"]
        ]:
            if d["kind"] == "recurring":
                d["due_dates"] = [x for x in d["due_dates"] if x >= signed]
    rec["source"] = {
        "filename": path.name,
        "sha256": sha256(path),
        "format": fmt,
        "pages": pdf_pages(path) if fmt == "pdf" else None,
        "ocr": False,
    }
    jsonschema.validate(rec, SCHEMA)
    out = path.with_name(path.name + ".expected.json")
    out.write_text(json.dumps(rec, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print(f"  {path.name:40s} -> {out.name}")


JOBS = [
    ("yaroslavl_2021_order", build_yaroslavl, True),
    ("perm_2020_decree", build_perm, True),
    ("karelia_2019_order", build_karelia, False),
    ("yugra_2022_rasporyazhenie", build_yugra, False),
    ("altai_2020_ratings", build_altai, True),
    ("primorsky_2019_points", build_primorsky, False),
    ("tver_2020_improvement", build_tver, True),
    ("vladimir_form_filled", build_vladimir_form, False),
    ("tambov_2021_protocol", build_tambov, False),
    ("orenburg_2021_plan_graph", build_orenburg, False),
    ("novgorod_2020_report", build_novgorod, False),
]


def main(argv):
    only = set(argv)
    for base, build, want_pdf in JOBS:
        if only and base not in only:
            continue
        docx_path = HERE / f"{base}.docx"
        rec = build(docx_path)
        write_expected(docx_path, rec, "docx")
        if want_pdf and shutil.which("soffice"):
            write_expected(to_pdf(docx_path), rec, "pdf")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
