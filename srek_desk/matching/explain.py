"""German sentences a counsellor can read out: why an offer fits, and what excluded a near miss."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from srek_desk import paths
from srek_desk.db.codes import WORKING_TIMES, split_codes
from srek_desk.geo.commute import MODE_LABELS, MODES
from srek_desk.matching import occupation as occ
from srek_desk.matching import scoring as sc
from srek_desk.matching.codes import CEFR_BY_RANK, school_rank
from srek_desk.matching.index import ClientProfile, OfferRow
from srek_desk.reference.gazetteer import STATE_NAMES
from srek_desk.reference.occupations import REQUIREMENT_LEVELS, OccupationCatalog
from srek_desk.reference.qualifications import SCHOOL_LEVELS

_SCHOOL_BY_RANK = {level.rank: level.name for level in SCHOOL_LEVELS}


def _minutes(value: float) -> str:
    return f"{round(value):d} Min."


def _date(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


@dataclass(frozen=True, slots=True)
class PairFacts:
    """What scoring found for one pair, in plain values."""

    kind: int
    wish_code: str
    wish_priority: int
    minutes: float | None
    km: float | None
    mode: str | None
    from_table: bool
    relocation: bool
    flags: int
    far: bool


class Explainer:
    def __init__(
        self,
        occupations: OccupationCatalog,
        related: occ.RelatedOccupations,
        state_notes_file: Path | None = None,
        skill_labels: Mapping[str, str] | None = None,
    ) -> None:
        self.occupations = occupations
        self.related = related
        # code → German label of the skills vocabulary (services.skills.SkillService.labels()).
        self.skill_labels: Mapping[str, str] = dict(skill_labels or {})
        self._notes_file = state_notes_file or paths.resource("matching", "state_notes.json")

    @cached_property
    def state_notes(self) -> dict[str, list[str]]:
        try:
            data = json.loads(self._notes_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {k: v for k, v in data.items() if not k.startswith("_") or k == "_default"}

    def _name(self, code: str) -> str:
        found = self.occupations.get(code)
        return found.name if found else code

    def skill_names(self, codes: Iterable[str]) -> list[str]:
        """Labels of skill codes; a code missing from the vocabulary shows as itself."""
        return [self.skill_labels.get(code, code) for code in codes]

    # -- reasons for a match --------------------------------------------------------------------
    def reasons(self, client: ClientProfile, offer: OfferRow, facts: PairFacts) -> list[str]:
        result = [self.occupation_sentence(offer, facts)]
        result.append(self.commute_sentence(client, facts))
        border = self.border_sentence(client, offer, facts)
        if border:
            result.append(border)
        result.extend(self.qualification_sentences(client, offer))
        if offer.start_date:
            available = (
                f" (verfügbar ab {_date(client.earliest_start)})" if client.earliest_start else ""
            )
            result.append(f"Beginn: {_date(offer.start_date)}{available}.")
        if offer.application_deadline:
            result.append(f"Bewerbung bis {_date(offer.application_deadline)}.")
        if offer.driving_licence:
            result.append(f"Führerschein {offer.driving_licence} verlangt – vorhanden.")
        if offer.german_level:
            result.append(
                f"Deutsch {offer.german_level} verlangt – vorhanden: {CEFR_BY_RANK.get(client.german_rank, 'C2')}."
            )
        if offer.fixed_term:
            result.append("Die Stelle ist befristet.")
        result.extend(self.skill_sentences(client, offer))
        result.extend(self.flag_sentences(client, offer))
        return result

    def skill_sentences(self, client: ClientProfile, offer: OfferRow) -> list[str]:
        result = []
        required = [c for c in offer.skills_required if c in client.skills]
        if required:
            result.append(f"Verlangt: {', '.join(self.skill_names(required))} – vorhanden.")
        nice = [c for c in offer.skills_nice if c in client.skills]
        if nice:
            result.append(f"Erwünscht – bringt mit: {', '.join(self.skill_names(nice))}.")
        return result

    @staticmethod
    def flag_sentences(client: ClientProfile, offer: OfferRow) -> list[str]:
        result = []
        if "lateral_entry" in offer.flags and "lateral_entry" in client.preferences:
            result.append("Laut Angebot für Quereinsteiger:innen geeignet.")
        if "refugees" in offer.flags and "refugee" in client.preferences:
            result.append("Laut Angebot ausdrücklich auch für Geflüchtete.")
        if "temp_agency" in offer.flags:
            result.append("Angebot über Zeitarbeit.")
        if "private_agency" in offer.flags:
            result.append("Angebot über eine private Arbeitsvermittlung.")
        return result

    def occupation_sentence(self, offer: OfferRow, facts: PairFacts) -> str:
        wish = self._name(facts.wish_code)
        prefix = f"Wunsch {facts.wish_priority}"
        code = offer.kldb_code or ""
        if facts.kind == occ.EXACT:
            return f"Beruf passt genau zu {prefix}: {wish}."
        if facts.kind == occ.SAME_GROUP_4:
            level = REQUIREMENT_LEVELS.get(int(code[4]), "") if len(code) == 5 else ""
            return f"Gleiche Berufsuntergruppe wie {prefix} ({wish}), Niveau {level}."
        if facts.kind == occ.RELATED:
            reason = self.related.reason(int(facts.wish_code), int(code)) if code else ""
            extra = f" – {reason}" if reason else ""
            return f"Verwandter Beruf zu {prefix} ({wish}){extra}."
        if facts.kind == occ.SAME_GROUP_3:
            group = self.occupations.group_name(code[:3]) or code[:3]
            return f"Gleiche Berufsgruppe „{group}“ wie {prefix} ({wish})."
        group = self.occupations.group_name(code[:2]) or code[:2]
        return f"Gleicher Berufsbereich „{group}“ wie {prefix} ({wish})."

    def commute_sentence(self, client: ClientProfile, facts: PairFacts) -> str:
        if facts.minutes is None or facts.mode is None:
            return "Fahrzeit unbekannt: Arbeitsort oder Wohnort ohne Koordinaten."
        source = " laut Fahrzeittabelle der Dienststelle" if facts.from_table else ""
        base = f"{_minutes(facts.minutes)} {MODE_LABELS[facts.mode]}{source} ({facts.km:.0f} km)"
        if facts.relocation:
            return f"{base} – mehr als {round(client.max_minutes)} Min., passt nur mit Umzug (Umzug möglich)."
        if facts.minutes > client.max_minutes:
            return f"{base} – mehr als die höchstens {round(client.max_minutes)} Min. pro Weg."
        return f"{base} – innerhalb von {round(client.max_minutes)} Min. pro Weg."

    def border_sentence(
        self, client: ClientProfile, offer: OfferRow, facts: PairFacts
    ) -> str | None:
        if not offer.state or not client.home_state or offer.state == client.home_state:
            return None
        state = STATE_NAMES.get(offer.state, offer.state)
        distance = (
            f", {_minutes(facts.minutes)} von {client.home_place}"
            if facts.minutes is not None
            else ""
        )
        notes = self.state_notes.get(offer.state) or self.state_notes.get("_default", [])
        return f"In {state}{distance} – eine Chance über die Landesgrenze. " + " ".join(notes)

    def qualification_sentences(self, client: ClientProfile, offer: OfferRow) -> list[str]:
        result = []
        required = school_rank(offer.required_school)
        if required >= 0 and client.school_rank >= 0:
            asked = _SCHOOL_BY_RANK.get(required, offer.required_school)
            held = _SCHOOL_BY_RANK.get(client.school_rank, "")
            gap = int(sc.SCHOOL_STEP[client.school_rank]) - int(sc.SCHOOL_STEP[required])
            if gap > 2:
                result.append(f"Überqualifiziert: {held} – verlangt ist {asked}.")
            else:
                result.append(f"Schulabschluss passt (verlangt: {asked}).")
        if offer.offer_type == "arbeit" and offer.required_level:
            asked_level = REQUIREMENT_LEVELS.get(offer.required_level, "")
            if client.vocational_level > offer.required_level:
                held_level = REQUIREMENT_LEVELS.get(client.vocational_level, "")
                result.append(f"Überqualifiziert: Niveau {held_level}, verlangt ist {asked_level}.")
            else:
                result.append(f"Anforderungsniveau passt: {asked_level}.")
        return result

    # -- the one reason for a near miss ---------------------------------------------------------
    def exclusion(self, client: ClientProfile, offer: OfferRow, facts: PairFacts) -> str:
        flag = facts.flags
        if flag & sc.F_COMMUTE and facts.minutes is not None and facts.mode is not None:
            extra = facts.minutes - client.max_minutes
            return (
                f"Fahrzeit {_minutes(facts.minutes)} {MODE_LABELS[facts.mode]} – "
                f"{_minutes(extra)} mehr als die höchstens {round(client.max_minutes)} Min."
            )
        if flag & sc.F_SCHOOL:
            asked = _SCHOOL_BY_RANK.get(school_rank(offer.required_school), offer.required_school)
            held = _SCHOOL_BY_RANK.get(client.school_rank, "")
            return f"Schulabschluss fehlt knapp: verlangt {asked}, vorhanden {held}."
        if flag & sc.F_LEVEL:
            asked = REQUIREMENT_LEVELS.get(offer.required_level or 0, "")
            held = REQUIREMENT_LEVELS.get(client.vocational_level, "")
            return f"Anforderungsniveau {asked} verlangt, vorhanden {held}."
        if flag & sc.F_START:
            return (
                f"Beginn {_date(offer.start_date)} liegt vor der Verfügbarkeit "
                f"ab {_date(client.earliest_start)}."
            )
        if flag & sc.F_WORKING_TIME:
            offered = ", ".join(WORKING_TIMES.get(c, c) for c in split_codes(offer.working_time))
            return f"Arbeitszeit passt nicht: angeboten {offered}."
        if flag & sc.F_FIXED_TERM:
            return "Die Stelle ist befristet; gesucht wird eine unbefristete."
        if flag & sc.F_LICENCE:
            return f"Führerschein {offer.driving_licence} fehlt."
        if flag & sc.F_LANGUAGE:
            held = CEFR_BY_RANK.get(client.german_rank, "")
            return f"Deutsch {offer.german_level} verlangt, vorhanden {held}."
        if flag & sc.F_SKILL:
            missing = [c for c in offer.skills_required if c not in client.skills]
            return f"fehlt: {', '.join(self.skill_names(missing))}"
        if flag & sc.F_AGENCY:
            return "Zeitarbeit / private Arbeitsvermittlung – gewünscht ist keine."
        if flag & sc.F_RESERVED:
            return "Nur für schwerbehinderte Menschen ausgeschrieben."
        return "Ausgeschlossen."


def mode_name(index: int) -> str | None:
    return MODES[index] if index >= 0 else None
