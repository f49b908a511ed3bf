"""The fictional Заречная область: its ministry, 40 institutions, five years of НОК scores,
the ministry's plan and the institutions' improvement plans.

Everything is derived from one fixed seed, so every run gives the same facts (and the
writers the same bytes). `TODAY` is the date the demo is told from: improvement measures
due before it and not done are overdue, the others are not yet due.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

SEED = 20251125
TODAY = dt.date(2026, 11, 25)
YEARS = (2021, 2022, 2023, 2024, 2025)
CRITERIA = ("openness", "comfort", "accessibility", "courtesy", "satisfaction")
CRITERIA_RU = (
    "Открытость и доступность информации об организации",
    "Комфортность условий предоставления услуг",
    "Доступность услуг для инвалидов",
    "Доброжелательность, вежливость работников организации",
    "Удовлетворенность условиями оказания услуг",
)
FORMS = ("stationary", "semi_stationary", "home")
FORM_HEADINGS = {
    "stationary": "Стационарная форма социального обслуживания",
    "semi_stationary": "Полустационарная форма социального обслуживания",
    "home": "Форма социального обслуживания на дому (надомная)",
}

REGION = "Заречная область"
REGION_GENITIVE = "Заречной области"
CITY = "г. Приреченск"
AUTHORITY = "Министерство социальной защиты населения Заречной области"
AUTHORITY_SHORT = "Минсоцзащиты Заречной области"
AUTHORITY_DEPARTMENT = (
    "Отдел организации социального обслуживания министерства социальной защиты населения Заречной области"
)
COUNCIL = (
    "Общественный совет по проведению независимой оценки качества условий оказания услуг "
    "организациями социального обслуживания при министерстве социальной защиты населения Заречной области"
)
COUNCIL_SHORT = "общественный совет при министерстве (по согласованию)"
OPERATOR = "ООО «Центр социологических исследований «Вектор»"


@dataclass(frozen=True)
class Person:
    last: str
    first: str
    patronymic: str

    @property
    def initials(self) -> str:
        """`Н.А. Смирнова`: how a signature block names a person."""
        return f"{self.first[0]}.{self.patronymic[0]}. {self.last}"

    @property
    def full(self) -> str:
        return f"{self.last} {self.first} {self.patronymic}"


MINISTER = Person("Белова", "Ольга", "Викторовна")
DEPUTY_MINISTER = Person("Гаврилов", "Сергей", "Петрович")
COUNCIL_CHAIR = Person("Сергеев", "Игорь", "Павлович")
COUNCIL_SECRETARY = Person("Орлова", "Наталья", "Владимировна")
COUNCIL_MEMBERS = (
    Person("Лебедева", "Марина", "Юрьевна"),
    Person("Захаров", "Андрей", "Николаевич"),
    Person("Кравченко", "Елена", "Сергеевна"),
    Person("Морозов", "Виктор", "Алексеевич"),
    Person("Тихонова", "Галина", "Ивановна"),
)


@dataclass(frozen=True)
class Institution:
    """An institution (учреждение) of the region, with the form it is rated in."""

    key: str
    legal_form: str
    quoted: str
    form: str
    director: Person

    @property
    def name(self) -> str:
        """The name as documents print it: `ГБУСО ЗО «Приреченский …»`."""
        return f"{self.legal_form} «{self.quoted}»"


_INSTITUTIONS: tuple[tuple[str, str, str, str], ...] = (
    # key, legal form, quoted name, service form
    ("pr-dipi", "ГБУСО ЗО", "Приреченский дом-интернат для престарелых и инвалидов", "stationary"),
    ("pr-pni", "ГБУСО ЗО", "Приреченский психоневрологический интернат", "stationary"),
    ("vd-dipi", "ГБУСО ЗО", "Верхнедольский дом-интернат для престарелых и инвалидов", "stationary"),
    ("sb-pni", "ГБУСО ЗО", "Сосновоборский психоневрологический интернат", "stationary"),
    ("kg-dipi", "ГБУСО ЗО", "Каменногорский дом-интернат для престарелых и инвалидов", "stationary"),
    (
        "bo-sdipi",
        "ГБУСО ЗО",
        "Белоозерский специальный дом-интернат для престарелых и инвалидов",
        "stationary",
    ),
    ("lg-gc", "ГАУСО ЗО", "Лесогорский геронтологический центр", "stationary"),
    (
        "kl-ddi",
        "ГБУСО ЗО",
        "Ключевский детский дом-интернат для детей с тяжелыми нарушениями развития",
        "stationary",
    ),
    ("sn-pni", "ГБУСО ЗО", "Староникольский психоневрологический интернат", "stationary"),
    (
        "sy-dimv",
        "ГБУСО ЗО",
        "Светлоярский дом-интернат малой вместимости для граждан пожилого возраста и инвалидов",
        "stationary",
    ),
    ("db-dipi", "ГБУСО ЗО", "Дубравинский дом-интернат для престарелых и инвалидов", "stationary"),
    ("kb-pni", "ГБУСО ЗО", "Красноборский психоневрологический интернат", "stationary"),
    (
        "pr-srcn",
        "ГБУСО ЗО",
        "Приреченский социально-реабилитационный центр для несовершеннолетних",
        "semi_stationary",
    ),
    (
        "vd-srcn",
        "ГБУСО ЗО",
        "Верхнедольский социально-реабилитационный центр для несовершеннолетних",
        "semi_stationary",
    ),
    (
        "pr-rcd",
        "ГАУСО ЗО",
        "Приреченский реабилитационный центр для детей и подростков с ограниченными возможностями",
        "semi_stationary",
    ),
    (
        "kg-srcn",
        "ГБУСО ЗО",
        "Каменногорский социально-реабилитационный центр для несовершеннолетних",
        "semi_stationary",
    ),
    (
        "pr-csa",
        "ГКУСО ЗО",
        "Приреченский центр социальной адаптации для лиц без определенного места жительства",
        "semi_stationary",
    ),
    (
        "oz-rcd",
        "ГБУСО ЗО",
        "Озерецкий реабилитационный центр для детей и подростков с ограниченными возможностями",
        "semi_stationary",
    ),
    ("sb-sp", "ГКУСО ЗО", "Сосновоборский социальный приют для детей", "semi_stationary"),
    (
        "ol-srcn",
        "ГБУСО ЗО",
        "Ольховский социально-реабилитационный центр для несовершеннолетних",
        "semi_stationary",
    ),
    ("pr-kc", "ГБУСО ЗО", "Приреченский кризисный центр помощи женщинам и детям", "semi_stationary"),
    (
        "lg-cpsd",
        "ГБУСО ЗО",
        "Лесогорский центр социальной помощи семье и детям",
        "semi_stationary",
    ),
    *(
        (
            f"{key}-kcson",
            "ГБУСО ЗО",
            f"{adjective} комплексный центр социального обслуживания населения",
            "home",
        )
        for key, adjective in (
            ("pr", "Приреченский"),
            ("vd", "Верхнедольский"),
            ("sb", "Сосновоборский"),
            ("kg", "Каменногорский"),
            ("bo", "Белоозерский"),
            ("lg", "Лесогорский"),
            ("kl", "Ключевский"),
            ("sn", "Староникольский"),
            ("sy", "Светлоярский"),
            ("db", "Дубравинский"),
            ("kb", "Красноборский"),
            ("oz", "Озерецкий"),
            ("ol", "Ольховский"),
            ("lu", "Луговской"),
            ("za", "Заозерный"),
        )
    ),
    ("pr-cso", "ГАУСО ЗО", "Центр социального обслуживания граждан пожилого возраста и инвалидов", "home"),
    ("ch-kcson", "ГБУСО ЗО", "Черноярский центр социального обслуживания населения", "home"),
    ("bs-kcson", "ГБУСО ЗО", "Березовский центр социального обслуживания населения", "home"),
)

_LAST_M = (
    "Иванов",
    "Кузнецов",
    "Попов",
    "Соколов",
    "Лебедев",
    "Новиков",
    "Морозов",
    "Волков",
    "Алексеев",
    "Степанов",
    "Павлов",
    "Семенов",
    "Голубев",
    "Виноградов",
    "Богданов",
    "Воробьев",
    "Федоров",
)
_FIRST_M = ("Александр", "Сергей", "Дмитрий", "Андрей", "Алексей", "Николай", "Владимир", "Михаил", "Игорь")
_FIRST_F = (
    "Елена",
    "Ольга",
    "Татьяна",
    "Наталья",
    "Ирина",
    "Светлана",
    "Марина",
    "Галина",
    "Людмила",
    "Анна",
)
_PATRONYMIC = ("Александров", "Сергеев", "Николаев", "Владимиров", "Петров", "Иванов", "Викторов", "Юрьев")


def _person(rng: random.Random) -> Person:
    last = rng.choice(_LAST_M)
    patronymic = rng.choice(_PATRONYMIC)
    if rng.random() < 0.65:  # most directors of social institutions are women
        return Person(last + "а", rng.choice(_FIRST_F), patronymic + "на")
    return Person(last, rng.choice(_FIRST_M), patronymic + "ич")


def institutions() -> tuple[Institution, ...]:
    """The region's 40 institutions in a fixed order, with their directors."""
    rng = random.Random(SEED)
    return tuple(
        Institution(key, legal, quoted, form, _person(rng)) for key, legal, quoted, form in _INSTITUTIONS
    )


