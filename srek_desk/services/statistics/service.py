"""Office statistics for the Statistik page: aggregate counts only, small counts suppressed.

Every number is a `COUNT(*) … GROUP BY` in the database; no row about a person is loaded.
Counts of 1 to 4 are suppressed (None, rendered "<5") so that no small group can be traced
back to people. Restricted clients (data processing restricted, § 84 SGB X, Art. 18 DSGVO)
are left out of every count about proposals. An outcome is counted in the month of its last
status change (the proposal keeps its current status only).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import extract, func, select
from sqlmodel import col

from srek_desk.db.codes import OFFER_TYPES, PROPOSAL_STATUSES
from srek_desk.db.models import Client, Offer, Proposal
from srek_desk.importers.export import safe_csv_writer
from srek_desk.reference.catalog import ReferenceData
from srek_desk.reference.gazetteer import STATE_NAMES
from srek_desk.services.core.database import Database

SUPPRESS_BELOW = 5
SUPPRESSED_TEXT = "<5"
MONTHS = 12
PLACED = "zusage"


def suppress(count: int) -> int | None:
    """None for 1..4 (shown as "<5"); 0 and 5+ stay."""
    return None if 0 < count < SUPPRESS_BELOW else count


def render_count(count: int | None) -> str:
    return SUPPRESSED_TEXT if count is None else str(count)


@dataclass(frozen=True, slots=True)
class CountRow:
    key: str  # state code, offer type code, Berufsbereich digit ("" = without code)
    label: str  # German
    count: int | None  # None: suppressed


@dataclass(frozen=True, slots=True)
class MonthRow:
    month: str  # "2026-11"
    counts: dict[str, int | None]  # status → count, every status of PROPOSAL_STATUSES


@dataclass(frozen=True, slots=True)
class Statistics:
    generated_at: datetime
    offers_by_state: tuple[CountRow, ...]
    offers_by_type: tuple[CountRow, ...]
    offers_by_area: tuple[CountRow, ...]  # KldB Berufsbereich (first digit)
    proposals: int | None
    proposals_crossing_border: int | None
    placements: int | None  # proposals with status "zusage"
    placements_crossing_border: int | None
    outcomes_by_month: tuple[MonthRow, ...]  # oldest first, the last 12 months incl. this one


def _last_months(today: date, count: int) -> list[tuple[int, int]]:
    """(year, month - 1) of the `count` months up to and including today's, oldest first."""
    index = today.year * 12 + today.month - 1
    return [divmod(i, 12) for i in range(index - count + 1, index + 1)]


class StatisticsService:
    def __init__(self, database: Database, reference: ReferenceData) -> None:
        self.database = database
        self.reference = reference

    def compute(self, *, today: date | None = None) -> Statistics:
        today = today or date.today()
        with self.database.session() as session:

            def offer_counts(expression: Any) -> list[tuple[str, int]]:
                rows = session.execute(
                    select(expression, func.count())
                    .where(col(Offer.active).is_(True))
                    .group_by(expression)
                ).all()
                return [(key or "", int(n)) for key, n in rows]

            by_state = offer_counts(Offer.state)
            by_type = offer_counts(Offer.offer_type)
            by_area = offer_counts(func.substr(Offer.kldb_code, 1, 1))
            counted = select(Proposal.status, Proposal.crosses_state_border, func.count()).join(
                Client, col(Client.id) == Proposal.client_id
            )
            counted = counted.where(col(Client.restricted).is_(False))
            totals = session.execute(
                counted.group_by(Proposal.status, Proposal.crosses_state_border)
            ).all()
            first_year, first_month0 = _last_months(today, MONTHS)[0]
            year = extract("year", Proposal.status_changed_at)
            month = extract("month", Proposal.status_changed_at)
            monthly = session.execute(
                select(year, month, Proposal.status, func.count())
                .join(Client, col(Client.id) == Proposal.client_id)
                .where(
                    col(Client.restricted).is_(False),
                    col(Proposal.status_changed_at)
                    >= datetime(first_year, first_month0 + 1, 1, tzinfo=UTC),
                )
                .group_by(year, month, Proposal.status)
            ).all()
        proposals = sum(int(n) for _, _, n in totals)
        crossing = sum(int(n) for _, border, n in totals if border)
        placed = sum(int(n) for status, _, n in totals if status == PLACED)
        placed_crossing = sum(int(n) for status, border, n in totals if status == PLACED and border)
        per_month: dict[tuple[int, int], dict[str, int]] = {}
        for y, m, status, n in monthly:
            per_month.setdefault((int(y), int(m)), {})[status] = int(n)
        months = tuple(
            MonthRow(
                f"{y:04d}-{m + 1:02d}",
                {s: suppress(per_month.get((y, m + 1), {}).get(s, 0)) for s in PROPOSAL_STATUSES},
            )
            for y, m in _last_months(today, MONTHS)
        )
        return Statistics(
            generated_at=datetime.now(UTC),
            offers_by_state=self._rows(by_state, lambda k: STATE_NAMES.get(k, k)),
            offers_by_type=self._rows(by_type, lambda k: OFFER_TYPES.get(k, k)),
            offers_by_area=self._rows(by_area, self._area_name),
            proposals=suppress(proposals),
            proposals_crossing_border=suppress(crossing),
            placements=suppress(placed),
            placements_crossing_border=suppress(placed_crossing),
            outcomes_by_month=months,
        )

    def _area_name(self, digit: str) -> str:
        name = self.reference.occupations.group_name(digit) if digit else None
        return f"{digit} {name}" if name else (digit or "ohne Berufskennziffer")

    @staticmethod
    def _rows(counts: list[tuple[str, int]], label: Any) -> tuple[CountRow, ...]:
        ordered = sorted(counts, key=lambda pair: (-pair[1], pair[0]))
        return tuple(CountRow(key, label(key) or "ohne Angabe", suppress(n)) for key, n in ordered)


def to_csv(stats: Statistics) -> str:
    """All figures as one CSV table (German headers, ';', suppressed counts as "<5"); no label
    leaves as a spreadsheet formula."""
    out = io.StringIO()
    writer = safe_csv_writer(out)
    writer.writerow(["Bereich", "Merkmal", "Anzahl"])
    for title, rows in (
        ("Aktive Angebote nach Bundesland", stats.offers_by_state),
        ("Aktive Angebote nach Art", stats.offers_by_type),
        ("Aktive Angebote nach Berufsbereich", stats.offers_by_area),
    ):
        for row in rows:
            writer.writerow([title, row.label, render_count(row.count)])
    for title, feature, value in (
        ("Vermittlungsvorschläge", "insgesamt", stats.proposals),
        ("Vermittlungsvorschläge", "über eine Landesgrenze", stats.proposals_crossing_border),
        ("Zusagen", "insgesamt", stats.placements),
        ("Zusagen", "über eine Landesgrenze", stats.placements_crossing_border),
    ):
        writer.writerow([title, feature, render_count(value)])
    for month in stats.outcomes_by_month:
        for status, count in month.counts.items():
            writer.writerow(
                [
                    f"Stand der Vorschläge {month.month}",
                    PROPOSAL_STATUSES[status],
                    render_count(count),
                ]
            )
    return out.getvalue()
