"""The sheet's "Weg" line and "Dein Weg" steps say what is known: estimates "ca.", a move
"nur mit Umzug" with a step about moving, an unknown place of work as unknown."""

from __future__ import annotations

from dataclasses import replace

import pytest

from srek_desk.services.settings.service import validate_templates
from srek_desk.sheets.data import Commute
from srek_desk.sheets.pathway import TEMPLATE_KEYS, default_steps, load_templates
from srek_desk.sheets.sample import sample_offers, sample_sheet
from srek_desk.sheets.texts import TEXTS, offer_commute_line
from tests.unit.test_sheet_support import render

FAR = (Commute("pt", 336, 160.4), Commute("car", 140, 160.4))


def far_offer(language: str = "de", **changes):  # type: ignore[no-untyped-def]
    first = sample_offers(language)[0]
    return replace(first, place="Paderborn", commutes=FAR, relocation=True, **changes)


@pytest.mark.parametrize(
    "language, expected",
    [
        ("de", "nur mit Umzug (ca. 160 km)"),
        ("de-simple", "Zu weit zum Fahren (etwa 160 km). Nur mit Umzug."),
        ("en", "only if you move (approx. 160 km)"),
    ],
)
def test_a_move_replaces_the_travel_time(language: str, expected: str) -> None:
    line = offer_commute_line(far_offer(language), TEXTS[language])
    assert line == expected
    assert "336" not in line and "min" not in line


def test_approximate_and_unknown_places() -> None:
    near = sample_offers()[0]
    assert offer_commute_line(near, TEXTS["de"]) == (
        "ca. 38 min mit Bus und Bahn, ca. 24 min mit dem Auto, ca. 27 km"
    )
    approximate = replace(near, place_approximate=True)
    assert offer_commute_line(approximate, TEXTS["de"]).endswith(", ca. 27 km")
    assert offer_commute_line(far_offer(place_approximate=True), TEXTS["de"]) == (
        "nur mit Umzug (ca. 160 km)"
    )
    nowhere = replace(near, commutes=(), lat=None, lon=None, place_unknown=True)
    assert offer_commute_line(nowhere, TEXTS["de"]) == "Arbeitsort unbekannt"
    assert offer_commute_line(nowhere, TEXTS["en"]) == "place of work unknown"


@pytest.mark.parametrize("language", ["de", "de-simple", "en"])
def test_a_move_gets_a_step_about_moving(language: str) -> None:
    templates = load_templates()
    offers = [*sample_offers(language)[:2], far_offer(language)]
    steps = [s.text for s in default_steps(offers, language, templates)]
    moving = [s for s in steps if "Paderborn" in s]
    assert len(moving) == 1
    assert "BAB" in moving[0] and ("Jugendwohnen" in moving[0] or "Wohnheim" in moving[0])
    assert steps.index(moving[0]) == len(steps) - 2  # before the funding step
    without = [s.text for s in default_steps(sample_offers(language), language, templates)]
    assert not any("Umzug" in s or "move" in s for s in without)


def test_the_moving_template_is_editable_like_the_others() -> None:
    assert "relocation" in TEMPLATE_KEYS
    shipped = load_templates().by_language
    assert all("{place}" in shipped[lang]["relocation"] for lang in ("de", "de-simple", "en"))
    assert validate_templates({"de": {"relocation": "Umzug nach {place} mit uns planen"}}) == []
    [error] = validate_templates({"de": {"relocation": "Umzug planen"}})
    assert error.field == "de.relocation" and "{place}" in error.message


def test_the_printed_sheet_says_umzug_not_minutes() -> None:
    sheet = sample_sheet("de")
    offers = [far_offer(), *sheet.offers[1:]]
    steps = default_steps(offers, "de", load_templates())
    _, text, _ = render(sheet.with_offers(offers).with_steps(steps))
    assert text.contains("Weg: nur mit Umzug (ca. 160 km)")
    assert not text.contains("336 min")
    assert text.contains("Umzug nach Paderborn planen")
