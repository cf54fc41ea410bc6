"""Postcode gazetteer: German postcodes to place names, state, district and coordinates.

The data is a gzip'd TSV under resources/gazetteer/, built by scripts/build_gazetteer.py from
PyPI reference packages (see resources/gazetteer/ATTRIBUTION.md). One row per (postcode, place),
the primary place of a postcode first; the primary place carries the postcode's centre.

Name search is prefix-based and umlaut-insensitive and also matches the words after the first
("Münden" finds "Hann. Münden", "am Main" finds "Frankfurt am Main"). Hits are grouped by *town*
(same name, same state, close together; the build flags each town's central postcode) and
ranked: whole-name exact, whole-name prefix, later-word exact, later-word prefix; within a rank
more postcodes first, then larger population. The result holds first one Place per town (its
central postcode), and only when `limit` leaves room the remaining postcodes of those towns, in
the same town order; so "Kassel" gives 34117 first, and 50 Kassel rows only if asked for.
"""

from __future__ import annotations

import gzip
import re
import threading
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from srek_desk.paths import resource

DATA_FILE = "de_postcodes.tsv.gz"
FORMAT_HEADER = "postcode\tname\tstate\tdistrict\tlat\tlon\tpopulation\tcentral"

STATE_NAMES: dict[str, str] = {
    "BW": "Baden-Württemberg",
    "BY": "Bayern",
    "BE": "Berlin",
    "BB": "Brandenburg",
    "HB": "Bremen",
    "HH": "Hamburg",
    "HE": "Hessen",
    "MV": "Mecklenburg-Vorpommern",
    "NI": "Niedersachsen",
    "NW": "Nordrhein-Westfalen",
    "RP": "Rheinland-Pfalz",
    "SL": "Saarland",
    "SN": "Sachsen",
    "ST": "Sachsen-Anhalt",
    "SH": "Schleswig-Holstein",
    "TH": "Thüringen",
}

# Abbreviations and their long forms collapse to one token, so "Hann. Münden" ==
# "Hannoversch Münden", "St. Ingbert" == "Sankt Ingbert", "Wörth a.d. Isar" == "Wörth an der Isar".
_TOKEN_ALIASES: dict[str, str] = {
    "hann": "hannoversch",
    "st": "sankt",
    "am": "a",
    "an": "a",
    "bei": "b",
    "im": "i",
    "in": "i",
    "der": "d",
    "vor": "v",
}
_FOLDS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "æ": "a", "ø": "o"})
# "ae/oe/ue" spelt out for an umlaut; not after a vowel, so "Neuenkirchen" and "Mauer" stay intact.
_SPELT_UMLAUT = re.compile(r"(?<![aeiouy])([aou])e")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def _raw_tokens(text: str) -> list[str]:
    """Lower-cased, umlaut-folded, accent-free tokens split at punctuation and spaces."""
    folded = text.lower().translate(_FOLDS)
    if not folded.isascii():
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = decomposed.encode("ascii", "ignore").decode("ascii")
    spaced = _NON_ALNUM.sub(" ", folded)
    return _SPELT_UMLAUT.sub(r"\1", spaced).split()


def normalize_place_name(s: str) -> str:
    """Umlaut- and punctuation-insensitive search key of a place name.

    "Hann. Münden", "Hannoversch Muenden" and "hannoversch munden" all give "hannoversch munden".
    """
    return " ".join(_TOKEN_ALIASES.get(token, token) for token in _raw_tokens(s))


def _query_keys(query: str) -> list[str]:
    """Keys to look a typed query up with: an unfinished last word ("St") is also taken literally."""
    tokens = _raw_tokens(query)
    if not tokens:
        return []
    keys = [" ".join(_TOKEN_ALIASES.get(token, token) for token in tokens)]
    last_is_unfinished = not query.rstrip().endswith(".")
    if last_is_unfinished and tokens[-1] in _TOKEN_ALIASES:
        literal = " ".join([*keys[0].split(" ")[:-1], tokens[-1]])
        keys.append(literal)
    return keys


@dataclass(frozen=True, slots=True)
class Place:
    """One named place within one postcode area."""

    postcode: str
    name: str
    state: str
    district: str
    lat: float
    lon: float

    @property
    def state_name(self) -> str:
        return STATE_NAMES.get(self.state, self.state)


