"""Words as Tesseract reads them, mended: before layout the marks of seals and pens dropped and
look-alike letters, numbers and Roman numerals read back; after layout (once words broken over
lines are whole) words garbled by noise or glued together, against the Russian dictionary
(`lexicon.py`).

Each mend is taken only when the dictionary leaves one reading: a word Tesseract read that is
a Russian word is never changed, nor is a name or an abbreviation in capitals.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace

from extract.readers.layout import Word
from extract.readers.lexicon import is_common_word, is_word

_LETTERS = "абвгдежзийклмнопрстуфхцчшщъыьэюя"
_CONFUSED = {
    "п": "цнил",
    "ц": "пщ",
    "н": "пи",
    "и": "нйп",
    "й": "и",
    "л": "дп",
    "д": "л",
    "ш": "щ",
    "щ": "ш",
    "ь": "ыъ",
    "ы": "ь",
    "е": "со",
    "с": "ео",
    "о": "аес",
    "а": "о",
    "т": "г",
    "г": "т",
    "к": "х",
    "х": "к",
    "в": "з",
    "з": "в",
}
"""Letters Tesseract's Russian model takes for one another on noisy pages (`сопиальной`,
`поллержки`): the only ones changed twice in one word."""
_SHORT_TAILS = frozenset(["и", "в", "с", "к", "о", "у", "а", "я"])
_MIN_MEND_LENGTH = 5
_ENDING = 3
_MAX_CAPITALS = 2

# Tesseract's Russian model has no Latin letters, so the Roman numerals of quarters and section
# headings come back as look-alike Cyrillic (`IV квартал` -> `ГУ квартал`, `II.` -> `П.`).
_ROMAN_LOOKALIKES = {
    "Г": "I", "Т": "I", "|": "I", "П": "II", "Ш": "III", "ГП": "III", "ГУ": "IV",
    "ТУ": "IV", "1У": "IV", "ІУ": "IV", "У": "V", "УГ": "VI", "УП": "VII", "УШ": "VIII",
    "ГХ": "IX", "Х": "X",
}  # fmt: skip
_PERIOD_WORDS = ("квартал", "кв.", "полугод")
_NUMBER_LIKE = re.compile(r"^[0-9ЗбО]+(?:\.[0-9ЗбО]+)*\.?$")
_DATE_CUT = re.compile(r"\b(\d{1,2}\.\d{2}\.)(\d{1,3}) (\d{1,3})\b")
"""A date whose year Tesseract cut in two (`25.03.202 1`)."""
_ITEM_NUMBER = re.compile(r"^[1-9]\d?(?:(?:\.+|:)[1-9]\d?)+(?:\.+|:)?$")
"""An item number whose points came back doubled or as a colon (`1..2`, `2:1.`)."""
_DIGITS = str.maketrans("ЗбО", "360")
_NOISE_CONFIDENCE = 75
_GUESS_CONFIDENCE = 30
_TALLEST_LINE = 4  # a heading is at most about twice the body text's height
_KEPT_SIGNS = frozenset("№%§")
_DASHES = frozenset(["-", "–", "—"])
_EN_DASH = "–"
"""A dash standing alone between words: Tesseract reads every such dash as `—`; typed acts (a
word processor's own correction of ` - `) print the en dash."""
_MAX_LETTER_WIDTHS = 2.5  # a letter is at most about as wide as its line is high
_SHORT_WORDS = frozenset(
    ("и", "в", "с", "к", "о", "у", "а", "я", "об", "от", "до", "по", "на", "за", "из", "не", "ни",
     "но", "же", "ли", "бы", "во", "со", "ко", "то", "да", "им", "их", "ее", "г", "гг")
)  # fmt: skip


def mended_words(words: list[Word]) -> list[Word]:
    """The words of one read (in Tesseract's order, with their line numbers), mended."""
    out: list[Word] = []
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else None
        first = index == 0 or words[index - 1].line != word.line
        text = without_yo(word.text).lstrip("„‚")
        same_line = following is not None and following.line == word.line
        roman = fix_roman_numeral(text, following.text if same_line else "", first_in_line=first)
        if roman == text and following is not None:  # `III` may stand above `квартал` in a narrow cell
            roman = quarter_numeral(text, following.text)
        if roman == text and is_noise(word):
            continue
        out.append(replace(word, text=_EN_DASH if roman == "—" else number_from_lookalikes(roman)))
    return out


def without_odd_lines(words: list[Word]) -> list[Word]:
    """Lines of a height no text has, dropped: far lower than the page's text and doubtful (the
    edge of a rule or a stamp read as a row of letters), or far taller (specks in a margin that
    Tesseract strung into one line down the page); and a line of one doubtful letter or two."""
    lines: dict[int | None, list[Word]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    heights = sorted(
        max(w.bottom for w in group) - min(w.top for w in group)
        for number, group in lines.items()
        if number is not None and min(w.confidence or 0 for w in group) >= _NOISE_CONFIDENCE
    )
    if not heights:
        return words
    normal = heights[len(heights) // 2]
    odd = set()
    for number, group in lines.items():
        height = max(w.bottom for w in group) - min(w.top for w in group)
        doubtful = sum(w.confidence or 0 for w in group) / len(group) < _NOISE_CONFIDENCE - 15
        low, tall = height < 0.5 * normal, height > _TALLEST_LINE * normal
        lonely = len(group) == 1 and len(_core(group[0].text)[1]) <= 2 and (group[0].confidence or 0) < 60
        if number is not None and (tall or (low and doubtful) or (lonely and not group[0].text.isdigit())):
            odd.add(number)
    return [w for w in words if w.line not in odd]


def is_noise(word: Word) -> bool:
    """A mark of a seal, a pen, a speck or a rule's remnant read as a word: strokes only (`|`,
    `}`), a word far wider than its letters (a rule's edge read as `у`), a doubtful sign that is
    no letter, digit or `№`, or one or two doubtful letters that make no word (`АЛ`, `м`)."""
    text = word.text
    if word.confidence is None:
        return False
    if not any(ch.isalnum() for ch in text) and text not in _DASHES and not _KEPT_SIGNS & set(text):
        return True  # strokes and signs alone (`|`, `}`, `<:`): a rule's or a stamp's remnant
    if word.x1 - word.x0 > _MAX_LETTER_WIDTHS * max(word.bottom - word.top, 1.0) * len(text):
        return True
    if word.confidence < _GUESS_CONFIDENCE and not any(ch.isdigit() for ch in text):
        _, core, _ = _core(text)
        return len(core) <= 2 and core.lower() not in _SHORT_WORDS  # a guess at a mark
    if word.confidence >= _NOISE_CONFIDENCE:
        return False
    if not any(ch.isalnum() or ch in _KEPT_SIGNS for ch in text):
        return True
    _, core, _ = _core(text)
    if not core or len(core) > 2 or any(ch.isdigit() for ch in text):
        return False
    if text != core or core.lower() in _SHORT_WORDS:
        return False
    return word.confidence < _NOISE_CONFIDENCE - 10 or not is_common_word(core)


def number_from_lookalikes(text: str) -> str:
    """A number read with look-alike letters (`З.` for `3.`, `1.З` for `1.3`) back to digits, and
    an item number's points as points (`2:1.` -> `2.1.`). `б` and `О` only beside a real digit:
    alone they are words."""
    if any(ch.isdigit() for ch in text):
        text = text.strip("[]{}|")  # a rule's remnant beside a number in a narrow cell
    if _ITEM_NUMBER.match(text):
        return re.sub(r"\.+|:", ".", text)
    if not _NUMBER_LIKE.match(text):
        return text
    if "З" not in text and not any(ch.isdigit() for ch in text):
        return text
    return text.translate(_DIGITS)


def without_yo(text: str) -> str:
    """`ё` read as `е`: official texts write `е`, and a speck over an `е` reads as `ё`."""
    return text.replace("ё", "е").replace("Ё", "Е")


def quarter_numeral(text: str, next_text: str) -> str:
    """The look-alike of a Roman numeral before `квартал`/`полугодие` read back as the numeral
    (`Ш квартал` -> `III квартал`; `I квартал` reads as `1 квартал` too)."""
    if next_text.lower().startswith(_PERIOD_WORDS) and (text in _ROMAN_LOOKALIKES or text == "1"):
        return _ROMAN_LOOKALIKES.get(text, "I")
    return text


def fix_roman_numeral(text: str, next_text: str, *, first_in_line: bool) -> str:
    """A look-alike of a Roman numeral read back as the numeral, only where a numeral belongs:
    before `квартал`/`полугодие`, or as a heading number (`П.` first in its line, followed by
    a capitalised word)."""
    quarter = quarter_numeral(text, next_text)
    if quarter != text:
        return quarter
    bare = text[:-1]
    if first_in_line and text.endswith(".") and bare in _ROMAN_LOOKALIKES and next_text[:1].isupper():
        return _ROMAN_LOOKALIKES[bare] + "."
    return text


def _core(text: str) -> tuple[str, str, str]:
    """The word with its leading and trailing punctuation apart: `«сопиальной»,` ->
    (`«`, `сопиальной`, `»,`)."""
    start, end = 0, len(text)
    while start < end and not text[start].isalpha():
        start += 1
    while end > start and not text[end - 1].isalpha():
        end -= 1
    return text[:start], text[start:end], text[end:]


@dataclass(frozen=True)
class Speller:
    """Mends the words of one document read by OCR, with the dictionary and with the document's
    own words (`counts`: how often each lowercased word occurs in it), which tell a misread
    that is itself a word (`опенки` beside twenty `оценки`) and choose between two readings."""

    counts: Mapping[str, int]

    @classmethod
    def of(cls, texts: Iterable[str]) -> Speller:
        return cls(Counter(_core(text)[1].lower() for text in texts))

    def mend(self, text: str) -> str:
        """A paragraph or a cell with its misread and glued words mended (after its lines are
        joined: a word broken over two lines is whole only then)."""
        text = _DATE_CUT.sub(lambda m: m[0].replace(" ", "") if len(m[2] + m[3]) == 4 else m[0], text)
        tokens = _joined_pieces(text.split(" "))
        return " ".join(_split_glued(self.mend_word(token)) for token in tokens)

    def mend_word(self, text: str) -> str:
        """An unknown word with one letter misread (any letter, or a sign read inside it:
        `соци$льного`) or two (look-alikes only): the one word the dictionary knows, or the one
        of them the document uses. A known word that the document uses far more often with one
        look-alike letter changed is that word (`опенки` -> `оценки`). Capitals and names are
        left as read."""
        before, core, after = _core(text)
        if len(core) < _MIN_MEND_LENGTH or sum(ch.isupper() for ch in core) > _MAX_CAPITALS:
            return text
        lowered = core.lower()
        odd = [i for i, ch in enumerate(lowered) if not "а" <= ch <= "я"]
        if len(odd) > 1 or (odd and not 0 < odd[0] < len(lowered) - 1):
            return text
        if odd:
            found = {v for v in _at(lowered, odd[0], _LETTERS) if is_common_word(v)}
        elif is_word(lowered):
            stem = lowered[:-_ENDING]  # a different ending is another form, not a misread
            found = {
                v + lowered[-_ENDING:]
                for v in _once(stem, _CONFUSED)
                if self._far_more_used(v + lowered[-_ENDING:], lowered)
            }
        else:
            found = _known_variants(lowered, once=True) or _known_variants(lowered, once=False)
        word = self._choice(found)
        if word is None:
            return text
        if core[0].isupper():
            word = word[0].upper() + word[1:]
        return before + word + after

    def _far_more_used(self, variant: str, word: str) -> bool:
        used = self.counts.get(variant, 0)
        return used >= 2 and used >= 3 * self.counts.get(word, 0) and is_common_word(variant)

    def _choice(self, found: set[str]) -> str | None:
        if len(found) == 1:
            return next(iter(found))
        ranked = sorted(found, key=lambda w: self.counts.get(w, 0), reverse=True)
        if len(ranked) > 1 and self.counts.get(ranked[0], 0) > self.counts.get(ranked[1], 0):
            return ranked[0]
        return None


def _joined_pieces(tokens: list[str]) -> list[str]:
    """A word read as two (`Государстве ННЫЙ`, `Сергееви Ч,`, `обслуживан ия`) joined where the
    dictionary knows the whole and the second piece is no word of its own."""
    out: list[str] = []
    for token in tokens:
        if out:
            head_before, head, head_after = _core(out[-1])
            tail_before, tail, tail_after = _core(token)
            if head and tail and not head_after and not tail_before:
                alone = tail.lower() in _SHORT_WORDS or (len(tail) >= 3 and is_common_word(tail))
                joined = head + (tail.lower() if head[-1:].islower() else tail)
                if not alone and is_word(joined) and head.isalpha() and tail.isalpha():
                    out[-1] = head_before + joined + tail_after
                    continue
        out.append(token)
    return out


def _at(word: str, index: int, letters: str) -> Iterator[str]:
    for other in letters:
        if other != word[index]:
            yield word[:index] + other + word[index + 1 :]


def _once(word: str, table: Mapping[str, str]) -> Iterator[str]:
    for index, letter in enumerate(word):
        yield from _at(word, index, table.get(letter, ""))


def _known_variants(word: str, *, once: bool) -> set[str]:
    """Known words one substitution away (any letter), or two look-alike substitutions away."""
    found: set[str] = set()
    for i, letter in enumerate(word):
        choices = _LETTERS if once else _CONFUSED.get(letter, "")
        for other in choices:
            if other == letter:
                continue
            variant = word[:i] + other + word[i + 1 :]
            if once:
                if is_common_word(variant):
                    found.add(variant)
                continue
            for j in range(i + 1, len(variant)):
                for second in _CONFUSED.get(variant[j], ""):
                    twice = variant[:j] + second + variant[j + 1 :]
                    if is_common_word(twice):
                        found.add(twice)
    return found


def _split_glued(text: str) -> str:
    """Two words read as one (`Письмав` -> `Письма в`, `информационныхтехнологий`): split where
    both halves are words and the whole is not, the second a one-letter word or both of five
    letters or more (`полустационарная` is not in the dictionary, and stays whole)."""
    before, core, _ = _core(text)
    if len(core) < 6 or not core.isalpha() or is_word(core):
        return text
    splits = []
    for cut in range(3, len(core)):
        head, tail = core[:cut], core[cut:]
        tail_ok = tail in _SHORT_TAILS or (min(len(head), len(tail)) >= 5 and is_common_word(tail))
        if tail_ok and is_common_word(head):
            splits.append(cut)
    if len(splits) != 1:
        return text
    cut = len(before) + splits[0]
    return text[:cut] + " " + text[cut:]
