"""The match details' connection by the timetable: when to leave, each ride (line, from and
departure, to and arrival), walks, the changes and when she arrives — so the trip can be made."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from srek_desk.matching.transit import clock

if TYPE_CHECKING:
    from srek_desk.geo.transit.journeys import Leg
    from srek_desk.matching.transit import Connection

# The texts keep the "Connection" context: the German translation knows them by it.
translate = QCoreApplication.translate

# the names the journey search gives the two ends (geo.transit.journeys START/DESTINATION_NAME)
_START, _DESTINATION = "Start", "Ziel"


def _place(name: str) -> str:
    if name == _START:
        return translate("Connection", "home")
    if name == _DESTINATION:
        return translate("Connection", "place of work")
    return name


def _minutes(seconds: int) -> str:
    return translate("Connection", "%1 min").replace("%1", str(max(1, round(seconds / 60))))


def leg_text(leg: Leg) -> str:
    """One line of the connection as HTML: a ride with its line in bold, or a walk."""
    if leg.kind == "ride":
        return (
            translate("Connection", "%1: %2 %3 → %4 %5")
            .replace("%1", "<b>" + escape(leg.route or "?") + "</b>")
            .replace("%2", escape(leg.from_name))
            .replace("%3", clock(leg.depart))
            .replace("%4", escape(leg.to_name))
            .replace("%5", clock(leg.arrive))
        )
    return escape(
        translate("Connection", "on foot: %1 → %2 (%3)")
        .replace("%1", _place(leg.from_name))
        .replace("%2", _place(leg.to_name))
        .replace("%3", _minutes(leg.arrive - leg.depart))
    )


def changes_text(transfers: int) -> str:
    if transfers <= 0:
        return translate("Connection", "no change")
    return translate("Connection", "%n change(s)", "", transfers)


def connection_html(connection: Connection | None) -> str:
    """The connection as an HTML block for a QTextBrowser ("" without one)."""
    if connection is None:
        return ""
    journey = connection.journey
    heading = (
        translate("Connection", "Connection by the timetable on %1 (arrive by %2)")
        .replace("%1", connection.day.strftime("%d.%m.%Y"))
        .replace("%2", clock(connection.arrive_by))
    )
    lines = [
        escape(translate("Connection", "Leave at %1").replace("%1", clock(journey.depart))),
        *(leg_text(leg) for leg in journey.legs),
        escape(
            translate("Connection", "Arrive at %1 – %2 door to door, %3, walks estimated")
            .replace("%1", clock(journey.arrive))
            .replace("%2", _minutes(journey.arrive - journey.depart))
            .replace("%3", changes_text(journey.transfers))
        ),
    ]
    return (
        "<p><b>"
        + escape(heading)
        + "</b></p><ol>"
        + "".join("<li>" + line + "</li>" for line in lines)
        + "</ol>"
    )