@dataclass(slots=True)
class _Town:
    """All places sharing one name in one state; `places` start with the central postcode."""

    name: str
    places: list[Place]
    population: int


@dataclass(slots=True)
class _NameIndex:
    """Sorted keys for prefix look-up: whole names and the word-suffixes of names."""

    towns: list[_Town]
    full_keys: list[str]
    full_towns: list[int]
    suffix_keys: list[str]
    suffix_towns: list[int]


# Match quality, best first.
_EXACT, _PREFIX, _SUFFIX_EXACT, _SUFFIX_PREFIX = range(4)


class Gazetteer:
    """Postcode and place-name look-ups over the shipped gazetteer; loads its file on first use."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._lock = threading.Lock()
        self._by_postcode: dict[str, tuple[Place, ...]] | None = None
        self._sorted_postcodes: list[str] = []
        self._town_rows: list[tuple[Place, int, bool]] = []
        self._names: _NameIndex | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> Gazetteer:
        """A gazetteer over `path` (default: the shipped file); raises if the file is missing."""
        data_path = path if path is not None else resource("gazetteer", DATA_FILE)
        if not data_path.is_file():
            raise FileNotFoundError(f"gazetteer data not found: {data_path}")
        return cls(data_path)

    # -- postcode look-ups -------------------------------------------------------------------

    def by_postcode(self, postcode: str) -> list[Place]:
        """All places of a postcode, primary first; [] if unknown."""
        return list(self._postcode_map().get(postcode.strip(), ()))

    def place_for_postcode(self, postcode: str) -> Place | None:
        """The primary place of a postcode, carrying the postcode's centre."""
        places = self._postcode_map().get(postcode.strip())
        return places[0] if places else None

    def is_valid_postcode(self, postcode: str) -> bool:
        return postcode.strip() in self._postcode_map()

    def coordinates(self, postcode: str) -> tuple[float, float] | None:
        place = self.place_for_postcode(postcode)
        return (place.lat, place.lon) if place else None

    def postcodes(self) -> Iterable[str]:
        """All postcodes in ascending order."""
        self._postcode_map()
        return iter(self._sorted_postcodes)

    def __len__(self) -> int:
        return len(self._postcode_map())

    # -- search ------------------------------------------------------------------------------

    def search(self, query: str, limit: int = 10) -> list[Place]:
        """Places for a postcode (prefix) or a place name (prefix), best first.

        A leading postcode (prefix) followed by a name ("37213 Witz") narrows a name search.
        """
        text = query.strip()
        if not text or limit <= 0:
            return []
        match = re.match(r"^(\d{1,5})\b\s*(.*)$", text)
        if match and not match.group(2):
            return self._search_postcode_prefix(match.group(1), limit)
        if match:
            return self._search_name(match.group(2), limit, postcode_prefix=match.group(1))
        return self._search_name(text, limit, postcode_prefix="")

    def resolve(self, query: str) -> Place | None:
        """The best single hit for a postcode or place name, or None."""
        hits = self.search(query, limit=1)
        return hits[0] if hits else None

    def towns_named(self, name: str) -> list[tuple[Place, ...]]:
        """Every town whose whole name is `name` (umlaut- and punctuation-insensitive, no
        prefixes), as its places with the central one first; several: the name is ambiguous."""
        key = normalize_place_name(name)
        if not key:
            return []
        index = self._name_index()
        hits = _prefix_hits(index.full_keys, index.full_towns, key)
        return [tuple(index.towns[town_id].places) for town_id, exact in hits if exact]

    def _search_postcode_prefix(self, prefix: str, limit: int) -> list[Place]:
        by_postcode = self._postcode_map()
        start = bisect_left(self._sorted_postcodes, prefix)
        hits: list[Place] = []
        for postcode in self._sorted_postcodes[start:]:
            if not postcode.startswith(prefix) or len(hits) >= limit:
                break
            hits.append(by_postcode[postcode][0])
        return hits

    def _search_name(self, query: str, limit: int, postcode_prefix: str) -> list[Place]:
        index = self._name_index()
        best_tier: dict[int, int] = {}
        for key in _query_keys(query):
            for tier_base, keys, towns in (
                (_EXACT, index.full_keys, index.full_towns),
                (_SUFFIX_EXACT, index.suffix_keys, index.suffix_towns),
            ):
                for town_id, exact in _prefix_hits(keys, towns, key):
                    tier = tier_base if exact else tier_base + 1
                    if tier < best_tier.get(town_id, 99):
                        best_tier[town_id] = tier

        def rank(town_id: int) -> tuple[int, int, int, str]:
            town = index.towns[town_id]
            return (best_tier[town_id], -len(town.places), -town.population, town.name)

        ranked = [index.towns[town_id] for town_id in sorted(best_tier, key=rank)]
        candidates = [
            [place for place in town.places if place.postcode.startswith(postcode_prefix)]
            for town in ranked
        ]
        hits = [places[0] for places in candidates if places][:limit]
        for places in candidates:
            if len(hits) >= limit:
                break
            hits.extend(places[1 : 1 + limit - len(hits)])
        return hits

    # -- loading -----------------------------------------------------------------------------

    def _postcode_map(self) -> dict[str, tuple[Place, ...]]:
        if self._by_postcode is None:
            with self._lock:
                if self._by_postcode is None:
                    self._read()
        assert self._by_postcode is not None
        return self._by_postcode

    def _read(self) -> None:
        with gzip.open(self._path, "rt", encoding="utf-8") as stream:
            lines = stream.read().splitlines()
        rows = [line for line in lines if line and not line.startswith("#")]
        if not rows or rows[0] != FORMAT_HEADER:
            raise ValueError(f"unexpected gazetteer format in {self._path}")
        grouped: dict[str, list[Place]] = {}
        town_rows: list[tuple[Place, int, bool]] = []
        for row in rows[1:]:
            postcode, name, state, district, lat, lon, population, central = row.split("\t")
            place = Place(postcode, name, state, district, float(lat), float(lon))
            grouped.setdefault(postcode, []).append(place)
            town_rows.append((place, int(population), central == "1"))
        self._town_rows = town_rows
        self._sorted_postcodes = sorted(grouped)
        self._by_postcode = {postcode: tuple(places) for postcode, places in grouped.items()}

    def _name_index(self) -> _NameIndex:
        self._postcode_map()
        if self._names is None:
            with self._lock:
                if self._names is None:
                    self._names = _build_name_index(self._town_rows)
        return self._names


