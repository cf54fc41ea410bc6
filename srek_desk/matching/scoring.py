"""Vectorised scoring of client-offer pairs: criteria parts, exclusion flags, commute per mode.

Works on NumPy arrays that broadcast: one client against many offers, or one offer against many
clients. Every criterion yields a part in [0, 1]; the score is their weighted mean × 100.
A hard constraint sets a flag; a flag marked "far" rules the pair out, a single near flag makes
a near miss, and no flag a match.

Skills (bit sets, see bitsets.py): every required skill the client lacks sets F_SKILL. One or
two missing skills make a near miss when nothing else is wrong (a short course closes the gap,
the explanation names them: "fehlt: Staplerschein"); from `skill_far_missing` (3) missing
skills on the pair is out. The "skills" part (weight `matching.weight_skills`) rewards the
desirable skills: 1.0 when the offer lists none, else 0.5 + 0.5 × the share the client holds.

Offer flags against client preferences: "no_temp_agency" rules out offers flagged temp_agency or
private_agency (F_AGENCY, always far); offers flagged disabled_only are out (F_RESERVED, far) for
clients without "severely_disabled". A "lateral_entry" or "refugee" preference met by the offer's
flag adds `preference_bonus` points (2) on top of the weighted mean, capped at 100: a small
nudge up the list that leaves all other scores untouched.

Every criterion is judged once, as a verdict per pair (verdicts.py, `PairScores.verdicts`): the
flags are derived from the verdicts, and the reasons are rendered from them. An offer without
coordinates (place of work unknown) gets no distance and no commute; it sets F_PLACE, so it is
at best a near miss saying "Arbeitsort unbekannt". An offer of unclear type ("unklar") is
judged as either type: its requirement level neither excludes nor fits (verdict UNCLEAR).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from srek_desk.geo.commute import MODES
from srek_desk.matching import verdicts as v
from srek_desk.matching.bitsets import count_bits
from srek_desk.matching.codes import OFFER_FLAG_BIT, OFFER_TYPE_INDEX, PREFERENCE_BIT, UNCLEAR_TYPE
from srek_desk.matching.commuting import SOURCES, commute
from srek_desk.matching.settings import MatchSettings

F_COMMUTE = 1
F_SCHOOL = 2
F_LEVEL = 4
F_WORKING_TIME = 8
F_START = 16
F_FIXED_TERM = 32
F_LICENCE = 64
F_LANGUAGE = 128
F_SKILL = 256  # a required skill the client lacks
F_AGENCY = 512  # temp or private agency, the client wants none
F_RESERVED = 1024  # reserved for severely disabled people
F_PLACE = 2048  # the offer's place of work is unknown (no coordinates): never a match


# The flag each criterion sets where its verdict is SHORT (verdicts.py).
CRITERION_FLAGS = {
    "commute": F_COMMUTE,
    "school": F_SCHOOL,
    "level": F_LEVEL,
    "start": F_START,
    "working_time": F_WORKING_TIME,
    "fixed_term": F_FIXED_TERM,
    "licence": F_LICENCE,
    "german": F_LANGUAGE,
    "skills": F_SKILL,
    "agency": F_AGENCY,
    "reserved": F_RESERVED,
}

AGENCY_FLAGS = OFFER_FLAG_BIT["temp_agency"] | OFFER_FLAG_BIT["private_agency"]

ARBEIT = OFFER_TYPE_INDEX["arbeit"]
UNCLEAR = OFFER_TYPE_INDEX[UNCLEAR_TYPE]
# School ranks (qualifications.py) on the coarser steps counsellors count in:
# none/Förderschule, (erweiterter) Erster Abschluss, Mittlerer Abschluss, Fachabitur, Abitur.
SCHOOL_STEP = np.array([0, 0, 1, 1, 2, 3, 4], dtype=np.int8)

Array = NDArray[Any]
# minutes, km, mode, source, relocation, flags, far, verdicts (in the order of
# verdicts.CRITERIA): explain.PairFacts after the occupation's kind and wish
PairFound = tuple[float | None, float | None, str | None, str, bool, int, bool, list[int]]


@dataclass
class Side:
    """Attributes of one side of the pairs: scalars or arrays that broadcast."""

    values: dict[str, Any]

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None


@dataclass
class PairScores:
    score: Array
    flags: Array
    far: Array
    minutes: Array
    km: Array
    mode: Array  # index into geo.commute.MODES; -1 unknown
    source: Array  # SOURCE_* per pair
    relocation: Array
    parts: dict[str, Array]
    # criterion → its verdict for given pairs, from the very conditions that set its flag;
    # judged only for the pairs explained (thousands are scored, a few dozen explained)
    rules: dict[str, Callable[[Array], Array]]

    def verdicts_at(self, pairs: Array) -> dict[str, Array]:
        """Criterion → verdicts.* for the given pairs (indexes into the scored pairs)."""
        return {name: self.rules[name](pairs) for name in v.CRITERIA}

    def found_at(self, pairs: Array) -> list[tuple[int, PairFound]]:
        """(pair, what scoring found for it) in plain Python values, for a few chosen pairs."""
        verdicts = np.stack([self.rules[name](pairs) for name in v.CRITERIA], axis=1)
        return list(
            zip(
                pairs.tolist(),
                zip(
                    # NaN (x != x): the commute is unknown; +inf: no connection
                    [None if m != m or m == np.inf else m for m in self.minutes[pairs].tolist()],
                    [None if k != k else k for k in self.km[pairs].tolist()],
                    [MODES[i] if i >= 0 else None for i in self.mode[pairs].tolist()],
                    [SOURCES[i] for i in self.source[pairs].tolist()],
                    self.relocation[pairs].tolist(),
                    self.flags[pairs].tolist(),
                    self.far[pairs].tolist(),
                    verdicts.tolist(),
                    strict=True,
                ),
                strict=True,
            )
        )

    @property
    def matched(self) -> Array:
        return (self.flags == 0) & ~self.far

    @property
    def near_miss(self) -> Array:
        single = (self.flags != 0) & ((self.flags & (self.flags - 1)) == 0)
        return single & ~self.far


def score_pairs(
    client: Side,
    offer: Side,
    occupation_part: Array,
    settings: MatchSettings,
    today_ordinal: int,
    table: dict[str, Array] | None = None,
    sources: dict[str, Array] | None = None,
) -> PairScores:
    size = len(occupation_part)
    flags = np.zeros(size, dtype=np.int32)
    far = np.zeros(size, dtype=bool)
    shape = (size,)
    # criterion → how its verdict follows from the conditions below (judged for explained pairs)
    rules: dict[str, Callable[[Array], Array]] = {}

    minutes, km, mode, source = commute(client, offer, settings, table, size, sources)
    max_minutes = np.broadcast_to(client.max_minutes, shape)
    relocate = np.broadcast_to(client.relocate, shape)
    place_unknown = np.isnan(offer.lat + offer.lon)  # either missing: NaN
    known = ~np.isnan(minutes)
    no_connection = np.isposinf(minutes)  # the timetable knows the way and finds none in time
    beyond = known & (minutes > max_minutes)
    relocation = beyond & relocate
    commute_flag = beyond & ~relocate
    flags |= np.where(commute_flag, F_COMMUTE, 0) | np.where(place_unknown, F_PLACE, 0)
    rules["commute"] = lambda at: v.first(
        v.NO_MODE,
        len(at),
        (v.at(place_unknown, at), v.PLACE_UNKNOWN),
        (relocation[at], v.RELOCATION),
        (no_connection[at], v.NO_CONNECTION),
        (commute_flag[at], v.BEYOND),
        (known[at], v.WITHIN),
        (v.at(np.isnan(client.lat), at), v.HOME_UNKNOWN),
    )
    far |= commute_flag & (minutes > max_minutes + settings.near_miss_extra_minutes)
    ratio = np.where(
        known, np.minimum(np.nan_to_num(minutes) / np.maximum(max_minutes, 1.0), 1.0), 0.0
    )
    commute_part = np.where(known, 1.0 - 0.8 * ratio, 0.5)
    commute_part = np.where(relocation, 0.1, commute_part)

    # school qualification against what the offer asks
    required_school = np.broadcast_to(offer.required_school, shape)
    client_school = np.broadcast_to(client.school, shape)
    asks = required_school >= 0
    stated = client_school >= 0
    steps = SCHOOL_STEP[np.clip(client_school, 0, 6)].astype(np.int16) - SCHOOL_STEP[
        np.clip(required_school, 0, 6)
    ].astype(np.int16)
    school_short = asks & stated & (steps < 0)
    flags |= np.where(school_short, F_SCHOOL, 0)
    rules["school"] = lambda at: v.first(
        v.FITS,
        len(at),
        (~asks[at], v.NOT_ASKED),
        (~stated[at], v.UNKNOWN),
        (school_short[at], v.SHORT),
        (steps[at] > 2, v.OVER),
    )
    far |= asks & stated & (steps <= -2)
    school_part = np.where(
        ~asks, 1.0, np.where(~stated, 0.8, np.where(steps < 0, 0.4, np.where(steps > 2, 0.85, 1.0)))
    )

    # vocational level against the requirement level of a job (not for apprenticeships);
    # an offer of unclear type may be either, so its level neither excludes nor fits
    required_level = np.broadcast_to(offer.required_level, shape)
    is_job = np.broadcast_to(offer.offer_type == ARBEIT, shape)
    levels = np.broadcast_to(client.vocational, shape).astype(np.int16) - required_level
    level_applies = is_job & (required_level > 0)
    level_short = level_applies & (levels < 0)
    flags |= np.where(level_short, F_LEVEL, 0)
    unclear = (offer.offer_type == UNCLEAR) & (required_level > 0)
    rules["level"] = lambda at: v.first(
        v.NOT_ASKED,
        len(at),
        (unclear[at], v.UNCLEAR),
        (level_short[at], v.SHORT),
        (level_applies[at] & (levels[at] > 0), v.OVER),
        (level_applies[at], v.FITS),
    )
    far |= level_short & (levels <= -2)
    level_part = np.where(
        ~level_applies, 1.0, np.where(levels < 0, 0.4, np.where(levels > 0, 0.85, 1.0))
    )
    level_part = np.where(unclear & (levels < 0), 0.7, level_part)
    qualification_part = np.minimum(school_part, level_part)

    # start date against the client's earliest start
    start = np.broadcast_to(offer.start, shape)
    earliest = np.broadcast_to(client.earliest, shape)
    both = (start > 0) & (earliest > 0)
    early_by = np.where(both, earliest - start, 0)
    start_flag = early_by > settings.start_tolerance_days
    flags |= np.where(start_flag, F_START, 0)
    rules["start"] = lambda at: v.first(
        v.NOT_ASKED, len(at), (start_flag[at], v.SHORT), (both[at], v.FITS)
    )
    far |= early_by > settings.start_near_days
    late_by = np.where(both, start - earliest, 0)
    start_part = np.where(
        ~both,
        0.8,
        np.where(
            early_by > 0,
            0.6,
            np.where(late_by <= 120, 1.0, np.maximum(0.4, 1.0 - (late_by - 120) / 365.0)),
        ),
    )

    # working time: hard where both sides state it and nothing overlaps
    client_hours = np.broadcast_to(client.working_mask, shape)
    offer_hours = np.broadcast_to(offer.working_mask, shape)
    stated_hours = (client_hours > 0) & (offer_hours > 0)
    hours_clash = stated_hours & ((client_hours & offer_hours) == 0)
    flags |= np.where(hours_clash, F_WORKING_TIME, 0)
    rules["working_time"] = lambda at: v.first(
        v.NOT_ASKED, len(at), (hours_clash[at], v.SHORT), (stated_hours[at], v.FITS)
    )
    working_part = np.where(stated_hours, np.where(hours_clash, 0.0, 1.0), 0.8)

    # fixed term, driving licence, German
    fixed_offer = offer.fixed_term == 1
    fixed = np.broadcast_to(fixed_offer, shape) & ~np.broadcast_to(client.fixed_ok, shape)
    flags |= np.where(fixed, F_FIXED_TERM, 0)
    rules["fixed_term"] = lambda at: v.first(
        v.NOT_ASKED, len(at), (fixed[at], v.SHORT), (v.at(fixed_offer, at), v.FITS)
    )
    licence = np.broadcast_to(offer.licence, shape).astype(np.int64)
    held = (np.broadcast_to(client.licences, shape) >> np.maximum(licence - 1, 0)) & 1
    licence_short = (licence > 0) & (held == 0)
    flags |= np.where(licence_short, F_LICENCE, 0)
    rules["licence"] = lambda at: v.first(
        v.NOT_ASKED, len(at), (licence_short[at], v.SHORT), (licence[at] > 0, v.FITS)
    )
    german_required = np.broadcast_to(offer.german, shape)
    german_gap = np.broadcast_to(client.german, shape).astype(np.int16) - german_required
    german_short = (german_required > 0) & (german_gap < 0)
    flags |= np.where(german_short, F_LANGUAGE, 0)
    rules["german"] = lambda at: v.first(
        v.NOT_ASKED, len(at), (german_short[at], v.SHORT), (german_required[at] > 0, v.FITS)
    )
    far |= german_short & (german_gap <= -2)
    language_part = np.where(german_short, 0.4, 1.0)

    skills_part, skills_short, skill_far = _skills(client, offer, settings, shape)
    flags |= np.where(skills_short, F_SKILL, 0)
    rules["skills"] = lambda at: v.first(
        v.NOT_ASKED,
        len(at),
        (v.at(skills_short, at), v.SHORT),
        (v.at(np.any(offer.skills_required != 0, axis=-1), at), v.FITS),
    )
    far |= skill_far
    agency, reserved, bonus = _preferences(client, offer, shape)
    flags |= np.where(agency, F_AGENCY, 0) | np.where(reserved, F_RESERVED, 0)
    rules["agency"] = lambda at: v.first(v.NOT_ASKED, len(at), (agency[at], v.SHORT))
    rules["reserved"] = lambda at: v.first(v.NOT_ASKED, len(at), (reserved[at], v.SHORT))
    far |= agency | reserved
    bonus = np.where(bonus, settings.preference_bonus, 0.0)

    w = settings.weights
    parts = {
        "occupation": occupation_part,
        "commute": commute_part,
        "qualification": qualification_part,
        "start": start_part,
        "working_time": working_part,
        "language": language_part,
        "skills": skills_part,
        "preference_bonus": bonus,
    }
    total = (
        w.occupation * occupation_part
        + w.commute * commute_part
        + w.qualification * qualification_part
        + w.start * start_part
        + w.working_time * working_part
        + w.language * language_part
        + w.skills * skills_part
    )
    score = np.minimum(np.round(100.0 * total / w.total + bonus, 1), 100.0)
    return PairScores(score, flags, far, minutes, km, mode, source, relocation, parts, rules)


def _skills(
    client: Side, offer: Side, settings: MatchSettings, shape: tuple[int]
) -> tuple[Array, Array, Array]:
    """(skills part, a required skill missing, far) from the bit sets of both sides."""
    have = client.skills
    missing = np.broadcast_to(count_bits(offer.skills_required & ~have), shape)
    listed = np.broadcast_to(count_bits(offer.skills_nice), shape)
    held = np.broadcast_to(count_bits(offer.skills_nice & have), shape)
    part = np.where(listed == 0, 1.0, 0.5 + 0.5 * held / np.maximum(listed, 1))
    return part, missing > 0, missing >= settings.skill_far_missing


def _preferences(client: Side, offer: Side, shape: tuple[int]) -> tuple[Array, Array, Array]:
    """(agency unwanted, reserved for others, bonus earned) from offer flags and preferences."""
    wants = np.broadcast_to(client.preferences, shape)
    marked = np.broadcast_to(offer.flags, shape)
    agency = ((wants & PREFERENCE_BIT["no_temp_agency"]) != 0) & ((marked & AGENCY_FLAGS) != 0)
    reserved = ((marked & OFFER_FLAG_BIT["disabled_only"]) != 0) & (
        (wants & PREFERENCE_BIT["severely_disabled"]) == 0
    )
    met = (
        ((wants & PREFERENCE_BIT["lateral_entry"]) != 0)
        & ((marked & OFFER_FLAG_BIT["lateral_entry"]) != 0)
    ) | (((wants & PREFERENCE_BIT["refugee"]) != 0) & ((marked & OFFER_FLAG_BIT["refugees"]) != 0))
    return agency, reserved, met
