"""Text normalisation shared by the recognizers: whitespace, capitals, spaced letters, numbers.

Official documents type headings in capitals (`МИНИСТЕРСТВО ТРУДА ... МАГАДАНСКОЙ ОБЛАСТИ`),
space out the document kind (`П Р И К А З`) and write decimals with a comma (`38,9`);
the contract wants the words as written but in normal capitalization and numbers as numbers.
"""

from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")
_SPACED_LETTERS = re.compile(r"(?<!\S)(?:[А-ЯЁA-Z] ){2,}[А-ЯЁA-Z](?!\S)")
_WORD = re.compile(r"[А-ЯЁа-яёA-Za-z]+(?:-[А-ЯЁа-яёA-Za-z]+)*")
_VOWELS = set("АЕЁИОУЫЭЮЯAEIOUаеёиоуыэюя")

# Nouns after which the preceding adjective is part of a proper name (Магаданской области).
_PLACE_NOUNS = ("област", "кра", "округ", "республик")
# Words that keep a capital after being lower-cased: the federation and city names.
_PROPER_AFTER = {"российской": "Российской", "федерации": "Федерации", "россии": "России"}
_CITY_MARKERS = ("города", "город", "г.")
_FEDERAL_CITIES = ("москв", "санкт-петербург", "севастопол")
# Short all-caps tokens that are abbreviations, not words: kept in capitals.
_ABBREVIATIONS = {
    "РФ", "ВО", "СО", "ГБУ", "ГКУ", "ГАУ", "МБУ", "МКУ", "ОГБУ", "КГБУ", "КГАУ", "ГБУСО",
    "ГАУСО", "ГКУСО", "ОГБУСО", "БУ", "АУ", "КУ", "ГУ", "ОГУ", "ГОКУ", "НОК", "ФЗ", "ЦСО",
    "КЦСОН", "СРЦН", "ПНИ", "АО", "ХМАО", "ЯНАО",
}  # fmt: skip


def collapse_spaces(text: str | None) -> str:
    """Whitespace of any kind (tabs, newlines, NBSP) collapsed to single spaces, ends trimmed."""
    return _SPACES.sub(" ", text or "").strip()


def join_spaced_letters(text: str) -> str:
    """`П Р И К А З` -> `ПРИКАЗ`: letter-spaced headings become one word."""
    return _SPACED_LETTERS.sub(lambda m: m.group(0).replace(" ", ""), text)


