"""What the status says about the loaded timetable's validity, and Heute's one-line warning."""

from __future__ import annotations

from datetime import date

import pytest

from srek_desk.services.timetable import TimetableStatus

VALUES = {"valid_from": date(2026, 12, 1), "valid_to": date(2027, 6, 30), "source_name": "f.zip"}


@pytest.mark.parametrize(
    ("today", "days_left", "expired", "ends_soon", "warning"),
    [
        (date(2027, 5, 1), 60, False, False, None),
        (
            date(2027, 5, 31),
            30,
            False,
            True,
            "Der Fahrplan endet am 30. Juni 2027 (in 30 Tagen) – bitte rechtzeitig einen neuen laden.",
        ),
        (
            date(2027, 6, 18),
            12,
            False,
            True,
            "Der Fahrplan endet am 30. Juni 2027 (in 12 Tagen) – bitte rechtzeitig einen neuen laden.",
        ),
        (
            date(2027, 6, 29),
            1,
            False,
            True,
            "Der Fahrplan endet am 30. Juni 2027 (morgen) – bitte rechtzeitig einen neuen laden.",
        ),
        (
            date(2027, 6, 30),
            0,
            False,
            True,
            "Der Fahrplan endet am 30. Juni 2027 (heute) – bitte rechtzeitig einen neuen laden.",
        ),
        (
            date(2027, 7, 3),
            -3,
            True,
            False,
            "Der Fahrplan ist seit 1. Juli 2027 abgelaufen – bitte einen neuen laden "
            "(Einstellungen › Fahrzeiten › Fahrplan laden…).",
        ),
    ],
)
def test_days_left_and_warning(
    today: date, days_left: int, expired: bool, ends_soon: bool, warning: str | None
) -> None:
    status = TimetableStatus.of(dict(VALUES), today)
    assert (status.days_left, status.expired, status.ends_soon) == (days_left, expired, ends_soon)
    assert status.warning == warning
    assert status.to_json()["warning"] == warning


def test_nothing_loaded_warns_nothing_and_says_so() -> None:
    status = TimetableStatus(loaded=False)
    assert status.warning is None and status.days_left is None
    assert status.to_json()["loaded"] is False
    assert "kein Fahrplan geladen" in status.text()


def test_january_is_written_out() -> None:
    status = TimetableStatus.of({"valid_to": date(2027, 1, 2)}, date(2027, 1, 10))
    assert status.warning is not None and "seit 3. Januar 2027 abgelaufen" in status.warning
