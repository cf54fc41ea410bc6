"""The timetable in words for the window: one status line, the status in detail, the About
dialog's lines (publisher, validity, licence and attribution) and a load's result."""

from __future__ import annotations

import logging
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication

from srek_desk.services.timetable import TimetableImportResult, TimetableService, TimetableStatus

log = logging.getLogger(__name__)
# The texts keep the "TimetableDialog" context: the German translation knows them by it.
translate = QCoreApplication.translate


def _day(value: Any) -> str:
    return value.strftime("%d.%m.%Y") if hasattr(value, "strftime") else "–"


def _count(value: int) -> str:
    return f"{value:,}".replace(",", ".")  # German thousands: 12.345


def status_line(status: TimetableStatus) -> str:
    """One line for the settings: publisher and validity, or that none is loaded."""
    if not status.loaded:
        return translate(
            "TimetableDialog", "No timetable loaded: bus-and-train minutes are estimated."
        )
    return (
        translate("TimetableDialog", "Timetable: %1, valid %2 to %3")
        .replace("%1", status.publisher or status.source_name or "–")
        .replace("%2", _day(status.valid_from))
        .replace("%3", _day(status.valid_to))
    )


def status_html(status: TimetableStatus) -> str:
    """The loaded timetable in detail (publisher, validity, source, counts, a warning)."""
    if not status.loaded:
        return escape(
            translate(
                "TimetableDialog",
                "No timetable is loaded. Bus-and-train minutes are estimated from the distance "
                "(marked “ca.”) or taken from the office's travel-time table.",
            )
        )
    rows = [
        (translate("TimetableDialog", "Publisher:"), status.publisher or "–"),
        (
            translate("TimetableDialog", "Valid:"),
            translate("TimetableDialog", "%1 to %2")
            .replace("%1", _day(status.valid_from))
            .replace("%2", _day(status.valid_to)),
        ),
        (translate("TimetableDialog", "Loaded from:"), status.source_name or "–"),
        (
            translate("TimetableDialog", "Contents:"),
            translate("TimetableDialog", "%1 stops, %2 lines, %3 trips, %4 stop times")
            .replace("%1", _count(status.stops))
            .replace("%2", _count(status.routes))
            .replace("%3", _count(status.trips))
            .replace("%4", _count(status.stop_times)),
        ),
    ]
    # lines, not a table: a word-wrapped QLabel sizes a table too small
    html = "<br>".join(f"<b>{escape(label)}</b> {escape(value)}" for label, value in rows)
    if status.warning:
        html += f'<p style="color:#9a3412;"><b>{escape(status.warning)}</b></p>'
    return html


def about_html(status: TimetableStatus) -> str:
    """The About dialog's paragraph on the timetable: publisher, validity and the licence and
    attribution the publisher asks for ("" when none is loaded)."""
    if not status.loaded:
        return ""
    publisher = escape(status.publisher or status.source_name or "–")
    if status.publisher_url.startswith(("http://", "https://")):
        url = escape(status.publisher_url, quote=True)
        publisher = f'<a href="{url}">{publisher}</a>'
    text = (
        escape(translate("TimetableDialog", "Timetable data: %1, valid %2 to %3."))
        .replace("%1", publisher)
        .replace("%2", _day(status.valid_from))
        .replace("%3", _day(status.valid_to))
    )
    if status.attribution.strip():
        text += "<br>" + escape(status.attribution.strip()).replace("\n", "<br>")
    return "<p>" + text + "</p>"


def timetable_about(database: Any, config: Any) -> str:
    """`about_html` of the database's timetable; a failure to read it leaves the lines out."""
    try:
        return about_html(TimetableService(database, config).status())
    except Exception:
        log.exception("reading the timetable for the About dialog failed")
        return ""


def result_text(result: TimetableImportResult) -> str:
    """What a successful load kept: counts, validity, publisher, the reader's notes."""
    lines = [
        translate(
            "TimetableDialog", "Timetable “%1” loaded: %2 stops, %3 lines, %4 trips, %5 stop times."
        )
        .replace("%1", result.source_name)
        .replace("%2", _count(result.stops))
        .replace("%3", _count(result.routes))
        .replace("%4", _count(result.trips))
        .replace("%5", _count(result.stop_times)),
        translate("TimetableDialog", "Valid %1 to %2; publisher: %3.")
        .replace("%1", _day(result.valid_from))
        .replace("%2", _day(result.valid_to))
        .replace("%3", result.publisher or "–"),
    ]
    if result.region_km:
        lines.append(
            translate(
                "TimetableDialog", "Kept: the stops within %1 km of the office (%2 stops outside)."
            )
            .replace("%1", f"{result.region_km:g}")
            .replace("%2", _count(result.dropped_stops))
        )
    lines += [str(warning) for warning in result.warnings]  # German, from the reader
    lines.append(
        translate("TimetableDialog", "Matching takes bus-and-train minutes from it from now on.")
    )
    return "\n".join(lines)
