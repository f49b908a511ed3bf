"""Words as Tesseract reads them, mended: marks of rules and stamps dropped, look-alike numerals
read back, misread, broken and glued words put right against the dictionary and the document's
own words; and the cells of a real table under a seal read alone, in their reading order."""

from __future__ import annotations

import cv2
import pytest

from extract.blocks import Table
from extract.readers import ocr
from extract.readers.layout import Word, lexicon_glues, page_blocks
from extract.readers.lexicon import is_common_word, is_word
from extract.readers.lines import vocabulary_of
from extract.readers.ocr_words import (
    Speller,
    is_noise,
    mended_words,
    number_from_lookalikes,
    quarter_numeral,
    without_odd_lines,
)
from tests.extract.test_cleanup import COLOUR, OFFICE, PHONE, SCANS


def word(
    text: str, confidence: float = 95, *, line: int = 1, x0: float = 10, width: float | None = None
) -> Word:
    width = width if width is not None else 5 * len(text)
    return Word(text, x0, 100, x0 + width, 110, 10, confidence=confidence, line=line)


def test_the_dictionary_knows_word_forms_and_tells_names_and_abbreviations_apart() -> None:
    assert is_word("ежеквартально") and is_word("Социальной") and is_word("дом-интернат")
    assert not is_word("ежекварта") and not is_word("сопиальной") and not is_word("bus")
    assert is_word("ия") and not is_common_word("ия")  # an abbreviation, not running text
    assert is_common_word("директора")


@pytest.mark.parametrize(
    ("head", "tail", "glued"),
    [
        ("ежекварта", "льно", True),  # the tail is no word
        ("информационны", "х", True),
        ("населени", "я»", True),  # the head is no word
        ("инвалидо", "в", True),
        ("еже", "квартально", True),  # no line ends on such a word
        ("Мониторинг", "выполнения", False),  # two whole words
        ("по", "мере", None),  # short pieces may be parts of a word over three lines
        ("полустацион", "арная", None),  # the dictionary does not know the whole: geometry decides
        ("2020", "г.", None),
    ],
)
def test_a_line_break_inside_a_word_is_told_by_the_dictionary(
    head: str, tail: str, glued: bool | None
) -> None:
    assert lexicon_glues(head, tail) is glued


@pytest.mark.parametrize(
    ("text", "confidence", "noise"),
    [
        ("|", 97, True),  # a rule's remnant, however sure Tesseract is
        ("<:", 90, True),
        ("—", 80, False),  # a dash is text
        ("№", 50, False),
        ("АЛ", 60, True),  # two doubtful letters that make no word
        ("м", 21, True),
        ("и", 60, False),
        ("ЙЦ", 0.4, True),  # a guess at a mark
        ("инвалидов", 0.0, False),  # a word, however unsure
        ("КГБУСО", 96, False),
    ],
)
def test_marks_of_rules_stamps_and_specks_are_noise(text: str, confidence: float, noise: bool) -> None:
    assert is_noise(word(text, confidence)) is noise


def test_a_letter_as_wide_as_a_cell_is_a_rule_read_as_a_letter() -> None:
    assert is_noise(word("у", 41, width=90))
    assert not is_noise(word("у", 41, width=5))


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("З.", "3."),
        ("1.З", "1.3"),
        ("2:1.", "2.1."),
        ("1..2", "1.2"),
        ("[6]", "6"),
        ("О", "О"),
        ("91,5", "91,5"),
    ],
)
def test_numbers_read_with_look_alike_letters_are_numbers(text: str, number: str) -> None:
    assert number_from_lookalikes(text) == number


def test_a_quarters_numeral_is_read_back_even_on_the_line_above() -> None:
    assert quarter_numeral("Ш", "квартал") == "III"
    assert quarter_numeral("1", "квартал") == "I"
    assert quarter_numeral("Ш", "раз") == "Ш"
    cell = mended_words([word("Ш", 64, line=1), word("квартал", line=2), word("2019", line=3)])
    assert [w.text for w in cell] == ["III", "квартал", "2019"]


