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
SIGNED_COPY_RU = {
    "seal_and_signature": "печать и подпись",
    "seal": "только печать",
    "signature": "только подпись",
    "none": "нет",
}
"""The registry's «Подписанный экземпляр»: what the best signed copy among the versions bears
(«нет»: only typed files or unsigned scans, i.e. only a draft)."""
SIGNED_FILTER_RU = {
    None: "все",
    "any": "есть (печать или подпись)",
    "seal_and_signature": "с печатью и подписью",
    "none": "нет (только проект)",
}
ROLES_RU = {
    "admin": "администратор",
    "minister": "министр",
    "staff": "сотрудник",
    "council": "член общественного совета",
    "supervisor": "контролёр",
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


def fields_ru(count: int) -> str:
    """«1 поле», «3 поля», «12 полей»."""
    if count % 10 == 1 and count % 100 != 11:
        word = "поле"
    elif 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        word = "поля"
    else:
        word = "полей"
    return f"{count} {word}"


def mark_ru(found: bool | None) -> str:
    """A seal or a signature on a version: «есть», «нет», or «—» where not looked for (typed)."""
    return "—" if found is None else "есть" if found else "нет"


def criterion_ru(code: str | None) -> str:
    return CRITERIA_SHORT_RU.get(code or "", "критерий не указан")


def form_ru(code: str | None) -> str:
    return SERVICE_FORMS_RU.get(code or "", "форма не указана")


def ru_date(value: object) -> str:
    return value.strftime("%d.%m.%Y") if hasattr(value, "strftime") else ""


ACTIONS_RU = {
    "upload": "загрузка",
    "new_version": "новая версия",
    "reextract": "повторное распознавание",
    "transition": "смена состояния",
    "deletion_request": "запрос на удаление (в архив)",
    "correct_metadata": "исправление реквизита",
    "confirm_organization": "подтверждение учреждения",
    "merge_organization": "объединение учреждений",
    "rating_check": "проверка расчёта рейтинга",
    "control.mark_done": "контрольная точка выполнена",
    "control.record_event": "записано событие плана",
    "control.report_progress": "отчёт о ходе исполнения",
    "control.confirm_evidence": "подтверждение исполнения документом",
    "control.reject_evidence": "отклонено предложенное подтверждение",
}
DETAILS_RU = {
    "filename": "файл",
    "sha256": "SHA-256",
    "comment": "комментарий",
    "field": "поле",
    "old": "было",
    "new": "стало",
    "control_point_id": "точка",
    "due_date": "срок",
    "done_on": "выполнено",
    "evidence_document_id": "документ-подтверждение",
    "version_no": "версия",
    "year": "год",
    "institutions": "учреждений",
    "matching": "совпало",
    "differing": "расхождений",
    "invalid": "ошибок в данных",
}


def audit_details_ru(action: str, details: dict | None) -> str:  # type: ignore[type-arg]
    """One Russian line for an audit entry; a transition reads «черновик → зарегистрирован»."""
    from docstore.workflow import STATE_TITLES_RU

    details = dict(details or {})
    parts = []
    if "from" in details and "to" in details:
        parts.append(
            f"{STATE_TITLES_RU.get(details.pop('from'), '')} → {STATE_TITLES_RU.get(details.pop('to'), '')}"
        )
        details.pop("transition", None)
    for key, value in details.items():
        if value not in (None, "", [], {}):
            parts.append(f"{DETAILS_RU.get(key, key)}: {value}")
    return "; ".join(parts)


def action_ru(action: str) -> str:
    return ACTIONS_RU.get(action, action)
