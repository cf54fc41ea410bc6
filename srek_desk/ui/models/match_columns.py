"""Columns of match tables: offers for a client, clients for an offer, near misses; a model that
greys out stale offers (shown only when the counsellor includes them)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont

from srek_desk.db.codes import MOBILITY_MODES, OFFER_FLAGS, PROPOSAL_STATUSES
from srek_desk.matching.engine import Match
from srek_desk.reference.gazetteer import STATE_NAMES
from srek_desk.ui.i18n import ui_language
from srek_desk.ui.models.rows_model import AnyIndex, Column, RowsModel

translate = QCoreApplication.translate
STALE_COLOUR = QColor("#6b7280")


def flag_names() -> dict[str, str]:
    """Short names of the offer flags for a table column (the long ones are the tooltip)."""
    return {
        "lateral_entry": translate("Matching", "Lateral entry"),
        "refugees": translate("Matching", "Refugees"),
        "temp_agency": translate("Matching", "Temp agency"),
        "private_agency": translate("Matching", "Private agency"),
        "disabled_only": translate("Matching", "Severely disabled only"),
    }


def flags_text(match: Match) -> str:
    names = flag_names()
    return ", ".join(names.get(code, code) for code in match.flags)


def flags_tooltip(match: Match) -> str:
    return "\n".join(OFFER_FLAGS.get(code, code) for code in match.flags)


def missing_text(match: Match) -> str:
    """ "fehlt: Staplerschein" for the required skills the client lacks; empty when none."""
    if not match.missing_skill_labels:
        return ""
    return translate("Matching", "missing: %1").replace("%1", ", ".join(match.missing_skill_labels))


def why_not_text(match: Match) -> str:
    """Why a near miss misses, with the missing skills even when another reason comes first."""
    why = match.excluded_in(ui_language()) or ""
    missing = missing_text(match)
    named = all(label in why for label in match.missing_skill_labels)  # the engine said it
    if missing and not named:
        why = f"{why}; {missing}" if why else missing
    if match.stale:
        stale = translate("Matching", "stale")
        why = f"{why}; {stale}" if why else stale
    return why


class MatchRowsModel(RowsModel):
    """Rows of Match; stale offers (included on request) are grey and italic."""

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole):
            if not index.isValid() or not 0 <= index.row() < len(self.rows):
                return None
            if not self.rows[index.row()].stale:
                return None
            if role == Qt.ItemDataRole.ForegroundRole:
                return STALE_COLOUR
            font = QFont()
            font.setItalic(True)
            return font
        return super().data(index, role)


def commute_text(match: Match) -> str:
    """ "ca. 32 min · Bus und Bahn" (no "ca." from the office's travel-time table), "only with a
    move (160 km)" where the client would move, "place of work unknown" without coordinates."""
    if match.place_unknown:
        return translate("Matching", "place of work unknown")
    if match.relocation and match.commute_km is not None:
        # an estimated route (straight line × detour factor): always "ca."
        km = translate("Matching", "approx. %1").replace("%1", f"{round(match.commute_km)} km")
        return translate("Matching", "only with a move (%1)").replace("%1", km)
    if match.commute_minutes is None:
        return ""
    mode = MOBILITY_MODES.get(match.mode or "", match.mode or "")
    minutes = f"{round(match.commute_minutes)} min"
    if match.commute_estimated:
        minutes = translate("Matching", "approx. %1").replace("%1", minutes)
    return f"{minutes} · {mode}"


def reasons_text(match: Match) -> str:
    return " ".join(match.reasons_in(ui_language()))


def offer_columns(status_of: Callable[[int], str], picked: Callable[[int], bool]) -> list[Column]:
    """Ranked offers for one client; `status_of(offer_id)` is the open proposal's status code."""
    status = Column(
        translate("Matching", "Status"),
        lambda m: "; ".join(
            part
            for part in (
                PROPOSAL_STATUSES.get(status_of(m.offer_id), status_of(m.offer_id)),
                translate("Matching", "on the sheet") if picked(m.offer_id) else "",
                translate("Matching", "stale") if m.stale else "",
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
        Column(translate("Matching", "Indicators"), flags_text, tooltip=flags_tooltip),
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
        Column(translate("Matching", "Why not"), why_not_text, tooltip=why_not_text),
        Column(translate("Matching", "Indicators"), flags_text, tooltip=flags_tooltip),
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
        Column(translate("Matching", "Why not"), why_not_text, tooltip=why_not_text),
    ]
