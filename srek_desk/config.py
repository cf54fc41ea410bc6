"""Typed settings, declared once with type and default, read from four layers.

Precedence (later wins): installer values (Windows registry) < machine config (IT staff) < user
config < environment < command line < Group Policy (Windows registry, see `srek_desk.policy`).
Files are TOML with dotted keys grouped in tables, e.g. ``[office] name = "Agentur Kassel"``.
Environment variables are ``SREK_`` plus the key in upper case with dots as underscores
(``SREK_OFFICE_NAME``); ``SREK_DB`` is the short form of ``database.url``.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from srek_desk import paths
from srek_desk.errors import UserError

CONFIG_FILE_NAME = "config.toml"
CONFIG_SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Setting:
    key: str
    type: type
    default: Any
    description: str

    @property
    def env_name(self) -> str:
        return "SREK_" + self.key.upper().replace(".", "_")


SETTINGS: tuple[Setting, ...] = (
    Setting("database.url", str, "", "SQLite file path or SQLAlchemy URL; empty: user data dir"),
    Setting("database.backups_to_keep", int, 10, "Automatic backups kept before the oldest go"),
    Setting("database.key_file", str, "", "SQLCipher: file holding the key; empty: no encryption"),
    Setting(
        "database.admin_url", str, "", "PostgreSQL: URL of the role that migrates; empty: none"
    ),
    Setting("database.password_file", str, "", "PostgreSQL: libpq password file (.pgpass)"),
    Setting("database.sslmode", str, "", "PostgreSQL TLS: disable … verify-full; empty: libpq"),
    Setting("database.sslrootcert", str, "", "PostgreSQL TLS: CA certificate file"),
    Setting("database.sslcert", str, "", "PostgreSQL TLS: client certificate file"),
    Setting("database.sslkey", str, "", "PostgreSQL TLS: client key file"),
    Setting("database.connect_timeout", int, 10, "PostgreSQL: seconds to wait for the server"),
    Setting("backup.folder", str, "", "Folder for automatic backups; empty: next to the database"),
    Setting("backup.daily_keep", int, 7, "Daily backups kept"),
    Setting("backup.weekly_keep", int, 4, "Weekly backups kept (the newest of each week)"),
    Setting("backup.warn_after_days", int, 3, "Warn when the newest backup is older than this"),
    Setting("security.max_failed_logins", int, 5, "Failed logins before an account is locked"),
    Setting("security.lockout_minutes", int, 15, "How long a locked account stays locked"),
    Setting("security.idle_lock_minutes", int, 10, "Lock the window after inactivity; 0: never"),
    Setting("security.min_password_length", int, 10, "Shortest password accepted"),
    Setting("audit.log_viewing", bool, False, "Also log who opened a client (staff council)"),
    Setting("retention.inactive_client_months", int, 24, "Clients without contact: delete after"),
    Setting(
        "retention.anonymise_instead", bool, False, "Anonymise due clients instead of deleting"
    ),
    Setting("retention.note_months", int, 24, "Counselling notes: delete after (months)"),
    Setting("retention.printed_sheet_months", int, 12, "Printed-sheet records: delete after"),
    Setting("retention.audit_months", int, 36, "Audit log entries: delete after (months)"),
    Setting(
        "office.name", str, "Beratungsstelle", "Name of the office, on sheets and in the title"
    ),
    Setting("office.address", str, "", "Postal address, one line"),
    Setting("office.phone", str, "", "Phone number of the office"),
    Setting("office.email", str, "", "E-mail address of the office"),
    Setting("office.opening_hours", str, "", "Opening hours as shown to clients"),
    Setting("office.logo_path", str, "", "PNG or JPEG logo for sheets"),
    Setting(
        "office.postcode", str, "34117", "Postcode of the office, centre for maps and distances"
    ),
    Setting("ui.language", str, "de", "User interface language: de or en"),
    Setting("ui.offer_demo_data", bool, True, "Offer demo data when the database is empty"),
    Setting("ui.refresh_seconds", int, 20, "Shared server: reload lists others changed, every"),
    Setting("logging.level", str, "INFO", "DEBUG, INFO, WARNING or ERROR"),
    # Commute estimate: straight-line distance times a detour factor at an average speed,
    # plus a fixed access time (walking to the stop / car park). Values from typical
    # rural/small-town conditions in the region; offices may tune them.
    Setting("commute.car_detour_factor", float, 1.3, "Road distance / straight-line distance"),
    Setting("commute.car_speed_kmh", float, 55.0, "Average door-to-door car speed"),
    Setting("commute.car_access_minutes", float, 4.0, "Parking and walking, car"),
    Setting(
        "commute.pt_detour_factor", float, 1.45, "Route distance / straight line, bus and train"
    ),
    Setting(
        "commute.pt_speed_kmh", float, 30.0, "Average in-vehicle speed incl. stops and changes"
    ),
    Setting("commute.pt_access_minutes", float, 15.0, "Walk to stop, average waiting time"),
    Setting("commute.bike_detour_factor", float, 1.25, "Route distance / straight line, bike"),
    Setting("commute.bike_speed_kmh", float, 15.0, "Average cycling speed"),
    Setting("commute.bike_access_minutes", float, 2.0, "Getting the bike ready"),
    Setting("matching.weight_occupation", float, 40.0, "Weight of the occupation in the score"),
    Setting("matching.weight_commute", float, 25.0, "Weight of the commute in the score"),
    Setting("matching.weight_qualification", float, 15.0, "Weight of school/vocational fit"),
    Setting("matching.weight_start", float, 8.0, "Weight of the start date"),
    Setting("matching.weight_working_time", float, 7.0, "Weight of full/part time fit"),
    Setting("matching.weight_language", float, 5.0, "Weight of the German level fit"),
    Setting(
        "matching.near_miss_extra_minutes",
        float,
        30.0,
        "Commute beyond the maximum still shown as near miss",
    ),
    Setting("matching.weight_skills", float, 5.0, "Weight of the desirable skills a client has"),
    Setting(
        "matching.stale_after_days",
        int,
        30,
        "Days after its last confirmation when an offer counts as stale",
    ),
    Setting(
        "matching.new_chance_min_score", float, 70.0, "Lowest score of a new chance after imports"
    ),
    Setting("reminders.no_contact_days", int, 42, "Remind when a client had no contact this long"),
    Setting(
        "reminders.apprenticeship_start_days",
        int,
        90,
        "Remind this many days before an apprenticeship start without a placement",
    ),
    Setting(
        "reminders.deadline_days",
        int,
        7,
        "Remind when a proposed offer's application deadline is this close",
    ),
    Setting("sheet.default_offers", int, 5, "Offers on a new opportunity sheet"),
    Setting("sheet.default_language", str, "de", "Language of a new sheet: de, de-simple or en"),
)

_BY_KEY: dict[str, Setting] = {s.key: s for s in SETTINGS}


def setting(key: str) -> Setting:
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"unknown setting {key!r}") from None


def _coerce(spec: Setting, value: Any, origin: str) -> Any:
    if spec.type is bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in {"1", "true", "yes", "ja", "on"}:
            return True
        if text in {"0", "false", "no", "nein", "off"}:
            return False
    else:
        try:
            if spec.type is str:
                return str(value)
            if spec.type is int and not isinstance(value, bool):
                return int(value)
            if spec.type is float and not isinstance(value, bool):
                return float(str(value).replace(",", "."))
        except (TypeError, ValueError):
            pass
    raise UserError(
        f"Einstellung „{spec.key}“ in {origin}: „{value}“ ist kein gültiger Wert "
        f"(erwartet: {_TYPE_NAMES.get(spec.type, spec.type.__name__)})."
    )


_TYPE_NAMES = {str: "Text", int: "ganze Zahl", float: "Zahl", bool: "ja/nein"}


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        full = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, full + "."))
        else:
            flat[full] = value
    return flat


def read_config_file(path: Path) -> dict[str, Any]:
    """Read one TOML layer; unknown keys are ignored (a newer version may have written them)."""
    if not path.is_file():
        return {}
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"Die Konfigurationsdatei {path} ist fehlerhaft: {exc}") from exc
    except OSError as exc:
        raise UserError(f"Die Konfigurationsdatei {path} kann nicht gelesen werden: {exc}") from exc
    flat = _flatten(data)
    flat.pop("schema", None)
    return {k: _coerce(_BY_KEY[k], v, str(path)) for k, v in flat.items() if k in _BY_KEY}


class Config:
    """Resolved settings plus where each value came from."""

    def __init__(self, values: Mapping[str, Any], sources: Mapping[str, str]) -> None:
        self._values = dict(values)
        self._sources = dict(sources)

    @classmethod
    def defaults(cls) -> Config:
        return cls({s.key: s.default for s in SETTINGS}, {s.key: "default" for s in SETTINGS})

    @classmethod
    def load(
        cls,
        *,
        machine_file: Path | None = None,
        user_file: Path | None = None,
        environ: Mapping[str, str] | None = None,
        overrides: Mapping[str, Any] | None = None,
        registry: Callable[[str], Mapping[str, object]] | None = None,
    ) -> Config:
        """`registry` returns the values of one HKLM key (`srek_desk.policy`); None: Windows' own."""
        from srek_desk import policy

        registry = registry or policy.default_reader()
        machine_file = machine_file or paths.machine_config_dir() / CONFIG_FILE_NAME
        user_file = user_file or paths.user_config_dir() / CONFIG_FILE_NAME
        environ = os.environ if environ is None else environ
        config = cls.defaults()
        config._apply(policy.read_installer_settings(registry), policy.INSTALLER_ORIGIN)
        for origin, layer in (
            (f"Maschinenkonfiguration {machine_file}", read_config_file(machine_file)),
            (f"Benutzerkonfiguration {user_file}", read_config_file(user_file)),
        ):
            config._apply(layer, origin)
        env_layer: dict[str, Any] = {}
        for spec in SETTINGS:
            if spec.env_name in environ:
                env_layer[spec.key] = _coerce(spec, environ[spec.env_name], spec.env_name)
        if environ.get("SREK_DB"):
            env_layer["database.url"] = environ["SREK_DB"]
        config._apply(env_layer, "Umgebung")
        config._apply(
            {k: _coerce(setting(k), v, "Befehlszeile") for k, v in (overrides or {}).items()},
            "Befehlszeile",
        )
        # Group Policy wins over everything, the command line included: that is its purpose.
        config._apply(policy.read_policy_settings(registry), policy.POLICY_ORIGIN)
        return config

    def _apply(self, layer: Mapping[str, Any], origin: str) -> None:
        for key, value in layer.items():
            self._values[key] = value
            self._sources[key] = origin

    def __getitem__(self, key: str) -> Any:
        setting(key)
        return self._values[key]

    def get(self, key: str) -> Any:
        return self[key]

    def source(self, key: str) -> str:
        return self._sources[key]

    def with_values(self, **values: Any) -> Config:
        """A copy with some keys replaced (keys use '__' for '.': office__name=...)."""
        changed = {k.replace("__", "."): v for k, v in values.items()}
        copy = Config(self._values, self._sources)
        copy._apply({k: _coerce(setting(k), v, "Programm") for k, v in changed.items()}, "Programm")
        return copy

    def as_dict(self) -> dict[str, Any]:
        return dict(self._values)


def write_user_config(values: Mapping[str, Any], path: Path | None = None) -> Path:
    """Write the given settings into the user config file, keeping the other keys there."""
    path = path or paths.user_config_dir() / CONFIG_FILE_NAME
    current = read_config_file(path)
    for key, value in values.items():
        current[key] = _coerce(setting(key), value, "Programm")
    tables: dict[str, dict[str, Any]] = {}
    for key, value in sorted(current.items()):
        table, _, name = key.rpartition(".")
        tables.setdefault(table, {})[name] = value
    lines = [f"schema = {CONFIG_SCHEMA_VERSION}", ""]
    for table, entries in tables.items():
        lines.append(f"[{table}]")
        lines.extend(f"{name} = {_toml_value(value)}" for name, value in entries.items())
        lines.append("")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(lines), encoding="utf-8")
    tmp.replace(path)
    return path


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    # TOML basic strings: backslash and quote escaped, every control character as \uXXXX.
    escaped = "".join(
        "\\\\"
        if ch == "\\"
        else '\\"'
        if ch == '"'
        else f"\\u{ord(ch):04x}"
        if ord(ch) < 0x20 or ord(ch) == 0x7F
        else ch
        for ch in str(value)
    )
    return f'"{escaped}"'