# ----------------------------------------------------------------------------------------
# Ratings: five criteria on 0-100 with one decimal, total = mean of the stated criteria.
# ----------------------------------------------------------------------------------------

_BASE = {"openness": 87.0, "comfort": 83.0, "accessibility": 61.0, "courtesy": 94.5, "satisfaction": 91.5}
_SPREAD = {"openness": 5.0, "comfort": 6.0, "accessibility": 10.0, "courtesy": 2.5, "satisfaction": 3.5}
_TREND = {"openness": 1.3, "comfort": 1.4, "accessibility": 3.4, "courtesy": 0.4, "satisfaction": 0.9}
TIE_YEAR = 2023
MISSING = (2023, "oz-rcd", "accessibility")
"""In 2023 the operator gave no accessibility score for one institution: the cell is a dash."""

_TENTH = Decimal("0.1")
_HUNDREDTH = Decimal("0.01")


@dataclass(frozen=True)
class RatingRow:
    institution: Institution
    year: int
    scores: tuple[Decimal | None, ...]
    """In CRITERIA order; None where the document prints a dash."""
    total: Decimal
    rank: int


def _clamp(value: float) -> Decimal:
    return Decimal(str(max(20.0, min(100.0, value)))).quantize(_TENTH, rounding=ROUND_HALF_UP)


