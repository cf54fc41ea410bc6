"""Machine-wide settings from the Windows registry: Group Policy and the MSI installer's values.

Two keys under HKEY_LOCAL_MACHINE carry settings, both with the value names of `REGISTRY_NAMES`:

- ``Software\\Policies\\SREK\\Desk`` — written by Group Policy (srek-desk.admx). It wins over
  every other layer, the command line included: that is what a policy is for.
- ``Software\\SREK\\Desk`` — written by the MSI from its ``DATABASE_URL`` and ``OFFICE_NAME``
  properties. It is the lowest layer, below the machine config file in ProgramData.

The registry is read through a `RegistryReader` (key path → value name → value), so tests run on
any platform with a plain dict; on Windows `windows_registry_reader` reads the real registry.
A value that is unknown or does not fit its setting is logged as a German warning and ignored:
one wrong policy must not keep the app from starting.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Mapping
from typing import Any

from srek_desk.errors import UserError
from srek_desk.settings_schema import coerce, setting

log = logging.getLogger(__name__)

POLICY_KEY = r"Software\Policies\SREK\Desk"
INSTALLER_KEY = r"Software\SREK\Desk"
POLICY_ORIGIN = f"Gruppenrichtlinie HKLM\\{POLICY_KEY}"
INSTALLER_ORIGIN = f"Installationsvorgabe HKLM\\{INSTALLER_KEY}"

RegistryReader = Callable[[str], Mapping[str, object]]
"""Returns the values of one HKLM key (name → str or int); an empty mapping when it is missing."""

# Registry value name → setting key. The ADMX template (packaging/windows/make_admx.py) and
# packaging/ADMIN.md list the same names; a test keeps the three in step.
REGISTRY_NAMES: dict[str, str] = {
    "DatabaseUrl": "database.url",
    "KeyFile": "database.key_file",
    "BackupsToKeep": "database.backups_to_keep",
    "BackupFolder": "backup.folder",
    "BackupDailyKeep": "backup.daily_keep",
    "BackupWeeklyKeep": "backup.weekly_keep",
    "BackupWarnAfterDays": "backup.warn_after_days",
    "MaxFailedLogins": "security.max_failed_logins",
    "LockoutMinutes": "security.lockout_minutes",
    "IdleLockMinutes": "security.idle_lock_minutes",
    "MinPasswordLength": "security.min_password_length",
    "LogViewing": "audit.log_viewing",
    "RetentionInactiveClientMonths": "retention.inactive_client_months",
    "RetentionAnonymiseInstead": "retention.anonymise_instead",
    "RetentionNoteMonths": "retention.note_months",
    "RetentionPrintedSheetMonths": "retention.printed_sheet_months",
    "RetentionAuditMonths": "retention.audit_months",
    "OfficeName": "office.name",
    "OfficeAddress": "office.address",
    "OfficePhone": "office.phone",
    "OfficeEmail": "office.email",
    "OfficeOpeningHours": "office.opening_hours",
    "OfficeLogoPath": "office.logo_path",
    "OfficePostcode": "office.postcode",
    "Language": "ui.language",
    "OfferDemoData": "ui.offer_demo_data",
    "LogLevel": "logging.level",
}

# Settings whose value must be one of a few words (the ADMX offers them as a drop-down list).
CHOICES: dict[str, tuple[str, ...]] = {
    "ui.language": ("de", "en"),
    "logging.level": ("DEBUG", "INFO", "WARNING", "ERROR"),
}

_BY_LOWER_NAME = {name.lower(): key for name, key in REGISTRY_NAMES.items()}


def windows_registry_reader(key: str) -> dict[str, object]:
    """All values of HKLM\\<key> in the 64-bit view; {} when the key is missing or unreadable."""
    if sys.platform != "win32":  # also tells mypy on Linux not to look at winreg
        return {}
    import winreg

    access = winreg.KEY_READ | winreg.KEY_WOW64_64KEY
    values: dict[str, object] = {}
    try:
        with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, key, 0, access) as handle:
            index = 0
            while True:
                try:
                    name, data, kind = winreg.EnumValue(handle, index)
                except OSError:  # no more values
                    break
                index += 1
                if kind == winreg.REG_EXPAND_SZ and isinstance(data, str):
                    data = winreg.ExpandEnvironmentStrings(data)
                values[name] = data
    except OSError:
        return {}
    return values


def default_reader() -> RegistryReader | None:
    """The real registry on Windows; None elsewhere (there is no Group Policy to read)."""
    return windows_registry_reader if sys.platform == "win32" else None


def _read_key(reader: RegistryReader, key: str, origin: str, *, skip_empty: bool) -> dict[str, Any]:
    try:
        raw = dict(reader(key))
    except OSError as exc:
        log.warning("%s kann nicht gelesen werden (%s); sie wird übergangen.", origin, exc)
        return {}
    layer: dict[str, Any] = {}
    for name, value in raw.items():
        settings_key = _BY_LOWER_NAME.get(name.lower())
        if settings_key is None:
            log.warning(
                "%s: Unbekannter Wert „%s“ wird ignoriert. Bekannt sind: %s.",
                origin,
                name,
                ", ".join(sorted(REGISTRY_NAMES)),
            )
            continue
        if isinstance(value, str):
            value = value.strip()
            if skip_empty and not value:
                continue
        try:
            layer[settings_key] = _convert(settings_key, value)
        except ValueError as exc:
            log.warning("%s: Wert „%s“ wird ignoriert: %s", origin, name, exc)
    return layer


def _convert(settings_key: str, value: object) -> Any:
    """The setting's value from a registry value; ValueError with a German reason otherwise."""
    spec = setting(settings_key)
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise ValueError("Nur Text (REG_SZ) oder Zahlen (REG_DWORD) sind möglich.")
    try:
        converted = coerce(spec, value, "Registry")
    except UserError:
        expected = {int: "eine ganze Zahl", bool: "0 oder 1", float: "eine Zahl"}
        raise ValueError(
            f"„{value}“ passt nicht zu „{settings_key}“ "
            f"(erwartet: {expected.get(spec.type, 'Text')})."
        ) from None
    if spec.type is int and converted < 0:
        raise ValueError(f"„{value}“ ist negativ; „{settings_key}“ braucht eine Zahl ab 0.")
    if settings_key in CHOICES:
        for allowed in CHOICES[settings_key]:
            if str(converted).lower() == allowed.lower():
                return allowed
        raise ValueError(
            f"„{value}“ ist für „{settings_key}“ nicht möglich "
            f"(erlaubt: {', '.join(CHOICES[settings_key])})."
        )
    return converted


def read_policy_settings(reader: RegistryReader | None) -> dict[str, Any]:
    """Settings set by Group Policy (HKLM\\Software\\Policies\\SREK\\Desk)."""
    if reader is None:
        return {}
    return _read_key(reader, POLICY_KEY, POLICY_ORIGIN, skip_empty=False)


def read_installer_settings(reader: RegistryReader | None) -> dict[str, Any]:
    """Settings the MSI wrote (HKLM\\Software\\SREK\\Desk); empty values mean "not given"."""
    if reader is None:
        return {}
    return _read_key(reader, INSTALLER_KEY, INSTALLER_ORIGIN, skip_empty=True)
