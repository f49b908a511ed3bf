"""Which strings are Russian words: the OpenCorpora dictionary through pymorphy3.

OCR and narrow PDF columns break and garble words (`ежекварта` / `льно`, `сопиальной`); a
document's own vocabulary cannot say that `ежеквартально` is a word when it occurs only once,
broken. A full morphological dictionary (every form of ~400,000 lemmas) can. Lookups are
cached: the same words recur on every page.
"""

from __future__ import annotations

from functools import lru_cache

_PROPER = frozenset({"Abbr", "Surn", "Name", "Patr", "Init", "Geox", "Orgn", "Trad"})
"""Grammemes of parses that make a string a name or an abbreviation rather than a common word
(`ников` is a surname, `ия` an abbreviation: neither stands alone in running text)."""


@lru_cache(maxsize=1)
def _analyzer():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=100_000)
def is_word(text: str) -> bool:
    """Whether `text` (any case) is a known Russian word form; a hyphenated word when each of
    its parts is (`дом-интернат`). Latin letters, digits and signs are never words."""
    lowered = text.lower()
    if not lowered or not all("а" <= ch <= "я" or ch in "ё-" for ch in lowered):
        return False
    parts = lowered.split("-")
    if any(not part for part in parts):
        return False
    return all(_analyzer().word_is_known(part) for part in parts)


@lru_cache(maxsize=100_000)
def is_common_word(text: str) -> bool:
    """Whether `text` is a word of running text: known, and not only as a name, a surname or an
    abbreviation."""
    if not is_word(text):
        return False
    lowered = text.lower()
    if "-" in lowered:
        return all(is_common_word(part) for part in lowered.split("-"))
    return any(parse.is_known and not (_PROPER & parse.tag.grammemes) for parse in _analyzer().parse(lowered))


@lru_cache(maxsize=100_000)
def is_only_genitive(text: str) -> bool:
    """Whether `text` is a word form that can only be genitive (`департамента`, `социального`),
    never nominative (`директора` is both; `организации` too): a line starting with one
    continues a name begun above it."""
    if not is_word(text):
        return False
    cases = {parse.tag.case for parse in _analyzer().parse(text.lower()) if parse.is_known}
    return "gent" in cases and "nomn" not in cases
