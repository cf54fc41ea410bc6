"""Where the demo data lives: the towns of the region with weights, the occupations used, results."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from srek_desk.errors import UserError
from srek_desk.geo.distance import haversine_km
from srek_desk.reference.catalog import ReferenceData
from srek_desk.reference.gazetteer import Place
from srek_desk.services.demo import vocabulary as vocab

# Centre of the region (Kassel) and how far offers and clients spread.
REGION_CENTRE = (51.3127, 9.4797)
REGION_RADIUS_KM = 95.0
CLIENT_RADIUS_KM = 55.0
DEMO_SOURCE = "demo"
BATCH = 5000


@dataclass
class DemoResult:
    offers: int = 0
    clients: int = 0
    employers: int = 0
    seconds: float = 0.0
    extras: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Town:
    place: Place
    weight: float


def region_towns(reference: ReferenceData, radius_km: float) -> list[Town]:
    """One entry per postcode in reach; towns with many postcodes weigh more (they are bigger)."""
    places: list[Place] = []
    postcodes_per_name: dict[str, int] = {}
    for postcode in reference.gazetteer.postcodes():
        place = reference.gazetteer.place_for_postcode(postcode)
        if place is None:
            continue
        if haversine_km(REGION_CENTRE[0], REGION_CENTRE[1], place.lat, place.lon) > radius_km:
            continue
        places.append(place)
        postcodes_per_name[place.name] = postcodes_per_name.get(place.name, 0) + 1
    places.sort(key=lambda p: p.postcode)
    return [Town(p, 1.0 + 0.6 * (postcodes_per_name[p.name] - 1)) for p in places]


def occupation_pool(reference: ReferenceData) -> list[tuple[str, str, bool, float]]:
    """(code, name, is_ausbildung, weight) for the occupations the demo uses."""
    pool = []
    for occupation in sorted(reference.occupations, key=lambda o: o.code):
        weight = vocab.SECTOR_WEIGHTS.get(occupation.code[:2], 0.3)
        pool.append((occupation.code, occupation.name, occupation.is_ausbildung, weight))
    if not pool:
        raise UserError(
            "Keine Berufe in den Referenzdaten: Demo-Daten können nicht erzeugt werden."
        )
    return pool


def weighted(
    rng: random.Random, items: Sequence[Any], weights: Sequence[float], k: int
) -> list[Any]:
    return rng.choices(items, weights=weights, k=k)
