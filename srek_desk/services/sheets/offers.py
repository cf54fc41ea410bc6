"""Offers for an opportunity sheet: which (never stale; skill-only near misses fill free places),
their commute (or that only a move reaches them; bus and train by the timetable where one is
loaded, see transit.py), their contacts, and the skills they ask for.

A near miss whose only flaw is a required skill the client lacks (`Match.missing_skills`) is a
real chance once a short course closes the gap, so it may fill the places the matches leave
free on the sheet; the skill then becomes a step under "Dein Weg". Stale offers
(`matching.freshness.stale_reason`) are left out silently when the sheet picks by itself and with
a German message naming the offer when the counsellor picked them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from srek_desk.db.models import Employer, Offer
from srek_desk.geo.commute import CommuteParameters, estimate_between
from srek_desk.matching.engine import Match, MatchResult
from srek_desk.matching.index import ClientProfile, OfferRow
from srek_desk.matching.transit import TimetableCommutes
from srek_desk.matching.travel_times import TravelTimes
from srek_desk.services.offers import SkillEntry
from srek_desk.services.sheets.transit import timetable_commute
from srek_desk.sheets.data import Commute, SkillGap

# bus and train first: the mode most clients of the desk depend on
MODES = ("pt", "car", "bike", "walk")


def left_out_message(row: OfferRow, reason: str) -> str:
    """E.g. „Fachkraft Lagerlogistik“ (Weserbergland KG) steht nicht auf dem Blatt: nicht mehr …"""
    employer = f" ({row.employer_name})" if row.employer_name else ""
    return f"„{row.title}“{employer} steht nicht auf dem Blatt: nicht mehr aktuell – {reason}."


def skill_only_near_miss(match: Match) -> bool:
    """A near miss with missing skills: its single flaw is the skills (one flag per near miss)."""
    return bool(match.missing_skills)


def choose_ranked(result: MatchResult, top: int, is_fresh: Callable[[Match], bool]) -> list[Match]:
    """The matches first (best score first); free places go to skill-only near misses."""
    chosen = [m for m in result.matches if is_fresh(m)][:top]
    spare = [m for m in result.near_misses if skill_only_near_miss(m) and is_fresh(m)]
    return chosen + spare[: top - len(chosen)]


@dataclass(frozen=True, slots=True)
class SkillWords:
    """Labels and courses of the skills vocabulary (deactivated entries included)."""

    labels: dict[str, str]
    courses: dict[str, str]

    @classmethod
    def of(cls, vocabulary: Iterable[SkillEntry]) -> SkillWords:
        entries = list(vocabulary)
        return cls({e.code: e.label for e in entries}, {e.code: e.course for e in entries})

    def label(self, code: str) -> str:
        return self.labels.get(code, code)

    def gaps(self, codes: Sequence[str]) -> tuple[SkillGap, ...]:
        unique = dict.fromkeys(codes)
        return tuple(SkillGap(self.label(c), self.courses.get(c, "")) for c in unique)

    def held(self, client_skills: Iterable[str], row: OfferRow) -> tuple[str, ...]:
        """Labels of the client's skills the offer requires or would like ("Das bringst du mit")."""
        have = set(client_skills)
        asked = dict.fromkeys((*row.skills_required, *row.skills_nice))
        return tuple(self.label(c) for c in asked if c in have)


def missing_skills(match: Match | None, row: OfferRow, client_skills: Iterable[str]) -> list[str]:
    """Codes of the required skills the client lacks: the match's, or worked out for a pick
    the matching left out altogether."""
    if match is not None:
        return list(match.missing_skills)
    have = set(client_skills)
    return [code for code in row.skills_required if code not in have]


def commutes_for(
    profile: ClientProfile,
    row: OfferRow,
    parameters: CommuteParameters,
    table: TravelTimes,
    *,
    match: Match | None = None,
    transit: TimetableCommutes | None = None,
) -> tuple[Commute, ...]:
    """The commute per mode the client can use, from the same source as the match: the
    office's table where it knows the pair, for bus and train then the timetable (`transit`,
    with the match's connection where it has one), else the estimate; none where either
    place has no coordinates."""
    if profile.lat is None or profile.lon is None or row.lat is None or row.lon is None:
        return ()
    result = []
    for mode in MODES:
        if mode not in profile.modes:
            continue
        estimate = estimate_between(profile.lat, profile.lon, row.lat, row.lon, mode, parameters)
        minutes = table.get(profile.home_postcode, row.postcode, mode)
        if minutes is not None:
            result.append(Commute(mode, minutes, estimate.km, from_table=True))
            continue
        if mode == "pt":
            by_timetable = timetable_commute(profile, row, estimate.km, match, transit)
            if by_timetable is not None:
                result.append(by_timetable)
                continue
        result.append(Commute(mode, estimate.minutes, estimate.km))
    return tuple(result)


def needs_move(match: Match | None, profile: ClientProfile, commutes: Sequence[Commute]) -> bool:
    """The offer is only reachable by moving: the match says so, or, for an offer the matching
    left out, every commute is beyond the client's limit and they would move (scoring's rule)."""
    if match is not None:
        return match.relocation
    return (
        profile.relocate
        and bool(commutes)
        and min(c.minutes for c in commutes) > profile.max_minutes
    )


def offer_contacts(session: Any, offer_ids: list[int]) -> dict[int, dict[str, str]]:
    """Contact person, phone, e-mail and web address per offer (the employer's where missing)."""
    if not offer_ids:
        return {}
    records = session.execute(
        select(
            Offer.id,
            Offer.contact_name,
            Offer.contact_phone,
            Offer.contact_email,
            Offer.url,
            Employer.website,
            Employer.phone,
            Employer.email,
            Employer.contact_name,
        )
        .outerjoin(Employer, Employer.id == Offer.employer_id)
        .where(Offer.id.in_(offer_ids))
    ).all()
    return {
        r[0]: {
            "person": r[1] or r[8] or "",
            "phone": r[2] or r[6] or "",
            "email": r[3] or r[7] or "",
            "url": r[4] or r[5] or "",
        }
        for r in records
    }
