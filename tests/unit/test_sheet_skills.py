"""Skills and freshness on the sheet: a missing skill becomes a course step, "Stand" is printed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from srek_desk.sheets import SkillGap, default_steps, load_templates
from srek_desk.sheets.pathway import skill_steps
from srek_desk.sheets.sample import sample_sheet
from tests.unit.test_sheet_support import flat, render

STAPLER = SkillGap("Staplerschein", "Staplerschein-Kurs (Flurförderzeugführer, 1–3 Tage)")
SPS = SkillGap("SPS-Programmierung")  # the office's own skill without a course text


def _sheet(language: str = "de"):  # type: ignore[no-untyped-def]
    sheet = sample_sheet(language)
    offers = list(sheet.offers)
    offers[1] = replace(offers[1], skills_missing=(STAPLER, SPS, STAPLER))
    offers[3] = replace(offers[3], skills_missing=(STAPLER,), skills_have=("Erste Hilfe",))
    return replace(
        sheet, offers=tuple(offers), steps=tuple(default_steps(offers, language, load_templates()))
    )


def test_missing_skills_become_course_steps_most_needed_first() -> None:
    steps = [s.text for s in _sheet().steps]
    assert steps[0].startswith("Bewerbungsunterlagen fertig machen")
    assert steps[1] == (
        "Staplerschein-Kurs (Flurförderzeugführer, 1–3 Tage). "
        "Für 2 deiner Angebote brauchst du: Staplerschein."
    )  # twice on one offer still counts that offer once
    assert steps[2] == (
        "Passenden Kurs mit uns suchen. Für die Stelle bei Nordhessische Antriebstechnik GmbH "
        "brauchst du: SPS-Programmierung."
    )
    assert steps[3].startswith("Bewerbung an")


@pytest.mark.parametrize(
    ("language", "many", "none"),
    [
        (
            "de-simple",
            "Das brauchst du für 2 Stellen: Staplerschein.",
            "Wir suchen zusammen einen Kurs.",
        ),
        ("en", "2 of your offers require: Staplerschein.", "Find a suitable course with us."),
    ],
)
def test_every_language_has_the_skill_templates(language: str, many: str, none: str) -> None:
    texts = [s.text for s in _sheet(language).steps]
    assert texts[1].endswith(many) and texts[2].startswith(none)
    assert all("{" not in t for t in texts)


def test_no_gaps_no_skill_steps() -> None:
    sheet = sample_sheet()
    assert skill_steps(sheet.offers, "de", load_templates()) == []
    assert [s.text for s in default_steps(sheet.offers, "de", load_templates())] == [
        s.text for s in default_steps(list(sheet.offers), "de", load_templates())
    ]


def test_office_may_reword_the_skill_step(tmp_path) -> None:  # type: ignore[no-untyped-def]
    office = tmp_path / "vorlagen.json"
    office.write_text(
        '{"de": {"skill_course": "{skill}: {course} ({count} Stellen)"}}', encoding="utf-8"
    )
    steps = skill_steps(_sheet().offers, "de", load_templates(office))
    assert (
        steps[0].text
        == "Staplerschein: Staplerschein-Kurs (Flurförderzeugführer, 1–3 Tage) (2 Stellen)"
    )


def test_pdf_shows_steps_skills_and_stand() -> None:
    sheet = _sheet()
    pages, text, _ = render(sheet)
    assert pages == 2  # the skill lines and the Stand still fit the two pages
    for step in sheet.steps[1:3]:
        assert text.contains(step.text), step.text
    assert text.contains("Das bringst du mit: Erste Hilfe")
    assert text.contains("Dafür fehlt noch: Staplerschein, SPS-Programmierung")
    for offer in sheet.offers:
        assert offer.confirmed_on is not None
        assert text.contains(f"Stand: {offer.confirmed_on:%d.%m.%Y}")


def test_english_stand_and_no_stand_when_unknown() -> None:
    _, text, _ = render(_sheet("en"))
    assert text.contains("As of: 14 Feb 2026")  # sample: confirmed two days before the sheet
    unknown = replace(sample_sheet(), offers=tuple(
        replace(o, confirmed_on=None) for o in sample_sheet().offers
    ))  # fmt: skip
    pages, text, _ = render(unknown)
    assert not text.contains("Stand:")  # the footer says "Datum" for the sheet's own date
    assert flat(text.text).count("Datum:16.02.2026") == pages
    assert sample_sheet().offers[0].confirmed_on == date(2026, 2, 14)
