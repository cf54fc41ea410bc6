"""The shipped skills vocabulary (resources/skills/skills.json) and how it enters a database.

Used by migration 0009 and at every start (`seed_skills`): codes the database lacks are added;
entries the office has edited or deactivated are never touched. A shipped skill whose label the
office already uses for a skill of its own is left out (labels stay unique).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from srek_desk import paths


@dataclass(frozen=True, slots=True)
class SeedSkill:
    code: str
    label: str
    category: str
    course: str
    synonyms: tuple[str, ...]


def shipped_skills(path: Path | None = None) -> list[SeedSkill]:
    data = json.loads((path or paths.resource("skills", "skills.json")).read_text("utf-8"))
    return [
        SeedSkill(
            code=item["code"],
            label=item["label"],
            category=item.get("category", ""),
            course=item.get("course", ""),
            synonyms=tuple(item.get("synonyms", ())),
        )
        for item in data["skills"]
    ]


def _label_key(label: str) -> str:
    return " ".join(label.casefold().replace("-", " ").split())


def seed_skills(connection: Connection, path: Path | None = None) -> int:
    """Insert the shipped skills whose codes are missing; returns how many were added."""
    table = sa.table(
        "skill",
        sa.column("code", sa.String),
        sa.column("label", sa.String),
        sa.column("category", sa.String),
        sa.column("course", sa.String),
        sa.column("synonyms", sa.Text),
        sa.column("seeded", sa.Boolean),
        sa.column("active", sa.Boolean),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )
    present: set[str] = set()
    labels: set[str] = set()
    for code, label in connection.execute(sa.select(table.c.code, table.c.label)):
        present.add(code)
        labels.add(_label_key(label))
    now = datetime.now(UTC).replace(microsecond=0)
    rows = [
        {
            "code": skill.code,
            "label": skill.label,
            "category": skill.category,
            "course": skill.course,
            "synonyms": "\n".join(skill.synonyms),
            "seeded": True,
            "active": True,
            "updated_at": now,
        }
        for skill in shipped_skills(path)
        if skill.code not in present and _label_key(skill.label) not in labels
    ]
    if rows:
        connection.execute(sa.insert(table), rows)
    return len(rows)
