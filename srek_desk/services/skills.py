"""The skills and certificates vocabulary: list, add, edit, deactivate, and text → code.

Clients and offers refer to skills by code (comma-separated columns, see db.models_counselling),
so labels can be edited freely. `SkillResolver` turns free text from an import or a CSV cell
("Gabelstapler; Erste-Hilfe-Kurs") into codes by label and synonyms.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from srek_desk.db.models import utcnow
from srek_desk.db.models_counselling import Skill
from srek_desk.db.skill_seed import seed_skills
from srek_desk.errors import UserError
from srek_desk.services.database import Database
from srek_desk.services.validation import FieldError, ValidationError

MAX_LABEL, MAX_CATEGORY, MAX_COURSE, MAX_SYNONYMS = 100, 60, 200, 4000
_SEPARATORS = re.compile(r"[,;\n|/]+")


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
        """(codes found, parts not understood) of a cell like "Staplerschein; Erste Hilfe"."""
        codes: list[str] = []
        unknown: list[str] = []
        for part in _SEPARATORS.split(text):
            part = part.strip()
            if not part:
                continue
            code = self.resolve(part)
            if code is None:
                unknown.append(part)
            elif code not in codes:
                codes.append(code)
        return tuple(codes), tuple(unknown)


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
            return dict(session.execute(select(Skill.code, Skill.label)).tuples().all())

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
            if any(normalise(label) == normalise(row.label) for row in session.query(Skill)):
                raise ValidationError(
                    [FieldError("label", f"„{label.strip()}“ steht schon in der Liste.")]
                )
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
            row.label = label.strip()
            row.category = category.strip()
            row.course = course.strip()
            row.synonyms = "\n".join(synonyms)
            row.active = active
            row.updated_at = utcnow()
