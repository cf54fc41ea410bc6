"""Compact in-memory indexes of offers and clients: columns (NumPy arrays), not ORM objects.

Built once from plain rows and refreshed incrementally: `upsert` replaces or appends rows,
`remove` drops them from matching. Matching reads whole columns at once, never one row per query.
Skills are bit sets over a registry both indexes share (bitsets.py); offer flags and client
preferences are small bit masks; `stale` judges freshness for all rows at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
from numpy.typing import NDArray

from srek_desk.geo.commute import MODES
from srek_desk.matching import codes
from srek_desk.matching.bitsets import SkillBits, Words, fit, flag_mask
from srek_desk.matching.freshness import FIXED_START_TYPES, confirmed_day

FIXED_START_TYPE_INDEXES = [codes.OFFER_TYPE_INDEX[t] for t in sorted(FIXED_START_TYPES)]
_NEVER = np.iinfo(np.int32).max
_UNCLEAR = codes.OFFER_TYPE_INDEX[codes.UNCLEAR_TYPE]  # a type code matching does not know


@dataclass(frozen=True, slots=True)
class OfferRow:
    """One offer as matching needs it (plain values)."""

    id: int
    source: str
    reference: str
    offer_type: str
    title: str
    employer_name: str
    kldb_code: str | None
    required_level: int | None
    required_school: str
    postcode: str
    place: str
    state: str
    lat: float | None
    lon: float | None
    working_time: str
    fixed_term: bool | None
    start_date: date | None
    application_deadline: date | None
    driving_licence: str
    german_level: str
    skills_required: tuple[str, ...] = ()  # skill codes
    skills_nice: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()  # db.codes.OFFER_FLAGS codes
    confirmed_at: datetime | None = None  # the "Stand"; None = never confirmed (stale)
    # coordinates from the postcode or place centre of the gazetteer, not from the record:
    # a distance from them is approximate ("ca.")
    place_approximate: bool = False


@dataclass(frozen=True, slots=True)
class ClientProfile:
    """One client as matching needs it (plain values)."""

    id: int
    customer_number: str
    home_postcode: str
    home_place: str
    home_state: str
    lat: float | None
    lon: float | None
    wishes: tuple[tuple[str, int], ...]  # (KldB code, priority 1..)
    school_rank: int  # -1 unknown
    vocational_level: int  # KldB requirement level the client's qualification allows
    german_rank: int  # CEFR rank 1..6; 6 where not recorded
    licence_mask: int
    modes: tuple[str, ...]  # modes the client can use: car only with licence and car
    max_minutes: float
    relocate: bool
    working_time_mask: int
    earliest_start: date | None
    accepts_fixed_term: bool = True
    skills: frozenset[str] = frozenset()  # skill codes
    preferences: frozenset[str] = frozenset()  # db.codes.CLIENT_PREFERENCES codes
    german_recorded: bool = True  # False: no German level on record (german_rank 6 assumed)
    arrive_by: int | None = None  # seconds after midnight to arrive by (None: the office's)


def _kldb_int(code: str | None) -> int:
    return int(code) if code and code.isdigit() and len(code) == 5 else 0


def _day_ordinal(moment: datetime | None) -> int:
    """Ordinal of the UTC day of a confirmation (0 for none); UTC values, as the database
    gives them, skip the conversion."""
    if moment is None:
        return 0
    if moment.tzinfo is None or moment.tzinfo is UTC:
        return moment.toordinal()
    return codes.ordinal(confirmed_day(moment))


def _float(value: float | None) -> float:
    return float(value) if value is not None else float("nan")


class OfferIndex:
    """Columns over all active offers; position `i` in every array is the same offer."""

    def __init__(self, rows: Iterable[OfferRow] = (), skill_bits: SkillBits | None = None) -> None:
        self.rows: list[OfferRow] = []
        self.position: dict[int, int] = {}
        self.skill_bits = skill_bits if skill_bits is not None else SkillBits()
        self._columns_from([])
        self.upsert(rows)

    def __len__(self) -> int:
        return int(self.alive.sum())

    def _columns_from(self, rows: Sequence[OfferRow]) -> None:
        n = len(rows)
        self.ids: NDArray[np.int64] = np.fromiter((r.id for r in rows), np.int64, n)
        self.kldb: NDArray[np.int32] = np.fromiter(
            (_kldb_int(r.kldb_code) for r in rows), np.int32, n
        )
        self.lat: NDArray[np.float64] = np.fromiter((_float(r.lat) for r in rows), np.float64, n)
        self.lon: NDArray[np.float64] = np.fromiter((_float(r.lon) for r in rows), np.float64, n)
        self.offer_type: NDArray[np.int8] = np.fromiter(
            (codes.OFFER_TYPE_INDEX.get(r.offer_type, _UNCLEAR) for r in rows), np.int8, n
        )
        self.required_level: NDArray[np.int8] = np.fromiter(
            (r.required_level or 0 for r in rows), np.int8, n
        )
        self.required_school: NDArray[np.int8] = np.fromiter(
            (codes.school_rank(r.required_school) for r in rows), np.int8, n
        )
        self.working_mask: NDArray[np.int16] = np.fromiter(
            (codes.working_time_mask(r.working_time) for r in rows), np.int16, n
        )
        self.fixed_term: NDArray[np.int8] = np.fromiter(
            (-1 if r.fixed_term is None else int(r.fixed_term) for r in rows), np.int8, n
        )
        self.start: NDArray[np.int32] = np.fromiter(
            (codes.ordinal(r.start_date) for r in rows), np.int32, n
        )
        self.deadline: NDArray[np.int32] = np.fromiter(
            (codes.ordinal(r.application_deadline) for r in rows), np.int32, n
        )
        self.licence: NDArray[np.int8] = np.fromiter(
            (codes.licence_index(r.driving_licence) for r in rows), np.int8, n
        )
        self.german: NDArray[np.int8] = np.fromiter(
            (codes.cefr_rank(r.german_level) for r in rows), np.int8, n
        )
        self.state: NDArray[np.str_] = np.array([r.state for r in rows], dtype="<U2")
        # first day the offer is stale by its deadline or fixed start (freshness.stale_reason)
        self.expires: NDArray[np.int32] = np.where(
            self.deadline > 0, self.deadline + 1, _NEVER
        ).astype(np.int32)
        fixed_start = np.isin(self.offer_type, FIXED_START_TYPE_INDEXES) & (self.start > 0)
        self.expires[fixed_start] = np.minimum(self.expires, self.start + 1)[fixed_start]
        self.confirmed: NDArray[np.int32] = np.fromiter(
            (_day_ordinal(r.confirmed_at) for r in rows), np.int32, n
        )
        self.flags: NDArray[np.int16] = np.fromiter(
            (flag_mask(r.flags, codes.OFFER_FLAG_BIT) if r.flags else 0 for r in rows), np.int16, n
        )
        required = self.skill_bits.encode([r.skills_required for r in rows])
        nice = self.skill_bits.encode([r.skills_nice for r in rows])
        words = self.skill_bits.words()  # after both encodings registered their codes
        self.skills_required: Words = fit(required, words)
        self.skills_nice: Words = fit(nice, words)
        self.alive: NDArray[np.bool_] = np.ones(n, dtype=bool)

    def upsert(self, rows: Iterable[OfferRow]) -> None:
        """Add new offers and replace changed ones (by id)."""
        rows = list(rows)
        if not rows:
            return
        replaced = [r for r in rows if r.id in self.position]
        added = [r for r in rows if r.id not in self.position]
        if replaced and not added and len(replaced) < 64:
            for row in replaced:
                self._replace_in_place(row)
            return
        for row in replaced:
            self.rows[self.position[row.id]] = row
        for row in added:
            self.position[row.id] = len(self.rows)
            self.rows.append(row)
        alive = self.alive
        self._columns_from(self.rows)
        self.alive[: len(alive)] = alive
        for row in replaced:
            self.alive[self.position[row.id]] = True

    def _replace_in_place(self, row: OfferRow) -> None:
        single = OfferIndex.__new__(OfferIndex)
        single.skill_bits = self.skill_bits
        single._columns_from([row])
        i = self.position[row.id]
        self.rows[i] = row
        words = max(single.skills_required.shape[1], self.skills_required.shape[1])
        self.skills_required = fit(self.skills_required, words)
        self.skills_nice = fit(self.skills_nice, words)
        for name in (
            "kldb",
            "lat",
            "lon",
            "offer_type",
            "required_level",
            "required_school",
            "working_mask",
            "fixed_term",
            "start",
            "deadline",
            "licence",
            "german",
            "state",
            "expires",
            "confirmed",
            "flags",
        ):
            getattr(self, name)[i] = getattr(single, name)[0]
        self.skills_required[i] = fit(single.skills_required, words)[0]
        self.skills_nice[i] = fit(single.skills_nice, words)[0]
        self.alive[i] = True

    def remove(self, offer_ids: Iterable[int]) -> None:
        """Take offers out of matching (inactive or deleted)."""
        for offer_id in offer_ids:
            position = self.position.get(offer_id)
            if position is not None:
                self.alive[position] = False

    def row(self, offer_id: int) -> OfferRow | None:
        position = self.position.get(offer_id)
        return self.rows[position] if position is not None and self.alive[position] else None

    def stale(
        self, today: int, stale_after_days: int, rows: Any = slice(None)
    ) -> NDArray[np.bool_]:
        """Vectorised freshness.stale_reason(...) is not None, for the given rows."""
        confirmed = self.confirmed[rows]
        return (
            (self.expires[rows] <= today)
            | (confirmed == 0)
            | (today - confirmed > stale_after_days)
        )


class ClientIndex:
    """Columns over all clients matching may consider, plus a flat table of their wishes."""

    def __init__(
        self, profiles: Iterable[ClientProfile] = (), skill_bits: SkillBits | None = None
    ) -> None:
        self.profiles: list[ClientProfile] = []
        self.position: dict[int, int] = {}
        self.skill_bits = skill_bits if skill_bits is not None else SkillBits()
        self.upsert(profiles)

    def __len__(self) -> int:
        return int(self.alive.sum()) if self.profiles else 0

    def upsert(self, profiles: Iterable[ClientProfile]) -> None:
        """Add new clients and replace changed ones (by id)."""
        profiles = list(profiles)
        alive = getattr(self, "alive", np.ones(0, dtype=bool))
        for profile in profiles:
            if profile.id in self.position:
                self.profiles[self.position[profile.id]] = profile
            else:
                self.position[profile.id] = len(self.profiles)
                self.profiles.append(profile)
        self._build()
        self.alive[: len(alive)] = alive
        for profile in profiles:
            self.alive[self.position[profile.id]] = True

    def use_skill_bits(self, skill_bits: SkillBits) -> None:
        """Re-encode the clients' skills with another registry (the offer index's)."""
        self.skill_bits = skill_bits
        self.skills = skill_bits.encode([c.skills for c in self.profiles])

    def remove(self, client_ids: Iterable[int]) -> None:
        for client_id in client_ids:
            position = self.position.get(client_id)
            if position is not None:
                self.alive[position] = False

    def _build(self) -> None:
        p = self.profiles
        n = len(p)
        self.ids = np.fromiter((c.id for c in p), np.int64, n)
        self.lat = np.fromiter((_float(c.lat) for c in p), np.float64, n)
        self.lon = np.fromiter((_float(c.lon) for c in p), np.float64, n)
        self.school = np.fromiter((c.school_rank for c in p), np.int8, n)
        self.vocational = np.fromiter((c.vocational_level for c in p), np.int8, n)
        self.german = np.fromiter((c.german_rank for c in p), np.int8, n)
        self.licences = np.fromiter((c.licence_mask for c in p), np.int64, n)
        self.max_minutes = np.fromiter((c.max_minutes for c in p), np.float64, n)
        self.relocate = np.fromiter((c.relocate for c in p), bool, n)
        self.working_mask = np.fromiter((c.working_time_mask for c in p), np.int16, n)
        self.earliest = np.fromiter((codes.ordinal(c.earliest_start) for c in p), np.int32, n)
        self.fixed_ok = np.fromiter((c.accepts_fixed_term for c in p), bool, n)
        self.state = np.array([c.home_state for c in p], dtype="<U2")
        self.skills = self.skill_bits.encode([c.skills for c in p])
        self.preferences = np.fromiter(
            (flag_mask(c.preferences, codes.PREFERENCE_BIT) for c in p), np.int16, n
        )
        self.modes = {mode: np.fromiter((mode in c.modes for c in p), bool, n) for mode in MODES}
        self.arrive_by = np.fromiter(
            (-1 if c.arrive_by is None else c.arrive_by for c in p), np.int32, n
        )
        owners, wishes, priorities, numbers = [], [], [], []
        for index, client in enumerate(p):
            for number, (code, priority) in enumerate(client.wishes):
                owners.append(index)
                wishes.append(_kldb_int(code))
                priorities.append(priority)
                numbers.append(number)
        self.wish_owner = np.array(owners, dtype=np.int64)
        self.wish_kldb = np.array(wishes, dtype=np.int32)
        self.wish_priority = np.array(priorities, dtype=np.int16)
        self.wish_number = np.array(numbers, dtype=np.int16)  # position in the client's wishes
        self.alive = np.ones(n, dtype=bool)

    def profile(self, client_id: int) -> ClientProfile | None:
        position = self.position.get(client_id)
        return self.profiles[position] if position is not None and self.alive[position] else None
