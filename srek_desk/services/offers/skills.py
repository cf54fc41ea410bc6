"""The skills and certificates vocabulary: list, add, edit, deactivate, delete, usage, text → code.

Clients and offers refer to skills by code (comma-separated columns, see db.models_counselling),
so labels can be edited freely; labels stay unique. A skill in use (or shipped, which the next
start would seed again) is only deactivated, never deleted. `SkillResolver` turns free text from
an import or a CSV cell ("Gabelstapler; Erste-Hilfe-Kurs") into codes by label and synonyms.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, literal, or_, select
from sqlalchemy.orm import Session

from srek_desk.db.codes import split_codes
from srek_desk.db.models import Client, Offer, utcnow
from srek_desk.db.models_counselling import Skill
from srek_desk.db.skill_seed import seed_skills
from srek_desk.errors import UserError
from srek_desk.services.core.database import Database
from srek_desk.services.core.validation import FieldError, ValidationError

MAX_LABEL, MAX_CATEGORY, MAX_COURSE, MAX_SYNONYMS = 100, 60, 200, 4000
_SEPARATOR_LEVELS = (";|\n", ",", "/")  # a list, then items, then alternatives


@dataclass(frozen=True, slots=True)
class SkillEntry:
    code: str
    label: str
    category: str
    course: str
    synonyms: tuple[str, ...]
    seeded: bool
    active: bool


def normalise(text: str) -> str:
    """Comparable form: case, accents, hyphens and spacing do not matter."""
    text = unicodedata.normalize("NFKD", text.casefold().replace("ß", "ss"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[-_.()]+", " ", text).split())


def _slug(label: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", normalise(label)).strip("_")
    return slug[:40] or "skill"


def _entry(row: Skill) -> SkillEntry:
    return SkillEntry(
        code=row.code,
        label=row.label,
        category=row.category,
        course=row.course,
        synonyms=tuple(s for s in row.synonyms.splitlines() if s.strip()),
        seeded=row.seeded,
        active=row.active,
    )


class SkillResolver:
    """Text → skill code by label, code and synonyms (active skills only)."""

    def __init__(self, entries: Iterable[SkillEntry]) -> None:
        self._by_text: dict[str, str] = {}
        for entry in entries:
            if not entry.active:
                continue
            for text in (entry.code, entry.label, *entry.synonyms):
                self._by_text.setdefault(normalise(text), entry.code)

    def resolve(self, text: str) -> str | None:
        return self._by_text.get(normalise(text))

    def resolve_many(self, text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(codes found, parts not understood) of a cell like "Staplerschein; Erste Hilfe".

        Parts are split at ";", "|" and line breaks; a part that is no skill as a whole is split
        again at ",", and a piece that still is none at "/": "MS Office (Word, Excel)",
        "SAP R/3, Kranschein" resolve. Separators inside round brackets never split.
        """
        codes: list[str] = []
        unknown: list[str] = []
        self._resolve_parts(text, 0, codes, unknown)
        return tuple(codes), tuple(unknown)

    def _resolve_parts(self, text: str, level: int, codes: list[str], unknown: list[str]) -> None:
        for part in _split(text, _SEPARATOR_LEVELS[level]):
            code = self.resolve(part)
            if code is not None:
                if code not in codes:
                    codes.append(code)
            elif level + 1 < len(_SEPARATOR_LEVELS):
                self._resolve_parts(part, level + 1, codes, unknown)
            else:
                unknown.append(part)


def _split(text: str, separators: str) -> list[str]:
    """Non-empty stripped parts of `text` between separators outside round brackets."""
    parts: list[str] = []
    depth, start = 0, 0
    for index, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and char in separators:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip()]


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


