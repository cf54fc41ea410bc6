"""Many offers × many clients at once: flat candidate pairs, scored in chunks (new chances).

`new_matches` gives the same pairs and scores as calling rank_clients for every offer, without a
Python loop per offer or per pair: offers and the flat wish table are joined on the KldB
Berufshauptgruppe (2 digits; every similarity kind except "related" lies within it), related
occupations are joined on their exact codes, each (offer, client) keeps its best wish, and
`score_pairs` scores the paired columns in chunks of `CHUNK_PAIRS`. Before scoring, pairs
that cannot be reached within the client's maximum commute are dropped by a safe lower bound
of the great-circle distance from the latitude and longitude differences (kept: clients who
would move, pairs the office's travel-time table covers, unknown coordinates).
"""

from __future__ import annotations

import math
from collections.abc import Collection
from typing import Any

import numpy as np
from numpy.typing import NDArray

from srek_desk.geo.commute import MODES
from srek_desk.matching import occupation as occ
from srek_desk.matching.bitsets import fit, flag_mask
from srek_desk.matching.codes import PREFERENCE_BIT
from srek_desk.matching.commuting import EARTH_RADIUS_KM
from srek_desk.matching.index import ClientIndex, ClientProfile, OfferIndex
from srek_desk.matching.scoring import Side, score_pairs
from srek_desk.matching.settings import MatchSettings
from srek_desk.matching.transit import TimetableCommutes, pair_minutes, with_timetable
from srek_desk.matching.travel_times import TravelTimes

# Offer index columns the scoring reads (see scoring.score_pairs).
OFFER_SIDE_FIELDS = (
    "lat",
    "lon",
    "offer_type",
    "required_level",
    "required_school",
    "working_mask",
    "fixed_term",
    "start",
    "licence",
    "german",
    "skills_required",
    "skills_nice",
    "flags",
)
CHUNK_PAIRS = 200_000
_CODE_SPAN = 100_000  # KldB codes have five digits: wish * span + offer is a unique pair key

Ints = NDArray[np.int64]


def preference_mask(client: ClientProfile) -> int:
    return flag_mask(client.preferences, PREFERENCE_BIT)


def offer_side(offers: OfferIndex, rows: Any) -> Side:
    return Side({name: getattr(offers, name)[rows] for name in OFFER_SIDE_FIELDS})


def client_side(clients: ClientIndex, rows: Any, words: int) -> Side:
    """The clients at `rows`, skills fitted to the offer index's `words`."""
    return Side(
        {
            "lat": clients.lat[rows],
            "lon": clients.lon[rows],
            "school": clients.school[rows],
            "vocational": clients.vocational[rows],
            "german": clients.german[rows],
            "licences": clients.licences[rows],
            "max_minutes": clients.max_minutes[rows],
            "relocate": clients.relocate[rows],
            "working_mask": clients.working_mask[rows],
            "earliest": clients.earliest[rows],
            "fixed_ok": clients.fixed_ok[rows],
            "modes": {m: clients.modes[m][rows] for m in MODES},
            "skills": fit(clients.skills[rows], words),
            "preferences": clients.preferences[rows],
        }
    )


def expand(sorted_keys: Ints, query_keys: Ints) -> tuple[Ints, Ints]:
    """All (query index, sorted index) with equal keys; `sorted_keys` ascending."""
    low = np.searchsorted(sorted_keys, query_keys, "left")
    counts = np.searchsorted(sorted_keys, query_keys, "right") - low
    query = np.repeat(np.arange(len(query_keys)), counts)
    offsets = np.cumsum(counts) - counts
    found = np.arange(int(counts.sum())) + np.repeat(low - offsets, counts)
    return query, found


