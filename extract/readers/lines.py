"""How raw text from any reader becomes paragraph text: whitespace, tabs, and line-end hyphens.

Every reader goes through these two functions, so a recognizer sees the same spacing whether
the text came from Word runs, PDF characters or Tesseract words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_SPACES = re.compile(r"[^\S\t]+")  # any whitespace except the tab
_TAB_RUN = re.compile(r" *\t[\t ]*")

# Words that end a line with a hyphen and are real compounds in the documents nok reads:
# the hyphen stays even when the next part starts with a lowercase letter.
_COMPOUND_PREFIXES = (
    "социально",
    "медико",
    "психолого",
    "реабилитационно",
    "информационно",
    "научно",
    "учебно",
    "финансово",
    "организационно",
    "методико",
    "военно",
    "культурно",
    "спортивно",
    "физкультурно",
    "культурно-досугово",
    "историко",
    "технико",
    "санитарно",
    "лечебно",
    "оздоровительно",
    "административно",
    "нормативно",
    "контрольно",
    "экономико",
    "материально",
    "общественно",
    "юридико",
    "северо",
    "юго",
    "западно",
    "восточно",
    "южно",
    "северно",
    "российско",
    "государственно",
    "частно",
    "физико",
    "клинико",
    "педагого",
    "психолого-медико",
    "диагностико",
    "противо",
    "вице",
    "обер",
    "штаб",
    "интернет",
    "онлайн",
)
# A part after the hyphen that is itself a particle (`-либо`, `-нибудь`, `-то`) also keeps it.
_HYPHEN_SUFFIXES = ("либо", "нибудь", "то", "ка", "таки", "де")
_COMPOUND_SECOND_PARTS = ("интернат", "коляс", "оператор", "график", "сирот", "инвалид")
"""Second halves of the compounds of this genre (`дом-интернат`, `кресла-коляски`,
`организация-оператор`, `план-график`, `детей-сирот`, `детей-инвалидов`): the hyphen stays."""

_WORD_BEFORE_HYPHEN = re.compile(r"([\w-]+)-$")
_LOWER_START = re.compile(r"^[a-zа-яё]")


_TOKEN = re.compile(r"\w+(?:-\w+)*-?")


@dataclass(frozen=True)
class Vocabulary:
    """The lowercased words of one document and their Snowball stems, for `keeps_hyphen`."""

    words: frozenset[str] = frozenset()
    stems: frozenset[str] = frozenset()

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def has_stem_of(self, word: str) -> bool:
        """Whether another form of `word` (same stem, at least 4 letters) occurs in the document."""
        stem = _stemmer().stemWord(word)
        return len(stem) >= 4 and stem in self.stems

    def __or__(self, other: Vocabulary) -> Vocabulary:
        return Vocabulary(self.words | other.words, self.stems | other.stems)


EMPTY_VOCABULARY = Vocabulary()


def vocabulary_of(texts: list[str]) -> Vocabulary:
    """Every whole word of the document, every hyphenated word and its parts; a word cut at a
    line end (`предостав-`) is left out."""
    words: set[str] = set()
    for text in texts:
        for token in _TOKEN.findall(text.lower()):
            if token.endswith("-"):
                continue
            words.add(token)
            if "-" in token:
                words.update(token.split("-"))
    stemmer = _stemmer()
    return Vocabulary(frozenset(words), frozenset(stemmer.stemWords(sorted(words))))


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("russian")


def collapse(text: str) -> str:
    """One space for every whitespace run; a tab (with the spaces around it) becomes one "\\t";
    no leading or trailing whitespace or tab."""
    text = text.replace("\xa0", " ").replace("\u00ad", "")
    text = _SPACES.sub(" ", text)
    text = _TAB_RUN.sub("\t", text)
    return text.strip(" \t")


def keeps_hyphen(before: str, after: str, vocabulary: Vocabulary = EMPTY_VOCABULARY) -> bool:
    """Whether `before-` at a line end followed by `after` on the next line is a real hyphen.

    The rule, in order:
    1. a capital, digit or sign after the hyphen keeps it (`Санкт-`/`Петербург`, `2019-`/`2021`),
       as does a first part that is not a plain word or is itself hyphenated
       (`культурно-досугово-`);
    2. a known compound stem before it (`социально-`, `медико-`, ...), a particle after it
       (`-либо`, `-нибудь`) or a known second half (`-интернат`, `-коляски`) keeps it;
    3. the document's own words decide next (`vocabulary`, lowercased words seen elsewhere
       in the same file): the joined word seen (`предоставление`) removes the hyphen; the
       hyphenated word seen (`организации-оператора`), or the first half seen as a word of its
       own, in any form (`министра-`/`директора` beside `Министр`), keeps it;
    4. otherwise it was a word break: removed (`предостав-`/`ление`).
    LibreOffice does not hyphenate by default, so in its PDFs step 3 mostly keeps the hyphen.
    """
    if not _LOWER_START.match(after):
        return True
    match = _WORD_BEFORE_HYPHEN.search(before)
    if match is None:
        return True  # a dash after a space or a number: not a word break
    stem = match.group(1).lower()
    if "-" in stem or not stem.isalpha():
        return True
    if stem in _COMPOUND_PREFIXES:
        return True
    next_match = re.match(r"\w+", after)
    if next_match is None:
        return True
    next_word = next_match.group(0).lower()
    if next_word in _HYPHEN_SUFFIXES or next_word.startswith(_COMPOUND_SECOND_PARTS):
        return True
    if stem + next_word in vocabulary:
        return False
    if f"{stem}-{next_word}" in vocabulary:
        return True
    return stem in vocabulary or vocabulary.has_stem_of(stem)


def join_lines(lines: list[str], vocabulary: Vocabulary = EMPTY_VOCABULARY) -> str:
    """Join visual lines of one paragraph or cell into one text, undoing line-end hyphenation.

    `предостав-` + `ление` gives `предоставление`; `социально-` + `реабилитационный` gives
    `социально-реабилитационный` (see `keeps_hyphen`). Other lines are joined with a space.
    """
    parts: list[str] = []
    for raw in lines:
        line = collapse(raw)
        if not line:
            continue
        if parts and parts[-1].endswith("-") and not parts[-1].endswith(" -"):
            previous = parts[-1]
            if keeps_hyphen(previous, line, vocabulary):
                parts[-1] = previous + line
            else:
                parts[-1] = previous[:-1] + line
            continue
        parts.append(line)
    return collapse(" ".join(parts))
