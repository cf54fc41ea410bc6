"""Einstellungen: settings per group, validated saving, pathway templates, related occupations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from srek_desk.config import Config
from srek_desk.services.core.validation import ValidationError
from srek_desk.services.offers.reference_tables import add_related, list_related
from srek_desk.services.settings.service import (
    effective_templates,
    office_templates_path,
    reset_templates,
    save_settings,
    save_templates,
    settings_of,
    validate_settings,
    validate_templates,
)
from srek_desk.sheets.pathway import load_templates


def test_groups_list_their_settings_with_defaults() -> None:
    config = Config.load()
    sheet = {s.key: s for s in settings_of(config, "sheet")}
    assert sheet["sheet.default_offers"].value == 5
    assert sheet["sheet.default_language"].value == "de"
    assert sheet["sheet.default_offers"].source == "default"
    assert len(settings_of(config, "matching")) >= 6
    with pytest.raises(KeyError):
        settings_of(config, "database")


def test_save_settings_writes_user_config(tmp_path: Path, reference) -> None:  # type: ignore[no-untyped-def]
    config = save_settings(
        {
            "office.name": "Agentur Witzenhausen",
            "commute.pt_speed_kmh": "27,5",
            "sheet.default_offers": 7,
        },
        reference=reference,
    )
    assert config["office.name"] == "Agentur Witzenhausen"
    assert config["commute.pt_speed_kmh"] == 27.5
    assert Config.load()["sheet.default_offers"] == 7
    assert config.source("office.name").startswith("Benutzerkonfiguration")


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"commute.car_detour_factor": 0.5}, "commute.car_detour_factor"),
        ({"commute.car_speed_kmh": "schnell"}, "commute.car_speed_kmh"),
        ({"matching.weight_commute": -1}, "matching.weight_commute"),
        ({"sheet.default_offers": 50}, "sheet.default_offers"),
        ({"sheet.default_language": "fr"}, "sheet.default_language"),
        ({"office.postcode": "00000"}, "office.postcode"),
        ({"office.email": "büro@"}, "office.email"),
        ({"office.logo_path": "/nicht/da.png"}, "office.logo_path"),
        ({"commute.arrive_by": "7 Uhr 30"}, "commute.arrive_by"),
        ({"commute.walk_speed_kmh": 0}, "commute.walk_speed_kmh"),
        ({"database.url": "x"}, "database.url"),
    ],
)
def test_invalid_settings_are_refused(values, field, reference) -> None:  # type: ignore[no-untyped-def]
    errors = validate_settings(values, reference)
    assert [e.field for e in errors] == [field]
    with pytest.raises(ValidationError):
        save_settings(values, reference=reference)


def test_templates_keep_their_placeholders() -> None:
    assert validate_templates({"de": {"apply": "Bewerbung an {employer} bis {deadline}!"}}) == []
    missing = validate_templates({"de": {"apply": "Bewerbung bis {deadline}"}})
    assert missing[0].field == "de.apply" and "{employer}" in missing[0].message
    unknown = validate_templates({"en": {"documents": "Bring {stuff}"}})
    assert "{stuff}" in unknown[0].message
    broken = validate_templates({"de": {"school": "Berufsschule in {place"}})
    assert "Klammer" in broken[0].message
    assert validate_templates({"xx": {"apply": "x"}})[0].field == "xx.apply"


def test_saved_templates_are_used_by_sheets_and_can_be_reset() -> None:
    text = "Unterlagen bis Freitag fertig machen"
    path = save_templates({"de": {"documents": text}})
    assert path == office_templates_path()
    save_templates({"en": {"documents": "Prepare your papers"}})  # other texts stay
    assert effective_templates()["de"]["documents"] == text
    assert load_templates(path).text("de", "documents") == text
    assert load_templates(path).text("en", "documents") == "Prepare your papers"
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert set(stored["de"]) == {"documents"}  # only what differs from the shipped texts
    save_templates({"de": {"documents": ""}})  # empty: back to the shipped text
    assert effective_templates()["de"]["documents"] != text
    with pytest.raises(ValidationError):
        save_templates({"de": {"apply": "ohne Platzhalter"}})
    assert reset_templates() and not path.exists()
    assert not reset_templates()


def test_list_related_names_both_sides(database, reference) -> None:  # type: ignore[no-untyped-def]
    add_related(database, "81302", "52122", "Schichtdienst")
    rows = list_related(database, reference.occupations)
    assert len(rows) >= 30
    row = next(r for r in rows if {r[0], r[2]} == {"52122", "81302"})
    assert row[4:] == ("Schichtdienst", "office") and row[1] and row[3]
    seeded = next(r for r in rows if r[5] == "project")
    assert seeded[1] and seeded[3]
    assert list_related(database)[0][1] == ""
