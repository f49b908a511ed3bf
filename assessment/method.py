"""The formulas of the Единый порядок (приказ Минтруда России от 31.05.2018 № 344н).

Every indicator (показатель) is on a 0-100 scale; five criteria (критерии) K1-K5 are weighted
sums of their indicators; the institution's result S is their mean. Clauses are cited as the
order numbers them: the indicators 1.1-5.3 of the appendix («Показатели, характеризующие общие
критерии оценки качества …»), each computed by the formula of the same number, e.g. (5.1) for
indicator 5.1; the criteria and S by the order's weighting of those indicators.

Arithmetic is exact (`fractions.Fraction`): nothing is rounded on the way, and only what is
shown or compared is rounded, half up, to hundredths (`rounded`). A formula that cannot be
computed (a zero denominator, a share above 100 %, a negative count) raises `InvalidFigures`
with the reason in Russian; `compute` collects every reason of a row before giving up on it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

Number = Fraction | int

POINTS_DISTANT = 30
"""Тдист: points for each working distant channel of interaction (indicator 1.2)."""
POINTS_COMFORT = 20
"""Ткомф: points for each comfort condition (indicator 2.1)."""
POINTS_PREMISES = 20
"""Торгдост: points for each accessibility condition of premises and grounds (indicator 3.1)."""
POINTS_SERVICES = 20
"""Туслугдост: points for each condition that lets the disabled get services (indicator 3.2)."""
MAXIMUM = 100
"""The highest value of every indicator, criterion and total."""


class InvalidFigures(Exception):
    """The figures of one institution cannot be put through the formulas; `reasons` in Russian."""

    def __init__(self, *reasons: str) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = tuple(reasons)


# --- quantities: the columns of the operator's table ----------------------------------------


@dataclass(frozen=True)
class Quantity:
    """One figure the operator gives, named by its symbol in the order."""

    symbol: str
    meaning: str
    """What it counts, in Russian (the template's explanation sheet)."""
    indicator: str
    """The indicator it enters: «1.1» …"""
    whole: bool = False
    """A number of conditions or channels: must be a whole number."""
    optional: bool = False
    """May be left empty (only Пожид: not every sector has the waiting-time indicator)."""


QUANTITIES: tuple[Quantity, ...] = (
    Quantity(
        "Истенд",
        "число материалов, размещённых на информационных стендах в помещении организации",
        "1.1",
    ),
    Quantity(
        "Инорм-стенд",
        "число материалов, размещение которых на информационных стендах установлено нормативными "
        "правовыми актами",
        "1.1",
    ),
    Quantity("Исайт", "число материалов, размещённых на официальном сайте организации", "1.1"),
    Quantity(
        "Инорм-сайт",
        "число материалов, размещение которых на официальном сайте установлено нормативными правовыми актами",
        "1.1",
    ),
    Quantity(
        "Сдист",
        "число функционирующих дистанционных способов взаимодействия с получателями услуг (телефон, "
        "электронная почта, электронные сервисы, раздел «Часто задаваемые вопросы», анкета для "
        "выражения мнения о качестве условий и иные)",
        "1.2",
        whole=True,
    ),
    Quantity(
        "Устенд",
        "число получателей услуг, удовлетворённых открытостью, полнотой и доступностью информации на "
        "информационных стендах",
        "1.3",
    ),
    Quantity(
        "Уобщ-стенд",
        "число опрошенных получателей услуг, ответивших на вопрос об информации на стендах",
        "1.3",
    ),
    Quantity(
        "Усайт",
        "число получателей услуг, удовлетворённых открытостью, полнотой и доступностью информации на "
        "официальном сайте",
        "1.3",
    ),
    Quantity(
        "Уобщ-сайт",
        "число опрошенных получателей услуг, ответивших на вопрос об информации на сайте",
        "1.3",
    ),
    Quantity(
        "Скомф",
        "число комфортных условий предоставления услуг в организации (зона отдыха и ожидания, "
        "навигация, питьевая вода, санитарно-гигиенические помещения, их состояние, транспортная и "
        "пешеходная доступность, запись на приём и иные)",
        "2.1",
        whole=True,
    ),
    Quantity(
        "Пожид",
        "показатель «время ожидания предоставления услуги», рассчитанный оператором (0–100 баллов); "
        "пусто, если в сфере нет этого показателя",
        "2.2",
        optional=True,
    ),
    Quantity(
        "Укомф",
        "число получателей услуг, удовлетворённых комфортностью условий предоставления услуг",
        "2.3",
    ),
    Quantity("Чобщ", "общее число опрошенных получателей услуг", "2.3, 4.1, 4.2, 5.1–5.3"),
    Quantity(
        "Соргдост",
        "число условий доступности помещений и прилегающей территории для инвалидов (пандусы у "
        "входных групп, выделенные стоянки, адаптированные лифты, поручни и расширенные проёмы, "
        "сменные кресла-коляски, оборудованные санитарно-гигиенические помещения)",
        "3.1",
        whole=True,
    ),
    Quantity(
        "Суслугдост",
        "число условий доступности, позволяющих инвалидам получать услуги наравне с другими "
        "(дублирование звуковой и зрительной информации, надписи знаками шрифта Брайля, "
        "сурдопереводчик, версия сайта для слабовидящих, помощь и сопровождение работниками, "
        "услуги дистанционно или на дому)",
        "3.2",
        whole=True,
    ),
    Quantity(
        "Удост",
        "число получателей услуг — инвалидов, удовлетворённых доступностью услуг для инвалидов",
        "3.3",
    ),
    Quantity("Чинв", "число опрошенных получателей услуг — инвалидов", "3.3"),
    Quantity(
        "Уперв.конт",
        "число получателей услуг, удовлетворённых доброжелательностью и вежливостью работников, "
        "обеспечивающих первичный контакт и информирование при непосредственном обращении",
        "4.1",
    ),
    Quantity(
        "Уоказ.услуг",
        "число получателей услуг, удовлетворённых доброжелательностью и вежливостью работников, "
        "обеспечивающих непосредственное оказание услуги",
        "4.2",
    ),
    Quantity(
        "Увежл.дист",
        "число получателей услуг, удовлетворённых доброжелательностью и вежливостью работников при "
        "дистанционных формах взаимодействия",
        "4.3",
    ),
    Quantity(
        "Чобщ_ус",
        "число опрошенных получателей услуг, воспользовавшихся дистанционными формами взаимодействия",
        "4.3",
    ),
    Quantity(
        "Уреком",
        "число получателей услуг, готовых рекомендовать организацию родственникам и знакомым",
        "5.1",
    ),
    Quantity(
        "Уорг.усл",
        "число получателей услуг, удовлетворённых организационными условиями оказания услуг (график "
        "работы, навигация внутри организации и иные)",
        "5.2",
    ),
    Quantity("Ууд", "число получателей услуг, удовлетворённых в целом условиями оказания услуг", "5.3"),
)
SYMBOLS = tuple(q.symbol for q in QUANTITIES)
CRITERIA = ("K1", "K2", "K3", "K4", "K5")
CRITERIA_RU = {
    "K1": "Открытость и доступность информации об организации",
    "K2": "Комфортность условий предоставления услуг",
    "K3": "Доступность услуг для инвалидов",
    "K4": "Доброжелательность, вежливость работников организации",
    "K5": "Удовлетворённость условиями оказания услуг",
}


# --- the formulas ---------------------------------------------------------------------------


def _share(part: Number, whole: Number, part_symbol: str, whole_symbol: str) -> Fraction:
    """part / whole as a fraction of one, refused when it cannot be a share."""
    if whole == 0:
        raise InvalidFigures(f"{whole_symbol} = 0: делить не на что (деление на ноль)")
    if part < 0 or whole < 0:
        raise InvalidFigures(f"{part_symbol} или {whole_symbol} меньше нуля")
    if part > whole:
        raise InvalidFigures(
            f"{part_symbol} ({shown(part)}) больше {whole_symbol} ({shown(whole)}): доля больше 100 %"
        )
    return Fraction(part) / Fraction(whole)


def _points(count: Number, per_item: int, symbol: str) -> Fraction:
    """per_item points for each of `count` items, at most 100."""
    if count < 0:
        raise InvalidFigures(f"{symbol} меньше нуля")
    if Fraction(count).denominator != 1:
        raise InvalidFigures(f"{symbol} ({shown(count)}) должно быть целым числом")
    return min(Fraction(per_item) * count, Fraction(MAXIMUM))


def percent(part: Number, whole: Number, part_symbol: str = "У", whole_symbol: str = "Ч") -> Fraction:
    """The share of the respondents, in %: indicators 2.3, 3.3, 4.1-4.3 and 5.1-5.3 of 344н
    (formulas (2.3), (3.3), (4.1)-(4.3), (5.1)-(5.3)): П = У / Ч × 100."""
    return _share(part, whole, part_symbol, whole_symbol) * 100


def information_compliance(
    on_stands: Number, stand_norm: Number, on_site: Number, site_norm: Number
) -> Fraction:
    """Пинф, 344н indicator 1.1, formula (1.1): the information on stands and on the site against
    what regulations require, 0.5 × (Истенд / Инорм-стенд + Исайт / Инорм-сайт) × 100."""
    stands = _share(on_stands, stand_norm, "Истенд", "Инорм-стенд")
    site = _share(on_site, site_norm, "Исайт", "Инорм-сайт")
    return Fraction(1, 2) * (stands + site) * 100


def distant_interaction(channels: Number) -> Fraction:
    """Пдист, 344н indicator 1.2, formula (1.2): Тдист × Сдист, 30 points for each working
    distant channel; more than three channels give 100."""
    return _points(channels, POINTS_DISTANT, "Сдист")


def information_satisfaction(
    stand_satisfied: Number, stand_asked: Number, site_satisfied: Number, site_asked: Number
) -> Fraction:
    """Поткруд, 344н indicator 1.3, formula (1.3): respondents satisfied with the information on
    stands and on the site, 0.5 × (Устенд / Уобщ-стенд + Усайт / Уобщ-сайт) × 100."""
    stands = _share(stand_satisfied, stand_asked, "Устенд", "Уобщ-стенд")
    site = _share(site_satisfied, site_asked, "Усайт", "Уобщ-сайт")
    return Fraction(1, 2) * (stands + site) * 100


def comfort_conditions(conditions: Number) -> Fraction:
    """Пкомф.усл, 344н indicator 2.1, formula (2.1): Ткомф × Скомф, 20 points for each comfort
    condition; five or more give 100."""
    return _points(conditions, POINTS_COMFORT, "Скомф")


def waiting_time(value: Number) -> Fraction:
    """Пожид, 344н indicator 2.2, formula (2.2): computed by the operator from the waiting time and
    timeliness of the service; taken as given, only checked to lie within 0-100."""
    if not 0 <= value <= MAXIMUM:
        raise InvalidFigures(f"Пожид ({shown(value)}) вне пределов 0–100")
    return Fraction(value)


def premises_accessibility(conditions: Number) -> Fraction:
    """Поргдост, 344н indicator 3.1, formula (3.1): Торгдост × Соргдост, 20 points for each
    accessibility condition of the premises and grounds; five give 100."""
    return _points(conditions, POINTS_PREMISES, "Соргдост")


def services_accessibility(conditions: Number) -> Fraction:
    """Пуслугдост, 344н indicator 3.2, formula (3.2): Туслугдост × Суслугдост, 20 points for each
    condition that lets the disabled get services on a par with others; five or more give 100."""
    return _points(conditions, POINTS_SERVICES, "Суслугдост")


def openness(information: Number, distant: Number, satisfied: Number) -> Fraction:
    """K1 «Открытость и доступность информации об организации», 344н, criterion 1 over indicators
    1.1-1.3 (significance 30 %, 30 %, 40 %): 0.3 Пинф + 0.3 Пдист + 0.4 Поткруд."""
    return Fraction(3, 10) * information + Fraction(3, 10) * distant + Fraction(4, 10) * satisfied


def comfort(conditions: Number, waiting: Number | None, satisfied: Number) -> Fraction:
    """K2 «Комфортность условий предоставления услуг», 344н, criterion 2 over indicators 2.1-2.3
    (30 %, 40 %, 30 %): 0.3 Пкомф.усл + 0.4 Пожид + 0.3 Пкомфуд; where the sector has no
    indicator 2.2 (Пожид empty) its weight goes to the other two: 0.5 Пкомф.усл + 0.5 Пкомфуд."""
    if waiting is None:
        return Fraction(1, 2) * conditions + Fraction(1, 2) * satisfied
    return Fraction(3, 10) * conditions + Fraction(4, 10) * waiting + Fraction(3, 10) * satisfied


def accessibility(premises: Number, services: Number, satisfied: Number) -> Fraction:
    """K3 «Доступность услуг для инвалидов», 344н, criterion 3 over indicators 3.1-3.3 (30 %,
    40 %, 30 %): 0.3 Поргдост + 0.4 Пуслугдост + 0.3 Пдостуд."""
    return Fraction(3, 10) * premises + Fraction(4, 10) * services + Fraction(3, 10) * satisfied


def courtesy(first_contact: Number, service: Number, distant: Number) -> Fraction:
    """K4 «Доброжелательность, вежливость работников», 344н, criterion 4 over indicators 4.1-4.3
    (40 %, 40 %, 20 %): 0.4 Пперв.контуд + 0.4 Показ.услугуд + 0.2 Пвежл.дистуд."""
    return Fraction(4, 10) * first_contact + Fraction(4, 10) * service + Fraction(2, 10) * distant


def satisfaction(recommend: Number, organisation: Number, overall: Number) -> Fraction:
    """K5 «Удовлетворённость условиями оказания услуг», 344н, criterion 5 over indicators 5.1-5.3
    (30 %, 20 %, 50 %): 0.3 Преком + 0.2 Порг.услуд + 0.5 Пуд."""
    return Fraction(3, 10) * recommend + Fraction(2, 10) * organisation + Fraction(5, 10) * overall


def total(k1: Number, k2: Number, k3: Number, k4: Number, k5: Number) -> Fraction:
    """S, 344н: the institution's result, the mean of the five criteria, (K1 + K2 + K3 + K4 + K5) / 5."""
    return (Fraction(k1) + k2 + k3 + k4 + k5) / 5


# --- one institution, step by step ----------------------------------------------------------


@dataclass(frozen=True)
class _Formula:
    """One line of the computation: what it gives, where the order says so, and how."""

    symbol: str
    clause: str
    template: str
    """The formula with its inputs in braces: «0,5 × ({Истенд} / {Инорм-стенд} …) × 100»."""
    function: Callable[..., Fraction]

    @property
    def inputs(self) -> tuple[str, ...]:
        return tuple(_BRACED.findall(self.template))

    @property
    def text(self) -> str:
        return _BRACED.sub(r"\1", self.template)


_BRACED = re.compile(r"\{([^}]+)\}")


def _respondents(part: str, whole: str) -> Callable[[Number, Number], Fraction]:
    return lambda a, b: percent(a, b, part, whole)


INDICATORS: tuple[_Formula, ...] = (
    _Formula(
        "Пинф",
        "показатель 1.1, формула (1.1)",
        "0,5 × ({Истенд} / {Инорм-стенд} + {Исайт} / {Инорм-сайт}) × 100",
        information_compliance,
    ),
    _Formula("Пдист", "показатель 1.2, формула (1.2)", "min(30 × {Сдист}; 100)", distant_interaction),
    _Formula(
        "Поткруд",
        "показатель 1.3, формула (1.3)",
        "0,5 × ({Устенд} / {Уобщ-стенд} + {Усайт} / {Уобщ-сайт}) × 100",
        information_satisfaction,
    ),
    _Formula("Пкомф.усл", "показатель 2.1, формула (2.1)", "min(20 × {Скомф}; 100)", comfort_conditions),
    _Formula(
        "Пкомфуд", "показатель 2.3, формула (2.3)", "{Укомф} / {Чобщ} × 100", _respondents("Укомф", "Чобщ")
    ),
    _Formula(
        "Поргдост", "показатель 3.1, формула (3.1)", "min(20 × {Соргдост}; 100)", premises_accessibility
    ),
    _Formula(
        "Пуслугдост", "показатель 3.2, формула (3.2)", "min(20 × {Суслугдост}; 100)", services_accessibility
    ),
    _Formula(
        "Пдостуд", "показатель 3.3, формула (3.3)", "{Удост} / {Чинв} × 100", _respondents("Удост", "Чинв")
    ),
    _Formula(
        "Пперв.контуд",
        "показатель 4.1, формула (4.1)",
        "{Уперв.конт} / {Чобщ} × 100",
        _respondents("Уперв.конт", "Чобщ"),
    ),
    _Formula(
        "Показ.услугуд",
        "показатель 4.2, формула (4.2)",
        "{Уоказ.услуг} / {Чобщ} × 100",
        _respondents("Уоказ.услуг", "Чобщ"),
    ),
    _Formula(
        "Пвежл.дистуд",
        "показатель 4.3, формула (4.3)",
        "{Увежл.дист} / {Чобщ_ус} × 100",
        _respondents("Увежл.дист", "Чобщ_ус"),
    ),
    _Formula(
        "Преком", "показатель 5.1, формула (5.1)", "{Уреком} / {Чобщ} × 100", _respondents("Уреком", "Чобщ")
    ),
    _Formula(
        "Порг.услуд",
        "показатель 5.2, формула (5.2)",
        "{Уорг.усл} / {Чобщ} × 100",
        _respondents("Уорг.усл", "Чобщ"),
    ),
    _Formula("Пуд", "показатель 5.3, формула (5.3)", "{Ууд} / {Чобщ} × 100", _respondents("Ууд", "Чобщ")),
)
WAITING = _Formula("Пожид", "показатель 2.2, формула (2.2): рассчитан оператором", "{Пожид}", waiting_time)
_CRITERIA: tuple[_Formula, ...] = (
    _Formula(
        "K1", "критерий 1: показатели 1.1–1.3", "0,3 × {Пинф} + 0,3 × {Пдист} + 0,4 × {Поткруд}", openness
    ),
    _Formula(
        "K2",
        "критерий 2: показатели 2.1–2.3",
        "0,3 × {Пкомф.усл} + 0,4 × {Пожид} + 0,3 × {Пкомфуд}",
        comfort,
    ),
    _Formula(
        "K3",
        "критерий 3: показатели 3.1–3.3",
        "0,3 × {Поргдост} + 0,4 × {Пуслугдост} + 0,3 × {Пдостуд}",
        accessibility,
    ),
    _Formula(
        "K4",
        "критерий 4: показатели 4.1–4.3",
        "0,4 × {Пперв.контуд} + 0,4 × {Показ.услугуд} + 0,2 × {Пвежл.дистуд}",
        courtesy,
    ),
    _Formula(
        "K5",
        "критерий 5: показатели 5.1–5.3",
        "0,3 × {Преком} + 0,2 × {Порг.услуд} + 0,5 × {Пуд}",
        satisfaction,
    ),
)
_K2_WITHOUT_WAITING = _Formula(
    "K2",
    "критерий 2 без показателя 2.2: значимость 2.1 и 2.3 по 50 %",
    "0,5 × {Пкомф.усл} + 0,5 × {Пкомфуд}",
    lambda conditions, satisfied: comfort(conditions, None, satisfied),
)
TOTAL = _Formula(
    "S", "показатель оценки качества по организации", "({K1} + {K2} + {K3} + {K4} + {K5}) / 5", total
)


@dataclass(frozen=True)
class Step:
    """One line of an institution's computation, as the council reads it."""

    symbol: str
    clause: str
    formula: str
    substituted: str
    """The formula with the figures put in (intermediate values shown rounded to hundredths)."""
    value: Decimal
    """Rounded to hundredths; the next steps use the exact value."""

    @property
    def line_ru(self) -> str:
        """«Пинф = 0,5 × (10 / 12 + 25 / 27) × 100 = 87,96»; a given value: «Пожид = 87,5». The
        criteria and the total are written as a Russian reader writes them (К1 in Cyrillic,
        «Итог» for S), while the keys stay the order's Latin symbols."""
        symbol, formula = _in_russian(self.symbol), _in_russian(self.formula)
        if self.substituted == shown(self.value):
            return f"{symbol} = {self.substituted}"
        return f"{symbol} = {formula} = {self.substituted} = {shown(self.value)}"


SYMBOLS_RU = {"K1": "К1", "K2": "К2", "K3": "К3", "K4": "К4", "K5": "К5", "S": "Итог"}
"""The criteria and the total as a Russian reader writes them (the keys are the order's Latin)."""
_LATIN_SYMBOL = re.compile(r"\bK[1-5]\b|^S$")


def _in_russian(text: str) -> str:
    return _LATIN_SYMBOL.sub(lambda match: SYMBOLS_RU[match.group()], text)


@dataclass(frozen=True)
class Computation:
    """One institution's indicators, criteria and total, exact, with the steps that gave them."""

    indicators: Mapping[str, Fraction | None]
    """By symbol, in the order's order; Пожид None where the operator gave none."""
    criteria: Mapping[str, Fraction]
    """K1 … K5."""
    total: Fraction
    steps: tuple[Step, ...]


def compute(figures: Mapping[str, Number | None]) -> Computation:
    """Every indicator, K1-K5 and S of one institution from its figures (by symbol: None for an
    empty cell, absent for a column the file lacks; Пожид may be either). Raises `InvalidFigures`
    with every reason found (a figure missing, a zero denominator, a share above 100 %), so the
    operator can fix a row in one go."""
    problems: list[str] = []
    for quantity in QUANTITIES:
        if quantity.symbol not in figures and not quantity.optional:
            problems.append(f"в файле нет столбца «{quantity.symbol}»")
        elif figures.get(quantity.symbol) is None and not quantity.optional:
            problems.append(f"не заполнено «{quantity.symbol}»")
    values: dict[str, Fraction | None] = {}
    steps: list[Step] = []
    formulas = list(INDICATORS)
    formulas.insert(4, WAITING)
    for formula in formulas:
        inputs = [figures.get(symbol) for symbol in formula.inputs]
        if formula is WAITING and inputs == [None]:
            values[formula.symbol] = None
            continue
        if any(value is None for value in inputs):
            continue
        try:
            value = formula.function(*inputs)
        except InvalidFigures as error:
            problems.extend(f"{formula.symbol}: {reason}" for reason in error.reasons)
            continue
        values[formula.symbol] = value
        steps.append(_step(formula, {**figures, **values}, value, given=formula.inputs))
    if problems:
        raise InvalidFigures(*problems)
    indicators = {symbol: values[symbol] for symbol in (f.symbol for f in formulas)}
    criteria: dict[str, Fraction] = {}
    for formula in _CRITERIA:
        if formula.symbol == "K2" and indicators["Пожид"] is None:
            formula = _K2_WITHOUT_WAITING
        inputs = [indicators[symbol] for symbol in formula.inputs]
        criteria[formula.symbol] = formula.function(*inputs)
        steps.append(_step(formula, {**indicators, **criteria}, criteria[formula.symbol]))
    result = TOTAL.function(*(criteria[k] for k in CRITERIA))
    steps.append(_step(TOTAL, criteria, result))
    return Computation(indicators=indicators, criteria=criteria, total=result, steps=tuple(steps))


def _step(
    formula: _Formula, known: Mapping[str, Number | None], value: Fraction, given: tuple[str, ...] = ()
) -> Step:
    """The formula with the figures put in: the operator's own figures as given, computed values
    rounded to hundredths for reading."""

    def put(match: re.Match[str]) -> str:
        number = known[match.group(1)]
        assert number is not None
        return shown(number) if match.group(1) in given else shown(rounded(number))

    return Step(
        formula.symbol, formula.clause, formula.text, _BRACED.sub(put, formula.template), rounded(value)
    )


# --- numbers --------------------------------------------------------------------------------

_HUNDREDTH = Fraction(1, 100)


def rounded(value: Number) -> Decimal:
    """Half up to hundredths, exactly (91.275 -> 91.28): the only rounding of the method."""
    value = Fraction(value)
    sign = -1 if value < 0 else 1
    hundredths = math.floor(abs(value) / _HUNDREDTH + Fraction(1, 2))
    return Decimal(sign * hundredths).scaleb(-2)


def shown(value: Number | Decimal) -> str:
    """A number as a Russian reader writes it: 87,5 / 90 / 91,28 (fractions to hundredths)."""
    if isinstance(value, Decimal):
        number = value
    else:
        fraction = Fraction(value)
        number = Decimal(fraction.numerator) if fraction.denominator == 1 else rounded(fraction)
    text = f"{number:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",").replace("-", "−")


__all__ = [
    "CRITERIA",
    "CRITERIA_RU",
    "INDICATORS",
    "QUANTITIES",
    "SYMBOLS",
    "SYMBOLS_RU",
    "Computation",
    "InvalidFigures",
    "Quantity",
    "Step",
    "accessibility",
    "comfort",
    "comfort_conditions",
    "compute",
    "courtesy",
    "distant_interaction",
    "information_compliance",
    "information_satisfaction",
    "openness",
    "percent",
    "premises_accessibility",
    "rounded",
    "satisfaction",
    "services_accessibility",
    "shown",
    "total",
    "waiting_time",
]
