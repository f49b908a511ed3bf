"""Matching institution names from documents to known organizations (rapidfuzz over aliases).

The same institution is written many ways: `ГБУСО ВО "Ковровский КЦСОН"`, `Ковровский
комплексный центр ...`, in capitals, with «» or "" quotes. Names are normalised (case, ё,
quotes, the legal-form prefix such as ГБУСО/ГАУ/МБУ) and compared with every known alias of
the region's organizations:

- score >= SAME (95): the same organization (the new spelling is added as an alias);
- SIMILAR (85) <= score < SAME: a new organization is created but flagged
  (`confirmed=False, similar_to_id=...`) for a person to confirm or merge;
- below: a new organization.

A document's rows are matched by one `OrganizationMatcher`, which reads the region's aliases
once and keeps them in memory: a 10,000-row ratings table costs one query, not one per row
(that per-row query plus a Python scorer over every alias made ingest quadratic: 1,000 rows took
two minutes). Names new in the same table are matched to each other exactly only: a table lists
each institution once per service form, so two alike names in one table (Дом-интернат № 1 and
№ 2) are two institutions, and comparing them pairwise would cost n² for nothing. The fuzzy
comparison with the region's known names runs in rapidfuzz's C loop with a cutoff, and only the
few best candidates go through `name_similarity`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process
from sqlalchemy import func, insert
from sqlmodel import Session, col, or_, select, update

from db.models import (
    Document,
    ImprovementItem,
    Organization,
    OrganizationAlias,
    Rating,
    RoleAssignment,
)
from docstore import audit
from docstore.actors import Actor
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


_CANDIDATES = 20
"""How many of the closest known names (by plain token-sort ratio) `name_similarity` judges."""


def _sorted_tokens(normalized: str) -> str:
    return " ".join(sorted(normalized.split()))


@dataclass
class _NewOrganization:
    """An organization a document names for the first time, inserted by `flush`."""

    name: str
    normalized: str
    similar_to_id: int | None
    service_forms: set[str]
    id: int | None = None


@dataclass(frozen=True)
class RowMatch:
    """What `OrganizationMatcher.match` found for one row: read `id` after `flush()`."""

    status: Literal["existing", "new", "flagged"]
    score: float
    _existing_id: int | None
    _new: _NewOrganization | None

    @property
    def id(self) -> int:
        found = self._existing_id if self._new is None else self._new.id
        assert found is not None, "OrganizationMatcher.flush() first"
        return found


class OrganizationMatcher:
    """Matches the institution names of one document in one region; see the module docstring.

    Nothing is written until `flush()`: then the new organizations go in as one batch insert,
    their aliases as another, and the service forms of known ones are updated in one pass (ORM
    objects for ten thousand rows cost more than the matching itself)."""

    def __init__(self, session: Session, *, region: str | None, authority_id: int | None) -> None:
        self.session = session
        self.region = region
        self.authority_id = authority_id
        self._known = _aliases_in_region(session, region)
        self._known_sorted = [_sorted_tokens(alias) for _, alias in self._known]
        self._exact: dict[str, int] = {}
        for organization_id, alias in self._known:
            self._exact.setdefault(alias, organization_id)
        self._aliases = set(self._known)
        self._new: dict[str, _NewOrganization] = {}
        self._new_aliases: list[tuple[int, str, str]] = []
        self._forms: dict[int, set[str]] = {}

    def match(self, name: str, service_form: str | None = None) -> RowMatch:
        """The organization called `name` (known, new, or new and flagged as close to a known
        one); `service_form` is added to its forms."""
        normalized = normalize_name(name) or name.strip().lower()
        forms = {service_form} if service_form else set()
        if normalized in self._new:
            self._new[normalized].service_forms |= forms
            return RowMatch("existing", 100.0, None, self._new[normalized])
        if normalized in self._exact:
            return self._known_match(self._exact[normalized], 100.0, forms)
        best_score, best_id = self._closest_known(normalized)
        if best_id is not None and best_score >= SAME:
            self._add_alias(best_id, name, normalized)
            return self._known_match(best_id, best_score, forms)
        similar_to = best_id if best_score >= SIMILAR else None
        new = _NewOrganization(name.strip(), normalized, similar_to, forms)
        self._new[normalized] = new
        return RowMatch("flagged" if similar_to is not None else "new", best_score, None, new)

    def find(self, name: str) -> int | None:
        """The id of the known organization called `name` (the same normalised name, or one alike
        enough to be the same), recording nothing: for a check that reads, never writes."""
        normalized = normalize_name(name) or name.strip().lower()
        if normalized in self._exact:
            return self._exact[normalized]
        best_score, best_id = self._closest_known(normalized)
        return best_id if best_id is not None and best_score >= SAME else None

    def flush(self) -> None:
        """Write what `match` found: new organizations (ids set), aliases, service forms."""
        pending = [n for n in self._new.values() if n.id is None]
        if pending:
            ids = self._insert_organizations(pending)
            for new, organization_id in zip(pending, ids, strict=True):
                new.id = organization_id
                self._add_alias(organization_id, new.name, new.normalized)
        if self._new_aliases:
            rows = [{"organization_id": o, "alias": a, "normalized": n} for o, a, n in self._new_aliases]
            self.session.execute(insert(OrganizationAlias), rows)
            self._new_aliases.clear()
        self._update_forms()

    def _insert_organizations(self, pending: list[_NewOrganization]) -> list[int]:
        """One batch insert; the new ids in the order of `pending`."""
        rows = [
            {
                "name": n.name,
                "short_name": None,
                "region": self.region,
                "authority_id": self.authority_id,
                "service_forms": sorted(n.service_forms),
                "confirmed": n.similar_to_id is None,
                "similar_to_id": n.similar_to_id,
            }
            for n in pending
        ]
        if self.session.get_bind().dialect.name != "sqlite":
            returning = insert(Organization).returning(Organization.id, sort_by_parameter_order=True)
            return list(self.session.execute(returning, rows).scalars())
        # SQLite cannot return ids of a batch in order (SQLAlchemy would fall back to one INSERT
        # per row); the pipeline holds the write lock (BEGIN IMMEDIATE), so the rows take the
        # next ids in order
        last = self.session.exec(select(func.max(Organization.id))).one() or 0
        self.session.execute(insert(Organization), rows)
        ids = list(
            self.session.exec(
                select(Organization.id).where(col(Organization.id) > last).order_by(col(Organization.id))
            )
        )
        assert len(ids) == len(rows), "another writer inserted organizations meanwhile"
        return [i for i in ids if i is not None]

    def _known_match(self, organization_id: int, score: float, forms: set[str]) -> RowMatch:
        self._forms.setdefault(organization_id, set()).update(forms)
        return RowMatch("existing", score, organization_id, None)

    def _update_forms(self) -> None:
        wanted = {i: f for i, f in self._forms.items() if f}
        if wanted:
            for organization in self.session.exec(
                select(Organization).where(col(Organization.id).in_(list(wanted)))
            ):
                merged = sorted(set(organization.service_forms) | wanted[organization.id])  # type: ignore[index]
                if merged != organization.service_forms:
                    organization.service_forms = merged
                    self.session.add(organization)
        self._forms.clear()
        self.session.flush()

    def _closest_known(self, normalized: str) -> tuple[float, int | None]:
        """(score, organization id) of the most similar name known before this document."""
        if not self._known:
            return 0.0, None
        hits = process.extract(
            _sorted_tokens(normalized),
            self._known_sorted,
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=SIMILAR,
            limit=_CANDIDATES,
        )
        best_score, best_id = 0.0, None
        for _choice, _score, index in hits:
            organization_id, alias = self._known[index]
            score = float(name_similarity(normalized, alias))
            if score > best_score:
                best_score, best_id = score, organization_id
        return best_score, best_id

    def _add_alias(self, organization_id: int, alias: str, normalized: str) -> None:
        if (organization_id, normalized) not in self._aliases:
            self._aliases.add((organization_id, normalized))
            self._exact.setdefault(normalized, organization_id)
            self._new_aliases.append((organization_id, alias.strip(), normalized))


def match_organization(
    session: Session, name: str, *, region: str | None, authority_id: int | None
) -> OrganizationMatch:
    """The organization called `name` in `region`, created (and maybe flagged) if unknown (one
    name; a document's rows go through one `OrganizationMatcher`)."""
    matcher = OrganizationMatcher(session, region=region, authority_id=authority_id)
    found = matcher.match(name)
    matcher.flush()
    organization = session.get(Organization, found.id)
    assert organization is not None
    return OrganizationMatch(organization, found.status, found.score)


def confirm_organization(session: Session, user: Actor, organization_id: int) -> Organization:
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


def merge_organization(session: Session, user: Actor, source_id: int, target_id: int) -> Organization:
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


def _get_confirmable(session: Session, user: Actor, organization_id: int) -> Organization:
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
