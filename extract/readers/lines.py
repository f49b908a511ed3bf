"""How raw text from any reader becomes paragraph text: whitespace, tabs, and line-end hyphens.

Every reader goes through these two functions, so a recognizer sees the same spacing whether
the text came from Word runs, PDF characters or Tesseract words.
"""

from __future__ import annotations

import re

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

_WORD_BEFORE_HYPHEN = re.compile(r"([\w-]+)-$")
_LOWER_START = re.compile(r"^[a-zа-яё]")


def collapse(text: str) -> str:
    """One space for every whitespace run; a tab (with the spaces around it) becomes one "\\t";
    no leading or trailing whitespace or tab."""
    text = text.replace("\xa0", " ").replace("\u00ad", "")
    text = _SPACES.sub(" ", text)
    text = _TAB_RUN.sub("\t", text)
    return text.strip(" \t")


def keeps_hyphen(before: str, after: str) -> bool:
    """Whether `before-` at a line end followed by `after` on the next line is a real hyphen.

    The rule: a line-end hyphen is a word-break (removed) only when the next part starts
    with a lowercase letter and the first part is not a known compound stem
    (`социально-`, `медико-`, ...) and the next part is not a particle (`-либо`).
    A capital or a digit after the hyphen (`Санкт-\\nПетербург`, `2019-\\n2021`) keeps it,
    as does a first part that is itself already hyphenated (`культурно-досугово-`).
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
    next_word = re.match(r"[\w]+", after)
    return bool(next_word and next_word.group(0).lower() in _HYPHEN_SUFFIXES)


def join_lines(lines: list[str]) -> str:
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
            if keeps_hyphen(previous, line):
                parts[-1] = previous + line
            else:
                parts[-1] = previous[:-1] + line
            continue
        parts.append(line)
    return collapse(" ".join(parts))
