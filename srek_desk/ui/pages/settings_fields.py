"""Einstellungen › the form of a settings group: each setting's label, an input that fits the
setting's type, and the value shown in that input and read back out of it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from srek_desk.ui.sheet_output import language_choice

# The texts keep the "SettingsPage" context: the German translation knows them by it.
translate = QCoreApplication.translate


def setting_labels() -> dict[str, str]:
    return {
        "office.name": translate("SettingsPage", "&Name of the office:"),
        "office.address": translate("SettingsPage", "&Address:"),
        "office.phone": translate("SettingsPage", "&Phone:"),
        "office.email": translate("SettingsPage", "E-&mail:"),
        "office.opening_hours": translate("SettingsPage", "&Opening hours:"),
        "office.logo_path": translate("SettingsPage", "&Logo (PNG or JPEG):"),
        "office.postcode": translate("SettingsPage", "Post&code of the office:"),
        "commute.car_detour_factor": translate("SettingsPage", "Car: &detour factor:"),
        "commute.car_speed_kmh": translate("SettingsPage", "Car: &speed (km/h):"),
        "commute.car_access_minutes": translate("SettingsPage", "Car: &extra minutes:"),
        "commute.pt_detour_factor": translate("SettingsPage", "Bus and train: d&etour factor:"),
        "commute.pt_speed_kmh": translate("SettingsPage", "Bus and train: s&peed (km/h):"),
        "commute.pt_access_minutes": translate("SettingsPage", "Bus and train: e&xtra minutes:"),
        "commute.bike_detour_factor": translate("SettingsPage", "Bike: de&tour factor:"),
        "commute.bike_speed_kmh": translate("SettingsPage", "Bike: spee&d (km/h):"),
        "commute.bike_access_minutes": translate("SettingsPage", "Bike: extra m&inutes:"),
        "commute.walk_detour_factor": translate("SettingsPage", "On foot: detour f&actor:"),
        "commute.walk_speed_kmh": translate("SettingsPage", "On f&oot: speed (km/h):"),
        "commute.walk_access_minutes": translate("SettingsPage", "On foot: extra mi&nutes:"),
        "commute.arrive_by": translate("SettingsPage", "Bus and train: arrive &by:"),
        "matching.weight_occupation": translate("SettingsPage", "&Occupation:"),
        "matching.weight_commute": translate("SettingsPage", "&Commute:"),
        "matching.weight_qualification": translate("SettingsPage", "&Qualification:"),
        "matching.weight_start": translate("SettingsPage", "&Start date:"),
        "matching.weight_working_time": translate("SettingsPage", "&Working time:"),
        "matching.weight_language": translate("SettingsPage", "&German level:"),
        "matching.near_miss_extra_minutes": translate(
            "SettingsPage", "&Near misses up to … minutes more:"
        ),
        "matching.weight_skills": translate("SettingsPage", "Desirable ski&lls:"),
        "matching.stale_after_days": translate(
            "SettingsPage", "Offers are stale when not confirmed for … &days:"
        ),
        "matching.new_chance_min_score": translate("SettingsPage", "New chances from a scor&e of:"),
        "reminders.no_contact_days": translate("SettingsPage", "&No contact for … days:"),
        "reminders.apprenticeship_start_days": translate(
            "SettingsPage", "&Apprenticeship starts within … days without a placement:"
        ),
        "reminders.deadline_days": translate(
            "SettingsPage", "Proposed offer's deadline w&ithin … days:"
        ),
        "sheet.default_offers": translate("SettingsPage", "&Offers on a new sheet:"),
        "sheet.default_language": translate("SettingsPage", "&Language of a new sheet:"),
        "ui.language": translate("SettingsPage", "&Language of the program (after a restart):"),
        "ui.offer_demo_data": translate(
            "SettingsPage", "Offer &demo data when the database is empty"
        ),
    }


def setting_input(key: str, kind: type, parent: QWidget) -> QWidget:
    """The input for one setting, named for screen readers by the setting's label."""
    name = setting_labels().get(key, key).replace("&", "").rstrip(":")
    widget: Any
    if key == "sheet.default_language":
        widget = language_choice(parent)
    elif key == "ui.language":
        widget = QComboBox(parent)
        widget.addItem(translate("SettingsPage", "German"), "de")
        widget.addItem(translate("SettingsPage", "English"), "en")
    elif key == "commute.arrive_by":
        widget = QTimeEdit(parent)
        widget.setDisplayFormat("HH:mm")
    elif kind is bool:
        widget = QCheckBox()
    elif kind is int:
        widget = QSpinBox()
        widget.setRange(0, 10_000)
    elif kind is float:
        widget = QDoubleSpinBox()
        widget.setRange(0, 1000)
        widget.setDecimals(2)
        widget.setSingleStep(0.05 if key.endswith("factor") else 1)
    else:
        widget = QLineEdit()
    widget.setAccessibleName(name)
    return widget  # type: ignore[no-any-return]


def show_value(widget: QWidget, value: Any) -> None:
    if isinstance(widget, QTimeEdit):
        time = QTime.fromString(str(value).strip().zfill(5), "HH:mm")
        widget.setTime(time if time.isValid() else QTime(7, 30))
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(max(0, widget.findData(value)))
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        widget.setValue(value)
    elif isinstance(widget, QLineEdit):
        widget.setText(str(value))


def read_value(widget: QWidget) -> Any:
    if isinstance(widget, QTimeEdit):
        return widget.time().toString("HH:mm")
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        return widget.value()
    if isinstance(widget, QLineEdit):
        return widget.text().strip()
    raise TypeError(f"not a setting input: {type(widget).__name__}")