def _total(scores: tuple[Decimal | None, ...]) -> Decimal:
    stated = [s for s in scores if s is not None]
    return (sum(stated, Decimal(0)) / len(stated)).quantize(_HUNDREDTH, rounding=ROUND_HALF_UP)


def _raw_scores() -> dict[tuple[str, int], tuple[Decimal | None, ...]]:
    rng = random.Random(SEED + 1)
    result: dict[tuple[str, int], tuple[Decimal | None, ...]] = {}
    for inst in institutions():
        quality = rng.uniform(-1.0, 1.0)
        pace = rng.choice((1.2, 1.0, 0.8, 0.6, 0.4, -0.3))  # a few institutions slip back
        for step, year in enumerate(YEARS):
            scores = tuple(
                _clamp(_BASE[c] + _SPREAD[c] * quality + _TREND[c] * pace * step + rng.uniform(-1.4, 1.4))
                for c in CRITERIA
            )
            result[(inst.key, year)] = scores
    return result


def _with_tie(rows: list[tuple[Institution, tuple[Decimal | None, ...], Decimal]]) -> None:
    """Make the 3rd and 4th of the list score the same total (their criteria in another order)."""
    rows.sort(key=lambda r: -r[2])
    third = rows[2][1]
    fourth_inst = rows[3][0]
    swapped = (third[1], third[0], third[2], third[4], third[3])
    rows[3] = (fourth_inst, swapped, _total(swapped))


