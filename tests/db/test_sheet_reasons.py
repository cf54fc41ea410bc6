"""Sheets from the database say how an offer is reached: "ca." minutes, "nur mit Umzug" with a
step about moving, and "Arbeitsort unbekannt" for an offer without coordinates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from srek_desk.config import Config
from srek_desk.db.models import Offer
from srek_desk.services.clients.service import ClientService
from srek_desk.services.core.access import SYSTEM
from srek_desk.services.sheets.service import SheetService
from tests.db.privacy_fixtures import person
from tests.unit.test_sheet_support import read_pdf


def _mover_office(database, reference):  # type: ignore[no-untyped-def]
    """A client in Göttingen (bus and train, 45 min) who would move, and three offers: one in
    Göttingen, one in Paderborn (coordinates of the place centre), one without coordinates."""
    client_id = ClientService(database).create(
        person("Jonas", "Berg", "K-MOVE", willing_to_relocate=True), reference
    )
    now = datetime.now(UTC).replace(microsecond=0) - timedelta(days=1)
    places = {
        "near": dict(postcode="37073", place="Göttingen", state="NI", lat=51.53, lon=9.93),
        "far": dict(
            postcode="33098",
            place="Paderborn",
            state="NW",
            lat=51.7189,
            lon=8.7575,
            place_approximate=True,
        ),
        "nowhere": dict(postcode="", place="", state="", lat=None, lon=None),
    }
    ids = {}
    with database.session() as session, session.begin():
        for number, (name, values) in enumerate(places.items(), start=1):
            row = Offer(
                source="test",
                reference=f"MV-{number}",
                offer_type="ausbildung",
                title=f"Ausbildung Mechatroniker/in {name}",
                employer_name=f"Betrieb {name}",
                kldb_code="26112",
                confirmed_at=now,
                **values,
            )
            session.add(row)
            session.flush()
            ids[name] = int(row.id)  # type: ignore[arg-type]
    return client_id, ids


def test_a_sheet_says_move_and_unknown_place(database, reference, tmp_path) -> None:  # type: ignore[no-untyped-def]
    client_id, ids = _mover_office(database, reference)
    service = SheetService(database, reference, Config.defaults(), actor=SYSTEM)
    prepared = service.prepare(client_id, top=5)
    # the offer without a place is no match, so the sheet does not pick it by itself
    assert set(prepared.offer_ids) == {ids["near"], ids["far"]}
    by_place = {o.place: o for o in prepared.data.offers}
    assert by_place["Paderborn"].relocation and by_place["Paderborn"].place_approximate
    assert not by_place["Göttingen"].relocation
    steps = [s.text for s in prepared.data.steps]
    assert any(s.startswith("Umzug nach Paderborn planen") for s in steps)
    text = read_pdf(service.render(prepared, tmp_path / "move.pdf").data)
    assert text.contains("Weg: nur mit Umzug (ca. ")
    assert text.contains("Weg: ca. ")  # the estimate to the offer in Göttingen
    # picked by hand, the offer without coordinates says so, with no distance at all
    picked = service.prepare(client_id, offer_refs=[ids["nowhere"], ids["near"]])
    nowhere = picked.data.offers[0]
    assert nowhere.place_unknown and nowhere.commutes == () and not nowhere.relocation
    text = read_pdf(service.render(picked, tmp_path / "picked.pdf").data)
    assert text.contains("Weg: Arbeitsort unbekannt")
    assert not any(s.text.startswith("Umzug") for s in picked.data.steps)


def test_matching_service_reads_approximate_places(database, reference) -> None:  # type: ignore[no-untyped-def]
    client_id, ids = _mover_office(database, reference)
    service = SheetService(database, reference, Config.defaults(), actor=SYSTEM)
    assert service.matching.offer_row(ids["far"]).place_approximate
    assert not service.matching.offer_row(ids["near"]).place_approximate
    _, result = service.matching.rank_offers(client_id, SYSTEM)
    far = next(m for m in result.matches if m.offer_id == ids["far"])
    assert far.relocation and far.place_approximate
    assert any(r.startswith("Nur mit Umzug (ca. ") for r in far.reasons)
    [miss] = [m for m in result.near_misses if m.offer_id == ids["nowhere"]]
    assert miss.place_unknown and miss.excluded_because.startswith("Arbeitsort unbekannt")
