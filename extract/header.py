"""The document header: kind, issuing body, region, number, date, title, signatory,
references to other acts and the period a plan covers.

A Russian official document opens with a letterhead (the issuing body, often in capitals),
the kind (`П Р И К А З`, `ПОСТАНОВЛЕНИЕ`) or, for a letter, a registration line
`____ № ____`, then the `О …` heading; a plan or a rating without a covering order opens
with its own heading (`План-график …`, `Рейтинг …`), sometimes under an approval stamp
(`УТВЕРЖДАЮ`). The rules below read those parts by their words, not by their position
in one region's template.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, replace

from extract.blocks import Blocks, Paragraph, Table, lowest_of
from extract.dates import find_ru_dates, parse_ru_date
from extract.institutions import institution_in
from extract.records import DocumentHeader, DocumentKind, Period, Reference, Signatory
from extract.regions import region_in, region_of_institution
from extract.text import (
    collapse_spaces,
    is_upper_text,
    join_spaced_letters,
    sentence_case,
    sentence_case_lines,
)

log = logging.getLogger("nok.extract")

# The kind words of an act typed on a line of their own.
_KIND_LINES: tuple[tuple[re.Pattern[str], DocumentKind], ...] = (
    (re.compile(r"^ПРИКАЗ$"), "order"),
    (re.compile(r"^(ПОСТАНОВЛЕНИЕ|РАСПОРЯЖЕНИЕ|УКАЗ)$"), "decree"),
    (re.compile(r"^ПРОТОКОЛ\b"), "protocol"),
)
_KIND_WORD = re.compile(r"^(ПРИКАЗ|ПОСТАНОВЛЕНИЕ|РАСПОРЯЖЕНИЕ)\s*")
_KIND_WORD_WITH_NUMBER = re.compile(r"^(ПРИКАЗ|ПОСТАНОВЛЕНИЕ|РАСПОРЯЖЕНИЕ)\s.*№")
# The first words of a heading that names the document itself.
_KIND_HEADINGS: tuple[tuple[re.Pattern[str], DocumentKind], ...] = (
    (
        re.compile(
            r"^план\b.*\b(устранени\w* недостатк|улучшени\w* (качества|деятельности|работы))",
            re.I,
        ),
        "improvement_plan",
    ),
    (re.compile(r"^план(-график)?\b", re.I), "plan"),
    (re.compile(r"^(рейтинг|результаты (проведения )?независимой оценки)", re.I), "rating"),
    (re.compile(r"^(отч[её]т|информация|аналитическая записка|доклад)\b", re.I), "report"),
    (re.compile(r"^протокол\b", re.I), "protocol"),
)
_GREETING = re.compile(r"^(Уважаем(ый|ая|ые)|Добрый день)\b")
_BODY_WORDS = re.compile(
    r"^(министерств|департамент|комитет|управлени|агентств|администраци|правительств|служб|"
    r"инспекци|аппарат|губернатор|мэри|глава|отдел|государственн|главное управление|"
    r"общественн\w* совет)",
    re.I,
)
_INSTITUTION = re.compile(r"^[А-ЯЁ]{2,}(\s+[А-ЯЁ]{2,})*\s*«")
_TITLE_START = re.compile(r"^Об?\s")
_BLANK = re.compile(r"_{2,}")
_NUMBER = re.compile(r"№\s*([^\s,;()]+)")
_NAME = (
    r"(?P<name>[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
    r"|[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s[А-ЯЁ]\.\s?[А-ЯЁ]\.)"
)
_GLUED_INITIALS = re.compile(r"([а-яё])([А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё])")
_SIGNATURE = re.compile(rf"^(?P<position>[^\t]*?)(?:(?<=^)|[\t\s_])[_\s]*{_NAME}$")
_POST_WORDS = re.compile(
    r"^(министр|заместитель|первый заместитель|директор|начальник|руководитель|председатель(?!ствова)|"
    r"глава|губернатор|и\.\s?о\.|врио|временно|исполняющий|главный|заведующ|президент|ректор|"
    r"секретарь|мэр|управляющ|консультант)",
    re.I,
)
_YEAR_PERIOD = re.compile(
    r"\b(?:в|на)\s+(?P<y1>(?:19|20)\d{2})(?:\s*[-–—]\s*(?P<y2>(?:19|20)\d{2}))?\s*"
    r"(?:гг?\.|год(?:у|ы|ах|а)?)",
    re.I,
)
_REF_KINDS: tuple[tuple[str, str], ...] = (
    (r"федеральн\w+\s+закон\w*|закон\w*", "law"),
    (r"постановлени\w*", "decree"),
    (r"распоряжени\w*", "decree"),
    (r"указ(?:ом|а|у)?", "decree"),
    (r"приказ\w*", "order"),
    (r"протокол\w*", "protocol"),
)
_REF_START = re.compile(r"(?<![а-яё])(" + "|".join(p for p, _ in _REF_KINDS) + r")", re.I)
_QUOTED_ACT = re.compile(
    r"«((?:Порядк|Положени|Регламент|Правил|Методик|Стандарт)\w*[^«»]*(?:«[^«»]*»[^«»]*)*)»"
)


@dataclass(frozen=True)
class HeaderResult:
    """The header plus why each part was chosen (for explaining a wrong extraction)."""

    header: DocumentHeader
    reasons: tuple[str, ...]


def _text(p: Paragraph) -> str:
    return join_spaced_letters(collapse_spaces(p.text))


def _front(blocks: Blocks) -> list[Paragraph]:
    """The paragraphs before the first table: where a header lives. A small borderless-style
    table there (`05.03.2021 | № 123-п`) only lays out header lines, so it is read as lines."""
    front: list[Paragraph] = []
    for block in blocks.items:
        if isinstance(block, Table):
            lines = _layout_table_lines(block)
            if lines is None:
                break
            front.extend(lines)
            continue
        front.append(block)
    return front


def _layout_table_lines(table: Table) -> list[Paragraph] | None:
    """A table of at most 3 rows of at most 3 short cells, as one `cell<TAB>cell` line per row
    (a date beside a number, a post beside a name); None for any other table."""
    if len(table.rows) > 3 or any(len(row) > 3 for row in table.rows):
        return None
    lines: list[Paragraph] = []
    for row in table.rows:
        cells = [collapse_spaces(c.text) for c in row if collapse_spaces(c.text)]
        if any(len(c) > 120 for c in cells):
            return None
        if cells:
            lines.append(Paragraph(text="\t".join(cells)))
    return lines


def _heading_groups(paras: list[Paragraph]) -> list[tuple[int, list[Paragraph]]]:
    """Consecutive bold or centred paragraphs with the same look: one heading each."""
    groups: list[tuple[int, list[Paragraph]]] = []
    current: list[Paragraph] = []
    start = 0
    for i, p in enumerate(paras):
        styled = p.bold or p.align == "center"
        same_look = current and (p.bold, p.align) == (current[-1].bold, current[-1].align)
        if styled and same_look and not _letterhead_ends(current[-1], p) and not _names_kind(p):
            current.append(p)
            continue
        if current:
            groups.append((start, current))
        current, start = ([p], i) if styled else ([], i)
    if current:
        groups.append((start, current))
    return groups


def _names_kind(p: Paragraph) -> bool:
    """A line opening the document's own heading (`РЕЙТИНГ`, `ИНФОРМАЦИЯ о выполнении …`): it
    starts a new heading even when typed in the same capitals as the letterhead above it."""
    return any(pattern.match(_text(p)) for pattern, _ in _KIND_HEADINGS)


def _letterhead_ends(above: Paragraph, below: Paragraph) -> bool:
    """A capitals letterhead line and a heading in normal case under it are different groups,
    unless the capitals line is itself a kind word opening the heading (`ПЛАН-ГРАФИК`)."""
    if is_upper_text(above.text) == is_upper_text(below.text):
        return False
    opening = _text(above)
    return not any(pattern.match(opening) for pattern, _ in _KIND_HEADINGS)


def _is_registration_line(text: str) -> bool:
    flat = text.replace("\t", " ")
    if "№" not in flat or len(flat) > 90 or re.match(r"^(Приложение|к\s)", flat, re.I):
        return False
    before = flat.split("№", 1)[0]
    return bool(_BLANK.search(before) or parse_ru_date(before) or not before.strip())


def _detect_kind(paras: list[Paragraph], reasons: list[str]) -> tuple[DocumentKind, int | None]:
    """The kind and the index of the paragraph that decided it."""
    starts = {start for start, _ in _heading_groups(paras)}
    for i, p in enumerate(paras):
        text = _text(p)
        upper = text.upper().strip(" .:")
        for pattern, kind in _KIND_LINES:
            if pattern.match(upper) and len(upper) < 40:
                reasons.append(f"kind {kind}: line {text!r}")
                return kind, i
            # `ПРИКАЗ № 64 от 15.03.2017` on one line: the kind word in capitals, then the number
            if _KIND_WORD_WITH_NUMBER.match(text) and _is_registration_line(_KIND_WORD.sub("", text)):
                kind = "order" if text.upper().startswith("ПРИКАЗ") else "decree"
                reasons.append(f"kind {kind}: line {text!r}")
                return kind, i
        if _GREETING.match(text) or (_is_registration_line(p.text) and i > 0):
            reasons.append(f"kind letter: {text!r}")
            return "letter", i
        if i in starts:
            group_text = _group_text(paras, i)
            for pattern, kind in _KIND_HEADINGS:
                if pattern.match(group_text):
                    reasons.append(f"kind {kind}: heading {group_text[:60]!r}")
                    return kind, i
    return "other", None


def _group_text(paras: list[Paragraph], start: int) -> str:
    for s, group in _heading_groups(paras):
        if s == start:
            return " ".join(_text(p) for p in group)
    return _text(paras[start])


def _authority(paras: list[Paragraph], until: int | None) -> tuple[str | None, list[str]]:
    """The letterhead body (sentence case, abbreviation in brackets dropped) and all its lines."""
    limit = until if until is not None else min(len(paras), 8)
    lines: list[str] = []
    for p in paras[:limit]:
        text = _text(p)
        if not text or not (is_upper_text(text) or (p.bold and p.align == "center")):
            if lines:
                break
            continue
        lines.append(text)
    body: list[str] = []
    for line in lines:
        if line.startswith("(") and line.endswith(")"):
            continue
        if body or _BODY_WORDS.match(line):
            body.append(line)
    if not body:
        return None, lines
    return sentence_case(" ".join(body)), lines


def _registration(paras: list[Paragraph], until: int) -> tuple[str | None, dt.date | None]:
    """Number and date of the registration line (`от «15» марта 2017 г.<TAB>№ 64`); blanks are None."""
    for i, p in enumerate(paras[:until]):
        if _is_registration_line(_KIND_WORD.sub("", p.text)):
            flat = _KIND_WORD.sub("", p.text).replace("\t", " ")
            m = _NUMBER.search(flat)
            number = m.group(1).rstrip(".") if m else None
            if number and ("_" in number or not re.search(r"\w", number)):
                number = None
            date = parse_ru_date(flat.split("№", 1)[0]) or parse_ru_date(flat)
            if date is None:
                # `« 18 » апреля 2020 г.` and `№ 83-ОСН` typed as two lines
                for k in (i - 1, i + 1):
                    if 0 <= k < len(paras) and len(paras[k].text) < 40:
                        date = date or parse_ru_date(paras[k].text)
            return number, date
    return None, None


def _protocol_registration(paras: list[Paragraph], kind_at: int) -> tuple[str | None, dt.date | None]:
    """`ПРОТОКОЛ № 5` and the date on one of the next short lines (`г. Кострома<TAB>20 декабря 2019 г.`)."""
    m = _NUMBER.search(paras[kind_at].text)
    number = m.group(1).rstrip(".") if m and "_" not in m.group(1) else None
    date = parse_ru_date(paras[kind_at].text.split("№", 1)[-1])
    for p in paras[kind_at + 1 : kind_at + 5]:
        if date is not None:
            break
        if len(p.text) < 80:
            date = parse_ru_date(p.text)
    return number, date


def _approval_stamp(paras: list[Paragraph]) -> tuple[Signatory | None, dt.date | None]:
    """The `УТВЕРЖДАЮ` block: position lines, `____ И.О. Фамилия`, then a date."""
    for i, p in enumerate(paras):
        text = _text(p)
        if not text.upper().startswith("УТВЕРЖДАЮ"):
            continue
        position: list[str] = []
        rest = text[len("УТВЕРЖДАЮ") :].strip(" :")
        if rest:
            position.append(rest)
        name = None
        date = None
        for j in range(i + 1, min(i + 10, len(paras))):
            line = _text(paras[j])
            m = re.search(rf"{_NAME}\s*$", line)
            if name is None and m:
                before = _BLANK.sub("", line[: m.start()]).strip()
                if before:
                    position.append(before)
                name = _normal_name(m.group("name"))
                continue
            if name is None:
                position.append(line)
                continue
            date = parse_ru_date(line)
            if date:
                break
        if name:
            return Signatory(position=collapse_spaces(" ".join(position)) or None, name=name), date
    return None, None


def _normal_name(name: str) -> str:
    """`Л.Е.Кукушкина` and `Л. Е. Кукушкина` -> `Л.Е. Кукушкина`."""
    name = collapse_spaces(name)
    m = re.match(r"^([А-ЯЁ])\.\s?([А-ЯЁ])\.\s?(.+)$", name)
    if m:
        return f"{m.group(1)}.{m.group(2)}. {m.group(3)}"
    return name


def _signature_lines(blocks: Blocks) -> list[Paragraph]:
    """Paragraphs plus the rows of small borderless tables, where a signature is often set
    (`Министр | Т.Г. Малютина`): each such row becomes one `position<TAB>name` line."""
    lines: list[Paragraph] = []
    for block in blocks.items:
        if isinstance(block, Paragraph):
            lines.append(block)
        else:
            lines.extend(_layout_table_lines(block) or [])
    return lines


def _is_post_line(text: str) -> bool:
    return (
        len(text) < 80
        and bool(_POST_WORDS.match(text))
        and not re.search(_NAME, text)
        and not text.endswith(".")
    )


def _signatory(paras: list[Paragraph]) -> tuple[Signatory | None, int | None]:
    """The first `position<TAB>И.О. Фамилия` line and its index; a name without a position is
    an executor."""
    for i, p in enumerate(paras):
        # a tab to a near default stop can leave no gap in a PDF: `Директор департаментаИ.И. Иванов`
        raw = _GLUED_INITIALS.sub("\\1\t\\2", p.text.strip())
        if "\t" not in raw and len(raw) > 120:
            continue
        m = _SIGNATURE.match(raw)
        if not m:
            continue
        position = collapse_spaces(m.group("position").replace("\t", " "))
        j = i - 1
        if not position and i > 0 and _is_post_line(_text(paras[i - 1])):
            # `Министр` on its own line, the name on the next
            position, j = _text(paras[i - 1]), i - 2
        if not position or "_" in position or not re.search(r"[А-Яа-яЁё]", position):
            continue
        if "\t" not in raw and not _POST_WORDS.match(position):
            continue
        # A two-line position: `Министр труда и социальной` / `защиты Тульской области<TAB>…`.
        while position[:1].islower() and j >= 0 and len(paras[j].text) < 80:
            position = f"{_text(paras[j])} {position}"
            j -= 1
        position = _post_above(paras, j, position)
        if not _POST_WORDS.match(position) and "\t" not in raw:
            continue
        # a position never ends in a comma or a colon: a speck read beside its last word
        return Signatory(position=position.rstrip(" ,;:"), name=_normal_name(m.group("name"))), i
    return None, None


_DATE_ONLY = re.compile(r"^[«»\"„“\s\d./-]*\d[«»\"„“\s\d./-]*[а-яё]*[\s\d]*(г\.|года)?$", re.I)


def _date_under(paras: list[Paragraph], at: int | None) -> dt.date | None:
    """A date typed alone on a line right under the signature (a plan signed under its table:
    `Директор<TAB>Е.В. Гусева`, then `«11» февраля 2019 г.`)."""
    if at is None:
        return None
    for p in paras[at + 1 : at + 3]:
        text = _text(p)
        if text and len(text) < 40 and _DATE_ONLY.match(text):
            return parse_ru_date(text)
    return None


def _post_above(paras: list[Paragraph], j: int, position: str) -> str:
    """A position whose last line names only the body (`Пермского края<TAB>Д.Н. Васильев`)
    begins on the short lines above it, up to the one naming the post
    (`Председатель Правительства`); unchanged when no such line is found."""
    lines = [position]
    while not _POST_WORDS.match(lines[0]) and j >= 0 and len(lines) < 4:
        above = _text(paras[j])
        if not above or "\t" in paras[j].text or len(above) >= 80 or above.endswith((".", ":", ";")):
            return position
        lines.insert(0, above)
        j -= 1
    return " ".join(lines) if _POST_WORDS.match(lines[0]) else position


def _title(paras: list[Paragraph], kind: DocumentKind, kind_at: int | None) -> tuple[str | None, list[str]]:
    """The `О …` heading, or for a plan/rating/improvement plan its own heading lines."""
    groups = _heading_groups(paras)
    headings = [" ".join(_text(p) for p in g) for _, g in groups]
    if kind in ("plan", "improvement_plan", "rating", "report") and kind_at is not None:
        for start, group in groups:
            if start == kind_at:
                lines = [_text(p) for p in group if not _BLANK.search(p.text)]
                return sentence_case_lines(lines) or None, headings
    for _, group in groups:
        # Without bold (OCR) the place line `г. Магадан` joins the centred group: start at `О …`.
        for k, p in enumerate(group):
            first = _text(p)
            if _TITLE_START.match(first) and not first.endswith(":"):
                return sentence_case_lines([_text(q) for q in group[k:]]), headings
    if kind in ("order", "decree", "protocol", "letter") and kind_at is not None:
        # An unstyled `О …` line just under the kind or registration line (no bold in the PDF).
        for p in paras[kind_at + 1 : kind_at + 5]:
            first = _text(p)
            if _TITLE_START.match(first) and len(first) < 400 and not first.endswith((":", ".")):
                return sentence_case(first), headings
    return None, headings


def _period(texts: list[str], kind: DocumentKind, fallback: Period | None) -> Period | None:
    """The years a plan covers. A letter's subject (`О результатах … в 2025 году`) names the
    year it reports on, and a protocol's headings (a rating it approves, `… в 2021 году`) the
    year of what it records, not a period either plans: both take only the indicator fallback."""
    for text in texts if kind not in ("letter", "protocol") else []:
        m = _YEAR_PERIOD.search(text or "")
        if m:
            y1 = int(m.group("y1"))
            y2 = int(m.group("y2") or y1)
            return Period(dt.date(y1, 1, 1), dt.date(y2, 12, 31))
    if fallback is not None:
        return fallback
    if kind in ("rating", "improvement_plan"):
        for text in texts:
            years = re.findall(r"\b((?:19|20)\d{2})\b", text or "")
            if len(set(years)) == 1:
                y = int(years[0])
                return Period(dt.date(y, 1, 1), dt.date(y, 12, 31))
    return None


def _quoted_after(text: str, pos: int) -> str | None:
    """A `«…»` title starting right at `pos` (nested quotes kept), or None."""
    m = re.match(r"\s*«", text[pos:])
    if not m:
        return None
    depth = 0
    start = pos + m.end()
    for k in range(start - 1, len(text)):
        if text[k] == "«":
            depth += 1
        elif text[k] == "»":
            depth -= 1
            if depth == 0:
                return collapse_spaces(text[start:k])
    return None


def _references(paras: list[Paragraph], own_number: str | None, own_kind: DocumentKind) -> list[Reference]:
    """Acts cited as `<kind word> … от <date> № <number> «<title>»` in the paragraphs.

    An appendix stamp `к приказу …` inside an order names the order itself, not another act;
    the same stamp on a rating (`Приложение к протоколу … № 5`) cites the protocol it belongs to."""
    refs: list[Reference] = []
    seen: set[tuple[str | None, dt.date | None, str | None]] = set()

    def add(ref: Reference) -> None:
        if (ref.kind, ref.date, ref.number) not in seen:
            seen.add((ref.kind, ref.date, ref.number))
            refs.append(ref)

    for p in paras:
        text = collapse_spaces(p.text.replace("\t", " "))
        for m in _QUOTED_ACT.finditer(text):
            # `к «Порядку …», утвержденному решением … от 9 ноября 2015 года`
            tail = text[m.end() : m.end() + 200].split("(")[0]
            dates = find_ru_dates(tail)
            num = _NUMBER.search(tail)
            add(
                Reference(
                    kind="other",
                    date=dates[0][0] if dates else None,
                    number=num.group(1) if num else None,
                    title=collapse_spaces(m.group(1)),
                )
            )
        starts = list(_REF_START.finditer(text))
        for n, m in enumerate(starts):
            word = m.group(1).lower()
            kind = next(k for pattern, k in _REF_KINDS if re.fullmatch(pattern, word))
            if kind == own_kind and re.search(r"(?:^|\s)к\s*$", text[max(0, m.start() - 3) : m.start()]):
                continue  # `к приказу …` in an order: the appendix stamp naming the order itself
            end = starts[n + 1].start() if n + 1 < len(starts) else len(text)
            window = text[m.end() : min(end, m.end() + 220)]
            num = _NUMBER.search(window)
            dates = find_ru_dates(window)
            if not num or not dates:
                continue
            number = num.group(1).rstrip(".")
            if "_" in number:
                continue
            if kind in ("order", "decree") and own_number and number == own_number:
                continue
            last = m.end() + max(num.end(), dates[0][2])
            title = _quoted_after(text, last)
            if title and _QUOTED_ACT.fullmatch(f"«{title}»"):
                title = None
            add(Reference(kind=kind, date=dates[0][0], number=number, title=title))
    return refs


def recognize_header(blocks: Blocks, *, fallback_period: Period | None = None) -> HeaderResult:
    """The document header of `blocks`; `fallback_period` comes from an indicator table."""
    reasons: list[str] = []
    paras = blocks.paragraphs
    front = _front(blocks) or paras[:30]
    kind, kind_at = _detect_kind(front, reasons)
    authority, letterhead = _authority(front, kind_at)
    title, headings = _title(front, kind, kind_at)
    stamp, stamp_date = _approval_stamp(front)
    if kind == "improvement_plan":
        institution = _institution(front, kind_at, stamp)
        if institution:
            authority = institution
            reasons.append("authority: the institution of the improvement plan")
    number, date = _registration(front, kind_at + 2 if kind_at is not None else len(front))
    if number is None and date is None and kind in ("order", "decree", "protocol", "letter"):
        number, date = _registration(front, len(front))
    if date is None and stamp_date is not None:
        date = stamp_date
        reasons.append("date: from the УТВЕРЖДАЮ stamp")
    lines = _signature_lines(blocks)
    signatory, signed_at = _signatory(lines)
    if date is None and signatory is not None:
        date = _date_under(lines, signed_at)
        if date is not None:
            reasons.append("date: the line under the signature")
    signatory = signatory or stamp
    region = None
    for text in [authority, sentence_case(" ".join(letterhead)), title, *headings]:
        region = region_in(text)
        if region:
            break
    if region is None:
        region = region_in(" ".join(_text(p) for p in front[:20])) or region_of_institution(authority)
    period = _period([title or "", *headings], kind, fallback_period)
    if kind == "protocol" and number is None and kind_at is not None:
        number, date = _protocol_registration(front, kind_at)
    refs = _references(paras, number, kind)
    header = DocumentHeader(
        kind=kind,
        authority=authority,
        region=region,
        number=number,
        date=date,
        title=title,
        signatory=signatory,
        references=tuple(refs),
        period=period,
    )
    if blocks.ocr:
        header = replace(header, confidence=_confidence(header, [*front, *lines]))
    for reason in reasons:
        log.debug("header: %s", reason)
    return HeaderResult(header=header, reasons=tuple(reasons))


def _squeezed(text: str) -> str:
    return re.sub(r"\W+", "", text).lower()


def _confidence(header: DocumentHeader, paras: list[Paragraph]) -> dict[str, float]:
    """Field -> the OCR confidence of the lines it was read from (the least sure word of those
    lines): the lines that hold the field's text, or that its text holds (a title over several
    lines), or, for the date, a line that states it."""
    read = [(p, _squeezed(p.text)) for p in paras if p.confidence is not None]
    texts = {
        "authority": header.authority,
        "number": header.number,
        "title": header.title,
        "signatory.position": header.signatory.position if header.signatory else None,
        "signatory.name": header.signatory.name if header.signatory else None,
    }
    found: dict[str, float] = {}
    for name, value in texts.items():
        wanted = _squeezed(value or "")
        if not wanted:
            continue
        sources = [p for p, text in read if wanted in text or (len(text) >= 8 and text in wanted)]
        if confidence := lowest_of(*(p.confidence for p in sources)):
            found[name] = round(confidence, 1)
    if header.date is not None:
        dated = [p for p, _ in read if header.date in [d for d, _, _ in find_ru_dates(p.text)]]
        if confidence := lowest_of(*(p.confidence for p in dated[:1])):
            found["date"] = round(confidence, 1)
    return found


def _institution(paras: list[Paragraph], kind_at: int | None, stamp: Signatory | None) -> str | None:
    """The institution an improvement plan is for: its heading line, else the stamp's post."""
    if kind_at is not None:
        for start, group in _heading_groups(paras):
            if start == kind_at:
                for p in group:
                    text = _text(p)
                    if _INSTITUTION.match(text):
                        return sentence_case(text)
                    if found := institution_in(text):
                        return found
    if stamp and stamp.position:
        return institution_in(stamp.position)
    return None