def ratings(year: int) -> dict[str, list[RatingRow]]:
    """The year's rating by service form, each list in rank order (shared places for ties). The
    2025 rating is the operator's: computed from its raw figures (`operator_data`)."""
    from docstore.demo import operator_data  # it reads this module's institutions and trends

    raw = _raw_scores()
    operator = operator_data.operator_results() if year == operator_data.RAW_YEAR else {}
    by_form: dict[str, list[RatingRow]] = {}
    for form in FORMS:
        rows: list[tuple[Institution, tuple[Decimal | None, ...], Decimal]] = []
        for inst in institutions():
            if inst.form != form:
                continue
            if inst.key in operator:
                result = operator[inst.key]
                rows.append((inst, result.scores, result.total))
                continue
            scores = raw[(inst.key, year)]
            if (year, inst.key) == MISSING[:2]:
                scores = tuple(None if c == MISSING[2] else s for c, s in zip(CRITERIA, scores, strict=True))
            rows.append((inst, scores, _total(scores)))
        if year == TIE_YEAR and form == "home":
            _with_tie(rows)
        rows.sort(key=lambda r: (-r[2], r[0].quoted))
        ranked: list[RatingRow] = []
        for position, (inst, scores, total) in enumerate(rows, 1):
            tied = ranked and ranked[-1].total == total
            rank = ranked[-1].rank if tied else position
            ranked.append(RatingRow(inst, year, scores, total, rank))
        by_form[form] = ranked
    return by_form


def share_at_least(year: int, threshold: Decimal = Decimal(90)) -> Decimal:
    """The share (%) of institutions whose total is at least `threshold`: an indicator's fact."""
    rows = [r for form_rows in ratings(year).values() for r in form_rows]
    share = Decimal(100) * sum(1 for r in rows if r.total >= threshold) / len(rows)
    return share.quantize(_TENTH, rounding=ROUND_HALF_UP)


# ----------------------------------------------------------------------------------------
# Council protocols: one meeting each December approves the year's rating.
# ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Protocol:
    number: str
    date: dt.date
    rating_year: int


PROTOCOLS = (
    Protocol("4", dt.date(2021, 12, 10), 2021),
    Protocol("5", dt.date(2022, 12, 9), 2022),
    Protocol("4", dt.date(2023, 12, 8), 2023),
    Protocol("6", dt.date(2024, 12, 13), 2024),
    Protocol("5", dt.date(2025, 12, 12), 2025),
)


def protocol_for(year: int) -> Protocol:
    return next(p for p in PROTOCOLS if p.rating_year == year)


# ----------------------------------------------------------------------------------------
# The ministry's order: target indicators (2 fact years, 3 plan years) and a plan.
# ----------------------------------------------------------------------------------------

ORDER_NUMBER = "14-од"
ORDER_DATE = dt.date(2025, 1, 20)
PLAN_YEARS = (2025, 2026, 2027)
FACT_YEARS = (2023, 2024)


@dataclass(frozen=True)
class IndicatorRow:
    name: str
    values: tuple[str, ...]
    """As printed, in FACT_YEARS + PLAN_YEARS order, decimal comma."""


def _ru(number: Decimal) -> str:
    text = f"{number.normalize():f}" if number == number.to_integral() else f"{number}"
    return text.replace(".", ",")