def contains(sorted_keys: Ints, keys: Ints) -> NDArray[np.bool_]:
    """keys ∈ sorted_keys (a short sorted table), without sorting the long side."""
    if not len(sorted_keys):
        return np.zeros(len(keys), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    return sorted_keys[at] == keys


def pair_kinds(offer_codes: Ints, wish_codes: Ints, related_keys: Ints) -> NDArray[np.int8]:
    """occupation.kinds for paired codes (both > 0), in the same order of precedence."""
    kind = np.zeros(len(offer_codes), dtype=np.int8)
    kind[offer_codes // 1000 == wish_codes // 1000] = occ.SAME_GROUP_2
    kind[offer_codes // 100 == wish_codes // 100] = occ.SAME_GROUP_3
    if len(related_keys):
        kind[contains(related_keys, wish_codes * _CODE_SPAN + offer_codes)] = occ.RELATED
    kind[offer_codes // 10 == wish_codes // 10] = occ.SAME_GROUP_4
    kind[offer_codes == wish_codes] = occ.EXACT
    return kind


class _Wishes:
    """The alive clients' wishes, sorted for the two joins."""

    def __init__(self, clients: ClientIndex, related: occ.RelatedOccupations) -> None:
        usable = (clients.wish_kldb > 0) & clients.alive[clients.wish_owner]
        rows = np.nonzero(usable)[0]
        codes = clients.wish_kldb[rows].astype(np.int64)
        by_group = np.argsort(codes // 1000, kind="stable")
        self.group_rows, self.groups = rows[by_group], codes[by_group] // 1000
        by_code = np.argsort(codes, kind="stable")
        self.code_rows, self.codes = rows[by_code], codes[by_code]
        # related pairs (offer code, wish code) across Berufshauptgruppen; within one the
        # group join has them already
        known = np.array(related.ordered_pairs(), dtype=np.int64).reshape(-1, 2)
        self.related_keys = np.sort(known[:, 1] * _CODE_SPAN + known[:, 0])
        across = known[known[:, 0] // 1000 != known[:, 1] // 1000]
        across = across[np.argsort(across[:, 0], kind="stable")]
        self.related_offer, self.related_wish = across[:, 0], across[:, 1]

    def candidates(self, offer_codes: Ints) -> tuple[Ints, Ints]:
        """(index into offer_codes, wish row) of every pair that may share an occupation kind."""
        offer_at, found = expand(self.groups, offer_codes // 1000)
        wish_rows = self.group_rows[found]
        if len(self.related_offer):
            via_offer, via = expand(self.related_offer, offer_codes)
            pair_at, found = expand(self.codes, self.related_wish[via])
            offer_at = np.concatenate([offer_at, via_offer[pair_at]])
            wish_rows = np.concatenate([wish_rows, self.code_rows[found]])
        return offer_at, wish_rows


class _Reach:
    """Per client, the largest latitude / longitude difference a match can span."""

    def __init__(
        self,
        clients: ClientIndex,
        offers: OfferIndex,
        settings: MatchSettings,
        pt_speed_kmh: float | None = None,
        pt_known: NDArray[np.bool_] | None = None,
    ) -> None:
        km = np.full(len(clients.ids), -np.inf)
        for mode in MODES:
            p = settings.commute.for_mode(mode)
            by_mode = (
                (clients.max_minutes - p.access_minutes) / 60.0 * p.speed_kmh / p.detour_factor
            )
            if mode == "pt" and pt_speed_kmh is not None:
                # the timetable may beat the estimate: bound by its fastest ride, straight line
                # (for clients with a stop nearby; elsewhere the estimate stays)
                fastest = clients.max_minutes / 60.0 * pt_speed_kmh
                known = np.ones(len(fastest), dtype=bool) if pt_known is None else pt_known
                by_mode = np.where(known, np.maximum(by_mode, fastest), by_mode)
            km = np.where(clients.modes[mode], np.maximum(km, by_mode), km)
        # margin for rounding; no usable mode means an unknown commute, which never excludes
        km = np.where(np.isneginf(km), np.inf, km * 1.001 + 0.1)
        km = np.where(clients.relocate, np.inf, km)
        radius = EARTH_RADIUS_KM
        self.lat = np.degrees(np.maximum(km, 0.0) / radius)
        # d ≥ 2R·asin(cos φmax · sin(|Δλ|/2)) for points at most φmax from the equator
        widest = np.nanmax(np.abs(np.concatenate([clients.lat, offers.lat, [0.0]])))
        ratio = np.sin(np.minimum(np.maximum(km, 0.0) / (2 * radius), np.pi / 2)) / np.cos(
            np.radians(min(widest, 89.0))
        )
        self.lon = np.where(ratio >= 1.0, np.inf, np.degrees(2 * np.arcsin(np.minimum(ratio, 1.0))))

    def keep(
        self, clients: ClientIndex, offers: OfferIndex, client_rows: Ints, offer_rows: Ints
    ) -> NDArray[np.bool_]:
        """False only for pairs certainly beyond the client's commute (NaN compares False)."""
        beyond = np.abs(clients.lat[client_rows] - offers.lat[offer_rows]) > self.lat[client_rows]
        beyond |= np.abs(clients.lon[client_rows] - offers.lon[offer_rows]) > self.lon[client_rows]
        return ~beyond


def _chunks(counts: Ints, limit: int) -> list[tuple[int, int]]:
    """Consecutive ranges of offers with at most `limit` pairs each (one offer at least)."""
    ranges, start, total = [], 0, 0
    for end, count in enumerate(counts.tolist()):
        if total and total + count > limit:
            ranges.append((start, end))
            start, total = end, 0
        total += count
    if start < len(counts):
        ranges.append((start, len(counts)))
    return ranges


def _table(
    travel_times: TravelTimes,
    offers: OfferIndex,
    clients: ClientIndex,
    offer_rows: Ints,
    client_rows: Ints,
) -> dict[str, NDArray[np.float64]] | None:
    """The office's travel times for the pairs (NaN where unknown), as rank_clients uses them."""
    if not len(travel_times):
        return None
    table = {mode: np.full(len(offer_rows), math.nan) for mode in MODES}
    for row in np.unique(offer_rows).tolist():
        destination = offers.rows[row].postcode
        if not travel_times.covers_destination(destination):
            continue
        at = np.nonzero(offer_rows == row)[0]
        origins = [clients.profiles[c].home_postcode for c in client_rows[at].tolist()]
        for mode, minutes in travel_times.minutes_to(destination, origins).items():
            table[mode][at] = minutes
    return table


def new_matches(
    offers: OfferIndex,
    clients: ClientIndex,
    offer_ids: Collection[int],
    *,
    related: occ.RelatedOccupations,
    settings: MatchSettings,
    travel_times: TravelTimes,
    today: int,
    min_score: float,
    transit: TimetableCommutes | None = None,
) -> list[tuple[int, int, float]]:
    """(client_id, offer_id, score): matches scoring at least `min_score`, per offer in the
    order given, best first (ties by client id) — exactly what rank_clients would list."""
    wanted = [offers.position[i] for i in dict.fromkeys(offer_ids) if i in offers.position]
    positions = np.array(wanted, dtype=np.int64)
    if not len(positions) or not len(clients.wish_kldb):
        return []
    stale = offers.stale(today, settings.stale_after_days, positions)
    positions = positions[offers.alive[positions] & (offers.kldb[positions] > 0) & ~stale]
    wishes = _Wishes(clients, related)
    running = transit if transit is not None and transit.runs else None
    reach = _Reach(
        clients,
        offers,
        settings,
        running.fastest_kmh if running else None,
        running.covers(clients.lat, clients.lon) if running else None,
    )
    covered = np.array(
        [travel_times.covers_destination(offers.rows[p].postcode) for p in positions.tolist()]
        if len(travel_times)
        else np.zeros(len(positions), dtype=bool),
        dtype=bool,
    )
    offer_codes = offers.kldb[positions].astype(np.int64)
    counts = np.searchsorted(wishes.groups, offer_codes // 1000, "right") - np.searchsorted(
        wishes.groups, offer_codes // 1000, "left"
    )
    words = offers.skills_required.shape[1]
    found: list[tuple[int, int, float]] = []
    for start, end in _chunks(counts, CHUNK_PAIRS):
        offer_at, wish_rows = wishes.candidates(offer_codes[start:end])
        owner = clients.wish_owner[wish_rows]
        near = reach.keep(clients, offers, owner, positions[start:end][offer_at])
        near |= covered[start:end][offer_at]
        offer_at, wish_rows, owner = offer_at[near], wish_rows[near], owner[near]
        if not len(offer_at):
            continue
        kind = pair_kinds(
            offer_codes[start:end][offer_at],
            clients.wish_kldb[wish_rows].astype(np.int64),
            wishes.related_keys,
        )
        value = occ.kind_values(kind) * occ.priority_factor(clients.wish_priority[wish_rows])
        # each (offer, client) pair keeps its best wish
        key = offer_at * len(clients.ids) + owner
        order = np.lexsort((-value, key))
        first = np.ones(len(order), dtype=bool)
        first[1:] = key[order][1:] != key[order][:-1]
        best = order[first & (value[order] > 0)]
        offer_rows, client_rows = positions[start:end][offer_at[best]], owner[best]
        table = _table(travel_times, offers, clients, offer_rows, client_rows)
        sources = None
        if transit is not None:
            pt = pair_minutes(
                transit,
                clients.lat[client_rows],
                clients.lon[client_rows],
                clients.arrive_by[client_rows],
                offers.lat[offer_rows],
                offers.lon[offer_rows],
                clients.modes["pt"][client_rows],
            )
            table, sources = with_timetable(table, pt)
        scores = score_pairs(
            client_side(clients, client_rows, words),
            offer_side(offers, offer_rows),
            value[best],
            settings,
            today,
            table,
            sources,
        )
        hit = np.nonzero(scores.matched & (scores.score >= min_score))[0]
        client_ids, hit_scores = clients.ids[client_rows[hit]], scores.score[hit]
        ranked = np.lexsort((client_ids, -hit_scores, offer_at[best][hit]))
        offer_ids_hit = offers.ids[offer_rows[hit]]
        found.extend(
            zip(
                client_ids[ranked].tolist(),
                offer_ids_hit[ranked].tolist(),
                hit_scores[ranked].tolist(),
                strict=True,
            )
        )
    return found
