"""Tests for the postcode gazetteer: look-ups, name search and the shipped data."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from srek_desk.geo.distance import haversine_km
from srek_desk.paths import resource
from srek_desk.reference.gazetteer import (
    DATA_FILE,
    FORMAT_HEADER,
    STATE_NAMES,
    Gazetteer,
    Place,
    normalize_place_name,
)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.mark.parametrize(
    ("postcode", "name", "state"),
    [
        ("34346", "Hann. Münden", "NI"),
        ("37213", "Witzenhausen", "HE"),
        ("37671", "Höxter", "NW"),
        ("37308", "Heilbad Heiligenstadt", "TH"),
        ("34414", "Warburg", "NW"),
        ("37603", "Holzminden", "NI"),
        ("37073", "Göttingen", "NI"),
    ],
)
def test_border_towns_have_their_state(
    gazetteer: Gazetteer, postcode: str, name: str, state: str
) -> None:
    place = gazetteer.place_for_postcode(postcode)
    assert place is not None
    assert (place.name, place.state) == (name, state)


def test_state_name_and_district(gazetteer: Gazetteer) -> None:
    place = gazetteer.place_for_postcode("37213")
    assert place is not None
    assert place.state_name == "Hessen"
    assert place.district == "Werra-Meißner-Kreis"
    assert gazetteer.place_for_postcode("37308").district == "Landkreis Eichsfeld"  # type: ignore[union-attr]


def test_state_names_cover_all_states() -> None:
    assert len(STATE_NAMES) == 16
    assert STATE_NAMES["NW"] == "Nordrhein-Westfalen"
    assert STATE_NAMES["TH"] == "Thüringen"
    assert Place("1", "x", "NI", "", 0, 0).state_name == "Niedersachsen"


def test_postcode_with_several_places_lists_primary_first(gazetteer: Gazetteer) -> None:
    places = gazetteer.by_postcode("37308")
    assert places[0].name == "Heilbad Heiligenstadt"
    assert {"Geismar", "Kella"} <= {p.name for p in places}
    assert all(p.postcode == "37308" for p in places)


def test_unknown_postcode(gazetteer: Gazetteer) -> None:
    assert gazetteer.by_postcode("00000") == []
    assert gazetteer.place_for_postcode("99999") is None
    assert gazetteer.coordinates("12") is None
    assert not gazetteer.is_valid_postcode("00000")
    assert not gazetteer.is_valid_postcode("3421")
    assert gazetteer.is_valid_postcode("34117")
    assert gazetteer.is_valid_postcode(" 34117 ")


def test_coordinates(gazetteer: Gazetteer) -> None:
    lat, lon = gazetteer.coordinates("34346")  # type: ignore[misc]
    assert haversine_km(lat, lon, 51.415, 9.650) < 3


def test_all_german_postcodes(gazetteer: Gazetteer) -> None:
    postcodes = list(gazetteer.postcodes())
    assert len(gazetteer) == len(postcodes) > 8000
    assert postcodes == sorted(postcodes)
    assert all(len(p) == 5 and p.isdigit() for p in postcodes)
    states = {gazetteer.place_for_postcode(p).state for p in postcodes}  # type: ignore[union-attr]
    assert states == set(STATE_NAMES)


def test_coordinates_lie_in_germany(gazetteer: Gazetteer) -> None:
    for postcode in gazetteer.postcodes():
        for place in gazetteer.by_postcode(postcode):
            assert 47.2 < place.lat < 55.1 and 5.8 < place.lon < 15.1, place


@pytest.mark.parametrize(
    "query", ["Hann. Münden", "Hannoversch Münden", "Muenden", "münden", "Munden", "hann munden"]
)
def test_hann_muenden_spellings(gazetteer: Gazetteer, query: str) -> None:
    place = gazetteer.resolve(query)
    assert place is not None
    assert (place.postcode, place.name, place.state) == ("34346", "Hann. Münden", "NI")


def test_resolve_witzenhausen(gazetteer: Gazetteer) -> None:
    place = gazetteer.resolve("Witzenhausen")
    assert place is not None
    assert (place.postcode, place.state) == ("37213", "HE")


def test_kassel_resolves_to_the_city_centre(gazetteer: Gazetteer) -> None:
    place = gazetteer.resolve("Kassel")
    assert place is not None
    assert place.name == "Kassel" and place.state == "HE"
    assert place.postcode.startswith("341")
    assert haversine_km(place.lat, place.lon, 51.31, 9.49) < 2


def test_town_with_many_postcodes_appears_once_then_its_others(gazetteer: Gazetteer) -> None:
    hits = gazetteer.search("Kassel", limit=5)
    assert [p.name for p in hits] == ["Kassel"] * 5
    assert len({p.postcode for p in hits}) == 5
    # Other towns come before the second Kassel postcode.
    hits = gazetteer.search("Göttingen", limit=3)
    assert hits[0].postcode == "37073"
    assert len({(p.name, p.postcode) for p in hits}) == 3


def test_exact_match_before_prefix_match(gazetteer: Gazetteer) -> None:
    hits = gazetteer.search("Halle", limit=4)
    # Both towns called Halle (Niedersachsen) before "Halle (Saale)" and "Halle (Westf.)".
    assert [(p.name, p.state) for p in hits[:2]] == [("Halle", "NI"), ("Halle", "NI")]
    assert {p.postcode for p in hits[:2]} == {"37620", "49843"}
    assert {p.name for p in hits[2:]} == {"Halle (Saale)", "Halle (Westf.)"}


def test_larger_town_first(gazetteer: Gazetteer) -> None:
    # Frankfurt am Main (many postcodes) before Frankfurt (Oder).
    hits = gazetteer.search("Frankfurt", limit=2)
    assert [p.name for p in hits] == ["Frankfurt am Main", "Frankfurt (Oder)"]


def test_name_prefix_search(gazetteer: Gazetteer) -> None:
    assert gazetteer.resolve("Witzenh").postcode == "37213"  # type: ignore[union-attr]
    assert gazetteer.resolve("Höx").name == "Höxter"  # type: ignore[union-attr]
    assert gazetteer.resolve("hoexter").name == "Höxter"  # type: ignore[union-attr]
    assert gazetteer.resolve("Heilbad Heil").postcode == "37308"  # type: ignore[union-attr]


def test_search_by_part_after_prefix(gazetteer: Gazetteer) -> None:
    names = [p.name for p in gazetteer.search("am Main", limit=10)]
    assert "Frankfurt am Main" in names


def test_abbreviation_still_allows_typing_a_word(gazetteer: Gazetteer) -> None:
    assert gazetteer.resolve("St. Ingbert").name == "St. Ingbert"  # type: ignore[union-attr]
    assert gazetteer.resolve("Sankt Ingbert").name == "St. Ingbert"  # type: ignore[union-attr]
    # "St" without a dot may be the start of "Stuttgart".
    assert "Stuttgart" in [p.name for p in gazetteer.search("St", limit=5)]


def test_postcode_prefix_search(gazetteer: Gazetteer) -> None:
    hits = gazetteer.search("3721", limit=3)
    assert [p.postcode for p in hits] == ["37213", "37214", "37215"]
    assert gazetteer.search("34346")[0].name == "Hann. Münden"
    assert gazetteer.search("999999") == []


def test_postcode_and_name_together(gazetteer: Gazetteer) -> None:
    hits = gazetteer.search("37308 Kel")
    assert [(p.postcode, p.name) for p in hits] == [("37308", "Kella")]


def test_search_edge_cases(gazetteer: Gazetteer) -> None:
    assert gazetteer.search("") == []
    assert gazetteer.search("   ") == []
    assert gazetteer.search("Kassel", limit=0) == []
    assert gazetteer.search("Xyzzyqwv") == []
    assert gazetteer.resolve("...") is None


def test_search_results_are_unique(gazetteer: Gazetteer) -> None:
    hits = gazetteer.search("B", limit=200)
    assert len(hits) == 200
    assert len({(p.name, p.postcode) for p in hits}) == 200


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Hann. Münden", "Hannoversch Muenden"),
        ("Münden", "munden"),
        ("Düsseldorf", "DUESSELDORF"),
        ("Gießen", "Giessen"),
        ("St. Ingbert", "Sankt Ingbert"),
        ("Wörth a.d. Isar", "Wörth an der Isar"),
        ("Frankfurt a. M.", "Frankfurt am M"),
        ("Leinefelde-Worbis", "leinefelde worbis"),
    ],
)
def test_normalize_equal(left: str, right: str) -> None:
    assert normalize_place_name(left) == normalize_place_name(right)


def test_normalize_keeps_real_vowel_pairs() -> None:
    assert normalize_place_name("Neuenkirchen") != normalize_place_name("Neunkirchen")
    assert normalize_place_name("Mauer") == "mauer"
    assert normalize_place_name("  Bad   Sooden-Allendorf! ") == "bad sooden allendorf"


def test_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        Gazetteer.load(tmp_path / "missing.tsv.gz")


def test_loads_a_custom_file_lazily(tmp_path: Path) -> None:
    path = tmp_path / "mini.tsv.gz"
    rows = [
        "# test data",
        FORMAT_HEADER,
        "37213\tWitzenhausen\tHE\tWerra-Meißner-Kreis\t51.34\t9.85\t16000\t1",
        "37308\tHeilbad Heiligenstadt\tTH\t\t51.37\t10.13\t17000\t1",
        "37308\tKella\tTH\t\t51.22\t10.08\t0\t1",
    ]
    path.write_bytes(gzip.compress(("\n".join(rows) + "\n").encode()))
    gazetteer = Gazetteer.load(path)
    path.unlink()  # nothing read yet: load() only checks the file is there
    with pytest.raises(FileNotFoundError):
        len(gazetteer)
    path.write_bytes(gzip.compress(("\n".join(rows) + "\n").encode()))
    gazetteer = Gazetteer.load(path)
    assert len(gazetteer) == 2
    assert gazetteer.by_postcode("37308")[1] == Place("37308", "Kella", "TH", "", 51.22, 10.08)
    assert gazetteer.resolve("kella").postcode == "37308"  # type: ignore[union-attr]


def test_rejects_unknown_format(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv.gz"
    path.write_bytes(gzip.compress(b"plz\tort\n37213\tWitzenhausen\n"))
    with pytest.raises(ValueError, match="format"):
        len(Gazetteer.load(path))


def test_shipped_file_is_small_and_loads() -> None:
    # It ships in every installer. Its load time is measured by benchmarks/bench_gazetteer.py.
    path = resource("gazetteer", DATA_FILE)
    assert path.stat().st_size < 2_000_000
    gazetteer = Gazetteer.load(path)
    assert len(gazetteer) > 8000
    assert gazetteer.search("Kassel")[0].name == "Kassel"
