"""The name of a social-service institution inside a heading line.

An improvement plan is made for one institution, named in its heading either by the
abbreviated legal form (`ГБУСО ВО «Вязниковский КЦСОН»`, `КГБУ СО «…»`) or in full
(`Государственное бюджетное учреждение «Комплексный центр …» Тверской области`). A PDF may
glue that line to the heading line above it, so the name is searched inside the text.
"""

from __future__ import annotations

import re

_ABBREVIATED = re.compile(r"(?<![А-Яа-яЁё])([А-ЯЁ]{2,}(?:\s+[А-ЯЁ]{2,})*\s*«.+»)")
_REGION_TAIL = (
    r"(?:\s+[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+(?:области|края|автономного\s+округа)"
    r"|\s+Республики\s+[А-ЯЁ][а-яё]+)?"
)
_FULL = re.compile(
    r"(?<![А-Яа-яЁё])((?:Государственн|Муниципальн|Областн|Краев|Республиканск|Окружн|Бюджетн|Казенн|Автономн)"
    r"\w*(?:\s+[а-яё-]+){0,6}?\s+учреждени\w*[^«»]{0,120}?«.+»" + _REGION_TAIL + ")"
)


def institution_in(text: str) -> str | None:
    """The institution `text` names (`… услуг ГБУСО ВО «…» на 2019 год` -> `ГБУСО ВО «…»`), or None."""
    found = [m for m in (_FULL.search(text), _ABBREVIATED.search(text)) if m]
    if not found:
        return None
    first = min(found, key=lambda m: (m.start(), -len(m.group(1))))
    return first.group(1)