class SkillService:
    def __init__(self, database: Database) -> None:
        self.database = database

    def seed(self) -> int:
        """Add shipped skills the database lacks (new in this version); never touches edits."""
        with self.database.session() as session, session.begin():
            return seed_skills(session.connection())

    def vocabulary(self, *, include_inactive: bool = False) -> list[SkillEntry]:
        """Skills by category and label; deactivated ones only when asked for."""
        query = select(Skill).order_by(Skill.category, Skill.label)
        if not include_inactive:
            query = query.where(Skill.active)
        with self.database.session() as session:
            return [_entry(row) for row in session.execute(query).scalars()]

    def labels(self) -> dict[str, str]:
        """Code → label of every skill, deactivated ones included (old records still show)."""
        with self.database.session() as session:
            return {code: label for code, label in session.execute(select(Skill.code, Skill.label))}

    def resolver(self) -> SkillResolver:
        return SkillResolver(self.vocabulary())

    @staticmethod
    def _check(label: str, category: str, course: str, synonyms: Iterable[str]) -> None:
        errors: list[FieldError] = []
        if not label.strip():
            errors.append(FieldError("label", "Bitte eine Bezeichnung eingeben."))
        for field, value, limit, name in (
            ("label", label, MAX_LABEL, "Die Bezeichnung"),
            ("category", category, MAX_CATEGORY, "Der Bereich"),
            ("course", course, MAX_COURSE, "Der Kurs-Hinweis"),
            ("synonyms", "\n".join(synonyms), MAX_SYNONYMS, "Die Liste der anderen Namen"),
        ):
            if len(value) > limit:
                errors.append(FieldError(field, f"{name} ist zu lang (höchstens {limit} Zeichen)."))
        if errors:
            raise ValidationError(errors)

    def add(
        self, label: str, *, category: str = "", course: str = "", synonyms: Iterable[str] = ()
    ) -> str:
        """A skill of the office; returns its new code (from the label, made unique)."""
        synonyms = [s.strip() for s in synonyms if s.strip()]
        self._check(label, category, course, synonyms)
        with self.database.session() as session, session.begin():
            taken = set(session.execute(select(Skill.code)).scalars())
            _check_unique(session, label, None)
            base = _slug(label)
            code, number = base, 2
            while code in taken:
                suffix = f"_{number}"
                code, number = base[: 40 - len(suffix)] + suffix, number + 1
            session.add(
                Skill(
                    code=code,
                    label=label.strip(),
                    category=category.strip(),
                    course=course.strip(),
                    synonyms="\n".join(synonyms),
                    seeded=False,
                )
            )
            return code

    def update(
        self,
        code: str,
        *,
        label: str,
        category: str = "",
        course: str = "",
        synonyms: Iterable[str] = (),
        active: bool = True,
    ) -> None:
        synonyms = [s.strip() for s in synonyms if s.strip()]
        self._check(label, category, course, synonyms)
        with self.database.session() as session, session.begin():
            row = session.get(Skill, code)
            if row is None:
                raise UserError("Diesen Eintrag gibt es nicht mehr.")
            _check_unique(session, label, code)
            row.label = label.strip()
            row.category = category.strip()
            row.course = course.strip()
            row.synonyms = "\n".join(synonyms)
            row.active = active
            row.updated_at = utcnow()

    # -- use and removal ---------------------------------------------------------------------

    def usage(self, code: str) -> tuple[int, int]:
        """(clients, offers) holding this skill; offers count whether it is required or nice."""
        with self.database.session() as session:
            return _usage(session, code)

    def usage_counts(self) -> dict[str, tuple[int, int]]:
        """Code → (clients, offers) for every skill in use, in one pass (for the editor's list)."""
        counts: dict[str, list[int]] = {}
        with self.database.engine.connect() as conn:
            for (text,) in conn.execute(select(Client.skills).where(Client.skills != "")):
                for code in set(split_codes(text)):
                    counts.setdefault(code, [0, 0])[0] += 1
            rows = conn.execute(
                select(Offer.skills_required, Offer.skills_nice).where(
                    or_(Offer.skills_required != "", Offer.skills_nice != "")
                )
            )
            for required, nice in rows:
                for code in set(split_codes(required)) | set(split_codes(nice)):
                    counts.setdefault(code, [0, 0])[1] += 1
        return {code: (clients, offers) for code, (clients, offers) in counts.items()}

    def delete(self, code: str) -> None:
        """Remove an unused skill of the office; skills in use or shipped are only deactivated."""
        with self.database.session() as session, session.begin():
            row = session.get(Skill, code)
            if row is None:
                raise UserError("Diesen Eintrag gibt es nicht mehr.")
            if row.seeded:
                raise UserError(
                    f"„{row.label}“ gehört zum mitgelieferten Verzeichnis und kann nicht gelöscht "
                    "werden; bitte stattdessen deaktivieren."
                )
            clients, offers = _usage(session, code)
            if clients or offers:
                raise UserError(
                    f"„{row.label}“ wird noch bei {_count(clients, 'Klient:in', 'Klient:innen')} "
                    f"und {_count(offers, 'Angebot', 'Angeboten')} verwendet und kann nicht "
                    "gelöscht werden; bitte stattdessen deaktivieren."
                )
            session.delete(row)


def _check_unique(session: Session, label: str, code: str | None) -> None:
    """Labels stay unique (compared without case, accents and hyphens) among all skills."""
    wanted = normalise(label)
    for other_code, other_label in session.execute(select(Skill.code, Skill.label)):
        if other_code != code and normalise(other_label) == wanted:
            raise ValidationError(
                [FieldError("label", f"„{label.strip()}“ steht schon in der Liste.")]
            )


def _usage(session: Session, code: str) -> tuple[int, int]:
    pattern = "%," + code.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ",%"

    def holds(column: Any) -> Any:
        return (literal(",") + column + literal(",")).like(pattern, escape="\\")

    clients = session.execute(
        select(func.count()).select_from(Client).where(holds(Client.skills))
    ).scalar_one()
    offers = session.execute(
        select(func.count())
        .select_from(Offer)
        .where(or_(holds(Offer.skills_required), holds(Offer.skills_nice)))
    ).scalar_one()
    return int(clients), int(offers)
