"""Builders for matching tests: offers and clients at real places of the region."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from srek_desk.matching import codes
from srek_desk.matching.index import ClientProfile, OfferRow
from srek_desk.reference.gazetteer import Gazetteer

_GAZETTEER = Gazetteer.load()
TODAY = date(2026, 11, 24)


def offer(offer_id: int, postcode: str, kldb: str = "26112", **changes: Any) -> OfferRow:
    place = _GAZETTEER.place_for_postcode(postcode)
    assert place is not None, postcode
    row = OfferRow(
        id=offer_id,
        source="test",
        reference=f"T-{offer_id:04d}",
        offer_type="ausbildung",
        title=f"Ausbildung {kldb} in {place.name}",
        employer_name="Muster GmbH",
        kldb_code=kldb,
        required_level=int(kldb[4]),
        required_school="",
        postcode=postcode,
        place=place.name,
        state=place.state,
        lat=place.lat,
        lon=place.lon,
        working_time="vollzeit",
        fixed_term=False,
        start_date=date(2027, 8, 1),
        application_deadline=date(2027, 4, 30),
        driving_licence="",
        german_level="",
        confirmed_at=datetime(2026, 11, 20, 9, 30, tzinfo=UTC),  # four days before TODAY
    )
    return replace(row, **changes)


def client(
    client_id: int = 1,
    postcode: str = "34346",
    wishes: tuple[tuple[str, int], ...] = (("26112", 1),),
    **changes: Any,
) -> ClientProfile:
    place = _GAZETTEER.place_for_postcode(postcode)
    assert place is not None
    profile = ClientProfile(
        id=client_id,
        customer_number=f"K-{client_id:04d}",
        home_postcode=postcode,
        home_place=place.name,
        home_state=place.state,
        lat=place.lat,
        lon=place.lon,
        wishes=wishes,
        school_rank=codes.school_rank("mittlere_reife"),
        vocational_level=1,
        german_rank=6,
        licence_mask=codes.licence_mask(["B"]),
        modes=("car", "pt"),
        max_minutes=45.0,
        relocate=False,
        working_time_mask=codes.working_time_mask("vollzeit"),
        earliest_start=date(2027, 8, 1),
    )
    return replace(profile, **changes)
