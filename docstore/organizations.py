"""Matching institution names from documents to known organizations (rapidfuzz over aliases).

The same institution is written many ways: `ГБУСО ВО "Ковровский КЦСОН"`, `Ковровский
комплексный центр ...`, in capitals, with «» or "" quotes. Names are normalised (case, ё,
quotes, the legal-form prefix such as ГБУСО/ГАУ/МБУ) and compared with every known alias of
the region's organizations:

- score >= SAME (95): the same organization (the new spelling is added as an alias);
- SIMILAR (85) <= score < SAME: a new organization is created but flagged
  (`confirmed=False, similar_to_id=...`) for a person to confirm or merge;
- below: a new organization.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process
from sqlmodel import Session, col, or_, select, update

from db.models import (
    Document,
    ImprovementItem,
    Organization,
    OrganizationAlias,
    Rating,
    RoleAssignment,
    User,
)
from docstore import audit
from docstore.errors import DocstoreError, NotFound
from docstore.roles import CONFIRM_ORGANIZATION, require

SAME = 95.0
SIMILAR = 85.0

# Legal-form abbreviations that precede the name (state/municipal budget/autonomous/... institution
# of social services), longest first so that ГБУСО wins over ГБУ.
_LEGAL_FORMS_TEXT = (
    "ГБСУСО ГБУСОН ГАУСОН ГКУСОН ГБУСО ГАУСО ГКУСО МБУСО МАУСО МКУСО ОГБУСО ОГАУСО ОГКУСО КГБУСО "
    "КГАУСО КГКУСО ОГБУ ОГАУ ОГКУ КГБУ КГАУ КГКУ ГБУ ГАУ ГКУ МБУ МАУ МКУ ГУ МУ АНО НКО ООО БУ АУ КУ "
    "ГБСУ СУСО СРЦН СРЦ"
)
_LEGAL_FORMS = sorted(_LEGAL_FORMS_TEXT.split(), key=len, reverse=True)
_LEGAL_FORM_WORDS = re.compile(
    r"\b(государственное|муниципальное|областное|краевое|бюджетное|автономное|казенное|казённое|"
    r"учреждение|стационарное|социального|обслуживания|населения)\b"
)
_LEGAL_PREFIX = re.compile(r"^(?:(?:" + "|".join(_LEGAL_FORMS) + r")\b\s*)+", re.IGNORECASE)
_QUOTES = re.compile(r"[«»\"“”„'`‘’]")
_NON_WORD = re.compile(r"[^\w]+")
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class OrganizationMatch:
    organization: Organization
    status: Literal["existing", "new", "flagged"]
    score: float
    """The best similarity found (0..100)."""


def normalize_name(name: str) -> str:
    """The comparable form of an institution name: lower case, ё->е, no quotes or legal form."""
    text = _QUOTES.sub(" ", name.strip())
    text = _LEGAL_PREFIX.sub("", text.strip())
    text = text.lower().replace("ё", "е")
    text = _LEGAL_FORM_WORDS.sub(" ", text)
    text = _NON_WORD.sub(" ", text)
    return " ".join(text.split())


def name_similarity(a: str, b: str, **_: object) -> float:
    """token_sort_ratio of two normalised names, kept below SAME when their numbers differ or
    one word stands in for another: `Дом-интернат №1` and `Дом-интернат №2`, `Каменногорский`
    and `Лесогорский ... центр` are two institutions however alike the other words. Such pairs
    can at most be flagged for a person to confirm, never merged silently."""
    score = fuzz.token_sort_ratio(a, b)
    if _DIGITS.findall(a) != _DIGITS.findall(b) or _has_substituted_word(a, b):
        score = min(score, SAME - 1)
    return score


def _has_substituted_word(a: str, b: str) -> bool:
    """True when each name has a word the other lacks: a word stands in for another.

    `Сосновоборский` and `Сосновогорский` differ by one letter, exactly like an OCR slip, so no
    spelling distance can tell a misprint from another town; a person decides (flagged)."""
    words_a, words_b = set(a.split()), set(b.split())
    return bool(words_a - words_b) and bool(words_b - words_a)


def match_organization(
    session: Session, name: str, *, region: str | None, authority_id: int | None
) -> OrganizationMatch:
    """The organization called `name` in `region`, created (and maybe flagged) if unknown."""
    normalized = normalize_name(name) or name.strip().lower()
    candidates = _aliases_in_region(session, region)
    choices = [alias for _, alias in candidates]
    best = process.extractOne(normalized, choices, scorer=name_similarity) if choices else None
    if best is not None and best[1] >= SAME:
        organization = session.get(Organization, candidates[best[2]][0])
        assert organization is not None
        _add_alias(session, organization, name, normalized)
        return OrganizationMatch(organization, "existing", float(best[1]))
    similar_to = candidates[best[2]][0] if best is not None and best[1] >= SIMILAR else None
    organization = Organization(
        name=name.strip(),
        region=region,
        authority_id=authority_id,
        confirmed=similar_to is None,
        similar_to_id=similar_to,
    )
    session.add(organization)
    session.flush()
    _add_alias(session, organization, name, normalized)
    status: Literal["new", "flagged"] = "flagged" if similar_to is not None else "new"
    return OrganizationMatch(organization, status, float(best[1]) if best is not None else 0.0)


def confirm_organization(session: Session, user: User | None, organization_id: int) -> Organization:
    """A person says the flagged organization is really a different one. The caller commits."""
    organization = _get_confirmable(session, user, organization_id)
    organization.confirmed = True
    organization.similar_to_id = None
    session.add(organization)
    audit.record(
        session,
        action="confirm_organization",
        user=user,
        details={"organization_id": organization_id, "name": organization.name},
    )
    session.flush()
    return organization


def merge_organization(session: Session, user: User | None, source_id: int, target_id: int) -> Organization:
    """Fold `source` into `target`: its ratings, measures, documents, aliases and roles move over,
    then the source row is removed (no document is touched but its link). The caller commits."""
    if source_id == target_id:
        raise DocstoreError("Нельзя объединить учреждение с самим собой.")
    source = _get_confirmable(session, user, source_id)
    target = _get_confirmable(session, user, target_id)
    for model in (Rating, ImprovementItem, Document, RoleAssignment):
        session.exec(
            update(model).where(model.organization_id == source_id).values(organization_id=target_id)  # type: ignore[attr-defined,arg-type]
        )
    session.exec(
        update(Organization).where(col(Organization.similar_to_id) == source_id).values(similar_to_id=None)  # type: ignore[arg-type]
    )
    source_aliases = select(OrganizationAlias).where(OrganizationAlias.organization_id == source_id)
    for alias in session.exec(source_aliases):
        session.delete(alias)
        session.flush()
        _add_alias(session, target, alias.alias, alias.normalized)
    target.service_forms = sorted(set(target.service_forms) | set(source.service_forms))
    session.add(target)
    session.flush()
    session.delete(source)
    audit.record(
        session,
        action="merge_organization",
        user=user,
        details={"source_id": source_id, "source_name": source.name, "target_id": target_id},
    )
    session.flush()
    return target


def add_service_form(organization: Organization, service_form: str | None) -> None:
    if service_form and service_form not in organization.service_forms:
        organization.service_forms = sorted([*organization.service_forms, service_form])


def _aliases_in_region(session: Session, region: str | None) -> list[tuple[int, str]]:
    """(organization id, normalized alias) of every organization in the region (or of unknown region)."""
    statement = select(OrganizationAlias.organization_id, OrganizationAlias.normalized).join(
        Organization, col(Organization.id) == OrganizationAlias.organization_id
    )
    if region is not None:
        statement = statement.where(or_(Organization.region == region, col(Organization.region).is_(None)))
    rows = [(int(organization_id), normalized) for organization_id, normalized in session.exec(statement)]
    return rows


def _add_alias(session: Session, organization: Organization, alias: str, normalized: str) -> None:
    exists = session.exec(
        select(OrganizationAlias.id).where(
            OrganizationAlias.organization_id == organization.id, OrganizationAlias.normalized == normalized
        )
    ).first()
    if exists is None:
        assert organization.id is not None
        alias_row = OrganizationAlias(
            organization_id=organization.id, alias=alias.strip(), normalized=normalized
        )
        session.add(alias_row)
        session.flush()


def _get_confirmable(session: Session, user: User | None, organization_id: int) -> Organization:
    """The organization, once the user may confirm organizations in its scope."""
    organization = session.get(Organization, organization_id)
    if organization is None:
        raise NotFound(f"Учреждение № {organization_id} не найдено.")
    require(
        session,
        user,
        CONFIRM_ORGANIZATION,
        authority_id=organization.authority_id,
        organization_id=organization.id,
    )
    return organization
