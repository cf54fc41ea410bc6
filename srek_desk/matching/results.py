"""What matching answers: a ranked Match (score, commute, reasons as sentences and as codes) and
the MatchResult of one ranking (matches, near misses)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from srek_desk.matching.transit import Connection, clock
from srek_desk.matching.wording import Reason, Wording

if TYPE_CHECKING:
    from srek_desk.geo.transit.search import Leg


@dataclass(frozen=True, slots=True)
class Match:
    offer_id: int
    client_id: int
    reference: (
        str  # the offer's reference (rank_offers) or the client's Kundennummer (rank_clients)
    )
    score: float
    commute_minutes: float | None
    commute_km: float | None
    mode: str | None
    commute_from_table: bool
    state: str
    crosses_state_border: bool
    title: str = ""
    employer: str = ""
    place: str = ""
    occupation_kind: int = 0  # matching.occupation.EXACT … SAME_GROUP_2
    wish_code: str = ""  # the client's wish this offer was matched against
    missing_skills: tuple[str, ...] = ()  # codes of required skills the client lacks
    missing_skill_labels: tuple[str, ...] = ()  # the same as labels of the vocabulary
    flags: tuple[str, ...] = ()  # the offer's flags (db.codes.OFFER_FLAGS codes)
    stale: bool = False  # only with OfferFilter(include_stale=True) / include_stale
    stale_reason: str | None = None
    # the reasons as codes and values (wording.py renders them in a language); `reasons` and
    # `excluded_because` are their German sentences, rendered when first read
    explanation: tuple[Reason, ...] = ()
    exclusion: Reason | None = None  # a near miss's one failing criterion
    place_approximate: bool = False  # the offer's coordinates are a postcode or place centre
    # where the minutes come from: "timetable", "table" (the office's), "estimate"; None unknown
    commute_source: str | None = None
    connection: Connection | None = None  # the timetable's connection behind the minutes
    words: Wording | None = field(default=None, repr=False, compare=False)
    _said: tuple[tuple[str, ...], str | None] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @property
    def relocation(self) -> bool:
        """Beyond the client's commute, and they would move: "nur mit Umzug"."""
        return any(item.code == "commute.relocation" for item in self.explanation)

    @property
    def place_unknown(self) -> bool:
        """The offer has no coordinates: no distance, no commute ("Arbeitsort unbekannt")."""
        return any(item.code == "commute.place_unknown" for item in self.explanation)

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why it fits, in German: one sentence per reason of `explanation`."""
        return self._sentences()[0]

    @property
    def excluded_because(self) -> str | None:
        """What excludes a near miss, in German; None for a match."""
        return self._sentences()[1]

    def reasons_in(self, language: str) -> tuple[str, ...]:
        """Why it fits, in `language` ("de", "en"; German where a sentence has no translation)."""
        return self.reasons if language == "de" else self._sentences_in(language)[0]

    def excluded_in(self, language: str) -> str | None:
        """What excludes a near miss, in `language`; None for a match."""
        return self.excluded_because if language == "de" else self._sentences_in(language)[1]

    def _sentences_in(self, language: str) -> tuple[tuple[str, ...], str | None]:
        words = self.words or Wording.load()
        excluded = words.render(self.exclusion, language) if self.exclusion is not None else None
        return tuple(words.render_all(self.explanation, language)), excluded

    def _sentences(self) -> tuple[tuple[str, ...], str | None]:
        said = self._said
        if said is None:
            words = self.words or Wording.load()
            excluded = words.render(self.exclusion) if self.exclusion is not None else None
            said = (tuple(words.render_all(self.explanation)), excluded)
            object.__setattr__(self, "_said", said)  # frozen: set once, the same every time
        return said

    @property
    def commute_estimated(self) -> bool:
        """Minutes from the estimate (say "ca."), not from the office's travel-time table or
        the timetable."""
        if self.commute_minutes is None:
            return False
        if self.commute_source is not None:
            return self.commute_source == "estimate"
        return not self.commute_from_table

    def as_json(self, counterpart: str) -> dict[str, Any]:
        data: dict[str, Any] = {
            "offer_id" if counterpart == "offer" else "client_id": (
                self.offer_id if counterpart == "offer" else self.client_id
            ),
            "reference": self.reference,
            "score": self.score,
            "commute_minutes": None
            if self.commute_minutes is None
            else round(self.commute_minutes),
            "commute_km": None if self.commute_km is None else round(self.commute_km, 1),
            "mode": self.mode,
            "commute_from_table": self.commute_from_table,
            "state": self.state,
            "crosses_state_border": self.crosses_state_border,
            "reasons": list(self.reasons),
        }
        if counterpart == "offer":
            data.update(title=self.title, employer=self.employer, place=self.place)
        if self.excluded_because is not None:
            data["excluded_because"] = self.excluded_because
        data["missing_skills"] = list(self.missing_skill_labels)
        data["flags"] = list(self.flags)
        data["stale"] = self.stale
        if self.stale_reason is not None:
            data["stale_reason"] = self.stale_reason
        data["commute_estimated"] = self.commute_estimated
        data["relocation"] = self.relocation
        data["place_approximate"] = self.place_approximate
        data["place_unknown"] = self.place_unknown
        data["commute_source"] = self.commute_source
        data["connection"] = connection_json(self.connection)
        data["explanation"] = [item.as_json() for item in self.explanation]
        if self.exclusion is not None:
            data["exclusion"] = self.exclusion.as_json()
        return data


@dataclass
class MatchResult:
    matches: list[Match] = field(default_factory=list)
    near_misses: list[Match] = field(default_factory=list)
    candidates: int = 0


def connection_json(connection: Connection | None) -> dict[str, Any] | None:
    """A timetable connection as the command line shows it (times as "H:MM")."""
    if connection is None:
        return None
    journey = connection.journey
    return {
        "day": connection.day.isoformat(),
        "arrive_by": clock(connection.arrive_by),
        "depart": clock(journey.depart),
        "arrive": clock(journey.arrive),
        "minutes": round(journey.minutes),
        "transfers": journey.transfers,
        "legs": [leg_json(leg) for leg in journey.legs],
    }


def leg_json(leg: Leg) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": leg.kind,
        "from": leg.from_name,
        "to": leg.to_name,
        "depart": clock(leg.depart),
        "arrive": clock(leg.arrive),
    }
    if leg.kind == "ride":
        data["route"] = leg.route
    return data