def indicators() -> tuple[IndicatorRow, ...]:
    facts = tuple(_ru(share_at_least(y)) for y in FACT_YEARS)
    return (
        IndicatorRow(
            "Доля организаций социального обслуживания Заречной области, получивших по результатам "
            "независимой оценки итоговый балл не ниже 90, от общего числа оцененных организаций (%)",
            (*facts, "45", "55", "65"),
        ),
        IndicatorRow(
            "Доля мероприятий планов по устранению недостатков, выявленных в ходе независимой оценки, "
            "выполненных в установленные сроки (%)",
            ("72,5", "81", "90", "95", "100"),
        ),
        IndicatorRow(
            "Доля организаций социального обслуживания, на официальных сайтах которых обеспечена "
            "техническая возможность выражения мнений получателей услуг о качестве условий оказания "
            "услуг (%)",
            ("86,8", "94,7", "100", "100", "100"),
        ),
    )


@dataclass(frozen=True)
class PlanRow:
    number: str
    title: str
    result: str
    deadline: str
    responsible: tuple[str, ...]


PLAN_TITLE = (
    "План мероприятий по организации и проведению независимой оценки качества условий оказания "
    "услуг организациями социального обслуживания Заречной области на 2025-2027 годы"
)
_M = AUTHORITY_DEPARTMENT
_ORGS = "организации социального обслуживания"
PLAN: tuple[tuple[str, tuple[PlanRow, ...]], ...] = (
    (
        "1. Организационные мероприятия",
        (
            PlanRow(
                "1.1",
                "Формирование перечня организаций социального обслуживания, в отношении которых проводится "
                "независимая оценка в очередном году",
                "Протокол заседания общественного совета",
                "I квартал ежегодно",
                (COUNCIL_SHORT, _M),
            ),
            PlanRow(
                "1.2",
                "Подготовка технического задания на выполнение работ по сбору и обобщению информации о "
                "качестве условий оказания услуг",
                "Техническое задание",
                "до 1 марта 2025 г.",
                (_M,),
            ),
            PlanRow(
                "1.3",
                "Заключение государственного контракта с организацией-оператором",
                "Государственный контракт",
                "II квартал ежегодно",
                (_M,),
            ),
            PlanRow(
                "1.4",
                "Актуализация состава общественного совета по проведению независимой оценки качества",
                "Приказ министерства",
                "сентябрь 2025 г.",
                (AUTHORITY,),
            ),
        ),
    ),
    (
        "2. Проведение независимой оценки качества",
        (
            PlanRow(
                "2.1",
                "Сбор, обобщение и анализ информации о качестве условий оказания услуг организациями "
                "социального обслуживания",
                "Отчет организации-оператора",
                "III квартал ежегодно",
                ("организация-оператор", _M),
            ),
            PlanRow(
                "2.2",
                "Рассмотрение отчета организации-оператора на заседании общественного совета и утверждение "
                "рейтинга организаций социального обслуживания",
                "Протокол заседания общественного совета",
                "в течение месяца после поступления отчета организации-оператора",
                (COUNCIL_SHORT,),
            ),
            PlanRow(
                "2.3",
                "Размещение результатов независимой оценки на официальном сайте для размещения информации о "
                "государственных и муниципальных учреждениях (www.bus.gov.ru)",
                "Информация на официальном сайте",
                "ежегодно до 25 декабря",
                (_M,),
            ),
            PlanRow(
                "2.4",
                "Мониторинг официальных сайтов организаций социального обслуживания",
                "Аналитическая записка",
                "ежеквартально",
                (_M,),
            ),
        ),
    ),
    (
        "3. Использование результатов независимой оценки качества",
        (
            PlanRow(
                "3.1",
                "Утверждение планов по устранению недостатков, выявленных в ходе независимой оценки качества",
                "Планы по устранению недостатков",
                "I квартал 2025 года",
                (_ORGS,),
            ),
            PlanRow(
                "3.2",
                "Контроль за выполнением планов по устранению недостатков",
                "Информация о выполнении планов",
                "не реже 2 раз в год",
                (_M,),
            ),
            PlanRow(
                "3.3",
                "Рассмотрение результатов независимой оценки качества на заседании коллегии министерства",
                "Решение коллегии",
                "II квартал 2026 года",
                (AUTHORITY,),
            ),
            PlanRow(
                "3.4",
                "Учет результатов независимой оценки качества при оценке эффективности деятельности "
                "руководителей организаций социального обслуживания",
                "Приказ министерства",
                "постоянно",
                (AUTHORITY,),
            ),
            PlanRow(
                "3.5",
                "Разработка методических рекомендаций по повышению доступности услуг для инвалидов",
                "Методические рекомендации",
                "до 15 октября 2026 года",
                (_M,),
            ),
        ),
    ),
    (
        "4. Информационное сопровождение",
        (
            PlanRow(
                "4.1",
                "Освещение хода и результатов независимой оценки качества в средствах массовой информации",
                "Публикации в средствах массовой информации",
                "по мере необходимости",
                (AUTHORITY, _ORGS),
            ),
            PlanRow(
                "4.2",
                "Проведение обучающих семинаров для работников организаций социального обслуживания",
                "Семинары",
                "IV квартал ежегодно",
                (_M,),
            ),
            PlanRow(
                "4.3",
                "Подготовка информации для обязательного публичного отчета о результатах независимой оценки "
                "качества",
                "Информация",
                "01.12.2026",
                (_M,),
            ),
            PlanRow(
                "4.4",
                "Размещение информации о выполнении настоящего плана на официальном сайте министерства",
                "Информация на официальном сайте",
                "",
                (_M,),
            ),
        ),
    ),
)


