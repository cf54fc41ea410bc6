"""Skills vocabulary: add, edit, deactivate, delete only when unused, usage counts, seeding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select, update

from srek_desk.db.models import Client, Offer
from srek_desk.db.models_counselling import Skill
from srek_desk.db.skill_seed import seed_skills, shipped_skills
from srek_desk.errors import UserError
from srek_desk.services.core.validation import ValidationError
from srek_desk.services.offers.skills import SkillService

SKILLS_FILE = Path(__file__).resolve().parents[2] / "resources" / "skills" / "skills.json"


@pytest.fixture
def skills(database) -> SkillService:  # type: ignore[no-untyped-def]
    return SkillService(database)


def add_rows(database, *, clients: list[str], offers: list[tuple[str, str]]) -> None:  # type: ignore[no-untyped-def]
    with database.engine.begin() as conn:
        for number, codes in enumerate(clients):
            conn.execute(insert(Client).values(last_name=f"Test {number}", skills=codes))
        for number, (required, nice) in enumerate(offers):
            conn.execute(
                insert(Offer).values(
                    source="Test",
                    reference=f"S-{number}",
                    title="Titel",
                    skills_required=required,
                    skills_nice=nice,
                )
            )


def test_add_update_deactivate(skills) -> None:  # type: ignore[no-untyped-def]
    code = skills.add("Bagger fahren (Mobilbagger)", category="Bau", synonyms=["Mobilbagger", " "])
    assert code == "bagger_fahren_mobilbagger"
    assert skills.add("Bagger fahren / Mobilbagger!") == "bagger_fahren_mobilbagger_2"
    assert skills.resolver().resolve("mobilbagger") == code
    skills.update(code, label="Mobilbagger", category="Bau", synonyms=["Bagger"], active=False)
    entry = next(e for e in skills.vocabulary(include_inactive=True) if e.code == code)
    assert (entry.label, entry.synonyms, entry.active, entry.seeded) == (
        "Mobilbagger",
        ("Bagger",),
        False,
        False,
    )
    assert code not in {e.code for e in skills.vocabulary()}
    assert skills.resolver().resolve("Mobilbagger") is None  # deactivated: no longer resolved
    assert skills.labels()[code] == "Mobilbagger"  # old records still show it


def test_labels_stay_unique(skills) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="steht schon in der Liste"):
        skills.add("erste-HILFE")
    code = skills.add("Kettensäge")
    with pytest.raises(ValidationError, match="Erste  Hilfe“ steht schon"):
        skills.update(code, label="Erste  Hilfe")
    skills.update(code, label="Kettensäge (Modul A)")  # its own label may be kept or changed
    skills.update("staplerschein", label="Staplerschein")
    with pytest.raises(ValidationError, match="Bezeichnung"):
        skills.update(code, label=" ")
    with pytest.raises(UserError, match="gibt es nicht mehr"):
        skills.update("gibt_es_nicht", label="Neu")


def test_usage_and_delete(skills, database) -> None:  # type: ignore[no-untyped-def]
    own = skills.add("Kettensäge")
    unused = skills.add("Hufschmied")
    # "sap_grundkenntnisse" must not be counted for a code like "sapXgrundkenntnisse".
    near = skills.add("SAPx Grundkenntnisse")
    add_rows(
        database,
        clients=[f"staplerschein,{own}", own, "erste_hilfe", ""],
        offers=[
            (own, ""),
            ("staplerschein", own),
            ("", "staplerschein"),
            ("sap_grundkenntnisse", ""),
        ],
    )
    assert skills.usage(own) == (2, 2)
    assert skills.usage("staplerschein") == (1, 2)
    assert skills.usage(unused) == (0, 0) and skills.usage(near) == (0, 0)
    counts = skills.usage_counts()
    assert counts[own] == (2, 2) and counts["staplerschein"] == (1, 2)
    assert counts["erste_hilfe"] == (1, 0) and unused not in counts
    with pytest.raises(UserError, match="2 Klient:innen und 2 Angeboten verwendet"):
        skills.delete(own)
    with pytest.raises(UserError, match="mitgelieferten Verzeichnis"):
        skills.delete("kranschein")  # shipped: the next start would bring it back
    skills.delete(unused)
    assert unused not in skills.labels()
    with pytest.raises(UserError, match="gibt es nicht mehr"):
        skills.delete(unused)
    skills.update(own, label="Kettensäge", active=False)  # in use: deactivating is fine
    assert skills.usage(own) == (2, 2)


def test_seed_adds_missing_codes_and_keeps_edits(skills, database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shipped = shipped_skills()
    with database.session() as session:
        assert session.execute(select(func.count()).select_from(Skill)).scalar_one() == len(shipped)
    assert skills.seed() == 0  # the migration seeded them all
    skills.update("staplerschein", label="Gabelstaplerschein (eigener Name)", active=False)
    skills.add("Hufbeschlag")
    with database.engine.begin() as conn:
        conn.execute(update(Skill).where(Skill.code == "kranschein").values(course="eigener Kurs"))
        conn.execute(Skill.__table__.delete().where(Skill.code == "erste_hilfe"))  # type: ignore[attr-defined]
    # A newer version ships two more skills, one with a label the office already uses.
    data = json.loads(SKILLS_FILE.read_text("utf-8"))
    data["skills"] += [
        {"code": "bagger_neu", "label": "Bagger (neu)", "category": "Bau"},
        {"code": "hufbeschlag_neu", "label": "HUFBESCHLAG", "category": "Handwerk"},
    ]
    newer = tmp_path / "skills.json"
    newer.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with database.engine.begin() as conn:
        assert seed_skills(conn, newer) == 2  # "erste_hilfe" (missing) and "bagger_neu"
    labels = skills.labels()
    assert labels["staplerschein"] == "Gabelstaplerschein (eigener Name)"
    assert labels["bagger_neu"] == "Bagger (neu)" and "hufbeschlag_neu" not in labels
    assert labels["erste_hilfe"] == "Erste Hilfe"
    entries = {e.code: e for e in skills.vocabulary(include_inactive=True)}
    assert entries["kranschein"].course == "eigener Kurs" and not entries["staplerschein"].active
    with database.engine.begin() as conn:
        assert seed_skills(conn, newer) == 0


def test_opening_the_app_context_seeds_missing_skills(tmp_path: Path) -> None:
    from srek_desk.config import Config
    from srek_desk.context import AppContext

    config = Config.defaults().with_values(database__url=str(tmp_path / "app.sqlite3"))
    context = AppContext.open(config, daily_backup=False)
    with context.database.engine.begin() as conn:
        conn.execute(Skill.__table__.delete().where(Skill.code == "staplerschein"))  # type: ignore[attr-defined]
    context.close()
    context = AppContext.open(config, daily_backup=False)
    try:
        assert "staplerschein" in SkillService(context.database).labels()
    finally:
        context.close()
