"""Text normalisation and region declension on the forms official documents use."""

from __future__ import annotations

import pytest

from extract.regions import region_in, region_of_institution
from extract.text import collapse_spaces, join_spaced_letters, parse_number, sentence_case


@pytest.mark.parametrize(
    ("caps", "normal"),
    [
        (
            "МИНИСТЕРСТВО ТРУДА И СОЦИАЛЬНОЙ ПОЛИТИКИ МАГАДАНСКОЙ ОБЛАСТИ",
            "Министерство труда и социальной политики Магаданской области",
        ),
        (
            "ДЕПАРТАМЕНТ ТРУДА И СОЦИАЛЬНОГО РАЗВИТИЯ ПРИМОРСКОГО КРАЯ",
            "Департамент труда и социального развития Приморского края",
        ),
        (
            "МИНИСТЕРСТВО СОЦИАЛЬНОЙ ЗАЩИТЫ НАСЕЛЕНИЯ РЕСПУБЛИКИ КАРЕЛИЯ",
            "Министерство социальной защиты населения Республики Карелия",
        ),
        (
            "МИНИСТЕРСТВО ТРУДА И СОЦИАЛЬНОГО РАЗВИТИЯ УДМУРТСКОЙ РЕСПУБЛИКИ",
            "Министерство труда и социального развития Удмуртской Республики",
        ),
        (
            "ДЕПАРТАМЕНТ СОЦИАЛЬНОГО РАЗВИТИЯ ХАНТЫ-МАНСИЙСКОГО АВТОНОМНОГО ОКРУГА",
            "Департамент социального развития Ханты-Мансийского автономного округа",
        ),
        (
            "ДЕПАРТАМЕНТ СОЦИАЛЬНОГО РАЗВИТИЯ ХАНТЫ-МАНСИЙСКОГО АВТОНОМНОГО ОКРУГА – ЮГРЫ",
            "Департамент социального развития Ханты-Мансийского автономного округа – Югры",
        ),
        (
            "МИНИСТЕРСТВО ТРУДА И СОЦИАЛЬНОЙ ЗАЩИТЫ РОССИЙСКОЙ ФЕДЕРАЦИИ",
            "Министерство труда и социальной защиты Российской Федерации",
        ),
        ("ГБУСО ВО «ВЯЗНИКОВСКИЙ ЦЕНТР»", "ГБУСО ВО «Вязниковский центр»"),
        (
            "КОМИТЕТ ПО СОЦИАЛЬНОЙ ПОЛИТИКЕ САНКТ-ПЕТЕРБУРГА",
            "Комитет по социальной политике Санкт-Петербурга",
        ),
    ],
)
def test_sentence_case_keeps_region_names_and_abbreviations(caps, normal):
    assert sentence_case(caps) == normal


def test_sentence_case_leaves_normal_text_alone():
    assert sentence_case("План мероприятий  по ГБУСО") == "План мероприятий по ГБУСО"


def test_spaced_letters_join_and_whitespace_collapses():
    assert join_spaced_letters("П Р И К А З") == "ПРИКАЗ"
    assert join_spaced_letters("в 2 раза") == "в 2 раза"
    assert collapse_spaces(" a\u00a0\tb\n c ") == "a b c"


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("38,9", 38.9),
        ("100", 100.0),
        ("1 200", 1200.0),
        ("92,50", 92.5),
        ("-", None),
        ("", None),
        ("н/д", None),
    ],
)
def test_parse_number_reads_comma_decimals(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Министерство труда и социальной политики Магаданской области", "Магаданская область"),
        (sentence_case("МАГАДАНСКАЯ ОБЛАСТЬ"), "Магаданская область"),
        ("департамент Приморского края", "Приморский край"),
        ("агентство Красноярского края", "Красноярский край"),
        ("министерство Республики Карелия", "Республика Карелия"),
        ("министерство Удмуртской Республики", "Удмуртская Республика"),
        # the official name goes on after the dash (Constitution, art. 65)
        (
            "департамент Ханты-Мансийского автономного округа – Югры",
            "Ханты-Мансийский автономный округ – Югра",
        ),
        ("министерство Кемеровской области – Кузбасса", "Кемеровская область – Кузбасс"),
        ("правительство Еврейской автономной области", "Еврейская автономная область"),
        ("департамент труда города Москвы", "Москва"),
        ("в сфере социального обслуживания", None),
    ],
)
def test_region_in_gives_the_nominative(text, region):
    assert region_in(text) == region


def test_region_of_an_institution_abbreviation():
    assert region_of_institution("ГБУСО ВО «Вязниковский КЦСОН»") == "Владимирская область"
    assert region_of_institution("ГБУ РО «Центр»") is None