def _build_name_index(rows: list[tuple[Place, int, bool]]) -> _NameIndex:
    # A town is one central postcode with the same-named places of its state nearest to it,
    # so the two towns called "Halle" in Niedersachsen stay apart.
    centrals: dict[tuple[str, str], list[_Town]] = {}
    for place, population, central in rows:
        if central:
            town = _Town(place.name, [place], population)
            centrals.setdefault((place.name, place.state), []).append(town)
    for place, population, central in rows:
        candidates = centrals.get((place.name, place.state))
        if central or not candidates:
            continue
        town = min(candidates, key=lambda t: _rough_km2(t.places[0], place))
        town.places.append(place)
        town.population = max(town.population, population)
    towns = [town for group in centrals.values() for town in group]
    key_cache: dict[str, str] = {}
    full: list[tuple[str, int]] = []
    suffixes: list[tuple[str, int]] = []
    for town_id, town in enumerate(towns):
        key = key_cache.get(town.name)
        if key is None:
            key = key_cache[town.name] = normalize_place_name(town.name)
        full.append((key, town_id))
        words = key.split(" ")
        suffixes.extend((" ".join(words[i:]), town_id) for i in range(1, len(words)))
    full.sort()
    suffixes.sort()
    return _NameIndex(
        towns=towns,
        full_keys=[key for key, _ in full],
        full_towns=[town_id for _, town_id in full],
        suffix_keys=[key for key, _ in suffixes],
        suffix_towns=[town_id for _, town_id in suffixes],
    )


def _rough_km2(a: Place, b: Place) -> float:
    """Squared planar distance, enough to pick the nearest of a few candidates."""
    return (a.lat - b.lat) ** 2 + ((a.lon - b.lon) * 0.63) ** 2


def _prefix_hits(keys: list[str], towns: list[int], prefix: str) -> Iterator[tuple[int, bool]]:
    """(town id, exact?) for every key starting with `prefix`."""
    for position in range(bisect_left(keys, prefix), len(keys)):
        key = keys[position]
        if not key.startswith(prefix):
            break
        yield towns[position], key == prefix