# ----------------------------------------------------------------------------------------
# Improvement plans (form of Government decree No. 457) of 12 institutions for 2025-2026.
# ----------------------------------------------------------------------------------------

IMPROVEMENT_DATE = dt.date(2025, 2, 14)
IMPROVEMENT_ORGS = (
    "pr-pni", "sb-pni", "bo-sdipi", "kl-ddi", "db-dipi", "pr-csa",
    "oz-rcd", "sb-sp", "lg-cpsd", "kb-kcson", "oz-kcson", "ch-kcson",
)  # fmt: skip

_CATALOGUE: tuple[tuple[int, str, str, str], ...] = (
    # criterion index, deficiency, measure, the report of the done measure
    (
        0,
        "Отсутствие на официальном сайте организации информации о порядке подачи жалобы по вопросам "
        "качества оказания социальных услуг",
        "Разместить на официальном сайте учреждения информацию о порядке подачи жалобы",
        "Информация о порядке подачи жалобы размещена в разделе «Обратная связь»",
    ),
    (
        0,
        "Отсутствие на официальном сайте раздела «Часто задаваемые вопросы»",
        "Создать на официальном сайте учреждения раздел «Часто задаваемые вопросы»",
        "Раздел создан, размещены ответы на 15 вопросов получателей услуг",
    ),
    (
        0,
        "Информация на информационных стендах в помещениях организации размещена не в полном объеме",
        "Обновить информационные стенды в соответствии с требованиями к содержанию информации",
        "Информационные стенды обновлены",
    ),
    (
        1,
        "Недостаточная комфортность зоны ожидания получателей услуг",
        "Оборудовать зону ожидания местами для сидения и питьевой водой",
        "Зона ожидания оборудована",
    ),
    (
        1,
        "Отсутствие навигации внутри здания организации",
        "Установить указатели и схемы расположения помещений",
        "Установлены указатели и схема расположения помещений на каждом этаже",
    ),
    (
        2,
        "Отсутствие выделенных стоянок для автотранспортных средств инвалидов",
        "Выделить и обозначить места для стоянки автотранспортных средств инвалидов",
        "Выделены и обозначены два места для стоянки",
    ),
    (
        2,
        "Отсутствие дублирования для инвалидов по слуху и зрению звуковой и зрительной информации",
        "Приобрести и установить информационное табло с бегущей строкой и тактильные таблички",
        "Табло и тактильные таблички установлены",
    ),
    (
        2,
        "Отсутствие сменных кресел-колясок",
        "Приобрести сменные кресла-коляски",
        "Приобретены два сменных кресла-коляски",
    ),
    (
        2,
        "Входная группа не оборудована пандусом и поручнями",
        "Оборудовать входную группу пандусом и поручнями",
        "Входная группа оборудована пандусом и поручнями",
    ),
    (
        3,
        "Недостаточная доля получателей услуг, удовлетворенных вежливостью работников при дистанционных "
        "формах взаимодействия",
        "Провести обучающие семинары для работников по вопросам этики и деонтологии",
        "Проведены семинары, обучено 34 работника",
    ),
    (
        4,
        "Недостаточная доля получателей услуг, готовых рекомендовать организацию родственникам и знакомым",
        "Провести анкетирование получателей услуг и разработать меры по итогам анкетирования",
        "Анкетирование проведено, меры утверждены приказом директора",
    ),
)

