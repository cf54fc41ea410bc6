"""The commute column of the matching tables says what is known: "ca." for an estimate, the
office's figure as it is, "nur mit Umzug" for a move, "Arbeitsort unbekannt" without a place."""

from __future__ import annotations

from dataclasses import replace

from srek_desk.matching.engine import Matcher
from srek_desk.matching.explain import Explainer
from srek_desk.matching.index import ClientIndex, OfferIndex
from srek_desk.matching.occupation import RelatedOccupations
from srek_desk.matching.travel_times import TravelTimes
from srek_desk.reference.occupations import OccupationCatalog
from srek_desk.ui.models.match_columns import commute_text
from tests.unit.matching_fixtures import TODAY, client, offer


def _ranked(offers, person, table=None):  # type: ignore[no-untyped-def]
    related = RelatedOccupations([])
    matcher = Matcher(
        OfferIndex(offers),
        ClientIndex([person]),
        related,
        Explainer(OccupationCatalog.load(), related),
        travel_times=table,
        today=TODAY,
    )
    result = matcher.rank_offers(person)
    return {m.offer_id: m for m in result.matches + result.near_misses}


def test_commute_column_says_estimate_move_and_unknown_place() -> None:
    table = TravelTimes.from_rows([("34346", "37073", "car", 31.0)])
    ranked = _ranked(
        [offer(1, "34117"), offer(2, "37073"), replace(offer(3, "34117"), lat=None, lon=None)],
        client(postcode="34346", modes=("car",)),
        table,
    )
    assert commute_text(ranked[1]).startswith("ca. ") and commute_text(ranked[1]).endswith(
        " min · Auto"
    )
    assert commute_text(ranked[2]) == "31 min · Auto"  # the office's table: no "ca."
    assert commute_text(ranked[3]) == "Arbeitsort unbekannt"
    mover = _ranked([offer(4, "33098")], client(postcode="34346", relocate=True))
    text = commute_text(mover[4])
    assert text.startswith("nur mit Umzug (") and text.endswith(" km)") and "min" not in text
    approximate = _ranked(
        [offer(5, "33098", place_approximate=True)], client(postcode="34346", relocate=True)
    )
    assert commute_text(approximate[5]).startswith("nur mit Umzug (ca. ")


def test_reasons_speak_the_language_of_the_window() -> None:
    """One language per screen: an English window shows the English reasons, a German one German."""
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM']='offscreen'; sys.path.insert(0, '.')\n"
        "from srek_desk.app import create_application\n"
        "app = create_application(language=sys.argv[1])\n"
        "from tests.ui.test_matching_reasons import _ranked\n"
        "from tests.unit.matching_fixtures import client, offer\n"
        "from srek_desk.ui.models.match_columns import reasons_text\n"
        "mover = _ranked([offer(4, '33098')], client(postcode='34346', relocate=True))\n"
        "print(reasons_text(mover[4]))\n"
    )
    root = Path(__file__).resolve().parents[2]
    said = {}
    for language in ("de", "en"):
        result = subprocess.run(
            [sys.executable, "-c", code, language],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        said[language] = result.stdout
    assert "Nur mit Umzug (ca. " in said["de"] and "Only with a move" not in said["de"]
    assert "Only with a move (approx. " in said["en"] and "Umzug" not in said["en"]