def test_misread_words_are_mended_by_the_dictionary_and_the_documents_own_words() -> None:
    speller = Speller({"оценки": 12, "опенки": 1, "министерство": 5, "министерства": 1})
    assert speller.mend("Департамент труда и сопиальной поллержки населения") == (
        "Департамент труда и социальной поддержки населения"
    )
    assert speller.mend("соци$льного п4Мощи") == "социального помощи"
    assert speller.mend("результатов независимой опенки") == "результатов независимой оценки"
    assert speller.mend("министерства") == "министерства"  # another form, not a misread
    assert speller.mend("КЦСОН Калининского района") == "КЦСОН Калининского района"


def test_words_read_in_pieces_or_glued_are_made_whole() -> None:
    speller = Speller({})
    assert speller.mend("Государстве ННЫЙ контракт") == "Государственный контракт"
    assert speller.mend("Петров Иван Сергееви Ч, заместитель") == "Петров Иван Сергеевич, заместитель"
    assert speller.mend("Информация размещена 25.03.202 1") == "Информация размещена 25.03.2021"
    assert speller.mend("Письмав организации") == "Письма в организации"
    assert speller.mend("полустационарная форма") == "полустационарная форма"


def test_lines_no_text_has_are_dropped() -> None:
    body = [word("текст", 95, line=n) for n in range(1, 6)]
    squashed = Word("По", 10, 200, 30, 203, 10, confidence=20, line=9)
    tall = Word("и", 10, 40, 20, 800, 10, confidence=96, line=10)
    lonely = word("к", 34, line=11)
    kept = without_odd_lines([*body, squashed, tall, lonely])
    assert kept == body


@pytest.mark.ocr
@pytest.mark.parametrize("page", [PHONE, COLOUR, OFFICE], ids=["phone", "colour", "office"])
def test_each_cell_under_the_seal_is_read_alone_in_its_reading_order(page, tesseract: None) -> None:  # type: ignore[no-untyped-def]
    """The last rows of the Magadan plan (5.4 ... 5.6), a seal and a signature over them: every
    cell's lines come out in order, so the long 5.5 item reads word for word on every copy."""
    read = ocr._read_page((3, page))
    layout = page_blocks(
        read.words,
        read.grids,
        3,
        (0, 0, read.width_pt, read.height_pt),
        vocabulary_of([w.text for w in read.words]),
    )
    [table] = [block for block in layout.blocks if isinstance(block, Table)]
    rows = [[cell.text for cell in row] for row in table.rows]
    assert rows[1] == [
        "5.5. Рассмотрение отчета организации-оператора на общественном Совете по проведению "
        "независимой оценки качества и выработка решений по улучшению качества работы организаций "
        "социального обслуживания",
        "протокол заседания общественного Совета",
        "в течение месяца после поступления отчета организации-оператора",
    ]
    assert [row[0].split(" ")[0] for row in rows] == ["5.4.", "5.5.", "5.5.", "5.6."]


def test_a_dash_between_words_is_the_en_dash_typed_acts_print() -> None:
    read = mended_words([word("оценки"), word("—"), word("2019"), word("1-4")])
    assert [w.text for w in read] == ["оценки", "–", "2019", "1-4"]


@pytest.mark.ocr
def test_an_address_read_in_cyrillic_look_alikes_is_read_again_in_latin(tesseract: None) -> None:
    """The Ryazan plan's office scan: the Russian model reads `www.bus.gov.ru` as
    `угигм’.Би$.воу.ги`; the English model reads the same pixels as the address."""
    pixels = cv2.imread(str(SCANS / "office_address_300dpi.png"), cv2.IMREAD_GRAYSCALE)
    misread = Word("угигм’.Би$.воу.ги", 3.6, 2.6, 75.8, 13.0, 10.4, confidence=40, line=1)  # its box, pt
    assert ocr._LATIN_LOOKALIKE.match(misread.text)
    assert ocr._in_latin(misread, pixels, 300).text == "www.bus.gov.ru"
    for russian in ("т.е.", "01.04.2020", "обслуживания", "г.Рязань"):
        assert not ocr._LATIN_LOOKALIKE.match(russian)
