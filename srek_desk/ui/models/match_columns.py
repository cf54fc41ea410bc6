"""Columns of match tables: offers for a client, clients for an offer, near misses."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication

from srek_desk.db.codes import MOBILITY_MODES, PROPOSAL_STATUSES
from srek_desk.matching.engine import Match
from srek_desk.reference.gazetteer import STATE_NAMES
from srek_desk.ui.models.rows_model import Column

translate = QCoreApplication.translate


def commute_text(match: Match) -> str:
    if match.commute_minutes is None:
        return ""
    mode = MOBILITY_MODES.get(match.mode or "", match.mode or "")
    return f"{round(match.commute_minutes)} min · {mode}"


def reasons_text(match: Match) -> str:
    return " ".join(match.reasons)


def offer_columns(status_of: Callable[[int], str], picked: Callable[[int], bool]) -> list[Column]:
    """Ranked offers for one client; `status_of(offer_id)` is the open proposal's status code."""
    status = Column(
        translate("Matching", "Status"),
        lambda m: "; ".join(
            part
            for part in (
                PROPOSAL_STATUSES.get(status_of(m.offer_id), status_of(m.offer_id)),
                translate("Matching", "on the sheet") if picked(m.offer_id) else "",
            )
            if part
        ),
    )
    return [
        Column(
            translate("Matching", "Score"), lambda m: str(round(m.score)), sort=lambda m: m.score
        ),
        Column(translate("Matching", "Offer"), lambda m: m.title, tooltip=reasons_text),
        Column(translate("Matching", "Place"), lambda m: m.place),
        Column(
            translate("Matching", "Commute"),
            commute_text,
            sort=lambda m: m.commute_minutes if m.commute_minutes is not None else 10_000,
        ),
        status,
        Column(
            translate("Matching", "State"),
            lambda m: STATE_NAMES.get(m.state, m.state) + (" ⇄" if m.crosses_state_border else ""),
        ),
        Column(translate("Matching", "Employer"), lambda m: m.employer),
    ]


def near_miss_columns() -> list[Column]:
    return [
        Column(translate("Matching", "Offer"), lambda m: m.title),
        Column(translate("Matching", "Employer"), lambda m: m.employer),
        Column(translate("Matching", "Place"), lambda m: m.place),
        Column(
            translate("Matching", "Commute"),
            commute_text,
            sort=lambda m: m.commute_minutes if m.commute_minutes is not None else 10_000,
        ),
        Column(
            translate("Matching", "Why not"),
            lambda m: m.excluded_because or "",
            tooltip=lambda m: m.excluded_because or "",
        ),
    ]


def client_columns(places: Mapping[int, str]) -> list[Column]:
    """Ranked clients for one offer (customer number and home place only: data thrift)."""
    return [
        Column(
            translate("Matching", "Score"), lambda m: str(round(m.score)), sort=lambda m: m.score
        ),
        Column(translate("Matching", "Customer no."), lambda m: m.reference),
        Column(translate("Matching", "Home"), lambda m: places.get(m.client_id, "")),
        Column(
            translate("Matching", "Commute"),
            commute_text,
            sort=lambda m: m.commute_minutes if m.commute_minutes is not None else 10_000,
        ),
        Column(translate("Matching", "Why it fits"), reasons_text, tooltip=reasons_text),
    ]


def client_near_miss_columns(places: Mapping[int, str]) -> list[Column]:
    return [
        Column(translate("Matching", "Customer no."), lambda m: m.reference),
        Column(translate("Matching", "Home"), lambda m: places.get(m.client_id, "")),
        Column(translate("Matching", "Why not"), lambda m: m.excluded_because or ""),
    ]
