"""The subject of the Federation named in a text, put in the nominative.

Letterheads name the region in the genitive (`Магаданской области`, `Приморского края`,
`Республики Карелия`); the contract wants the nominative (`Магаданская область`).
A small declension of the adjective is enough: region names are regular adjectives,
except the republics written noun-first and the three federal cities.
"""

from __future__ import annotations

import re

_ADJ = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)*"

_FEDERAL_CITIES = {
    "москв": "Москва",
    "санкт-петербург": "Санкт-Петербург",
    "севастопол": "Севастополь",
}

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"\b({_ADJ})\s+автономн(?:ой|ая)\s+област(?:и|ь)"), "ao_oblast"),
    (re.compile(rf"\b({_ADJ})\s+автономн(?:ого|ый)\s+округ(?:а|е|у)?\b"), "ao_okrug"),
    (re.compile(rf"\b({_ADJ})\s+(?:област(?:и|ь|ью)|обл\.)"), "oblast"),
    (re.compile(rf"\b({_ADJ})\s+кра(?:я|й|ю|е)\b"), "krai"),
    (re.compile(rf"\b({_ADJ})\s+Республик(?:и|а|е|у)\b"), "adj_republic"),
    (
        re.compile(r"\bРеспублик(?:и|а|е|у)\s+([А-ЯЁ][а-яё]+(?:[- ][А-ЯЁ][а-яё]+)*(?: \([А-ЯЁ][а-яё]+\))?)"),
        "republic",
    ),
    (re.compile(r"\b(?:город(?:а|е)?|г\.)\s*(Москв[аыеу]|Санкт-Петербург[аеу]?|Севастопол[ьяею])"), "city"),
)


def _feminine(adj: str) -> str:
    """`Магаданской` -> `Магаданская`."""
    for ending in ("ой", "ая", "ую", "ей"):
        if adj.endswith(ending):
            return adj[: -len(ending)] + "ая"
    return adj


def _masculine(adj: str) -> str:
    """`Приморского` -> `Приморский`, `Забайкальского` -> `Забайкальский`, `Пермского` -> `Пермский`."""
    for ending in ("ого", "ий", "ый", "ому", "ом"):
        if adj.endswith(ending):
            stem = adj[: -len(ending)]
            break
    else:
        return adj
    return stem + ("ий" if stem[-1:] in "кгхжшчщ" else "ый")


# Subjects whose official name goes on after a dash (`Ханты-Мансийский автономный округ – Югра`,
# `Кемеровская область – Кузбасс`): the second name by its stem, in the nominative.
_SECOND_NAMES = {"югр": "Югра", "кузбасс": "Кузбасс", "алани": "Алания", "чуваши": "Чувашия"}
_SECOND_NAME = re.compile(r"^\s*[-–—]\s*(" + "|".join(_SECOND_NAMES) + r")[а-яё]*", re.I)


def _second_name(text: str, end: int) -> str:
    m = _SECOND_NAME.match(text[end:])
    return f" – {_SECOND_NAMES[m.group(1).lower()]}" if m else ""


def region_in(text: str | None) -> str | None:
    """The first region named in `text`, in the nominative, or None."""
    if not text:
        return None
    best: tuple[int, str] | None = None
    for pattern, shape in _PATTERNS:
        m = pattern.search(text)
        if m is None or (best is not None and m.start() >= best[0]):
            continue
        name = m.group(1)
        if shape == "oblast":
            if name.lower() in {"той", "этой", "данной", "указанной"}:
                continue
            value = f"{_feminine(name)} область"
        elif shape == "krai":
            value = f"{_masculine(name)} край"
        elif shape == "ao_oblast":
            value = f"{_feminine(name)} автономная область"
        elif shape == "ao_okrug":
            value = f"{_masculine(name)} автономный округ"
        elif shape == "adj_republic":
            value = f"{_feminine(name)} Республика"
        elif shape == "republic":
            value = f"Республика {name}"
        else:
            low = name.lower()
            value = next(v for k, v in _FEDERAL_CITIES.items() if low.startswith(k))
        best = (m.start(), value + _second_name(text, m.end()))
    return best[1] if best else None


# Regional institutions abbreviate their subject after the legal form (`ГБУСО ВО` is
# `… социального обслуживания Владимирской области`). Only the abbreviations that name one
# region unambiguously in social-service practice are listed; extend as documents arrive.
_INSTITUTION_ABBREVIATIONS = {
    "ГБУСО ВО": "Владимирская область",
    "ГКУСО ВО": "Владимирская область",
    "ГБУСО МО": "Московская область",
    "ГАУСО МО": "Московская область",
}


def region_of_institution(name: str | None) -> str | None:
    """The region an institution's abbreviated name implies (`ГБУСО ВО «…»`), or None."""
    if not name:
        return None
    m = re.match(r"^([А-ЯЁ]{2,}\s+[А-ЯЁ]{2,})\s*«", name)
    return _INSTITUTION_ABBREVIATIONS.get(m.group(1)) if m else None
