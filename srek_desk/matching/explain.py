"""Why an offer fits and what excludes a near miss: structured reasons from the pair's verdicts.

Each criterion was judged once by scoring (verdicts.py); here every verdict becomes exactly one
reason, and a near miss's exclusion is the reason of its one SHORT criterion. So "passt" appears
only where the criterion fits, and the sentence that excludes a pair is the sentence the reasons
say for that criterion. The words come from wording.py (German for `Match.reasons`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from srek_desk import paths
from srek_desk.db.codes import WORKING_TIMES, split_codes
from srek_desk.matching import occupation as occ
from srek_desk.matching import verdicts as v
from srek_desk.matching.codes import CEFR_BY_RANK, UNCLEAR_TYPE, school_rank
from srek_desk.matching.index import ClientProfile, OfferRow
from srek_desk.matching.wording import Reason, Wording, reason
from srek_desk.reference.gazetteer import STATE_NAMES
from srek_desk.reference.occupations import REQUIREMENT_LEVELS, OccupationCatalog
from srek_desk.reference.qualifications import SCHOOL_LEVELS

_SCHOOL_BY_RANK = {level.rank: level.name for level in SCHOOL_LEVELS}
_CRITERION = {name: index for index, name in enumerate(v.CRITERIA)}
_KIND_CODES = {
    occ.EXACT: "occupation.exact",
    occ.SAME_GROUP_4: "occupation.same_group_4",
    occ.RELATED: "occupation.related",
}


@dataclass(frozen=True, slots=True)
class PairFacts:
    """What scoring found for one pair, in plain values."""

    kind: int
    wish_code: str
    wish_priority: int
    minutes: float | None
    km: float | None
    mode: str | None
    source: str  # "estimate", "table" (the office's travel times) or "timetable"
    relocation: bool
    flags: int
    far: bool
    verdicts: Sequence[int] = ()  # verdicts.* in the order of verdicts.CRITERIA
    arrive_by: str = "7:30"  # the arrival time a bus-and-train connection had to make

    @property
    def from_table(self) -> bool:
        """The minutes are known (table or timetable), not estimated."""
        return self.source != "estimate"

    def verdict(self, criterion: str) -> int:
        return self.verdicts[_CRITERION[criterion]] if self.verdicts else v.NOT_ASKED


@dataclass(frozen=True, slots=True)
class Explanation:
    reasons: tuple[Reason, ...]
    exclusion: Reason | None  # the one criterion a near miss fails; None for a match


class Explainer:
    def __init__(
        self,
        occupations: OccupationCatalog,
        related: occ.RelatedOccupations,
        state_notes_file: Path | None = None,
        skill_labels: Mapping[str, str] | None = None,
        wording: Wording | None = None,
    ) -> None:
        self.occupations = occupations
        self.related = related
        # code → German label of the skills vocabulary (services.skills.SkillService.labels()).
        self.skill_labels: Mapping[str, str] = dict(skill_labels or {})
        self._notes_file = state_notes_file or paths.resource("matching", "state_notes.json")
        self._wording = wording
        # (kind, wish, priority, offer's code) → its reason: the same few pairs recur
        self._occupations: dict[tuple[int, str, int, str | None], Reason] = {}

    @cached_property
    def state_notes(self) -> dict[str, list[str]]:
        try:
            data = json.loads(self._notes_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {k: v for k, v in data.items() if not k.startswith("_") or k == "_default"}

    @cached_property
    def wording(self) -> Wording:
        return self._wording or Wording.load()

    def render(self, items: Iterable[Reason], language: str = "de") -> list[str]:
        return [self.wording.render(item, language) for item in items]

    def _name(self, code: str) -> str:
        found = self.occupations.get(code)
        return found.name if found else code

    def skill_names(self, codes: Iterable[str]) -> list[str]:
        """Labels of skill codes; a code missing from the vocabulary shows as itself."""
        return [self.skill_labels.get(code, code) for code in codes]

    # -- every criterion, once --------------------------------------------------------------
    def explain(self, client: ClientProfile, offer: OfferRow, facts: PairFacts) -> Explanation:
        """One reason per criterion that applies, rendered from its verdict; the exclusion is
        the reason of the first criterion whose verdict is SHORT."""
        (commute_v, school_v, level_v, start_v, hours_v, fixed_v, licence_v, german_v,
         skills_v, agency_v, reserved_v) = facts.verdicts or _NOT_JUDGED  # fmt: skip
        commute = self.commute(client, offer, facts, commute_v)
        result = [self.occupation(offer, facts), commute]
        border = self.border(client, offer, facts, commute_v)
        if border is not None:
            result.append(border)
        if offer.offer_type == UNCLEAR_TYPE:
            result.append(_TYPE_UNCLEAR)
        # (verdict, its reason) per criterion, in the order of verdicts.CRITERIA
        judged = [
            (school_v, self.school(client, offer, school_v)),
            (level_v, self.level(client, offer, level_v)),
            (start_v, self.start(client, offer, start_v)),
            (hours_v, self.working_time(offer, hours_v)),
            (fixed_v, _FIXED_TERM.get(fixed_v)),
            (licence_v, self.licence(offer, licence_v)),
            (german_v, self.german(client, offer, german_v)),
        ]
        result += [r for _, r in judged[:3] if r is not None]
        if offer.application_deadline:
            result.append(Reason("deadline", (("deadline_on", offer.application_deadline),)))
        # working time, licence, German, fixed term
        later = (judged[3][1], judged[5][1], judged[6][1], judged[4][1])
        result += [r for r in later if r is not None]
        missing = self._missing_skills(client, offer) if skills_v == v.SHORT else None
        result += self.skills(client, offer, missing)
        result += self.flag_reasons(client, offer)
        if not facts.flags:
            return Explanation(tuple(result), None)
        if commute_v in (v.PLACE_UNKNOWN, v.NO_CONNECTION):
            return Explanation(tuple(result), commute)
        if commute_v == v.BEYOND:
            return Explanation(tuple(result), self.too_far(client, facts))
        judged += [(skills_v, missing), (agency_v, _AGENCY), (reserved_v, _RESERVED)]
        failing = next((r for verdict, r in judged if verdict == v.SHORT), None)
        return Explanation(tuple(result), failing or reason("excluded"))

    def occupation(self, offer: OfferRow, facts: PairFacts) -> Reason:
        key = (facts.kind, facts.wish_code, facts.wish_priority, offer.kldb_code)
        found = self._occupations.get(key)
        if found is None:
            if len(self._occupations) >= 50_000:
                self._occupations.clear()
            found = self._occupations[key] = self._occupation(offer, facts)
        return found

    def _occupation(self, offer: OfferRow, facts: PairFacts) -> Reason:
        wish = self._name(facts.wish_code)
        code = offer.kldb_code or ""
        if facts.kind == occ.SAME_GROUP_4:
            level = REQUIREMENT_LEVELS.get(int(code[4]), "") if len(code) == 5 else ""
            return reason(
                _KIND_CODES[facts.kind], priority=facts.wish_priority, wish=wish, level=level
            )
        if facts.kind == occ.RELATED:
            note = self.related.reason(int(facts.wish_code), int(code)) if code else ""
            if note:
                return reason(
                    "occupation.related_note", priority=facts.wish_priority, wish=wish, note=note
                )
        if facts.kind in _KIND_CODES:
            return reason(_KIND_CODES[facts.kind], priority=facts.wish_priority, wish=wish)
        digits = 3 if facts.kind == occ.SAME_GROUP_3 else 2
        group = self.occupations.group_name(code[:digits]) or code[:digits]
        return reason(
            f"occupation.same_group_{digits}", priority=facts.wish_priority, wish=wish, group=group
        )

    @staticmethod
    def commute(client: ClientProfile, offer: OfferRow, facts: PairFacts, verdict: int) -> Reason:
        if verdict == v.NO_CONNECTION:
            return reason("commute.no_connection", arrive_by=facts.arrive_by)
        if verdict == v.PLACE_UNKNOWN or facts.minutes is None or facts.km is None:
            return _UNKNOWN_COMMUTE.get(verdict, _UNKNOWN_COMMUTE[v.HOME_UNKNOWN])
        if verdict == v.RELOCATION:
            return reason(
                "commute.relocation",
                km=round(facts.km),
                approximate=offer.place_approximate,
                limit=round(client.max_minutes),
            )
        return reason(
            "commute.beyond" if verdict == v.BEYOND else "commute.within",
            minutes=round(facts.minutes),
            estimated=not facts.from_table,
            via=facts.source,
            mode=facts.mode,
            km=round(facts.km),
            approximate=offer.place_approximate,
            limit=round(client.max_minutes),
        )

    @staticmethod
    def too_far(client: ClientProfile, facts: PairFacts) -> Reason:
        """The exclusion of a commute beyond the client's limit (a near miss by minutes)."""
        minutes = facts.minutes or 0.0
        return reason(
            "commute.too_far",
            minutes=round(minutes),
            estimated=not facts.from_table,
            via=facts.source,
            mode=facts.mode,
            extra=round(minutes - client.max_minutes),
            limit=round(client.max_minutes),
        )

    def border(
        self, client: ClientProfile, offer: OfferRow, facts: PairFacts, verdict: int
    ) -> Reason | None:
        if not offer.state or not client.home_state or offer.state == client.home_state:
            return None
        state = STATE_NAMES.get(offer.state, offer.state)
        notes = self.state_notes.get(offer.state) or self.state_notes.get("_default", [])
        if verdict in (v.WITHIN, v.BEYOND) and facts.minutes is not None:
            return reason(
                "border",
                state=state,
                minutes=round(facts.minutes),
                estimated=not facts.from_table,
                home=client.home_place,
                notes=" ".join(notes),
            )
        return reason("border.no_minutes", state=state, notes=" ".join(notes))

    @staticmethod
    def school(client: ClientProfile, offer: OfferRow, verdict: int) -> Reason | None:
        if verdict == v.NOT_ASKED:
            return None
        asked = _SCHOOL_BY_RANK.get(school_rank(offer.required_school), offer.required_school)
        held = _SCHOOL_BY_RANK.get(client.school_rank, "")
        return reason(_SCHOOL_CODES.get(verdict, "school.unknown"), asked=asked, held=held)

    @staticmethod
    def level(client: ClientProfile, offer: OfferRow, verdict: int) -> Reason | None:
        if verdict == v.NOT_ASKED:
            return None
        asked = REQUIREMENT_LEVELS.get(offer.required_level or 0, "")
        held = REQUIREMENT_LEVELS.get(client.vocational_level, "")
        return reason(_LEVEL_CODES.get(verdict, "level.unclear"), asked=asked, held=held)

    @staticmethod
    def start(client: ClientProfile, offer: OfferRow, verdict: int) -> Reason | None:
        if not offer.start_date:
            return None
        if verdict == v.SHORT:
            code = "start.too_early"
        else:
            code = "start.available" if client.earliest_start else "start"
        return reason(code, start_on=offer.start_date, available_on=client.earliest_start)

    @staticmethod
    def working_time(offer: OfferRow, verdict: int) -> Reason | None:
        if verdict != v.SHORT:
            return None
        offered = tuple(WORKING_TIMES.get(c, c) for c in split_codes(offer.working_time))
        return reason("working_time.clash", offered=offered)

    @staticmethod
    def licence(offer: OfferRow, verdict: int) -> Reason | None:
        if verdict == v.NOT_ASKED:
            return None
        code = "licence.missing" if verdict == v.SHORT else "licence.held"
        return Reason(code, (("licence", offer.driving_licence),))

    @staticmethod
    def german(client: ClientProfile, offer: OfferRow, verdict: int) -> Reason | None:
        if verdict == v.NOT_ASKED:
            return None
        held = CEFR_BY_RANK.get(client.german_rank, "")
        if verdict == v.SHORT:
            code = "german.short"
        else:
            code = "german.held" if client.german_recorded else "german.unrecorded"
        return reason(code, asked=offer.german_level, held=held)

    def skills(
        self, client: ClientProfile, offer: OfferRow, missing: Reason | None
    ) -> list[Reason]:
        """The required skills held, the desirable ones held, and (a near miss) those missing."""
        result = []
        if offer.skills_required:
            required = [c for c in offer.skills_required if c in client.skills]
            if required:
                result.append(reason("skills.held", skills=tuple(self.skill_names(required))))
        if offer.skills_nice:
            nice = [c for c in offer.skills_nice if c in client.skills]
            if nice:
                result.append(reason("skills.nice", skills=tuple(self.skill_names(nice))))
        if missing is not None:
            result.append(missing)
        return result

    def _missing_skills(self, client: ClientProfile, offer: OfferRow) -> Reason:
        missing = [c for c in offer.skills_required if c not in client.skills]
        return reason("skills.missing", skills=tuple(self.skill_names(missing)))

    @staticmethod
    def flag_reasons(client: ClientProfile, offer: OfferRow) -> list[Reason]:
        if not offer.flags:
            return []
        result = []
        if "lateral_entry" in offer.flags and "lateral_entry" in client.preferences:
            result.append(reason("flag.lateral_entry"))
        if "refugees" in offer.flags and "refugee" in client.preferences:
            result.append(reason("flag.refugees"))
        for flag in ("temp_agency", "private_agency"):
            if flag in offer.flags:
                result.append(reason(f"flag.{flag}"))
        return result


_NOT_JUDGED = (v.NOT_ASKED,) * len(v.CRITERIA)
_TYPE_UNCLEAR = Reason("type.unclear")
_AGENCY = Reason("agency.unwanted")
_RESERVED = Reason("reserved")
_FIXED_TERM = {v.FITS: Reason("fixed_term"), v.SHORT: Reason("fixed_term.unwanted")}
_SCHOOL_CODES = {v.FITS: "school.fits", v.OVER: "school.over", v.SHORT: "school.short"}
_LEVEL_CODES = {v.FITS: "level.fits", v.OVER: "level.over", v.SHORT: "level.short"}
_UNKNOWN_COMMUTE = {
    v.PLACE_UNKNOWN: Reason("commute.place_unknown"),
    v.HOME_UNKNOWN: Reason("commute.home_unknown"),
    v.NO_MODE: Reason("commute.no_mode"),
}
