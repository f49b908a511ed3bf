"""The five criteria of the official НОК method (independent quality assessment of social
services) and the words that name them in ratings headers and improvement-plan sections."""

from __future__ import annotations

import re

CRITERION_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("openness", re.compile(r"открытост", re.I)),
    ("comfort", re.compile(r"комфортност", re.I)),
    ("accessibility", re.compile(r"доступност\w* (услуг )?для инвалид|инвалид", re.I)),
    ("courtesy", re.compile(r"доброжелательност|вежливост", re.I)),
    ("satisfaction", re.compile(r"удовлетвор[её]нност", re.I)),
)
CRITERIA = tuple(name for name, _ in CRITERION_WORDS)


def criterion_of(text: str | None) -> str | None:
    """The criterion a heading names (`II. Комфортность условий …` -> `comfort`), or None."""
    for name, pattern in CRITERION_WORDS:
        if text and pattern.search(text):
            return name
    return None