_PLANNED = (
    # deadline text, due date (None: not a single date), how such items fare
    ("до 01.03.2025", dt.date(2025, 3, 1)),
    ("II квартал 2025 года", dt.date(2025, 6, 30)),
    ("до 01.09.2025", dt.date(2025, 9, 1)),
    ("IV квартал 2025 года", dt.date(2025, 12, 31)),
    ("I квартал 2026 года", dt.date(2026, 3, 31)),
    ("до 01.07.2026", dt.date(2026, 7, 1)),
    ("III квартал 2026 года", dt.date(2026, 9, 30)),
    ("до 01.12.2026", dt.date(2026, 12, 1)),
    ("IV квартал 2026 года", dt.date(2026, 12, 31)),
)
_POSTS = ("заместитель директора", "заместитель директора по административно-хозяйственной работе",
          "специалист по социальной работе", "заведующий отделением")  # fmt: skip


@dataclass(frozen=True)
class ImprovementRow:
    criterion: int
    deficiency: str
    measure: str
    planned: str
    due: dt.date | None
    responsible: str
    done: str | None
    actual: dt.date | None


@dataclass(frozen=True)
class ImprovementPlan:
    institution: Institution
    date: dt.date
    rows: tuple[ImprovementRow, ...]


def improvement_plans() -> tuple[ImprovementPlan, ...]:
    """12 plans; measures due before TODAY are mostly done on time, some late, some overdue."""
    rng = random.Random(SEED + 2)
    by_key = {inst.key: inst for inst in institutions()}
    plans = []
    for n, key in enumerate(IMPROVEMENT_ORGS):
        inst = by_key[key]
        picks = sorted(rng.sample(range(len(_CATALOGUE)), rng.randint(4, 6)))
        rows = []
        for criterion, deficiency, measure, report in (_CATALOGUE[i] for i in picks):
            planned, due = rng.choice(_PLANNED)
            if criterion == 3 and n % 3 == 0:
                planned, due = "ежеквартально", None
            deputy = _person(rng)
            responsible = f"{deputy.full}, {rng.choice(_POSTS)}" if rng.random() < 0.8 else rng.choice(_POSTS)
            done, actual = _outcome(rng, due, report)
            rows.append(
                ImprovementRow(criterion, deficiency, measure, planned, due, responsible, done, actual)
            )
        date = IMPROVEMENT_DATE + dt.timedelta(days=n % 5)
        plans.append(ImprovementPlan(inst, date, tuple(rows)))
    return tuple(plans)


def _outcome(rng: random.Random, due: dt.date | None, report: str) -> tuple[str | None, dt.date | None]:
    """The report columns as of TODAY: done on time, done late, overdue, or not yet due."""
    if due is None:
        return None, None
    luck = rng.random()
    if due < TODAY:
        if luck < 0.6:
            return report, due - dt.timedelta(days=rng.randint(3, 40))
        if luck < 0.8:
            late = min(due + dt.timedelta(days=rng.randint(10, 75)), TODAY - dt.timedelta(days=5))
            return report, late
        return None, None  # overdue
    if luck < 0.25:
        return report, TODAY - dt.timedelta(days=rng.randint(10, 60))  # done ahead of time
    return None, None
