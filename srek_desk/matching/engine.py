"""rank_offers(client) and rank_clients(offer): ranked matches with reasons, plus near misses.

Stale offers (freshness.py: deadline or fixed start passed, not confirmed for
`stale_after_days`) are left out of both and of new_matches unless asked for; shown, they carry
Match.stale and the reason. new_matches scores flat pairs (pairs.py) for imports.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from srek_desk.geo.commute import MODES
from srek_desk.matching import occupation as occ
from srek_desk.matching import pairs
from srek_desk.matching.bitsets import fit
from srek_desk.matching.codes import OFFER_TYPE_INDEX, UNCLEAR_TYPE
from srek_desk.matching.explain import Explainer, PairFacts
from srek_desk.matching.freshness import offer_stale_reason
from srek_desk.matching.index import ClientIndex, ClientProfile, OfferIndex, OfferRow
from srek_desk.matching.pairs import OFFER_SIDE_FIELDS
from srek_desk.matching.results import Match, MatchResult
from srek_desk.matching.scoring import PairFound, PairScores, Side, score_pairs
from srek_desk.matching.settings import MatchSettings
from srek_desk.matching.transit import (
    Connection,
    TimetableCommutes,
    clock,
    pair_minutes,
    ride_texts,
    with_timetable,
)
from srek_desk.matching.travel_times import TravelTimes
from srek_desk.matching.wording import reason

# A filter for one of these types also shows offers of unclear type ("unklar").
EITHER_TYPE = frozenset({"ausbildung", "arbeit"})


@dataclass(frozen=True, slots=True)
class OfferFilter:
    """What the counsellor narrowed the view to (all optional)."""

    offer_types: Collection[str] = ()
    states: Collection[str] = ()
    max_minutes: float | None = None
    modes: Collection[str] = ()
    exclude_offer_ids: Collection[int] = ()  # e.g. offers hidden for this client
    include_stale: bool = False  # show stale offers too (marked Match.stale)


class Matcher:
    def __init__(
        self,
        offers: OfferIndex,
        clients: ClientIndex,
        related: occ.RelatedOccupations,
        explainer: Explainer,
        settings: MatchSettings | None = None,
        travel_times: TravelTimes | None = None,
        today: date | None = None,
        transit: TimetableCommutes | None = None,
    ) -> None:
        self.offers = offers
        self.clients = clients
        self.related = related
        self.explainer = explainer
        self.settings = settings or MatchSettings()
        self.travel_times = travel_times or TravelTimes()
        self.fixed_today = today  # tests and batch runs pin the day; else it follows the clock
        # bus-and-train minutes from the timetable (None: no timetable loaded)
        self.transit = transit

    @property
    def today(self) -> date:
        """The day freshness and deadlines are judged on (a long-running app crosses midnight)."""
        return self.fixed_today or date.today()

    @today.setter
    def today(self, value: date | None) -> None:
        self.fixed_today = value

    # -- client → offers ------------------------------------------------------------------------
    def rank_offers(
        self,
        client: ClientProfile,
        *,
        top: int = 50,
        near_misses: int = 20,
        where: OfferFilter | None = None,
    ) -> MatchResult:
        where = where or OfferFilter()
        self._share_skill_bits()
        index = self.offers
        best = np.zeros(len(index.ids))
        kind = np.zeros(len(index.ids), dtype=np.int8)
        wish_of = np.full(len(index.ids), -1, dtype=np.int16)
        for number, (code, priority) in enumerate(client.wishes):
            if not (code.isdigit() and len(code) == 5):
                continue
            k = occ.kinds(index.kldb, int(code), self.related)
            value = occ.kind_values(k) * occ.priority_factor(priority)
            better = value > best
            best[better], kind[better], wish_of[better] = value[better], k[better], number
        today = self.today.toordinal()
        stale = index.stale(today, self.settings.stale_after_days)
        candidate = (best > 0) & index.alive
        if not where.include_stale:
            candidate &= ~stale
        if where.offer_types:
            wanted = [OFFER_TYPE_INDEX[t] for t in where.offer_types if t in OFFER_TYPE_INDEX]
            if set(where.offer_types) & EITHER_TYPE:  # "Art unklar" may be either
                wanted.append(OFFER_TYPE_INDEX[UNCLEAR_TYPE])
            candidate &= np.isin(index.offer_type, wanted)
        if where.states:
            candidate &= np.isin(index.state, list(where.states))
        if where.exclude_offer_ids:
            candidate &= ~np.isin(index.ids, np.fromiter(where.exclude_offer_ids, np.int64))
        rows = np.nonzero(candidate)[0]
        if client.lat is None or client.lon is None:
            client_lat = client_lon = float("nan")
        else:
            client_lat, client_lon = client.lat, client.lon
        modes = tuple(where.modes) if where.modes else client.modes
        words = index.skills_required.shape[1]
        skills = fit(index.skill_bits.encode([client.skills], register=False)[0], words)
        client_side = Side(
            {
                "lat": client_lat,
                "lon": client_lon,
                "school": client.school_rank,
                "vocational": client.vocational_level,
                "german": client.german_rank,
                "licences": client.licence_mask,
                "max_minutes": min(client.max_minutes, where.max_minutes or client.max_minutes),
                "relocate": client.relocate and where.max_minutes is None,
                "working_mask": client.working_time_mask,
                "earliest": client.earliest_start.toordinal() if client.earliest_start else 0,
                "fixed_ok": client.accepts_fixed_term,
                "modes": {m: (m in modes and m in client.modes) for m in MODES},
                "skills": skills,
                "preferences": pairs.preference_mask(client),
            }
        )
        offer_side = pairs.offer_side(index, rows)
        table = (
            self.travel_times.minutes_from(
                client.home_postcode, [index.rows[i].postcode for i in rows]
            )
            if self.travel_times.covers(client.home_postcode)
            else None
        )
        sources = None
        if self.transit is not None and client_side.modes["pt"]:
            pt = self.transit.minutes(
                client.lat, client.lon, index.lat[rows], index.lon[rows], client.arrive_by
            )
            table, sources = with_timetable(table, pt)
        scores = score_pairs(
            client_side, offer_side, best[rows], self.settings, today, table, sources
        )

        def make(local: int, found: PairFound) -> Match:
            offer = index.rows[rows[local]]
            facts = self._facts(found, int(kind[rows[local]]), client, int(wish_of[rows[local]]))
            stale_offer = bool(stale[rows[local]])
            return self._match(client, offer, scores, local, facts, "offer", stale_offer)

        return self._select(scores, index.ids[rows], top, near_misses, make)

    # -- offer → clients ------------------------------------------------------------------------
    def rank_clients(
        self,
        offer: OfferRow,
        *,
        top: int = 50,
        near_misses: int = 20,
        include_stale: bool = False,
        only: Collection[int] | None = None,
    ) -> MatchResult:
        """Clients for one offer (only those with ids in `only`, when given); a stale offer has
        none unless `include_stale`."""
        self._share_skill_bits()
        clients = self.clients
        position = self.offers.position.get(offer.id)
        if position is None:
            probe = OfferIndex([offer], skill_bits=self.offers.skill_bits)
            source, at = probe, 0
        else:
            source, at = self.offers, position
        code = int(source.kldb[at])
        if code <= 0 or not len(clients.wish_kldb):
            return MatchResult()
        today = self.today.toordinal()
        stale = bool(source.stale(today, self.settings.stale_after_days, [at])[0])
        if stale and not include_stale:
            return MatchResult()
        k = occ.kinds(clients.wish_kldb, code, self.related)
        values = occ.kind_values(k) * occ.priority_factor(clients.wish_priority)
        order = np.lexsort((-values, clients.wish_owner))
        owners, first = np.unique(clients.wish_owner[order], return_index=True)
        best_rows = order[first]
        best = np.zeros(len(clients.ids))
        kind = np.zeros(len(clients.ids), dtype=np.int8)
        wish_row = np.full(len(clients.ids), -1, dtype=np.int64)
        best[owners], kind[owners], wish_row[owners] = values[best_rows], k[best_rows], best_rows
        allowed = clients.alive
        if only is not None:
            allowed = allowed & np.isin(clients.ids, np.fromiter(only, dtype=np.int64))
        rows = np.nonzero((best > 0) & allowed)[0]
        client_side = pairs.client_side(clients, rows, source.skills_required.shape[1])
        offer_side = Side({name: getattr(source, name)[at] for name in OFFER_SIDE_FIELDS})
        table = (
            self.travel_times.minutes_to(
                offer.postcode, [clients.profiles[i].home_postcode for i in rows]
            )
            if self.travel_times.covers_destination(offer.postcode)
            else None
        )
        sources = None
        if self.transit is not None:
            pt = pair_minutes(
                self.transit,
                clients.lat[rows],
                clients.lon[rows],
                clients.arrive_by[rows],
                offer_side.lat,
                offer_side.lon,
                clients.modes["pt"][rows],
            )
            table, sources = with_timetable(table, pt)
        scores = score_pairs(
            client_side, offer_side, best[rows], self.settings, today, table, sources
        )

        def make(local: int, found: PairFound) -> Match:
            client = clients.profiles[rows[local]]
            wish_index = int(clients.wish_number[wish_row[rows[local]]])
            facts = self._facts(found, int(kind[rows[local]]), client, wish_index)
            return self._match(client, offer, scores, local, facts, "client", stale)

        return self._select(scores, clients.ids[rows], top, near_misses, make)

    # -- shared -------------------------------------------------------------------------------
    def _share_skill_bits(self) -> None:
        """Both indexes must give a skill code the same bit (indexes may be swapped anytime)."""
        if self.clients.skill_bits is not self.offers.skill_bits:
            self.clients.use_skill_bits(self.offers.skill_bits)

    @staticmethod
    def _select(
        scores: PairScores,
        ids: Any,
        top: int,
        near_misses: int,
        make: Callable[[int, PairFound], Match],
    ) -> MatchResult:
        """Best matches and near misses: score descending, ties by id (deterministic)."""
        picked = []
        for selection, limit in ((scores.matched, top), (scores.near_miss, near_misses)):
            chosen = np.nonzero(selection)[0]
            picked.append(chosen[np.lexsort((ids[chosen], -scores.score[chosen]))[:limit]])
        made = [make(local, found) for local, found in scores.found_at(np.concatenate(picked))]
        split = len(picked[0])
        return MatchResult(made[:split], made[split:], candidates=len(ids))

    def _facts(
        self, found: PairFound, kind: int, client: ClientProfile, wish_index: int
    ) -> PairFacts:
        code, priority = client.wishes[wish_index] if wish_index >= 0 else ("", 1)
        return PairFacts(kind, code, priority, *found, arrive_by=clock(self.arrive_by(client)))

    def arrive_by(self, client: ClientProfile) -> int:
        """Seconds after midnight the client's connection must arrive by."""
        if client.arrive_by is not None:
            return client.arrive_by
        return self.transit.arrive_by if self.transit is not None else 7 * 3600 + 1800

    def connection(self, client: ClientProfile, offer: OfferRow) -> Connection | None:
        """The timetable's connection from the client's home to the offer (None: none known)."""
        if self.transit is None or client.lat is None or client.lon is None:
            return None
        if offer.lat is None or offer.lon is None:
            return None
        return self.transit.connection(
            client.lat, client.lon, offer.lat, offer.lon, client.arrive_by
        )

    def _match(
        self,
        client: ClientProfile,
        offer: OfferRow,
        scores: PairScores,
        i: int,
        facts: PairFacts,
        counterpart: str,
        stale: bool = False,
    ) -> Match:
        explained = self.explainer.explain(client, offer, facts)
        missing = tuple(c for c in offer.skills_required if c not in client.skills)
        why_stale = self.stale_reason(offer) if stale else None
        items = explained.reasons + ((reason("stale", reason=why_stale),) if why_stale else ())
        connection = None
        if facts.source == "timetable" and facts.mode == "pt" and facts.minutes is not None:
            connection = self.connection(client, offer)
            if connection is not None:
                journey = connection.journey
                items += (
                    reason(
                        "commute.connection",
                        rides=ride_texts(journey),
                        depart=clock(journey.depart),
                        arrive=clock(journey.arrive),
                        minutes=round(journey.minutes),
                        estimated=False,
                    ),
                )
        return Match(
            offer_id=offer.id,
            client_id=client.id,
            reference=offer.reference if counterpart == "offer" else client.customer_number,
            score=float(scores.score[i]),
            commute_minutes=facts.minutes,
            commute_km=facts.km,
            mode=facts.mode,
            commute_from_table=facts.source == "table",
            commute_source=None if facts.minutes is None else facts.source,
            connection=connection,
            state=offer.state,
            crosses_state_border=bool(
                offer.state and client.home_state and offer.state != client.home_state
            ),
            title=offer.title,
            employer=offer.employer_name,
            place=offer.place,
            occupation_kind=facts.kind,
            wish_code=facts.wish_code,
            missing_skills=missing,
            missing_skill_labels=tuple(self.explainer.skill_names(missing)),
            flags=offer.flags,
            stale=stale,
            stale_reason=why_stale,
            explanation=items,
            exclusion=explained.exclusion,
            words=self.explainer.wording,
            place_approximate=offer.place_approximate,
        )

    def stale_reason(self, offer: OfferRow) -> str | None:
        """Why the offer is stale today (German), None while current: see freshness.py."""
        return offer_stale_reason(
            offer, today=self.today, stale_after_days=self.settings.stale_after_days
        )

    # -- new chances after an import --------------------------------------------------------------
    def new_matches(
        self, offer_ids: Collection[int], *, min_score: float
    ) -> list[tuple[int, int, float]]:
        """(client_id, offer_id, score) of every match (no near misses) scoring at least
        `min_score` between the given offers (current ones still in the index) and all alive
        clients: the same pairs and scores as rank_clients per offer, computed as flat pairs."""
        self._share_skill_bits()
        return pairs.new_matches(
            self.offers,
            self.clients,
            offer_ids,
            related=self.related,
            settings=self.settings,
            travel_times=self.travel_times,
            today=self.today.toordinal(),
            min_score=min_score,
            transit=self.transit,
        )
