"""Russian names of columns and codes, shared by tables, charts and exports."""

from __future__ import annotations

from db.models import CRITERIA

CRITERIA_RU = {
    "openness": "Открытость и доступность информации",
    "comfort": "Комфортность условий",
    "accessibility": "Доступность для инвалидов",
    "courtesy": "Доброжелательность и вежливость",
    "satisfaction": "Удовлетворённость условиями",
}
CRITERIA_SHORT_RU = {
    "openness": "Открытость",
    "comfort": "Комфортность",
    "accessibility": "Доступность",
    "courtesy": "Вежливость",
    "satisfaction": "Удовлетворённость",
}
SERVICE_FORMS_RU = {
    "stationary": "стационарная",
    "semi_stationary": "полустационарная",
    "home": "на дому",
}
COLUMNS_RU = {
    "organization_id": "Код учреждения",
    "organization_name": "Учреждение",
    "region": "Регион",
    "year": "Год",
    "service_form": "Форма обслуживания",
    "total": "Итоговый балл",
    "place": "Место",
    "document_id": "Документ №",
    "name": "Показатель",
    "unit": "Ед. изм.",
    "plan": "План",
    "fact": "Факт",
    "progress": "Выполнение, %",
    "light": "Статус",
    **{name: CRITERIA_SHORT_RU[name] for name in CRITERIA},
}


def criterion_ru(code: str | None) -> str:
    return CRITERIA_SHORT_RU.get(code or "", "критерий не указан")


def form_ru(code: str | None) -> str:
    return SERVICE_FORMS_RU.get(code or "", "форма не указана")


def ru_date(value: object) -> str:
    return value.strftime("%d.%m.%Y") if hasattr(value, "strftime") else ""
