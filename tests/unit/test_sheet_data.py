"""SheetData values, offer URLs and the pathway templates."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from srek_desk.sheets import (
    Commute,
    PathwayStep,
    SheetData,
    default_steps,
    load_templates,
    offer_url,
)
from srek_desk.sheets.sample import sample_offers, sample_sheet
from srek_desk.sheets.texts import TEXTS, commute_line


def test_ba_reference_opens_the_jobboerse() -> None:
    assert offer_url("10000-1184867112-S", "firma.example") == (
        "https://www.arbeitsagentur.de/jobsuche/jobdetail/10000-1184867112-S"
    )
    assert offer_url("INTERN-42", "www.firma.example/jobs") == "https://www.firma.example/jobs"
    assert offer_url("INTERN-42", "http://firma.example") == "http://firma.example"
    assert offer_url("INTERN-42", "") == ""


def test_lists_become_tuples_and_steps_are_edited_by_copy() -> None:
    sheet = sample_sheet()
    edited = SheetData(sheet.office, sheet.counsellor, sheet.date, steps=[PathwayStep("A")])
    assert edited.steps == (PathwayStep("A"),) and edited.offers == ()
    edited = edited.with_step(PathwayStep("C")).with_step(PathwayStep("B"), at=1)
    assert [s.text for s in edited.steps] == ["A", "B", "C"]
    assert [s.text for s in edited.without_step(0).steps] == ["B", "C"]
    with pytest.raises(ValueError):
        SheetData(sheet.office, sheet.counsellor, sheet.date, language="fr")
    with pytest.raises(ValueError):
        Commute("tram", 10, 3)


def test_commute_line() -> None:
    """Estimated minutes say "ca." (Einfache Sprache "etwa"); the office's table figures do not;
    the distance is an estimated route (straight line × detour factor) and always says "ca."."""
    commutes = (Commute("pt", 32.4, 21.3), Commute("car", 18, 21.3))
    assert (
        commute_line(commutes, TEXTS["de"])
        == "ca. 32 min mit Bus und Bahn, ca. 18 min mit dem Auto, ca. 21 km"
    )
    assert (
        commute_line((Commute("bike", 12, 3.04),), TEXTS["de"])
        == "ca. 12 min mit dem Fahrrad, ca. 3,0 km"
    )
    assert (
        commute_line((Commute("bike", 12, 3.04),), TEXTS["en"])
        == "approx. 12 min by bike, approx. 3.0 km"
    )
    tabled = (Commute("pt", 30, 21.3, from_table=True), Commute("car", 18, 21.3))
    assert (
        commute_line(tabled, TEXTS["de"])
        == "30 min mit Bus und Bahn, ca. 18 min mit dem Auto, ca. 21 km"
    )
    assert commute_line(tabled, TEXTS["de-simple"]).startswith(
        "30 min mit Bus und Bahn, etwa 18 min"
    )


def test_default_steps_from_shipped_templates() -> None:
    offers = sample_offers("de")
    steps = default_steps(offers, "de", load_templates(), appointment=date(2026, 3, 2),
                          school_place="Witzenhausen")  # fmt: skip
    texts = [s.text for s in steps]
    assert texts[1] == "Bewerbung an Leinetal Energie GmbH bis 13.03.2026"
    assert steps[1].date == date(2026, 3, 13)
    assert "Termin bei uns am 02.03.2026" in texts
    assert "Berufsschule in Witzenhausen" in texts
    assert texts[-1].startswith("Förderung prüfen: Berufsausbildungsbeihilfe (BAB)")
    assert "Deutschlandticket für Auszubildende" in texts[-1]
    assert sum("Bewerbung an" in t for t in texts) == 3


@pytest.mark.parametrize("language", ["de", "de-simple", "en"])
def test_every_language_has_every_template(language: str) -> None:
    steps = default_steps(sample_offers(language), language, load_templates(),
                          appointment=date(2026, 3, 2), school_place="Kassel")  # fmt: skip
    assert all("{" not in s.text for s in steps)
    assert len(steps) == 9  # documents, 3 applications, appointment, school, 2 borders, funding


def test_no_offers_still_gives_the_funding_step() -> None:
    steps = default_steps([], "de", load_templates())
    assert len(steps) == 1 and steps[0].text.startswith("Förderung prüfen")


def test_office_copy_overrides_and_a_broken_copy_is_ignored(tmp_path: Path) -> None:
    office = tmp_path / "vorlagen.json"
    office.write_text(json.dumps({"de": {"appointment": "Komm am {date} ins Büro {raum}"}}),
                      encoding="utf-8")  # fmt: skip
    templates = load_templates(office)
    assert templates.text("de", "appointment", date="02.03.2026") == (
        "Komm am 02.03.2026 ins Büro {raum}"
    )
    assert templates.text("de", "school", place="Kassel") == "Berufsschule in Kassel"
    broken = tmp_path / "kaputt.json"
    broken.write_text("{ nicht json", encoding="utf-8")
    assert load_templates(broken).text("de", "school", place="X") == "Berufsschule in X"
