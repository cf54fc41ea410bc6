"""Matching weights and thresholds, read from the settings (config.py `matching.*`, `commute.*`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from srek_desk.geo.commute import CommuteParameters


@dataclass(frozen=True, slots=True)
class MatchWeights:
    """Relative weight of each criterion in the 0-100 score."""

    occupation: float = 40.0
    commute: float = 25.0
    qualification: float = 15.0
    start: float = 8.0
    working_time: float = 7.0
    language: float = 5.0
    skills: float = 5.0  # desirable skills the client has (required ones are hard)

    @property
    def total(self) -> float:
        return (
            self.occupation
            + self.commute
            + self.qualification
            + self.start
            + self.working_time
            + self.language
            + self.skills
        )


@dataclass(frozen=True, slots=True)
class MatchSettings:
    weights: MatchWeights = field(default_factory=MatchWeights)
    commute: CommuteParameters = field(default_factory=CommuteParameters)
    # A commute up to this many minutes beyond the client's maximum is a near miss.
    near_miss_extra_minutes: float = 30.0
    # An offer starting up to this many days before the client is available still fits;
    # up to `start_near_days` it is a near miss.
    start_tolerance_days: int = 31
    start_near_days: int = 92
    # This many missing required skills rule a pair out; fewer make a near miss.
    skill_far_missing: int = 3
    # Points added when an offer meets a "lateral_entry" / "refugee" preference (cap 100).
    preference_bonus: float = 2.0
    # An offer not confirmed for this many days is stale (see freshness.py).
    stale_after_days: int = 30

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> MatchSettings:
        weights = MatchWeights(
            occupation=float(settings["matching.weight_occupation"]),
            commute=float(settings["matching.weight_commute"]),
            qualification=float(settings["matching.weight_qualification"]),
            start=float(settings["matching.weight_start"]),
            working_time=float(settings["matching.weight_working_time"]),
            language=float(settings["matching.weight_language"]),
            skills=float(settings["matching.weight_skills"]),
        )
        return cls(
            weights=weights,
            commute=CommuteParameters.from_settings(settings),
            near_miss_extra_minutes=float(settings["matching.near_miss_extra_minutes"]),
            stale_after_days=int(settings["matching.stale_after_days"]),
        )
