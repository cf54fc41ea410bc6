"""Coverage of the gazetteer against the GeoNames postal-code list in ../shared/data (tests only).

Method, per postcode of HE, NI, NW and TH in geonames_de_postal_codes.csv:
- GeoNames lists one row per place. A postcode counts as covered when our coordinates lie within
  5 km of the mean of its rows *or* of one of its rows (our primary place is one of its places).
- Many GeoNames rows are town-level placeholders, not postcode centres: a coordinate shared by
  several postcodes (all 40xxx Düsseldorf rows at 51.2167, 6.7667) or rounded to whole arc
  minutes (52.7333, 10.7167). For postcodes whose every row is such a placeholder the reference
  only says "in this town", so the tolerance there is 15 km.
- Postcodes we lack and that are no longer current (not in the 2021 PLZ list of the same folder,
  e.g. 31029 Banteln, merged into 31028) leave the denominator; current ones we lack count as
  misses. Figures are printed (run with -s) for the record.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from srek_desk.geo.distance import haversine_km
from srek_desk.reference.gazetteer import Gazetteer

SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "plz_geo"
GEONAMES = SHARED_DATA / "geonames_de_postal_codes.csv"
CURRENT_PLZ = SHARED_DATA / "plz_ort_ags_suche-postleitzahl_2021.csv"
STATES = ("HE", "NI", "NW", "TH")
PRECISE_KM = 5.0
PLACEHOLDER_KM = 15.0

pytestmark = pytest.mark.skipif(
    not (GEONAMES.is_file() and CURRENT_PLZ.is_file()), reason="shared reference data absent"
)

Point = tuple[float, float]


def _on_minute_grid(value: str) -> bool:
    minutes = float(value) * 60
    return abs(minutes - round(minutes)) < 0.02


def _reference() -> tuple[dict[str, list[dict[str, str]]], set[str]]:
    with GEONAMES.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    by_postcode: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_postcode[row["zipcode"]].append(row)
    with CURRENT_PLZ.open(encoding="utf-8") as stream:
        current = {row["plz"] for row in csv.DictReader(stream)}
    return by_postcode, current


def _coverage(gazetteer: Gazetteer) -> dict[str, dict[str, float]]:
    by_postcode, current = _reference()
    postcodes_at: dict[tuple[str, str], set[str]] = defaultdict(set)
    for postcode, rows in by_postcode.items():
        for row in rows:
            postcodes_at[(row["latitude"], row["longitude"])].add(postcode)

    def placeholder(row: dict[str, str]) -> bool:
        shared = len(postcodes_at[(row["latitude"], row["longitude"])]) > 1
        return shared or (_on_minute_grid(row["latitude"]) and _on_minute_grid(row["longitude"]))

    figures: dict[str, dict[str, float]] = {}
    for state in STATES:
        counts: defaultdict[str, float] = defaultdict(float)
        for postcode, rows in by_postcode.items():
            if rows[0]["state_code"] != state:
                continue
            counts["listed"] += 1
            ours = gazetteer.coordinates(postcode)
            if ours is None and postcode not in current:
                counts["obsolete"] += 1
                continue
            counts["counted"] += 1
            if ours is None:
                continue
            points: list[Point] = [(float(r["latitude"]), float(r["longitude"])) for r in rows]
            mean = (
                sum(p[0] for p in points) / len(points),
                sum(p[1] for p in points) / len(points),
            )
            to_mean = haversine_km(*ours, *mean)
            nearest = min(to_mean, *(haversine_km(*ours, *p) for p in points))
            limit = PLACEHOLDER_KM if all(placeholder(r) for r in rows) else PRECISE_KM
            counts["covered"] += nearest <= limit
            counts["strict"] += to_mean <= PRECISE_KM
        counts["coverage"] = 100 * counts["covered"] / counts["counted"]
        counts["strict_coverage"] = 100 * counts["strict"] / counts["listed"]
        figures[state] = dict(counts)
    return figures


@pytest.fixture(scope="module")
def figures() -> dict[str, dict[str, float]]:
    result = _coverage(Gazetteer.load())
    for state, f in result.items():
        print(
            f"{state}: {f['covered']:.0f}/{f['counted']:.0f} covered = {f['coverage']:.2f} % "
            f"({f['obsolete']:.0f} obsolete of {f['listed']:.0f} listed); strict 5 km to the "
            f"mean of rows over all listed: {f['strict_coverage']:.2f} %"
        )
    return result


@pytest.mark.parametrize("state", STATES)
def test_coverage_at_least_99_percent(figures: dict[str, dict[str, float]], state: str) -> None:
    assert figures[state]["coverage"] >= 99.0, figures[state]


@pytest.mark.parametrize("state", STATES)
def test_few_postcodes_are_obsolete(figures: dict[str, dict[str, float]], state: str) -> None:
    # Guards the "obsolete" exclusion: it must stay a small share of the list.
    assert figures[state]["obsolete"] <= 0.06 * figures[state]["listed"], figures[state]


def test_every_current_postcode_of_the_region_is_known() -> None:
    by_postcode, current = _reference()
    gazetteer = Gazetteer.load()
    region = [p for p, rows in by_postcode.items() if rows[0]["state_code"] in STATES]
    unknown = [p for p in region if p in current and not gazetteer.is_valid_postcode(p)]
    assert unknown == []