def is_upper_text(text: str) -> bool:
    """True when the letters of `text` are (nearly) all capitals: a heading typed in caps."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 4:
        return False
    upper = sum(1 for c in letters if c.isupper())
    return upper / len(letters) >= 0.9


def _is_abbreviation(word: str) -> bool:
    if word in _ABBREVIATIONS:
        return True
    # A capital token without vowels (`РФ`, `МСЭ` has one) cannot be a Russian word.
    return len(word) >= 2 and not any(c in _VOWELS for c in word)


def sentence_case(text: str, *, initial: bool = True) -> str:
    """An ALL-CAPS heading in normal capitalization, keeping proper names capitalised.

    `МИНИСТЕРСТВО ТРУДА И СОЦИАЛЬНОЙ ПОЛИТИКИ МАГАДАНСКОЙ ОБЛАСТИ` ->
    `Министерство труда и социальной политики Магаданской области`. Text that is not in
    capitals is returned unchanged. Region adjectives (the word before область/край/округ),
    the name after `Республики`/`города`, `Российской Федерации` and abbreviations
    (`ГБУСО`, `РФ`) keep their capitals. `initial=False` for a line that continues a sentence.
    """
    text = collapse_spaces(text)
    if not is_upper_text(text):
        return text
    tokens = list(_WORD.finditer(text))
    words = [m.group(0) for m in tokens]
    lowered = [w.lower() for w in words]
    out: list[str] = []
    for i, word in enumerate(words):
        after_quote = tokens[i].start() > 0 and text[tokens[i].start() - 1] in '«"„'
        if _is_abbreviation(word):
            out.append(word)
        elif (low := lowered[i]) in _PROPER_AFTER:
            out.append(_PROPER_AFTER[low])
        elif (
            after_quote
            or _is_proper(i, lowered)
            or _names_place_after_dash(text, tokens, lowered, i)
            or _second_name_in_brackets(text, tokens, out, i)
        ):
            out.append(_capitalize(low))
        elif i == 0 and initial:
            out.append(low[:1].upper() + low[1:])  # `План-график`, not `План-График`
        else:
            out.append(low)
    pieces: list[str] = []
    last = 0
    for m, word in zip(tokens, out, strict=True):
        pieces.append(text[last : m.start()])
        pieces.append(word)
        last = m.end()
    pieces.append(text[last:])
    return "".join(pieces)


def sentence_case_lines(lines: list[str]) -> str:
    """Heading lines joined by spaces, each line typed in capitals put in normal case.

    `ПЛАН-ГРАФИК` / `проведения оценки` -> `План-график проведения оценки`.
    """
    lines = [collapse_spaces(line) for line in lines if collapse_spaces(line)]
    if is_upper_text(" ".join(lines)):
        return sentence_case(" ".join(lines))
    return " ".join(sentence_case(line, initial=k == 0) for k, line in enumerate(lines))


def _is_proper(i: int, lowered: list[str]) -> bool:
    """Whether the i-th word of a capitals heading is part of a place name."""
    low = lowered[i]
    nxt = lowered[i + 1] if i + 1 < len(lowered) else ""
    after = lowered[i + 2] if i + 2 < len(lowered) else ""
    prev = lowered[i - 1] if i > 0 else ""
    if _is_adjective(low) and not low.startswith("автономн"):
        # `Магаданской области`, `Ханты-Мансийского автономного округа`
        if nxt.startswith(_PLACE_NOUNS):
            return True
        if nxt.startswith("автономн") and after.startswith(("округ", "област")):
            return True
    if prev.startswith("республик") and not _is_adjective(low):
        return True  # `Республики Карелия`
    if prev in _CITY_MARKERS or low.startswith(_FEDERAL_CITIES):
        return True
    return low.startswith("республик") and (_is_adjective(prev) or (bool(nxt) and not _is_adjective(nxt)))


def _names_place_after_dash(text: str, tokens: list[re.Match[str]], lowered: list[str], i: int) -> bool:
    """The second name of a region after a dash: `… АВТОНОМНОГО ОКРУГА – ЮГРЫ`, `ОБЛАСТИ – КУЗБАССА`."""
    if i == 0 or not lowered[i - 1].startswith(_PLACE_NOUNS):
        return False
    return bool(re.fullmatch(r"\s*[-–—]\s*", text[tokens[i - 1].end() : tokens[i].start()]))


def _second_name_in_brackets(text: str, tokens: list[re.Match[str]], done: list[str], i: int) -> bool:
    """A name's second form in brackets after a proper name: `РЕСПУБЛИКИ САХА (ЯКУТИЯ)`."""
    if i < 2 or not done[i - 1][:1].isupper():
        return False
    return text[tokens[i - 1].end() : tokens[i].start()].strip() == "("


def _capitalize(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


def _is_adjective(word: str) -> bool:
    return word.endswith(("ской", "ского", "ская", "ский", "цкой", "цкого", "цкая", "цкий", "ной",
                          "ного", "ная", "ный", "ий", "ой", "ая"))  # fmt: skip


_NUMBER = re.compile(r"^[-−–]?\d[\d\s]*(?:[.,]\d+)?$")


def parse_number(text: str | None) -> float | None:
    """`38,9` -> 38.9, `1 200` -> 1200.0, `92,50 %` -> 92.5; anything else (`-`, ``) -> None."""
    if text is None:
        return None
    cleaned = collapse_spaces(text).replace("\u00a0", " ").rstrip("%").strip()
    if not cleaned or not _NUMBER.match(cleaned):
        return None
    cleaned = cleaned.replace(" ", "").replace(",", ".").replace("−", "-").replace("–", "-")
    try:
        return float(cleaned)
    except ValueError:
        return None


def strip_trailing_punct(text: str) -> str:
    """Drop trailing commas/semicolons left by list layouts (`..., общественный совет,`)."""
    return collapse_spaces(text).rstrip(",;").strip()
